import { procedureOf, ProcedureDefinition, shanghaiDate, StoredSnapshot, Text, text } from '../../workflows';
import type { CommentRecord, PublicComment } from '../../workflows/shared/public-comment';
import type { Opinion, Submission } from '../../workflows/shared/legality-review';
import type { MeetingRecord } from '../../workflows/shared/meetings';
import { BASIS as OFFICE_BASIS } from '../cases/office-acts';
import { Block, chineseDate, PaperSpec } from './layout';

/**
 * The five papers (文书) of a case, each built from the case's own record: pure functions of
 * the stored context, the audit history and the names a reader sees (departments, people).
 */
export const PAPER_KINDS = ['consultation-notice', 'adoption-summary', 'legality-opinion', 'filing-report', 'approval-form'] as const;
export type PaperKind = (typeof PAPER_KINDS)[number];
export const isPaperKind = (k: string): k is PaperKind => (PAPER_KINDS as readonly string[]).includes(k);

export const PAPER_TITLES: Record<PaperKind, Text> = {
  'consultation-notice': text('征求意见公告', 'Public consultation notice'),
  'adoption-summary': text('意见采纳情况说明', 'Adoption of comments'),
  'legality-opinion': text('合法性审查意见书', 'Legality review opinion'),
  'filing-report': text('规范性文件备案报告', 'Filing report'),
  'approval-form': text('办理单', 'Approval form'),
};

/** The case as the builders read it. */
export interface PaperCase {
  id: string;
  procedure: string;
  procedureVersion: number;
  title: string;
  department: string;
  /** the government the case is of: the issuer of a government's document */
  governmentId: string;
  stage: string;
  snapshot: StoredSnapshot;
}

/** One step of the history the 办理单 lists. */
export interface PaperEvent {
  type: string;
  actorId: string;
  actorRole: string;
  occurredAt: string;
  recordedAt: string;
}

/** Names as a reader sees them: departments in full, people by display name (and their department). */
export interface PaperNames {
  /** a department's full name, or a government's */
  department(id: string): string;
  person(id: string): string;
  departmentOf(userId: string): string | undefined;
}

interface Ctx {
  title: string;
  department: string;
  publicComment?: PublicComment | null;
  publicCommentExemption?: { reason: string; exemptedOn: string } | null;
  legalityReview?: Submission[];
  issuingOrgan?: 'government' | 'department';
  deliberations?: MeetingRecord[];
  collectiveDecisions?: MeetingRecord[];
  publication?: {
    channels: string[];
    publishedOn: string;
    documentNumber?: string;
    effectiveDate?: string;
    validUntil?: string;
    filingDeadline?: string;
  } | null;
  filing?: { filedWith: string; filedOn: string; late: boolean } | null;
  registered?: boolean;
}

const ctxOf = (row: PaperCase): Ctx => row.snapshot.context as unknown as Ctx;

// ───────────────────────────── which papers exist ─────────────────────────────

/** Why a paper cannot be written yet, or null when its records exist. */
export function unavailableReason(row: PaperCase, kind: PaperKind): Text | null {
  const c = ctxOf(row);
  const pc = c.publicComment;
  const noComment = () =>
    c.publicCommentExemption
      ? text(
          `依法不予公开征求意见（${c.publicCommentExemption.reason}），无征求意见记录`,
          'exempted from public comment by law: there is no comment period',
        )
      : text('尚未发布征求意见，无征求意见记录', 'no public comment period has been opened yet');
  switch (kind) {
    case 'consultation-notice':
      return pc ? null : noComment();
    case 'adoption-summary':
      if (!pc) return noComment();
      return pc.closedOn || pc.completedOn
        ? null
        : text('征求意见期尚未结束，结束后方可出具意见采纳情况说明', 'the comment period has not been closed yet');
    case 'legality-opinion':
      return latestOpinion(c) ? null : text('尚未出具合法性审查意见', 'no legality review opinion has been issued yet');
    case 'filing-report':
      if (row.procedure !== 'normative-document')
        return text('重大行政决策不报送规范性文件备案', 'only a normative document is filed with the filing authority');
      return c.publication?.documentNumber
        ? null
        : text('文件尚未统一编号公布，公布后方可报送备案', 'the document has not been numbered and published yet');
    case 'approval-form':
      return null;
  }
}

function latestOpinion(c: Ctx): { submission: Submission; opinion: Opinion } | undefined {
  const list = c.legalityReview ?? [];
  for (let i = list.length - 1; i >= 0; i--) {
    const s = list[i];
    if (s.opinion) return { submission: s, opinion: s.opinion };
  }
  return undefined;
}

// ───────────────────────────── masking ─────────────────────────────

/**
 * Submitters in a published adoption summary: an organisation (a name ending in one of these)
 * is named in full, since it speaks in its public capacity; a person keeps the first character
 * of the name and every other character is masked (张三 → 张*, 欧阳明华 → 欧***); a comment
 * without a name is 匿名.
 */
const ORGANISATION_ENDINGS = [
  '委员会',
  '协会',
  '商会',
  '学会',
  '公司',
  '集团',
  '中心',
  '医院',
  '学校',
  '大学',
  '政府',
  '办公室',
  '会',
  '局',
  '委',
  '院',
  '厅',
  '办',
  '所',
  '站',
  '社',
  '部',
  '队',
  '处',
  '科',
  '庭',
];

export function maskSubmitter(submitter: string | undefined): string {
  const name = (submitter ?? '').trim();
  if (!name) return '匿名';
  if (ORGANISATION_ENDINGS.some((e) => name.length > e.length && name.endsWith(e))) return name;
  const chars = [...name];
  return chars[0] + '*'.repeat(Math.max(chars.length - 1, 1));
}

// ───────────────────────────── helpers ─────────────────────────────

const DISPOSITION_ZH: Record<string, string> = { adopted: '采纳', 'partly-adopted': '部分采纳', 'not-adopted': '未采纳' };
const CONCLUSION_ZH: Record<string, string> = {
  lawful: '合法',
  'lawful-with-revisions': '合法但需修改',
  unlawful: '不合法',
  exploratory: '探索性',
};
const MEETING_ZH: Record<string, string> = { standing: '县政府常务会议', plenary: '县政府全体会议', office: '部门办公会议' };

const p = (t: string): Block => ({ kind: 'paragraph', text: t });
const h = (t: string): Block => ({ kind: 'heading', text: t });
const cn = (iso: string | undefined): string => (iso ? chineseDate(iso.length > 10 ? shanghaiDate(new Date(iso)) : iso) : '—');
const quoted = (title: string) => `《${title.replace(/^《|》$/g, '')}》`;
const weight = (c: CommentRecord) => c.count ?? 1;

/** The organ that issues a document: the case's government, or the department itself. */
function issuer(row: PaperCase, names: PaperNames): string {
  return ctxOf(row).issuingOrgan === 'government' ? names.department(row.governmentId) : names.department(row.department);
}

// ───────────────────────────── the papers ─────────────────────────────

/** 征求意见公告: the draft, the period and how to send an opinion. */
export function consultationNotice(row: PaperCase, names: PaperNames): PaperSpec {
  const c = ctxOf(row);
  const pc = c.publicComment!;
  const dept = names.department(row.department);
  const blocks: Block[] = [
    p(
      `为增强决策的公开性和透明度，广泛听取社会各界意见，${dept}起草了${quoted(row.title)}（征求意见稿），现向社会公开征求意见。有关事项公告如下：`,
    ),
    h('一、征求意见时间'),
    p(`${cn(pc.startDate)}至${cn(pc.endDate)}。`),
    h('二、意见反馈途径'),
    p(`社会公众可通过${pc.channels.join('、') || '本公告载明的途径'}提出意见建议，请注明真实姓名和联系方式。`),
  ];
  if (pc.shortenedReason) blocks.push(h('三、征求意见期限说明'), p(`本次征求意见期限少于规定期限，理由：${pc.shortenedReason}。`));
  if (pc.draftText) {
    blocks.push(h(`附：${quoted(row.title)}（征求意见稿）`));
    for (const line of pc.draftText.split(/\r?\n/).filter((l) => l.trim())) blocks.push(p(line.trim()));
  }
  return {
    title: `关于公开征求${quoted(row.title)}（征求意见稿）意见的公告`,
    blocks,
    signature: dept,
    date: pc.openedOn,
  };
}

/** 意见采纳情况说明: one row per comment, submitter masked, with its disposition and reason. */
export function adoptionSummaryPaper(row: PaperCase, names: PaperNames): PaperSpec {
  const c = ctxOf(row);
  const pc = c.publicComment!;
  const dept = names.department(row.department);
  const total = pc.comments.reduce((n, x) => n + weight(x), 0);
  const count = (d: string) => pc.comments.filter((x) => x.disposition?.disposition === d).reduce((n, x) => n + weight(x), 0);
  const pending = pc.comments.filter((x) => !x.disposition).reduce((n, x) => n + weight(x), 0);
  const blocks: Block[] = [
    p(
      `${cn(pc.startDate)}至${cn(pc.endDate)}，${dept}通过${pc.channels.join('、')}就${quoted(row.title)}（征求意见稿）公开征求社会公众意见。` +
        (total === 0
          ? '征求意见期间未收到意见。'
          : `共收到意见${total}条，采纳${count('adopted')}条，部分采纳${count('partly-adopted')}条，未采纳${count('not-adopted')}条${
              pending ? `，尚未处理${pending}条` : ''
            }。具体情况如下：`),
    ),
  ];
  if (pc.comments.length) {
    blocks.push({
      kind: 'table',
      header: ['序号', '意见内容', '提出人', '处理结果', '理由'],
      widths: [1, 5, 2, 2, 4],
      rows: pc.comments.map((x, i) => [
        String(i + 1),
        x.content + (weight(x) > 1 ? `（相同意见${weight(x)}条）` : ''),
        maskSubmitter(x.submitter),
        x.disposition ? DISPOSITION_ZH[x.disposition.disposition] : '未处理',
        x.disposition?.reason ?? '—',
      ]),
    });
  }
  if (pc.hearings.length) {
    blocks.push(h('听证情况'));
    for (const hg of pc.hearings)
      blocks.push(p(`${cn(hg.hearingDate)}举行听证会（${cn(hg.noticeDate)}发布听证公告），听证记录：${hg.recordRef}。`));
  }
  // the official's own words, when they wrote any (the generated summary names submitters unmasked)
  if (pc.summary && !/^共收到意见|^征求意见期间未收到意见/.test(pc.summary)) blocks.push(h('说明'), p(pc.summary));
  blocks.push(p('提出人信息已作隐私处理。'));
  return {
    title: `关于${quoted(row.title)}公开征求意见采纳情况的说明`,
    blocks,
    signature: dept,
    date: pc.completedOn ?? pc.closedOn,
  };
}

/** 合法性审查意见书: the reviewer's conclusion and opinion on the latest submission answered. */
export function legalityOpinionPaper(row: PaperCase, names: PaperNames): PaperSpec {
  const c = ctxOf(row);
  const { submission: s, opinion: o } = latestOpinion(c)!;
  const reviewerDept = names.departmentOf(o.reviewerId);
  const blocks: Block[] = [
    p(`你单位于${cn(s.submittedOn)}报送的${quoted(row.title)}（送审稿）及有关材料收悉。经合法性审查，现提出如下意见：`),
    h('一、审查结论'),
    p(`${CONCLUSION_ZH[o.conclusion] ?? o.conclusion}。`),
    h('二、审查意见'),
    ...o.opinion
      .split(/\r?\n/)
      .filter((l) => l.trim())
      .map((l) => p(l.trim())),
  ];
  let n = 3;
  const numeral = () => ['', '一', '二', '三', '四', '五', '六'][n++];
  if (o.legalRiskStatement) blocks.push(h(`${numeral()}、法律风险提示`), p(o.legalRiskStatement));
  if (s.revisionsConfirmed)
    blocks.push(h(`${numeral()}、修改落实情况`), p(`${cn(s.revisionsConfirmed.confirmedOn)}，送审单位确认：${s.revisionsConfirmed.note}`));
  blocks.push(p(`审查人：${names.person(o.reviewerId)}。审查期限：${cn(s.submittedOn)}至${cn(s.reviewDueDate)}。`));
  return {
    title: `关于${quoted(row.title)}的合法性审查意见书`,
    recipient: names.department(row.department),
    blocks,
    signature: reviewerDept ?? names.person(o.reviewerId),
    date: o.issuedOn,
  };
}

/** 规范性文件备案报告: the document, its number and dates, the procedure it went through, the filing deadline. */
export function filingReport(row: PaperCase, names: PaperNames): PaperSpec {
  const c = ctxOf(row);
  const pub = c.publication!;
  const organ = issuer(row, names);
  const number = pub.documentNumber ?? '';
  const steps: string[] = [];
  const pc = c.publicComment;
  if (pc)
    steps.push(
      `${cn(pc.startDate)}至${cn(pc.endDate)}公开征求意见，收到意见${pc.comments.reduce((n, x) => n + weight(x), 0)}条，均已处理并公布采纳情况`,
    );
  const op = latestOpinion(c);
  if (op) steps.push(`${cn(op.opinion.issuedOn)}经合法性审查，结论为${CONCLUSION_ZH[op.opinion.conclusion] ?? op.opinion.conclusion}`);
  const meeting = (c.deliberations ?? [])[(c.deliberations ?? []).length - 1];
  if (meeting) steps.push(`${cn(meeting.meetingDate)}经${MEETING_ZH[meeting.meetingType] ?? meeting.meetingType}集体审议通过`);
  steps.push(`${cn(pub.publishedOn)}统一编号（${number}）并通过${pub.channels.join('、')}向社会公布`);
  const blocks: Block[] = [
    p(`根据行政规范性文件备案审查的有关规定，现将${quoted(row.title)}（${number}）报送备案，请予审查。`),
    h('一、文件基本情况'),
    {
      kind: 'table',
      header: ['项目', '内容'],
      widths: [1, 3],
      rows: [
        ['文件名称', quoted(row.title)],
        ['文号', number],
        ['制定机关', organ],
        ['起草单位', names.department(row.department)],
        ['公布日期', cn(pub.publishedOn)],
        ['施行日期', cn(pub.effectiveDate)],
        ['有效期至', cn(pub.validUntil)],
        ['报送备案期限', pub.filingDeadline ? `${cn(pub.filingDeadline)}前（自公布之日起计算）` : '—'],
        ...(c.filing ? [['报送日期', `${cn(c.filing.filedOn)}${c.filing.late ? '（逾期报送）' : ''}`]] : []),
      ],
    },
    h('二、制定程序履行情况'),
    p(c.registered ? '本文件为在本系统启用前制定的现行有效文件，经登记纳入管理。' : `${steps.join('；')}。`),
    h('三、报送材料'),
    p(`1.${quoted(row.title)}正式文本；2.起草说明；3.合法性审查意见书${pc ? '；4.公开征求意见及采纳情况说明' : ''}。`),
  ];
  return {
    title: `关于报送${quoted(row.title)}备案的报告`,
    recipient: c.filing?.filedWith ?? '备案审查机关',
    blocks,
    signature: organ,
    date: c.filing?.filedOn ?? pub.publishedOn,
  };
}

/** Audit types that are not events of a procedure, with what they are and what they rest on. */
const EXTRA_STEPS: Record<string, { label: string; basis: string }> = {
  CASE_CREATED: { label: '创建案件', basis: '—' },
  DOCUMENT_REGISTERED: { label: '登记现行有效文件', basis: '规范性文件清理' },
  PROCEDURE_MIGRATED: { label: '程序版本迁移', basis: '—' },
  ASSIGNED: { label: '转办', basis: OFFICE_BASIS.ASSIGN.zh },
  COPIED: { label: '抄送', basis: OFFICE_BASIS.COPY.zh },
  URGED: { label: '催办', basis: OFFICE_BASIS.URGE.zh },
};

/** 办理单: the case, and every step of its history: what, who, on which day, recorded when, on what basis. */
export function approvalForm(row: PaperCase, history: readonly PaperEvent[], names: PaperNames): PaperSpec {
  const def: ProcedureDefinition = procedureOf(row.procedure, row.procedureVersion);
  const c = ctxOf(row);
  const stage = def.stages[row.stage]?.zh ?? row.stage;
  const who = (e: PaperEvent) => {
    if (e.actorRole === 'public' || e.actorId === 'public') return '社会公众';
    const dept = names.departmentOf(e.actorId);
    return `${names.person(e.actorId)}${dept ? `（${dept}）` : ''}`;
  };
  const recorded = (iso: string) => {
    const d = new Date(iso);
    if (Number.isNaN(d.getTime())) return iso;
    const t = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hour12: false }).format(d);
    return `${cn(shanghaiDate(d))} ${t}`;
  };
  const rows = history.map((e, i) => {
    const ev = def.events[e.type];
    const step = ev ? { label: ev.label.zh, basis: ev.basis.zh } : (EXTRA_STEPS[e.type] ?? { label: e.type, basis: '—' });
    return [String(i + 1), step.label, who(e), cn(e.occurredAt), recorded(e.recordedAt), step.basis];
  });
  return {
    title: `${def.label.zh}办理单`,
    blocks: [
      {
        kind: 'table',
        header: ['项目', '内容'],
        widths: [1, 3],
        rows: [
          ['事项名称', row.title],
          ['办理程序', def.label.zh],
          ['承办单位', names.department(row.department)],
          ['当前阶段', stage],
          ...(c.publication?.documentNumber ? [['文号', c.publication.documentNumber]] : []),
          ['案件编号', row.id],
        ],
      },
      h('办理过程'),
      { kind: 'table', header: ['序号', '办理事项', '办理人', '办理日期', '登记时间', '依据'], widths: [1, 3, 3, 3, 3, 5], rows },
    ],
    signature: names.department(row.department),
    date: shanghaiDate(new Date()),
  };
}

/** The paper of this kind, for a case whose records it needs exist. */
export function buildPaper(kind: PaperKind, row: PaperCase, history: readonly PaperEvent[], names: PaperNames): PaperSpec {
  switch (kind) {
    case 'consultation-notice':
      return consultationNotice(row, names);
    case 'adoption-summary':
      return adoptionSummaryPaper(row, names);
    case 'legality-opinion':
      return legalityOpinionPaper(row, names);
    case 'filing-report':
      return filingReport(row, names);
    case 'approval-form':
      return approvalForm(row, history, names);
  }
}

/** The download's name: the case's title and the paper's. */
export function paperFileName(row: PaperCase, kind: PaperKind): string {
  const safe = row.title.replace(/[\\/:*?"<>|\r\n\t]+/g, '_').slice(0, 80);
  return `${safe}-${PAPER_TITLES[kind].zh}.docx`;
}
