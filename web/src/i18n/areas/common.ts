import { area } from '../area';

export default area(
  {
    languageLabel: '页面语言',
  },
  {
    languageLabel: 'Page language',
  },
);
