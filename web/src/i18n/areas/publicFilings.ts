import { area } from '../area';

// 备案目录: the public catalogue of the normative documents registered as filed with a government.
export default area(
  {
    brand: '规范性文件备案目录',
    brandSub: '报送备案并经登记的行政规范性文件',
    intro:
      '下级人民政府制定的行政规范性文件，公布后报送上一级人民政府备案。本目录按季度列出备案机关已予登记的文件，任何单位和个人均可查阅，无需登录。对文件有意见的，可以向备案机关提出审查建议。',
    consultationsLink: '查看正在公开征求意见的草案',
    government: '备案机关',
    pickGovernment: '请选择备案机关',
    year: '年度',
    yearOption: '{y}年',
    quarter: '季度',
    quarterOption: { 1: '第一季度', 2: '第二季度', 3: '第三季度', 4: '第四季度' },
    quarterChoice: { 1: '第一季度（1—3月）', 2: '第二季度（4—6月）', 3: '第三季度（7—9月）', 4: '第四季度（10—12月）' },
    heading: '{name}{year}年{quarter}备案登记的规范性文件',
    count: '共 {n} 件。',
    empty: '该季度没有备案登记的文件',
    notFound: '没有找到该备案机关',
    loadFailed: '加载失败，请稍后刷新重试。',
    col: {
      n: '序号',
      documentNumber: '文号',
      title: '文件名称',
      issuedBy: '制定机关',
      receivedOn: '报送备案日期',
      registeredOn: '登记日期',
    },
  },
  {
    brand: 'Catalogue of filed normative documents',
    brandSub: 'Normative documents filed and registered',
    intro:
      'A government that issues a normative document files it, once published, with the government above it. This catalogue lists, quarter by quarter, the documents the government filed with has registered. Anyone may read it, with no sign-in, and may ask that government to review a document.',
    consultationsLink: 'Drafts open for public comment',
    government: 'Filed with',
    pickGovernment: 'Choose a government',
    year: 'Year',
    yearOption: '{y}',
    quarter: 'Quarter',
    quarterOption: { 1: 'first quarter', 2: 'second quarter', 3: 'third quarter', 4: 'fourth quarter' },
    quarterChoice: { 1: 'Q1 (January–March)', 2: 'Q2 (April–June)', 3: 'Q3 (July–September)', 4: 'Q4 (October–December)' },
    heading: 'Normative documents registered by {name} in the {quarter} of {year}',
    count: '{n} in all.',
    empty: 'No document was registered in this quarter',
    notFound: 'This government was not found',
    loadFailed: 'The page could not be loaded. Please refresh it later.',
    col: {
      n: 'No.',
      documentNumber: 'Document number',
      title: 'Title',
      issuedBy: 'Issued by',
      receivedOn: 'Filed on',
      registeredOn: 'Registered on',
    },
  },
);
