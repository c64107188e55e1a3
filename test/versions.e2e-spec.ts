import { CaseBody, useCounty } from './harness';

/**
 * The law changes while cases are open. Version 2 of the major-decision procedure adds the fair
 * competition review (《公平竞争审查条例》, in force 2024-08-01) before legality review. Cases
 * started before that day run on version 1 and keep it across a redeployment; an admin moves some
 * onto version 2 after a dry run, with a written justification, and each move is in the case's
 * audit chain.
 */
describe('procedure versions: a changed major-decision procedure deployed while cases are open', () => {
  const { b, d, bearer, restart } = useCounty();

  const start = (title: string, occurredAt: string) =>
    d.create('official', { procedure: 'major-decision', title, department: 'fgw', occurredAt, problem: '问题', reasons: '理由' });

  /** a plain decision: no expert or risk track, public comment lawfully withheld, so it reaches legality review quickly */
  async function toConsultation(c: CaseBody, on: string, draft: { marketRelated?: boolean } = {}) {
    c = await d.ok('secretariat', c, 'APPROVE_START', on);
    return d.ok('official', c, 'FINISH_DRAFT', on, { draftSummary: '草案', specialized: false, stabilityRisk: false, ...draft });
  }
  const exempt = (c: CaseBody, on: string) => d.ok('official', c, 'EXEMPT_PUBLIC_COMMENT', on, { reason: '涉及国家秘密，依法不予公开' });

  const cases: Record<string, CaseBody> = {};

  it('a case takes the version in force the day it starts: before 2024-08-01 version 1, from then version 2', async () => {
    cases.proposed = await start('城区停车收费调整', '2024-06-03');
    cases.drafting = await d.ok('secretariat', await start('农贸市场改造', '2024-06-04'), 'APPROVE_START', '2024-06-05');
    cases.consultationStays = await exempt(await toConsultation(await start('公交线路优化', '2024-06-06'), '2024-06-07'), '2024-06-10');
    cases.consultationMoves = await toConsultation(await start('老旧小区加装电梯补贴', '2024-06-11'), '2024-06-12');
    let review = await exempt(await toConsultation(await start('中心城区道路改造', '2024-06-13'), '2024-06-14'), '2024-06-17');
    review = await d.ok('official', review, 'SUBMIT_FOR_LEGALITY_REVIEW', '2024-06-18', { reviewDueDate: '2024-06-28' });
    cases.legalityReview = review;
    cases.newCase = await start('招商引资奖励办法', '2024-09-02');

    for (const key of ['proposed', 'drafting', 'consultationStays', 'consultationMoves', 'legalityReview']) {
      expect(cases[key].procedureVersion).toBe(1);
    }
    expect(cases.newCase.procedureVersion).toBe(2);
    expect(cases.consultationMoves.state).toEqual({
      consultation: { publicParticipation: 'notOpened', expertArgumentation: 'done', riskAssessment: 'done' },
    });

    const md = (await b.http.get('/api/procedures/major-decision').expect(200)).body;
    expect(md.version).toBe(2);
    expect(md.versions).toEqual([
      expect.objectContaining({ version: 1, effectiveFrom: '2019-09-01', migratesFrom: null }),
      expect.objectContaining({ version: 2, effectiveFrom: '2024-08-01', migratesFrom: 1 }),
    ]);
    expect(md.changes).toContain('公平竞争审查');
    const v1 = (await b.http.get('/api/procedures/major-decision?version=1').expect(200)).body;
    expect(v1.events.map((e: { type: string }) => e.type)).not.toContain('RECORD_FAIR_COMPETITION_REVIEW');
    await b.http.get('/api/procedures/major-decision?version=9').expect(404);
  });

  it('after a redeployment, version 1 cases restore and advance on version 1: no fair competition review is asked of them', async () => {
    await restart();
    let c = await d.get('official', cases.consultationStays.id);
    expect(c).toMatchObject({ procedureVersion: 1, stage: 'consultation' });
    c = await d.ok('official', c, 'SUBMIT_FOR_LEGALITY_REVIEW', '2024-09-03', { reviewDueDate: '2024-09-13' });
    expect(c.stage).toBe('legalityReview');
    cases.consultationStays = c;
  });

  it('a version 2 case is refused legality review until the fair competition review is on record, naming its article', async () => {
    let c = await exempt(await toConsultation(cases.newCase, '2024-09-03', { marketRelated: true }), '2024-09-04');
    expect(c.state).toEqual({
      consultation: { publicParticipation: 'done', expertArgumentation: 'done', riskAssessment: 'done', fairCompetition: 'pending' },
    });
    const refused = await d.send('official', c, 'SUBMIT_FOR_LEGALITY_REVIEW', '2024-09-05', { reviewDueDate: '2024-09-16' });
    expect(refused.status).toBe(422);
    expect(refused.body.blockers).toEqual([
      expect.objectContaining({ code: 'FAIR_COMPETITION_REVIEW_INCOMPLETE', legalBasis: '《公平竞争审查条例》第十四条' }),
    ]);
    expect((await d.get('official', c.id)).version).toBe(c.version);

    const noPeriod = await d.send('official', c, 'RECORD_FAIR_COMPETITION_REVIEW', '2024-09-05', {
      conclusion: 'exception',
      summary: '对本地企业给予奖励',
    });
    expect(noPeriod.status).toBe(422);
    expect(noPeriod.body.blockers.map((x: { code: string }) => x.code)).toEqual(['EXCEPTION_WITHOUT_PERIOD']);

    c = await d.ok('official', c, 'RECORD_FAIR_COMPETITION_REVIEW', '2024-09-05', {
      conclusion: 'compliant',
      summary: '未发现排除、限制竞争的内容',
      reviewedBy: '县市场监督管理局',
    });
    c = await d.ok('official', c, 'SUBMIT_FOR_LEGALITY_REVIEW', '2024-09-06', { reviewDueDate: '2024-09-18' });
    expect(c.stage).toBe('legalityReview');
  });

  it('a version 2 draft that does not concern business activity goes on as before, with the contract’s events alone', async () => {
    // a client that knows only the contract's FINISH_DRAFT fields: the draft does not say it concerns business activity
    let c = await exempt(await toConsultation(await start('城区绿化提升方案', '2024-09-02'), '2024-09-03'), '2024-09-04');
    expect(c).toMatchObject({ procedureVersion: 2 });
    expect(c.state).toEqual({
      consultation: { publicParticipation: 'done', expertArgumentation: 'done', riskAssessment: 'done', fairCompetition: 'done' },
    });
    expect(c.record.draft.marketRelated).toBe(false);
    c = await d.ok('official', c, 'SUBMIT_FOR_LEGALITY_REVIEW', '2024-09-05', { reviewDueDate: '2024-09-18' });
    expect(c.stage).toBe('legalityReview');
  });

  const versionsOf = async () =>
    Object.fromEntries(
      await Promise.all(Object.entries(cases).map(async ([k, c]) => [k, (await d.get('supervisor', c.id)).version] as const)),
    );
  const auditCount = async () => Number((await b.sql('SELECT COUNT(*) AS n FROM audit_events'))[0].n);

  it('the dry run lists which open cases can move and which cannot, and why, changing nothing', async () => {
    const before = { versions: await versionsOf(), audit: await auditCount() };
    const res = await b.http
      .post('/api/procedures/major-decision/migrations/dry-run')
      .set(bearer('admin'))
      .send({ toVersion: 2 })
      .expect(200);
    const plan = res.body;
    expect(plan).toMatchObject({ procedure: 'major-decision', fromVersion: 1, toVersion: 2 });
    expect(plan.legalBasis).toContain('公平竞争审查条例');
    const ids = (xs: { id: string }[]) => xs.map((x) => x.id).sort();
    expect(ids(plan.movable)).toEqual(ids([cases.proposed, cases.drafting, cases.consultationMoves]));
    expect(ids(plan.refused)).toEqual(ids([cases.consultationStays, cases.legalityReview]));
    const why = plan.refused.find((r: { id: string }) => r.id === cases.legalityReview.id);
    expect(why).toMatchObject({ stage: '合法性审查' });
    expect(why.reason).toContain('第十四条');
    expect(plan.movable.find((m: { id: string }) => m.id === cases.consultationMoves.id)).toMatchObject({
      fromStage: '公众参与、专家论证与风险评估',
      toStage: '公众参与、专家论证与风险评估',
    });
    expect({ versions: await versionsOf(), audit: await auditCount() }).toEqual(before);
  });

  it('only an admin migrates, with a justification; a named case that cannot move refuses the whole run', async () => {
    const before = { versions: await versionsOf(), audit: await auditCount() };
    const url = '/api/procedures/major-decision/migrations';
    const justification = '依据县政府常务会议决定，条例施行后尚在起草阶段的决策一律开展公平竞争审查';
    await b.http.post(url).set(bearer('supervisor')).send({ toVersion: 2, justification }).expect(403);
    await b.http.post(`${url}/dry-run`).set(bearer('official')).send({ toVersion: 2 }).expect(403);
    const noReason = await b.http
      .post(url)
      .set(bearer('admin'))
      .send({ toVersion: 2, caseIds: [cases.proposed.id] })
      .expect(400);
    expect(JSON.stringify(noReason.body)).toContain('justification');
    // null is no list: it must not fall back to "every movable case", which leaving caseIds out means
    const nullList = await b.http.post(url).set(bearer('admin')).send({ toVersion: 2, justification, caseIds: null }).expect(400);
    expect(JSON.stringify(nullList.body)).toContain('caseIds');
    await b.http.post(url).set(bearer('admin')).send({ toVersion: 3, justification }).expect(404);
    await b.http
      .post('/api/procedures/normative-document/migrations')
      .set(bearer('admin'))
      .send({ toVersion: 1, justification })
      .expect(422);
    const mixed = await b.http
      .post(url)
      .set(bearer('admin'))
      .send({ toVersion: 2, justification, caseIds: [cases.proposed.id, cases.legalityReview.id] })
      .expect(422);
    expect(mixed.body.blockers).toEqual([expect.objectContaining({ code: 'CASE_CANNOT_MIGRATE' })]);
    expect({ versions: await versionsOf(), audit: await auditCount() }).toEqual(before);
  });

  it('migrates the named cases for real: each move is an audit event in its chain, and the moved cases now need the review', async () => {
    const justification = '依据县政府常务会议决定，条例施行后尚在起草阶段的决策一律开展公平竞争审查';
    const moved = [cases.proposed, cases.consultationMoves];
    const res = await b.http
      .post('/api/procedures/major-decision/migrations')
      .set(bearer('admin'))
      .send({ toVersion: 2, justification, caseIds: moved.map((c) => c.id) })
      .expect(201);
    expect(res.body).toMatchObject({ fromVersion: 1, toVersion: 2, justification, refused: [] });
    expect(res.body.moved.map((m: { id: string }) => m.id).sort()).toEqual(moved.map((c) => c.id).sort());

    // the moved cases: version 2, one more event, the migration at the end of their history
    for (const before of moved) {
      const now = await d.get('official', before.id);
      expect(now).toMatchObject({ procedureVersion: 2, version: before.version + 1 });
      const history = (await b.http.get(`/api/cases/${before.id}/history`).set(bearer('supervisor')).expect(200)).body;
      const last = history[history.length - 1];
      expect(last).toMatchObject({ seq: before.version + 1, type: 'PROCEDURE_MIGRATED', actorRole: 'admin' });
      expect(last.data).toMatchObject({ fromVersion: 1, toVersion: 2, justification, migrationId: res.body.id });
      expect(last.data.legalBasis).toContain('公平竞争审查条例');
    }
    // the others stay on version 1, untouched
    expect((await d.get('official', cases.drafting.id)).procedureVersion).toBe(1);
    expect((await d.get('official', cases.legalityReview.id)).procedureVersion).toBe(1);

    // a moved case in consultation gained the new track, and is held at it
    let c = await d.get('official', cases.consultationMoves.id);
    expect(c.state).toEqual({
      consultation: { publicParticipation: 'notOpened', expertArgumentation: 'done', riskAssessment: 'done', fairCompetition: 'pending' },
    });
    c = await exempt(c, '2024-09-10');
    const held = await d.send('official', c, 'SUBMIT_FOR_LEGALITY_REVIEW', '2024-09-10', { reviewDueDate: '2024-09-20' });
    expect(held.status).toBe(422);
    expect(held.body.blockers.map((x: { code: string }) => x.code)).toEqual(['FAIR_COMPETITION_REVIEW_INCOMPLETE']);
    c = await d.ok('official', c, 'RECORD_FAIR_COMPETITION_REVIEW', '2024-09-11', {
      conclusion: 'not-applicable',
      summary: '补贴对象为居民，不涉及经营者经济活动',
    });
    c = await d.ok('official', c, 'SUBMIT_FOR_LEGALITY_REVIEW', '2024-09-11', { reviewDueDate: '2024-09-23' });
    expect(c.stage).toBe('legalityReview');

    // the proposed case moved too and advances on version 2
    const p = await d.ok('secretariat', await d.get('official', cases.proposed.id), 'APPROVE_START', '2024-09-12');
    expect(p).toMatchObject({ procedureVersion: 2, stage: 'drafting' });

    // every chain is whole, the migration is on record for supervisors
    const verify = (await b.http.get('/api/audit/verify').set(bearer('supervisor')).expect(200)).body;
    expect(verify).toMatchObject({ ok: true });
    const list = (await b.http.get('/api/procedures/major-decision/migrations').set(bearer('supervisor')).expect(200)).body;
    expect(list).toEqual([expect.objectContaining({ id: res.body.id, justification, fromVersion: 1, toVersion: 2 })]);
    expect(list[0].moved).toHaveLength(2);
    expect(list[0].refused).toHaveLength(0);

    // running the same named migration again: they are on version 2 now, so it is refused and nothing changes
    await b.http
      .post('/api/procedures/major-decision/migrations')
      .set(bearer('admin'))
      .send({ toVersion: 2, justification, caseIds: [cases.proposed.id] })
      .expect(422);
  });

  it('a case says under which rules it was judged, each event names its rulebook edition, and so does the report', async () => {
    const c = await d.get('supervisor', cases.newCase.id);
    expect(c.procedureVersion).toBe(2);
    expect((c as unknown as { rulebooks: { edition: string; effectiveFrom: string }[] }).rulebooks).toEqual([
      expect.objectContaining({ edition: 'jiangsu-2022', effectiveFrom: '2019-09-01' }),
    ]);
    const history = (await b.http.get(`/api/cases/${c.id}/history`).set(bearer('supervisor')).expect(200)).body;
    expect(history.every((e: { rulebook: string }) => e.rulebook === 'jiangsu-2022')).toBe(true);

    const report = (await b.http.get('/api/reports/compliance?year=2024').set(bearer('supervisor')).expect(200)).body;
    const decisions = report.rules.filter((r: { procedure: string }) => r.procedure === 'major-decision');
    const count = (v: number) => decisions.find((r: { procedureVersion: number }) => r.procedureVersion === v)?.cases;
    // the year's decisions (approved in 2024): three stayed on version 1; the two moved and the two new ones are on version 2
    expect(count(1)).toBe(3);
    expect(count(2)).toBe(4);
    expect(decisions[0].rulebooks).toEqual([{ edition: 'jiangsu-2022', name: '江苏省规定（2022年版）' }]);
  });

  it('admins and supervisors see the migrations; officials do not', async () => {
    await b.http.get('/api/procedures/major-decision/migrations').set(bearer('admin')).expect(200);
    await b.http.get('/api/procedures/major-decision/migrations').set(bearer('official')).expect(403);
  });
});
