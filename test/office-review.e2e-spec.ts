import { CaseBody, expectAuditIntact, Tokens, useCounty } from './harness';

/**
 * The legality review office's two ways to end a submission without an opinion: the sponsor
 * withdraws it (撤回送审), the reviewer returns it for correction (退回补正). Either sends the
 * case back to drafting; the next submission gives the reviewer a full period of its own.
 */
describe('legality review: withdrawal and return for correction', () => {
  const { b, d, bearer, tokens } = useCounty();

  type Who = keyof Tokens;

  /** A major decision of fgw with nothing to consult on, submitted for review on `submitted` (due 7 working days later). */
  async function decisionUnderReview(who: Who, title: string, submitted = '2023-02-08', reviewDueDate = '2023-02-17') {
    let c = await d.create(who, { procedure: 'major-decision', title, department: 'fgw', occurredAt: '2023-02-01' });
    c = await d.ok('secretariat', c, 'APPROVE_START', '2023-02-03', { catalogueItemId: '2023-01' });
    c = await d.ok(who, c, 'FINISH_DRAFT', '2023-02-06', { draftSummary: '草案', specialized: false, stabilityRisk: false });
    c = await d.ok(who, c, 'EXEMPT_PUBLIC_COMMENT', '2023-02-07', { reason: '涉及国家秘密' });
    return d.ok(who, c, 'SUBMIT_FOR_LEGALITY_REVIEW', submitted, { reviewDueDate });
  }

  /** A government document of fgw that does not affect public rights, submitted straight from drafting. */
  async function documentUnderReview(title: string, submitted = '2023-03-01', reviewDueDate = '2023-03-08') {
    const c = await d.create('official', {
      procedure: 'normative-document',
      title,
      department: 'fgw',
      occurredAt: '2023-02-27',
      affectsPublicRights: false,
      marketRelated: false,
      interim: false,
      issuingOrgan: 'government',
    });
    return d.ok('official', c, 'SUBMIT_FOR_LEGALITY_REVIEW', submitted, { reviewDueDate });
  }

  const action = (c: CaseBody, type: string) => c.actions.find((a) => a.type === type)!;

  it('both procedures describe the two events, their forms and their way back to drafting', async () => {
    for (const id of ['major-decision', 'normative-document']) {
      const res = await b.http.get(`/api/procedures/${id}`).expect(200);
      const events = res.body.events as { type: string; by: string; legalBasis: string; schema: any }[];
      const withdraw = events.find((e) => e.type === 'WITHDRAW_SUBMISSION')!;
      const giveBack = events.find((e) => e.type === 'RETURN_FOR_CORRECTION')!;
      expect(withdraw).toMatchObject({ by: 'official', schema: { required: ['reason'], additionalProperties: false } });
      expect(giveBack).toMatchObject({
        by: 'reviewer',
        schema: { required: ['reason'], additionalProperties: false, properties: { missingItems: { type: 'array', maxItems: 50 } } },
      });
      expect(giveBack.schema.properties.missingItems.items).toMatchObject({ type: 'string', minLength: 1, maxLength: 200 });
      const back = (res.body.diagram.stageEdges as { from: string; to: string; event: string }[])
        .filter((e) => e.from === 'legalityReview' && e.to === 'drafting')
        .map((e) => e.event)
        .sort();
      expect(back).toEqual(['ISSUE_LEGALITY_OPINION', 'RETURN_FOR_CORRECTION', 'WITHDRAW_SUBMISSION']);
    }
  });

  it('the sponsor withdraws a major decision before the opinion and resubmits it for a new full review', async () => {
    let c = await decisionUnderReview('official', '城区停车设施建设方案（撤回）');
    expect(c.due).toMatchObject({ code: 'REVIEW_DUE', date: '2023-02-17' });
    expect(action(c, 'WITHDRAW_SUBMISSION')).toMatchObject({ label: '撤回送审（出具审查意见前）', allowed: true, blockers: [] });
    // the reviewer sees it, but it is not theirs to send
    const asReviewer = await d.get('reviewer', c.id);
    expect(action(asReviewer, 'WITHDRAW_SUBMISSION').allowed).toBe(false);
    expect(action(asReviewer, 'WITHDRAW_SUBMISSION').blockers[0]).toMatchObject({ code: 'FORBIDDEN', message: '须由承办人员办理' });
    expect(action(asReviewer, 'RETURN_FOR_CORRECTION')).toMatchObject({ allowed: true, blockers: [] });

    // withdrawing is the sponsor's option: the case under review awaits the reviewer alone
    const inbox = async (who: Who) =>
      ((await b.http.get('/api/cases/inbox').set(bearer(who)).expect(200)).body.awaiting as { id: string }[]).map((x) => x.id);
    expect(await inbox('reviewer')).toContain(c.id);
    expect(await inbox('official')).not.toContain(c.id);

    c = await d.ok('official', c, 'WITHDRAW_SUBMISSION', '2023-02-10', { reason: '拟补充专家论证' });
    expect(c).toMatchObject({ stage: 'drafting', state: 'drafting', due: null, complianceIssues: [] });
    expect(c.record.legalityReview).toEqual([
      expect.objectContaining({
        submittedOn: '2023-02-08',
        withdrawn: { reason: '拟补充专家论证', on: '2023-02-10', by: expect.any(String) },
      }),
    ]);
    expect(c.record.legalityReview[0].opinion).toBeUndefined();
    expect(c.record.publicCommentExemption).toMatchObject({ reason: '涉及国家秘密' });

    c = await d.ok('official', c, 'FINISH_DRAFT', '2023-02-13', { draftSummary: '修改稿', specialized: false, stabilityRisk: false });
    c = await d.ok('official', c, 'SUBMIT_FOR_LEGALITY_REVIEW', '2023-02-14', { reviewDueDate: '2023-02-23' });
    expect(c.due).toMatchObject({ code: 'REVIEW_DUE', date: '2023-02-23' });
    expect(c.record.legalityReview[1]).toEqual({
      submittedOn: '2023-02-14',
      reviewDueDate: '2023-02-23',
      workingDaysGiven: 7,
      provisional: false,
    });
    c = await d.ok('reviewer', c, 'ISSUE_LEGALITY_OPINION', '2023-02-22', { conclusion: 'lawful', opinion: '合法' });
    expect(c.stage).toBe('collectiveDecision');

    const history = await b.http.get(`/api/cases/${c.id}/history`).set(bearer('official')).expect(200);
    const withdrawal = (history.body as { type: string }[]).find((e) => e.type === 'WITHDRAW_SUBMISSION');
    expect(withdrawal).toMatchObject({ actorRole: 'official', occurredAt: '2023-02-10', data: { reason: '拟补充专家论证' } });
  });

  it('the drafter withdraws a normative document and resubmits it', async () => {
    let c = await documentUnderReview('停车管理办法（撤回）');
    c = await d.ok('official', c, 'WITHDRAW_SUBMISSION', '2023-03-02', { reason: '调整适用范围' });
    expect(c).toMatchObject({ stage: 'drafting', due: null });
    expect(c.record.legalityReview[0].withdrawn).toMatchObject({ reason: '调整适用范围', on: '2023-03-02' });
    c = await d.ok('official', c, 'SUBMIT_FOR_LEGALITY_REVIEW', '2023-03-03', { reviewDueDate: '2023-03-10' });
    expect(c).toMatchObject({ stage: 'legalityReview', due: { code: 'REVIEW_DUE', date: '2023-03-10' } });
    c = await d.ok('reviewer', c, 'ISSUE_LEGALITY_OPINION', '2023-03-09', { conclusion: 'lawful', opinion: '合法' });
    expect(c.stage).toBe('collectiveDeliberation');
  });

  it('the reviewer returns a package for correction; the resubmission is measured from its own date', async () => {
    let c = await decisionUnderReview('official', '老旧小区改造方案（退回补正）');
    c = await d.ok('reviewer', c, 'RETURN_FOR_CORRECTION', '2023-02-09', {
      reason: '送审材料不全',
      missingItems: ['决策草案起草说明', '履行决策法定程序的说明'],
    });
    expect(c).toMatchObject({ stage: 'drafting', due: null, complianceIssues: [] });
    expect(c.record.legalityReview[0]).toMatchObject({
      returned: { reason: '送审材料不全', missingItems: ['决策草案起草说明', '履行决策法定程序的说明'], on: '2023-02-09' },
    });
    expect(c.record.legalityReview[0].opinion).toBeUndefined();

    c = await d.ok('official', c, 'FINISH_DRAFT', '2023-02-13', { draftSummary: '补正稿', specialized: false, stabilityRisk: false });
    // the first package's due date: 3 working days from the resubmission, not the reviewer's full period
    const short = await d.send('official', c, 'SUBMIT_FOR_LEGALITY_REVIEW', '2023-02-14', { reviewDueDate: '2023-02-17' }).expect(422);
    expect(short.body).toMatchObject({ code: 'PROCEDURE_VIOLATION' });
    expect(short.body.blockers).toEqual([
      expect.objectContaining({
        code: 'REVIEW_TIME_OUT_OF_BOUNDS',
        message: '审查期限 2023年2月14日 至 2023年2月17日 仅 3 个工作日，少于 7 个工作日',
        legalBasis: '《重大行政决策程序暂行条例》第二十六条',
      }),
    ]);
    expect((await d.get('official', c.id)).version).toBe(c.version);

    c = await d.ok('official', c, 'SUBMIT_FOR_LEGALITY_REVIEW', '2023-02-14', { reviewDueDate: '2023-02-23' });
    expect(c.record.legalityReview).toHaveLength(2);
    expect(c.record.legalityReview[1]).toMatchObject({ submittedOn: '2023-02-14', workingDaysGiven: 7 });
    c = await d.ok('reviewer', c, 'ISSUE_LEGALITY_OPINION', '2023-02-21', { conclusion: 'lawful', opinion: '合法' });
    expect(c.stage).toBe('collectiveDecision');

    const history = await b.http.get(`/api/cases/${c.id}/history`).set(bearer('supervisor')).expect(200);
    const types = (history.body as { type: string; actorRole: string; data: Record<string, unknown> }[]).map((e) => e.type);
    expect(types).toEqual([
      'CASE_CREATED',
      'APPROVE_START',
      'FINISH_DRAFT',
      'EXEMPT_PUBLIC_COMMENT',
      'SUBMIT_FOR_LEGALITY_REVIEW',
      'RETURN_FOR_CORRECTION',
      'FINISH_DRAFT',
      'SUBMIT_FOR_LEGALITY_REVIEW',
      'ISSUE_LEGALITY_OPINION',
    ]);
    expect(history.body[5]).toMatchObject({
      type: 'RETURN_FOR_CORRECTION',
      actorRole: 'reviewer',
      occurredAt: '2023-02-09',
      data: { reason: '送审材料不全', missingItems: ['决策草案起草说明', '履行决策法定程序的说明'] },
    });
  });

  it('neither once an opinion is issued: the refusal names the opinion', async () => {
    let c = await decisionUnderReview('official', '公共停车收费调整（已出具意见）');
    c = await d.ok('reviewer', c, 'ISSUE_LEGALITY_OPINION', '2023-02-15', { conclusion: 'lawful-with-revisions', opinion: '第五条需修改' });
    expect(c.state).toEqual({ legalityReview: 'awaitingRevisions' });
    // the official's actions name the opinion that stands in the way
    expect(action(await d.get('official', c.id), 'WITHDRAW_SUBMISSION')).toMatchObject({
      allowed: false,
      blockers: [expect.objectContaining({ code: 'OPINION_ALREADY_ISSUED' })],
    });

    const res = await d.send('official', c, 'WITHDRAW_SUBMISSION', '2023-02-16', { reason: '撤回' }).expect(422);
    expect(res.body).toMatchObject({ code: 'PROCEDURE_VIOLATION' });
    expect(res.body.blockers).toEqual([
      {
        code: 'OPINION_ALREADY_ISSUED',
        message: '已于 2023年2月15日 出具审查意见（合法但需修改），不能撤回送审；请按审查意见修改后确认落实',
        legalBasis: '《重大行政决策程序暂行条例》第二十五条；出具审查意见前，送审单位撤回送审材料',
      },
    ]);
    const en = await d
      .send('official', c, 'WITHDRAW_SUBMISSION', '2023-02-16', { reason: '撤回' })
      .set('Accept-Language', 'en')
      .expect(422);
    expect(en.body.blockers[0].message).toBe(
      'the legality opinion (lawful with revisions) was issued on 2023-02-15: cannot withdraw the submission',
    );
    const back = await d.send('reviewer', c, 'RETURN_FOR_CORRECTION', '2023-02-16', { reason: '退回' }).expect(422);
    expect(back.body.blockers[0]).toMatchObject({ code: 'OPINION_ALREADY_ISSUED' });
    expect(back.body.blockers[0].message).toContain('不能退回补正');

    c = await d.ok('official', c, 'CONFIRM_REVISIONS', '2023-02-16', { revisionNote: '已修改第五条' });
    const late = await d.send('official', c, 'WITHDRAW_SUBMISSION', '2023-02-17', { reason: '撤回' }).expect(422);
    expect(late.body.blockers[0]).toMatchObject({ code: 'NOT_ALLOWED_IN_STAGE' });
    expect((await d.get('official', c.id)).version).toBe(c.version);
  });

  it('only the sponsor withdraws, only a reviewer who did not sponsor the case returns it', async () => {
    const c = await decisionUnderReview('official', '城区绿道建设方案（权限）');
    const byReviewer = await d.send('reviewer', c, 'WITHDRAW_SUBMISSION', '2023-02-09', { reason: '撤回' }).expect(403);
    expect(byReviewer.body).toMatchObject({ code: 'FORBIDDEN', message: '须由承办人员办理' });
    const byOfficial = await d.send('official', c, 'RETURN_FOR_CORRECTION', '2023-02-09', { reason: '退回' }).expect(403);
    expect(byOfficial.body).toMatchObject({ code: 'FORBIDDEN', message: '须由合法性审查人员办理' });
    // an official of another department cannot withdraw fgw's package either
    await d.send('zjjOfficial', c, 'WITHDRAW_SUBMISSION', '2023-02-09', { reason: '撤回' }).expect(403);

    // a reviewer who also drafts, and sponsored this case
    const own = await decisionUnderReview('reviewerOfficial', '城区绿道建设方案（本人承办）');
    const res = await d.send('reviewerOfficial', own, 'RETURN_FOR_CORRECTION', '2023-02-09', { reason: '退回' }).expect(403);
    expect(res.body).toMatchObject({ code: 'SEPARATION_OF_DUTIES' });
    expect(res.body.blockers[0].legalBasis).toContain('第二十五条');
    // as the sponsor they may still withdraw it
    const withdrawn = await d.ok('reviewerOfficial', own, 'WITHDRAW_SUBMISSION', '2023-02-09', { reason: '本人撤回' });
    expect(withdrawn.stage).toBe('drafting');
    expect((await d.get('official', c.id)).version).toBe(c.version);
  });

  it('refuses a blank reason, unknown fields and oversized lists of missing materials, changing nothing', async () => {
    const c = await documentUnderReview('停车管理办法（数据校验）');
    const blank = await d.send('official', c, 'WITHDRAW_SUBMISSION', '2023-03-02', { reason: '   ' }).expect(422);
    expect(blank.body.blockers).toEqual([expect.objectContaining({ code: 'REASON_REQUIRED', message: '须写明撤回送审的理由' })]);
    const blankReturn = await d.send('reviewer', c, 'RETURN_FOR_CORRECTION', '2023-03-02', { reason: '\n' }).expect(422);
    expect(blankReturn.body.blockers[0]).toMatchObject({ code: 'REASON_REQUIRED', message: '须写明退回补正的理由' });
    await d.send('official', c, 'WITHDRAW_SUBMISSION', '2023-03-02', {}).expect(400);
    const unknown = await d.send('official', c, 'WITHDRAW_SUBMISSION', '2023-03-02', { reason: '撤回', by: 'someone' }).expect(400);
    expect(unknown.body.code).toBe('VALIDATION_FAILED');
    const items = (n: number, len = 4) => Array.from({ length: n }, (_, i) => `材料${i}`.padEnd(len, '料'));
    await d.send('reviewer', c, 'RETURN_FOR_CORRECTION', '2023-03-02', { reason: '退回', missingItems: items(51) }).expect(400);
    await d.send('reviewer', c, 'RETURN_FOR_CORRECTION', '2023-03-02', { reason: '退回', missingItems: items(1, 201) }).expect(400);
    await d.send('reviewer', c, 'RETURN_FOR_CORRECTION', '2023-03-02', { reason: '退回', missingItems: [''] }).expect(400);
    await d.send('reviewer', c, 'RETURN_FOR_CORRECTION', '2023-03-02', { reason: '退回', missingItems: '起草说明' }).expect(400);
    expect((await d.get('official', c.id)).version).toBe(c.version);
    // at the limits it is accepted
    const ok = await d.ok('reviewer', c, 'RETURN_FOR_CORRECTION', '2023-03-02', { reason: '退回', missingItems: items(50, 200) });
    expect(ok.record.legalityReview[0].returned.missingItems).toHaveLength(50);
  });

  it('a returned document published in the year counts as no opinion and breaks no rate; the chains stay intact', async () => {
    let c = await documentUnderReview('政府投资项目管理办法（退回后公布）', '2023-03-06', '2023-03-15');
    c = await d.ok('reviewer', c, 'RETURN_FOR_CORRECTION', '2023-03-07', { reason: '缺少制定依据', missingItems: ['制定依据'] });
    c = await d.ok('official', c, 'SUBMIT_FOR_LEGALITY_REVIEW', '2023-03-08', { reviewDueDate: '2023-03-15' });
    c = await d.ok('reviewer', c, 'ISSUE_LEGALITY_OPINION', '2023-03-14', { conclusion: 'lawful', opinion: '合法' });
    c = await d.ok('secretariat', c, 'RECORD_COLLECTIVE_DELIBERATION', '2023-03-20', {
      meetingType: 'standing',
      meetingDate: '2023-03-20',
      outcome: 'approved',
    });
    c = await d.ok('secretariat', c, 'PUBLISH_DOCUMENT', '2023-03-27', { channels: ['县政府网站'], effectiveDate: '2023-05-01' });
    c = await d.ok('secretariat', c, 'RECORD_FILING', '2023-04-10', { filedWith: '宿迁市人民政府' });
    expect(c).toMatchObject({ stage: 'inForce', complianceIssues: [] });

    const report = await b.http.get('/api/reports/compliance?year=2023').set(bearer('supervisor')).expect(200);
    expect(report.body.normativeDocuments).toMatchObject({
      published: 1,
      filed: 1,
      standardizationRate: { value: 1, numerator: 1, denominator: 1 },
      nonCompliant: [],
      nonCompliantTotal: 0,
    });
    // the decisions withdrawn or returned above count as started, none as non-compliant
    expect(report.body.majorDecisions).toMatchObject({ nonCompliantTotal: 0, nonCompliant: [] });
    expect(report.body.majorDecisions.started).toBeGreaterThanOrEqual(3);

    const history = await b.http.get(`/api/cases/${c.id}/history`).set(bearer('supervisor')).expect(200);
    expect((history.body as { type: string }[]).filter((e) => e.type === 'RETURN_FOR_CORRECTION')).toHaveLength(1);
    await expectAuditIntact(b, tokens.supervisor);
  });
});
