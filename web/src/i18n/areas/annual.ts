import { area } from '../area';

export default area(
  {
    title: '法治政府建设年度报告（统计部分）',
    year: '{y}年度',
    download: '下载 Word',
    loadFailed: '加载失败',
    downloadFailed: '下载失败',
    ratio: '（{num}/{den}）',
    noCases: '没有案件。',
    notCounted: '未计入分子',
  },
  {
    title: 'Annual report on building law-based government (statistics)',
    year: '{y}',
    download: 'Download Word',
    loadFailed: 'Could not load',
    downloadFailed: 'Download failed',
    ratio: ' ({num}/{den})',
    noCases: 'No cases.',
    notCounted: 'Not counted as met',
  },
);
