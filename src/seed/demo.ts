import { addDays, IsoDate, shanghaiDate, WorkingCalendar } from '../../workflows';
import type { Principal } from '../auth/principal';
import type { CaseCommands } from '../cases/cases.commands';
import type { CatalogueService } from '../catalogue/catalogue.service';
import type { CleanupService } from '../cleanup/cleanup.service';
import type { FilingsService } from '../filings/filings.service';
import type { DepartmentEntity } from '../users/department.entity';
import type { GovernmentInput } from '../governments/governments.service';
import { FIRST_GOVERNMENT } from '../database/migrations/1764979200000-governments';

/**
 * Siyang County's 2023 as its report on law-based government describes it (seeds/000), driven
 * through the real procedures: the 2023 catalogue with 4 decisions carried to archiving; 3
 * government normative documents through comment, review, deliberation, publication and
 * timely filing; the clean-up of the 21 documents in force on 2023-04-24 (13 continue, 1 amend,
 * 7 repeal). Then 2024 work in progress, one case overdue; and a 2026 decision under version 2 of
 * the procedure, waiting for its fair competition review.
 */
/**
 * 江苏省 → 宿迁市 → 泗阳县 and 沭阳县. Siyang is the deployment's own government (it held the
 * county's work before governments were records), moved under the city before it has departments.
 */
export const DEMO_GOVERNMENTS: (GovernmentInput & { id: string })[] = [
  { id: 'jiangsu', name: '江苏省人民政府', level: 'province', documentPrefix: '苏政规', jurisdiction: 'jiangsu', parentId: null },
  {
    id: 'suqian',
    name: '宿迁市人民政府',
    level: 'city',
    parentId: 'jiangsu',
    documentPrefix: '宿政规',
    jurisdiction: 'jiangsu',
    reviewDepartment: 'sq-sfj',
  },
  {
    id: FIRST_GOVERNMENT,
    name: '泗阳县人民政府',
    level: 'county',
    parentId: 'suqian',
    documentPrefix: '泗政规',
    jurisdiction: 'jiangsu',
    reviewDepartment: 'sfj',
    officeDepartment: 'zfb',
  },
  {
    id: 'shuyang',
    name: '沭阳县人民政府',
    level: 'county',
    parentId: 'suqian',
    documentPrefix: '沭政规',
    jurisdiction: 'jiangsu',
    reviewDepartment: 'sy-sfj',
    officeDepartment: 'sy-zfb',
  },
];

/** The departments of the demo's other governments (Siyang's follow). */
export const DEMO_OTHER_DEPARTMENTS: DepartmentEntity[] = [
  { id: 'sq-sfj', name: '宿迁市司法局', documentPrefix: null, governmentId: 'suqian' },
  { id: 'sq-yfzsb', name: '市委依法治市办', documentPrefix: null, governmentId: 'suqian' },
  { id: 'sy-zfb', name: '沭阳县政府办公室', documentPrefix: '沭政办规', governmentId: 'shuyang' },
  { id: 'sy-sfj', name: '沭阳县司法局', documentPrefix: null, governmentId: 'shuyang' },
  { id: 'sy-fgw', name: '沭阳县发展和改革委员会', documentPrefix: '沭发改规', governmentId: 'shuyang' },
];

export const DEMO_DEPARTMENTS: Omit<DepartmentEntity, 'governmentId'>[] = [
  { id: 'county-government', name: '泗阳县人民政府', documentPrefix: '泗政规' },
  { id: 'zfb', name: '县政府办公室', documentPrefix: '泗政办规' },
  { id: 'sfj', name: '县司法局', documentPrefix: null },
  { id: 'fgw', name: '县发展和改革委员会', documentPrefix: '泗发改规' },
  { id: 'zjj', name: '县住房和城乡建设局', documentPrefix: '泗住建规' },
  { id: 'sthj', name: '县生态环境局', documentPrefix: null },
  { id: 'jyj', name: '县教育局', documentPrefix: '泗教规' },
  { id: 'yfzxb', name: '县委依法治县办', documentPrefix: null },
];

export const DEMO_USERS = [
  { username: 'admin', displayName: '系统管理员', roles: ['admin'], department: null },
  { username: 'fgw_official', displayName: '县发改委 承办人员', roles: ['official'], department: 'fgw' },
  { username: 'zjj_official', displayName: '县住建局 承办人员', roles: ['official'], department: 'zjj' },
  { username: 'zjj_official2', displayName: '县住建局 承办人员（二）', roles: ['official'], department: 'zjj' },
  { username: 'sthj_official', displayName: '县生态环境局 承办人员', roles: ['official'], department: 'sthj' },
  { username: 'jyj_official', displayName: '县教育局 承办人员', roles: ['official'], department: 'jyj' },
  { username: 'reviewer', displayName: '县司法局 合法性审查人员', roles: ['reviewer'], department: 'sfj' },
  { username: 'secretariat', displayName: '县政府办公室', roles: ['secretariat'], department: 'zfb' },
  { username: 'supervisor', displayName: '县委依法治县办 监督人员', roles: ['supervisor'], department: 'yfzxb' },
  { username: 'city_supervisor', displayName: '宿迁市委依法治市办 监督人员', roles: ['supervisor'], department: 'sq-yfzsb' },
  { username: 'city_filing', displayName: '宿迁市司法局 备案审查人员', roles: ['filingReviewer'], department: 'sq-sfj' },
  { username: 'sy_official', displayName: '沭阳县发改委 承办人员', roles: ['official'], department: 'sy-fgw' },
  { username: 'sy_reviewer', displayName: '沭阳县司法局 合法性审查人员', roles: ['reviewer'], department: 'sy-sfj' },
  { username: 'sy_secretariat', displayName: '沭阳县政府办公室', roles: ['secretariat'], department: 'sy-zfb' },
];

const OFFICIAL: Record<string, string> = { fgw: 'fgw_official', zjj: 'zjj_official', sthj: 'sthj_official', jyj: 'jyj_official' };

interface Services {
  cases: CaseCommands;
  filings: FilingsService;
  catalogue: CatalogueService;
  cleanup: CleanupService;
  calendar: WorkingCalendar;
  user: (username: string) => Principal;
}

type Case = { id: string; version: number };

/** Send one event as `who`, on the date it happened. */
function driver({ cases, user }: Services) {
  return async (who: string, c: Case, type: string, occurredAt: IsoDate, data: Record<string, unknown> = {}): Promise<Case> =>
    cases.send(user(who), c.id, { type, expectedVersion: c.version, occurredAt, data }, 'zh');
}

const DECISIONS_2023 = [
  {
    title: '泗阳县城区公共停车设施建设规划（2023—2025年）',
    department: 'fgw',
    approve: '2023-02-20',
    specialized: true,
    stabilityRisk: true,
  },
  { title: '泗阳县农村生活污水治理三年行动方案', department: 'sthj', approve: '2023-03-15', specialized: true, stabilityRisk: false },
  { title: '泗阳县城区义务教育学校布局调整方案', department: 'jyj', approve: '2023-04-10', specialized: false, stabilityRisk: true },
  { title: '泗阳县公共租赁住房保障实施方案', department: 'zjj', approve: '2023-05-08', specialized: false, stabilityRisk: false },
];

const DOCUMENTS_2023 = [
  { title: '泗阳县住房公积金缴存管理办法', department: 'zjj', drafted: '2023-05-04' },
  { title: '泗阳县政府投资项目管理办法', department: 'fgw', drafted: '2023-07-03' },
  { title: '泗阳县学前教育收费管理办法', department: 'jyj', drafted: '2023-09-04' },
];

/** The 21 government normative documents in force on 2023-04-24, issued before Docket. */
const IN_FORCE_2023: [title: string, department: string, published: IsoDate][] = [
  ['泗阳县城市供水管理办法', 'zjj', '2019-03-12'],
  ['泗阳县城市绿化管理办法', 'zjj', '2019-04-20'],
  ['泗阳县政府采购管理暂行办法', 'fgw', '2019-05-08'],
  ['泗阳县农村宅基地管理办法', 'zjj', '2019-06-17'],
  ['泗阳县城市生活垃圾分类管理办法', 'zjj', '2019-08-02'],
  ['泗阳县困难群众医疗救助实施办法', 'fgw', '2019-09-23'],
  ['泗阳县校外培训机构管理办法', 'jyj', '2019-11-05'],
  ['泗阳县政府性投资项目审计监督办法', 'fgw', '2020-01-14'],
  ['泗阳县扬尘污染防治管理办法', 'sthj', '2020-03-30'],
  ['泗阳县城镇住房保障管理办法', 'zjj', '2020-05-18'],
  ['泗阳县农村集体资产管理办法', 'fgw', '2020-07-06'],
  ['泗阳县教师交流轮岗实施办法', 'jyj', '2020-09-01'],
  ['泗阳县建设工程招标投标管理办法', 'zjj', '2020-10-26'],
  ['泗阳县畜禽养殖污染防治办法', 'sthj', '2020-12-15'],
  ['泗阳县国有土地上房屋征收与补偿实施办法', 'zjj', '2021-02-22'],
  ['泗阳县企业信用修复管理暂行办法', 'fgw', '2021-04-12'],
  ['泗阳县城市道路挖掘管理办法', 'zjj', '2021-06-07'],
  ['泗阳县中小学校服管理办法', 'jyj', '2021-08-16'],
  ['泗阳县重污染天气应急管理办法', 'sthj', '2021-10-25'],
  ['泗阳县物业服务收费管理办法', 'zjj', '2022-01-10'],
  ['泗阳县招商引资项目准入评估办法', 'fgw', '2022-03-21'],
];

/** 13 continue, 1 amend, 7 repeal: in the list's order. */
const CLEANUP_DECISIONS = [...Array(13).fill('continue'), 'amend', ...Array(7).fill('repeal')] as ('continue' | 'amend' | 'repeal')[];

async function majorDecision2023(s: Services, spec: (typeof DECISIONS_2023)[number], catalogueItemId: string) {
  const send = driver(s);
  const cal = s.calendar;
  const sponsor = OFFICIAL[spec.department];
  const A = spec.approve;
  let c: Case = await s.cases.create(
    s.user(sponsor),
    {
      procedure: 'major-decision',
      title: spec.title,
      department: spec.department,
      occurredAt: addDays(A, -7),
      problem: '群众反映集中，需统筹解决',
      reasons: '列入2023年度县政府重大行政决策事项目录',
      preliminaryPlan: '由承办单位起草方案，分步实施',
    },
    'zh',
  );
  c = await send('secretariat', c, 'APPROVE_START', A, { catalogueItemId });
  c = await send(sponsor, c, 'FINISH_DRAFT', addDays(A, 14), {
    draftSummary: `${spec.title}（草案）及起草说明`,
    specialized: spec.specialized,
    stabilityRisk: spec.stabilityRisk,
  });
  const S = addDays(A, 15);
  const E = cal.rollToWorkingDay(addDays(S, 31)).value;
  c = await send(sponsor, c, 'OPEN_PUBLIC_COMMENT', S, {
    draftText: `${spec.title}（征求意见稿）\n起草说明：本方案由承办单位在调查研究基础上起草，现向社会公开征求意见。`,
    startDate: S,
    endDate: E,
    channels: ['泗阳县人民政府网站', '泗阳日报'],
  });
  c = await send(sponsor, c, 'RECORD_COMMENT', addDays(S, 5), { content: '建议进一步明确实施步骤和资金来源。', submitter: '县人大代表' });
  c = await send(sponsor, c, 'RECORD_COMMENT', addDays(S, 10), { content: '建议增加对困难群众的照顾措施。', submitter: '众兴街道居民' });
  if (spec.specialized) {
    c = await send(sponsor, c, 'RECORD_EXPERT_ARGUMENTATION', addDays(S, 12), {
      experts: [
        { name: '王教授', affiliation: '南京大学', conflictOfInterest: false },
        { name: '刘高工', affiliation: '江苏省规划设计研究院', conflictOfInterest: false },
        { name: '陈律师', affiliation: '江苏泗州律师事务所', conflictOfInterest: false },
      ],
      opinionSummary: '方案总体可行，建议分期实施并加强资金保障；一名专家对第二期规模持保留意见。',
      adoptionSummary: '分期实施建议已采纳；保留意见已在起草说明中说明。',
    });
  }
  if (spec.stabilityRisk) {
    c = await send(sponsor, c, 'RECORD_RISK_ASSESSMENT', addDays(S, 13), {
      riskLevel: 'medium',
      controllable: true,
      measures: '加强政策解读，设立过渡期，建立矛盾纠纷化解机制',
      riskPoints: ['群众对收费标准有疑虑', '施工期间出行不便'],
      responsePlan: '由承办单位牵头制定应急处置预案',
      assessor: '泗阳县社会稳定风险评估中心',
    });
  }
  const closed = addDays(E, 1);
  c = await send(sponsor, c, 'CLOSE_PUBLIC_COMMENT', closed);
  c = await send(sponsor, c, 'DISPOSE_COMMENT', closed, {
    commentId: 'c1',
    disposition: 'adopted',
    reason: '已在方案中明确实施步骤和资金来源',
  });
  c = await send(sponsor, c, 'DISPOSE_COMMENT', closed, {
    commentId: 'c2',
    disposition: 'partly-adopted',
    reason: '困难群众照顾措施另行制定细则',
  });
  c = await send(sponsor, c, 'COMPLETE_PUBLIC_PARTICIPATION', addDays(E, 2));
  const submitted = addDays(E, 3);
  c = await send(sponsor, c, 'SUBMIT_FOR_LEGALITY_REVIEW', submitted, { reviewDueDate: cal.addWorkingDays(submitted, 10).value });
  const opinionOn = cal.addWorkingDays(submitted, 6).value;
  c = await send('reviewer', c, 'ISSUE_LEGALITY_OPINION', opinionOn, {
    conclusion: 'lawful',
    opinion: '经审查，决策草案符合法律法规规定，程序合法。',
  });
  const meeting = cal.rollToWorkingDay(addDays(opinionOn, 7)).value;
  c = await send('secretariat', c, 'RECORD_COLLECTIVE_DECISION', meeting, {
    meetingType: 'standing',
    meetingDate: meeting,
    outcome: 'approved',
    dissentingOpinions: [],
    headOverrodeMajority: false,
  });
  c = await send('secretariat', c, 'REPORT_TO_PARTY_COMMITTEE', addDays(meeting, 3), {
    reference: '泗政请〔2023〕' + meeting.slice(5, 7) + '号',
  });
  c = await send('secretariat', c, 'PUBLISH_DECISION', addDays(meeting, 7), {
    channels: ['泗阳县人民政府公报', '泗阳县人民政府网站'],
    adoptionExplanation: '共收到公众意见2条，采纳1条、部分采纳1条；专家论证意见已采纳。',
  });
  c = await send('secretariat', c, 'ARCHIVE', addDays(meeting, 30), { archiveNumber: `SYJC-2023-${catalogueItemId.slice(5)}` });
  return c;
}

async function normativeDocument2023(s: Services, spec: (typeof DOCUMENTS_2023)[number]) {
  const send = driver(s);
  const cal = s.calendar;
  const sponsor = OFFICIAL[spec.department];
  const D = spec.drafted;
  let c: Case = await s.cases.create(
    s.user(sponsor),
    {
      procedure: 'normative-document',
      title: spec.title,
      department: spec.department,
      occurredAt: D,
      affectsPublicRights: true,
      marketRelated: false,
      interim: false,
      issuingOrgan: 'government',
    },
    'zh',
  );
  const S = addDays(D, 1);
  const E = cal.addWorkingDays(S, 10).value;
  c = await send(sponsor, c, 'OPEN_PUBLIC_COMMENT', S, {
    draftText: `${spec.title}（征求意见稿）\n起草说明：本办法涉及公民、法人和其他组织的权利义务，现向社会公开征求意见。`,
    startDate: S,
    endDate: E,
    channels: ['泗阳县人民政府网站'],
  });
  c = await send(sponsor, c, 'RECORD_COMMENT', addDays(S, 2), { content: '建议明确办理时限。', submitter: '县律师协会' });
  const closed = addDays(E, 1);
  c = await send(sponsor, c, 'CLOSE_PUBLIC_COMMENT', closed);
  c = await send(sponsor, c, 'DISPOSE_COMMENT', closed, { commentId: 'c1', disposition: 'adopted', reason: '已增加办理时限条款' });
  c = await send(sponsor, c, 'COMPLETE_PUBLIC_PARTICIPATION', closed);
  const submitted = addDays(E, 2);
  c = await send(sponsor, c, 'SUBMIT_FOR_LEGALITY_REVIEW', submitted, { reviewDueDate: cal.addWorkingDays(submitted, 10).value });
  const opinionOn = cal.addWorkingDays(submitted, 5).value;
  c = await send('reviewer', c, 'ISSUE_LEGALITY_OPINION', opinionOn, {
    conclusion: 'lawful',
    opinion: '经审核，该文件制定主体适格、内容合法、程序规范。',
  });
  const meeting = cal.rollToWorkingDay(addDays(opinionOn, 5)).value;
  c = await send('secretariat', c, 'RECORD_COLLECTIVE_DELIBERATION', meeting, {
    meetingType: 'standing',
    meetingDate: meeting,
    outcome: 'approved',
  });
  const published = addDays(meeting, 5);
  c = await send('secretariat', c, 'PUBLISH_DOCUMENT', published, {
    channels: ['泗阳县人民政府网站', '泗阳县人民政府公报'],
    effectiveDate: addDays(published, 30),
  });
  c = await send('secretariat', c, 'RECORD_FILING', addDays(published, 10), { filedWith: '宿迁市人民政府' });
  return c;
}

export async function runDemo(s: Services): Promise<void> {
  const send = driver(s);
  const secretariat = s.user('secretariat');

  // 2023 年度县政府重大行政决策事项目录, published after the annual planning meeting
  const items: string[] = [];
  for (const d of DECISIONS_2023) {
    items.push((await s.catalogue.addItem(2023, { title: d.title, department: d.department, addedOn: '2023-01-30' }, secretariat)).id);
  }
  await s.catalogue.publish(2023, '2023-02-10', secretariat);

  // the 21 documents in force before Docket, registered so the clean-up can cover them
  const registered: string[] = [];
  const numberInYear = new Map<string, number>();
  for (const [title, department, published] of IN_FORCE_2023) {
    const year = published.slice(0, 4);
    numberInYear.set(year, (numberInYear.get(year) ?? 0) + 1);
    const doc = await s.cases.register(
      secretariat,
      {
        title,
        department,
        issuingOrgan: 'government',
        interim: title.includes('暂行'),
        documentNumber: `泗政规〔${year}〕${numberInYear.get(year)}号`,
        publishedOn: published,
        effectiveDate: addDays(published, 30),
        occurredAt: '2023-01-03',
      },
      'zh',
    );
    registered.push(doc.id);
  }

  for (const [i, d] of DECISIONS_2023.entries()) await majorDecision2023(s, d, items[i]);

  // 清理: the 21 documents in force on 2023-04-24
  const campaign = await s.cleanup.create(secretariat, {
    name: '2023年县政府行政规范性文件清理',
    cutoffDate: '2023-04-24',
    occurredAt: '2023-04-25',
  });
  for (const [i, caseId] of registered.entries()) {
    const decision = CLEANUP_DECISIONS[i];
    const reason = {
      continue: '符合上位法规定，继续有效',
      amend: '部分条款与新修订的上位法不一致，应予修改',
      repeal: '调整对象已消失或已被新规定替代，决定废止',
    }[decision];
    await s.cleanup.decide(secretariat, campaign.id, { caseId, decision, reason, occurredAt: '2023-06-20' });
  }
  await s.cleanup.complete(secretariat, campaign.id, { resultReference: '泗政发〔2023〕28号', occurredAt: '2023-07-10' }, 'zh');

  for (const d of DOCUMENTS_2023) await normativeDocument2023(s, d);

  // 2024: work in progress; the legality review of the last document is overdue
  const item2024 = (
    await s.catalogue.addItem(2024, { title: '泗阳县城乡公交一体化实施方案', department: 'fgw', addedOn: '2024-01-20' }, secretariat)
  ).id;
  await s.catalogue.addItem(2024, { title: '泗阳县生活垃圾处理收费调整方案', department: 'sthj', addedOn: '2024-01-20' }, secretariat);
  await s.catalogue.publish(2024, '2024-02-05', secretariat);

  const bus: Case = await s.cases.create(
    s.user('fgw_official'),
    {
      procedure: 'major-decision',
      title: '泗阳县城乡公交一体化实施方案',
      department: 'fgw',
      occurredAt: '2024-02-20',
      problem: '城乡公交衔接不畅',
    },
    'zh',
  );
  await send('secretariat', bus, 'APPROVE_START', '2024-02-26', { catalogueItemId: item2024 });

  let waste: Case = await s.cases.create(
    s.user('sthj_official'),
    { procedure: 'major-decision', title: '泗阳县生活垃圾处理收费调整方案', department: 'sthj', occurredAt: '2024-03-01' },
    'zh',
  );
  waste = await send('secretariat', waste, 'APPROVE_START', '2024-03-05', { catalogueItemId: `${2024}-02` });
  waste = await send('sthj_official', waste, 'FINISH_DRAFT', '2024-04-10', {
    draftSummary: '收费标准调整方案（草案）',
    specialized: true,
    stabilityRisk: false,
  });
  await send('sthj_official', waste, 'RECORD_EXPERT_ARGUMENTATION', '2024-04-20', {
    experts: [{ name: '赵研究员', affiliation: '江苏省环境科学研究院', conflictOfInterest: false }],
    opinionSummary: '收费标准测算依据充分',
    adoptionSummary: '已采纳',
  });

  // under version 2 of the procedure (in force 2024-08-01): a measure for businesses awaits its fair competition review
  const item2026 = (
    await s.catalogue.addItem(
      2026,
      { title: '泗阳县促进民营经济高质量发展若干措施', department: 'fgw', addedOn: '2026-01-15' },
      secretariat,
    )
  ).id;
  await s.catalogue.publish(2026, '2026-02-02', secretariat);
  let business: Case = await s.cases.create(
    s.user('fgw_official'),
    {
      procedure: 'major-decision',
      title: '泗阳县促进民营经济高质量发展若干措施',
      department: 'fgw',
      occurredAt: '2026-10-12',
      problem: '民营企业融资难、用地难',
    },
    'zh',
  );
  business = await send('secretariat', business, 'APPROVE_START', '2026-10-15', { catalogueItemId: item2026 });
  await send('fgw_official', business, 'FINISH_DRAFT', '2026-11-10', {
    draftSummary: '若干措施（草案）及起草说明',
    specialized: false,
    stabilityRisk: false,
    marketRelated: true,
  });

  // open for public comment now, so the public consultation page has something to show
  const today = shanghaiDate(new Date());
  let afterSchool: Case = await s.cases.create(
    s.user('jyj_official'),
    {
      procedure: 'normative-document',
      title: '泗阳县中小学课后服务管理办法',
      department: 'jyj',
      occurredAt: today,
      affectsPublicRights: true,
      marketRelated: false,
      interim: true,
      issuingOrgan: 'government',
    },
    'zh',
  );
  afterSchool = await send('jyj_official', afterSchool, 'OPEN_PUBLIC_COMMENT', today, {
    startDate: today,
    endDate: s.calendar.addWorkingDays(today, 15).value,
    channels: ['泗阳县人民政府网站', '公开征求意见页面'],
    draftText:
      '第一条 为规范全县中小学课后服务工作，减轻学生家庭负担，根据有关规定，制定本办法。\n' +
      '第二条 课后服务坚持学生家长自愿参加原则，学校不得以任何形式强制或变相强制学生参加。\n' +
      '第三条 课后服务时间原则上不早于下午5点30分结束，具体时间由学校结合实际确定。\n' +
      '第四条 课后服务收费实行政府指导价，对家庭经济困难学生免收费用。',
  });
  await send('jyj_official', afterSchool, 'RECORD_COMMENT', today, {
    content: '建议明确课后服务教师的补助标准。',
    submitter: '县第一实验小学家长',
  });

  let renovation: Case = await s.cases.create(
    s.user('zjj_official'),
    {
      procedure: 'normative-document',
      title: '泗阳县城镇老旧小区改造管理办法',
      department: 'zjj',
      occurredAt: '2024-03-01',
      affectsPublicRights: true,
      marketRelated: false,
      interim: false,
      issuingOrgan: 'government',
    },
    'zh',
  );
  renovation = await send('zjj_official', renovation, 'OPEN_PUBLIC_COMMENT', '2024-03-04', {
    draftText:
      '第一条 为推进全县城镇老旧小区改造，改善居民居住条件，制定本办法。\n' +
      '第二条 老旧小区改造坚持居民自愿、先民主协商后实施的原则。\n' +
      '第三条 加装电梯等项目的费用，由受益居民按楼层协商分摊，政府给予适当补助。',
    startDate: '2024-03-04',
    endDate: '2024-03-15',
    channels: ['泗阳县人民政府网站'],
  });
  renovation = await send('zjj_official', renovation, 'RECORD_COMMENT', '2024-03-06', {
    content: '建议明确加装电梯的费用分摊办法。',
    submitter: '众兴街道居民',
  });
  renovation = await send('zjj_official', renovation, 'CLOSE_PUBLIC_COMMENT', '2024-03-18');
  renovation = await send('zjj_official', renovation, 'DISPOSE_COMMENT', '2024-03-18', {
    commentId: 'c1',
    disposition: 'adopted',
    reason: '已增加费用分摊条款',
  });
  renovation = await send('zjj_official', renovation, 'COMPLETE_PUBLIC_PARTICIPATION', '2024-03-19');
  await send('zjj_official', renovation, 'SUBMIT_FOR_LEGALITY_REVIEW', '2024-05-06', { reviewDueDate: '2024-05-15' });

  await shuyang(s);
  await cityReview(s);
}

/**
 * 沭阳县: a little work of its own, to show one county beside another. One document published
 * and filed with the city in 2023 (沭政规〔2023〕1号), one in legality review in 2024.
 */
async function shuyang(s: Services): Promise<void> {
  const send = driver(s);
  const create = (title: string, occurredAt: IsoDate) =>
    s.cases.create(
      s.user('sy_official'),
      {
        procedure: 'normative-document',
        title,
        department: 'sy-fgw',
        occurredAt,
        affectsPublicRights: false,
        marketRelated: false,
        interim: false,
        issuingOrgan: 'government',
      },
      'zh',
    );
  let c: Case = await create('沭阳县政府投资项目管理办法', '2023-06-01');
  c = await send('sy_official', c, 'SUBMIT_FOR_LEGALITY_REVIEW', '2023-06-05', { reviewDueDate: '2023-06-19' });
  c = await send('sy_reviewer', c, 'ISSUE_LEGALITY_OPINION', '2023-06-14', {
    conclusion: 'lawful',
    opinion: '经审核，该文件内容合法、程序规范。',
  });
  c = await send('sy_secretariat', c, 'RECORD_COLLECTIVE_DELIBERATION', '2023-06-20', {
    meetingType: 'standing',
    meetingDate: '2023-06-20',
    outcome: 'approved',
  });
  c = await send('sy_secretariat', c, 'PUBLISH_DOCUMENT', '2023-06-26', { channels: ['沭阳县人民政府网站'], effectiveDate: '2023-07-26' });
  await send('sy_secretariat', c, 'RECORD_FILING', '2023-07-05', { filedWith: '宿迁市人民政府' });
  const next = await create('沭阳县公共资源交易管理办法', '2024-03-04');
  await send('sy_official', next, 'SUBMIT_FOR_LEGALITY_REVIEW', '2024-03-11', { reviewDueDate: '2024-03-25' });
}

/**
 * 宿迁市's filing review: Siyang's three 2023 documents registered and found without issue within
 * the limits; Shuyang's held until a missing drafting explanation is supplied, then registered.
 */
async function cityReview(s: Services): Promise<void> {
  const reviewer = s.user('city_filing');
  const act = async (id: string, type: string, data: Record<string, unknown>) => {
    await s.filings.act(reviewer, id, { type: type as never, data }, 'zh');
  };
  for (const f of [...(await s.filings.list(reviewer))].reverse()) {
    if (f.fromGovernment.id === FIRST_GOVERNMENT) {
      const registered = s.calendar.addWorkingDays(f.receivedOn, 2).value;
      await act(f.id, 'REGISTER_FILING', { occurredAt: registered });
      await act(f.id, 'ISSUE_FILING_REVIEW', {
        occurredAt: s.calendar.addWorkingDays(registered, 10).value,
        conclusion: 'no-issue',
        opinion: '经审查，该文件制定主体适格，内容与上位法不相抵触，程序符合规定，未发现问题。',
      });
    } else {
      const held = s.calendar.addWorkingDays(f.receivedOn, 2).value;
      await act(f.id, 'HOLD_FILING', { occurredAt: held, reason: '报备材料缺少起草说明，请补充后重新报送', correctBy: addDays(held, 10) });
      await act(f.id, 'REGISTER_FILING', { occurredAt: s.calendar.addWorkingDays(held, 5).value });
    }
  }
}
