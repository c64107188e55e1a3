import {
  approvedDocument,
  Booted,
  CaseBody,
  caseDriver,
  expectAuditIntact,
  login,
  registerDocument,
  runDeadlines,
  useCounty,
  withToken,
} from './harness';

/**
 * Supervision (docs/contract.md, "Supervision"; the demo data in the README): the compliance report, the overdue lists
 * and inboxes, the deadline job (overdue marks, expiry on several instances) and the catalogue.
 */
jest.setTimeout(60_000);

type Driver = ReturnType<typeof caseDriver>;

interface Rate {
  value: number | null;
  numerator: number;
  denominator: number;
}
interface Reason {
  code: string;
  step: string;
  message: string;
}
interface Report {
  year: number;
  department?: string;
  normativeDocuments: {
    published: number;
    filed: number;
    filedOnTime: number;
    filingRate: Rate;
    timelyFilingRate: Rate;
    standardizationRate: Rate;
    nonCompliant: { caseId: string; title: string; department: string; documentNumber?: string; reasons: Reason[] }[];
  };
  majorDecisions: {
    inCatalogue: number;
    started: number;
    decided: number;
    published: number;
    archived: number;
    outsideCatalogue: { caseId: string; title: string; department: string; catalogueItemId: string | null }[];
    nonCompliant: { caseId: string; reasons: Reason[] }[];
  };
  cleanups: { name: string; cutoffDate: string; total: number; continued: number; amended: number; repealed: number }[];
  overdueNow: number;
}
interface Due {
  date: string;
  code: string;
  label: string;
  provisional: boolean;
  overdue: boolean;
  overdueSince: string | null;
}
interface Summary {
  id: string;
  title: string;
  stage: string;
  department: string;
  due: Due | null;
}
interface CaseList {
  page: number;
  pageSize: number;
  total: number;
  items: Summary[];
}
interface Inbox {
  awaiting: Summary[];
  overdue: Summary[];
  refused: unknown[];
}

async function compliance(b: Booted, token: string, year: number, department?: string): Promise<Report> {
  const res = await b.http
    .get('/api/reports/compliance')
    .query(department ? { year, department } : { year })
    .set(withToken(token));
  if (res.status !== 200) throw new Error(`report ${year}/${department} → ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as Report;
}

async function listCases(b: Booted, token: string, query: Record<string, string | number>): Promise<CaseList> {
  return (await b.http.get('/api/cases').query(query).set(withToken(token)).expect(200)).body as CaseList;
}

/** Today in Asia/Shanghai, as the server counts deadlines. */
const shanghaiToday = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

/**
 * A county-government normative document of fgw that does not affect public rights, carried
 * through legality review and collective deliberation to publication (stage `filing`).
 */
async function publishedDocument(
  d: Driver,
  who: 'official' | 'official2' | 'zjjOfficial',
  title: string,
  dates: { created: string; submitted: string; reviewDue: string; opinion: string; meeting: string; published: string },
): Promise<CaseBody> {
  let c = await approvedDocument(d, who, title, dates);
  c = await d.ok('secretariat', c, 'PUBLISH_DOCUMENT', dates.published, { channels: ['县政府网站'], effectiveDate: dates.published });
  expect(c.stage).toBe('filing');
  return c;
}

// ───────────────────────────── 1. the demo data reproduces the seed ─────────────────────────────

describe('demo data: Siyang County 2023 as the seed report describes it', () => {
  const { b } = useCounty({ DOCKET_SEED: 'demo', DOCKET_DEMO_PASSWORD: 'demo-pass-123' }, { county: false });
  let supervisor: string;

  beforeAll(async () => {
    supervisor = await login(b, 'supervisor', 'demo-pass-123');
  });

  it('reads the 2023 compliance report exactly as the seed does', async () => {
    const r = await compliance(b, supervisor, 2023);
    const all = { value: 1, numerator: 3, denominator: 3 };
    expect(r.year).toBe(2023);
    expect(r.normativeDocuments).toEqual({
      published: 3,
      filed: 3,
      filedOnTime: 3,
      filingRate: all,
      timelyFilingRate: all,
      standardizationRate: all,
      nonCompliant: [],
      nonCompliantTotal: 0,
    });
    expect(r.majorDecisions).toEqual({
      inCatalogue: 4,
      started: 4,
      decided: 4,
      published: 4,
      archived: 4,
      outsideCatalogue: [],
      outsideCatalogueTotal: 0,
      nonCompliant: [],
      nonCompliantTotal: 0,
    });
    expect(r.cleanups).toHaveLength(1);
    expect(r.cleanups[0]).toMatchObject({ cutoffDate: '2023-04-24', total: 21, continued: 13, amended: 1, repealed: 7 });
    expect(r.overdueNow).toBe(1);
  });

  it('lists exactly one overdue case: the 2024 legality review', async () => {
    const overdue = await listCases(b, supervisor, { overdue: 'true' });
    expect(overdue.total).toBe(1);
    expect(overdue.items).toHaveLength(1);
    expect(overdue.items[0]).toMatchObject({
      title: '泗阳县城镇老旧小区改造管理办法',
      stage: 'legalityReview',
      due: { date: '2024-05-15', code: 'REVIEW_DUE', overdue: true },
    });
  });

  it('charges that overdue review to the review body (县司法局), not to zjj, which drafted it', async () => {
    const rows = (await b.http.get('/api/reports/by-department').query({ year: 2024 }).set(withToken(supervisor)).expect(200)).body as {
      department: string;
      overdueNow: number;
    }[];
    expect(rows.filter((r) => r.overdueNow > 0).map((r) => [r.department, r.overdueNow])).toEqual([['sfj', 1]]);
    expect(rows.find((r) => r.department === 'zjj')?.overdueNow).toBe(0);
    const charged = await listCases(b, supervisor, { overdue: 'true', department: 'sfj' });
    expect(charged.items.map((c) => [c.title, c.department])).toEqual([['泗阳县城镇老旧小区改造管理办法', 'zjj']]);
    expect((await listCases(b, supervisor, { overdue: 'true', department: 'zjj' })).total).toBe(0);
  });

  it('numbers the three 2023 documents 泗政规〔2023〕1号 to 3号', async () => {
    const docs = await listCases(b, supervisor, { procedure: 'normative-document', year: 2023 });
    expect(docs.total).toBe(3);
    const numbers: string[] = [];
    for (const item of docs.items) {
      const c = (await b.http.get(`/api/cases/${item.id}`).set(withToken(supervisor)).expect(200)).body as CaseBody;
      expect(c.stage).toBe('inForce');
      numbers.push(c.documentNumber!);
    }
    expect(numbers.sort()).toEqual(['泗政规〔2023〕1号', '泗政规〔2023〕2号', '泗政规〔2023〕3号']);
  });

  it('keeps an intact audit chain', async () => {
    await expectAuditIntact(b, supervisor);
  });
});

// ───────────────────────────── 2–4, 7. the compliance report ─────────────────────────────

describe('compliance report on a county', () => {
  const { b, tokens, d } = useCounty();

  it('counts a late filing against the timely filing and standardization rates, and an unfiled document against all three', async () => {
    // published 2023-06-05: filing deadline 2023-07-05; filed one day late
    let late = await publishedDocument(d, 'official', '泗阳县城市停车管理办法', {
      created: '2023-05-04',
      submitted: '2023-05-18',
      reviewDue: '2023-05-26',
      opinion: '2023-05-25',
      meeting: '2023-06-01',
      published: '2023-06-05',
    });
    expect(late.record.publication.filingDeadline).toBe('2023-07-05');
    late = await d.ok('secretariat', late, 'RECORD_FILING', '2023-07-06', { filedWith: '宿迁市人民政府' });
    expect(late.stage).toBe('inForce');
    expect(late.record.filing).toMatchObject({ late: true });

    let timely = await publishedDocument(d, 'official2', '泗阳县政府投资项目管理办法', {
      created: '2023-08-01',
      submitted: '2023-08-01',
      reviewDue: '2023-08-10',
      opinion: '2023-08-08',
      meeting: '2023-08-15',
      published: '2023-08-21',
    });
    timely = await d.ok('secretariat', timely, 'RECORD_FILING', '2023-08-30', { filedWith: '宿迁市人民政府' });
    expect(timely.record.filing).toMatchObject({ late: false });

    const r = await compliance(b, tokens.supervisor, 2023);
    expect(r.normativeDocuments).toMatchObject({
      published: 2,
      filed: 2,
      filedOnTime: 1,
      filingRate: { value: 1, numerator: 2, denominator: 2 },
      timelyFilingRate: { value: 0.5, numerator: 1, denominator: 2 },
      standardizationRate: { value: 0.5, numerator: 1, denominator: 2 },
    });
    expect(r.normativeDocuments.nonCompliant).toHaveLength(1);
    expect(r.normativeDocuments.nonCompliant[0]).toMatchObject({
      caseId: late.id,
      title: '泗阳县城市停车管理办法',
      department: 'fgw',
      documentNumber: late.documentNumber,
    });
    expect(r.normativeDocuments.nonCompliant[0].reasons.map((x) => x.code)).toEqual(['FILED_LATE']);
    expect(r.normativeDocuments.nonCompliant[0].reasons[0].message).toContain('晚于期限 2023年7月5日');

    // a third document published in 2023 and never filed
    const unfiled = await publishedDocument(d, 'official', '泗阳县城市供热管理办法', {
      created: '2023-09-04',
      submitted: '2023-09-05',
      reviewDue: '2023-09-15',
      opinion: '2023-09-12',
      meeting: '2023-09-19',
      published: '2023-09-25',
    });
    const after = await compliance(b, tokens.supervisor, 2023);
    expect(after.normativeDocuments).toMatchObject({
      published: 3,
      filed: 2,
      filedOnTime: 1,
      filingRate: { value: 0.6667, numerator: 2, denominator: 3 },
      timelyFilingRate: { numerator: 1, denominator: 3 },
      standardizationRate: { numerator: 1, denominator: 3 },
    });
    const entry = after.normativeDocuments.nonCompliant.find((x) => x.caseId === unfiled.id);
    expect(entry).toBeDefined();
    expect(entry!.documentNumber).toBe(unfiled.documentNumber);
    expect(entry!.reasons.map((x) => x.code)).toEqual([expect.stringMatching(/^NOT_FILED/)]);
    expect(after.normativeDocuments.nonCompliant.map((x) => x.caseId).sort()).toEqual([late.id, unfiled.id].sort());
  });

  it('flags decisions started outside the published catalogue, and keeps the catalogue honest', async () => {
    const sec = withToken(tokens.secretariat);
    const item2024 = await b.http
      .post('/api/catalogues/2024/items')
      .set(sec)
      .send({ title: '泗阳县城乡公交一体化实施方案', department: 'fgw', addedOn: '2024-01-20' })
      .expect(201);
    expect(item2024.body.id).toBe('2024-01');
    expect((await b.http.get('/api/catalogues/2024').set(sec).expect(200)).body).toMatchObject({ year: 2024, publishedOn: null });

    const decision = (title: string, occurredAt: string) =>
      d.create('official', { procedure: 'major-decision', title, department: 'fgw', occurredAt });

    // an item of the unpublished 2024 catalogue
    let unpublishedItem = await decision('泗阳县城乡公交一体化实施方案', '2024-02-20');
    unpublishedItem = await d.ok('secretariat', unpublishedItem, 'APPROVE_START', '2024-02-26', { catalogueItemId: '2024-01' });
    // no item at all
    let noItem = await decision('泗阳县城区道路改造方案', '2024-03-01');
    noItem = await d.ok('secretariat', noItem, 'APPROVE_START', '2024-03-04');
    // an item of the published 2023 catalogue
    let listed = await decision('泗阳县城区公共停车设施建设规划', '2023-02-01');
    listed = await d.ok('secretariat', listed, 'APPROVE_START', '2023-02-03', { catalogueItemId: '2023-01' });
    expect([unpublishedItem.stage, noItem.stage, listed.stage]).toEqual(['drafting', 'drafting', 'drafting']);

    // an unknown item: 404, and the case is untouched
    const unknown = await decision('泗阳县农贸市场改造方案', '2024-03-05');
    const refused = await d.send('secretariat', unknown, 'APPROVE_START', '2024-03-06', { catalogueItemId: '2024-99' }).expect(404);
    expect(refused.body.code).toBe('NOT_FOUND');
    const untouched = await d.get('secretariat', unknown.id);
    expect(untouched).toMatchObject({ stage: 'proposed', version: 1 });
    const history = await b.http.get(`/api/cases/${unknown.id}/history`).set(withToken(tokens.supervisor)).expect(200);
    expect(history.body.map((e: { type: string }) => e.type)).toEqual(['CASE_CREATED']);

    const r2024 = await compliance(b, tokens.supervisor, 2024);
    expect(r2024.majorDecisions.started).toBe(2);
    const outside = Object.fromEntries(r2024.majorDecisions.outsideCatalogue.map((o) => [o.caseId, o]));
    expect(Object.keys(outside).sort()).toEqual([unpublishedItem.id, noItem.id].sort());
    expect(outside[unpublishedItem.id]).toMatchObject({
      title: '泗阳县城乡公交一体化实施方案',
      department: 'fgw',
      catalogueItemId: '2024-01',
    });
    expect(outside[noItem.id].catalogueItemId ?? null).toBeNull();
    expect(r2024.majorDecisions.inCatalogue).toBe(1);

    const r2023 = await compliance(b, tokens.supervisor, 2023);
    expect(r2023.majorDecisions.started).toBe(1);
    expect(r2023.majorDecisions.outsideCatalogue.map((o) => o.caseId)).not.toContain(listed.id);
    expect(r2023.majorDecisions.inCatalogue).toBe(2);

    // adjusting the published 2023 catalogue needs a reason
    const noReason = await b.http
      .post('/api/catalogues/2023/items')
      .set(sec)
      .send({ title: '泗阳县城区供水管网改造方案', department: 'fgw', addedOn: '2023-06-01' })
      .expect(422);
    expect(noReason.body.code).toBe('PROCEDURE_VIOLATION');
    expect(noReason.body.blockers.map((x: { code: string }) => x.code)).toEqual(['ADJUSTMENT_REASON_REQUIRED']);
    expect((await b.http.get('/api/catalogues/2023').set(sec).expect(200)).body.items).toHaveLength(2);

    const adjusted = await b.http
      .post('/api/catalogues/2023/items')
      .set(sec)
      .send({
        title: '泗阳县城区供水管网改造方案',
        department: 'fgw',
        addedOn: '2023-06-01',
        adjustmentReason: '汛后供水管网受损，县政府常务会议决定增列',
      })
      .expect(201);
    expect(adjusted.body).toMatchObject({ id: '2023-03', adjustmentReason: '汛后供水管网受损，县政府常务会议决定增列' });
    const catalogue = (await b.http.get('/api/catalogues/2023').set(sec).expect(200)).body;
    expect(catalogue.publishedOn).toBe('2023-01-10');
    expect(catalogue.items.map((i: { id: string }) => i.id)).toEqual(['2023-01', '2023-02', '2023-03']);
    expect((await compliance(b, tokens.supervisor, 2023)).majorDecisions.inCatalogue).toBe(3);
  });

  it('refuses to send a specialized decision to legality review without expert argumentation', async () => {
    const specialized = async (title: string, created: string, started: string, drafted: string) => {
      let c = await d.create('official', { procedure: 'major-decision', title, department: 'fgw', occurredAt: created });
      c = await d.ok('secretariat', c, 'APPROVE_START', started);
      c = await d.ok('official', c, 'FINISH_DRAFT', drafted, { draftSummary: '草案', specialized: true, stabilityRisk: false });
      expect(c.stage).toBe('consultation');
      return c;
    };

    // public comment lawfully withheld
    let exempted = await specialized('泗阳县应急物资储备方案', '2022-03-01', '2022-03-03', '2022-03-10');
    exempted = await d.ok('official', exempted, 'EXEMPT_PUBLIC_COMMENT', '2022-03-11', { reason: '涉及国家秘密，依法不予公开' });
    const refusedExempt = await d
      .send('official', exempted, 'SUBMIT_FOR_LEGALITY_REVIEW', '2022-03-14', { reviewDueDate: '2022-03-25' })
      .expect(422);
    expect(refusedExempt.body.code).toBe('PROCEDURE_VIOLATION');
    expect(refusedExempt.body.blockers.map((x: { code: string }) => x.code)).toEqual(['EXPERT_ARGUMENTATION_MISSING']);

    // public comment run to completion
    let commented = await specialized('泗阳县城区集中供热规划', '2022-04-01', '2022-04-06', '2022-04-08');
    commented = await d.ok('official', commented, 'OPEN_PUBLIC_COMMENT', '2022-04-11', {
      draftText: '草案全文及起草说明',
      startDate: '2022-04-11',
      endDate: '2022-05-12',
      channels: ['县政府网站'],
    });
    commented = await d.ok('official', commented, 'CLOSE_PUBLIC_COMMENT', '2022-05-13');
    commented = await d.ok('official', commented, 'COMPLETE_PUBLIC_PARTICIPATION', '2022-05-13');
    const refusedCommented = await d
      .send('official', commented, 'SUBMIT_FOR_LEGALITY_REVIEW', '2022-05-16', { reviewDueDate: '2022-05-26' })
      .expect(422);
    expect(refusedCommented.body.blockers.map((x: { code: string }) => x.code)).toEqual(['EXPERT_ARGUMENTATION_MISSING']);

    // the refusals changed nothing, and nothing can be decided
    for (const c of [exempted, commented]) {
      expect(await d.get('official', c.id)).toMatchObject({ stage: 'consultation', version: c.version });
    }
    await d
      .send('secretariat', exempted, 'RECORD_COLLECTIVE_DECISION', '2022-03-15', {
        meetingType: 'standing',
        meetingDate: '2022-03-15',
        outcome: 'approved',
      })
      .expect(422);

    const r = await compliance(b, tokens.supervisor, 2022);
    expect(r.majorDecisions).toMatchObject({ started: 2, decided: 0, published: 0, archived: 0, nonCompliant: [] });

    // with the expert argumentation on record, the same submission passes
    exempted = await d.ok('official', exempted, 'RECORD_EXPERT_ARGUMENTATION', '2022-03-14', {
      experts: [{ name: '张教授', affiliation: '南京大学', conflictOfInterest: false }],
      opinionSummary: '方案可行',
      adoptionSummary: '已采纳',
    });
    exempted = await d.ok('official', exempted, 'SUBMIT_FOR_LEGALITY_REVIEW', '2022-03-14', { reviewDueDate: '2022-03-25' });
    expect(exempted.stage).toBe('legalityReview');
    expect((await compliance(b, tokens.supervisor, 2022)).majorDecisions).toMatchObject({ started: 2, decided: 0 });
  });

  it("reports per department: a department's figures only, and an official only their own", async () => {
    let zjjDoc = await publishedDocument(d, 'zjjOfficial', '泗阳县物业服务管理办法', {
      created: '2023-06-12',
      submitted: '2023-06-12',
      reviewDue: '2023-06-21',
      opinion: '2023-06-20',
      meeting: '2023-06-26',
      published: '2023-06-28',
    });
    zjjDoc = await d.ok('secretariat', zjjDoc, 'RECORD_FILING', '2023-07-10', { filedWith: '宿迁市人民政府' });

    const all = await compliance(b, tokens.supervisor, 2023);
    const zjj = await compliance(b, tokens.supervisor, 2023, 'zjj');
    const fgw = await compliance(b, tokens.supervisor, 2023, 'fgw');
    expect(zjj.department).toBe('zjj');
    expect(zjj.normativeDocuments).toEqual({
      published: 1,
      filed: 1,
      filedOnTime: 1,
      filingRate: { value: 1, numerator: 1, denominator: 1 },
      timelyFilingRate: { value: 1, numerator: 1, denominator: 1 },
      standardizationRate: { value: 1, numerator: 1, denominator: 1 },
      nonCompliant: [],
      nonCompliantTotal: 0,
    });
    // the 2023 catalogue and decisions are fgw's
    expect(zjj.majorDecisions).toMatchObject({ inCatalogue: 0, started: 0, outsideCatalogue: [] });
    expect(fgw.normativeDocuments.published).toBe(all.normativeDocuments.published - 1);
    expect(fgw.normativeDocuments.nonCompliant.every((x) => x.department === 'fgw')).toBe(true);
    expect(fgw.majorDecisions.inCatalogue).toBe(all.majorDecisions.inCatalogue);
    expect(all.normativeDocuments.nonCompliant.map((x) => x.caseId)).not.toContain(zjjDoc.id);

    // an official of fgw may not ask for zjj's figures
    const forbidden = await b.http
      .get('/api/reports/compliance')
      .query({ year: 2023, department: 'zjj' })
      .set(withToken(tokens.official))
      .expect(403);
    expect(forbidden.body.code).toBe('FORBIDDEN');
    // and without asking gets fgw's, as they are when asked for by name
    expect(await compliance(b, tokens.official, 2023)).toEqual(fgw);
    expect(await compliance(b, tokens.official, 2023, 'fgw')).toEqual(fgw);
    expect(await compliance(b, tokens.zjjOfficial, 2023)).toEqual(zjj);
  });
});

// ───────────────────────────── 5. deadlines: overdue lists and inboxes ─────────────────────────────

describe('deadlines: overdue review', () => {
  const { b, tokens, d } = useCounty();

  it('lists a legality review past its due date as overdue until the opinion is issued', async () => {
    // a case awaiting the official, with no time limit: not overdue
    let fresh = await d.create('official', {
      procedure: 'major-decision',
      title: '泗阳县城区公共停车设施建设方案',
      department: 'fgw',
      occurredAt: '2023-02-01',
    });
    fresh = await d.ok('secretariat', fresh, 'APPROVE_START', '2023-02-03', { catalogueItemId: '2023-01' });

    // a government document whose legality review was due on 2023-05-26: awaits the reviewer
    let review = await d.create('official', {
      procedure: 'normative-document',
      title: '泗阳县城市停车管理办法',
      department: 'fgw',
      occurredAt: '2023-05-04',
      affectsPublicRights: false,
      marketRelated: false,
      interim: false,
      issuingOrgan: 'government',
    });
    review = await d.ok('official', review, 'SUBMIT_FOR_LEGALITY_REVIEW', '2023-05-18', { reviewDueDate: '2023-05-26' });
    expect(review.stage).toBe('legalityReview');

    // fgw's own document, published 2023-06-05 and never filed (deadline 2023-07-05): awaits fgw's officials
    let unfiled = await d.create('official2', {
      procedure: 'normative-document',
      title: '泗阳县发改委行政许可事项办理规程',
      department: 'fgw',
      occurredAt: '2023-05-08',
      affectsPublicRights: false,
      marketRelated: false,
      interim: false,
      issuingOrgan: 'department',
    });
    unfiled = await d.ok('official2', unfiled, 'SUBMIT_FOR_LEGALITY_REVIEW', '2023-05-22', { reviewDueDate: '2023-05-31' });
    unfiled = await d.ok('reviewer', unfiled, 'ISSUE_LEGALITY_OPINION', '2023-05-30', { conclusion: 'lawful', opinion: '合法' });
    unfiled = await d.ok('official2', unfiled, 'RECORD_COLLECTIVE_DELIBERATION', '2023-06-01', {
      meetingType: 'office',
      meetingDate: '2023-06-01',
      outcome: 'approved',
    });
    unfiled = await d.ok('official2', unfiled, 'PUBLISH_DOCUMENT', '2023-06-05', {
      channels: ['县发改委网站'],
      effectiveDate: '2023-07-01',
    });
    expect(unfiled).toMatchObject({ stage: 'filing', documentNumber: '泗发改规〔2023〕1号' });

    const overdue = await listCases(b, tokens.supervisor, { overdue: 'true' });
    expect(overdue.total).toBe(2);
    // earliest due date first
    expect(overdue.items.map((x) => x.id)).toEqual([review.id, unfiled.id]);
    expect(overdue.items[0].due).toMatchObject({ date: '2023-05-26', code: 'REVIEW_DUE', overdue: true, overdueSince: null });
    expect(overdue.items[1].due).toMatchObject({ date: '2023-07-05', code: 'FILING_DEADLINE', overdue: true, overdueSince: null });
    expect((await listCases(b, tokens.supervisor, { overdue: 'false' })).items.map((x) => x.id)).toEqual([fresh.id]);
    expect((await compliance(b, tokens.supervisor, 2023)).overdueNow).toBe(2);

    // the job marks each once, on the day it runs
    const first = await runDeadlines(b, tokens.admin);
    expect(first.markedOverdue).toBeGreaterThanOrEqual(1);
    expect(first.today).toBe(shanghaiToday());
    const marked = await listCases(b, tokens.supervisor, { overdue: 'true' });
    expect(marked.items[0]).toMatchObject({ id: review.id, due: { code: 'REVIEW_DUE', overdue: true, overdueSince: first.today } });
    expect(await runDeadlines(b, tokens.admin)).toMatchObject({ markedOverdue: 0, expired: 0 });
    const again = await listCases(b, tokens.supervisor, { overdue: 'true' });
    expect(again.items[0].due?.overdueSince).toBe(first.today);
    await b.http.post('/api/deadlines/run').set(withToken(tokens.supervisor)).expect(403);

    // an official's inbox: what awaits them, overdue first
    const official = (await b.http.get('/api/cases/inbox').set(withToken(tokens.official)).expect(200)).body as Inbox;
    expect(official.awaiting[0]).toMatchObject({ id: unfiled.id, due: { code: 'FILING_DEADLINE', overdue: true } });
    expect(official.awaiting.map((x) => x.id)).toContain(fresh.id);
    expect(official.overdue.map((x) => x.id)).toEqual([unfiled.id]);
    // the reviewer's inbox: the late review, first
    const reviewer = (await b.http.get('/api/cases/inbox').set(withToken(tokens.reviewer)).expect(200)).body as Inbox;
    expect(reviewer.awaiting[0]).toMatchObject({ id: review.id, due: { code: 'REVIEW_DUE', overdue: true } });
    expect(reviewer.overdue.map((x) => x.id)).toEqual([review.id]);
    // the supervisor's inbox: everything overdue
    const supervisor = (await b.http.get('/api/cases/inbox').set(withToken(tokens.supervisor)).expect(200)).body as Inbox;
    expect(supervisor.overdue.map((x) => x.id)).toEqual([review.id, unfiled.id]);

    // the opinion, even late, ends the review and its time limit
    review = await d.ok('reviewer', review, 'ISSUE_LEGALITY_OPINION', '2023-05-29', { conclusion: 'lawful', opinion: '合法' });
    expect(review.stage).toBe('collectiveDeliberation');
    expect((await listCases(b, tokens.supervisor, { overdue: 'true' })).items.map((x) => x.id)).toEqual([unfiled.id]);
    const notOverdue = await listCases(b, tokens.supervisor, { overdue: 'false' });
    expect(notOverdue.items.find((x) => x.id === review.id)).toMatchObject({ stage: 'collectiveDeliberation', due: null });
    expect((await compliance(b, tokens.supervisor, 2023)).overdueNow).toBe(1);
    const reviewerAfter = (await b.http.get('/api/cases/inbox').set(withToken(tokens.reviewer)).expect(200)).body as Inbox;
    expect(reviewerAfter.awaiting.map((x) => x.id)).not.toContain(review.id);
    expect(reviewerAfter.overdue).toEqual([]);
    await expectAuditIntact(b, tokens.supervisor);
  });
});

// ───────────────────────────── 6. expiry on two instances ─────────────────────────────

describe('deadlines: expiry on two instances sharing one database', () => {
  const { b: a, b2: second, tokens } = useCounty({}, { second: true });

  it('expires each lapsed document exactly once, whichever instance runs the job', async () => {
    const b = second!;
    const register = (n: number, validUntil: string) =>
      registerDocument(a, tokens, {
        title: `泗阳县规范性文件${n}`,
        documentNumber: `泗政规〔2019〕${n}号`,
        publishedOn: '2019-07-01',
        effectiveDate: '2019-07-01',
        validUntil,
      });
    const lapsed = [await register(1, '2024-06-30'), await register(2, '2024-06-30'), await register(3, '2024-06-30')];
    const valid = await register(4, '2030-12-31');
    // registered on A, visible on B
    await b.http.get(`/api/cases/${valid}`).set(withToken(tokens.supervisor)).expect(200);

    // both instances at once, several times; statuses are checked last so the record is checked first
    const runs: { status: number; body: { expired?: number } }[] = [];
    for (let round = 0; round < 3; round++) {
      runs.push(...(await Promise.all([a, b, a, b, a, b].map((s) => s.http.post('/api/deadlines/run').set(withToken(tokens.admin))))));
    }

    for (const id of lapsed) {
      const c = (await b.http.get(`/api/cases/${id}`).set(withToken(tokens.supervisor)).expect(200)).body as CaseBody;
      expect(c.stage).toBe('expired');
      const history = (await a.http.get(`/api/cases/${id}/history`).set(withToken(tokens.supervisor)).expect(200)).body as {
        type: string;
        actorId: string;
      }[];
      const expiries = history.filter((e) => e.type === 'EXPIRE');
      expect(expiries).toHaveLength(1);
      expect(expiries[0].actorId).toBe('system');
      expect(c.version).toBe(history.length);
    }
    expect((await a.http.get(`/api/cases/${valid}`).set(withToken(tokens.supervisor)).expect(200)).body.stage).toBe('inForce');
    const expiredList = await listCases(a, tokens.supervisor, { stage: 'expired' });
    expect(expiredList.items.map((x) => x.id).sort()).toEqual([...lapsed].sort());

    await expectAuditIntact(a, tokens.supervisor);
    await expectAuditIntact(b, tokens.supervisor);

    // every run answered, and together they expired the three lapsed documents once each
    expect(runs.map((r) => (r.status === 200 ? 200 : `${r.status} ${JSON.stringify(r.body)}`))).toEqual(runs.map(() => 200));
    expect(runs.reduce((sum, r) => sum + (r.body.expired ?? 0), 0)).toBe(3);
  });
});
