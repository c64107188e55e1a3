// The words the county uses for everything the API names in English.
import type { Role } from './api';

export const ROLE_LABELS: Record<string, string> = {
  official: '承办人员',
  reviewer: '合法性审查人员',
  secretariat: '政府办公室',
  supervisor: '监督人员',
  admin: '系统管理员',
  system: '系统自动',
  public: '社会公众',
};

export const roleLabel = (r: string) => ROLE_LABELS[r] ?? r;
export const rolesLabel = (roles: readonly Role[]) => roles.map(roleLabel).join('、');

export const PROCEDURE_LABELS: Record<string, string> = {
  'major-decision': '重大行政决策',
  'normative-document': '行政规范性文件',
};

export const procedureLabel = (p: string) => PROCEDURE_LABELS[p] ?? p;

/** Labels of the data fields of every event (and of the records that keep them). */
export const FIELD_LABELS: Record<string, string> = {
  draftSummary: '草案摘要',
  specialized: '专业性较强',
  stabilityRisk: '涉及社会稳定风险',
  startDate: '开始日期',
  endDate: '截止日期',
  channels: '征求意见途径',
  shortenedReason: '缩短期限理由',
  draftText: '草案文本',
  content: '意见内容',
  submitter: '提出人',
  commentId: '意见编号',
  alsoCommentIds: '一并处理的其他意见',
  count: '相同意见条数',
  disposition: '处理结果',
  reason: '理由',
  reviewDueDate: '审查期限',
  conclusion: '审查结论',
  opinion: '审查意见',
  legalRiskStatement: '法律风险提示',
  revisionNote: '修改说明',
  meetingType: '会议类型',
  meetingDate: '会议日期',
  outcome: '会议结论',
  dissentingOpinions: '不同意见',
  headOverrodeMajority: '行政首长决定与多数意见不一致',
  headReasons: '说明理由',
  reference: '请示报告文号',
  adoptionExplanation: '意见采纳情况说明',
  withheldReason: '不予公开理由',
  effectiveDate: '施行日期',
  filedWith: '备案机关',
  archiveNumber: '归档号',
  riskLevel: '风险等级',
  controllable: '风险可控',
  measures: '防范措施',
  riskPoints: '风险点',
  responsePlan: '应急处置预案',
  assessor: '评估机构',
  draftAdjustment: '草案调整情况',
  experts: '专家',
  name: '姓名',
  affiliation: '单位',
  conflictOfInterest: '存在利害关系',
  opinionSummary: '论证意见',
  adoptionSummary: '采纳情况',
  catalogueItemId: '目录事项编号',
  orderedBy: '决定人',
  evaluator: '评估机构',
  summary: '说明',
  hearingDate: '听证会日期',
  noticeDate: '听证公告日期',
  recordRef: '听证笔录编号',
  occurredAt: '发生日期',
  // records
  problem: '需解决的问题',
  reasons: '决策理由',
  preliminaryPlan: '初步方案',
  title: '名称',
  department: '承办单位',
  approvedOn: '同意启动日期',
  outsideCatalogue: '目录外事项',
  finishedOn: '完成日期',
  openedOn: '发布日期',
  closedOn: '结束日期',
  completedOn: '完成日期',
  receivedOn: '收到日期',
  disposedOn: '处理日期',
  submittedOn: '送审日期',
  workingDaysGiven: '给予审查时间（工作日）',
  provisional: '暂定',
  issuedOn: '出具日期',
  recordedOn: '登记日期',
  reportedOn: '报告日期',
  publishedOn: '公布日期',
  documentNumber: '文号',
  validUntil: '有效期至',
  filingDeadline: '报送备案期限',
  filedOn: '报送备案日期',
  late: '逾期报备',
  archivedOn: '归档日期',
  assessedOn: '评估日期',
  exemptedOn: '决定日期',
  startedOn: '启动日期',
  concludedOn: '完结日期',
  suspendedOn: '中止日期',
  resumedOn: '恢复日期',
  resumeOrderedBy: '恢复决定人',
  confirmedOn: '确认日期',
  note: '说明',
  affectsPublicRights: '涉及公民、法人和其他组织权利义务',
  marketRelated: '涉及市场主体经济活动',
  interim: '暂行或试行',
  issuingOrgan: '制定机关',
  registered: '系统上线前已施行（登记）',
  kind: '类别',
  on: '日期',
  // 公平竞争审查
  reviewedBy: '审查机构',
  implementationPeriod: '实施期限或终止条件',
  reviewedOn: '审查日期',
  fairCompetitionReviews: '公平竞争审查',
  // 程序版本迁移
  fromVersion: '原程序版本',
  toVersion: '迁移后程序版本',
  justification: '迁移理由及依据',
  legalBasis: '迁移依据',
  // 退回补正
  missingItems: '需补正的材料',
  // 转办、抄送、催办
  respondBy: '答复期限',
  // 公众意见的回执编号
  receipt: '回执编号',
};

/** Where the same field means something else in one event. */
const EVENT_FIELD_LABELS: Record<string, Record<string, string>> = {
  EXEMPT_PUBLIC_COMMENT: { reason: '不予公开征求意见的理由' },
  REPEAL: { reason: '废止理由' },
  START_AMENDMENT: { reason: '修改理由' },
  SUSPEND: { reason: '中止理由' },
  RESUME: { reason: '恢复理由' },
  CONCLUDE: { reason: '说明' },
  DISPOSE_COMMENT: { reason: '处理理由' },
  RECORD_POST_EVALUATION: { conclusion: '评估结论' },
  PUBLISH_DECISION: { channels: '公布途径' },
  PUBLISH_DOCUMENT: { channels: '公布途径' },
  COMPLETE_PUBLIC_PARTICIPATION: { summary: '意见采纳情况（不填则按处理结果自动生成）' },
  REPORT_IMPLEMENTATION: { summary: '执行情况' },
  RECORD_COLLECTIVE_DELIBERATION: { outcome: '审议结论' },
  RECORD_FAIR_COMPETITION_REVIEW: { conclusion: '公平竞争审查结论', summary: '审查情况说明' },
  WITHDRAW_SUBMISSION: { reason: '撤回理由' },
  RETURN_FOR_CORRECTION: { reason: '退回理由' },
};

export function fieldLabel(name: string, eventType?: string): string {
  return (eventType && EVENT_FIELD_LABELS[eventType]?.[name]) || FIELD_LABELS[name] || name;
}

/** Help shown under a field, where the law says something the official should know. */
export const FIELD_HELP: Record<string, string> = {
  channels: '每行填写一项，如：泗阳县人民政府网站',
  dissentingOpinions: '每行填写一条不同意见',
  riskPoints: '每行填写一个风险点',
  shortenedReason: '征求意见期少于法定期限时必须说明理由',
  reviewDueDate: '须给予审查机构法定的工作日审查时间',
  legalRiskStatement: '结论为“探索性”时必须填写',
  headReasons: '行政首长决定与多数意见不一致时必须说明理由',
  catalogueItemId: '列入年度决策事项目录的，选择或填写目录事项编号，如 2024-01',
  adoptionExplanation: '开展过公众参与或专家论证的，须说明意见采纳情况',
  implementationPeriod: '结论为“符合例外规定”时必须写明合理的实施期限或者终止条件',
  reviewedBy: '如：县市场监督管理局会同起草单位',
  missingItems: '逐项列出需补充或更正的材料，一项一行；点“添加一项”继续填写',
  alsoCommentIds: '内容相近的意见可一并处理：所选意见均登记同一处理结果和理由，在意见采纳情况中逐条列出',
  draftText: '向社会公布的草案全文及起草说明，公众在征求意见页面阅读；再次征求意见时已填入上一轮的文本，可按修改稿更新',
};

/** Chinese labels of enumerated values, by field. */
export const ENUM_LABELS: Record<string, Record<string, string>> = {
  disposition: { adopted: '采纳', 'partly-adopted': '部分采纳', 'not-adopted': '未采纳' },
  conclusion: {
    lawful: '合法',
    'lawful-with-revisions': '合法但需修改',
    unlawful: '不合法',
    exploratory: '探索性',
    // 公平竞争审查 (《公平竞争审查条例》第二条、第十二条)
    compliant: '符合审查标准',
    exception: '符合例外规定，可以出台',
    'non-compliant': '违反审查标准，须修改',
    'not-applicable': '不涉及经营者经济活动，无需审查',
  },
  meetingType: { standing: '常务会议', plenary: '全体会议', office: '办公会议' },
  outcome: { approved: '通过', rejected: '不通过', deferred: '暂缓', revise: '修改后再议' },
  riskLevel: { low: '低', medium: '中', high: '高' },
  issuingOrgan: { government: '县人民政府', department: '部门' },
  decision: { continue: '继续有效', amend: '修改', repeal: '废止' },
  kind: { repealed: '废止', expired: '失效', amending: '修改' },
};

export function enumLabel(field: string, value: unknown): string {
  const v = String(value);
  return ENUM_LABELS[field]?.[v] ?? v;
}

/** Audit event types that are not events of a procedure. */
export const EXTRA_EVENT_LABELS: Record<string, string> = {
  CASE_CREATED: '创建案件',
  DOCUMENT_REGISTERED: '登记现行有效文件',
  EXPIRE: '有效期届满失效',
  PROCEDURE_MIGRATED: '程序版本迁移',
  ASSIGNED: '转办',
  COPIED: '抄送',
  URGED: '催办',
  ATTACHMENT_ADDED: '添加附件',
};

/** What an attachment is in the case file, in the order the panel offers them. */
export const ATTACHMENT_KIND_LABELS: Record<string, string> = {
  'drafting-explanation': '起草说明',
  draft: '送审稿',
  'expert-report': '专家论证报告',
  'risk-report': '风险评估报告',
  'meeting-minutes': '会议纪要',
  other: '其他材料',
};

/** Procedure events that send a case back a step: their buttons are told apart from the ones that carry it on. */
export const GOING_BACK = new Set(['WITHDRAW_SUBMISSION', 'RETURN_FOR_CORRECTION']);

/** What a notification is about, in a word or two. */
export const NOTIFICATION_LABELS: Record<string, string> = {
  ASSIGNED: '转办',
  COMMENT_RECEIVED: '公众意见',
  COPIED: '抄送',
  DEADLINE_APPROACHING: '即将到期',
  OPINION_ISSUED: '审查意见',
  OVERDUE: '已逾期',
  RETURNED_FOR_CORRECTION: '退回补正',
  SUBMITTED_FOR_REVIEW: '送请审查',
  URGED: '催办',
  WITHDRAWN: '撤回送审',
};

/** The tag colour of a notification: the ones that press for action stand out. */
export const NOTIFICATION_TAG: Record<string, 'danger' | 'warning' | 'primary' | 'info' | 'success'> = {
  OVERDUE: 'danger',
  URGED: 'danger',
  DEADLINE_APPROACHING: 'warning',
  RETURNED_FOR_CORRECTION: 'warning',
  WITHDRAWN: 'warning',
  ASSIGNED: 'primary',
  SUBMITTED_FOR_REVIEW: 'primary',
  OPINION_ISSUED: 'success',
  COPIED: 'info',
  COMMENT_RECEIVED: 'info',
};

/** Editions of the rules, for an event whose case does not name it (the case's own list comes first). */
export const RULEBOOK_LABELS: Record<string, string> = {
  'national-2019': '国家规定（2019年版）',
  'jiangsu-2022': '江苏省规定（2022年版）',
};

/** `第 2 版` */
export const versionLabel = (v: number | null | undefined) => (v === null || v === undefined ? '' : `第 ${v} 版`);

/** Parallel tracks of a decision's consultation stage. */
export const TRACK_LABELS: Record<string, string> = {
  publicParticipation: '公众参与',
  expertArgumentation: '专家论证',
  riskAssessment: '风险评估',
  fairCompetition: '公平竞争审查',
};

export const DECISION_LABELS: Record<string, string> = { continue: '继续有效', amend: '修改', repeal: '废止' };

/** Refusal codes in plain words (the inbox lists only the codes of refused requests). */
export const CODE_LABELS: Record<string, string> = {
  PROCEDURE_VIOLATION: '不符合法定程序',
  VALIDATION_FAILED: '填写内容不符合要求',
  FORBIDDEN: '无权办理',
  SEPARATION_OF_DUTIES: '须回避（本人承办的案件）',
  VERSION_CONFLICT: '案件已被他人更新',
  NOT_FOUND: '不存在',
  TOO_MANY_REQUESTS: '提交过于频繁',
  ALREADY_EXISTS: '已办理过',
};

/**
 * The rules behind a refusal, in short words: the refusal log keeps only their codes (the case
 * page, where the request is made, shows each rule's full message and article).
 */
export const BLOCKER_LABELS: Record<string, string> = {
  NOT_ALLOWED_IN_STAGE: '当前阶段不能办理该事项',
  FORBIDDEN: '无权办理',
  SEPARATION_OF_DUTIES: '本人承办的案件须回避审查',
  OCCURRED_IN_FUTURE: '发生日期晚于今天',
  OCCURRED_BEFORE_LATEST_EVENT: '发生日期早于本案最近一次办理',
  COMMENT_PERIOD_TOO_SHORT: '征求意见期不足法定期限',
  MARKET_COMMENT_PERIOD_TOO_SHORT: '涉及市场主体的文件征求意见期不足 30 日',
  COMMENT_PERIOD_REVERSED: '征求意见截止日期早于开始日期',
  COMMENT_PERIOD_BACKDATED: '征求意见开始日期早于发布日期',
  COMMENT_PERIOD_NOT_ENDED: '征求意见期尚未届满',
  COMMENT_OUTSIDE_PERIOD: '意见不在征求意见期内收到',
  COMMENT_NOT_FOUND: '没有该编号的意见',
  COMMENT_LISTED_TWICE: '同一意见重复列出',
  COMMENTS_UNDISPOSED: '尚有意见未处理',
  PUBLIC_COMMENT_INCOMPLETE: '公开征求意见尚未完成',
  PUBLIC_PARTICIPATION_INCOMPLETE: '公众参与尚未完成',
  HEARING_NOTICE_TOO_SHORT: '听证公告时间不足',
  HEARING_BEFORE_COMMENT_OPENED: '听证会早于征求意见开始',
  HEARING_IN_FUTURE: '听证会日期晚于今天',
  EXPERT_CONFLICT_OF_INTEREST: '论证专家存在利害关系',
  EXPERT_ARGUMENTATION_MISSING: '尚未进行专家论证',
  RISK_ASSESSMENT_INCOMPLETE: '风险评估尚未完成或风险不可控',
  REASSESSMENT_NEEDS_DRAFT_ADJUSTMENT: '重新评估前须先调整草案',
  REVIEW_TIME_OUT_OF_BOUNDS: '合法性审查时间不符合规定',
  LEGALITY_REVIEW_MISSING: '未经合法性审查',
  LEGALITY_REVIEW_NOT_PASSED: '合法性审查未通过',
  LEGAL_RISK_STATEMENT_REQUIRED: '探索性结论须提示法律风险',
  EXPLORATORY_NOT_ALLOWED: '该程序不适用探索性结论',
  DECIDED_BEFORE_REVIEW: '决定早于合法性审查',
  MEETING_BEFORE_LEGALITY_OPINION: '会议早于合法性审查意见',
  MEETING_NOT_HELD_YET: '会议尚未召开',
  MEETING_TYPE_NOT_ALLOWED: '会议类型不符合规定',
  HEAD_REASONS_REQUIRED: '行政首长决定与多数意见不一致须说明理由',
  ADOPTION_EXPLANATION_REQUIRED: '须说明意见采纳情况',
  PUBLICATION_CHANNEL_REQUIRED: '须填写公布途径',
  EFFECTIVE_BEFORE_PUBLICATION: '施行日期早于公布日期',
  DOCUMENT_PREFIX_MISSING: '制定机关未设置文号字头',
  ARCHIVE_CHECKLIST_INCOMPLETE: '归档材料不齐全',
  ARCHIVE_INCOMPLETE: '归档材料不齐全',
  EVALUATOR_NOT_INDEPENDENT: '后评估机构与决策前评估机构相同',
  POST_EVALUATION_ALREADY_STARTED: '决策后评估已启动',
  POST_EVALUATION_NOT_STARTED: '尚未启动决策后评估',
  POST_EVALUATION_UNFINISHED: '决策后评估尚未完成',
  STILL_VALID: '文件尚在有效期内',
  ADJUSTMENT_REASON_REQUIRED: '目录已公布，调整须说明理由',
  CATALOGUE_EMPTY: '目录没有事项',
  CATALOGUE_ALREADY_PUBLISHED: '目录已公布',
  FAIR_COMPETITION_REVIEW_INCOMPLETE: '尚未完成公平竞争审查',
  FAIR_COMPETITION_ALREADY_DONE: '公平竞争审查已完成',
  EXCEPTION_WITHOUT_PERIOD: '例外情形须写明实施期限或终止条件',
  CASE_CANNOT_MIGRATE: '所列案件中有不能迁移的',
  NOTHING_TO_MIGRATE: '没有可以迁移的案件',
  NO_MIGRATION_DECLARED: '该版本未规定已有案件如何迁移',
  CASE_NOT_OPEN: '案件当前没有待办事项',
  OTHER_DEPARTMENT: '不能转办到其他部门',
  DRAFT_TEXT_MISSING: '征求意见须公布草案文本',
};
