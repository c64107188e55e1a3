import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Response } from 'supertest';
import { extract } from 'tar-stream';
import { CaseBody, Tokens, useCounty } from './harness';

const COMMENT = '夜间停车应免费';
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** supertest parser that keeps the body as raw bytes */
function raw(res: Response, done: (err: Error | null, body: Buffer) => void) {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
}

/** every regular file of the tar, by its path under the top folder */
async function untar(tar: Buffer, top: string): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  const ex = extract();
  const done = new Promise<void>((ok, fail) => {
    ex.on('finish', ok);
    ex.on('error', fail);
  });
  ex.on('entry', (header, stream, next) => {
    const chunks: Buffer[] = [];
    stream.on('data', (c) => chunks.push(c as Buffer));
    stream.on('end', () => {
      expect(header.name.startsWith(`${top}/`)).toBe(true);
      if (header.type === 'file') files.set(header.name.slice(top.length + 1), Buffer.concat(chunks));
      next();
    });
  });
  ex.end(tar);
  await done;
  return files;
}

/** where in the tar a file's content starts (walking the 512-byte ustar headers) */
function contentOffset(tar: Buffer, name: string): { start: number; size: number } {
  for (let at = 0; at + 512 <= tar.length;) {
    const header = tar.subarray(at, at + 512);
    if (header.every((b) => b === 0)) break;
    const entryName = header.subarray(0, 100).toString('utf8').replace(/\0.*$/s, '');
    const size = parseInt(header.subarray(124, 136).toString('ascii').replace(/\0.*$/s, '').trim() || '0', 8);
    if (entryName === name) return { start: at + 512, size };
    at += 512 + Math.ceil(size / 512) * 512;
  }
  throw new Error(`no ${name} in the tar`);
}

/** extract into a fresh folder and run `sha256sum -c SHA256SUMS` there */
function checkWithSystemTools(tar: Buffer, id: string): { status: number; output: string } {
  const dir = mkdtempSync(join(tmpdir(), 'docket-archive-'));
  try {
    writeFileSync(join(dir, `${id}.tar`), tar);
    execFileSync('tar', ['xf', `${id}.tar`], { cwd: dir });
    try {
      const out = execFileSync('sha256sum', ['-c', 'SHA256SUMS'], { cwd: join(dir, id), env: { ...process.env, LC_ALL: 'C' } });
      return { status: 0, output: out.toString() };
    } catch (e) {
      const err = e as { status: number; stdout: Buffer; stderr: Buffer };
      return { status: err.status, output: `${err.stdout.toString()}${err.stderr.toString()}` };
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const EXPLANATION = Buffer.from('关于《泗阳县城市停车管理办法》的起草说明\n一、起草背景……\n', 'utf8');

describe('GET /api/cases/:id/archive', () => {
  const { b, tokens, d } = useCounty();
  let c: CaseBody;

  const download = (who: keyof Tokens, id: string) =>
    b.http.get(`/api/cases/${id}/archive`).set('Authorization', `Bearer ${tokens[who]}`).buffer(true).parse(raw);

  beforeAll(async () => {
    c = await d.create('official', {
      procedure: 'normative-document',
      title: '泗阳县城市停车管理办法',
      department: 'fgw',
      occurredAt: '2023-05-04',
      affectsPublicRights: true,
      marketRelated: false,
      interim: false,
      issuingOrgan: 'government',
    });
    c = await d.ok('official', c, 'OPEN_PUBLIC_COMMENT', '2023-05-05', {
      draftText: '草案全文及起草说明',
      startDate: '2023-05-05',
      endDate: '2023-05-16',
      channels: ['县政府网站'],
    });
    c = await d.ok('official', c, 'RECORD_COMMENT', '2023-05-08', { content: COMMENT });
    c = await d.ok('official', c, 'CLOSE_PUBLIC_COMMENT', '2023-05-17');
    c = await d.ok('official', c, 'DISPOSE_COMMENT', '2023-05-17', {
      commentId: 'c1',
      disposition: 'not-adopted',
      reason: '与上位法收费规定不符',
    });
    c = await d.ok('official', c, 'COMPLETE_PUBLIC_PARTICIPATION', '2023-05-18', { summary: '收到 1 条意见，未采纳，理由已公开' });
    c = await d.ok('official', c, 'SUBMIT_FOR_LEGALITY_REVIEW', '2023-05-18', { reviewDueDate: '2023-05-26' });
    c = await d.ok('reviewer', c, 'ISSUE_LEGALITY_OPINION', '2023-05-25', { conclusion: 'lawful', opinion: '合法' });
    c = await d.ok('secretariat', c, 'RECORD_COLLECTIVE_DELIBERATION', '2023-06-01', {
      meetingType: 'standing',
      meetingDate: '2023-06-01',
      outcome: 'approved',
    });
    c = await d.ok('secretariat', c, 'PUBLISH_DOCUMENT', '2023-06-05', { channels: ['县政府网站'], effectiveDate: '2023-07-01' });
    c = await d.ok('secretariat', c, 'RECORD_FILING', '2023-06-20', { filedWith: '宿迁市人民政府' });
    expect(c).toMatchObject({ stage: 'inForce', version: 11 });
    // the drafting explanation, attached
    const up = await b.http
      .post(`/api/cases/${c.id}/attachments`)
      .set('Authorization', `Bearer ${tokens.official}`)
      .field('kind', 'drafting-explanation')
      .field('expectedVersion', String(c.version))
      .attach('file', EXPLANATION, '起草说明.txt');
    expect(up.status).toBe(201);
    expect(up.body).toMatchObject({ sha256: sha256(EXPLANATION), size: EXPLANATION.length });
    c = await d.get('official', c.id);
    expect(c.version).toBe(12);
  });

  it('packs every record, the audit events, a README and SHA-256 sums that match the files', async () => {
    const res = await download('official', c.id).expect(200);
    expect(res.headers['content-type']).toMatch(/^application\/x-tar/);
    expect(res.headers['content-disposition']).toBe(`attachment; filename="${c.id}.tar"`);
    const tar = res.body as Buffer;
    expect(Buffer.isBuffer(tar)).toBe(true);
    const files = await untar(tar, c.id);

    const recordPaths = Object.keys(c.record).map((k) => `records/${k}.json`);
    expect(recordPaths).toEqual(
      expect.arrayContaining([
        'records/publicComment.json',
        'records/legalityReview.json',
        'records/deliberations.json',
        'records/publication.json',
        'records/filing.json',
      ]),
    );
    // the papers the case's records allow, the attachment, and the index a person reads first
    const listed = (await b.http.get(`/api/cases/${c.id}/documents`).set('Authorization', `Bearer ${tokens.official}`).expect(200))
      .body as { kind: string; available: boolean }[];
    const paperPaths = listed.filter((p) => p.available).map((p) => `papers/${p.kind}.docx`);
    expect(paperPaths).toHaveLength(5);
    const contentPaths = [
      'README.txt',
      'audit-events.json',
      'case.json',
      '案卷目录.txt',
      'attachments/01-drafting-explanation.txt',
      ...paperPaths,
      ...recordPaths,
    ];
    expect([...files.keys()].sort()).toEqual([...contentPaths, 'SHA256SUMS', 'manifest.json'].sort());

    // what the files say
    const read = (p: string) => JSON.parse(files.get(p)!.toString('utf8'));
    const caseJson = read('case.json');
    expect(caseJson).toEqual({
      id: c.id,
      procedure: 'normative-document',
      procedureVersion: c.procedureVersion,
      title: '泗阳县城市停车管理办法',
      department: 'fgw',
      stage: 'inForce',
      state: c.state,
      version: 12,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    for (const [k, v] of Object.entries(c.record)) expect(read(`records/${k}.json`)).toEqual(v);
    expect(read('records/publicComment.json').comments[0]).toMatchObject({ id: 'c1', content: COMMENT });
    expect(read('records/legalityReview.json')[0].opinion).toMatchObject({ conclusion: 'lawful', opinion: '合法' });
    expect(files.get('records/publicComment.json')!.toString('utf8')).toMatch(/\n$/);

    const events = read('audit-events.json');
    const history = await b.http.get(`/api/cases/${c.id}/history`).set('Authorization', `Bearer ${tokens.supervisor}`).expect(200);
    expect(events).toEqual(history.body);
    expect(events.map((e: { seq: number }) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(events[11]).toMatchObject({ type: 'ATTACHMENT_ADDED', data: { kind: 'drafting-explanation', sha256: sha256(EXPLANATION) } });
    expect(files.get('attachments/01-drafting-explanation.txt')!.equals(EXPLANATION)).toBe(true);
    // every paper is a Word file
    for (const p of paperPaths) expect(files.get(p)!.subarray(0, 2).toString('latin1')).toBe('PK');

    // what a person reads: full names, not codes
    const index = files.get('案卷目录.txt')!.toString('utf8');
    for (const text of [
      '案卷目录',
      '泗阳县城市停车管理办法',
      '县发展和改革委员会',
      '现行有效',
      '合法性审查意见书',
      '【起草说明】起草说明.txt',
    ]) {
      expect(index).toContain(text);
    }
    expect(index).not.toMatch(/承办单位：fgw|inForce/);
    expect(events[0]).toEqual(
      expect.objectContaining({ id: expect.any(Number), prevHash: '0'.repeat(64), hash: expect.stringMatching(/^[0-9a-f]{64}$/) }),
    );
    expect(events[2]).toMatchObject({ type: 'RECORD_COMMENT', data: { content: COMMENT } });
    for (let i = 1; i < events.length; i++) expect(events[i].prevHash).toBe(events[i - 1].hash);

    const readme = files.get('README.txt')!.toString('utf8');
    expect(readme).toContain('承办单位：县发展和改革委员会');
    expect(readme).toContain(`tar xf ${c.id}.tar && cd ${c.id} && sha256sum -c SHA256SUMS`);
    expect(readme).toMatch(/校验/);
    expect(readme).toMatch(/English/);

    // the manifest and SHA256SUMS agree with the bytes
    const manifest = read('manifest.json');
    expect(manifest).toMatchObject({ caseId: c.id, procedure: 'normative-document', title: '泗阳县城市停车管理办法' });
    expect(new Date(manifest.generatedAt).toISOString()).toBe(manifest.generatedAt);
    expect(manifest.files.map((f: { path: string }) => f.path).sort()).toEqual([...contentPaths].sort());
    for (const f of manifest.files as { path: string; bytes: number; sha256: string }[]) {
      expect(f).toEqual({ path: f.path, bytes: files.get(f.path)!.length, sha256: sha256(files.get(f.path)!) });
    }
    const sums = files.get('SHA256SUMS')!.toString('utf8');
    const lines = sums.trimEnd().split('\n');
    const paths = lines.map((l) => l.slice(66));
    expect(paths).toEqual([...contentPaths, 'manifest.json'].sort());
    for (const line of lines) {
      const m = /^([0-9a-f]{64}) {2}(.+)$/.exec(line);
      expect(m).not.toBeNull();
      expect(m![1]).toBe(sha256(files.get(m![2])!));
    }

    // the same bytes for the same case, but for generatedAt and the papers (written anew, each a dated Word file)
    const again = await untar((await download('supervisor', c.id).expect(200)).body as Buffer, c.id);
    for (const p of contentPaths.filter((x) => !x.startsWith('papers/'))) expect(again.get(p)!.equals(files.get(p)!)).toBe(true);
  });

  it('is checked by the system tools, and a changed byte is named as FAILED', async () => {
    const tar = (await download('official', c.id).expect(200)).body as Buffer;
    const good = checkWithSystemTools(tar, c.id);
    expect(good).toMatchObject({ status: 0 });
    expect(good.output).toContain('records/publicComment.json: OK');
    expect(good.output).toContain('manifest.json: OK');

    // change one byte of the comment's text inside records/publicComment.json
    const { start, size } = contentOffset(tar, `${c.id}/records/publicComment.json`);
    const at = tar.subarray(start, start + size).indexOf(Buffer.from(COMMENT, 'utf8'));
    expect(at).toBeGreaterThanOrEqual(0);
    const tampered = Buffer.from(tar);
    tampered[start + at + 2] ^= 0x01; // last byte of 夜: 夜 → another character, still valid UTF-8
    expect(tampered.equals(tar)).toBe(false);

    const bad = checkWithSystemTools(tampered, c.id);
    expect(bad.status).not.toBe(0);
    expect(bad.output).toContain('records/publicComment.json: FAILED');
    expect(bad.output.match(/FAILED$/gm)).toHaveLength(1);
  });

  it('refuses another department, an unknown case and a missing token in the contract shape', async () => {
    const other = await b.http.get(`/api/cases/${c.id}/archive`).set('Authorization', `Bearer ${tokens.zjjOfficial}`).expect(403);
    expect(other.headers['content-type']).toMatch(/json/);
    expect(other.body).toMatchObject({ statusCode: 403, code: 'FORBIDDEN', message: expect.any(String) });

    const unknown = await b.http
      .get('/api/cases/00000000-0000-4000-8000-000000000000/archive')
      .set('Authorization', `Bearer ${tokens.official}`)
      .expect(404);
    expect(unknown.body).toMatchObject({ statusCode: 404, code: 'NOT_FOUND', message: expect.any(String) });

    const anonymous = await b.http.get(`/api/cases/${c.id}/archive`).expect(401);
    expect(anonymous.body).toMatchObject({ statusCode: 401, code: 'UNAUTHENTICATED', message: expect.any(String) });
  });
});
