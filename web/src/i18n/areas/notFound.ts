import { area } from '../area';

export default area(
  {
    title: '页面不存在',
    body: '您访问的页面不存在或已被移除。',
    workbench: '返回工作台',
    public: '公开征求意见',
  },
  {
    title: 'Page not found',
    body: 'The page you asked for does not exist or has been removed.',
    workbench: 'Back to the workbench',
    public: 'Drafts open for comment',
  },
);
