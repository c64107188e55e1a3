import type { Rulebook, RuleValue } from '../rulebook';
import type { Reckoned, WorkingCalendar } from './calendar';
import { addDays, daysBetween, IsoDate, zhDate } from './dates';
import { label, step } from './kit';
import { CaseBase, event, EventDefinition, Rule } from './procedure';
import { Text, text } from './text';

/**
 * Public comment (公开征求意见), shared by both procedures: the period is opened with its dates and
 * channels, comments are recorded as they arrive, each gets a disposition with a reason, the
 * period is closed no earlier than the day after its end date, and the adoption summary
 * (意见采纳情况) is generated from the dispositions.
 */
export type Disposition = 'adopted' | 'partly-adopted' | 'not-adopted';
export const DISPOSITIONS: readonly Disposition[] = ['adopted', 'partly-adopted', 'not-adopted'];

export interface CommentRecord {
  id: string;
  /**
   * 回执编号: unique across the whole system (the server allocates it), what a citizen keeps to
   * look the comment up on the public page; absent on comments recorded before receipts existed
   */
  receipt?: string;
  content: string;
  submitter?: string;
  receivedOn: IsoDate;
  /** identical submissions from the public page recorded as this one, itself included (absent: 1) */
  count?: number;
  disposition?: { disposition: Disposition; reason: string; disposedOn: IsoDate };
}

/** The actor of comments a citizen sends through the public consultation page (no account). */
export const PUBLIC_ACTOR = 'public';

/** At most this many further comments disposed of in one act (DISPOSE_COMMENT's `alsoCommentIds`). */
export const MAX_COMMENTS_DISPOSED_TOGETHER = 200;

/**
 * What "identical" means for two comments: the same text after Unicode NFKC normalisation
 * (full-width letters, digits, punctuation and the ideographic space become their half-width
 * forms) with all whitespace and invisible formatting characters (zero-width space, BOM…)
 * removed. Case and every other character still count: exact, never fuzzy.
 */
export const commentKey = (content: string): string => content.normalize('NFKC').replace(/[\s\p{Cf}]+/gu, '');

/** The first comment of the list with the same text as `content` (see `commentKey`). */
export function identicalComment(comments: readonly CommentRecord[], content: string): CommentRecord | undefined {
  const key = commentKey(content);
  return comments.find((c) => commentKey(c.content) === key);
}

export interface Hearing {
  hearingDate: IsoDate;
  noticeDate: IsoDate;
  recordRef: string;
}

export interface PublicComment {
  /** the draft put out for comment, as the public consultation page shows it */
  draftText?: string;
  startDate: IsoDate;
  endDate: IsoDate;
  channels: string[];
  shortenedReason?: string;
  openedOn: IsoDate;
  comments: CommentRecord[];
  hearings: Hearing[];
  closedOn?: IsoDate;
  completedOn?: IsoDate;
  /** 意见采纳情况 */
  summary?: string;
}

export interface WithPublicComment extends CaseBase {
  publicComment: PublicComment | null;
  /** earlier rounds, kept when a redrafted document is put out for comment again */
  earlierPublicComments: PublicComment[];
}

export interface OpenCommentData {
  draftText?: string;
  startDate: IsoDate;
  endDate: IsoDate;
  channels: string[];
  shortenedReason?: string;
}
export interface RecordCommentData {
  content: string;
  submitter?: string;
}
export interface DisposeCommentData {
  commentId: string;
  /** similar comments given the same disposition and reason in the same act */
  alsoCommentIds?: string[];
  disposition: Disposition;
  reason: string;
}

/** Every comment one DISPOSE_COMMENT disposes of, in the order given. */
export const disposedIds = (data: DisposeCommentData): string[] => [data.commentId, ...(data.alsoCommentIds ?? [])];

export interface CompleteData {
  summary?: string;
}
export interface HearingData {
  hearingDate: IsoDate;
  noticeDate: IsoDate;
  recordRef: string;
}

const DISPOSITION_ZH: Record<Disposition, string> = {
  adopted: '采纳',
  'partly-adopted': '部分采纳',
  'not-adopted': '未采纳',
};

/**
 * 意见采纳情况, generated from the dispositions: each comment on its own line, with how many
 * identical submissions it stands for; the totals count submissions.
 */
export function adoptionSummary(comments: readonly CommentRecord[]): string {
  if (comments.length === 0) return '征求意见期间未收到意见。';
  const weight = (c: CommentRecord) => c.count ?? 1;
  const total = comments.reduce((n, c) => n + weight(c), 0);
  const count = (d: Disposition) => comments.filter((c) => c.disposition?.disposition === d).reduce((n, c) => n + weight(c), 0);
  const lines = comments.map(
    (c, i) =>
      `${i + 1}. ${c.submitter ? `${c.submitter}：` : ''}${c.content}${weight(c) > 1 ? `（相同意见 ${weight(c)} 条）` : ''} —— ${
        c.disposition ? `${DISPOSITION_ZH[c.disposition.disposition]}（${c.disposition.reason}）` : '未处理'
      }`,
  );
  const merged = total > comments.length ? `（内容相同的意见合并为一项处理，共 ${comments.length} 项）` : '';
  return [
    `共收到意见 ${total} 条${merged}，采纳 ${count('adopted')} 条，部分采纳 ${count('partly-adopted')} 条，未采纳 ${count('not-adopted')} 条。`,
    ...lines,
  ].join('\n');
}

/**
 * The draft text a new round carries forward when its event gives none: the current round's, or
 * the latest earlier round's (a period reopened after a return for correction, an unlawful
 * opinion or a collective decision to revise).
 */
export function carriedDraftText(c: WithPublicComment): string | undefined {
  const rounds = [...c.earlierPublicComments, ...(c.publicComment ? [c.publicComment] : [])];
  return rounds.reverse().find((r) => r.draftText?.trim())?.draftText;
}

const given = (s: string | undefined): string | undefined => (s?.trim() ? s : undefined);

/** c2 before c10. */
const byCommentId = (a: string, b: string) => a.length - b.length || a.localeCompare(b);

export const undisposed = (pc: PublicComment | null): CommentRecord[] => (pc ? pc.comments.filter((c) => !c.disposition) : []);

const current = <C extends WithPublicComment>(c: C): PublicComment => {
  if (!c.publicComment) throw new Error('no public comment is open');
  return c.publicComment;
};

const withComment = <C extends WithPublicComment>(c: C, patch: Partial<PublicComment>): C => ({
  ...c,
  publicComment: { ...current(c), ...patch },
});

/**
 * The public comment events of a procedure. `periodRules` judge the period's length, which is
 * where the two procedures differ; `basis` is the article that requires the comment at all,
 * `draftBasis` the one that says the draft itself is published with the call for comment.
 */
export function publicCommentEvents<C extends WithPublicComment>(opts: {
  basis: Text;
  draftBasis: Text;
  periodRules: Rule<C, OpenCommentData>[];
  /** whether a stated reason (`shortenedReason`) allows a shorter period; without, the field is not offered */
  shortening: boolean;
}): Record<string, EventDefinition<C, unknown>> {
  const { basis } = opts;
  return {
    OPEN_PUBLIC_COMMENT: event<C, OpenCommentData>({
      label: text('发布征求意见', 'Open public comment'),
      by: 'official',
      basis,
      ...(opts.shortening ? {} : { inert: ['shortenedReason'] }),
      // a period reopened after a return: the form starts from the text the public last read
      prefill: (c) => {
        const draftText = carriedDraftText(c);
        return draftText ? { draftText } : undefined;
      },
      rules: [
        {
          code: 'COMMENT_PERIOD_REVERSED',
          basis,
          onData: true,
          check: ({ data }) =>
            data.endDate <= data.startDate &&
            text(`截止日期 ${zhDate(data.endDate)} 不晚于开始日期 ${zhDate(data.startDate)}`, 'endDate is not after startDate'),
        },
        {
          code: 'COMMENT_PERIOD_BACKDATED',
          basis,
          onData: true,
          check: ({ data, occurredAt }) =>
            data.startDate < occurredAt &&
            text(
              `征求意见开始日期 ${zhDate(data.startDate)} 早于发布日期 ${zhDate(occurredAt)}`,
              `startDate ${data.startDate} precedes the day the comment was opened (${occurredAt})`,
            ),
        },
        ...opts.periodRules,
        {
          code: 'DRAFT_TEXT_MISSING',
          basis: opts.draftBasis,
          onData: true,
          check: ({ context, data }) =>
            !given(data.draftText) &&
            !carriedDraftText(context) &&
            text(
              '公开征求意见须同时公布草案文本及其说明，请填写草案文本',
              'the draft and its explanation must be published with the call for comment: give the draft text',
            ),
        },
      ],
      apply: (c, { data, occurredAt }) => ({
        ...c,
        earlierPublicComments: c.publicComment ? [...c.earlierPublicComments, c.publicComment] : c.earlierPublicComments,
        publicComment: {
          // none given: the earlier round's text is carried forward (DRAFT_TEXT_MISSING saw there is one)
          draftText: given(data.draftText) ?? carriedDraftText(c)!,
          startDate: data.startDate,
          endDate: data.endDate,
          channels: data.channels,
          ...(data.shortenedReason ? { shortenedReason: data.shortenedReason } : {}),
          openedOn: occurredAt,
          comments: [],
          hearings: [],
        },
      }),
    }),
    RECORD_COMMENT: event<C, RecordCommentData>({
      label: text('登记公众意见', 'Record a comment'),
      by: 'official',
      basis,
      rules: [
        {
          code: 'COMMENT_OUTSIDE_PERIOD',
          basis,
          check: ({ context, occurredAt }) => {
            const pc = context.publicComment;
            return (
              pc &&
              (occurredAt < pc.startDate || occurredAt > pc.endDate) &&
              text(
                `意见收到日期 ${zhDate(occurredAt)} 不在征求意见期 ${zhDate(pc.startDate)} 至 ${zhDate(pc.endDate)} 内`,
                `the comment's date ${occurredAt} is outside the period ${pc.startDate} – ${pc.endDate}`,
              )
            );
          },
        },
      ],
      apply: (c, { data, occurredAt, actorId, assigned }) => {
        const pc = current(c);
        // a citizen's repeat (or a campaign's copies) of a comment already in: counted on it, not a new one to dispose of
        const same = actorId === PUBLIC_ACTOR ? identicalComment(pc.comments, data.content) : undefined;
        if (same) return withComment(c, { comments: pc.comments.map((x) => (x === same ? { ...x, count: (x.count ?? 1) + 1 } : x)) });
        const comment: CommentRecord = {
          id: `c${pc.comments.length + 1}`,
          ...(assigned.receipt ? { receipt: assigned.receipt } : {}),
          content: data.content,
          ...(data.submitter ? { submitter: data.submitter } : {}),
          receivedOn: occurredAt,
        };
        return withComment(c, { comments: [...pc.comments, comment] });
      },
    }),
    // each comment studied and its adoption explained (the procedure's basis); similar ones may share one act, each still on record
    DISPOSE_COMMENT: event<C, DisposeCommentData>({
      label: text('处理公众意见', 'Dispose of a comment'),
      by: 'official',
      basis,
      rules: [
        {
          code: 'COMMENT_NOT_FOUND',
          basis,
          onData: true,
          notFound: true,
          check: ({ context, data }) => {
            const known = new Set(context.publicComment?.comments.map((x) => x.id));
            const missing = [...new Set(disposedIds(data))].filter((id) => !known.has(id));
            return missing.length > 0 && text(`没有编号为 ${missing.join('、')} 的意见`, `no comment with id ${missing.join(', ')}`);
          },
        },
        {
          code: 'COMMENT_LISTED_TWICE',
          basis,
          onData: true,
          check: ({ data }) => {
            const seen = new Set<string>();
            const twice = new Set<string>();
            for (const id of disposedIds(data)) (seen.has(id) ? twice : seen).add(id);
            const ids = [...twice].sort(byCommentId);
            return ids.length > 0 && text(`意见 ${ids.join('、')} 在本次处理中重复列出`, `comment ${ids.join(', ')} listed more than once`);
          },
        },
      ],
      apply: (c, { data, occurredAt }) => {
        const ids = new Set(disposedIds(data));
        const disposition = { disposition: data.disposition, reason: data.reason, disposedOn: occurredAt };
        return withComment(c, {
          comments: current(c).comments.map((x) => (ids.has(x.id) ? { ...x, disposition: { ...disposition } } : x)),
        });
      },
    }),
    CLOSE_PUBLIC_COMMENT: event<C>({
      label: text('结束征求意见', 'Close public comment'),
      by: 'official',
      basis,
      rules: [
        {
          code: 'COMMENT_PERIOD_NOT_ENDED',
          basis,
          check: ({ context, occurredAt }) => {
            const pc = context.publicComment;
            return (
              pc &&
              occurredAt <= pc.endDate &&
              text(
                `征求意见期至 ${zhDate(pc.endDate)} 届满，${zhDate(addDays(pc.endDate, 1))} 起方可结束`,
                `the period runs until ${pc.endDate}; it can be closed from ${addDays(pc.endDate, 1)}`,
              )
            );
          },
        },
      ],
      apply: (c, { occurredAt }) => withComment(c, { closedOn: occurredAt }),
    }),
    COMPLETE_PUBLIC_PARTICIPATION: event<C, CompleteData>({
      label: text('完成公众参与并公布意见采纳情况', 'Complete public participation'),
      by: 'official',
      basis,
      rules: [
        {
          code: 'COMMENTS_UNDISPOSED',
          basis,
          check: ({ context }) => {
            const open = undisposed(context.publicComment);
            return (
              open.length > 0 &&
              text(
                `还有 ${open.length} 条意见未作处理（${open.map((x) => x.id).join('、')}）`,
                `${open.length} comment(s) have no disposition (${open.map((x) => x.id).join(', ')})`,
              )
            );
          },
        },
      ],
      apply: (c, { data, occurredAt }) =>
        withComment(c, { completedOn: occurredAt, summary: data.summary || adoptionSummary(current(c).comments) }),
    }),
  };
}

/** A hearing (听证会): its materials must be published at least N days before it (rulebook). */
export function hearingEvent<C extends WithPublicComment>(basis: Text): EventDefinition<C, unknown> {
  return event<C, HearingData>({
    label: text('举行听证会', 'Hold a hearing'),
    by: 'official',
    basis,
    rules: [
      {
        code: 'HEARING_NOTICE_TOO_SHORT',
        basis: (rb) => rb.values.decisionHearingNoticeMinDays.basis,
        onData: true,
        check: ({ data, rulebook }) => {
          const min = rulebook.values.decisionHearingNoticeMinDays.value;
          return (
            data.hearingDate < addDays(data.noticeDate, min) &&
            text(
              `听证材料于 ${zhDate(data.noticeDate)} 公布，距听证日 ${zhDate(data.hearingDate)} 不足 ${min} 日`,
              `materials published ${data.noticeDate}, less than ${min} days before the hearing on ${data.hearingDate}`,
            )
          );
        },
      },
      {
        code: 'HEARING_BEFORE_COMMENT_OPENED',
        basis,
        onData: true,
        check: ({ context, data }) => {
          const opened = context.publicComment?.openedOn;
          return (
            opened !== undefined &&
            data.noticeDate < opened &&
            text(
              `听证材料公布日期 ${zhDate(data.noticeDate)} 早于公开征求意见发布日期 ${zhDate(opened)}`,
              `the hearing notice (${data.noticeDate}) precedes the opening of public participation (${opened})`,
            )
          );
        },
      },
      {
        code: 'HEARING_IN_FUTURE',
        basis,
        onData: true,
        check: ({ data, occurredAt }) =>
          data.hearingDate > occurredAt &&
          text(
            `听证日 ${zhDate(data.hearingDate)} 尚未到来，听证举行后再登记`,
            `the hearing on ${data.hearingDate} has not taken place yet`,
          ),
      },
    ],
    apply: (c, { data }) => withComment(c, { hearings: [...current(c).hearings, { ...data }] }),
  });
}

/** A minimum length of the comment period, in working days or calendar days (the rulebook's unit). */
export interface PeriodMinimum {
  value: number;
  unit: 'working-days' | 'calendar-days';
}

/**
 * The earliest end date a comment period starting on `start` may have. The start day is not
 * counted (民法典 Art. 201): N working days end on the N-th working day after it; N days end N days
 * after it, moved to the next working day when that day is a rest day (Art. 203).
 */
export function earliestPeriodEnd(calendar: WorkingCalendar, start: IsoDate, min: PeriodMinimum): Reckoned<IsoDate> {
  return min.unit === 'working-days' ? calendar.addWorkingDays(start, min.value) : calendar.calendarDeadline(start, min.value);
}

/**
 * Why a period is too short, in both languages: its dates, the days it holds (the start day not
 * counted), the minimum, and the earliest end date it may have.
 */
export function periodTooShort(calendar: WorkingCalendar, data: { startDate: IsoDate; endDate: IsoDate }, min: PeriodMinimum): Text | null {
  const earliest = earliestPeriodEnd(calendar, data.startDate, min);
  if (data.endDate >= earliest.value) return null;
  const working = min.unit === 'working-days';
  const given = working
    ? calendar.workingDaysBetween(data.startDate, data.endDate)
    : { value: daysBetween(data.startDate, data.endDate), provisional: false };
  const unitZh = working ? '个工作日' : '日';
  const unitEn = working ? 'working days' : 'days';
  const provisional = earliest.provisional || given.provisional;
  const period = text(`征求意见期 ${zhDate(data.startDate)} 至 ${zhDate(data.endDate)}`, `the period ${data.startDate} – ${data.endDate}`);
  // N days long, but the N-th day is a rest day: the period runs on to the next working day
  const length =
    given.value >= min.value
      ? text(
          `为 ${given.value} 日（起始日不计入），第 ${min.value} 日 ${zhDate(addDays(data.startDate, min.value))} 为休息日，期限顺延至其后第一个工作日`,
          `has ${given.value} days (the first day not counted), but day ${min.value} (${addDays(data.startDate, min.value)}) is a rest day: the period runs on to the next working day`,
        )
      : text(
          `仅 ${given.value} ${unitZh}（起始日不计入），少于 ${min.value} ${unitZh}`,
          `has ${given.value} ${unitEn} (the first day not counted), fewer than ${min.value}`,
        );
  return text(
    `${period.zh} ${length.zh}；结束日期最早应为 ${zhDate(earliest.value)}${provisional ? '（按周末推算，暂定）' : ''}`,
    `${period.en} ${length.en}; the earliest valid end date is ${earliest.value}${provisional ? ' (provisional)' : ''}`,
  );
}

/** The minimum period length as a rule (working days or calendar days, from the rulebook). */
export function minPeriodRule<C>(opts: {
  code: string;
  value: (rb: Rulebook) => RuleValue;
  applies?: (context: C, data: OpenCommentData) => boolean;
}): Rule<C, OpenCommentData> {
  return {
    code: opts.code,
    basis: (rb) => opts.value(rb).basis,
    onData: true,
    check: ({ context, data, env, rulebook }) => {
      if (opts.applies && !opts.applies(context, data)) return null;
      const { value, unit } = opts.value(rulebook);
      if (unit !== 'working-days' && unit !== 'calendar-days') throw new Error(`a comment period is not counted in ${unit}`);
      return periodTooShort(env.calendar, data, { value, unit });
    },
  };
}

/**
 * The comment period as a state fragment both machines embed: open until closed (no earlier than
 * the day after its end date), then closed until every comment is disposed of and the
 * participation completed (→ `done`). `extra` adds events handled in both sub-states.
 */
export function commentPeriodStates(extra: Record<string, ReturnType<typeof step>> = {}) {
  return {
    open: {
      ...label('征求意见期间', 'comment period open'),
      on: { RECORD_COMMENT: step(), DISPOSE_COMMENT: step(), CLOSE_PUBLIC_COMMENT: step('closed'), ...extra },
    },
    closed: {
      ...label('征求意见已结束，待处理意见', 'closed, dispositions pending'),
      on: { DISPOSE_COMMENT: step(), COMPLETE_PUBLIC_PARTICIPATION: step('done'), ...extra },
    },
  };
}
