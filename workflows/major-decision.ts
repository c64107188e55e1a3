/**
 * 重大行政决策程序 — Major administrative decision.
 *
 * Legal basis: 《重大行政决策程序暂行条例》 (State Council Decree No. 713, in force 2019-09-01),
 * cited as "Art. N". Read top to bottom: the case file (context), then every event with who
 * sends it, the article behind it and the rules it must obey, then the order of the stages, then
 * the versions: each is built by `majorDecisionProcedure` from its parts (version 1 at the end
 * of this file; version 2 in major-decision.v2.ts adds the fair competition review to them).
 */
import { setup } from 'xstate';
import type { Jurisdiction, Rulebook } from './rulebook';
import { IsoDate, yearOf } from './shared/dates';
import { label, procedureKit, step, stepWhen } from './shared/kit';
import {
  legalityReviewEvents,
  legalityReviewStates,
  passingOpinion,
  passingOpinionRule,
  pendingSubmission,
  recordRevision,
  reviewPassedOn,
  WithLegalityReview,
} from './shared/legality-review';
import { MeetingData, meetingRecord, MeetingRecord, meetingRules } from './shared/meetings';
import { ComplianceIssue, Due, ProcedureFacts } from './shared/facts';
import { event, EventDefinition, ProcedureDefinition, ProcedureEvent, Release, releaseOf, Rule } from './shared/procedure';
import { Track, trackGuards, trackRegions } from './shared/tracks';
import { commentPeriodStates, hearingEvent, minPeriodRule, publicCommentEvents, WithPublicComment } from './shared/public-comment';
import { law, Text, text } from './shared/text';

// ───────────────────────────── the case file ─────────────────────────────

export type RiskLevel = 'low' | 'medium' | 'high';

export interface Expert {
  name: string;
  affiliation: string;
  conflictOfInterest: boolean;
}

export interface RiskAssessment {
  riskLevel: RiskLevel;
  controllable: boolean;
  measures: string;
  riskPoints?: string[];
  responsePlan?: string;
  assessor?: string;
  draftAdjustment?: string;
  assessedOn: IsoDate;
}

export interface MajorDecisionContext extends WithPublicComment, WithLegalityReview {
  /** 决策事项建议：问题、理由、初步方案 (Art. 10–11) */
  proposal: { problem?: string; reasons?: string; preliminaryPlan?: string };
  /** 决策机关同意启动 (Art. 11); a decision outside the year's catalogue is flagged */
  start: { approvedOn: IsoDate; catalogueItemId?: string; outsideCatalogue: boolean } | null;
  /** 决策草案及说明 (Art. 12–13) */
  draft: { summary: string; specialized: boolean; stabilityRisk: boolean; finishedOn: IsoDate } | null;
  /** 依法不予公开征求意见 (Art. 14) */
  publicCommentExemption: { reason: string; exemptedOn: IsoDate } | null;
  /** 专家论证 (Art. 19–21) */
  expertArgumentation: {
    experts: Expert[];
    opinionSummary: string;
    adoptionSummary: string;
    recordedOn: IsoDate;
  } | null;
  /** 风险评估, every assessment kept (Art. 22–24) */
  riskAssessments: RiskAssessment[];
  /** 集体讨论决定 (Art. 29–30) */
  collectiveDecisions: MeetingRecord[];
  /** 向同级党委请示报告 (Art. 31) */
  partyReport: { reference: string; reportedOn: IsoDate } | null;
  /** 决策公布 (Art. 32) */
  publication: { channels: string[]; adoptionExplanation?: string; withheldReason?: string; publishedOn: IsoDate } | null;
  /** 立案归档 (Art. 33) */
  archive: { archiveNumber: string; archivedOn: IsoDate } | null;
  /** 决策执行与后评估 (Art. 34–37) */
  implementation: {
    reports: { summary: string; reportedOn: IsoDate }[];
    suspensions: { orderedBy: string; reason: string; suspendedOn: IsoDate; resumedOn?: IsoDate; resumeOrderedBy?: string }[];
    postEvaluation: { evaluator: string; startedOn: IsoDate; conclusion?: string; recordedOn?: IsoDate } | null;
    concludedOn?: IsoDate;
  };
}

export interface MajorDecisionInput {
  title: string;
  department: string;
  jurisdiction: Jurisdiction;
  occurredAt: IsoDate;
  problem?: string;
  reasons?: string;
  preliminaryPlan?: string;
}

/** The case file of a new case: the proposal, and nothing done yet. */
export const openCaseFile = (input: MajorDecisionInput): MajorDecisionContext => ({
  title: input.title,
  department: input.department,
  jurisdiction: input.jurisdiction,
  createdAt: input.occurredAt,
  lastEventDate: input.occurredAt,
  proposal: { problem: input.problem, reasons: input.reasons, preliminaryPlan: input.preliminaryPlan },
  start: null,
  draft: null,
  publicComment: null,
  earlierPublicComments: [],
  publicCommentExemption: null,
  expertArgumentation: null,
  riskAssessments: [],
  legalityReview: [],
  collectiveDecisions: [],
  partyReport: null,
  publication: null,
  archive: null,
  implementation: { reports: [], suspensions: [], postEvaluation: null },
});

// ─────────────────────── what the consultation requires ───────────────────────

export const publicParticipationDone = (c: MajorDecisionContext) => Boolean(c.publicComment?.completedOn || c.publicCommentExemption);
export const expertArgumentationDone = (c: MajorDecisionContext) => !c.draft?.specialized || Boolean(c.expertArgumentation);
export const latestRiskAssessment = (c: MajorDecisionContext) => c.riskAssessments[c.riskAssessments.length - 1];
export const riskAssessmentDone = (c: MajorDecisionContext) => !c.draft?.stabilityRisk || latestRiskAssessment(c)?.controllable === true;

export const consultationRules: readonly Rule<MajorDecisionContext>[] = [
  {
    code: 'PUBLIC_PARTICIPATION_INCOMPLETE',
    basis: law.decree713(14),
    check: ({ context }) =>
      !publicParticipationDone(context) &&
      text(
        '公众参与尚未完成：须公开征求意见、处理全部意见并公布采纳情况，或记录依法不予公开的理由',
        'public participation is not complete: run the comment period to its end, or record the lawful reason to withhold it',
      ),
  },
  {
    code: 'EXPERT_ARGUMENTATION_MISSING',
    basis: law.decree713(19),
    check: ({ context }) =>
      !expertArgumentationDone(context) &&
      text('决策事项专业性、技术性较强，须组织专家论证', 'the decision is specialized: expert argumentation is required'),
  },
  {
    code: 'RISK_ASSESSMENT_INCOMPLETE',
    basis: law.decree713(24),
    check: ({ context }) => {
      if (riskAssessmentDone(context)) return null;
      return latestRiskAssessment(context)
        ? text(
            '风险评估结论为风险不可控：须调整决策草案并重新评估至风险可控',
            'the risk was assessed as not controllable: adjust the draft and reassess until it is',
          )
        : text('决策可能影响社会稳定，须进行社会稳定风险评估', 'the decision may affect social stability: a risk assessment is required');
    },
  },
];

// ─────────────────────────────── the archive ───────────────────────────────

/** 归档清单: every record of every completed stage (Art. 33). */
export function archiveChecklist(c: MajorDecisionContext): { item: Text; present: boolean }[] {
  const approved = c.collectiveDecisions.some((m) => m.outcome === 'approved');
  return [
    { item: text('决策启动审批', 'start approval'), present: Boolean(c.start) },
    { item: text('决策草案及说明', 'draft and explanation'), present: Boolean(c.draft) },
    { item: text('公众参与记录及意见采纳情况', 'public participation record'), present: publicParticipationDone(c) },
    { item: text('专家论证意见', 'expert argumentation'), present: expertArgumentationDone(c) },
    { item: text('风险评估报告', 'risk assessment'), present: riskAssessmentDone(c) },
    { item: text('合法性审查意见', 'legality opinion'), present: Boolean(passingOpinion(c)) },
    { item: text('集体讨论决定记录', 'collective decision record'), present: approved },
    { item: text('向党委请示报告记录', 'Party committee report'), present: Boolean(c.partyReport) },
    { item: text('决策公布记录', 'publication record'), present: Boolean(c.publication) },
  ];
}

// ───────────────────────────── the events ─────────────────────────────

const normalize = (s: string) => s.replace(/\s+/g, '').toLowerCase();

/**
 * The events of every version, in the order the procedure meets them. What differs between
 * versions comes from the version's parts (see "the versions" at the end): the prerequisites of
 * legality review and of the collective decision, what the draft records, the events it adds.
 */
export function majorDecisionEvents<C extends MajorDecisionContext>(parts: MajorDecisionParts<C>) {
  return {
    APPROVE_START: event<C, { catalogueItemId?: string }>({
      label: text('同意启动决策程序', 'Approve the start'),
      by: 'secretariat',
      basis: law.decree713(11),
      // outside the year's published catalogue is allowed, but flagged (Art. 3; local catalogue rules)
      apply: (c, { data, occurredAt, assigned }) => ({
        ...c,
        start: {
          approvedOn: occurredAt,
          ...(data.catalogueItemId ? { catalogueItemId: data.catalogueItemId } : {}),
          outsideCatalogue: !(data.catalogueItemId && assigned.catalogue?.listed),
        },
      }),
    }),

    FINISH_DRAFT: event<C, { draftSummary: string; specialized: boolean; stabilityRisk: boolean }>({
      label: text('完成决策草案', 'Finish the draft'),
      by: 'official',
      basis: law.decree713(12),
      apply: (c, { data, occurredAt }) => ({
        ...c,
        draft: {
          summary: data.draftSummary,
          specialized: data.specialized,
          stabilityRisk: data.stabilityRisk,
          finishedOn: occurredAt,
          ...parts.draftFields?.(data),
        },
      }),
    }),

    // 公众参与 (Art. 14–18): 征求意见期限一般不少于 30 日，缩短须说明理由 (Art. 15)
    ...publicCommentEvents<C>({
      basis: law.decree713(14),
      shortening: true,
      draftBasis: law.decree713(15, '公布决策草案及其说明'),
      periodRules: [
        minPeriodRule({
          code: 'COMMENT_PERIOD_TOO_SHORT',
          value: (rb) => rb.values.decisionCommentMinDays,
          applies: (_c, data) => !data.shortenedReason?.trim(),
        }),
      ],
    }),

    EXEMPT_PUBLIC_COMMENT: event<C, { reason: string }>({
      label: text('依法不予公开征求意见', 'Withhold public comment lawfully'),
      by: 'official',
      basis: law.decree713(14),
      apply: (c, { data, occurredAt }) => ({ ...c, publicCommentExemption: { reason: data.reason, exemptedOn: occurredAt } }),
    }),

    HOLD_HEARING: hearingEvent<C>(law.decree713(17)),

    // 专家论证 (Art. 19–21): 不得选择与决策事项有直接利害关系的专家 (Art. 20)
    RECORD_EXPERT_ARGUMENTATION: event<C, { experts: Expert[]; opinionSummary: string; adoptionSummary: string }>({
      label: text('登记专家论证', 'Record the expert argumentation'),
      by: 'official',
      basis: law.decree713(19),
      rules: [
        {
          code: 'EXPERT_CONFLICT_OF_INTEREST',
          basis: law.decree713(20),
          onData: true,
          check: ({ data }) => {
            const conflicted = data.experts.filter((e) => e.conflictOfInterest);
            return (
              conflicted.length > 0 &&
              text(
                `专家 ${conflicted.map((e) => e.name).join('、')} 与决策事项有直接利害关系，不得参与论证`,
                `expert(s) ${conflicted.map((e) => e.name).join(', ')} declared a conflict of interest`,
              )
            );
          },
        },
      ],
      apply: (c, { data, occurredAt }) => ({
        ...c,
        expertArgumentation: {
          experts: data.experts,
          opinionSummary: data.opinionSummary,
          adoptionSummary: data.adoptionSummary,
          recordedOn: occurredAt,
        },
      }),
    }),

    // 风险评估 (Art. 22–24): 风险不可控的，调整决策草案并确保风险可控后方可决策 (Art. 24)
    RECORD_RISK_ASSESSMENT: event<C, Omit<RiskAssessment, 'assessedOn'>>({
      label: text('登记风险评估', 'Record the risk assessment'),
      by: 'official',
      basis: law.decree713(22),
      rules: [
        {
          code: 'REASSESSMENT_NEEDS_DRAFT_ADJUSTMENT',
          basis: law.decree713(24),
          onData: true,
          check: ({ context, data }) =>
            latestRiskAssessment(context)?.controllable === false &&
            !data.draftAdjustment?.trim() &&
            text(
              '上次评估风险不可控：重新评估须说明对决策草案所作的调整',
              'the last assessment found the risk not controllable: state how the draft was adjusted',
            ),
        },
      ],
      apply: (c, { data, occurredAt }) => ({ ...c, riskAssessments: [...c.riskAssessments, { ...data, assessedOn: occurredAt }] }),
    }),

    // 合法性审查 (Art. 25–28): 不得以征求意见等方式代替 (Art. 25); 审查时间一般不少于 7 个工作日 (Art. 26);
    // before the opinion the sponsor may withdraw the package, the reviewer return it for correction
    ...legalityReviewEvents<C>({
      basis: law.decree713(25),
      // 提供的材料不符合要求的，负责合法性审查的部门可以退回，或者要求补充 (Art. 26)
      returnBasis: law.decree713(26, '提供的材料不符合要求的，可以退回或者要求补充'),
      prerequisites: [...parts.prerequisites.legalityReview],
      reviewTime: (rb) => ({ min: rb.values.decisionReviewMinWorkingDays }),
      allowExploratory: true,
      // 决策承办单位根据合法性审查意见进行必要的调整或者补充 (Art. 28)
      revisionBasis: law.decree713(28, '决策承办单位根据合法性审查意见进行必要的调整或者补充'),
    }),

    // 集体讨论决定 (Art. 29–30)
    RECORD_COLLECTIVE_DECISION: event<C, MeetingData>({
      label: text('登记集体讨论决定', 'Record the collective decision'),
      by: 'secretariat',
      basis: law.decree713(30),
      rules: [
        passingOpinionRule(law.decree713(25)),
        ...parts.prerequisites.collectiveDecision,
        ...meetingRules<C>({ basis: law.decree713(30), allowedTypes: () => ['standing', 'plenary'] }),
      ],
      apply: (c, { data, occurredAt }) => ({ ...c, collectiveDecisions: [...c.collectiveDecisions, meetingRecord(data, occurredAt)] }),
    }),

    REPORT_TO_PARTY_COMMITTEE: event<C, { reference: string }>({
      label: text('向同级党委请示报告', 'Report to the Party committee'),
      by: 'secretariat',
      basis: law.decree713(31),
      apply: (c, { data, occurredAt }) => ({ ...c, partyReport: { reference: data.reference, reportedOn: occurredAt } }),
    }),

    // 决策公布 (Art. 32): 说明公众意见、专家论证意见的采纳情况
    PUBLISH_DECISION: event<C, { channels: string[]; adoptionExplanation?: string; withheldReason?: string }>({
      label: text('公布决策', 'Publish the decision'),
      by: 'secretariat',
      basis: law.decree713(32),
      rules: [
        {
          code: 'PUBLICATION_CHANNEL_REQUIRED',
          basis: law.decree713(32),
          onData: true,
          check: ({ data }) =>
            data.channels.length === 0 &&
            !data.withheldReason?.trim() &&
            text(
              '须写明公布途径（政府公报、政府网站、报纸等），或依法不予公开的理由',
              'name the channels, or the lawful reason to withhold publication',
            ),
        },
        {
          code: 'ADOPTION_EXPLANATION_REQUIRED',
          basis: law.decree713(32),
          onData: true,
          check: ({ context, data }) =>
            (Boolean(context.publicComment?.completedOn) || Boolean(context.expertArgumentation)) &&
            !data.withheldReason?.trim() &&
            !data.adoptionExplanation?.trim() &&
            text('经公众参与或专家论证的，公布时须说明意见采纳情况', 'explain how public and expert opinions were adopted'),
        },
      ],
      apply: (c, { data, occurredAt }) => ({ ...c, publication: { ...data, publishedOn: occurredAt } }),
    }),

    // 立案归档 (Art. 33)
    ARCHIVE: event<C, { archiveNumber: string }>({
      label: text('立案归档', 'Archive the record'),
      by: 'secretariat',
      basis: law.decree713(33),
      rules: [
        {
          code: 'ARCHIVE_CHECKLIST_INCOMPLETE',
          basis: law.decree713(33),
          check: ({ context }) => {
            const missing = archiveChecklist(context).filter((i) => !i.present);
            return (
              missing.length > 0 &&
              text(
                `归档材料不全，缺少：${missing.map((i) => i.item.zh).join('、')}`,
                `the archive is incomplete; missing: ${missing.map((i) => i.item.en).join(', ')}`,
              )
            );
          },
        },
      ],
      apply: (c, { data, occurredAt }) => ({ ...c, archive: { archiveNumber: data.archiveNumber, archivedOn: occurredAt } }),
    }),

    // 决策执行 (Art. 34–37)
    REPORT_IMPLEMENTATION: event<C, { summary: string }>({
      label: text('报告执行情况', 'Report on implementation'),
      by: 'official',
      basis: law.decree713(34),
      apply: (c, { data, occurredAt }) => ({
        ...c,
        implementation: { ...c.implementation, reports: [...c.implementation.reports, { summary: data.summary, reportedOn: occurredAt }] },
      }),
    }),

    SUSPEND: event<C, { orderedBy: string; reason: string }>({
      label: text('决定中止执行', 'Suspend implementation'),
      by: 'secretariat',
      basis: law.decree713(36),
      apply: (c, { data, occurredAt }) => ({
        ...c,
        implementation: {
          ...c.implementation,
          suspensions: [...c.implementation.suspensions, { orderedBy: data.orderedBy, reason: data.reason, suspendedOn: occurredAt }],
        },
      }),
    }),

    RESUME: event<C, { orderedBy: string; reason?: string }>({
      label: text('恢复执行', 'Resume implementation'),
      by: 'secretariat',
      basis: law.decree713(36),
      apply: (c, { data, occurredAt }) => ({
        ...c,
        implementation: {
          ...c.implementation,
          suspensions: c.implementation.suspensions.map((s, i, all) =>
            i === all.length - 1 ? { ...s, resumedOn: occurredAt, resumeOrderedBy: data.orderedBy } : s,
          ),
        },
      }),
    }),

    // 决策后评估: 决策作出前承担主要论证评估工作的单位除外 (Art. 37)
    START_POST_EVALUATION: event<C, { evaluator: string }>({
      label: text('启动决策后评估', 'Start the post-decision evaluation'),
      by: 'official',
      basis: law.decree713(37),
      rules: [
        {
          code: 'POST_EVALUATION_ALREADY_STARTED',
          basis: law.decree713(37),
          check: ({ context }) =>
            Boolean(context.implementation.postEvaluation) &&
            text('决策后评估已经启动', 'the post-decision evaluation has already started'),
        },
        {
          code: 'EVALUATOR_NOT_INDEPENDENT',
          basis: law.decree713(37),
          onData: true,
          check: ({ context, data }) => {
            const before = [
              ...context.riskAssessments.map((r) => r.assessor ?? ''),
              ...(context.expertArgumentation?.experts.map((e) => e.affiliation) ?? []),
            ].filter(Boolean);
            return (
              before.some((b) => normalize(b) === normalize(data.evaluator)) &&
              text(
                `${data.evaluator} 在决策作出前承担了论证评估工作，不得承担决策后评估`,
                `${data.evaluator} did the pre-decision evaluation and cannot do the post-decision one`,
              )
            );
          },
        },
      ],
      apply: (c, { data, occurredAt }) => ({
        ...c,
        implementation: { ...c.implementation, postEvaluation: { evaluator: data.evaluator, startedOn: occurredAt } },
      }),
    }),

    RECORD_POST_EVALUATION: event<C, { conclusion: string }>({
      label: text('登记决策后评估结论', 'Record the post-decision evaluation'),
      by: 'official',
      basis: law.decree713(37),
      rules: [
        {
          code: 'POST_EVALUATION_NOT_STARTED',
          basis: law.decree713(37),
          check: ({ context }) =>
            !context.implementation.postEvaluation && text('尚未启动决策后评估', 'no post-decision evaluation has been started'),
        },
      ],
      apply: (c, { data, occurredAt }) => ({
        ...c,
        implementation: {
          ...c.implementation,
          postEvaluation: c.implementation.postEvaluation && {
            ...c.implementation.postEvaluation,
            conclusion: data.conclusion,
            recordedOn: occurredAt,
          },
        },
      }),
    }),

    CONCLUDE: event<C, { reason?: string }>({
      label: text('决策执行完毕', 'Conclude'),
      by: 'secretariat',
      basis: law.decree713(34),
      rules: [
        {
          code: 'POST_EVALUATION_UNFINISHED',
          basis: law.decree713(37),
          check: ({ context }) => {
            const pe = context.implementation.postEvaluation;
            return pe && !pe.recordedOn && text('决策后评估尚未完成', 'the post-decision evaluation is not finished');
          },
        },
      ],
      apply: (c, { occurredAt }) => ({ ...c, implementation: { ...c.implementation, concludedOn: occurredAt } }),
    }),
    // what the version adds
    ...parts.extraEvents,
  };
}

// ───────────────────────────── the order of stages ─────────────────────────────

/** The consultation tracks of version 1, side by side; a track the draft does not require is done from the start. */
export const consultationTracks: readonly Track<MajorDecisionContext>[] = [
  {
    name: 'publicParticipation',
    done: publicParticipationDone,
    initial: 'notOpened',
    states: {
      notOpened: {
        ...label('尚未发布征求意见', 'not opened'),
        on: { OPEN_PUBLIC_COMMENT: step('open'), EXEMPT_PUBLIC_COMMENT: step('done') },
      },
      ...commentPeriodStates({ HOLD_HEARING: step() }),
    },
  },
  {
    name: 'expertArgumentation',
    done: expertArgumentationDone,
    initial: 'pending',
    states: {
      pending: {
        ...label('专家论证待完成', 'expert argumentation pending'),
        on: { RECORD_EXPERT_ARGUMENTATION: step('done') },
      },
    },
  },
  {
    name: 'riskAssessment',
    done: riskAssessmentDone,
    initial: 'pending',
    states: {
      pending: {
        ...label('风险评估待完成', 'risk assessment pending'),
        // not controllable: the track stays open until a reassessment finds it controllable
        on: { RECORD_RISK_ASSESSMENT: [stepWhen('controllable', true, 'done'), step()] },
      },
    },
  },
];

/** The stages, in order; the consultation runs the version's tracks in parallel and ends when all are done. */
function majorDecisionStages<C extends MajorDecisionContext>(tracks: readonly Track<C>[]) {
  return {
    proposed: { on: { APPROVE_START: step('drafting') } },
    // back from an unlawful opinion, the revision is recorded before the case is resubmitted
    drafting: { on: { FINISH_DRAFT: step('consultation'), ...recordRevision } },
    consultation: {
      type: 'parallel' as const,
      on: { SUBMIT_FOR_LEGALITY_REVIEW: step('legalityReview'), ...recordRevision },
      states: trackRegions(tracks),
    },
    legalityReview: legalityReviewStates('#major-decision.collectiveDecision', '#major-decision.drafting'),
    collectiveDecision: {
      on: {
        RECORD_COLLECTIVE_DECISION: [
          stepWhen('outcome', 'approved', 'partyReport'),
          stepWhen('outcome', 'rejected', 'terminated'),
          stepWhen('outcome', 'revise', 'drafting'),
          stepWhen('outcome', 'deferred'),
        ],
      },
    },
    partyReport: { on: { REPORT_TO_PARTY_COMMITTEE: step('publication') } },
    publication: { on: { PUBLISH_DECISION: step('archiving') } },
    archiving: { on: { ARCHIVE: step('implementing') } },
    implementing: {
      initial: 'inEffect',
      on: {
        REPORT_IMPLEMENTATION: step(),
        START_POST_EVALUATION: step(),
        RECORD_POST_EVALUATION: step(),
      },
      states: {
        // a suspended decision is resumed (or its suspension otherwise ended) before it is concluded
        inEffect: { ...label('执行中', 'in effect'), on: { SUSPEND: step('suspended'), CONCLUDE: step('#major-decision.concluded') } },
        suspended: { ...label('中止执行', 'suspended'), on: { RESUME: step('inEffect') } },
      },
    },
    concluded: { type: 'final' as const },
    terminated: { type: 'final' as const },
  };
}

// ───────────────────────────── what supervision sees ─────────────────────────────

/** Steps missing or out of order in the record (none can arise through the engine; kept for imported data). */
function issues(c: MajorDecisionContext): ComplianceIssue[] {
  const found: ComplianceIssue[] = [];
  const decided = c.collectiveDecisions.find((m) => m.outcome === 'approved');
  const opinion = passingOpinion(c);
  if (decided && !opinion) {
    found.push({
      code: 'LEGALITY_REVIEW_MISSING',
      step: text('合法性审查', 'legality review'),
      message: text('集体讨论决定前无合法性审查意见', 'decided without a passing legality opinion'),
    });
  }
  const passed = reviewPassedOn(c);
  if (decided && passed && decided.meetingDate < passed) {
    found.push({
      code: 'DECIDED_BEFORE_REVIEW',
      step: text('集体讨论决定', 'collective decision'),
      message: text('集体讨论早于合法性审查意见', 'the meeting preceded the legality opinion'),
    });
  }
  if (c.archive && archiveChecklist(c).some((i) => !i.present)) {
    found.push({
      code: 'ARCHIVE_INCOMPLETE',
      step: text('立案归档', 'archiving'),
      message: text('归档材料不全', 'the archive is incomplete'),
    });
  }
  return found;
}

export const dueLabels = {
  COMMENT_PERIOD_END: text('征求意见期届满', 'end of the comment period'),
  REVIEW_DUE: text('合法性审查期限', 'legality review due'),
};

function due(c: MajorDecisionContext, stage: string, rb: Rulebook): Due | null {
  const pc = c.publicComment;
  if (stage === 'consultation' && pc && !pc.closedOn) {
    return {
      date: pc.endDate,
      code: 'COMMENT_PERIOD_END',
      label: dueLabels.COMMENT_PERIOD_END,
      basis: rb.values.decisionCommentMinDays.basis,
      provisional: false,
    };
  }
  // the clock runs only while a submission awaits its opinion: none once withdrawn or returned
  const s = pendingSubmission(c);
  if (stage === 'legalityReview' && s) {
    return {
      date: s.reviewDueDate,
      code: 'REVIEW_DUE',
      label: dueLabels.REVIEW_DUE,
      basis: rb.values.decisionReviewMinWorkingDays.basis,
      provisional: s.provisional,
    };
  }
  return null;
}

export function majorDecisionFacts(c: MajorDecisionContext, stage: string, rb: Rulebook): ProcedureFacts {
  return {
    reportYear: c.start ? yearOf(c.start.approvedOn) : null,
    startedOn: c.start?.approvedOn ?? null,
    decidedOn: c.collectiveDecisions.find((m) => m.outcome === 'approved')?.meetingDate ?? null,
    publishedOn: c.publication?.publishedOn ?? null,
    archivedOn: c.archive?.archivedOn ?? null,
    filedOn: null,
    filingDeadline: null,
    filedLate: false,
    registered: false,
    outsideCatalogue: c.start?.outsideCatalogue ?? false,
    catalogueItemId: c.start?.catalogueItemId ?? null,
    documentNumber: null,
    issues: issues(c),
    due: due(c, stage, rb),
  };
}

// ───────────────────────────── the versions ─────────────────────────────

/** What a version of the major decision is made of: the rest is the same in every version. */
export interface MajorDecisionParts<C extends MajorDecisionContext> extends Release {
  /** the case file a new case opens with */
  caseFile: (input: MajorDecisionInput) => C;
  /** the tracks of the consultation stage */
  tracks: readonly Track<C>[];
  /** what must be done before the case is submitted for legality review, and before the collective decision */
  prerequisites: { legalityReview: readonly Rule<C>[]; collectiveDecision: readonly Rule<C>[] };
  /** what else the finished draft records, from FINISH_DRAFT's data */
  draftFields?: (data: Readonly<Record<string, unknown>>) => Partial<NonNullable<C['draft']>>;
  /** the events the version adds, after the others */
  extraEvents?: Record<string, EventDefinition<C, unknown>>;
}

/** A version of the major decision, built from its parts. */
export function majorDecisionProcedure<C extends MajorDecisionContext>(parts: MajorDecisionParts<C>): ProcedureDefinition<C> {
  const events = majorDecisionEvents(parts);
  const kit = procedureKit<C>(events);
  const machine = setup({
    types: {
      context: {} as C,
      events: {} as ProcedureEvent,
      input: {} as MajorDecisionInput,
    },
    guards: { ...kit.guards, ...trackGuards(parts.tracks) },
    actions: kit.actions,
  }).createMachine({
    id: 'major-decision',
    initial: 'proposed',
    context: ({ input }) => parts.caseFile(input),
    states: majorDecisionStages(parts.tracks),
  });
  return {
    id: 'major-decision',
    ...releaseOf(parts),
    label: text('重大行政决策', 'Major administrative decision'),
    stages: {
      proposed: text('决策启动', 'Proposed'),
      drafting: text('草案起草', 'Drafting'),
      consultation: text('公众参与、专家论证与风险评估', 'Consultation'),
      legalityReview: text('合法性审查', 'Legality review'),
      collectiveDecision: text('集体讨论决定', 'Collective decision'),
      partyReport: text('向党委请示报告', 'Party committee report'),
      publication: text('决策公布', 'Publication'),
      archiving: text('立案归档', 'Archiving'),
      implementing: text('决策执行', 'Implementing'),
      concluded: text('已完结', 'Concluded'),
      terminated: text('已终止', 'Terminated'),
    },
    events,
    machine,
    dueLabels,
    facts: majorDecisionFacts,
  };
}

export const majorDecision = majorDecisionProcedure<MajorDecisionContext>({
  version: 1,
  // Decree 713 in force; the first version also carries cases recorded as started before it
  effectiveFrom: '2019-09-01',
  caseFile: openCaseFile,
  tracks: consultationTracks,
  prerequisites: { legalityReview: consultationRules, collectiveDecision: consultationRules },
});

export const { events, machine } = majorDecision;
