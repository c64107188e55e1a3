import { docxText } from './docx';
import type { Response } from 'supertest';
import { ADMIN_PASSWORD, approvedDocument, Booted, login, useCounty, withToken } from './harness';
import type { components } from '../web/src/api/schema';

/**
 * The annual report on law-based government, statistics part (docs/contract.md, "Supervision"):
 * the demo county's 2023 in its own report's words, every figure linked to real cases of the year;
 * a county's shortfall named; the Word document holding the same paragraphs; who may read it.
 */
jest.setTimeout(90_000);

type Annual = components['schemas']['AnnualReport'];
type Summary = components['schemas']['CaseSummary'];

const DEMO_PASSWORD = 'demo-pass-123';

async function annual(b: Booted, token: string, query: Record<string, string | number>, lang = 'zh-CN'): Promise<Annual> {
  const res = await b.http.get('/api/reports/annual').query(query).set(withToken(token)).set('Accept-Language', lang);
  if (res.status !== 200) throw new Error(`annual ${JSON.stringify(query)} → ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as Annual;
}

/** The text of a .docx's body, its runs joined (Word splits a sentence across runs). */
const binary = (res: Response, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

const text = (r: Annual, id: string) => r.paragraphs.find((p) => p.id === id)?.text;

describe('annual report of the demo county', () => {
  const { b } = useCounty({ DOCKET_SEED: 'demo', DOCKET_DEMO_PASSWORD: DEMO_PASSWORD }, { county: false });
  const t = {} as Record<'supervisor' | 'secretariat' | 'admin' | 'reviewer' | 'zjj' | 'fgw', string>;

  beforeAll(async () => {
    t.supervisor = await login(b, 'supervisor', DEMO_PASSWORD);
    t.secretariat = await login(b, 'secretariat', DEMO_PASSWORD);
    t.admin = await login(b, 'admin', ADMIN_PASSWORD);
    t.reviewer = await login(b, 'reviewer', DEMO_PASSWORD);
    t.zjj = await login(b, 'zjj_official', DEMO_PASSWORD);
    t.fgw = await login(b, 'fgw_official', DEMO_PASSWORD);
  });

  const listIds = async (query: Record<string, string | number>) => {
    const res = await b.http
      .get('/api/cases')
      .query({ pageSize: 100, ...query })
      .set(withToken(t.supervisor))
      .expect(200);
    return (res.body.items as Summary[]).map((c) => c.id).sort();
  };

  it('writes 2023 as the county report does', async () => {
    const r = await annual(b, t.supervisor, { year: 2023 });
    expect(r.year).toBe(2023);
    expect(r.title).toBe('泗阳县人民政府2023年法治政府建设年度报告（统计部分）');
    expect(r.signature).toBe('泗阳县人民政府');
    expect(r.paragraphs.map((p) => p.id)).toEqual(['normative-documents', 'cleanups', 'major-decisions', 'overdue']);
    expect(text(r, 'normative-documents')).toBe(
      '年内出台县政府行政规范性文件3件，均履行公开征求意见、合法性审查、集体审议决定、向社会公开发布等法定程序，报备率、及时率、规范率均达100%。',
    );
    expect(text(r, 'cleanups')).toBe(
      '对截止2023年4月24日现行有效的21件县政府行政规范性文件进行全面清理，其中继续有效13件，应予修改1件，决定废止7件。',
    );
    expect(text(r, 'major-decisions')).toBe('年内纳入重大行政决策事项目录4项，均已完成立案归档。');
    expect(text(r, 'overdue')).toMatch(/^截至\d{4}年\d{1,2}月\d{1,2}日，有1件事项超过办理期限：《泗阳县城镇老旧小区改造管理办法》。$/);
  });

  it('links each figure to the real cases of the year behind it', async () => {
    const r = await annual(b, t.supervisor, { year: 2023 });
    const docs2023 = await listIds({ procedure: 'normative-document', year: 2023 });
    const decisions2023 = await listIds({ procedure: 'major-decision', year: 2023 });
    expect(docs2023).toHaveLength(3);
    expect(decisions2023).toHaveLength(4);
    const f = r.figures;
    expect(f['documents.published']).toMatchObject({ value: 3, unit: 'count' });
    expect([...f['documents.published'].caseIds].sort()).toEqual(docs2023);
    for (const key of ['documents.filingRate', 'documents.timelyFilingRate', 'documents.standardizationRate']) {
      expect(f[key]).toMatchObject({ value: 1, unit: 'rate', numerator: { value: 3 }, denominator: { value: 3 } });
      expect([...f[key].numerator!.caseIds].sort()).toEqual(docs2023);
      expect([...f[key].denominator!.caseIds].sort()).toEqual(docs2023);
    }
    expect(f['decisions.inCatalogue'].value).toBe(4);
    expect([...f['decisions.inCatalogue'].caseIds].sort()).toEqual(decisions2023);
    expect([...f['decisions.catalogueArchived'].caseIds].sort()).toEqual(decisions2023);
    expect(f['cleanups.1.total']).toMatchObject({ value: 21 });
    expect(f['cleanups.1.continued'].caseIds).toHaveLength(13);
    expect(f['cleanups.1.amended'].caseIds).toHaveLength(1);
    expect(f['cleanups.1.repealed'].caseIds).toHaveLength(7);
    expect(new Set(f['cleanups.1.total'].caseIds).size).toBe(21);
    expect(f.overdueNow.value).toBe(1);

    // every key a paragraph states is there, with its cases' titles; each case a real one
    const seen = new Set<string>();
    for (const p of r.paragraphs) {
      expect(p.figures.length).toBeGreaterThan(0);
      for (const key of p.figures) {
        const fig = f[key];
        expect(fig).toBeDefined();
        expect(fig.cases.map((c) => c.id)).toEqual(fig.caseIds);
        if (fig.unit === 'count') expect(fig.caseIds.length).toBe(fig.value);
        for (const c of fig.cases) seen.add(`${c.id}\u0000${c.title}`);
      }
    }
    for (const entry of seen) {
      const [id, title] = entry.split('\u0000');
      const c = await b.http.get(`/api/cases/${id}`).set(withToken(t.supervisor)).expect(200);
      expect(c.body.title).toBe(title);
    }
    // the clean-up's documents are the 21 registered ones it reviewed
    const cleanups = await b.http.get('/api/cleanups').set(withToken(t.secretariat)).expect(200);
    const campaign = (cleanups.body as { id: string; cutoffDate: string }[]).find((k) => k.cutoffDate === '2023-04-24')!;
    const detail = await b.http.get(`/api/cleanups/${campaign.id}`).set(withToken(t.secretariat)).expect(200);
    const items = (detail.body.items as { caseId: string }[]).map((i) => i.caseId).sort();
    expect([...f['cleanups.1.total'].caseIds].sort()).toEqual(items);
  });

  it('hands the same paragraphs as a Word document', async () => {
    const r = await annual(b, t.supervisor, { year: 2023 });
    const res = await b.http
      .get('/api/reports/annual')
      .query({ year: 2023, format: 'docx' })
      .set(withToken(t.supervisor))
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(res.headers['content-disposition']).toContain(
      `filename*=UTF-8''${encodeURIComponent('泗阳县人民政府2023年法治政府建设年度报告（统计部分）.docx').replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`,
    );
    const body = await docxText(res.body as Buffer);
    expect(body).toContain(r.title);
    for (const p of r.paragraphs) {
      expect(body).toContain(p.text);
      if (p.heading) expect(body).toContain(p.heading);
    }
    const [y, m, d] = r.date.split('-').map(Number);
    expect(body).toContain(`${y}年${m}月${d}日`);
    expect(body).toContain('泗阳县人民政府');
  });

  it('writes English for an English reader', async () => {
    const r = await annual(b, t.supervisor, { year: 2023 }, 'en');
    expect(text(r, 'normative-documents')).toContain('the filing, timely filing and standardization rates are all 100%');
    expect(text(r, 'major-decisions')).toBe("4 major decisions listed in the year's catalogue, all archived.");
    expect(r.figures['documents.filingRate'].label).toBe('filing rate');
  });

  it('says what a year without work lacks', async () => {
    const r = await annual(b, t.supervisor, { year: 2025 });
    expect(text(r, 'normative-documents')).toBe('年内未出台县政府行政规范性文件。');
    expect(text(r, 'cleanups')).toBe('年内未开展行政规范性文件清理。');
    expect(r.figures['documents.published']).toMatchObject({ value: 0, caseIds: [] });
  });

  it('lets supervisors, the secretariat and admins read it; an official their own department only', async () => {
    await annual(b, t.secretariat, { year: 2023 });
    await annual(b, t.admin, { year: 2023 });
    await b.http.get('/api/reports/annual').query({ year: 2023 }).set(withToken(t.reviewer)).expect(403);

    const zjj = await annual(b, t.zjj, { year: 2023 });
    expect(zjj.department).toBe('zjj');
    expect(zjj.title).toBe('泗阳县人民政府2023年法治政府建设年度报告（统计部分·县住房和城乡建设局）');
    expect(text(zjj, 'normative-documents')).toMatch(/^年内出台县住房和城乡建设局承办的县政府行政规范性文件1件，/);
    expect(zjj.figures['documents.published'].cases.map((c) => c.title)).toEqual(['泗阳县住房公积金缴存管理办法']);
    expect(zjj.figures['decisions.inCatalogue'].cases.map((c) => c.title)).toEqual(['泗阳县公共租赁住房保障实施方案']);
    const refused = await b.http.get('/api/reports/annual').query({ year: 2023, department: 'fgw' }).set(withToken(t.zjj)).expect(403);
    expect(refused.body.code).toBe('FORBIDDEN');

    // the supervisor asks for one department
    const fgw = await annual(b, t.supervisor, { year: 2023, department: 'fgw' });
    expect(fgw.figures['documents.published'].cases.map((c) => c.title)).toEqual(['泗阳县政府投资项目管理办法']);
  });

  it('refuses a year out of bounds or an unknown format, clearly', async () => {
    for (const query of [{ year: 1990 }, { year: 'abc' }, {}, { year: 2023, format: 'pdf' }]) {
      const res = await b.http.get('/api/reports/annual').query(query).set(withToken(t.supervisor));
      expect(res.status).toBe(400);
      expect(res.body.message).toBeTruthy();
    }
  });
});

describe('annual report of a county that filed late', () => {
  const { b, tokens, d } = useCounty();

  it('names the document filed late and lowers the rates', async () => {
    // published 2023-06-05: filing deadline 2023-07-05; filed one day late
    let late = await approvedDocument(d, 'official', '泗阳县城市停车管理办法', {
      created: '2023-05-04',
      submitted: '2023-05-18',
      reviewDue: '2023-05-26',
      opinion: '2023-05-25',
      meeting: '2023-06-01',
    });
    late = await d.ok('secretariat', late, 'PUBLISH_DOCUMENT', '2023-06-05', { channels: ['县政府网站'], effectiveDate: '2023-06-05' });
    late = await d.ok('secretariat', late, 'RECORD_FILING', '2023-07-06', { filedWith: '宿迁市人民政府' });
    let timely = await approvedDocument(d, 'official', '泗阳县城市道路管理办法', {
      created: '2023-07-03',
      submitted: '2023-07-17',
      reviewDue: '2023-07-28',
      opinion: '2023-07-25',
      meeting: '2023-08-01',
    });
    timely = await d.ok('secretariat', timely, 'PUBLISH_DOCUMENT', '2023-08-07', { channels: ['县政府网站'], effectiveDate: '2023-08-07' });
    timely = await d.ok('secretariat', timely, 'RECORD_FILING', '2023-08-30', { filedWith: '宿迁市人民政府' });

    const r = await annual(b, tokens.supervisor, { year: 2023 });
    expect(text(r, 'normative-documents')).toBe(
      '年内出台县政府行政规范性文件2件，报备率100%，及时率50%，规范率50%。其中《泗阳县城市停车管理办法》未在规定期限内报送备案。',
    );
    expect(r.figures['documents.nonCompliant'].caseIds).toEqual([late.id]);
    expect(r.figures['documents.timelyFilingRate']).toMatchObject({
      value: 0.5,
      numerator: { value: 1, caseIds: [timely.id] },
      denominator: { value: 2 },
    });
    expect([...r.figures['documents.timelyFilingRate'].denominator!.caseIds].sort()).toEqual([late.id, timely.id].sort());
    const paragraph = r.paragraphs.find((p) => p.id === 'normative-documents')!;
    expect(paragraph.figures).toContain('documents.nonCompliant');

    // the county's catalogue lists two items, neither started
    expect(text(r, 'major-decisions')).toBe('年内纳入重大行政决策事项目录2项，已完成立案归档0项，2项尚未启动。年内未启动重大行政决策。');

    const en = await annual(b, tokens.supervisor, { year: 2023 }, 'en');
    expect(text(en, 'normative-documents')).toContain('"泗阳县城市停车管理办法" was not filed within the time limit');
  });
});
