import { area } from '../area';

// 备案审查: the filing reviewer's inbox of the normative documents filed with their government,
// the filing government's tasks on its workbench, and the public catalogue of filed documents.
export default area(
  {
    limitsNote: '期限暂按收到后5个工作日内登记、登记后20个工作日内审查计算，待核对省级规定。',
  },
  {
    limitsNote:
      'Due dates are provisionally counted as registration within 5 working days of receipt and review within 20 working days of registration, until checked against the provincial rules.',
  },
);
