import { useCounty } from './harness';

/** 规范性文件清理: a campaign over the documents in force, its decisions, and what completing it does. */
describe('clean-up campaigns (/api/cleanups)', () => {
  const { b, d: drive, bearer } = useCounty();

  /** six government documents published 2019–2022, in force on the cutoff */
  const covered = [
    { n: '泗政规〔2019〕1号', title: '泗阳县城市绿化管理办法', publishedOn: '2019-03-01' },
    { n: '泗政规〔2019〕2号', title: '泗阳县农村宅基地管理办法', publishedOn: '2019-08-15' },
    { n: '泗政规〔2020〕1号', title: '泗阳县城市道路挖掘管理办法', publishedOn: '2020-05-10' },
    { n: '泗政规〔2021〕1号', title: '泗阳县户外广告设置管理办法', publishedOn: '2021-02-20' },
    { n: '泗政规〔2021〕2号', title: '泗阳县住房公积金提取办法', publishedOn: '2021-11-30' },
    { n: '泗政规〔2022〕3号', title: '泗阳县城区停车收费管理办法', publishedOn: '2022-12-28' },
  ];
  const ids: Record<string, string> = {};
  let laterId: string;
  let departmentDocId: string;
  let cleanupId: string;

  const register = async (body: Record<string, unknown>) => {
    const res = await b.http
      .post('/api/cases/register-document')
      .set(bearer('secretariat'))
      .send({ department: 'fgw', issuingOrgan: 'government', interim: false, validUntil: '2030-12-31', occurredAt: '2023-01-05', ...body });
    if (res.status !== 201) throw new Error(`register failed ${res.status} ${JSON.stringify(res.body)}`);
    expect(res.body.stage).toBe('inForce');
    return res.body.id as string;
  };
  const stageOf = async (id: string) => (await drive.get('secretariat', id)).stage;
  const decide = (caseId: string, decision: string, reason: string) =>
    b.http
      .post(`/api/cleanups/${cleanupId}/decisions`)
      .set(bearer('secretariat'))
      .send({ caseId, decision, reason, occurredAt: '2023-05-20' });

  beforeAll(async () => {
    for (const d of covered) {
      ids[d.n] = await register({ title: d.title, documentNumber: d.n, publishedOn: d.publishedOn, effectiveDate: d.publishedOn });
    }
    // published after the cutoff: not covered
    laterId = await register({
      title: '泗阳县城市供水管理办法',
      documentNumber: '泗政规〔2023〕2号',
      publishedOn: '2023-05-10',
      effectiveDate: '2023-06-01',
      occurredAt: '2023-05-12',
    });
    // a department's document: not in a government campaign
    departmentDocId = await register({
      title: '泗阳县政府投资项目管理细则',
      issuingOrgan: 'department',
      documentNumber: '泗发改规〔2020〕1号',
      publishedOn: '2020-06-01',
      effectiveDate: '2020-07-01',
    });
  }, 120_000);

  it('only the secretariat starts a campaign, and its input is validated', async () => {
    const body = { name: '2023年县政府规范性文件清理', cutoffDate: '2023-04-24', occurredAt: '2023-04-25' };
    await b.http.post('/api/cleanups').set(bearer('official')).send(body).expect(403);
    await b.http.post('/api/cleanups').set(bearer('supervisor')).send(body).expect(403);

    const unknownField = await b.http
      .post('/api/cleanups')
      .set(bearer('secretariat'))
      .send({ ...body, scope: 'all' })
      .expect(400);
    expect(unknownField.body.code).toBe('VALIDATION_FAILED');
    const badDate = await b.http
      .post('/api/cleanups')
      .set(bearer('secretariat'))
      .send({ ...body, cutoffDate: '2023-02-30' })
      .expect(400);
    expect(badDate.body.code).toBe('VALIDATION_FAILED');
    await b.http
      .post('/api/cleanups')
      .set(bearer('secretariat'))
      .send({ ...body, issuingOrgan: 'county' })
      .expect(400);
    await b.http
      .post('/api/cleanups')
      .set(bearer('secretariat'))
      .send({ ...body, cutoffDate: '2023-04-24T00:00:00+08:00' })
      .expect(400);

    const future = await b.http
      .post('/api/cleanups')
      .set(bearer('secretariat'))
      .send({ ...body, occurredAt: '2999-01-01' })
      .expect(422);
    expect(future.body.blockers[0].code).toBe('OCCURRED_IN_FUTURE');
    const cutoffAfterStart = await b.http
      .post('/api/cleanups')
      .set(bearer('secretariat'))
      .send({ ...body, occurredAt: '2023-04-20' })
      .expect(422);
    expect(cutoffAfterStart.body.blockers[0].code).toBe('CLEANUP_CUTOFF_AFTER_START');

    // none of the refused requests left a campaign behind
    expect((await b.http.get('/api/cleanups').set(bearer('secretariat')).expect(200)).body).toEqual([]);
  });

  it('covers every government document in force published on or before the cutoff', async () => {
    const res = await b.http
      .post('/api/cleanups')
      .set(bearer('secretariat'))
      .send({ name: '2023年县政府规范性文件清理', cutoffDate: '2023-04-24', occurredAt: '2023-04-25' })
      .expect(201);
    cleanupId = res.body.id;
    expect(res.body).toMatchObject({
      name: '2023年县政府规范性文件清理',
      cutoffDate: '2023-04-24',
      issuingOrgan: 'government',
      createdOn: '2023-04-25',
      completedOn: null,
      resultReference: null,
      total: 6,
      undecided: 6,
    });
    expect(res.body.items.map((i: { documentNumber: string }) => i.documentNumber)).toEqual(covered.map((d) => d.n));
    expect(res.body.items[0]).toEqual({
      caseId: ids['泗政规〔2019〕1号'],
      documentNumber: '泗政规〔2019〕1号',
      title: '泗阳县城市绿化管理办法',
      decision: null,
      reason: null,
      decidedOn: null,
    });
    const caseIds = res.body.items.map((i: { caseId: string }) => i.caseId);
    expect(caseIds).not.toContain(laterId);
    expect(caseIds).not.toContain(departmentDocId);

    // a department campaign covers the department's documents only
    const dept = await b.http
      .post('/api/cleanups')
      .set(bearer('secretariat'))
      .send({ name: '2022年部门规范性文件清理', cutoffDate: '2022-12-31', issuingOrgan: 'department', occurredAt: '2023-01-10' })
      .expect(201);
    expect(dept.body.total).toBe(1);
    expect(dept.body.items[0].caseId).toBe(departmentDocId);
  });

  it('records and changes decisions on documents of the campaign only', async () => {
    const n = covered.map((d) => ids[d.n]);
    // first thoughts: repeal the 2019 green-space rules; then the secretariat changes its mind
    expect((await decide(n[0], 'repeal', '上位法已修改')).status).toBe(200);
    const changed = await decide(n[0], 'continue', '经评估仍然适用');
    expect(changed.status).toBe(200);
    expect(changed.body.items.find((i: { caseId: string }) => i.caseId === n[0])).toMatchObject({
      decision: 'continue',
      reason: '经评估仍然适用',
      decidedOn: '2023-05-20',
    });
    for (const [i, decision, reason] of [
      [1, 'continue', '仍然适用'],
      [2, 'continue', '仍然适用'],
      [3, 'amend', '部分条款与新规定不一致'],
      [4, 'repeal', '调整对象已消失'],
    ] as const) {
      expect((await decide(n[i], decision, reason)).status).toBe(200);
    }

    // a document outside the campaign, an unknown campaign: 404
    expect((await decide(laterId, 'repeal', '——')).status).toBe(404);
    expect((await decide('no-such-case', 'repeal', '——')).status).toBe(404);
    await b.http
      .post('/api/cleanups/no-such-cleanup/decisions')
      .set(bearer('secretariat'))
      .send({ caseId: n[0], decision: 'continue', reason: '——' })
      .expect(404);
    await b.http.get('/api/cleanups/no-such-cleanup').set(bearer('secretariat')).expect(404);

    // validation and roles
    const badDecision = await decide(n[5], 'keep', '——');
    expect(badDecision.status).toBe(400);
    expect(badDecision.body.code).toBe('VALIDATION_FAILED');
    expect((await decide(n[5], 'repeal', '')).status).toBe(400);
    await b.http
      .post(`/api/cleanups/${cleanupId}/decisions`)
      .set(bearer('secretariat'))
      .send({ caseId: n[5], decision: 'repeal', reason: '——', extra: 1 })
      .expect(400);
    await b.http
      .post(`/api/cleanups/${cleanupId}/decisions`)
      .set(bearer('official'))
      .send({ caseId: n[5], decision: 'repeal', reason: '——' })
      .expect(403);

    const view = (await b.http.get(`/api/cleanups/${cleanupId}`).set(bearer('official')).expect(200)).body;
    expect(view).toMatchObject({ total: 6, continued: 3, amended: 1, repealed: 1, undecided: 1 });
  });

  it('refuses to complete while a document is undecided, and changes nothing', async () => {
    const before = await Promise.all(covered.map((d) => drive.get('secretariat', ids[d.n])));
    const res = await b.http
      .post(`/api/cleanups/${cleanupId}/complete`)
      .set(bearer('secretariat'))
      .send({ resultReference: '泗政发〔2023〕30号', occurredAt: '2023-06-30' })
      .expect(422);
    expect(res.body.code).toBe('PROCEDURE_VIOLATION');
    expect(res.body.blockers).toHaveLength(1);
    expect(res.body.blockers[0].code).toBe('CLEANUP_UNDECIDED');
    expect(res.body.blockers[0].message).toContain('泗政规〔2022〕3号');
    expect(res.body.blockers[0].legalBasis).toBeTruthy();

    const after = await Promise.all(covered.map((d) => drive.get('secretariat', ids[d.n])));
    expect(after.map((c) => [c.stage, c.version])).toEqual(before.map((c) => [c.stage, c.version]));
    expect(after.every((c) => c.stage === 'inForce')).toBe(true);
    const view = (await b.http.get(`/api/cleanups/${cleanupId}`).set(bearer('secretariat')).expect(200)).body;
    expect(view.completedOn).toBeNull();
    expect(view.resultReference).toBeNull();
  });

  it('completes: repeals and starts amending the documents so decided, leaves the rest in force', async () => {
    const n = covered.map((d) => ids[d.n]);
    expect((await decide(n[5], 'repeal', '已被新办法替代')).status).toBe(200);

    // only the secretariat completes; the date is a date
    await b.http
      .post(`/api/cleanups/${cleanupId}/complete`)
      .set(bearer('official'))
      .send({ resultReference: '泗政发〔2023〕30号', occurredAt: '2023-06-30' })
      .expect(403);
    await b.http
      .post(`/api/cleanups/${cleanupId}/complete`)
      .set(bearer('secretariat'))
      .send({ resultReference: '泗政发〔2023〕30号', occurredAt: '2023-06-31' })
      .expect(400);
    const early = await b.http
      .post(`/api/cleanups/${cleanupId}/complete`)
      .set(bearer('secretariat'))
      .send({ resultReference: '泗政发〔2023〕30号', occurredAt: '2023-04-01' })
      .expect(422);
    expect(early.body.blockers[0].code).toBe('COMPLETED_BEFORE_CLEANUP');

    // one of the documents to repeal was already repealed (an earlier completion interrupted half-way): skipped
    const first = await drive.get('secretariat', n[4]);
    await drive.ok('secretariat', first, 'REPEAL', '2023-06-30', { reason: '调整对象已消失' });
    const versionBefore = (await drive.get('secretariat', n[4])).version;

    const res = await b.http
      .post(`/api/cleanups/${cleanupId}/complete`)
      .set(bearer('secretariat'))
      .send({ resultReference: '泗政发〔2023〕30号', occurredAt: '2023-06-30' })
      .expect(200);
    expect(res.body).toMatchObject({
      completedOn: '2023-06-30',
      resultReference: '泗政发〔2023〕30号',
      total: 6,
      continued: 3,
      amended: 1,
      repealed: 2,
      undecided: 0,
    });

    expect(await Promise.all(n.map(stageOf))).toEqual(['inForce', 'inForce', 'inForce', 'amending', 'repealed', 'repealed']);
    expect((await drive.get('secretariat', n[4])).version).toBe(versionBefore);
    expect(await stageOf(laterId)).toBe('inForce');

    // recorded through the procedure, as the secretariat member, on the result's date, with the decision's reason
    const history = (await b.http.get(`/api/cases/${n[5]}/history`).set(bearer('secretariat')).expect(200)).body;
    const repeal = history[history.length - 1];
    expect(repeal).toMatchObject({ type: 'REPEAL', actorRole: 'secretariat', data: { reason: '已被新办法替代' } });
    expect(String(repeal.occurredAt)).toContain('2023-06-30');
    const audit = (await b.http.get('/api/audit/verify').set(bearer('supervisor')).expect(200)).body;
    expect(audit.ok).toBe(true);
  });

  it('a completed campaign is closed to decisions and to a second completion', async () => {
    const n = covered.map((d) => ids[d.n]);
    const res = await decide(n[0], 'repeal', '——');
    expect(res.status).toBe(422);
    expect(res.body.blockers[0].code).toBe('CLEANUP_COMPLETED');
    const again = await b.http
      .post(`/api/cleanups/${cleanupId}/complete`)
      .set(bearer('secretariat'))
      .send({ resultReference: '泗政发〔2023〕31号', occurredAt: '2023-07-01' })
      .expect(422);
    expect(again.body.blockers[0].code).toBe('CLEANUP_COMPLETED');
  });

  it('lists the campaigns of a year with their outcomes, for any signed-in user', async () => {
    const res = await b.http.get('/api/cleanups?year=2023').set(bearer('official')).expect(200);
    expect(res.body).toHaveLength(1);
    expect(res.body[0]).toEqual({
      id: cleanupId,
      name: '2023年县政府规范性文件清理',
      cutoffDate: '2023-04-24',
      issuingOrgan: 'government',
      createdOn: '2023-04-25',
      completedOn: '2023-06-30',
      resultReference: '泗政发〔2023〕30号',
      total: 6,
      continued: 3,
      amended: 1,
      repealed: 2,
      undecided: 0,
    });
    const y2022 = (await b.http.get('/api/cleanups?year=2022').set(bearer('supervisor')).expect(200)).body;
    expect(y2022.map((c: { issuingOrgan: string; total: number }) => [c.issuingOrgan, c.total])).toEqual([['department', 1]]);
    expect((await b.http.get('/api/cleanups?year=2021').set(bearer('supervisor')).expect(200)).body).toEqual([]);
    expect((await b.http.get('/api/cleanups?year=twenty').set(bearer('supervisor')).expect(400)).body.code).toBe('VALIDATION_FAILED');
    await b.http.get('/api/cleanups?year=2023').expect(401);
  });
});
