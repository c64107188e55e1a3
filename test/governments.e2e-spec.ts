import { ADMIN_PASSWORD, bootApp, type Booted, caseDriver, filedDocument, login, PASSWORD, setUpCounty, type Tokens } from './harness';

/**
 * One deployment, two counties under one city under the province: each county sees only itself,
 * acts only on itself, numbers its own documents; the city's supervisor reads both and the
 * city's report adds each county's figures. Runs on SQLite and, with DOCKET_TEST_POSTGRES, PostgreSQL.
 */
describe('governments: two counties, a city, a province', () => {
  let b: Booted;
  let siyang: Tokens;
  let shuyang: Tokens;
  let city: string;
  let province: string;
  let filingReviewer: string;
  let admin: string;
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });
  let siyangCase: { id: string; version: number };
  let shuyangCase: { id: string; version: number };

  const government = (id: string, body: Record<string, unknown>) =>
    b.http
      .put(`/api/governments/${id}`)
      .set(as(admin))
      .send({ jurisdiction: 'jiangsu', ...body });

  /** A government normative document of `department`, through review and deliberation to publication and filing. */
  const published = (tokens: Tokens, department: string, title: string) => filedDocument(caseDriver(b, tokens), department, title);

  beforeAll(async () => {
    b = await bootApp();
    admin = await login(b, 'admin', ADMIN_PASSWORD);
    await government('jiangsu', { name: '江苏省人民政府', level: 'province', documentPrefix: '苏政规' }).expect(200);
    await government('suqian', { name: '宿迁市人民政府', level: 'city', parentId: 'jiangsu', documentPrefix: '宿政规' }).expect(200);
    // the deployment's own government, until now alone at the top, goes under the city before it has departments
    await government('county-government', {
      name: '泗阳县人民政府',
      level: 'county',
      parentId: 'suqian',
      documentPrefix: '泗政规',
      reviewDepartment: 'sfj',
      officeDepartment: 'zfb',
    }).expect(200);
    await government('shuyang', {
      name: '沭阳县人民政府',
      level: 'county',
      parentId: 'suqian',
      documentPrefix: '沭政规',
      reviewDepartment: 'sy-sfj',
      officeDepartment: 'sy-zfb',
    }).expect(200);
    siyang = await setUpCounty(b);
    for (const [id, name] of [
      ['sy-fgw', '沭阳县发展和改革委员会'],
      ['sy-sfj', '沭阳县司法局'],
      ['sy-zfb', '沭阳县政府办公室'],
    ]) {
      await b.http.put(`/api/departments/${id}`).set(as(admin)).send({ name, governmentId: 'shuyang' }).expect(200);
    }
    const people = {
      official: { roles: ['official'], department: 'sy-fgw' },
      reviewer: { roles: ['reviewer'], department: 'sy-sfj' },
      secretariat: { roles: ['secretariat'], department: 'sy-zfb' },
      supervisor: { roles: ['supervisor'], governmentId: 'shuyang' },
      city: { roles: ['supervisor'], governmentId: 'suqian' },
      filing: { roles: ['filingReviewer'], governmentId: 'suqian' },
      province: { roles: ['supervisor'], governmentId: 'jiangsu' },
    };
    const made: Record<string, string> = {};
    for (const [who, u] of Object.entries(people)) {
      const username = `sy_${who}`;
      await b.http
        .post('/api/users')
        .set(as(admin))
        .send({ username, password: PASSWORD, displayName: username, ...u })
        .expect(201);
      made[who] = await login(b, username);
    }
    shuyang = { ...siyang, official: made.official, reviewer: made.reviewer, secretariat: made.secretariat, supervisor: made.supervisor };
    city = made.city;
    filingReviewer = made.filing;
    province = made.province;
    siyangCase = await published(siyang, 'fgw', '泗阳县政府投资项目管理办法');
    shuyangCase = await published(shuyang, 'sy-fgw', '沭阳县政府投资项目管理办法');
  });
  afterAll(() => b?.close());

  it("numbers each government's documents with its own prefix", async () => {
    const d = caseDriver(b, siyang);
    expect((await d.get('supervisor', siyangCase.id)).record.publication.documentNumber).toBe('泗政规〔2023〕1号');
    expect((await caseDriver(b, shuyang).get('supervisor', shuyangCase.id)).record.publication.documentNumber).toBe('沭政规〔2023〕1号');
  });

  it('fixes a government in its place once departments belong to it', async () => {
    const res = await government('county-government', {
      name: '泗阳县人民政府',
      level: 'county',
      parentId: 'jiangsu',
      documentPrefix: '泗政规',
    });
    expect(res.status).toBe(409);
    const moved = await b.http.put('/api/departments/sy-fgw').set(as(admin)).send({ name: 'x', governmentId: 'county-government' });
    expect(moved.status).toBe(409);
  });

  it("lets no county's user read or act on the other county's case: it does not exist for them", async () => {
    for (const who of ['official', 'reviewer', 'secretariat', 'supervisor'] as const) {
      await b.http.get(`/api/cases/${shuyangCase.id}`).set(as(siyang[who])).expect(404);
      await b.http.get(`/api/cases/${siyangCase.id}`).set(as(shuyang[who])).expect(404);
      await b.http.get(`/api/cases/${siyangCase.id}/history`).set(as(shuyang[who])).expect(404);
      await b.http.get(`/api/cases/${siyangCase.id}/documents`).set(as(shuyang[who])).expect(404);
      await b.http.get(`/api/cases/${siyangCase.id}/attachments`).set(as(shuyang[who])).expect(404);
      await b.http.get(`/api/cases/${siyangCase.id}/archive`).set(as(shuyang[who])).expect(404);
      const event = await b.http
        .post(`/api/cases/${siyangCase.id}/events`)
        .set(as(shuyang[who]))
        .send({ type: 'REPEAL', expectedVersion: 99, occurredAt: '2023-05-01', data: { reason: 'x' } });
      expect(event.status).toBe(404);
    }
  });

  it('lists, searches and counts only what the reader may read', async () => {
    const titles = async (token: string, query = '') =>
      ((await b.http.get(`/api/cases?pageSize=200${query}`).set(as(token)).expect(200)).body.items as { title: string }[]).map(
        (i) => i.title,
      );
    for (const who of ['official', 'reviewer', 'secretariat', 'supervisor'] as const) {
      expect(await titles(siyang[who])).toEqual(['泗阳县政府投资项目管理办法']);
      expect(await titles(shuyang[who])).toEqual(['沭阳县政府投资项目管理办法']);
      expect(await titles(shuyang[who], '&q=泗阳')).toEqual([]);
    }
    expect((await titles(city)).sort()).toEqual(['沭阳县政府投资项目管理办法', '泗阳县政府投资项目管理办法']);
    // the city's supervisor narrows the list to one county (the supervision page's drill-down); a county not theirs is none
    expect(await titles(city, '&government=shuyang')).toEqual(['沭阳县政府投资项目管理办法']);
    expect(await titles(city, '&government=county-government')).toEqual(['泗阳县政府投资项目管理办法']);
    await b.http.get('/api/cases?government=suqian').set(as(shuyang.supervisor)).expect(404);
    expect((await titles(province)).length).toBe(2);
    expect((await titles(siyang.admin)).length).toBe(2);
  });

  it('lets a city supervisor read a county case, and nobody from a county read the city', async () => {
    await b.http.get(`/api/cases/${shuyangCase.id}`).set(as(city)).expect(200);
    await b.http.get('/api/reports/compliance?year=2023&government=suqian').set(as(shuyang.supervisor)).expect(404);
    await b.http.get('/api/reports/compliance?year=2023&government=county-government').set(as(shuyang.supervisor)).expect(404);
  });

  it("rolls the city's report up from its counties, each county beside", async () => {
    const report = (await b.http.get('/api/reports/compliance?year=2023&government=suqian').set(as(city)).expect(200)).body;
    expect(report.government).toEqual({ id: 'suqian', name: '宿迁市人民政府', level: 'city' });
    expect(report.normativeDocuments).toMatchObject({ published: 2, filed: 2 });
    expect(
      report.governments.map((g: { id: string; normativeDocuments: { published: number } }) => [g.id, g.normativeDocuments.published]),
    ).toEqual([
      ['county-government', 1],
      ['shuyang', 1],
    ]);
    const own = (await b.http.get('/api/reports/compliance?year=2023').set(as(shuyang.supervisor)).expect(200)).body;
    expect(own.government.id).toBe('shuyang');
    expect(own.normativeDocuments.published).toBe(1);
    expect(own.governments).toBeUndefined();
    const provinceReport = (await b.http.get('/api/reports/compliance?year=2023').set(as(province)).expect(200)).body;
    expect(provinceReport.normativeDocuments.published).toBe(2);
    expect(provinceReport.governments.map((g: { id: string }) => g.id)).toEqual(['suqian']);
  });

  it('shows each reader the governments, departments and colleagues they may know', async () => {
    const ids = async (path: string, token: string) =>
      ((await b.http.get(path).set(as(token)).expect(200)).body as { id: string }[]).map((g) => g.id).sort();
    expect(await ids('/api/governments', shuyang.official)).toEqual(['shuyang']);
    expect(await ids('/api/governments', city)).toEqual(['county-government', 'shuyang', 'suqian']);
    expect(await ids('/api/departments', shuyang.official)).toEqual(['sy-fgw', 'sy-sfj', 'sy-zfb']);
    const colleagues = (await b.http.get('/api/users/directory').set(as(shuyang.official)).expect(200)).body as { displayName: string }[];
    expect(colleagues.map((c) => c.displayName).every((n) => n.startsWith('sy_'))).toBe(true);
  });

  it("shows a supervisor the refused writes of their governments' users only", async () => {
    const shuyangOfficial = (await b.http.get('/api/me').set(as(shuyang.official)).expect(200)).body.id as string;
    const users = async (token: string) =>
      ((await b.http.get('/api/audit/refusals').set(as(token)).expect(200)).body as { userId: string }[]).map((r) => r.userId);
    expect(await users(city)).toContain(shuyangOfficial);
    expect(await users(shuyang.supervisor)).toContain(shuyangOfficial);
    expect(await users(siyang.supervisor)).not.toContain(shuyangOfficial);
  });

  it('keeps a catalogue of major decisions for each government, numbered apart', async () => {
    const item = await b.http
      .post('/api/catalogues/2023/items')
      .set(as(shuyang.secretariat))
      .send({ title: '沭阳县城区停车规划', department: 'sy-fgw', addedOn: '2023-01-06' });
    expect(item.status).toBe(201);
    expect(item.body.id).toBe('shuyang-2023-01');
    await b.http.post('/api/catalogues/2023/publish').set(as(shuyang.secretariat)).send({ publishedOn: '2023-01-12' }).expect(201);
    const items = async (token: string) =>
      ((await b.http.get('/api/catalogues/2023').set(as(token)).expect(200)).body.items as { id: string }[]).map((i) => i.id);
    expect(await items(shuyang.official)).toEqual(['shuyang-2023-01']);
    expect(await items(siyang.official)).toEqual(['2023-01', '2023-02']);
    await b.http
      .post('/api/catalogues/items/shuyang-2023-01/withdraw')
      .set(as(siyang.secretariat))
      .send({ withdrawnOn: '2023-02-01', reason: 'x' })
      .expect(404);
    const own = (await b.http.get('/api/reports/compliance?year=2023').set(as(shuyang.supervisor)).expect(200)).body;
    expect(own.majorDecisions.inCatalogue).toBe(1);
    const mine = (await b.http.get('/api/reports/compliance?year=2023').set(as(siyang.supervisor)).expect(200)).body;
    expect(mine.majorDecisions.inCatalogue).toBe(2);
  });

  it("keeps each county's inbox and clean-ups to itself", async () => {
    const inbox = (await b.http.get('/api/cases/inbox').set(as(shuyang.secretariat)).expect(200)).body;
    expect([...inbox.awaiting, ...inbox.overdue].every((c: { title: string }) => c.title.startsWith('沭阳'))).toBe(true);
    const made = await b.http
      .post('/api/cleanups')
      .set(as(shuyang.secretariat))
      .send({ name: '2023年沭阳县规范性文件清理', cutoffDate: '2023-05-01', occurredAt: '2023-05-02' })
      .expect(201);
    expect(made.body.items.map((i: { title: string }) => i.title)).toEqual(['沭阳县政府投资项目管理办法']);
    expect((await b.http.get('/api/cleanups').set(as(siyang.secretariat)).expect(200)).body).toEqual([]);
    await b.http.get(`/api/cleanups/${made.body.id}`).set(as(siyang.supervisor)).expect(404);
    await b.http.get(`/api/cleanups/${made.body.id}`).set(as(city)).expect(200);
  });

  describe('filing review at the city (备案审查)', () => {
    type FilingBody = { id: string; caseId: string; status: string; version: number; dueOn: string | null; fromGovernment: { id: string } };
    const filings = async (query = '') =>
      (await b.http.get(`/api/filings${query}`).set(as(filingReviewer)).expect(200)).body as FilingBody[];
    const act = (id: string, type: string, data: Record<string, unknown>, token = filingReviewer) =>
      b.http.post(`/api/filings/${id}/events`).set(as(token)).send({ type, data });
    let shuyangFiling: FilingBody;

    it("receives each county's filing at the city, due for registration in working days", async () => {
      const received = await filings('?status=received');
      expect(received.map((f) => f.fromGovernment.id).sort()).toEqual(['county-government', 'shuyang']);
      shuyangFiling = received.find((f) => f.caseId === shuyangCase.id)!;
      // filed on Monday 2023-04-10: five working days on is Monday 2023-04-17
      expect(shuyangFiling.dueOn).toBe('2023-04-17');
      // the city's filing reviewer reads the filed document, its history and its papers; not a county's other cases
      await b.http.get(`/api/cases/${shuyangCase.id}`).set(as(filingReviewer)).expect(200);
      await b.http.get(`/api/cases/${shuyangCase.id}/history`).set(as(filingReviewer)).expect(200);
      await b.http.get(`/api/cases/${shuyangCase.id}/documents`).set(as(filingReviewer)).expect(200);
      expect((await b.http.get('/api/cases').set(as(filingReviewer)).expect(200)).body.total).toBe(0);
      // a county's own users have nothing filed with them; another government's filings are none of theirs
      await b.http.get('/api/filings').set(as(siyang.reviewer)).expect(403);
      expect((await b.http.get('/api/filings').set(as(shuyang.supervisor)).expect(200)).body).toEqual([]);
    });

    it('holds a filing until the county supplies what is missing; the county sees it on its case and as its task', async () => {
      const bad = await act(shuyangFiling.id, 'HOLD_FILING', { occurredAt: '2023-04-12' });
      expect(bad.status).toBe(400);
      const held = await act(shuyangFiling.id, 'HOLD_FILING', {
        occurredAt: '2023-04-12',
        reason: '缺少起草说明',
        correctBy: '2023-04-26',
      }).expect(200);
      expect(held.body).toMatchObject({ status: 'held', holdReason: '缺少起草说明', supplyBy: '2023-04-26' });
      const history = (await b.http.get(`/api/cases/${shuyangCase.id}/history`).set(as(shuyang.official)).expect(200)).body as {
        type: string;
        actorRole: string;
        data: Record<string, unknown>;
      }[];
      expect(history.at(-1)).toMatchObject({
        type: 'FILING_HELD',
        actorRole: 'filingReviewer',
        data: { reason: '缺少起草说明', correctBy: '2023-04-26' },
      });
      const tasks = (await b.http.get('/api/filings/tasks').set(as(shuyang.secretariat)).expect(200)).body;
      expect(tasks).toEqual([
        expect.objectContaining({
          caseId: shuyangCase.id,
          kind: 'supply',
          asked: '缺少起草说明',
          dueOn: '2023-04-26',
          filedWith: '宿迁市人民政府',
        }),
      ]);
      expect((await b.http.get('/api/filings/tasks').set(as(siyang.secretariat)).expect(200)).body).toEqual([]);
      const told = (await b.http.get('/api/notifications').set(as(shuyang.official)).expect(200)).body.items as { type: string }[];
      expect(told.map((n) => n.type)).toContain('FILING_HELD');
      // a hold is not taken twice, nor reviewed before registration
      expect((await act(shuyangFiling.id, 'HOLD_FILING', { occurredAt: '2023-04-13', reason: 'x', correctBy: '2023-04-30' })).status).toBe(
        422,
      );
      const early = await act(shuyangFiling.id, 'ISSUE_FILING_REVIEW', { occurredAt: '2023-04-13', conclusion: 'no-issue', opinion: 'x' });
      expect(early.status).toBe(422);
      expect(early.body.blockers.map((x: { code: string }) => x.code)).toContain('FILING_NOT_IN_STATUS');
    });

    it('registers it, then orders a correction the county answers by repealing the document', async () => {
      await act(shuyangFiling.id, 'REGISTER_FILING', { occurredAt: '2023-04-20' }).expect(200);
      const noDate = await act(shuyangFiling.id, 'ISSUE_FILING_REVIEW', {
        occurredAt: '2023-05-05',
        conclusion: 'correction-ordered',
        opinion: '第五条与上位法不一致',
      });
      expect(noDate.status).toBe(422);
      const reviewed = await act(shuyangFiling.id, 'ISSUE_FILING_REVIEW', {
        occurredAt: '2023-05-05',
        conclusion: 'correction-ordered',
        opinion: '第五条与上位法不一致',
        correctBy: '2023-06-05',
      }).expect(200);
      expect(reviewed.body).toMatchObject({
        status: 'reviewed',
        reviewedInTime: true,
        conclusion: 'correction-ordered',
        correctBy: '2023-06-05',
      });
      const tasks = (await b.http.get('/api/filings/tasks').set(as(shuyang.official)).expect(200)).body;
      expect(tasks).toEqual([expect.objectContaining({ kind: 'correct', dueOn: '2023-06-05', asked: '第五条与上位法不一致' })]);
      const d = caseDriver(b, shuyang);
      const c = await d.get('secretariat', shuyangCase.id);
      await d.ok('secretariat', c, 'REPEAL', '2023-05-20', { reason: '根据备案审查意见废止' });
      expect((await b.http.get('/api/filings/tasks').set(as(shuyang.official)).expect(200)).body).toEqual([]);
      // only the city's filing reviewer acts on the city's filings
      const other = await caseDriver(b, siyang).get('supervisor', siyangCase.id);
      void other;
      const siyangFiling = (await filings('?status=received'))[0];
      expect((await act(siyangFiling.id, 'REGISTER_FILING', {}, shuyang.reviewer)).status).toBe(403);
    });

    it("adds to the city's report how many filings it reviewed, and in time; the county's timeliness is its own filing's", async () => {
      const siyangFiling = (await filings('?status=received'))[0];
      await act(siyangFiling.id, 'REGISTER_FILING', { occurredAt: '2023-04-28' }).expect(200);
      const report = (await b.http.get('/api/reports/compliance?year=2023&government=suqian').set(as(city)).expect(200)).body;
      expect(report.filingReview).toMatchObject({
        received: 2,
        registered: 2,
        held: 0,
        reviewed: 1,
        reviewedInTime: 1,
        correctionsOrdered: 1,
      });
      const county = (await b.http.get('/api/reports/compliance?year=2023').set(as(siyang.supervisor)).expect(200)).body;
      expect(county.filingReview).toMatchObject({ received: 0 });
      expect(county.normativeDocuments.timelyFilingRate.value).toBe(1);
    });

    it("publishes the quarter's catalogue of registered filings to anyone", async () => {
      const q2 = (await b.http.get('/api/public/filings?government=suqian&year=2023&quarter=2').expect(200)).body;
      expect(q2.government).toEqual({ id: 'suqian', name: '宿迁市人民政府' });
      expect(q2.items.map((i: { documentNumber: string; issuedBy: string }) => [i.documentNumber, i.issuedBy])).toEqual([
        ['沭政规〔2023〕1号', '沭阳县人民政府'],
        ['泗政规〔2023〕1号', '泗阳县人民政府'],
      ]);
      expect((await b.http.get('/api/public/filings?government=suqian&year=2023&quarter=1').expect(200)).body.items).toEqual([]);
      await b.http.get('/api/public/filings?government=suqian&year=2023&quarter=5').expect(400);
      await b.http.get('/api/public/filings?government=nowhere&year=2023&quarter=2').expect(404);
      const named = (await b.http.get('/api/public/governments').expect(200)).body as Record<string, unknown>[];
      expect(named.map((g) => g.id)).toEqual(['jiangsu', 'suqian', 'county-government', 'shuyang']);
      expect(Object.keys(named[0]).sort()).toEqual(['id', 'level', 'name', 'parentId']);
    });
  });
});
