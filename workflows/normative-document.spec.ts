import { initialTransition, transition } from 'xstate';
import { diagramOf } from './diagram';
import { decide, factsOf, procedures } from './engine';
import { IssuingOrgan, machine, NormativeDocumentContext, NormativeDocumentInput } from './normative-document';
import { codesOf, EventExtras, frozenCopy, makeEvent, Step, TestCase } from './testing';

/** The procedure as the engine sees it. */
const normativeDocument = procedures['normative-document'];

const S: EventExtras = { actorId: 'u-secretariat' };
const R: EventExtras = { actorId: 'u-reviewer' };
const NUMBER: EventExtras = { ...S, documentNumber: '泗政规〔2023〕1号' };

const input = (
  over: Partial<Record<'affectsPublicRights' | 'marketRelated' | 'interim', boolean>> & { issuingOrgan?: IssuingOrgan } = {},
): NormativeDocumentInput => ({
  title: '泗阳县城镇住房保障管理办法',
  department: 'dept-housing',
  jurisdiction: 'jiangsu',
  occurredAt: '2023-03-20',
  affectsPublicRights: true,
  marketRelated: false,
  interim: false,
  issuingOrgan: 'government',
  ...over,
});

type Doc = TestCase<NormativeDocumentContext>;
const create = (over: Parameters<typeof input>[0] = {}): Doc => TestCase.start<NormativeDocumentContext>(normativeDocument, input(over));

/** drafting → inForce for a government document that affects public rights. */
const PATH = {
  // (03-31, 04-12]: 7 working days across 清明 (04-05), although 8 weekdays
  open: [
    'OPEN_PUBLIC_COMMENT',
    { draftText: '草案全文及起草说明', startDate: '2023-03-31', endDate: '2023-04-12', channels: ['县政府网站'] },
    '2023-03-31',
  ],
  comment: ['RECORD_COMMENT', { content: '建议放宽申请条件', submitter: '李某' }, '2023-04-03'],
  close: ['CLOSE_PUBLIC_COMMENT', {}, '2023-04-13'],
  dispose: ['DISPOSE_COMMENT', { commentId: 'c1', disposition: 'partly-adopted', reason: '放宽收入线' }, '2023-04-13'],
  complete: ['COMPLETE_PUBLIC_PARTICIPATION', {}, '2023-04-14'],
  submit: ['SUBMIT_FOR_LEGALITY_REVIEW', { reviewDueDate: '2023-04-24' }, '2023-04-17'],
  opinion: ['ISSUE_LEGALITY_OPINION', { conclusion: 'lawful', opinion: '合法' }, '2023-04-21', R],
  deliberate: [
    'RECORD_COLLECTIVE_DELIBERATION',
    { meetingType: 'standing', meetingDate: '2023-04-25', outcome: 'approved' },
    '2023-04-25',
    S,
  ],
  // 2023-09-05 + 30 days = 2023-10-05, National Day: the filing deadline rolls to the make-up Saturday 2023-10-07
  publish: ['PUBLISH_DOCUMENT', { channels: ['县政府网站', '政府公报'], effectiveDate: '2023-10-01' }, '2023-09-05', NUMBER],
  file: ['RECORD_FILING', { filedWith: '宿迁市人民政府' }, '2023-10-07', S],
} satisfies Record<string, Step>;
type Label = keyof typeof PATH;

const along = new Map<Label, Doc>();
{
  let c = create();
  for (const [label, step] of Object.entries(PATH) as [Label, Step][]) {
    c = c.send(...step);
    along.set(label, c);
  }
}
const after = (label: Label) => along.get(label)!;

/** Runs the path from drafting up to and including `label` on a case created with other flags. */
function pathTo(label: Label, c: Doc): Doc {
  for (const [l, step] of Object.entries(PATH) as [Label, Step][]) {
    c = c.send(...step);
    if (l === label) return c;
  }
  return c;
}

function expectRefused(c: Doc, step: Step, codes: string[]) {
  const before = frozenCopy(c.stored);
  const d = c.attempt(...step);
  expect(d.accepted).toBe(false);
  if (d.accepted) throw new Error('accepted');
  expect(codesOf(d.blockers)).toEqual(codes);
  expect(c.stored).toEqual(before);
  return d;
}

const openStep = (startDate: string, endDate: string, on = startDate): Step => [
  'OPEN_PUBLIC_COMMENT',
  { draftText: '草案全文及起草说明', startDate, endDate, channels: ['县政府网站'] },
  on,
];
const submitStep = (reviewDueDate: string, on = '2023-04-17'): Step => ['SUBMIT_FOR_LEGALITY_REVIEW', { reviewDueDate }, on];

describe('normative document: drafting → inForce', () => {
  it('goes through every stage in order', () => {
    expect(create().stage).toBe('drafting');
    expect((Object.keys(PATH) as Label[]).map((l) => after(l).value)).toEqual([
      { publicComment: 'open' },
      { publicComment: 'open' },
      { publicComment: 'closed' },
      { publicComment: 'closed' },
      { publicComment: 'done' },
      { legalityReview: 'underReview' },
      'collectiveDeliberation',
      'publication',
      'filing',
      'inForce',
    ]);
  });

  it('records the comment, the review and the deliberation', () => {
    const c = after('file').context;
    expect(c.flags).toEqual({ affectsPublicRights: true, marketRelated: false, interim: false });
    expect(c.registered).toBe(false);
    expect(c.publicComment?.summary).toContain('部分采纳 1 条');
    expect(c.legalityReview[0]).toMatchObject({
      workingDaysGiven: 6,
      provisional: false,
      opinion: { conclusion: 'lawful', reviewerId: 'u-reviewer' },
    });
    expect(c.deliberations).toEqual([expect.objectContaining({ meetingType: 'standing', outcome: 'approved', recordedOn: '2023-04-25' })]);
  });

  it('publication assigns the number and computes validUntil = effectiveDate + 5 years − 1 day and the filing deadline', () => {
    expect(after('publish').context.publication).toEqual({
      channels: ['县政府网站', '政府公报'],
      publishedOn: '2023-09-05',
      documentNumber: '泗政规〔2023〕1号',
      effectiveDate: '2023-10-01',
      validUntil: '2028-09-30',
      filingDeadline: '2023-10-07', // 09-05 + 30 = 10-05 (holiday) → next working day 10-07
      filingDeadlineProvisional: false,
    });
  });

  it('filing on the deadline is on time, and the document is in force even before its effective date', () => {
    expect(after('file').stage).toBe('inForce');
    expect(after('file').context.filing).toEqual({ filedWith: '宿迁市人民政府', filedOn: '2023-10-07', late: false });
    const early = after('publish').send('RECORD_FILING', { filedWith: '宿迁市人民政府' }, '2023-09-20', S);
    expect(early.stage).toBe('inForce');
    expect(early.context.filing?.late).toBe(false);
  });

  it('a late filing is accepted and recorded late: true', () => {
    const late = after('publish').send('RECORD_FILING', { filedWith: '宿迁市人民政府' }, '2023-10-08', S);
    expect(late.stage).toBe('inForce');
    expect(late.context.filing).toEqual({ filedWith: '宿迁市人民政府', filedOn: '2023-10-08', late: true });
  });

  it('the same path runs on the machine with xstate transition()', () => {
    let [snap] = initialTransition(machine, input());
    for (const [label, [type, data, on, extras]] of Object.entries(PATH) as [Label, Step][]) {
      [snap] = transition(machine, snap, makeEvent(type, data, on, extras));
      expect(snap.value).toEqual(after(label).value);
    }
    expect(JSON.parse(JSON.stringify(snap.context))).toEqual(after('file').context);
  });
});

describe('normative document: public comment', () => {
  it('6 working days across 清明 2023 (7 weekdays) is refused as too short', () => {
    const d = expectRefused(create(), openStep('2023-03-31', '2023-04-11'), ['COMMENT_PERIOD_TOO_SHORT']);
    expect(d.blockers[0].message.en).toContain(
      'has 6 working days (the first day not counted), fewer than 7; the earliest valid end date is 2023-04-12',
    );
  });

  it('7 working days is accepted', () => {
    expect(after('open').context.publicComment).toMatchObject({ startDate: '2023-03-31', endDate: '2023-04-12' });
  });

  it('the make-up Saturday 2023-10-07 counts: 09-27 → 10-09 is 7 working days', () => {
    // (09-27, 10-09]: 09-28, 10-07, 10-08, 10-09 = 4; a period across National Day needs far more weekdays
    expectRefused(create(), openStep('2023-09-27', '2023-10-09'), ['COMMENT_PERIOD_TOO_SHORT']);
    expect(create().send(...openStep('2023-09-27', '2023-10-12')).stage).toBe('publicComment');
  });

  it('a market-related document needs 30 days', () => {
    const market = create({ marketRelated: true });
    // 2023-03-21 + 30 days = 2023-04-20, a Thursday
    expectRefused(market, openStep('2023-03-21', '2023-03-30'), ['MARKET_COMMENT_PERIOD_TOO_SHORT']); // 7 working days
    expectRefused(market, openStep('2023-03-21', '2023-04-19'), ['MARKET_COMMENT_PERIOD_TOO_SHORT']);
    expect(market.send(...openStep('2023-03-21', '2023-04-20')).value).toEqual({ publicComment: 'open' });
    // and the non-market document may close the same period much earlier
    expect(create().send(...openStep('2023-03-21', '2023-03-30')).value).toEqual({ publicComment: 'open' });
  });

  it('cannot close before the day after endDate, nor complete with an undisposed comment', () => {
    expectRefused(after('comment'), ['CLOSE_PUBLIC_COMMENT', {}, '2023-04-12'], ['COMMENT_PERIOD_NOT_ENDED']);
    expectRefused(after('close'), ['COMPLETE_PUBLIC_PARTICIPATION', {}, '2023-04-13'], ['COMMENTS_UNDISPOSED']);
  });
});

describe('normative document: legality review (5 to 15 working days)', () => {
  // from 2023-04-17: 04-21 = 4, 04-23 (make-up Sunday) = 5, 05-09 = 15, 05-10 = 16 (Labour Day 04-29..05-03 off, 05-06 worked)
  it('fewer than 5 working days is refused', () => {
    expectRefused(after('complete'), submitStep('2023-04-21'), ['REVIEW_TIME_OUT_OF_BOUNDS']);
  });

  it('5 working days (ending on the make-up Sunday 2023-04-23) is accepted', () => {
    const c = after('complete').send(...submitStep('2023-04-23'));
    expect(c.context.legalityReview[0].workingDaysGiven).toBe(5);
  });

  it('15 working days across Labour Day 2023 is accepted', () => {
    const c = after('complete').send(...submitStep('2023-05-09'));
    expect(c.context.legalityReview[0].workingDaysGiven).toBe(15);
  });

  it('more than 15 working days is refused', () => {
    const d = expectRefused(after('complete'), submitStep('2023-05-10'), ['REVIEW_TIME_OUT_OF_BOUNDS']);
    expect(d.blockers[0].message.en).toContain('16 working days, more than 15');
  });

  it('an exploratory conclusion is refused for documents', () => {
    expectRefused(
      after('submit'),
      ['ISSUE_LEGALITY_OPINION', { conclusion: 'exploratory', opinion: '探索', legalRiskStatement: '风险' }, '2023-04-21', R],
      ['EXPLORATORY_NOT_ALLOWED'],
    );
  });

  it('unlawful returns to drafting; the completed comment lets it resubmit from there', () => {
    const back = after('submit').send('ISSUE_LEGALITY_OPINION', { conclusion: 'unlawful', opinion: '违法设定许可' }, '2023-04-21', R);
    expect(back.stage).toBe('drafting');
    expectRefused(
      back,
      ['RECORD_COLLECTIVE_DELIBERATION', { meetingType: 'standing', meetingDate: '2023-04-25', outcome: 'approved' }, '2023-04-25', S],
      ['NOT_ALLOWED_IN_STAGE'],
    );
    const revised = back.send('CONFIRM_REVISIONS', { revisionNote: '删除第五条设定的许可' }, '2023-04-24');
    const again = revised.send(...submitStep('2023-05-04', '2023-04-24'));
    expect(again.value).toEqual({ legalityReview: 'underReview' });
    expect(again.context.legalityReview).toHaveLength(2);
  });

  describe('the unlawful opinion is acted on before the document is resubmitted', () => {
    const back = () => after('submit').send('ISSUE_LEGALITY_OPINION', { conclusion: 'unlawful', opinion: '违法设定许可' }, '2023-04-21', R);

    it('resubmission is refused until the revision is recorded, citing 115号', () => {
      const d = expectRefused(back(), submitStep('2023-05-04', '2023-04-24'), ['REVISION_NOT_RECORDED']);
      expect(d.blockers[0].message.zh).toBe('2023年4月21日的审查意见为不合法：请按审查意见修改草案，并记录修改情况后再重新送审');
      expect(d.blockers[0].legalBasis.zh).toBe('国办发〔2018〕115号（起草单位应当根据合法性审核意见对规范性文件作必要的修改或者补充）');
    });

    it('records the revision on the submission the opinion answered, staying in drafting with the comment kept', () => {
      const revised = back().send('CONFIRM_REVISIONS', { revisionNote: '删除第五条设定的许可' }, '2023-04-24');
      expect(revised.value).toBe('drafting');
      expect(revised.context.legalityReview[0]).toMatchObject({
        opinion: { conclusion: 'unlawful' },
        revisionsConfirmed: { note: '删除第五条设定的许可', confirmedOn: '2023-04-24' },
      });
      expect(revised.context.publicComment?.completedOn).toBe('2023-04-14');
      // recorded once: a second record has nothing to answer
      expectRefused(revised, ['CONFIRM_REVISIONS', { revisionNote: '再改' }, '2023-04-25'], ['NO_REVISION_ASKED']);
      // and the opinion still opens no way to the deliberation
      expectRefused(
        revised,
        ['RECORD_COLLECTIVE_DELIBERATION', { meetingType: 'standing', meetingDate: '2023-04-25', outcome: 'approved' }, '2023-04-25', S],
        ['NOT_ALLOWED_IN_STAGE'],
      );
    });

    it('the same after a second public comment round: recorded in the comment stage, then resubmitted', () => {
      const reopened = back().send(...openStep('2023-04-24', '2023-05-12'));
      expect(reopened.stage).toBe('publicComment');
      const revised = reopened.send('CONFIRM_REVISIONS', { revisionNote: '删除许可，重新征求意见' }, '2023-04-25');
      expect(revised.value).toEqual(reopened.value);
      expect(revised.context.legalityReview[0].revisionsConfirmed?.note).toBe('删除许可，重新征求意见');
    });

    it('a case never reviewed, or returned or withdrawn without an opinion, has no revision to record', () => {
      expectRefused(create(), ['CONFIRM_REVISIONS', { revisionNote: '改' }, '2023-03-21'], ['NO_REVISION_ASKED']);
      const returned = after('submit').send('RETURN_FOR_CORRECTION', { reason: '缺少起草说明' }, '2023-04-19', R);
      expectRefused(returned, ['CONFIRM_REVISIONS', { revisionNote: '改' }, '2023-04-20'], ['NO_REVISION_ASKED']);
      expect(returned.send(...submitStep('2023-04-26', '2023-04-20')).stage).toBe('legalityReview');
    });

    it('the pure machine stays in drafting when the revision is recorded', () => {
      const b = back();
      const snap = machine.resolveState({ value: b.stored.value as never, context: b.stored.context as never });
      const [next] = transition(machine, snap, makeEvent('CONFIRM_REVISIONS', { revisionNote: '已改' }, '2023-04-24'));
      expect(next.value).toBe('drafting');
      expect((next.context as NormativeDocumentContext).legalityReview[0].revisionsConfirmed?.note).toBe('已改');
    });
  });

  describe('the draft text is published with the call for comment (国办发〔2018〕37号)', () => {
    const period = { startDate: '2023-03-31', endDate: '2023-04-12', channels: ['县政府网站'] };

    it('a first round without the draft text is refused, naming the article', () => {
      for (const data of [period, { ...period, draftText: '  \n ' }]) {
        const d = expectRefused(create(), ['OPEN_PUBLIC_COMMENT', data, '2023-03-31'], ['DRAFT_TEXT_MISSING']);
        expect(d.blockers[0].legalBasis.zh).toBe('国办发〔2018〕37号（公开征求意见应当公布文件草案及其说明）');
      }
    });

    it('a period reopened after a return starts from the earlier text, and carries it forward when none is given', () => {
      const open = normativeDocument.events.OPEN_PUBLIC_COMMENT;
      expect(open.prefill?.(create().context)).toBeUndefined();
      const back = after('submit').send('RETURN_FOR_CORRECTION', { reason: '缺少起草说明', missingItems: ['起草说明'] }, '2023-04-19', R);
      expect(open.prefill?.(back.context)).toEqual({ draftText: '草案全文及起草说明' });
      const reopened = back.send(
        'OPEN_PUBLIC_COMMENT',
        { startDate: '2023-04-20', endDate: '2023-05-10', channels: ['县政府网站'] },
        '2023-04-20',
      );
      expect(reopened.context.publicComment).toMatchObject({ draftText: '草案全文及起草说明', openedOn: '2023-04-20', comments: [] });
      expect(reopened.context.earlierPublicComments).toHaveLength(1);
      // a new text given replaces it, the earlier round keeps its own
      const revised = back.send(
        'OPEN_PUBLIC_COMMENT',
        { ...period, startDate: '2023-04-20', endDate: '2023-05-10', draftText: '修改稿' },
        '2023-04-20',
      );
      expect(revised.context.publicComment!.draftText).toBe('修改稿');
      expect(revised.context.earlierPublicComments[0].draftText).toBe('草案全文及起草说明');
    });
  });

  it('lawful-with-revisions waits for the revisions', () => {
    const w = after('submit').send('ISSUE_LEGALITY_OPINION', { conclusion: 'lawful-with-revisions', opinion: '改第三条' }, '2023-04-21', R);
    expect(w.value).toEqual({ legalityReview: 'awaitingRevisions' });
    expect(w.send('CONFIRM_REVISIONS', { revisionNote: '已改' }, '2023-04-22').stage).toBe('collectiveDeliberation');
  });

  describe('withdrawal and return before the opinion', () => {
    const giveBack: Step = ['RETURN_FOR_CORRECTION', { reason: '缺少制定依据', missingItems: ['制定依据', '起草说明'] }, '2023-04-19', R];

    it('the reviewer returns an incomplete package: back to drafting, no opinion, no review clock', () => {
      expect(factsOf(normativeDocument, after('submit').stored).due).toMatchObject({ code: 'REVIEW_DUE', date: '2023-04-24' });
      const r = after('submit').send(...giveBack);
      expect(r.value).toBe('drafting');
      expect(r.context.legalityReview[0]).toMatchObject({
        submittedOn: '2023-04-17',
        returned: { reason: '缺少制定依据', missingItems: ['制定依据', '起草说明'], on: '2023-04-19', reviewerId: 'u-reviewer' },
      });
      expect(r.context.legalityReview[0].opinion).toBeUndefined();
      expect(r.context.publicComment?.completedOn).toBe('2023-04-14');
      expect(factsOf(normativeDocument, r.stored)).toMatchObject({ due: null, issues: [] });
    });

    it('the resubmission gets 5 to 15 working days of its own, counted from the day it is sent', () => {
      const r = after('submit').send(...giveBack);
      // the first package's due date leaves 3 working days (04-21, the make-up Sunday 04-23, 04-24)
      const d = expectRefused(r, submitStep('2023-04-24', '2023-04-20'), ['REVIEW_TIME_OUT_OF_BOUNDS']);
      expect(d.blockers[0].message.zh).toContain('仅 3 个工作日');
      const again = r.send(...submitStep('2023-04-26', '2023-04-20'));
      expect(again.context.legalityReview[1]).toEqual({
        submittedOn: '2023-04-20',
        reviewDueDate: '2023-04-26',
        workingDaysGiven: 5,
        provisional: false,
      });
      // carried on to publication, the returned round counts as nothing against the document
      const published = again.run([
        ['ISSUE_LEGALITY_OPINION', { conclusion: 'lawful', opinion: '合法' }, '2023-04-26', R],
        ['RECORD_COLLECTIVE_DELIBERATION', { meetingType: 'standing', meetingDate: '2023-04-27', outcome: 'approved' }, '2023-04-27', S],
        ['PUBLISH_DOCUMENT', { channels: ['县政府网站'], effectiveDate: '2023-06-01' }, '2023-05-04', NUMBER],
      ]);
      expect(published.stage).toBe('filing');
      expect(factsOf(normativeDocument, published.stored).issues).toEqual([]);
    });

    it('the drafter withdraws before the opinion; a resubmission still needs the whole review', () => {
      const w = after('submit').send('WITHDRAW_SUBMISSION', { reason: '拟调整适用范围' }, '2023-04-18');
      expect(w.value).toBe('drafting');
      expect(w.context.legalityReview[0].withdrawn).toEqual({ reason: '拟调整适用范围', on: '2023-04-18', by: 'user-official' });
      expect(factsOf(normativeDocument, w.stored).due).toBeNull();
      expectRefused(
        w,
        ['RECORD_COLLECTIVE_DELIBERATION', { meetingType: 'standing', meetingDate: '2023-04-25', outcome: 'approved' }, '2023-04-25', S],
        ['NOT_ALLOWED_IN_STAGE'],
      );
      const again = w.send(...submitStep('2023-04-26', '2023-04-19'));
      expect(again.value).toEqual({ legalityReview: 'underReview' });
      expect(again.context.legalityReview[1].workingDaysGiven).toBe(6);
    });

    it('neither once the opinion is issued', () => {
      const waiting = after('submit').send(
        'ISSUE_LEGALITY_OPINION',
        { conclusion: 'lawful-with-revisions', opinion: '改第三条' },
        '2023-04-21',
        R,
      );
      const d = expectRefused(waiting, ['WITHDRAW_SUBMISSION', { reason: '撤回' }, '2023-04-22'], ['OPINION_ALREADY_ISSUED']);
      expect(d.blockers[0].message.zh).toContain('已于 2023年4月21日 出具审查意见（合法但需修改），不能撤回送审');
      expect(d.blockers[0].legalBasis.zh).toContain('国办发〔2018〕115号');
      expectRefused(waiting, ['RETURN_FOR_CORRECTION', { reason: '退回' }, '2023-04-22', R], ['OPINION_ALREADY_ISSUED']);
      expectRefused(after('opinion'), ['RETURN_FOR_CORRECTION', { reason: '退回' }, '2023-04-22', R], ['NOT_ALLOWED_IN_STAGE']);
    });

    it('the diagram draws both back to drafting', () => {
      const { stageEdges } = diagramOf(normativeDocument);
      const back = stageEdges.filter((e) => e.from === 'legalityReview' && e.to === 'drafting');
      expect(back.map((e) => e.event).sort()).toEqual(['ISSUE_LEGALITY_OPINION', 'RETURN_FOR_CORRECTION', 'WITHDRAW_SUBMISSION']);
    });
  });
});

describe('normative document: straight from drafting to review', () => {
  it('a document not affecting public rights may submit from drafting', () => {
    const c = create({ affectsPublicRights: false }).send(...submitStep('2023-03-27', '2023-03-20'));
    expect(c.value).toEqual({ legalityReview: 'underReview' });
    expect(c.context.publicComment).toBeNull();
  });

  it('a document affecting public rights may not', () => {
    const d = expectRefused(create(), submitStep('2023-03-27', '2023-03-20'), ['PUBLIC_COMMENT_INCOMPLETE']);
    expect(d.blockers[0].message.en).toContain('must go out for public comment');
  });

  it('nor while its comment period is still running', () => {
    expectRefused(after('comment'), submitStep('2023-04-12', '2023-04-03'), ['PUBLIC_COMMENT_INCOMPLETE']);
  });
});

describe('normative document: collective deliberation', () => {
  const departmentDoc = () =>
    create({ affectsPublicRights: false, issuingOrgan: 'department' })
      .send(...submitStep('2023-03-27', '2023-03-20'))
      .send('ISSUE_LEGALITY_OPINION', { conclusion: 'lawful', opinion: '合法' }, '2023-03-24', R);
  const meeting = (meetingType: string, outcome = 'approved', on = '2023-03-28'): Step => [
    'RECORD_COLLECTIVE_DELIBERATION',
    { meetingType, meetingDate: on, outcome },
    on,
  ];

  it('a department-issued document needs an office meeting', () => {
    const c = departmentDoc();
    expect(c.stage).toBe('collectiveDeliberation');
    expectRefused(c, meeting('standing'), ['MEETING_TYPE_NOT_ALLOWED']);
    expect(c.send(...meeting('office')).stage).toBe('publication');
  });

  it('a government document cannot be deliberated at an office meeting', () => {
    expectRefused(after('opinion'), meeting('office', 'approved', '2023-04-25'), ['MEETING_TYPE_NOT_ALLOWED']);
    expect(after('opinion').send(...meeting('plenary', 'approved', '2023-04-25')).stage).toBe('publication');
  });

  it('revise goes back to drafting, rejected terminates', () => {
    expect(after('opinion').send(...meeting('standing', 'revise', '2023-04-25')).stage).toBe('drafting');
    expect(after('opinion').send(...meeting('standing', 'rejected', '2023-04-25')).stage).toBe('terminated');
  });
});

describe('normative document: publication, filing and validity', () => {
  it('an interim document is valid 2 years − 1 day', () => {
    const c = pathTo('publish', create({ interim: true }));
    expect(c.context.publication).toMatchObject({ effectiveDate: '2023-10-01', validUntil: '2025-09-30' });
  });

  it('validity counts from the effective date, the filing deadline from the publication date', () => {
    const c = after('deliberate').send('PUBLISH_DOCUMENT', { channels: ['网站'], effectiveDate: '2024-03-01' }, '2023-12-01', NUMBER);
    // 2023-12-01 + 30 = 2023-12-31, a Sunday → 2024-01-02 (2024-01-01 New Year's Day)
    expect(c.context.publication).toMatchObject({ validUntil: '2029-02-28', filingDeadline: '2024-01-02' });
  });

  it('a filing deadline in a year without holiday data is marked provisional', () => {
    const c = after('deliberate').send('PUBLISH_DOCUMENT', { channels: ['网站'], effectiveDate: '2027-01-01' }, '2026-12-15', {
      ...NUMBER,
      today: '2026-12-31',
    });
    expect(c.context.publication).toMatchObject({ filingDeadline: '2027-01-14', filingDeadlineProvisional: true });
  });

  it('the effective date cannot precede publication', () => {
    expectRefused(
      after('deliberate'),
      ['PUBLISH_DOCUMENT', { channels: ['网站'], effectiveDate: '2023-09-04' }, '2023-09-05', NUMBER],
      ['EFFECTIVE_BEFORE_PUBLICATION'],
    );
  });

  it('the server must allocate the number: publishing without one is a programming error', () => {
    expect(() =>
      decide(
        normativeDocument,
        after('deliberate').stored,
        makeEvent('PUBLISH_DOCUMENT', { channels: ['网站'], effectiveDate: '2023-10-01' }, '2023-09-05', S),
      ),
    ).toThrow(/document number/);
  });

  it('repeal, amendment and expiry end an in-force document', () => {
    const inForce = after('file');
    expect(inForce.send('REPEAL', { reason: '清理废止' }, '2024-04-24', S).stage).toBe('repealed');
    const amending = inForce.send('START_AMENDMENT', { reason: '上位法修改' }, '2024-04-24', S);
    expect(amending.stage).toBe('amending');
    expect(amending.context.ending).toEqual({ kind: 'amending', reason: '上位法修改', on: '2024-04-24' });
    expectRefused(inForce, ['EXPIRE', {}, '2028-09-30', { today: '2028-10-01' }], ['STILL_VALID']);
    const expired = inForce.send('EXPIRE', {}, '2028-10-01', { today: '2028-10-01' });
    expect(expired.stage).toBe('expired');
  });

  it('time rules hold here too', () => {
    expectRefused(after('publish'), ['RECORD_FILING', { filedWith: 'x' }, '2023-09-04', S], ['OCCURRED_BEFORE_LATEST_EVENT']);
    expectRefused(after('publish'), ['RECORD_FILING', { filedWith: 'x' }, '2025-07-01', S], ['OCCURRED_IN_FUTURE']);
  });
});
