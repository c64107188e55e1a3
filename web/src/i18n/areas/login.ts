import { area } from '../area';

export default area(
  {
    product: '重大行政决策与规范性文件程序管理',
    username: '用户名',
    usernamePlaceholder: '请输入用户名',
    password: '密码',
    passwordPlaceholder: '请输入密码',
    submit: '登录',
    missing: '请输入用户名和密码',
    wrong: '用户名或密码不正确',
    failed: '登录失败',
    publicLead: '社会公众无需登录：',
    publicLink: '查看正在公开征求意见的草案并提出意见',
  },
  {
    product: 'Major administrative decisions and normative documents',
    username: 'User name',
    usernamePlaceholder: 'Enter your user name',
    password: 'Password',
    passwordPlaceholder: 'Enter your password',
    submit: 'Sign in',
    missing: 'Enter your user name and password',
    wrong: 'Wrong user name or password',
    failed: 'Sign-in failed',
    publicLead: 'The public need not sign in: ',
    publicLink: 'read the drafts open for comment and comment on them',
  },
);
