import { IsoDate } from './dates';
import { label, step, stepWhen } from './kit';
import { CaseBase, event, EventDefinition, Rule } from './procedure';
import { Text, text } from './text';

/**
 * Legality review (合法性审查), shared by both procedures: the sponsor submits the package with a
 * due date that gives the reviewer the time the rulebook requires; the reviewer's written
 * opinion routes the case: lawful → on; lawful with revisions → on once the sponsor confirms
 * them; exploratory (decisions only) → on, flagged, with a legal-risk statement; unlawful →
 * back to drafting, and only a new opinion opens the way again.
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

export interface Submission {
  submittedOn: IsoDate;
  reviewDueDate: IsoDate;
  /** working days the reviewer is given, start day not counted */
  workingDaysGiven: number;
  provisional: boolean;
  opinion?: Opinion;
  revisionsConfirmed?: { note: string; confirmedOn: IsoDate };
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

export const latestSubmission = (c: WithLegalityReview): Submission | undefined => c.legalityReview[c.legalityReview.length - 1];

/**
 * The opinion that lets the case go to the collective meeting: the latest one, not unlawful,
 * and with its revisions confirmed when it asked for some. Nothing else opens that way.
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

export function legalityReviewEvents<C extends WithLegalityReview>(opts: {
  basis: Text;
  /** what must be done before the package can be submitted */
  prerequisites: Rule<C, SubmitData>[];
  /** working days the reviewer must be given: [min, max?] from the rulebook */
  reviewTime: (rb: import('../rulebook').Rulebook) => {
    min: { value: number; basis: Text };
    max?: { value: number; basis: Text };
  };
  allowExploratory: boolean;
}): Record<string, EventDefinition<C, unknown>> {
  const { basis } = opts;
  return {
    SUBMIT_FOR_LEGALITY_REVIEW: event<C, SubmitData>({
      label: text('送请合法性审查', 'Submit for legality review'),
      by: 'official',
      basis,
      rules: [
        ...opts.prerequisites,
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
                `审查期限 ${occurredAt} 至 ${data.reviewDueDate} 仅 ${given.value} 个工作日${note}，少于 ${min.value} 个工作日`,
                `the reviewer is given ${given.value} working days (${occurredAt} – ${data.reviewDueDate}), fewer than ${min.value}`,
              );
            if (max && given.value > max.value)
              return text(
                `审查期限 ${occurredAt} 至 ${data.reviewDueDate} 为 ${given.value} 个工作日${note}，超过 ${max.value} 个工作日`,
                `the reviewer is given ${given.value} working days, more than ${max.value}`,
              );
            return null;
          },
        },
      ],
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
      apply: (c, { data, occurredAt }) => withLatest(c, { revisionsConfirmed: { note: data.revisionNote, confirmedOn: occurredAt } }),
    }),
  };
}

/**
 * The legality review stage as a state fragment both machines embed: `pass` is where a passing
 * opinion leads, `back` where an unlawful one sends the case.
 */
export function legalityReviewStates(pass: string, back: string) {
  return {
    initial: 'underReview' as const,
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
