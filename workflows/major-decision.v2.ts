/**
 * 重大行政决策程序 — version 2: the fair competition review.
 *
 * 《公平竞争审查条例》 (State Council Decree No. 783, in force 2024-08-01) requires a fair
 * competition review of every policy measure that concerns business activity (Art. 2), made in
 * the drafting stage (Art. 14). Version 2 is built from version 1's parts with one more track
 * in the consultation stage: the finished draft says whether it concerns business activity
 * (`marketRelated`, as a normative document does), and if it does, the review's conclusion must
 * be on the record before the draft goes to legality review. Like the expert and risk tracks, a track the draft
 * does not require is done from the start; a case moved here from version 1, whose draft never
 * said, must record the review or why the measure does not concern business activity.
 *
 * Version 1 (`major-decision.ts`) is left as released: cases started under it keep running on it.
 * The state mapping below says which of them may be moved here, and why the others may not; the
 * last lines are the version itself: version 1's parts, plus what this one adds.
 */
import {
  consultationRules,
  consultationTracks,
  majorDecision as v1,
  MajorDecisionContext,
  majorDecisionProcedure,
  openCaseFile,
} from './major-decision';
import type { IsoDate } from './shared/dates';
import { label, step } from './shared/kit';
import { event, Rule, StoredSnapshot, VersionMigration } from './shared/procedure';
import type { Track } from './shared/tracks';
import { law, Text, text } from './shared/text';

// ───────────────────────────── the case file ─────────────────────────────

export const FAIR_COMPETITION_CONCLUSIONS = ['compliant', 'exception', 'non-compliant', 'not-applicable'] as const;
export type FairCompetitionConclusion = (typeof FAIR_COMPETITION_CONCLUSIONS)[number];

export interface FairCompetitionReview {
  /** compliant; exception (Art. 12: restricts competition but may be issued, for a set period); non-compliant; not-applicable (no business activity, Art. 2) */
  conclusion: FairCompetitionConclusion;
  summary: string;
  /** the reviewing body: 市场监督管理部门 with the drafting unit (Art. 14) */
  reviewedBy?: string;
  /** Art. 12: the period or the condition that ends a measure issued as an exception */
  implementationPeriod?: string;
  reviewedOn: IsoDate;
}

export interface MajorDecisionV2Context extends MajorDecisionContext {
  /** the draft also says whether the measure concerns business activity (absent on drafts finished under version 1) */
  draft: (NonNullable<MajorDecisionContext['draft']> & { marketRelated?: boolean }) | null;
  /** 公平竞争审查, every review kept (Art. 2, 14) */
  fairCompetitionReviews: FairCompetitionReview[];
}

export const latestFairCompetitionReview = (c: MajorDecisionV2Context) => c.fairCompetitionReviews[c.fairCompetitionReviews.length - 1];
/** Not required (the draft does not concern business activity), or the latest review passed. */
export const fairCompetitionDone = (c: MajorDecisionV2Context) => {
  if (c.draft?.marketRelated === false) return true;
  const latest = latestFairCompetitionReview(c);
  return Boolean(latest) && latest.conclusion !== 'non-compliant';
};

// ───────────────────────────── the events ─────────────────────────────

export const fairCompetitionRule: Rule<MajorDecisionV2Context> = {
  code: 'FAIR_COMPETITION_REVIEW_INCOMPLETE',
  basis: law.fairCompetition(14),
  check: ({ context }) => {
    if (fairCompetitionDone(context)) return null;
    return latestFairCompetitionReview(context)
      ? text(
          '公平竞争审查认为草案违反审查标准：须修改草案并重新审查',
          'the fair competition review found the draft in breach: revise it and review it again',
        )
      : context.draft?.marketRelated
        ? text(
            '决策草案涉及经营者经济活动，须在起草阶段开展公平竞争审查并登记结论',
            'the draft concerns business activity: a fair competition review is required',
          )
        : text(
            '尚未登记公平竞争审查结论：涉及经营者经济活动的，须开展公平竞争审查；不涉及的，须登记理由（结论为“不涉及”）',
            'no fair competition review is on record: review a measure that concerns business activity, or record why it does not',
          );
  },
};

/** 公平竞争审查 (Decree 783 Art. 2, 12, 14), for this version's case file or a later one's. */
export const fairCompetitionEvents = <C extends MajorDecisionV2Context>() => ({
  RECORD_FAIR_COMPETITION_REVIEW: event<
    C,
    { conclusion: FairCompetitionConclusion; summary: string; reviewedBy?: string; implementationPeriod?: string }
  >({
    label: text('登记公平竞争审查结论', 'Record the fair competition review'),
    by: 'official',
    basis: law.fairCompetition(14),
    rules: [
      {
        code: 'FAIR_COMPETITION_ALREADY_DONE',
        basis: law.fairCompetition(14),
        check: ({ context }) => fairCompetitionDone(context) && text('公平竞争审查已完成', 'the fair competition review is already done'),
      },
      {
        code: 'EXCEPTION_WITHOUT_PERIOD',
        basis: law.fairCompetition(12),
        onData: true,
        check: ({ data }) =>
          data.conclusion === 'exception' &&
          !data.implementationPeriod?.trim() &&
          text(
            '具有排除、限制竞争效果但符合例外情形的，须写明合理的实施期限或者终止条件',
            'a measure issued as an exception needs its implementation period or end condition',
          ),
      },
    ],
    apply: (c, { data, occurredAt }) => ({
      ...c,
      fairCompetitionReviews: [...c.fairCompetitionReviews, { ...data, reviewedOn: occurredAt }],
    }),
  }),
});

// ───────────────────────────── the order of stages ─────────────────────────────

/** The fourth consultation track; like the expert and risk tracks, done from the start when the draft does not require it. */
export const fairCompetitionTrack: Track<MajorDecisionV2Context> = {
  name: 'fairCompetition',
  done: fairCompetitionDone,
  initial: 'pending',
  states: {
    pending: {
      ...label('公平竞争审查待完成', 'fair competition review pending'),
      // a review that finds a breach keeps the track open until the revised draft passes
      on: { RECORD_FAIR_COMPETITION_REVIEW: step() },
    },
  },
};

// ───────────────────────────── moving version 1 cases here ─────────────────────────────

/** Stages before the draft leaves the drafting phase: the review can still be made where the law puts it. */
const MOVABLE = ['proposed', 'drafting', 'consultation'];

const stageOf = (value: StoredSnapshot['value']) => (typeof value === 'string' ? value : Object.keys(value)[0]);

export const migrationFromV1: VersionMigration = {
  from: 1,
  basis: text(
    '《公平竞争审查条例》第二条：起草涉及经营者经济活动的政策措施，应当开展公平竞争审查；条例自2024年8月1日起施行',
    'Decree 783 Art. 2: every policy measure concerning business activity drafted after 2024-08-01 is reviewed',
  ),
  map: ({ value, context }) => {
    const stage = stageOf(value);
    if (!MOVABLE.includes(stage)) {
      const reason: Text =
        stage === 'concluded' || stage === 'terminated'
          ? text('案件已办结', 'the case is closed')
          : text(
              `案件已处于「${v1.stages[stage]?.zh ?? stage}」，起草阶段已经结束：公平竞争审查应在起草阶段开展（《公平竞争审查条例》第十四条），迁移会使案件缺少这一步骤`,
              `the case is at "${v1.stages[stage]?.en ?? stage}", past drafting, where the review belongs (Decree 783 Art. 14)`,
            );
      return { refused: reason };
    }
    const moved = { ...context, fairCompetitionReviews: [] };
    if (stage !== 'consultation') return { value, context: moved };
    // the new track joins the parallel consultation, not yet done
    return { value: { consultation: { ...(value as { consultation: object }).consultation, fairCompetition: 'pending' } }, context: moved };
  },
};

// ───────────────────────────── version 2 ─────────────────────────────

export const majorDecisionV2 = majorDecisionProcedure<MajorDecisionV2Context>({
  version: 2,
  effectiveFrom: '2024-08-01',
  changes: text(
    '增加公平竞争审查：决策草案涉及经营者经济活动的，送请合法性审查前须登记公平竞争审查结论（《公平竞争审查条例》第二条、第十四条）',
    'Adds the fair competition review of a draft that concerns business activity, before legality review (Decree 783 Art. 2, 14)',
  ),
  migration: migrationFromV1,
  caseFile: (input) => ({ ...openCaseFile(input), fairCompetitionReviews: [] }),
  // the draft says whether the measure concerns business activity (Decree 783 Art. 2)
  draftFields: (data) => ({ marketRelated: data.marketRelated === true }),
  tracks: [...consultationTracks, fairCompetitionTrack],
  // the consultation tracks, now with the fair competition review, come before legality review
  prerequisites: { legalityReview: [...consultationRules, fairCompetitionRule], collectiveDecision: consultationRules },
  extraEvents: fairCompetitionEvents<MajorDecisionV2Context>(),
});

export const { events, machine } = majorDecisionV2;
