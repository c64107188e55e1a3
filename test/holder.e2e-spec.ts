import { approvedDocument, Booted, CaseBody, useCounty, withToken } from './harness';
import type { components } from '../web/src/api/schema';

/**
 * Overdue is charged to whoever holds the step (docs/contract.md, "Supervision"): an overdue
 * legality review to the review body (sfj, DOCKET_REVIEW_DEPARTMENT), never to the drafting
 * department; the secretariat's step to the government office (zfb); the official's to the
 * drafting department. The supervisor's per-department figure and the case list it leads to
 * (`overdue=true&department=`) count the same cases.
 */
jest.setTimeout(90_000);

type Schemas = components['schemas'];
type DepartmentRow = Schemas['DepartmentRow'];
type CasePage = Schemas['CasePage'];

async function byDepartment(b: Booted, token: string): Promise<DepartmentRow[]> {
  return (await b.http.get('/api/reports/by-department').query({ year: 2023 }).set(withToken(token)).expect(200)).body as DepartmentRow[];
}

async function listCases(b: Booted, token: string, query: Record<string, string>): Promise<CasePage> {
  return (await b.http.get('/api/cases').query(query).set(withToken(token)).expect(200)).body as CasePage;
}

describe('overdue is charged to the department holding the step', () => {
  const { b, tokens, d } = useCounty();
  let review: CaseBody;
  let ownUnfiled: CaseBody;
  let governmentUnfiled: CaseBody;
  let comment: CaseBody;

  beforeAll(async () => {
    // fgw's government document whose legality review was due 2023-05-26: the review body holds it
    review = await d.create('official', {
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

    // fgw's own document, published 2023-06-05 and never filed: fgw's officials hold the filing
    ownUnfiled = await d.create('official2', {
      procedure: 'normative-document',
      title: '泗阳县发改委行政许可事项办理规程',
      department: 'fgw',
      occurredAt: '2023-05-08',
      affectsPublicRights: false,
      marketRelated: false,
      interim: false,
      issuingOrgan: 'department',
    });
    ownUnfiled = await d.ok('official2', ownUnfiled, 'SUBMIT_FOR_LEGALITY_REVIEW', '2023-05-22', { reviewDueDate: '2023-05-31' });
    ownUnfiled = await d.ok('reviewer', ownUnfiled, 'ISSUE_LEGALITY_OPINION', '2023-05-30', { conclusion: 'lawful', opinion: '合法' });
    ownUnfiled = await d.ok('official2', ownUnfiled, 'RECORD_COLLECTIVE_DELIBERATION', '2023-06-01', {
      meetingType: 'office',
      meetingDate: '2023-06-01',
      outcome: 'approved',
    });
    ownUnfiled = await d.ok('official2', ownUnfiled, 'PUBLISH_DOCUMENT', '2023-06-05', {
      channels: ['县发改委网站'],
      effectiveDate: '2023-07-01',
    });

    // fgw's government document, published by the government 2023-06-12 and never filed: the office holds the filing
    governmentUnfiled = await approvedDocument(d, 'official', '泗阳县政府投资项目管理办法', {
      created: '2023-05-04',
      submitted: '2023-05-18',
      reviewDue: '2023-05-26',
      opinion: '2023-05-25',
      meeting: '2023-06-08',
    });
    governmentUnfiled = await d.ok('secretariat', governmentUnfiled, 'PUBLISH_DOCUMENT', '2023-06-12', {
      channels: ['县政府网站'],
      effectiveDate: '2023-06-12',
    });

    // zjj's document whose comment period ended 2023-02-10 and was never closed: zjj's official holds it
    comment = await d.create('zjjOfficial', {
      procedure: 'normative-document',
      title: '泗阳县物业服务管理办法',
      department: 'zjj',
      occurredAt: '2023-01-03',
      affectsPublicRights: true,
      marketRelated: false,
      interim: false,
      issuingOrgan: 'government',
    });
    comment = await d.ok('zjjOfficial', comment, 'OPEN_PUBLIC_COMMENT', '2023-01-04', {
      startDate: '2023-01-04',
      endDate: '2023-02-10',
      channels: ['县政府网站'],
      draftText: '草案全文及起草说明',
    });
  });

  it('names on each case the department holding its step', async () => {
    expect(review).toMatchObject({ stage: 'legalityReview', department: 'fgw', heldBy: 'sfj', due: { code: 'REVIEW_DUE', overdue: true } });
    expect(ownUnfiled).toMatchObject({
      stage: 'filing',
      department: 'fgw',
      heldBy: 'fgw',
      due: { code: 'FILING_DEADLINE', overdue: true },
    });
    expect(governmentUnfiled).toMatchObject({ stage: 'filing', department: 'fgw', heldBy: 'zfb', due: { overdue: true } });
    expect(comment).toMatchObject({ department: 'zjj', heldBy: 'zjj', due: { code: 'COMMENT_PERIOD_END', overdue: true } });
    const all = await listCases(b, tokens.supervisor, { overdue: 'true' });
    expect(Object.fromEntries(all.items.map((c) => [c.id, c.heldBy]))).toEqual({
      [review.id]: 'sfj',
      [ownUnfiled.id]: 'fgw',
      [governmentUnfiled.id]: 'zfb',
      [comment.id]: 'zjj',
    });
  });

  it('charges the overdue review to the review body on the supervisor’s figures, not to the drafting department', async () => {
    const rows = await byDepartment(b, tokens.supervisor);
    const overdue = Object.fromEntries(rows.map((r) => [r.department, r.overdueNow]));
    expect(overdue).toEqual({ fgw: 1, sfj: 1, zfb: 1, zjj: 1 });
    // the review body drafted nothing: its row has no rates, only what it holds
    expect(rows.find((r) => r.department === 'sfj')).toMatchObject({ published: 0, filingRate: { value: null }, decisionsStarted: 0 });
    // the rates stay the drafting department's: fgw published two documents, zjj none
    expect(rows.find((r) => r.department === 'fgw')).toMatchObject({ published: 2, filingRate: { numerator: 0, denominator: 2 } });
    // the departments' figures add up to the county's
    const county = (await b.http.get('/api/reports/compliance').query({ year: 2023 }).set(withToken(tokens.supervisor)).expect(200))
      .body as {
      overdueNow: number;
    };
    expect(county.overdueNow).toBe(4);
    expect(rows.reduce((s, r) => s + r.overdueNow, 0)).toBe(4);
  });

  it('lists behind each department’s figure exactly the cases charged to it', async () => {
    const rows = await byDepartment(b, tokens.supervisor);
    for (const row of rows) {
      const list = await listCases(b, tokens.supervisor, { overdue: 'true', department: row.department });
      expect([row.department, list.total]).toEqual([row.department, row.overdueNow]);
      expect(list.items.every((c) => c.heldBy === row.department)).toBe(true);
    }
    const sfj = await listCases(b, tokens.supervisor, { overdue: 'true', department: 'sfj' });
    expect(sfj.items.map((c) => [c.id, c.department])).toEqual([[review.id, 'fgw']]);
    const fgw = await listCases(b, tokens.supervisor, { overdue: 'true', department: 'fgw' });
    expect(fgw.items.map((c) => c.id)).toEqual([ownUnfiled.id]);
  });

  it('keeps every other list by the drafting department, and an official’s list to their own department’s cases', async () => {
    const notOverdue = await listCases(b, tokens.supervisor, { overdue: 'false', department: 'sfj' });
    expect(notOverdue.total).toBe(0);
    const drafted = await listCases(b, tokens.supervisor, { department: 'fgw' });
    expect(drafted.items.map((c) => c.id).sort()).toEqual([review.id, ownUnfiled.id, governmentUnfiled.id].sort());
    // the official reads their department's cases, whoever holds them now
    const official = await listCases(b, tokens.official, { overdue: 'true' });
    expect(official.items.map((c) => c.id).sort()).toEqual([review.id, ownUnfiled.id, governmentUnfiled.id].sort());
    await b.http.get('/api/cases').query({ overdue: 'true', department: 'sfj' }).set(withToken(tokens.official)).expect(403);
  });

  it('moves the charge with the step: once the opinion is issued the review body holds nothing', async () => {
    const after = await d.ok('reviewer', review, 'ISSUE_LEGALITY_OPINION', '2023-05-29', { conclusion: 'lawful', opinion: '合法' });
    expect(after).toMatchObject({ stage: 'collectiveDeliberation', heldBy: 'zfb', due: null });
    const overdue = Object.fromEntries((await byDepartment(b, tokens.supervisor)).map((r) => [r.department, r.overdueNow]));
    expect(overdue).toEqual({ fgw: 1, zfb: 1, zjj: 1 });
    expect((await listCases(b, tokens.supervisor, { overdue: 'true', department: 'sfj' })).total).toBe(0);
  });
});
