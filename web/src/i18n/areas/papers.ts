import { area } from '../area';

export default area(
  {
    title: '文书',
    loadFailed: '暂时无法载入文书列表，请刷新重试。',
    download: '下载',
    downloadFailed: '下载失败',
  },
  {
    title: 'Papers',
    loadFailed: 'The list of papers could not be loaded just now. Refresh the page to try again.',
    download: 'Download',
    downloadFailed: 'Download failed',
  },
);
