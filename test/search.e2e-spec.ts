/**
 * Keyword search on the case list (`GET /api/cases?q=`): a part of the title, of the document
 * number or of the case id, any letter case; the user's `%`, `_` and `\` match themselves. It is one
 * more condition of the same list, so who may see which case and the other filters still hold.
 */
import { CaseBody, registerDocument, Tokens, useCounty } from './harness';

type Who = keyof Tokens;

describe('case list search (?q=)', () => {
  const { b, tokens, d, bearer } = useCounty();
  const made: Record<string, CaseBody> = {};
  let registeredId = '';

  const document = (who: Who, title: string, department = 'fgw') =>
    d.create(who, {
      procedure: 'normative-document',
      title,
      department,
      occurredAt: '2023-03-01',
      affectsPublicRights: false,
      marketRelated: false,
      interim: false,
      issuingOrgan: 'government',
    });

  beforeAll(async () => {
    made.parking = await document('official', '泗阳县城市停车管理办法');
    made.zjjParking = await document('zjjOfficial', '县住建局停车场收费规定', 'zjj');
    made.percent = await document('official', '补助比例不超过 100% 的实施细则');
    made.underscore = await document('official', '附件 file_name 格式说明');
    made.backslash = await document('official', '路径 a\\b 的说明');
    made.latin = await document('official', 'PPP 项目管理办法');
    made.decision = await d.create('official', {
      procedure: 'major-decision',
      title: '城区停车设施建设规划',
      department: 'fgw',
      occurredAt: '2023-03-01',
    });
    registeredId = await registerDocument(b, tokens, {
      title: '泗阳县农村集体资产管理办法',
      documentNumber: '泗政规〔2018〕7号',
      publishedOn: '2018-01-10',
      effectiveDate: '2018-02-01',
    });
  });

  async function search(who: Who, query: Record<string, string>): Promise<{ total: number; ids: string[] }> {
    const res = await b.http
      .get('/api/cases')
      .query({ pageSize: '200', ...query })
      .set(bearer(who))
      .expect(200);
    return { total: res.body.total as number, ids: (res.body.items as { id: string }[]).map((c) => c.id) };
  }

  it('finds a case by a part of its title', async () => {
    const found = await search('official', { q: '停车管理' });
    expect(found.ids).toEqual([made.parking.id]);
    expect(found.total).toBe(1);
  });

  it('finds a document by its document number, or a part of it', async () => {
    expect((await search('official', { q: '泗政规〔2018〕7号' })).ids).toEqual([registeredId]);
    expect((await search('official', { q: '〔2018〕7' })).ids).toEqual([registeredId]);
  });

  it('finds a case by its id, or a part of it, in any letter case', async () => {
    expect((await search('official', { q: made.percent.id })).ids).toEqual([made.percent.id]);
    expect((await search('official', { q: made.percent.id.slice(0, 13).toUpperCase() })).ids).toEqual([made.percent.id]);
  });

  it('ignores letter case in titles', async () => {
    expect((await search('official', { q: 'ppp' })).ids).toEqual([made.latin.id]);
  });

  it('matches %, _ and \\ literally, not as wildcards', async () => {
    expect((await search('official', { q: '%' })).ids).toEqual([made.percent.id]);
    expect((await search('official', { q: '100%' })).ids).toEqual([made.percent.id]);
    expect((await search('official', { q: '_' })).ids).toEqual([made.underscore.id]);
    expect((await search('official', { q: 'file_n' })).ids).toEqual([made.underscore.id]);
    expect((await search('official', { q: '\\' })).ids).toEqual([made.backslash.id]);
    // "%停车%" has no literal match: it must not work as "anything with 停车"
    expect((await search('official', { q: '%停车%' })).ids).toEqual([]);
  });

  it('does not find a case the user may not see', async () => {
    // the fgw official reads only fgw's cases: zjj's parking rule stays hidden, even by its id
    const fgw = await search('official', { q: '停车' });
    expect(fgw.ids.sort()).toEqual([made.parking.id, made.decision.id].sort());
    expect((await search('official', { q: made.zjjParking.id })).ids).toEqual([]);
    // the supervisor reads every department's
    const all = await search('supervisor', { q: '停车' });
    expect(all.ids.sort()).toEqual([made.parking.id, made.decision.id, made.zjjParking.id].sort());
    expect((await search('zjjOfficial', { q: '停车' })).ids).toEqual([made.zjjParking.id]);
  });

  it('combines with the other filters', async () => {
    expect((await search('official', { q: '停车', procedure: 'major-decision' })).ids).toEqual([made.decision.id]);
    expect((await search('supervisor', { q: '停车', department: 'zjj' })).ids).toEqual([made.zjjParking.id]);
    expect((await search('official', { q: '停车', view: 'mine' })).ids.sort()).toEqual([made.parking.id, made.decision.id].sort());
    expect((await search('official2', { q: '停车', view: 'mine' })).ids).toEqual([]);
    expect((await search('official', { q: '停车', stage: 'inForce' })).ids).toEqual([]);
  });

  it('a blank q is no filter', async () => {
    const all = await search('official', {});
    expect(all.total).toBeGreaterThan(5);
    expect(await search('official', { q: '' })).toEqual(all);
    expect(await search('official', { q: '   ' })).toEqual(all);
    // words with spaces around them are looked for without the spaces
    expect((await search('official', { q: '  停车管理 ' })).ids).toEqual([made.parking.id]);
  });

  it('at most 100 characters: 101 is 400 naming q, 100 is fine', async () => {
    const res = await b.http
      .get('/api/cases')
      .query({ q: '停'.repeat(101) })
      .set(bearer('official'));
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.details).toEqual([expect.objectContaining({ field: 'q' })]);
    expect(res.body.message).toContain('q');
    expect((await search('official', { q: '停'.repeat(100) })).ids).toEqual([]);
  });

  it('q given twice is 400, not a crash', async () => {
    const res = await b.http.get('/api/cases?q=a&q=b').set(bearer('official'));
    expect({ status: res.status, code: res.body.code }).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
  });
});
