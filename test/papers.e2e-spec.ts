import { docxText } from './docx';
import type { Response } from 'supertest';
import { CaseBody, useCounty } from './harness';

/** Collect a binary body (supertest only buffers text by default). */
function binary(res: Response, done: (err: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
}

/** The text of a .docx's body, its runs joined (Word splits text across runs). */
const TITLE = '泗阳县城市停车管理办法';
const KINDS = ['consultation-notice', 'adoption-summary', 'legality-opinion', 'filing-report', 'approval-form'];

describe('papers (文书) of a case as Word documents', () => {
  const { b, d, bearer } = useCounty();
  let doc: CaseBody;
  let fresh: CaseBody;

  const fetchPaper = async (who: Parameters<typeof bearer>[0], id: string, kind: string) => {
    const res = await b.http.get(`/api/cases/${id}/documents/${kind}`).set(bearer(who)).buffer(true).parse(binary);
    return res;
  };

  beforeAll(async () => {
    let c = await d.create('official', {
      procedure: 'normative-document',
      title: TITLE,
      department: 'fgw',
      occurredAt: '2023-05-04',
      affectsPublicRights: true,
      marketRelated: false,
      interim: false,
      issuingOrgan: 'government',
    });
    c = await d.ok('official', c, 'OPEN_PUBLIC_COMMENT', '2023-05-05', {
      startDate: '2023-05-05',
      endDate: '2023-05-16',
      channels: ['县政府网站'],
      draftText: '第一条 为规范城市停车管理，制定本办法。',
    });
    c = await d.ok('official', c, 'RECORD_COMMENT', '2023-05-08', { content: '夜间停车应免费', submitter: '张三丰' });
    c = await d.ok('official', c, 'RECORD_COMMENT', '2023-05-09', { content: '建议增设充电车位', submitter: '县律师协会' });
    c = await d.ok('official', c, 'CLOSE_PUBLIC_COMMENT', '2023-05-17');
    c = await d.ok('official', c, 'DISPOSE_COMMENT', '2023-05-17', {
      commentId: 'c1',
      disposition: 'not-adopted',
      reason: '与上位法收费规定不符',
    });
    c = await d.ok('official', c, 'DISPOSE_COMMENT', '2023-05-17', { commentId: 'c2', disposition: 'adopted', reason: '已在第十条增加' });
    c = await d.ok('official', c, 'COMPLETE_PUBLIC_PARTICIPATION', '2023-05-18', { summary: '意见均已研究处理，理由已公开' });
    c = await d.ok('official', c, 'SUBMIT_FOR_LEGALITY_REVIEW', '2023-05-18', { reviewDueDate: '2023-05-26' });
    c = await d.ok('reviewer', c, 'ISSUE_LEGALITY_OPINION', '2023-05-25', {
      conclusion: 'lawful',
      opinion: '制定主体合法，内容不违反上位法规定。',
    });
    c = await d.ok('secretariat', c, 'RECORD_COLLECTIVE_DELIBERATION', '2023-06-01', {
      meetingType: 'standing',
      meetingDate: '2023-06-01',
      outcome: 'approved',
    });
    c = await d.ok('secretariat', c, 'PUBLISH_DOCUMENT', '2023-06-05', { channels: ['县政府网站'], effectiveDate: '2023-07-01' });
    doc = await d.ok('secretariat', c, 'RECORD_FILING', '2023-06-20', { filedWith: '宿迁市人民政府' });
    fresh = await d.create('official', {
      procedure: 'normative-document',
      title: '泗阳县尚未审查的文件',
      department: 'fgw',
      occurredAt: '2023-05-04',
      affectsPublicRights: false,
      marketRelated: false,
      interim: false,
      issuingOrgan: 'government',
    });
  });

  it('lists every kind as available once the document is filed', async () => {
    const res = await b.http.get(`/api/cases/${doc.id}/documents`).set(bearer('official')).expect(200);
    expect(res.body.map((x: { kind: string }) => x.kind)).toEqual(KINDS);
    expect(res.body.every((x: { available: boolean }) => x.available)).toBe(true);
    expect(res.body[2]).toEqual({ kind: 'legality-opinion', title: '合法性审查意见书', available: true });
  });

  it('writes each paper from the record, names in full, dates in Chinese', async () => {
    const texts: Record<string, string> = {};
    for (const kind of KINDS) {
      const res = await fetchPaper('official', doc.id, kind);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
      expect(res.headers['content-disposition']).toMatch(/^attachment; filename="[^"]+"; filename\*=UTF-8''/);
      expect(decodeURIComponent(res.headers['content-disposition'].split("UTF-8''")[1])).toContain(TITLE);
      texts[kind] = await docxText(res.body as Buffer);
      expect(texts[kind]).toContain(TITLE);
      expect(texts[kind]).not.toMatch(/\bfgw\b/);
    }
    expect(texts['consultation-notice']).toContain('县发展和改革委员会');
    expect(texts['consultation-notice']).toContain('2023年5月5日至2023年5月16日');
    expect(texts['consultation-notice']).toContain('第一条 为规范城市停车管理');

    const summary = texts['adoption-summary'];
    expect(summary).toContain('共收到意见2条，采纳1条，部分采纳0条，未采纳1条');
    expect(summary).toContain('夜间停车应免费');
    expect(summary).toContain('张**');
    expect(summary).not.toContain('张三丰');
    expect(summary).toContain('县律师协会');
    expect(summary).toContain('与上位法收费规定不符');
    expect(summary).toContain('未采纳');
    expect(summary).toContain('2023年5月18日');

    const opinion = texts['legality-opinion'];
    expect(opinion).toContain('县发展和改革委员会：');
    expect(opinion).toContain('制定主体合法，内容不违反上位法规定。');
    expect(opinion).toContain('县司法局');
    expect(opinion).toContain('2023年5月25日');

    const filing = texts['filing-report'];
    expect(filing).toContain('宿迁市人民政府：');
    expect(filing).toContain('泗政规〔2023〕1号');
    expect(filing).toContain('泗阳县人民政府');
    expect(filing).toContain('2023年6月5日');
    expect(filing).toContain('2023年7月1日');
    expect(filing).toContain('2023年7月5日前');
    expect(filing).toContain('2023年6月20日');

    const form = texts['approval-form'];
    expect(form).toContain('县发展和改革委员会');
    expect(form).toContain('合法性审查');
    expect(form).toContain('出具合法性审查意见'.slice(0, 4));
    expect(form).toContain('reviewer（县司法局）');
    expect(form).toContain('国办发〔2018〕37号');
    expect(form).toContain('2023年6月20日');
    expect(form).not.toContain('legalityReview');
  });

  it('lists a paper whose records do not exist yet as unavailable, with its reason, and fetching it is 404', async () => {
    const zh = await b.http.get(`/api/cases/${fresh.id}/documents`).set(bearer('official')).expect(200);
    const opinion = zh.body.find((x: { kind: string }) => x.kind === 'legality-opinion');
    expect(opinion).toEqual({ kind: 'legality-opinion', title: '合法性审查意见书', available: false, reason: '尚未出具合法性审查意见' });
    expect(zh.body.find((x: { kind: string }) => x.kind === 'approval-form').available).toBe(true);
    const en = await b.http.get(`/api/cases/${fresh.id}/documents`).set(bearer('official')).set('Accept-Language', 'en').expect(200);
    expect(en.body.find((x: { kind: string }) => x.kind === 'legality-opinion')).toMatchObject({
      title: 'Legality review opinion',
      available: false,
      reason: 'no legality review opinion has been issued yet',
    });
    const res = await b.http.get(`/api/cases/${fresh.id}/documents/legality-opinion`).set(bearer('official')).expect(404);
    expect(res.body).toMatchObject({ code: 'NOT_FOUND', message: '尚未出具合法性审查意见' });
    await b.http.get(`/api/cases/${fresh.id}/documents/no-such-paper`).set(bearer('official')).expect(404);
    expect((await fetchPaper('official', fresh.id, 'approval-form')).status).toBe(200);
  });

  it('keeps department walls: another department 403, unknown case 404, a copied user may read', async () => {
    await b.http.get(`/api/cases/${doc.id}/documents`).set(bearer('zjjOfficial')).expect(403);
    expect((await fetchPaper('zjjOfficial', doc.id, 'approval-form')).status).toBe(403);
    await b.http.get('/api/cases/00000000-0000-4000-8000-000000000000/documents').set(bearer('official')).expect(404);
    await b.http.get(`/api/cases/${doc.id}/documents`).expect(401);
    const users = (await b.http.get('/api/users').set(bearer('admin')).expect(200)).body as { id: string; username: string }[];
    const zjj = users.find((u) => u.username === 'zjjOfficial')!.id;
    await b.http
      .post(`/api/cases/${doc.id}/copies`)
      .set(bearer('official'))
      .send({ userIds: [zjj] })
      .expect(200);
    await b.http.get(`/api/cases/${doc.id}/documents`).set(bearer('zjjOfficial')).expect(200);
    expect((await fetchPaper('zjjOfficial', doc.id, 'legality-opinion')).status).toBe(200);
  });
});
