import { consultationRules, consultationTracks, majorDecision, majorDecisionProcedure, openCaseFile } from '../major-decision';
import {
  fairCompetitionEvents,
  fairCompetitionRule,
  fairCompetitionTrack,
  majorDecisionV2,
  MajorDecisionV2Context,
} from '../major-decision.v2';
import { codesOf, Step, TestCase } from '../testing';
import type { IsoDate } from './dates';
import { label, step } from './kit';
import { event, Rule } from './procedure';
import type { Track } from './tracks';
import { text } from './text';

// A hypothetical version 3 (test only): version 2 plus a traffic impact track, in a few lines.
interface V3Context extends MajorDecisionV2Context {
  trafficImpact: { summary: string; recordedOn: IsoDate } | null;
}
const trafficImpactDone = (c: V3Context) => !c.draft?.specialized || Boolean(c.trafficImpact);
const trafficImpactTrack: Track<V3Context> = {
  name: 'trafficImpact',
  done: trafficImpactDone,
  initial: 'pending',
  states: { pending: { ...label('交通影响评价待完成', 'traffic impact pending'), on: { RECORD_TRAFFIC_IMPACT: step('done') } } },
};
const trafficImpactRule: Rule<V3Context> = {
  code: 'TRAFFIC_IMPACT_MISSING',
  basis: text('测试条款', 'test clause'),
  check: ({ context }) => !trafficImpactDone(context) && text('须进行交通影响评价', 'a traffic impact assessment is required'),
};
const v3 = majorDecisionProcedure<V3Context>({
  version: 3,
  effectiveFrom: '2030-01-01',
  changes: text('测试：增加交通影响评价', 'test: adds a traffic impact assessment'),
  caseFile: (input) => ({ ...openCaseFile(input), fairCompetitionReviews: [], trafficImpact: null }),
  draftFields: (data) => ({ marketRelated: data.marketRelated === true }),
  tracks: [...consultationTracks, fairCompetitionTrack, trafficImpactTrack],
  prerequisites: { legalityReview: [...consultationRules, fairCompetitionRule, trafficImpactRule], collectiveDecision: consultationRules },
  extraEvents: {
    ...fairCompetitionEvents<V3Context>(),
    RECORD_TRAFFIC_IMPACT: event<V3Context, { summary: string }>({
      label: text('登记交通影响评价', 'Record the traffic impact'),
      by: 'official',
      basis: text('测试条款', 'test clause'),
      apply: (c, { data, occurredAt }) => ({ ...c, trafficImpact: { summary: data.summary, recordedOn: occurredAt } }),
    }),
  },
});

const INPUT = { title: '城区停车设施建设方案', department: 'zjj', jurisdiction: 'jiangsu', occurredAt: '2025-03-01' };
const draft = (specialized: boolean): Step[] => [
  ['APPROVE_START', {}, '2025-03-04'],
  ['FINISH_DRAFT', { draftSummary: '草案', specialized, stabilityRisk: false, marketRelated: true }, '2025-03-05'],
  ['EXEMPT_PUBLIC_COMMENT', { reason: '依法不予公开' }, '2025-03-06'],
  ['RECORD_EXPERT_ARGUMENTATION', { experts: [], opinionSummary: '可行', adoptionSummary: '采纳' }, '2025-03-06'],
  ['RECORD_FAIR_COMPETITION_REVIEW', { conclusion: 'compliant', summary: '符合' }, '2025-03-06'],
];
const SUBMIT: Step = ['SUBMIT_FOR_LEGALITY_REVIEW', { reviewDueDate: '2025-03-25' }, '2025-03-07'];

describe('a procedure version built from its parts', () => {
  it('runs the new track beside the others, and legality review waits for it', () => {
    const c = TestCase.start<V3Context>(v3, INPUT).run(draft(true));
    expect(c.value).toEqual({
      consultation: {
        publicParticipation: 'done',
        expertArgumentation: 'done',
        riskAssessment: 'done',
        fairCompetition: 'done',
        trafficImpact: 'pending',
      },
    });
    const refused = c.attempt(...SUBMIT);
    expect(refused.accepted === false && codesOf(refused.blockers)).toEqual(['TRAFFIC_IMPACT_MISSING']);
    const recorded = c.send('RECORD_TRAFFIC_IMPACT', { summary: '影响可控' }, '2025-03-06');
    expect(recorded.value).toMatchObject({ consultation: { trafficImpact: 'done' } });
    expect(recorded.send(...SUBMIT).stage).toBe('legalityReview');
  });

  it('a track the case does not require is done from the start', () => {
    const c = TestCase.start<V3Context>(v3, INPUT).run(draft(false).filter(([type]) => type !== 'RECORD_EXPERT_ARGUMENTATION'));
    expect(c.value).toMatchObject({ consultation: { trafficImpact: 'done' } });
    expect(c.send(...SUBMIT).stage).toBe('legalityReview');
  });

  it('keeps the earlier versions’ events in their order and appends what a version adds', () => {
    const v1Types = Object.keys(majorDecision.events);
    expect(Object.keys(majorDecisionV2.events)).toEqual([...v1Types, 'RECORD_FAIR_COMPETITION_REVIEW']);
    expect(Object.keys(v3.events)).toEqual([...v1Types, 'RECORD_FAIR_COMPETITION_REVIEW', 'RECORD_TRAFFIC_IMPACT']);
    expect(v3.events.SUBMIT_FOR_LEGALITY_REVIEW.rules?.map((r) => r.code)).toEqual([
      'PUBLIC_PARTICIPATION_INCOMPLETE',
      'EXPERT_ARGUMENTATION_MISSING',
      'RISK_ASSESSMENT_INCOMPLETE',
      'FAIR_COMPETITION_REVIEW_INCOMPLETE',
      'TRAFFIC_IMPACT_MISSING',
      'REVISION_NOT_RECORDED',
      'REVIEW_TIME_OUT_OF_BOUNDS',
    ]);
  });
});
