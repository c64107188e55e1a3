// The edges of the server, as an attacker probes them: flooding the refusal log, pages without
// security headers, control characters in text, bodies too large, cross-site comments, the big
// anonymous procedures document, and secrets in query strings reaching the log.
import { randomUUID } from 'node:crypto';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import type { Browser } from 'playwright-core';
import { launchChromium } from './browser-harness';
import { ADMIN_PASSWORD, bootApp, CaseBody, useCounty } from './harness';

jest.setTimeout(120_000);

/** The pages' form check, loaded as the page runs it (required, so the server's type check leaves the DOM code of web/ alone). */
type JsonSchema = object;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { fieldsOf, validate } = require('../web/src/lib/schema-form') as {
  fieldsOf(schema: JsonSchema, root: JsonSchema, eventType: string): unknown[];
  validate(schema: JsonSchema, data: unknown, fields: unknown[]): Record<string, string>;
};

/** The Asia/Shanghai date `days` from now. */
function shanghaiDay(days = 0): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(Date.now() + days * 86_400_000),
  );
}

interface RefusalCounts {
  total: { anonymous: number; throttled: number };
  byDay: { day: string; anonymous: number; throttled: number }[];
}

const KEPT = 20;

describe('the edges of the server', () => {
  const { b, tokens, d, bearer } = useCounty({ LOG_LEVEL: 'info', DOCKET_REFUSALS_KEPT: String(KEPT) });
  const refusalRows = async () => Number((await b.sql('SELECT COUNT(*) AS n FROM refusals'))[0].n);
  const counts = async (server = b, token = tokens.supervisor) =>
    (await server.http.get('/api/audit/refusals/counts').set('Authorization', `Bearer ${token}`).expect(200)).body as RefusalCounts;

  // ───────────────────────── the refusal log ─────────────────────────

  describe('the refusal log', () => {
    it('500 anonymous POSTs to a missing path add no refusal row, are counted, and the count outlives a restart in at most a row a day', async () => {
      const f = await bootApp();
      let stopped = false;
      // a failure before the planned stop must not leave the server running (it would keep jest alive)
      try {
        const admin = (await f.http.post('/api/auth/login').send({ username: 'admin', password: ADMIN_PASSWORD }).expect(200)).body
          .accessToken as string;
        const rows = async () => Number((await f.sql('SELECT COUNT(*) AS n FROM refusals'))[0].n);
        const before = await rows();
        for (let batch = 0; batch < 20; batch++) {
          const answers = await Promise.all(
            Array.from({ length: 25 }, (_, i) => f.http.post(`/api/no-such-path/${batch}-${i}`).send({ junk: 'x'.repeat(100) })),
          );
          for (const a of answers) expect({ status: a.status, code: a.body.code }).toEqual({ status: 404, code: 'NOT_FOUND' });
        }
        // throttled: the sixth comment within a minute from one address
        const comments = [];
        for (let i = 0; i < 7; i++)
          comments.push((await f.http.post(`/api/public/consultations/${randomUUID()}/comments`).send({ content: '我的意见如下' })).status);
        expect(comments).toEqual([404, 404, 404, 404, 404, 429, 429]);

        expect(await rows()).toBe(before);
        const today = shanghaiDay();
        const counted = await counts(f, admin);
        expect(counted.total).toEqual({ anonymous: 505, throttled: 2 });
        expect(counted.byDay).toEqual([{ day: today, anonymous: 505, throttled: 2 }]);

        // a clean stop writes the counters: one row per day and kind, whatever the flood
        await f.close(true);
        stopped = true;
        const stored = await f.sql('SELECT day, kind, count FROM refusal_counts ORDER BY kind');
        expect(stored.map((r) => ({ ...r, count: Number(r.count) }))).toEqual([
          { day: today, kind: 'anonymous', count: 505 },
          { day: today, kind: 'throttled', count: 2 },
        ]);
        const again = await bootApp({}, f.dir);
        try {
          expect((await counts(again, admin)).total).toEqual({ anonymous: 505, throttled: 2 });
          expect(await again.sql('SELECT COUNT(*) AS n FROM refusals').then((r) => Number(r[0].n))).toBe(before);
        } finally {
          await again.close();
        }
      } finally {
        if (!stopped) await f.close();
      }
    });

    it('a signed-in user’s refusal is still listed, with who and what; an anonymous one is only counted', async () => {
      const c = await d.create('official', { procedure: 'major-decision', title: '测试', department: 'fgw', occurredAt: '2023-01-05' });
      const me = (await b.http.get('/api/me').set(bearer('official')).expect(200)).body as { id: string };
      const anonymousBefore = (await counts()).total.anonymous;
      await b.http.post('/api/cases').send({ procedure: 'major-decision', title: '匿名', department: 'fgw' }).expect(401);
      await d.send('official', c, 'APPROVE_START', '2023-01-06').expect(403);
      const log = (await b.http.get('/api/audit/refusals').set(bearer('supervisor')).expect(200)).body as Record<string, unknown>[];
      expect(log[0]).toMatchObject({ userId: me.id, method: 'POST', path: `/api/cases/${c.id}/events`, status: 403, code: 'FORBIDDEN' });
      expect(log.some((r) => r.userId === null)).toBe(false);
      expect((await counts()).total.anonymous).toBe(anonymousBefore + 1);
      await b.http.get('/api/audit/refusals/counts').set(bearer('official')).expect(403);
    });

    it(`keeps at most DOCKET_REFUSALS_KEPT (${KEPT}) refusals, the newest`, async () => {
      const paths: string[] = [];
      for (let i = 0; i < KEPT + 10; i++) {
        const path = `/api/cases/${randomUUID()}/events`;
        paths.push(path);
        await b.http.post(path).set(bearer('official')).send({ type: 'APPROVE_START', expectedVersion: 1, data: {} }).expect(404);
      }
      expect(await refusalRows()).toBe(KEPT);
      const log = (await b.http.get('/api/audit/refusals?limit=1000').set(bearer('supervisor')).expect(200)).body as { path: string }[];
      expect(log.map((r) => r.path)).toEqual(paths.slice(-KEPT).reverse());
    });
  });

  // ───────────────────────── security headers ─────────────────────────

  describe('security headers', () => {
    const directives = (csp: string) =>
      Object.fromEntries(
        csp
          .split(';')
          .map((d) => d.trim().split(/\s+/))
          .filter((p) => p[0])
          .map(([name, ...values]) => [name, values]),
      );

    it('a page has a strict CSP (no inline script), frame-ancestors none, nosniff and a referrer policy; no X-Powered-By', async () => {
      const page = await b.http.get('/cases').expect(200);
      expect(page.headers['content-type']).toMatch(/^text\/html/);
      const csp = directives(page.headers['content-security-policy']);
      expect(csp['script-src']).toEqual(["'self'"]);
      expect(csp['default-src']).toEqual(["'self'"]);
      expect(csp['object-src']).toEqual(["'none'"]);
      expect(csp['frame-ancestors']).toEqual(["'none'"]);
      expect(csp['base-uri']).toEqual(["'self'"]);
      expect(page.headers['x-content-type-options']).toBe('nosniff');
      expect(page.headers['referrer-policy']).toBe('no-referrer');
      expect(page.headers['x-frame-options']).toBe('DENY');
      expect(page.headers['x-powered-by']).toBeUndefined();
      // the page itself has no inline script for the policy to block
      expect(page.text).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/);

      // hashed assets keep their long cache
      const asset = /\/assets\/[^"]+\.js/.exec(page.text)![0];
      const js = await b.http.get(asset).expect(200);
      expect(js.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(js.headers['x-powered-by']).toBeUndefined();
    });

    it('an API answer, a refusal included, is no-store with the same headers and no X-Powered-By', async () => {
      for (const res of [await b.http.get('/api/me').set(bearer('official')).expect(200), await b.http.get('/api/cases').expect(401)]) {
        expect(res.headers['cache-control']).toBe('no-store');
        expect(res.headers['x-content-type-options']).toBe('nosniff');
        expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
        expect(res.headers['x-powered-by']).toBeUndefined();
      }
    });

    it('the Swagger UI at /api/docs works under the pages’ policy, with no CSP violation in the browser', async () => {
      const docs = await b.http.get('/api/docs').expect(200);
      const csp = directives(docs.headers['content-security-policy']);
      expect(csp['script-src']).toEqual(["'self'"]);
      expect(csp['frame-ancestors']).toEqual(["'none'"]);
      let browser: Browser | undefined;
      try {
        browser = await launchChromium();
        const page = await browser.newPage();
        const violations: string[] = [];
        page.on('console', (m) => {
          if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
        });
        page.on('pageerror', (e) => violations.push(e.message));
        await page.goto(`${b.baseUrl}/api/docs`);
        await page.locator('.swagger-ui .opblock').first().waitFor();
        expect(await page.locator('.swagger-ui .opblock').count()).toBeGreaterThan(20);
        expect(violations).toEqual([]);
      } finally {
        await browser?.close();
      }
    });
  });

  // ───────────────────────── text ─────────────────────────

  describe('control characters', () => {
    const caseCount = async () => Number((await b.sql('SELECT COUNT(*) AS n FROM cases'))[0].n);

    it.each([
      ['BEL', '\u0007'],
      ['ESC', '\u001b'],
      ['U+202E', '\u202e'],
      ['U+2066', '\u2066'],
      ['C1 U+0085', '\u0085'],
    ])('%s in a case title is 400 naming the field, and nothing is stored', async (_name, ch) => {
      const before = await caseCount();
      const res = await b.http
        .post('/api/cases')
        .set(bearer('official'))
        .send({ procedure: 'major-decision', title: `停车${ch}管理`, department: 'fgw' });
      expect({ status: res.status, code: res.body.code }).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
      expect(res.body.details).toEqual([expect.objectContaining({ field: 'title' })]);
      expect(await caseCount()).toBe(before);
    });

    it('nested fields and query parameters are named too; line breaks and tabs in multi-line text are kept', async () => {
      const c = await d.create('official', {
        procedure: 'major-decision',
        title: '城区公共停车设施建设',
        department: 'fgw',
        occurredAt: '2023-01-05',
        problem: '第一条\n第二条\r\n\t第三条',
      });
      const bad = await d.send('secretariat', c, 'APPROVE_START', '2023-01-06', { catalogueItemId: '2023-01\u001b[31m' });
      expect({ status: bad.status, code: bad.body.code, field: bad.body.details?.[0]?.field }).toEqual({
        status: 400,
        code: 'VALIDATION_FAILED',
        field: 'data.catalogueItemId',
      });
      const q = await b.http.get(`/api/cases?stage=${encodeURIComponent('drafting\u202e')}`).set(bearer('official'));
      expect({ status: q.status, field: q.body.details?.[0]?.field }).toEqual({ status: 400, field: 'stage' });
      expect((await d.get('official', c.id)).version).toBe(1);
      const history = (await b.http.get(`/api/cases/${c.id}/history`).set(bearer('official')).expect(200)).body as {
        data: Record<string, unknown>;
      }[];
      expect(JSON.stringify(history)).toContain(JSON.stringify('第一条\n第二条\r\n\t第三条'));
    });
  });

  // ───────────────────────── body size ─────────────────────────

  describe('body size', () => {
    it('a draftText of 100,000 Chinese characters is accepted; 100,001 is 400; a 2 MB body is 413 PAYLOAD_TOO_LARGE', async () => {
      const draft = await d.create('official', {
        procedure: 'normative-document',
        title: '长文本办法',
        department: 'fgw',
        affectsPublicRights: true,
        marketRelated: false,
        interim: false,
        issuingOrgan: 'government',
        occurredAt: '2023-03-01',
      });
      const period = { startDate: '2023-03-02', endDate: '2023-04-20', channels: ['县政府网站'] };
      const tooLong = await d.send('official', draft, 'OPEN_PUBLIC_COMMENT', '2023-03-02', { ...period, draftText: '中'.repeat(100_001) });
      expect({ status: tooLong.status, code: tooLong.body.code }).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
      const huge = await d.send('official', draft, 'OPEN_PUBLIC_COMMENT', '2023-03-02', { ...period, draftText: '中'.repeat(700_000) });
      expect({ status: huge.status, code: huge.body.code }).toEqual({ status: 413, code: 'PAYLOAD_TOO_LARGE' });
      const ok = await d.send('official', draft, 'OPEN_PUBLIC_COMMENT', '2023-03-02', { ...period, draftText: '中'.repeat(100_000) });
      expect(ok.status).toBe(200);
      expect((ok.body as CaseBody).version).toBe(2);
    });
  });

  // ───────────────────────── the public comment ─────────────────────────

  describe('the public comment', () => {
    let open: CaseBody;
    const commentsOf = async () => (await d.get('official', open.id)).comments.length;
    beforeAll(async () => {
      const draft = await d.create('official', {
        procedure: 'normative-document',
        title: '公开征求意见中的办法',
        department: 'fgw',
        affectsPublicRights: true,
        marketRelated: false,
        interim: false,
        issuingOrgan: 'government',
      });
      open = await d.ok('official', draft, 'OPEN_PUBLIC_COMMENT', shanghaiDay(), {
        draftText: '草案全文及起草说明',
        startDate: shanghaiDay(),
        endDate: shanghaiDay(40),
        channels: ['县政府网站'],
      });
    });

    it('a form-encoded or text/plain comment is 415; a foreign Origin is 403; same-origin JSON is 201', async () => {
      const path = `/api/public/consultations/${open.id}/comments`;
      const form = await b.http.post(path).type('form').send('content=来自别的网站的意见');
      expect({ status: form.status, code: form.body.code }).toEqual({ status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' });
      const plain = await b.http
        .post(path)
        .set('Content-Type', 'text/plain')
        .send(JSON.stringify({ content: '来自别的网站的意见' }));
      expect({ status: plain.status, code: plain.body.code }).toEqual({ status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' });
      for (const origin of ['https://evil.example', 'null', `${b.baseUrl.replace('127.0.0.1', 'localhost')}`]) {
        const foreign = await b.http.post(path).set('Origin', origin).send({ content: '来自别的网站的意见' });
        expect({ origin, status: foreign.status, code: foreign.body.code }).toEqual({ origin, status: 403, code: 'FORBIDDEN' });
      }
      expect(await commentsOf()).toBe(0);
      await b.http.post(path).set('Origin', b.baseUrl).send({ content: '建议明确过渡期安排' }).expect(201);
      await b.http.post(path).send({ content: '没有 Origin 的客户端' }).expect(201);
      expect(await commentsOf()).toBe(2);
    });

    it('every other write takes JSON only: a form-encoded sign-in is 415', async () => {
      const res = await b.http.post('/api/auth/login').type('form').send(`username=admin&password=${ADMIN_PASSWORD}`);
      expect({ status: res.status, code: res.body.code, token: res.body.accessToken }).toEqual({
        status: 415,
        code: 'UNSUPPORTED_MEDIA_TYPE',
        token: undefined,
      });
    });
  });

  // ───────────────────────── the procedures document ─────────────────────────

  describe('GET /api/procedures', () => {
    it('is compact (under 64 KB), each event schema still complete, and cached: If-None-Match gives 304', async () => {
      const res = await b.http.get('/api/procedures').expect(200);
      expect(res.text.length).toBeLessThan(64 * 1024);
      const etag = res.headers.etag as string;
      expect(etag).toMatch(/^"[^"]+"$/);
      expect(res.headers['cache-control']).toMatch(/max-age=\d+/);
      expect(res.headers.vary).toMatch(/accept-language/i);

      // every event's schema stands alone: ajv compiles it, nested references included
      const ajv = new Ajv({ strict: false });
      addFormats(ajv, ['date']);
      ajv.addFormat('date-time-or-date', /./);
      const procedures = res.body as { id: string; events: { type: string; schema: object }[] }[];
      for (const p of procedures) for (const e of p.events) ajv.compile(e.schema);
      const experts = procedures.find((p) => p.id === 'major-decision')!.events.find((e) => e.type === 'RECORD_EXPERT_ARGUMENTATION')!;
      const check = ajv.compile(experts.schema);
      const valid = {
        experts: [{ name: '张三', affiliation: '县律师协会', conflictOfInterest: false }],
        opinionSummary: '可行',
        adoptionSummary: '采纳',
      };
      expect(check(valid)).toBe(true);
      expect(check({ ...valid, experts: [{ name: '张三', affiliation: '县律师协会' }] })).toBe(false);

      // the pages' own check (no eval, for the CSP) reads the same schemas alike
      const schema = experts.schema as JsonSchema;
      const fields = fieldsOf(schema, schema, experts.type);
      expect(validate(schema, valid, fields)).toEqual({});
      const broken = validate(schema, { experts: [{ name: '', affiliation: '县律师协会' }], opinionSummary: '可行', extra: 1 }, fields);
      expect(Object.keys(broken).sort()).toEqual(['_', 'adoptionSummary', 'experts.0.conflictOfInterest', 'experts.0.name']);
      const open = procedures.find((p) => p.id === 'normative-document')!.events.find((e) => e.type === 'OPEN_PUBLIC_COMMENT')!;
      const openSchema = open.schema as JsonSchema;
      const openFields = fieldsOf(openSchema, openSchema, open.type);
      const period = { startDate: '2023-03-02', endDate: '2023-04-20', channels: ['县政府网站'] };
      expect(validate(openSchema, { ...period, draftText: '中'.repeat(100_000) }, openFields)).toEqual({});
      const wrong = validate(openSchema, { ...period, endDate: '2023-02-30', draftText: '中'.repeat(100_001) }, openFields);
      expect(Object.keys(wrong).sort()).toEqual(['draftText', 'endDate']);

      const again = await b.http.get('/api/procedures').set('If-None-Match', etag);
      expect(again.status).toBe(304);
      expect(again.text ?? '').toBe('');
      const english = await b.http.get('/api/procedures').set('Accept-Language', 'en').set('If-None-Match', etag).expect(200);
      expect(english.headers.etag).not.toBe(etag);
      const one = await b.http.get('/api/procedures/major-decision').expect(200);
      await b.http.get('/api/procedures/major-decision').set('If-None-Match', one.headers.etag).expect(304);
    });

    it('is the one answer with an ETag: the others are no-store, so none is computed for them', async () => {
      const cases = await b.http.get('/api/cases').set(bearer('official')).expect(200);
      expect(cases.headers['cache-control']).toBe('no-store');
      expect(cases.headers.etag).toBeUndefined();
      const page = await b.http.get('/api/public/consultations').expect(200);
      expect(page.headers.etag).toBeUndefined();
    });
  });

  // ───────────────────────── the log ─────────────────────────

  describe('the request log', () => {
    it('does not carry secrets sent in a query string', async () => {
      await b.http.get('/api/cases?access_token=SECRET123&page=1').expect(401);
      // an unknown parameter is refused (400), and logged like any request
      await b.http.get('/api/cases?page=1&api_key=SECRET456').set(bearer('official')).expect(400);
      const refused = await b.http.post(`/api/cases?session=SECRET789`).set(bearer('official')).send({ procedure: 'nope' });
      expect(refused.status).toBe(400);
      const log = (await b.http.get('/api/audit/refusals').set(bearer('supervisor')).expect(200)).body as { path: string }[];
      expect(log[0].path).toBe('/api/cases?session=[REDACTED]');
      await new Promise((r) => setTimeout(r, 300));
      const out = b.output();
      // the requests were logged, their secrets were not
      expect(out).toContain('access_token=[REDACTED]');
      expect(out).toContain('api_key=[REDACTED]');
      for (const secret of ['SECRET123', 'SECRET456', 'SECRET789']) expect(out).not.toContain(secret);
      // one short line per request: no headers at all, so no token or cookie can be in them
      const line = out.split('\n').find((l) => l.includes('access_token=[REDACTED]'))!;
      expect(JSON.parse(line)).toMatchObject({
        req: { method: 'GET', url: '/api/cases?access_token=[REDACTED]&page=1' },
        res: { statusCode: 401 },
      });
      expect(line).not.toMatch(/headers|user-agent|authorization/i);
    });
  });
});
