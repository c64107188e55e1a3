import { initialTransition, transition } from 'xstate';
import { diagramOf } from './diagram';
import { decide, factsOf, preview, procedureOf, restore, rolesAwaited, start, stageOf } from './engine';
import { archiveChecklist, machine, MajorDecisionContext, MajorDecisionInput } from './major-decision';
import { passingOpinion } from './shared/legality-review';
import { codesOf, EventExtras, frozenCopy, makeEvent, Step, TestCase, TODAY } from './testing';

/** Version 1 as the engine sees it (version 2, which adds the fair competition review, is in versions.spec.ts). */
const majorDecision = procedureOf('major-decision', 1);

const S: EventExtras = { actorId: 'u-secretariat' };
const R: EventExtras = { actorId: 'u-reviewer' };

const INPUT: MajorDecisionInput = {
  title: '泗阳县城区停车设施建设与收费调整方案',
  department: 'dept-housing',
  jurisdiction: 'jiangsu',
  occurredAt: '2023-02-01',
  problem: '城区停车难',
  reasons: '群众反映强烈',
  preliminaryPlan: '新建公共停车场并调整收费',
};

const ASSESSOR = '县社会稳定风险评估中心';
const EXPERTS = [
  { name: '张教授', affiliation: '南京大学', conflictOfInterest: false },
  { name: '李工', affiliation: '市规划设计院', conflictOfInterest: false },
];

/** The whole procedure, proposed → concluded, through all three consultation tracks. */
const PATH = {
  approve: ['APPROVE_START', { catalogueItemId: 'SY-2023-01' }, '2023-02-06', S],
  draft: ['FINISH_DRAFT', { draftSummary: '草案及起草说明', specialized: true, stabilityRisk: true }, '2023-02-20'],
  open: [
    'OPEN_PUBLIC_COMMENT',
    { draftText: '草案全文及起草说明', startDate: '2023-03-01', endDate: '2023-03-31', channels: ['县政府网站'] },
    '2023-03-01',
  ],
  comment1: ['RECORD_COMMENT', { content: '建议增加停车位', submitter: '王某' }, '2023-03-10'],
  comment2: ['RECORD_COMMENT', { content: '反对提高收费' }, '2023-03-15'],
  hearing: ['HOLD_HEARING', { hearingDate: '2023-03-20', noticeDate: '2023-03-10', recordRef: 'TZ-2023-01' }, '2023-03-20'],
  dispose1: ['DISPOSE_COMMENT', { commentId: 'c1', disposition: 'adopted', reason: '已增加 200 个车位' }, '2023-03-25'],
  expert: [
    'RECORD_EXPERT_ARGUMENTATION',
    { experts: EXPERTS, opinionSummary: '方案总体可行', adoptionSummary: '专家意见均已采纳' },
    '2023-03-28',
  ],
  close: ['CLOSE_PUBLIC_COMMENT', {}, '2023-04-03'],
  dispose2: ['DISPOSE_COMMENT', { commentId: 'c2', disposition: 'not-adopted', reason: '收费标准按成本核定' }, '2023-04-03'],
  risk: ['RECORD_RISK_ASSESSMENT', { riskLevel: 'medium', controllable: true, measures: '分步实施', assessor: ASSESSOR }, '2023-04-04'],
  complete: ['COMPLETE_PUBLIC_PARTICIPATION', {}, '2023-04-06'],
  submit: ['SUBMIT_FOR_LEGALITY_REVIEW', { reviewDueDate: '2023-04-19' }, '2023-04-10'],
  opinion: ['ISSUE_LEGALITY_OPINION', { conclusion: 'lawful-with-revisions', opinion: '第五条需修改' }, '2023-04-18', R],
  confirm: ['CONFIRM_REVISIONS', { revisionNote: '已修改第五条' }, '2023-04-20'],
  decide: [
    'RECORD_COLLECTIVE_DECISION',
    { meetingType: 'standing', meetingDate: '2023-04-25', outcome: 'approved', dissentingOpinions: ['某副县长：收费宜缓'] },
    '2023-04-25',
    S,
  ],
  party: ['REPORT_TO_PARTY_COMMITTEE', { reference: '泗政请〔2023〕5号' }, '2023-04-27', S],
  publish: [
    'PUBLISH_DECISION',
    { channels: ['县政府网站', '泗阳日报'], adoptionExplanation: '公众和专家意见采纳情况说明' },
    '2023-05-08',
    S,
  ],
  archive: ['ARCHIVE', { archiveNumber: 'JC-2023-001' }, '2023-05-15', S],
  report: ['REPORT_IMPLEMENTATION', { summary: '停车场一期建成' }, '2023-08-01'],
  suspend: ['SUSPEND', { orderedBy: '县长', reason: '突发事件' }, '2023-08-10', S],
  resume: ['RESUME', { orderedBy: '县长' }, '2023-08-20', S],
  postEvalStart: ['START_POST_EVALUATION', { evaluator: '第三方评估机构' }, '2024-03-01'],
  postEvalRecord: ['RECORD_POST_EVALUATION', { conclusion: '实施效果良好' }, '2024-06-01'],
  conclude: ['CONCLUDE', {}, '2024-06-10', S],
} satisfies Record<string, Step>;

type Label = keyof typeof PATH;

const fresh = () => TestCase.start<MajorDecisionContext>(majorDecision, INPUT);

/** The case after each step of the path, to branch from. */
const along = new Map<Label, TestCase<MajorDecisionContext>>();
{
  let c = fresh();
  for (const [label, step] of Object.entries(PATH) as [Label, Step][]) {
    c = c.send(...step);
    along.set(label, c);
  }
}
const after = (label: Label) => along.get(label)!;

/** Sends an event that must be refused with exactly `codes`, and checks the case did not change. */
function expectRefused(
  c: TestCase<MajorDecisionContext>,
  step: Step,
  codes: string[],
): ReturnType<TestCase['attempt']> & { accepted: false } {
  const before = frozenCopy(c.stored);
  const d = c.attempt(...step);
  expect(d.accepted).toBe(false);
  if (d.accepted) throw new Error('accepted');
  expect(codesOf(d.blockers)).toEqual(codes);
  for (const b of d.blockers) {
    expect(b.message.zh).toBeTruthy();
    expect(b.message.en).toBeTruthy();
    expect(b.legalBasis.zh).toBeTruthy();
  }
  expect(c.stored).toEqual(before);
  return d;
}

const consultationValue = (pp: string, ea: string, ra: string) => ({
  consultation: { publicParticipation: pp, expertArgumentation: ea, riskAssessment: ra },
});

describe('major decision: the full path with the pure engine', () => {
  it('starts proposed with the proposal recorded', () => {
    const c = fresh();
    expect(c.stage).toBe('proposed');
    expect(c.context.proposal).toEqual({ problem: '城区停车难', reasons: '群众反映强烈', preliminaryPlan: '新建公共停车场并调整收费' });
    expect(c.context.createdAt).toBe('2023-02-01');
    expect(c.context.lastEventDate).toBe('2023-02-01');
  });

  it('goes through every stage in order', () => {
    const stages = (Object.keys(PATH) as Label[]).map((l) => after(l).stage);
    expect(stages).toEqual([
      'drafting',
      'consultation', // draft
      'consultation', // open
      'consultation',
      'consultation',
      'consultation',
      'consultation',
      'consultation', // expert
      'consultation', // close
      'consultation',
      'consultation', // risk
      'consultation', // complete
      'legalityReview',
      'legalityReview', // lawful-with-revisions waits
      'collectiveDecision',
      'partyReport',
      'publication',
      'archiving',
      'implementing',
      'implementing',
      'implementing',
      'implementing',
      'implementing',
      'implementing',
      'concluded',
    ]);
  });

  it('runs the three consultation tracks in parallel', () => {
    expect(after('draft').value).toEqual(consultationValue('notOpened', 'pending', 'pending'));
    expect(after('open').value).toEqual(consultationValue('open', 'pending', 'pending'));
    expect(after('expert').value).toEqual(consultationValue('open', 'done', 'pending'));
    expect(after('close').value).toEqual(consultationValue('closed', 'done', 'pending'));
    expect(after('risk').value).toEqual(consultationValue('closed', 'done', 'done'));
    expect(after('complete').value).toEqual(consultationValue('done', 'done', 'done'));
  });

  it('records the public comment with ids, dispositions, hearing and a generated adoption summary', () => {
    const pc = after('complete').context.publicComment!;
    expect(pc.comments.map((x) => x.id)).toEqual(['c1', 'c2']);
    expect(pc.comments.map((x) => x.disposition?.disposition)).toEqual(['adopted', 'not-adopted']);
    expect(pc.hearings).toHaveLength(1);
    expect(pc.closedOn).toBe('2023-04-03');
    expect(pc.completedOn).toBe('2023-04-06');
    expect(pc.summary).toContain('共收到意见 2 条，采纳 1 条，部分采纳 0 条，未采纳 1 条');
  });

  it('records the review, the opinion and the confirmed revisions', () => {
    expect(after('opinion').value).toEqual({ legalityReview: 'awaitingRevisions' });
    const [s] = after('confirm').context.legalityReview;
    expect(s).toMatchObject({ submittedOn: '2023-04-10', reviewDueDate: '2023-04-19', workingDaysGiven: 7, provisional: false });
    expect(s.opinion).toMatchObject({ conclusion: 'lawful-with-revisions', reviewerId: 'u-reviewer', issuedOn: '2023-04-18' });
    expect(s.revisionsConfirmed).toEqual({ note: '已修改第五条', confirmedOn: '2023-04-20' });
    expect(passingOpinion(after('confirm').context)).toBeDefined();
  });

  it('records the decision, report, publication, archive and implementation', () => {
    const c = after('conclude').context;
    expect(c.start).toEqual({ approvedOn: '2023-02-06', catalogueItemId: 'SY-2023-01', outsideCatalogue: false });
    expect(c.collectiveDecisions).toEqual([
      expect.objectContaining({ meetingType: 'standing', outcome: 'approved', dissentingOpinions: ['某副县长：收费宜缓'] }),
    ]);
    expect(c.partyReport).toEqual({ reference: '泗政请〔2023〕5号', reportedOn: '2023-04-27' });
    expect(c.publication?.publishedOn).toBe('2023-05-08');
    expect(c.archive).toEqual({ archiveNumber: 'JC-2023-001', archivedOn: '2023-05-15' });
    expect(c.implementation.reports).toHaveLength(1);
    expect(c.implementation.suspensions).toEqual([
      { orderedBy: '县长', reason: '突发事件', suspendedOn: '2023-08-10', resumedOn: '2023-08-20', resumeOrderedBy: '县长' },
    ]);
    expect(c.implementation.postEvaluation).toMatchObject({ evaluator: '第三方评估机构', conclusion: '实施效果良好' });
    expect(c.implementation.concludedOn).toBe('2024-06-10');
    expect(c.lastEventDate).toBe('2024-06-10');
    expect(after('conclude').stored.status).toBe('done');
  });

  it('suspends and resumes inside implementing', () => {
    expect(after('archive').value).toEqual({ implementing: 'inEffect' });
    expect(after('suspend').value).toEqual({ implementing: 'suspended' });
    expect(after('resume').value).toEqual({ implementing: 'inEffect' });
  });

  it('flags a decision started under an item that was not in the published catalogue', () => {
    const c = fresh().send('APPROVE_START', { catalogueItemId: 'SY-2023-09' }, '2023-02-06', { ...S, listed: false });
    expect(c.context.start).toMatchObject({ catalogueItemId: 'SY-2023-09', outsideCatalogue: true });
  });

  it('flags a decision outside the catalogue but lets it start', () => {
    const c = fresh().send('APPROVE_START', {}, '2023-02-06', S);
    expect(c.stage).toBe('drafting');
    expect(c.context.start).toEqual({ approvedOn: '2023-02-06', outsideCatalogue: true });
  });

  it('a track the draft does not require is done from the start', () => {
    const c = after('approve').send('FINISH_DRAFT', { draftSummary: 's', specialized: false, stabilityRisk: false }, '2023-02-20');
    expect(c.value).toEqual(consultationValue('notOpened', 'done', 'done'));
    const exempt = c.send('EXEMPT_PUBLIC_COMMENT', { reason: '涉及国家秘密' }, '2023-02-21');
    expect(exempt.value).toEqual(consultationValue('done', 'done', 'done'));
    const submitted = exempt.send('SUBMIT_FOR_LEGALITY_REVIEW', { reviewDueDate: '2023-03-02' }, '2023-02-21');
    expect(submitted.value).toEqual({ legalityReview: 'underReview' });
  });

  it('preview lists every event, with the stage as the blocker of those not possible now', () => {
    const p = preview(majorDecision, after('draft').stored, makeEvent('X', {}, '2023-02-21').meta);
    expect(p.map((x) => x.type).sort()).toEqual(Object.keys(majorDecision.events).sort());
    const byType = Object.fromEntries(p.map((x) => [x.type, codesOf(x.blockers)]));
    expect(byType.OPEN_PUBLIC_COMMENT).toEqual([]);
    expect(byType.RECORD_EXPERT_ARGUMENTATION).toEqual([]);
    expect(byType.ARCHIVE).toEqual(['NOT_ALLOWED_IN_STAGE']);
    expect(byType.SUBMIT_FOR_LEGALITY_REVIEW).toEqual([
      'PUBLIC_PARTICIPATION_INCOMPLETE',
      'EXPERT_ARGUMENTATION_MISSING',
      'RISK_ASSESSMENT_INCOMPLETE',
    ]);
  });
});

describe("major decision: the same path on the machine with xstate's pure transition()", () => {
  it('reaches concluded with the same context as the engine', () => {
    let [snap] = initialTransition(machine, INPUT);
    expect(snap.value).toBe('proposed');
    for (const [label, [type, data, on, extras]] of Object.entries(PATH) as [Label, Step][]) {
      [snap] = transition(machine, snap, makeEvent(type, data, on, extras));
      expect(snap.value).toEqual(after(label).value);
    }
    expect(snap.value).toBe('concluded');
    expect(snap.status).toBe('done');
    expect(JSON.parse(JSON.stringify(snap.context))).toEqual(after('conclude').context);
  });

  it('the machine guard takes no transition for an unlawful event', () => {
    const [s0] = initialTransition(machine, INPUT);
    const [s1] = transition(machine, s0, makeEvent(...PATH.approve));
    const [s2] = transition(machine, s1, makeEvent(...PATH.draft));
    expect(s2.value).toEqual(consultationValue('notOpened', 'pending', 'pending'));
    const conflicted = [{ name: '赵某', affiliation: '承建公司', conflictOfInterest: true }];
    const [s3] = transition(
      machine,
      s2,
      makeEvent('RECORD_EXPERT_ARGUMENTATION', { experts: conflicted, opinionSummary: 'x', adoptionSummary: 'y' }, '2023-02-21'),
    );
    expect(s3.value).toEqual(s2.value);
    expect(s3.context).toBe(s2.context);
    // and an event the state does not handle changes nothing either
    const [s4] = transition(machine, s2, makeEvent('ARCHIVE', { archiveNumber: 'x' }, '2023-02-21', S));
    expect(s4.value).toEqual(s2.value);
    expect(s4.context).toBe(s2.context);
  });

  it('engine.start persists what initialTransition computes', () => {
    const stored = start(majorDecision, { ...INPUT });
    expect(stageOf(stored)).toBe('proposed');
    expect(stored.context).toEqual(fresh().context);
  });
});

describe('major decision: one refusal per mandatory rule', () => {
  describe('public participation (Art. 14–18)', () => {
    it('a comment period shorter than 30 days without a reason is refused', () => {
      const d = expectRefused(
        after('draft'),
        [
          'OPEN_PUBLIC_COMMENT',
          { draftText: '草案全文及起草说明', startDate: '2023-03-01', endDate: '2023-03-30', channels: ['网站'] },
          '2023-03-01',
        ],
        ['COMMENT_PERIOD_TOO_SHORT'],
      );
      expect(d.blockers[0].legalBasis.zh).toBe('《重大行政决策程序暂行条例》第十五条');
    });

    it('a comment period without the draft text is refused (Art. 15: the draft and its explanation are published)', () => {
      const d = expectRefused(
        after('draft'),
        ['OPEN_PUBLIC_COMMENT', { startDate: '2023-03-01', endDate: '2023-03-31', channels: ['网站'] }, '2023-03-01'],
        ['DRAFT_TEXT_MISSING'],
      );
      expect(d.blockers[0].legalBasis.zh).toBe('《重大行政决策程序暂行条例》第十五条（公布决策草案及其说明）');
    });

    it('…and accepted with a stated shortenedReason', () => {
      const c = after('draft').send(
        'OPEN_PUBLIC_COMMENT',
        {
          draftText: '草案全文及起草说明',
          startDate: '2023-03-01',
          endDate: '2023-03-15',
          channels: ['网站'],
          shortenedReason: '汛期应急',
        },
        '2023-03-01',
      );
      expect(c.value).toEqual(consultationValue('open', 'pending', 'pending'));
      expect(c.context.publicComment).toMatchObject({ endDate: '2023-03-15', shortenedReason: '汛期应急' });
    });

    it('a blank shortenedReason is no reason', () => {
      expectRefused(
        after('draft'),
        [
          'OPEN_PUBLIC_COMMENT',
          { draftText: '草案全文及起草说明', startDate: '2023-03-01', endDate: '2023-03-15', channels: ['网站'], shortenedReason: '  ' },
          '2023-03-01',
        ],
        ['COMMENT_PERIOD_TOO_SHORT'],
      );
    });

    it('exactly 30 days (endDate = startDate + 30, a working day) is enough', () => {
      expect(after('open').context.publicComment).toMatchObject({ startDate: '2023-03-01', endDate: '2023-03-31' });
    });

    it('when startDate + 30 is a rest day the period runs to the next working day (民法典 Art. 203)', () => {
      // 2023-09-01 + 30 = 2023-10-01, National Day: the 30-day period lasts until the make-up Saturday 2023-10-07
      const open = (endDate: string): Step => [
        'OPEN_PUBLIC_COMMENT',
        { draftText: '草案全文及起草说明', startDate: '2023-09-01', endDate, channels: ['网站'] },
        '2023-09-01',
      ];
      const d = expectRefused(after('draft'), open('2023-10-06'), ['COMMENT_PERIOD_TOO_SHORT']);
      expect(d.blockers[0].message.en).toContain('the earliest valid end date is 2023-10-07');
      expect(after('draft').send(...open('2023-10-07')).context.publicComment?.endDate).toBe('2023-10-07');
    });

    it('the period cannot start before the day it is opened', () => {
      expectRefused(
        after('draft'),
        [
          'OPEN_PUBLIC_COMMENT',
          { draftText: '草案全文及起草说明', startDate: '2023-02-01', endDate: '2023-04-01', channels: ['网站'] },
          '2023-02-21',
        ],
        ['COMMENT_PERIOD_BACKDATED'],
      );
    });

    it('a comment dated outside the period is refused', () => {
      expectRefused(after('dispose1'), ['RECORD_COMMENT', { content: '迟到的意见' }, '2023-04-01'], ['COMMENT_OUTSIDE_PERIOD']);
    });

    it('cannot close before the day after endDate', () => {
      expectRefused(after('expert'), ['CLOSE_PUBLIC_COMMENT', {}, '2023-03-31'], ['COMMENT_PERIOD_NOT_ENDED']);
      const closed = after('expert').send('CLOSE_PUBLIC_COMMENT', {}, '2023-04-01');
      expect(closed.value).toEqual(consultationValue('closed', 'done', 'pending'));
    });

    it('cannot complete while a comment has no disposition', () => {
      const d = expectRefused(after('close'), ['COMPLETE_PUBLIC_PARTICIPATION', {}, '2023-04-03'], ['COMMENTS_UNDISPOSED']);
      expect(d.blockers[0].message.en).toContain('c2');
    });

    it('disposing of an unknown comment is refused as not found', () => {
      const d = expectRefused(
        after('close'),
        ['DISPOSE_COMMENT', { commentId: 'c9', disposition: 'adopted', reason: 'x' }, '2023-04-03'],
        ['COMMENT_NOT_FOUND'],
      );
      expect(d.blockers[0].notFound).toBe(true);
    });

    it('hearing materials must be published at least 7 days before the hearing', () => {
      expectRefused(
        after('comment2'),
        ['HOLD_HEARING', { hearingDate: '2023-03-20', noticeDate: '2023-03-14', recordRef: 'TZ' }, '2023-03-20'],
        ['HEARING_NOTICE_TOO_SHORT'],
      );
    });
  });

  describe('expert argumentation (Art. 19–21)', () => {
    it('an expert declaring a conflict of interest is refused', () => {
      const d = expectRefused(
        after('draft'),
        [
          'RECORD_EXPERT_ARGUMENTATION',
          {
            experts: [...EXPERTS, { name: '赵某', affiliation: '承建公司', conflictOfInterest: true }],
            opinionSummary: 'x',
            adoptionSummary: 'y',
          },
          '2023-02-21',
        ],
        ['EXPERT_CONFLICT_OF_INTEREST'],
      );
      expect(d.blockers[0].message.zh).toContain('赵某');
      expect(d.blockers[0].legalBasis.zh).toBe('《重大行政决策程序暂行条例》第二十条');
    });

    it('a specialized decision cannot be submitted without it', () => {
      const skipped = after('approve')
        .send(...PATH.draft)
        .send('EXEMPT_PUBLIC_COMMENT', { reason: '依法不公开' }, '2023-02-21')
        .send('RECORD_RISK_ASSESSMENT', { riskLevel: 'low', controllable: true, measures: 'm' }, '2023-02-22');
      expect(skipped.value).toEqual(consultationValue('done', 'pending', 'done'));
      expectRefused(
        skipped,
        ['SUBMIT_FOR_LEGALITY_REVIEW', { reviewDueDate: '2023-03-10' }, '2023-02-23'],
        ['EXPERT_ARGUMENTATION_MISSING'],
      );
    });
  });

  describe('risk assessment (Art. 22–24)', () => {
    const notControllable = after('dispose2').send(
      'RECORD_RISK_ASSESSMENT',
      { riskLevel: 'high', controllable: false, measures: '暂无', assessor: ASSESSOR },
      '2023-04-04',
    );
    const completed = notControllable.send(...PATH.complete);

    it('"not controllable" is recorded but keeps the track open', () => {
      expect(notControllable.value).toEqual(consultationValue('closed', 'done', 'pending'));
      expect(completed.value).toEqual(consultationValue('done', 'done', 'pending'));
      expect(completed.context.riskAssessments).toHaveLength(1);
    });

    it('blocks submission for legality review', () => {
      expectRefused(
        completed,
        ['SUBMIT_FOR_LEGALITY_REVIEW', { reviewDueDate: '2023-04-19' }, '2023-04-10'],
        ['RISK_ASSESSMENT_INCOMPLETE'],
      );
    });

    it('a reassessment without a draftAdjustment is refused', () => {
      expectRefused(
        completed,
        ['RECORD_RISK_ASSESSMENT', { riskLevel: 'medium', controllable: true, measures: '分步实施' }, '2023-04-07'],
        ['REASSESSMENT_NEEDS_DRAFT_ADJUSTMENT'],
      );
    });

    it('a reassessment with a draftAdjustment finding it controllable opens the way', () => {
      const reassessed = completed.send(
        'RECORD_RISK_ASSESSMENT',
        { riskLevel: 'medium', controllable: true, measures: '分步实施', draftAdjustment: '收费调整推迟一年' },
        '2023-04-07',
      );
      expect(reassessed.value).toEqual(consultationValue('done', 'done', 'done'));
      expect(reassessed.context.riskAssessments.map((r) => r.controllable)).toEqual([false, true]);
      const submitted = reassessed.send(...PATH.submit);
      expect(submitted.stage).toBe('legalityReview');
    });
  });

  describe('legality review (Art. 25–28)', () => {
    it('the reviewer must be given at least 7 working days (counted across National Day 2023)', () => {
      // (2023-09-25, 2023-10-09]: 09-26, 09-27, 09-28, 10-07, 10-08, 10-09 = 6 working days
      const d = expectRefused(
        after('complete'),
        ['SUBMIT_FOR_LEGALITY_REVIEW', { reviewDueDate: '2023-10-09' }, '2023-09-25'],
        ['REVIEW_TIME_OUT_OF_BOUNDS'],
      );
      expect(d.blockers[0].legalBasis.zh).toBe('《重大行政决策程序暂行条例》第二十六条');
      const ok = after('complete').send('SUBMIT_FOR_LEGALITY_REVIEW', { reviewDueDate: '2023-10-10' }, '2023-09-25');
      expect(ok.context.legalityReview[0]).toMatchObject({ workingDaysGiven: 7, provisional: false });
    });

    it('a due date in a year without holiday data is counted on weekends alone and recorded provisional', () => {
      const ok = after('complete').send('SUBMIT_FOR_LEGALITY_REVIEW', { reviewDueDate: '2027-01-11' }, '2026-12-31', {
        today: '2026-12-31',
      });
      expect(ok.context.legalityReview[0]).toMatchObject({ workingDaysGiven: 7, provisional: true });
    });

    it('an exploratory conclusion needs a legal-risk statement', () => {
      expectRefused(
        after('submit'),
        ['ISSUE_LEGALITY_OPINION', { conclusion: 'exploratory', opinion: '探索' }, '2023-04-18', R],
        ['LEGAL_RISK_STATEMENT_REQUIRED'],
      );
      const ok = after('submit').send(
        'ISSUE_LEGALITY_OPINION',
        { conclusion: 'exploratory', opinion: '探索', legalRiskStatement: '存在诉讼风险' },
        '2023-04-18',
        R,
      );
      expect(ok.stage).toBe('collectiveDecision');
    });

    it('an unlawful opinion returns to drafting, keeps the consultation records, and resubmission needs a new opinion', () => {
      const unlawful = after('submit').send('ISSUE_LEGALITY_OPINION', { conclusion: 'unlawful', opinion: '超越职权' }, '2023-04-18', R);
      expect(unlawful.value).toBe('drafting');
      expect(unlawful.context.publicComment?.completedOn).toBe('2023-04-06');
      expect(unlawful.context.expertArgumentation).not.toBeNull();
      expect(unlawful.context.riskAssessments).toHaveLength(1);
      expect(passingOpinion(unlawful.context)).toBeUndefined();

      // no way to the meeting from drafting
      expectRefused(
        unlawful,
        ['RECORD_COLLECTIVE_DECISION', { meetingType: 'standing', meetingDate: '2023-04-25', outcome: 'approved' }, '2023-04-25', S],
        ['NOT_ALLOWED_IN_STAGE'],
      );

      const redrafted = unlawful.send('FINISH_DRAFT', { draftSummary: '修改稿', specialized: true, stabilityRisk: true }, '2023-04-24');
      expect(redrafted.value).toEqual(consultationValue('done', 'done', 'done'));
      // the opinion is acted on first (Art. 28): the revision is recorded before the case goes back to the reviewer
      const refused = expectRefused(
        redrafted,
        ['SUBMIT_FOR_LEGALITY_REVIEW', { reviewDueDate: '2023-05-10' }, '2023-04-25'],
        ['REVISION_NOT_RECORDED'],
      );
      expect(refused.blockers[0].legalBasis.zh).toBe(
        '《重大行政决策程序暂行条例》第二十八条（决策承办单位根据合法性审查意见进行必要的调整或者补充）',
      );
      const revised = redrafted.send('CONFIRM_REVISIONS', { revisionNote: '删除超越职权的条款' }, '2023-04-25');
      expect(revised.value).toEqual(redrafted.value);
      expect(revised.context.legalityReview[0].revisionsConfirmed).toEqual({ note: '删除超越职权的条款', confirmedOn: '2023-04-25' });
      const resubmitted = revised.send('SUBMIT_FOR_LEGALITY_REVIEW', { reviewDueDate: '2023-05-10' }, '2023-04-25');
      expect(resubmitted.value).toEqual({ legalityReview: 'underReview' });
      expect(resubmitted.context.legalityReview).toHaveLength(2);
      expect(passingOpinion(resubmitted.context)).toBeUndefined();
      expectRefused(
        resubmitted,
        ['RECORD_COLLECTIVE_DECISION', { meetingType: 'standing', meetingDate: '2023-04-26', outcome: 'approved' }, '2023-04-26', S],
        ['NOT_ALLOWED_IN_STAGE'],
      );

      const passed = resubmitted.send('ISSUE_LEGALITY_OPINION', { conclusion: 'lawful', opinion: '合法' }, '2023-05-08', R);
      expect(passed.stage).toBe('collectiveDecision');
      const decided = passed.send(
        'RECORD_COLLECTIVE_DECISION',
        { meetingType: 'standing', meetingDate: '2023-05-09', outcome: 'approved' },
        '2023-05-09',
        S,
      );
      expect(decided.stage).toBe('partyReport');
    });

    it('after an unlawful opinion the revision may be recorded while still drafting, once', () => {
      const unlawful = after('submit').send('ISSUE_LEGALITY_OPINION', { conclusion: 'unlawful', opinion: '超越职权' }, '2023-04-18', R);
      const revised = unlawful.send('CONFIRM_REVISIONS', { revisionNote: '删除超越职权的条款' }, '2023-04-20');
      expect(revised.value).toBe('drafting');
      expectRefused(revised, ['CONFIRM_REVISIONS', { revisionNote: '再改' }, '2023-04-21'], ['NO_REVISION_ASKED']);
      // nothing asks for a revision before any opinion
      expectRefused(after('draft'), ['CONFIRM_REVISIONS', { revisionNote: '改' }, '2023-04-21'], ['NO_REVISION_ASKED']);
      const resubmitted = revised.run([
        ['FINISH_DRAFT', { draftSummary: '修改稿', specialized: true, stabilityRisk: true }, '2023-04-24'],
        ['SUBMIT_FOR_LEGALITY_REVIEW', { reviewDueDate: '2023-05-10' }, '2023-04-25'],
      ]);
      expect(resubmitted.stage).toBe('legalityReview');
    });

    it('the meeting refuses a case whose latest opinion is unlawful, whatever state it was stored in', () => {
      const lr = after('confirm').context.legalityReview;
      const forged = after('confirm').withContext({
        legalityReview: [
          ...lr,
          {
            submittedOn: '2023-04-21',
            reviewDueDate: '2023-05-05',
            workingDaysGiven: 8,
            provisional: false,
            opinion: { conclusion: 'unlawful', opinion: 'x', issuedOn: '2023-04-24', reviewerId: 'u-reviewer' },
          },
        ],
      });
      expectRefused(
        forged,
        ['RECORD_COLLECTIVE_DECISION', { meetingType: 'standing', meetingDate: '2023-04-25', outcome: 'approved' }, '2023-04-25', S],
        ['LEGALITY_REVIEW_NOT_PASSED'],
      );
    });

    describe('withdrawal and return before the opinion (Art. 25–26)', () => {
      const withdraw: Step = ['WITHDRAW_SUBMISSION', { reason: '需补充风险评估材料' }, '2023-04-12'];
      const giveBack: Step = [
        'RETURN_FOR_CORRECTION',
        { reason: '送审材料不全', missingItems: ['起草说明', '履行决策法定程序的说明'] },
        '2023-04-12',
        R,
      ];
      const redraft: Step = ['FINISH_DRAFT', { draftSummary: '修改稿', specialized: true, stabilityRisk: true }, '2023-04-13'];
      const factsNow = (c: TestCase<MajorDecisionContext>) => factsOf(majorDecision, c.stored);

      it('the sponsor withdraws: back to drafting, the records kept, the clock stopped, no opinion', () => {
        expect(factsNow(after('submit')).due).toMatchObject({ code: 'REVIEW_DUE', date: '2023-04-19' });
        const w = after('submit').send(...withdraw);
        expect(w.value).toBe('drafting');
        expect(w.context.legalityReview).toEqual([
          {
            submittedOn: '2023-04-10',
            reviewDueDate: '2023-04-19',
            workingDaysGiven: 7,
            provisional: false,
            withdrawn: { reason: '需补充风险评估材料', on: '2023-04-12', by: 'user-official' },
          },
        ]);
        expect(w.context.publicComment?.completedOn).toBe('2023-04-06');
        expect(w.context.expertArgumentation).not.toBeNull();
        expect(w.context.riskAssessments).toHaveLength(1);
        expect(passingOpinion(w.context)).toBeUndefined();
        expect(factsNow(w)).toMatchObject({ due: null, issues: [] });
        expect(archiveChecklist(w.context).find((i) => i.item.en === 'legality opinion')?.present).toBe(false);
      });

      it('the resubmission is a new submission: the reviewer gets a full period from its own date', () => {
        const redrafted = after('submit')
          .send(...withdraw)
          .send(...redraft);
        expect(redrafted.value).toEqual(consultationValue('done', 'done', 'done'));
        // the first package's due date, 3 working days after the resubmission: not charged to the reviewer
        const d = expectRefused(
          redrafted,
          ['SUBMIT_FOR_LEGALITY_REVIEW', { reviewDueDate: '2023-04-19' }, '2023-04-14'],
          ['REVIEW_TIME_OUT_OF_BOUNDS'],
        );
        expect(d.blockers[0].message.zh).toBe('审查期限 2023年4月14日 至 2023年4月19日 仅 3 个工作日，少于 7 个工作日');
        // (04-14, 04-24]: 17–21, the make-up Sunday 04-23 and 04-24 = 7 working days
        const again = redrafted.send('SUBMIT_FOR_LEGALITY_REVIEW', { reviewDueDate: '2023-04-24' }, '2023-04-14');
        expect(again.value).toEqual({ legalityReview: 'underReview' });
        expect(again.context.legalityReview).toHaveLength(2);
        expect(again.context.legalityReview[1]).toEqual({
          submittedOn: '2023-04-14',
          reviewDueDate: '2023-04-24',
          workingDaysGiven: 7,
          provisional: false,
        });
        expect(factsNow(again).due).toMatchObject({ code: 'REVIEW_DUE', date: '2023-04-24' });
        const passed = again.send('ISSUE_LEGALITY_OPINION', { conclusion: 'lawful', opinion: '合法' }, '2023-04-24', R);
        expect(passed.stage).toBe('collectiveDecision');
        // the opinion answers the second submission; the withdrawn one never gets one
        expect(passed.context.legalityReview[0].opinion).toBeUndefined();
        expect(passed.context.legalityReview[1].opinion).toMatchObject({ conclusion: 'lawful', issuedOn: '2023-04-24' });
        expect(passingOpinion(passed.context)?.issuedOn).toBe('2023-04-24');
      });

      it('the reviewer returns the package for correction: the missing materials recorded, and it is no opinion', () => {
        const r = after('submit').send(...giveBack);
        expect(r.value).toBe('drafting');
        expect(r.context.legalityReview[0].returned).toEqual({
          reason: '送审材料不全',
          missingItems: ['起草说明', '履行决策法定程序的说明'],
          on: '2023-04-12',
          reviewerId: 'u-reviewer',
        });
        expect(r.context.legalityReview[0].opinion).toBeUndefined();
        expect(passingOpinion(r.context)).toBeUndefined();
        expect(factsNow(r)).toMatchObject({ due: null, issues: [] });
        // without a list of materials, the return records an empty one
        const plain = after('submit').send('RETURN_FOR_CORRECTION', { reason: '请补充材料' }, '2023-04-12', R);
        expect(plain.context.legalityReview[0].returned?.missingItems).toEqual([]);

        const again = r.send(...redraft).send('SUBMIT_FOR_LEGALITY_REVIEW', { reviewDueDate: '2023-04-24' }, '2023-04-14');
        expect(again.context.legalityReview[1]).toMatchObject({ submittedOn: '2023-04-14', workingDaysGiven: 7 });
        expect(again.send('ISSUE_LEGALITY_OPINION', { conclusion: 'lawful', opinion: '合法' }, '2023-04-25', R).stage).toBe(
          'collectiveDecision',
        );
      });

      it('once an opinion is issued neither may be sent, and the refusal names the opinion', () => {
        const awaiting = after('opinion');
        expect(awaiting.value).toEqual({ legalityReview: 'awaitingRevisions' });
        const w = expectRefused(awaiting, ['WITHDRAW_SUBMISSION', { reason: '撤回' }, '2023-04-19'], ['OPINION_ALREADY_ISSUED']);
        expect(w.blockers[0].message.zh).toBe('已于 2023年4月18日 出具审查意见（合法但需修改），不能撤回送审；请按审查意见修改后确认落实');
        expect(w.blockers[0].legalBasis.zh).toBe('《重大行政决策程序暂行条例》第二十五条；出具审查意见前，送审单位撤回送审材料');
        const r = expectRefused(awaiting, ['RETURN_FOR_CORRECTION', { reason: '退回' }, '2023-04-19', R], ['OPINION_ALREADY_ISSUED']);
        expect(r.blockers[0].message.zh).toContain('不能退回补正');
        expect(r.blockers[0].legalBasis.zh).toBe('《重大行政决策程序暂行条例》第二十六条（提供的材料不符合要求的，可以退回或者要求补充）');
        // after the stage, the stage itself is the blocker
        expectRefused(after('confirm'), ['WITHDRAW_SUBMISSION', { reason: '撤回' }, '2023-04-21'], ['NOT_ALLOWED_IN_STAGE']);
        // an unlawful opinion sent the case to drafting: nothing under review to withdraw
        const unlawful = after('submit').send('ISSUE_LEGALITY_OPINION', { conclusion: 'unlawful', opinion: '超越职权' }, '2023-04-18', R);
        expectRefused(unlawful, ['WITHDRAW_SUBMISSION', { reason: '撤回' }, '2023-04-19'], ['NOT_ALLOWED_IN_STAGE']);
      });

      it('a blank reason is no reason', () => {
        expectRefused(after('submit'), ['WITHDRAW_SUBMISSION', { reason: ' \n ' }, '2023-04-12'], ['REASON_REQUIRED']);
        const d = expectRefused(after('submit'), ['RETURN_FOR_CORRECTION', { reason: '  ' }, '2023-04-12', R], ['REASON_REQUIRED']);
        expect(d.blockers[0].message.zh).toBe('须写明退回补正的理由');
      });

      it('preview offers both while under review, and names the opinion once it is issued', () => {
        const meta = makeEvent('X', {}, '2023-04-19').meta;
        const blockersOf = (c: TestCase<MajorDecisionContext>) =>
          Object.fromEntries(preview(majorDecision, c.stored, meta).map((x) => [x.type, codesOf(x.blockers)]));
        expect(blockersOf(after('submit'))).toMatchObject({ WITHDRAW_SUBMISSION: [], RETURN_FOR_CORRECTION: [] });
        expect(blockersOf(after('opinion'))).toMatchObject({
          WITHDRAW_SUBMISSION: ['OPINION_ALREADY_ISSUED'],
          RETURN_FOR_CORRECTION: ['OPINION_ALREADY_ISSUED'],
        });
        expect(blockersOf(after('complete'))).toMatchObject({
          WITHDRAW_SUBMISSION: ['NOT_ALLOWED_IN_STAGE'],
          RETURN_FOR_CORRECTION: ['NOT_ALLOWED_IN_STAGE'],
        });
      });

      it("the machine's pure transition() takes them from the review stage to drafting, and not after an opinion", () => {
        const [s] = transition(machine, restore(majorDecision, after('submit').stored), makeEvent(...withdraw));
        expect(s.value).toBe('drafting');
        const waiting = restore(majorDecision, after('opinion').stored);
        const [t] = transition(machine, waiting, makeEvent('RETURN_FOR_CORRECTION', { reason: '退回' }, '2023-04-19', R));
        expect(t.value).toEqual({ legalityReview: 'awaitingRevisions' });
        expect(t.context).toBe(waiting.context);
      });

      it('they are options, not steps the case waits for: inboxes stay as they were', () => {
        expect(rolesAwaited(majorDecision, after('submit').stored)).toEqual(['reviewer']);
        expect(rolesAwaited(majorDecision, after('opinion').stored)).toEqual(['official']);
      });

      it('the diagram draws both from the review stage back to drafting', () => {
        const { edges, stageEdges } = diagramOf(majorDecision);
        for (const event of ['WITHDRAW_SUBMISSION', 'RETURN_FOR_CORRECTION']) {
          expect(edges).toContainEqual(expect.objectContaining({ from: 'legalityReview', to: 'drafting', event }));
          expect(stageEdges).toContainEqual(expect.objectContaining({ from: 'legalityReview', to: 'drafting', event }));
        }
      });
    });
  });

  describe('collective decision (Art. 29–30)', () => {
    it('is refused while the case is in consultation (legality review cannot be skipped)', () => {
      const d = expectRefused(
        after('complete'),
        ['RECORD_COLLECTIVE_DECISION', { meetingType: 'standing', meetingDate: '2023-04-07', outcome: 'approved' }, '2023-04-07', S],
        ['NOT_ALLOWED_IN_STAGE'],
      );
      expect(d.blockers[0].message.en).toContain('Consultation');
    });

    it('an office meeting is refused', () => {
      expectRefused(
        after('confirm'),
        ['RECORD_COLLECTIVE_DECISION', { meetingType: 'office', meetingDate: '2023-04-25', outcome: 'approved' }, '2023-04-25', S],
        ['MEETING_TYPE_NOT_ALLOWED'],
      );
      const plenary = after('confirm').send(
        'RECORD_COLLECTIVE_DECISION',
        { meetingType: 'plenary', meetingDate: '2023-04-25', outcome: 'approved' },
        '2023-04-25',
        S,
      );
      expect(plenary.stage).toBe('partyReport');
    });

    it('a head who overrode the majority must give reasons', () => {
      expectRefused(
        after('confirm'),
        [
          'RECORD_COLLECTIVE_DECISION',
          { meetingType: 'standing', meetingDate: '2023-04-25', outcome: 'approved', headOverrodeMajority: true },
          '2023-04-25',
          S,
        ],
        ['HEAD_REASONS_REQUIRED'],
      );
      const ok = after('confirm').send(
        'RECORD_COLLECTIVE_DECISION',
        { meetingType: 'standing', meetingDate: '2023-04-25', outcome: 'approved', headOverrodeMajority: true, headReasons: '民生急需' },
        '2023-04-25',
        S,
      );
      expect(ok.context.collectiveDecisions[0]).toMatchObject({
        headOverrodeMajority: true,
        headReasons: '民生急需',
        dissentingOpinions: [],
      });
    });

    it('the meeting cannot predate the legality opinion nor lie after the day it is recorded', () => {
      expectRefused(
        after('confirm'),
        ['RECORD_COLLECTIVE_DECISION', { meetingType: 'standing', meetingDate: '2023-04-17', outcome: 'approved' }, '2023-04-25', S],
        ['MEETING_BEFORE_LEGALITY_OPINION'],
      );
      expectRefused(
        after('confirm'),
        ['RECORD_COLLECTIVE_DECISION', { meetingType: 'standing', meetingDate: '2023-04-26', outcome: 'approved' }, '2023-04-25', S],
        ['MEETING_NOT_HELD_YET'],
      );
    });

    it('routes the other outcomes: deferred stays, revise redrafts, rejected terminates', () => {
      const m = (outcome: string) => ({ meetingType: 'standing', meetingDate: '2023-04-25', outcome });
      const deferred = after('confirm').send('RECORD_COLLECTIVE_DECISION', m('deferred'), '2023-04-25', S);
      expect(deferred.stage).toBe('collectiveDecision');
      expect(deferred.context.collectiveDecisions).toHaveLength(1);
      expect(after('confirm').send('RECORD_COLLECTIVE_DECISION', m('revise'), '2023-04-25', S).stage).toBe('drafting');
      const rejected = after('confirm').send('RECORD_COLLECTIVE_DECISION', m('rejected'), '2023-04-25', S);
      expect(rejected.stage).toBe('terminated');
      expect(rejected.stored.status).toBe('done');
    });
  });

  describe('publication and archive (Art. 32–33)', () => {
    it('publication needs the adoption explanation after public participation or expert argumentation', () => {
      expectRefused(after('party'), ['PUBLISH_DECISION', { channels: ['网站'] }, '2023-05-08', S], ['ADOPTION_EXPLANATION_REQUIRED']);
      expectRefused(
        after('party'),
        ['PUBLISH_DECISION', { channels: [], adoptionExplanation: 'x' }, '2023-05-08', S],
        ['PUBLICATION_CHANNEL_REQUIRED'],
      );
    });

    it('the archive checklist of the full path is complete', () => {
      expect(archiveChecklist(after('publish').context).every((i) => i.present)).toBe(true);
    });

    it('archiving is refused when a record of a completed stage is missing', () => {
      const missingReport = after('publish').withContext({ partyReport: null });
      const d = expectRefused(
        missingReport,
        ['ARCHIVE', { archiveNumber: 'JC-2023-001' }, '2023-05-15', S],
        ['ARCHIVE_CHECKLIST_INCOMPLETE'],
      );
      expect(d.blockers[0].message.zh).toContain('向党委请示报告记录');
      expect(d.blockers[0].message.en).toContain('Party committee report');
      expect(
        archiveChecklist(missingReport.context)
          .filter((i) => !i.present)
          .map((i) => i.item.en),
      ).toEqual(['Party committee report']);
    });
  });

  describe('implementation and post-decision evaluation (Art. 34–37)', () => {
    it('the pre-decision risk assessor cannot be the post-decision evaluator (spacing and case ignored)', () => {
      const d = expectRefused(
        after('resume'),
        ['START_POST_EVALUATION', { evaluator: ` ${ASSESSOR} ` }, '2024-03-01'],
        ['EVALUATOR_NOT_INDEPENDENT'],
      );
      expect(d.blockers[0].legalBasis.zh).toBe('《重大行政决策程序暂行条例》第三十七条');
    });

    it('nor an expert body that argued the decision', () => {
      expectRefused(after('resume'), ['START_POST_EVALUATION', { evaluator: '南京大学' }, '2024-03-01'], ['EVALUATOR_NOT_INDEPENDENT']);
    });

    it('a post-evaluation starts once and must be finished before concluding', () => {
      expectRefused(
        after('postEvalStart'),
        ['START_POST_EVALUATION', { evaluator: '另一机构' }, '2024-03-02'],
        ['POST_EVALUATION_ALREADY_STARTED'],
      );
      expectRefused(after('postEvalStart'), ['CONCLUDE', {}, '2024-03-02', S], ['POST_EVALUATION_UNFINISHED']);
      expectRefused(after('resume'), ['RECORD_POST_EVALUATION', { conclusion: 'x' }, '2024-03-02'], ['POST_EVALUATION_NOT_STARTED']);
    });

    it('resume only while suspended, suspend only while in effect', () => {
      expectRefused(after('archive'), ['RESUME', { orderedBy: '县长' }, '2023-05-16', S], ['NOT_ALLOWED_IN_STAGE']);
      expectRefused(after('suspend'), ['SUSPEND', { orderedBy: '县长', reason: 'x' }, '2023-08-11', S], ['NOT_ALLOWED_IN_STAGE']);
    });
  });

  describe('time (docs/contract.md, "Time")', () => {
    it('an occurredAt in the future is refused', () => {
      expectRefused(
        after('draft'),
        [
          'OPEN_PUBLIC_COMMENT',
          { draftText: '草案全文及起草说明', startDate: '2023-02-26', endDate: '2023-03-31', channels: ['网站'] },
          '2023-02-26',
          { today: '2023-02-25' },
        ],
        ['OCCURRED_IN_FUTURE'],
      );
      expectRefused(fresh(), ['APPROVE_START', {}, '2025-07-01', S], ['OCCURRED_IN_FUTURE']);
    });

    it('an occurredAt before the latest event is refused, across parallel regions', () => {
      // latest event: the expert argumentation on 2023-03-28, in another region than the comment
      expect(after('expert').context.lastEventDate).toBe('2023-03-28');
      expectRefused(
        after('expert'),
        ['DISPOSE_COMMENT', { commentId: 'c2', disposition: 'adopted', reason: 'x' }, '2023-03-27'],
        ['OCCURRED_BEFORE_LATEST_EVENT'],
      );
      // the same day is fine
      expect(after('expert').send('DISPOSE_COMMENT', { commentId: 'c2', disposition: 'adopted', reason: 'x' }, '2023-03-28').stage).toBe(
        'consultation',
      );
    });

    it('an event before the case was created is refused', () => {
      expectRefused(fresh(), ['APPROVE_START', {}, '2023-01-31', S], ['OCCURRED_BEFORE_LATEST_EVENT']);
    });

    it('today itself is allowed', () => {
      expect(fresh().send('APPROVE_START', {}, TODAY, S).stage).toBe('drafting');
    });
  });

  describe('the engine', () => {
    it('refuses an event of the wrong stage and never mutates what is stored', () => {
      const c = after('approve');
      const before = frozenCopy(c.stored);
      const d = decide(majorDecision, c.stored, makeEvent(...PATH.archive));
      expect(d).toEqual({ accepted: false, blockers: [expect.objectContaining({ code: 'NOT_ALLOWED_IN_STAGE' })] });
      expect(c.stored).toEqual(before);
      // accepted events do not mutate the input either
      decide(majorDecision, c.stored, makeEvent(...PATH.draft));
      expect(c.stored).toEqual(before);
    });

    it('works from snapshots stored as JSON, as the server keeps them', () => {
      let stored = JSON.parse(JSON.stringify(start(majorDecision, { ...INPUT })));
      for (const step of Object.values(PATH) as Step[]) {
        const d = decide(majorDecision, stored, makeEvent(...step));
        if (!d.accepted) throw new Error(`${step[0]} refused: ${codesOf(d.blockers)}`);
        stored = JSON.parse(JSON.stringify(d.snapshot));
      }
      expect(stored).toEqual(JSON.parse(JSON.stringify(after('conclude').stored)));
    });

    it('throws on an event outside the vocabulary', () => {
      expect(() => decide(majorDecision, after('approve').stored, makeEvent('PUBLISH_DOCUMENT', {}, '2023-02-20'))).toThrow(
        /unknown event/,
      );
    });
  });
});
