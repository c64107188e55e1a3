/**
 * Attachments (附件) on cases: uploaded as multipart, told by their bytes (not their name), kept in
 * the database so every instance serves them, recorded in the case's audit chain with their
 * SHA-256; read by whoever may read the case, added by whoever holds a step on it. A refused
 * upload (too large, an executable, a ZIP that is not a document, a stale version, the wrong
 * person) stores nothing and leaves the case's version where it was.
 */
import { createHash } from 'node:crypto';
import JSZip from 'jszip';
import type { Response } from 'supertest';
import { Booted, CaseBody, expectAuditIntact, registerDocument, Tokens, useCounty } from './harness';

type Who = keyof Tokens;

const MAX = 64 * 1024;
const PDF = Buffer.concat([
  Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n', 'latin1'),
  Buffer.alloc(2000, 7),
]);
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** supertest: a binary body as a Buffer */
const binary = (res: Response, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

describe('attachments: upload, download, refusals, walls', () => {
  const { b, b2, tokens, d, bearer } = useCounty({ DOCKET_ATTACHMENT_MAX_BYTES: String(MAX) }, { second: true });

  const draft = (title: string, who: 'official' | 'zjjOfficial' = 'official') =>
    d.create(who, {
      procedure: 'normative-document',
      title,
      department: who === 'zjjOfficial' ? 'zjj' : 'fgw',
      occurredAt: '2023-03-01',
      affectsPublicRights: false,
      marketRelated: false,
      interim: false,
      issuingOrgan: 'government',
    });

  const upload = (
    who: Who,
    c: { id: string; version: number },
    file: Buffer,
    name: string,
    kind = 'draft',
    server: Booted = b,
    version = c.version,
  ) =>
    server.http
      .post(`/api/cases/${c.id}/attachments`)
      .set(bearer(who))
      .attach('file', file, name)
      .field('kind', kind)
      .field('expectedVersion', String(version));

  const download = (who: Who, caseId: string, attachmentId: string, server: Booted = b) =>
    server.http.get(`/api/cases/${caseId}/attachments/${attachmentId}`).set(bearer(who)).buffer(true).parse(binary);

  const rows = async (caseId: string) => Number((await b.sql('SELECT COUNT(*) AS n FROM attachments WHERE case_id = ?', [caseId]))[0].n);
  const version = async (c: { id: string }) => (await d.get('official', c.id)).version;

  /** a refusal: the status and code, nothing stored, the case's version unmoved */
  async function refusedWith(res: Response, status: number, code: string, c: CaseBody) {
    expect({ status: res.status, code: res.body.code }).toEqual({ status, code });
    expect(await rows(c.id)).toBe(0);
    expect(await version(c)).toBe(c.version);
  }

  it('a PDF goes up and comes back byte for byte, its SHA-256 in the case history and the audit chain', async () => {
    const c = await draft('城区停车管理办法');
    const res = await upload('official', c, PDF, '停车管理办法（送审稿）.pdf');
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.any(String),
      name: '停车管理办法（送审稿）.pdf',
      size: PDF.length,
      sha256: sha(PDF),
      kind: 'draft',
    });

    const got = await download('official', c.id, res.body.id).expect(200);
    expect(Buffer.compare(got.body as Buffer, PDF)).toBe(0);
    expect(got.headers['content-type']).toBe('application/pdf');
    expect(got.headers['x-content-type-options']).toBe('nosniff');
    expect(got.headers['content-disposition']).toBe(
      `attachment; filename="___________.pdf"; filename*=UTF-8''${encodeURIComponent('停车管理办法（送审稿）.pdf')}`,
    );

    const list = await b.http.get(`/api/cases/${c.id}/attachments`).set(bearer('official')).expect(200);
    expect(list.body).toEqual([
      {
        id: res.body.id,
        name: '停车管理办法（送审稿）.pdf',
        size: PDF.length,
        sha256: sha(PDF),
        kind: 'draft',
        contentType: 'application/pdf',
        uploadedBy: expect.any(String),
        uploadedAt: expect.any(String),
        seq: c.version + 1,
      },
    ]);

    const history = (await b.http.get(`/api/cases/${c.id}/history`).set(bearer('official')).expect(200)).body as {
      type: string;
      seq: number;
      actorRole: string;
      data: Record<string, unknown>;
    }[];
    expect(history[history.length - 1]).toMatchObject({
      type: 'ATTACHMENT_ADDED',
      seq: c.version + 1,
      actorRole: 'official',
      data: { attachmentId: res.body.id, kind: 'draft', name: '停车管理办法（送审稿）.pdf', size: PDF.length, sha256: sha(PDF) },
    });
    expect(await version(c)).toBe(c.version + 1);
    await expectAuditIntact(b, tokens.supervisor);
  });

  it('what the bytes are decides, not the name: a text file, a .docx, a legacy .doc; the stored type is the found one', async () => {
    const c = await draft('老旧小区改造办法');
    const text = await upload('official', c, Buffer.from('起草说明：一、必要性……\n'), '起草说明.pdf', 'drafting-explanation');
    expect(text.status).toBe(201);
    const z = new JSZip();
    z.file('[Content_Types].xml', '<Types/>');
    z.file('word/document.xml', '<w:document/>');
    const docx = await z.generateAsync({ type: 'nodebuffer' });
    const up = await upload('official', { id: c.id, version: c.version + 1 }, docx, 'expert.bin', 'expert-report');
    expect(up.status).toBe(201);
    const doc = Buffer.concat([
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
      Buffer.alloc(504),
      Buffer.from('WordDocument', 'utf16le'),
    ]);
    expect((await upload('official', { id: c.id, version: c.version + 2 }, doc, '会议纪要.doc', 'meeting-minutes')).status).toBe(201);
    const list = (await b.http.get(`/api/cases/${c.id}/attachments`).set(bearer('official')).expect(200)).body as { contentType: string }[];
    expect(list.map((a) => a.contentType)).toEqual([
      'text/plain; charset=utf-8',
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      'application/msword',
    ]);
  });

  it('an oversized file is 413, an executable or a ZIP that is not OOXML 415: nothing stored, no version taken', async () => {
    const c = await draft('农贸市场管理办法');
    const big = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(MAX + 1, 0x20)]);
    const tooBig = await upload('official', c, big, 'big.pdf');
    await refusedWith(tooBig, 413, 'PAYLOAD_TOO_LARGE', c);
    expect(tooBig.body.message).toBe('附件过大：单个附件不得超过 64 KB，未保存');

    const exe = await upload('official', c, Buffer.concat([Buffer.from('MZ\x90\x00', 'latin1'), Buffer.alloc(300)]), '说明.pdf');
    await refusedWith(exe, 415, 'UNSUPPORTED_MEDIA_TYPE', c);
    expect(exe.body.message).toContain('Windows 可执行程序（MZ）');

    const z = new JSZip();
    z.file('readme.txt', 'hello');
    z.file('tool.exe', 'MZ');
    const zip = await upload('official', c, await z.generateAsync({ type: 'nodebuffer' }), 'report.docx');
    await refusedWith(zip, 415, 'UNSUPPORTED_MEDIA_TYPE', c);

    const english = await upload('official', c, Buffer.from('#!/bin/sh\necho hi\n'), 'a.txt').set('Accept-Language', 'en');
    await refusedWith(english, 415, 'UNSUPPORTED_MEDIA_TYPE', c);
    expect(english.body.message).toMatch(/^refused: a script \(#!\)/);
  });

  it('the fields are checked and named: kind, expectedVersion, the file and its name; JSON is 415 here', async () => {
    const c = await draft('户外广告设置管理办法');
    const bad = await upload('official', c, PDF, 'a.pdf', 'poster');
    await refusedWith(bad, 400, 'VALIDATION_FAILED', c);
    expect(bad.body.details).toEqual([{ field: 'kind', problems: [expect.any(String)] }]);
    const v = await upload('official', c, PDF, 'a.pdf', 'draft', b, 0);
    await refusedWith(v, 400, 'VALIDATION_FAILED', c);
    expect(v.body.details[0].field).toBe('expectedVersion');
    const noFile = await b.http
      .post(`/api/cases/${c.id}/attachments`)
      .set(bearer('official'))
      .field('kind', 'draft')
      .field('expectedVersion', String(c.version));
    await refusedWith(noFile, 400, 'VALIDATION_FAILED', c);
    expect(noFile.body.details[0].field).toBe('file');
    const longName = await upload('official', c, PDF, `${'长'.repeat(201)}.pdf`);
    await refusedWith(longName, 400, 'VALIDATION_FAILED', c);
    expect(longName.body.details[0].field).toBe('file');
    const control = await upload('official', c, PDF, 'a\u202Efdp.exe');
    await refusedWith(control, 400, 'VALIDATION_FAILED', c);
    const json = await b.http.post(`/api/cases/${c.id}/attachments`).set(bearer('official')).send({ kind: 'draft' });
    await refusedWith(json, 415, 'UNSUPPORTED_MEDIA_TYPE', c);
  });

  it('a stale expectedVersion is 409 and stores nothing', async () => {
    const c = await draft('网约车管理办法');
    const res = await upload('official', c, PDF, 'a.pdf', 'draft', b, c.version + 1);
    await refusedWith(res, 409, 'VERSION_CONFLICT', c);
    expect(res.body.details).toEqual({ currentVersion: c.version });
  });

  it("another department's official may neither upload nor download; a copied user downloads but does not upload", async () => {
    const c = await draft('城市绿化管理办法');
    const up = await upload('official', c, PDF, '起草说明.pdf', 'drafting-explanation');
    expect(up.status).toBe(201);
    const now = { id: c.id, version: c.version + 1 };

    const wall = await upload('zjjOfficial', now, PDF, 'x.pdf');
    expect(wall.status).toBe(403);
    expect((await download('zjjOfficial', c.id, up.body.id)).status).toBe(403);
    expect((await b.http.get(`/api/cases/${c.id}/attachments`).set(bearer('zjjOfficial'))).status).toBe(403);

    const users = (await b.http.get('/api/users').set(bearer('admin')).expect(200)).body as { id: string; username: string }[];
    const zjj = users.find((u) => u.username === 'zjjOfficial')!.id;
    await b.http
      .post(`/api/cases/${c.id}/copies`)
      .set(bearer('official'))
      .send({ userIds: [zjj] })
      .expect(200);
    const copied = { id: c.id, version: now.version + 1 };
    const got = await download('zjjOfficial', c.id, up.body.id).expect(200);
    expect(Buffer.compare(got.body as Buffer, PDF)).toBe(0);
    const readOnly = await upload('zjjOfficial', copied, PDF, 'x.pdf');
    expect({ status: readOnly.status, code: readOnly.body.code }).toEqual({ status: 403, code: 'FORBIDDEN' });
    expect(readOnly.body.message).toBe('抄送的案件仅供查看，不能办理');
    expect(await rows(c.id)).toBe(1);

    // a supervisor reads everything but holds no step: no upload
    expect((await upload('supervisor', copied, PDF, 'x.pdf')).status).toBe(403);
    // unknown ids
    expect((await download('official', c.id, '00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await download('official', '00000000-0000-4000-8000-000000000000', up.body.id)).status).toBe(404);
  });

  it('the reviewer adds papers only during legality review; the secretariat may; a closed case takes none (422)', async () => {
    const c = await draft('物业管理办法');
    expect((await upload('reviewer', c, PDF, 'opinion.pdf', 'other')).status).toBe(403);
    const inReview = await d.ok('official', c, 'SUBMIT_FOR_LEGALITY_REVIEW', '2023-03-01', { reviewDueDate: '2023-03-10' });
    const byReviewer = await upload('reviewer', inReview, PDF, '审查意见.pdf', 'other');
    expect(byReviewer.status).toBe(201);
    const bySecretariat = await upload('secretariat', { id: c.id, version: inReview.version + 1 }, PDF, '会议纪要.pdf', 'meeting-minutes');
    expect(bySecretariat.status).toBe(201);
    const history = (await b.http.get(`/api/cases/${c.id}/history`).set(bearer('official')).expect(200)).body as { actorRole: string }[];
    expect(history.slice(-2).map((e) => e.actorRole)).toEqual(['reviewer', 'secretariat']);

    const id = await registerDocument(b, tokens, {
      title: '泗阳县旧办法',
      documentNumber: '泗政规〔2020〕3号',
      publishedOn: '2020-07-01',
      effectiveDate: '2020-07-01',
      occurredAt: '2023-01-05',
    });
    const doc = await d.get('secretariat', id);
    const repealed = await d.ok('secretariat', doc, 'REPEAL', '2023-06-30', { reason: '已被新办法替代' });
    const closed = await upload('secretariat', repealed, PDF, 'x.pdf');
    expect({ status: closed.status, code: closed.body.code, blocker: closed.body.blockers?.[0]?.code }).toEqual({
      status: 422,
      code: 'PROCEDURE_VIOLATION',
      blocker: 'CASE_NOT_OPEN',
    });
    expect(await rows(id)).toBe(0);
  });

  it('uploaded through one instance, downloaded from the other (both on one database)', async () => {
    const c = await draft('燃气安全管理办法');
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(5000, 3)]);
    const up = await upload('official', c, png, '现场照片.png', 'other', b2);
    expect(up.status).toBe(201);
    const got = await download('official', c.id, up.body.id, b).expect(200);
    expect(got.headers['content-type']).toBe('image/png');
    expect(sha(got.body as Buffer)).toBe(up.body.sha256);
    const again = await download('official', c.id, up.body.id, b2).expect(200);
    expect(Buffer.compare(again.body as Buffer, png)).toBe(0);
    await expectAuditIntact(b2, tokens.supervisor);
  });
});
