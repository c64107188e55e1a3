import { area } from '../area';

export default area(
  {
    languageLabel: '页面语言',
    yes: '是',
    no: '否',
    listJoin: '、',
    partsJoin: '，',
    pair: '{label}：{value}',
    nth: '（{n}）',
    network: '无法连接服务器，请检查网络后重试',
    requestFailed: '请求失败（{status}）',
    downloadFailed: '下载失败（{status}）',
  },
  {
    languageLabel: 'Page language',
    yes: 'Yes',
    no: 'No',
    listJoin: ', ',
    partsJoin: '; ',
    pair: '{label}: {value}',
    nth: ' ({n})',
    network: 'Cannot reach the server. Check the network and try again.',
    requestFailed: 'The request failed ({status})',
    downloadFailed: 'The download failed ({status})',
  },
);
