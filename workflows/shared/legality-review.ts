import { IsoDate, zhDate } from './dates';
import type { WorkingCalendar } from './calendar';
import { label, step, stepWhen } from './kit';
import { CaseBase, event, EventDefinition, Rule } from './procedure';
import { Text, text } from './text';

/**
 * Legality review (合法性审查), shared by both procedures: the sponsor submits the package with a
 * due date that gives the reviewer the time the rulebook requires; the reviewer's written
 * opinion routes the case: lawful → on; lawful with revisions → on once the sponsor confirms
 * them; exploratory (decisions only) → on, flagged, with a legal-risk statement; unlawful →
 * back to drafting, and only a new opinion opens the way again. The opinion must be acted on:
 * a case an unlawful opinion sent back is resubmitted only once the sponsor has recorded how the
 * draft was revised (CONFIRM_REVISIONS, the same step that confirms requested revisions).
 *
 * Before any opinion on it, a submission may also end without one: the sponsor withdraws it
 * (撤回送审), or the reviewer returns it for missing materials (退回补正). Either way the case
 * goes back to drafting with its records kept, the review clock stops, and the next submission
 * is a new one with its own full review period. Neither is an opinion: the review time is
 * measured on the submission that the opinion answers.
 */
export type Conclusion = 'lawful' | 'lawful-with-revisions' | 'unlawful' | 'exploratory';
export const CONCLUSIONS: readonly Conclusion[] = ['lawful', 'lawful-with-revisions', 'unlawful', 'exploratory'];

export interface Opinion {
  conclusion: Conclusion;
  opinion: string;
  legalRiskStatement?: string;
  issuedOn: IsoDate;
  reviewerId: string;
}

/** 撤回送审: the sponsor took the package back before any opinion on it. */
export interface Withdrawal {
  reason: string;
  on: IsoDate;
  /** the official who withdrew it */
  by: string;
}

/** 退回补正: the reviewer sent the package back for correction (materials missing), without an opinion. */
export interface ReturnForCorrection {
  reason: string;
  /** the materials the reviewer asks for (may be empty) */
  missingItems: string[];
  on: IsoDate;
  reviewerId: string;
}

export interface Submission {
  submittedOn: IsoDate;
  reviewDueDate: IsoDate;
  /** working days the reviewer is given, start day not counted */
  workingDaysGiven: number;
  provisional: boolean;
  opinion?: Opinion;
  /** how the sponsor acted on the opinion: the revisions it asked for, or the redraft after an unlawful one */
  revisionsConfirmed?: { note: string; confirmedOn: IsoDate };
  /** ended without an opinion: withdrawn by the sponsor */
  withdrawn?: Withdrawal;
  /** ended without an opinion: returned for correction by the reviewer */
  returned?: ReturnForCorrection;
}

export interface WithLegalityReview extends CaseBase {
  legalityReview: Submission[];
}

export interface SubmitData {
  reviewDueDate: IsoDate;
}
export interface OpinionData {
  conclusion: Conclusion;
  opinion: string;
  legalRiskStatement?: string;
}
export interface ConfirmData {
  revisionNote: string;
}
export interface WithdrawData {
  reason: string;
}
export interface ReturnData {
  reason: string;
  missingItems?: string[];
}

/** The conclusions as the opinion's reader names them. */
export const CONCLUSION_LABELS: Record<Conclusion, Text> = {
  lawful: text('合法', 'lawful'),
  'lawful-with-revisions': text('合法但需修改', 'lawful with revisions'),
  unlawful: text('不合法', 'unlawful'),
  exploratory: text('探索性', 'exploratory'),
};

export const latestSubmission = (c: WithLegalityReview): Submission | undefined => c.legalityReview[c.legalityReview.length - 1];

/** Still before the reviewer: no opinion on it, neither withdrawn nor returned. */
export const awaitingOpinion = (s: Submission | undefined): boolean => Boolean(s && !s.opinion && !s.withdrawn && !s.returned);

/** The submission the reviewer has yet to answer, if the latest one is. */
export const pendingSubmission = (c: WithLegalityReview): Submission | undefined => {
  const s = latestSubmission(c);
  return awaitingOpinion(s) ? s : undefined;
};

/** The latest opinion asks the sponsor to revise the draft, and the revision is not yet recorded. */
export const revisionDue = (c: WithLegalityReview): Opinion | undefined => {
  const s = latestSubmission(c);
  const o = s?.opinion;
  return o && (o.conclusion === 'unlawful' || o.conclusion === 'lawful-with-revisions') && !s.revisionsConfirmed ? o : undefined;
};

/** The day a submission's review ended: its opinion, its withdrawal or its return; none while under review. */
export const reviewEndedOn = (s: Submission): IsoDate | undefined => s.opinion?.issuedOn ?? s.withdrawn?.on ?? s.returned?.on;

/**
 * The opinion that lets the case go to the collective meeting: the latest one, not unlawful,
 * and with its revisions confirmed when it asked for some. Nothing else opens that way (a
 * withdrawn or returned submission has no opinion at all).
 */
export function passingOpinion(c: WithLegalityReview): Opinion | undefined {
  const s = latestSubmission(c);
  const o = s?.opinion;
  if (!o || o.conclusion === 'unlawful') return undefined;
  if (o.conclusion === 'lawful-with-revisions' && !s.revisionsConfirmed) return undefined;
  return o;
}

/** The day the review opened the way: the opinion's date, or the confirmation of its revisions. */
export function reviewPassedOn(c: WithLegalityReview): IsoDate | undefined {
  const s = latestSubmission(c);
  if (!passingOpinion(c) || !s?.opinion) return undefined;
  return s.revisionsConfirmed?.confirmedOn ?? s.opinion.issuedOn;
}

const withLatest = <C extends WithLegalityReview>(c: C, patch: Partial<Submission>): C => ({
  ...c,
  legalityReview: c.legalityReview.map((s, i) => (i === c.legalityReview.length - 1 ? { ...s, ...patch } : s)),
});

/** A rule that the collective meeting may only take a case with a passing opinion. */
export function passingOpinionRule<C extends WithLegalityReview>(basis: Text): Rule<C> {
  return {
    code: 'LEGALITY_REVIEW_NOT_PASSED',
    basis,
    check: ({ context }) =>
      !passingOpinion(context) &&
      text(
        '未经合法性审查或审查结论为不合法（或修改意见尚未落实），不得提交集体讨论',
        'no passing legality opinion (or its revisions are not confirmed): the case cannot go to the meeting',
      ),
  };
}

/** A basis followed by what this step is under it. */
const noted = (basis: Text, zh: string, en: string): Text => text(`${basis.zh}；${zh}`, `${basis.en}; ${en}`);

/**
 * Withdrawal and return end a submission the reviewer has not yet answered: once an opinion is
 * issued it stands, and only the way it sets (revisions, redrafting) goes on.
 */
function beforeOpinionRule<C extends WithLegalityReview>(basis: Text, action: Text): Rule<C> {
  return {
    code: 'OPINION_ALREADY_ISSUED',
    basis,
    check: ({ context }) => {
      const s = latestSubmission(context);
      if (awaitingOpinion(s)) return null;
      const o = s?.opinion;
      if (!o) return text(`没有正在审查的送审材料，不能${action.zh}`, `no submission is under review: cannot ${action.en}`);
      const c = CONCLUSION_LABELS[o.conclusion];
      return text(
        `已于 ${zhDate(o.issuedOn)} 出具审查意见（${c.zh}），不能${action.zh}${o.conclusion === 'lawful-with-revisions' ? '；请按审查意见修改后确认落实' : ''}`,
        `the legality opinion (${c.en}) was issued on ${o.issuedOn}: cannot ${action.en}`,
      );
    },
  };
}

/**
 * 根据审查意见修改: a case an unlawful opinion sent back goes to the reviewer again only once the
 * sponsor has recorded how the draft was revised under it.
 */
function revisionRecordedRule<C extends WithLegalityReview>(basis: Text): Rule<C, SubmitData> {
  return {
    code: 'REVISION_NOT_RECORDED',
    basis,
    check: ({ context }) => {
      const o = revisionDue(context);
      return (
        o?.conclusion === 'unlawful' &&
        text(
          `${zhDate(o.issuedOn)}的审查意见为不合法：请按审查意见修改草案，并记录修改情况后再重新送审`,
          `the opinion of ${o.issuedOn} found the draft unlawful: record how it was revised before resubmitting`,
        )
      );
    },
  };
}

/**
 * Outside the review stage, the revisions are recorded only where an opinion asks for them (an
 * unlawful one that sent the case back): elsewhere there is nothing to record. The code says
 * "not now", like a wrong stage, so that the pages do not list it as the law standing in the way.
 */
function revisionAskedRule<C extends WithLegalityReview>(basis: Text): Rule<C, ConfirmData> {
  return {
    code: 'NO_REVISION_ASKED',
    basis,
    check: ({ context }) =>
      !revisionDue(context) &&
      text('没有需要落实的审查意见（审查意见要求修改的，方需记录修改情况）', 'no legality opinion asks for revisions now'),
  };
}

/**
 * What the submitter must give the reviewer, for a submission sent on `on`: the working days
 * (the day of submission not counted) and the earliest (and latest) review due date they allow.
 */
export function reviewTimeHint(calendar: WorkingCalendar, on: IsoDate, time: { min: { value: number }; max?: { value: number } }): Text {
  const { min, max } = time;
  const earliest = calendar.addWorkingDays(on, min.value);
  const latest = max ? calendar.addWorkingDays(on, max.value) : undefined;
  const provisional = earliest.provisional || Boolean(latest?.provisional);
  const noteZh = provisional ? '（按周末推算，暂定）' : '';
  const noteEn = provisional ? ' (provisional)' : '';
  if (latest && max) {
    return text(
      `须给予审查机构 ${min.value} 至 ${max.value} 个工作日的审查时间（送审当日不计入）：${zhDate(on)}送审的，审查期限最早为 ${zhDate(earliest.value)}，最迟为 ${zhDate(latest.value)}${noteZh}`,
      `the reviewer must be given ${min.value} to ${max.value} working days (the day of submission not counted): submitted on ${on}, the review is due between ${earliest.value} and ${latest.value}${noteEn}`,
    );
  }
  return text(
    `须给予审查机构不少于 ${min.value} 个工作日的审查时间（送审当日不计入）：${zhDate(on)}送审的，审查期限最早为 ${zhDate(earliest.value)}${noteZh}`,
    `the reviewer must be given at least ${min.value} working days (the day of submission not counted): submitted on ${on}, the review is due on ${earliest.value} at the earliest${noteEn}`,
  );
}

function reasonRule<C>(basis: Text, what: Text): Rule<C, { reason: string }> {
  return {
    code: 'REASON_REQUIRED',
    basis,
    onData: true,
    check: ({ data }) => !data.reason?.trim() && text(`须写明${what.zh}的理由`, `state the reason to ${what.en}`),
  };
}

export function legalityReviewEvents<C extends WithLegalityReview>(opts: {
  basis: Text;
  /** where the reviewer may send an incomplete package back, or ask for what is missing */
  returnBasis: Text;
  /** what must be done before the package can be submitted */
  prerequisites: Rule<C, SubmitData>[];
  /** working days the reviewer must be given: [min, max?] from the rulebook */
  reviewTime: (rb: import('../rulebook').Rulebook) => {
    min: { value: number; basis: Text };
    max?: { value: number; basis: Text };
  };
  allowExploratory: boolean;
  /** where the sponsor is to revise the draft as the opinion says */
  revisionBasis: Text;
}): Record<string, EventDefinition<C, unknown>> {
  const { basis } = opts;
  const withdrawBasis = noted(basis, '出具审查意见前，送审单位撤回送审材料', 'the sponsor takes the package back before any opinion');
  const withdraw = text('撤回送审', 'withdraw the submission');
  const giveBack = text('退回补正', 'return the submission for correction');
  return {
    SUBMIT_FOR_LEGALITY_REVIEW: event<C, SubmitData>({
      label: text('送请合法性审查', 'Submit for legality review'),
      by: 'official',
      basis,
      rules: [
        ...opts.prerequisites,
        revisionRecordedRule<C>(opts.revisionBasis),
        {
          code: 'REVIEW_TIME_OUT_OF_BOUNDS',
          basis: (rb) => opts.reviewTime(rb).min.basis,
          onData: true,
          check: ({ data, occurredAt, env, rulebook }) => {
            const { min, max } = opts.reviewTime(rulebook);
            const given = env.calendar.workingDaysBetween(occurredAt, data.reviewDueDate);
            const note = given.provisional ? '（按周末推算，暂定）' : '';
            if (given.value < min.value)
              return text(
                `审查期限 ${zhDate(occurredAt)} 至 ${zhDate(data.reviewDueDate)} 仅 ${given.value} 个工作日${note}，少于 ${min.value} 个工作日`,
                `the reviewer is given ${given.value} working days (${occurredAt} – ${data.reviewDueDate}), fewer than ${min.value}`,
              );
            if (max && given.value > max.value)
              return text(
                `审查期限 ${zhDate(occurredAt)} 至 ${zhDate(data.reviewDueDate)} 为 ${given.value} 个工作日${note}，超过 ${max.value} 个工作日`,
                `the reviewer is given ${given.value} working days, more than ${max.value}`,
              );
            return null;
          },
        },
      ],
      hints: ({ occurredAt, env, rulebook }) => ({ reviewDueDate: reviewTimeHint(env.calendar, occurredAt, opts.reviewTime(rulebook)) }),
      apply: (c, { data, occurredAt, env }) => {
        const given = env.calendar.workingDaysBetween(occurredAt, data.reviewDueDate);
        return {
          ...c,
          legalityReview: [
            ...c.legalityReview,
            {
              submittedOn: occurredAt,
              reviewDueDate: data.reviewDueDate,
              workingDaysGiven: given.value,
              provisional: given.provisional,
            },
          ],
        };
      },
    }),
    ISSUE_LEGALITY_OPINION: event<C, OpinionData>({
      label: text('出具合法性审查意见', 'Issue the legality opinion'),
      by: 'reviewer',
      basis,
      rules: [
        {
          code: 'EXPLORATORY_NOT_ALLOWED',
          basis,
          onData: true,
          check: ({ data }) =>
            !opts.allowExploratory &&
            data.conclusion === 'exploratory' &&
            text('规范性文件的审查结论不能为“探索性”', 'an exploratory conclusion is for major decisions only'),
        },
        {
          code: 'LEGAL_RISK_STATEMENT_REQUIRED',
          basis,
          onData: true,
          check: ({ data }) =>
            data.conclusion === 'exploratory' &&
            !data.legalRiskStatement?.trim() &&
            text('探索性结论须附法律风险提示', 'an exploratory conclusion needs a legal-risk statement'),
        },
      ],
      apply: (c, { data, occurredAt, actorId }) =>
        withLatest(c, {
          opinion: {
            conclusion: data.conclusion,
            opinion: data.opinion,
            ...(data.legalRiskStatement ? { legalRiskStatement: data.legalRiskStatement } : {}),
            issuedOn: occurredAt,
            reviewerId: actorId,
          },
        }),
    }),
    CONFIRM_REVISIONS: event<C, ConfirmData>({
      label: text('落实审查修改意见', 'Confirm the revisions'),
      by: 'official',
      basis,
      rules: [revisionAskedRule<C>(opts.revisionBasis)],
      apply: (c, { data, occurredAt }) => withLatest(c, { revisionsConfirmed: { note: data.revisionNote, confirmedOn: occurredAt } }),
    }),
    // the package goes back to drafting, every record kept; the review clock stops
    WITHDRAW_SUBMISSION: event<C, WithdrawData>({
      label: text('撤回送审（出具审查意见前）', 'Withdraw the submission (before the opinion)'),
      by: 'official',
      // the case under review waits for the reviewer, not for a withdrawal
      optional: true,
      basis: withdrawBasis,
      rules: [beforeOpinionRule<C>(withdrawBasis, withdraw), reasonRule<C>(withdrawBasis, withdraw)],
      apply: (c, { data, occurredAt, actorId }) => withLatest(c, { withdrawn: { reason: data.reason, on: occurredAt, by: actorId } }),
    }),
    // not an opinion: the resubmission gives the reviewer a full new period of its own
    RETURN_FOR_CORRECTION: event<C, ReturnData>({
      label: text('退回补正', 'Return for correction'),
      by: 'reviewer',
      // nor, awaiting revisions, for the reviewer
      optional: true,
      basis: opts.returnBasis,
      rules: [beforeOpinionRule<C>(opts.returnBasis, giveBack), reasonRule<C>(opts.returnBasis, giveBack)],
      apply: (c, { data, occurredAt, actorId }) =>
        withLatest(c, { returned: { reason: data.reason, missingItems: data.missingItems ?? [], on: occurredAt, reviewerId: actorId } }),
    }),
  };
}

/**
 * Where a case stands before (re)submission, after an unlawful opinion sent it back: the sponsor
 * records the revision there (its rule lets it through only when an opinion asks for one).
 */
export const recordRevision = { CONFIRM_REVISIONS: step() };

/**
 * The legality review stage as a state fragment both machines embed: `pass` is where a passing
 * opinion leads, `back` where an unlawful one sends the case, and a withdrawn or returned
 * submission too. Withdrawal and return are handled by the whole stage so that, once an opinion
 * is issued (awaiting revisions), the refusal names it (OPINION_ALREADY_ISSUED); their rules let
 * them through only while the submission is under review.
 */
export function legalityReviewStates(pass: string, back: string) {
  return {
    initial: 'underReview' as const,
    on: { WITHDRAW_SUBMISSION: step(back), RETURN_FOR_CORRECTION: step(back) },
    states: {
      underReview: {
        ...label('审查中', 'under review'),
        on: {
          ISSUE_LEGALITY_OPINION: [
            stepWhen('conclusion', 'unlawful', back),
            stepWhen('conclusion', 'lawful-with-revisions', 'awaitingRevisions'),
            stepWhen('conclusion', 'lawful', pass),
            stepWhen('conclusion', 'exploratory', pass),
          ],
        },
      },
      awaitingRevisions: { ...label('待落实修改意见', 'awaiting revisions'), on: { CONFIRM_REVISIONS: step(pass) } },
    },
  };
}
