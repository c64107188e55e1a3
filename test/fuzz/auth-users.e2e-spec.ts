/** Fuzzing sign-in, users and departments; the Authorization and Accept-Language headers (see fuzz-harness.ts for what every property checks). */
import fc from 'fast-check';
import { sign } from 'jsonwebtoken';
import {
  brokenBody,
  enc,
  Entries,
  Field,
  hugeString,
  J,
  jsonText,
  JWT_SECRET,
  notString,
  optionalText,
  over,
  protoEntry,
  Req,
  RUNS,
  text,
  useFuzzWorld,
  weirdString,
  Who,
  wrongBody,
} from './fuzz-harness';

jest.setTimeout(120_000);

describe('fuzzing: hostile input is refused with the contract error and changes nothing', () => {
  const { tokens, fixed, refused, property } = useFuzzWorld();

  // ───────────────────────────── sign-in and users ─────────────────────────────

  // 429: the wrong guesses for admin and official soon make those accounts wait (per-account backoff)
  it('POST /api/auth/login: any wrong body or wrong credentials is 400 or 401 (429 once an account waits)', async () => {
    const body = fc.oneof(
      fc
        .record({
          username: fc.oneof(fc.constantFrom<J>('admin', 'official', 'nobody'), weirdString, notString, over(64), hugeString),
          password: fc.oneof(weirdString, notString, over(200), fc.constantFrom<J>('chief-pass-123 ', 'CHIEF-PASS-123', 'test-pass-12')),
          proto: fc.option(protoEntry),
        })
        .map(({ username, password, proto }) =>
          jsonText(new Entries([['username', username], ['password', password], ...(proto ? [proto] : [])])),
        ),
      wrongBody,
    );
    await property(
      fc.record({
        body,
        contentType: fc.constantFrom(
          'application/json',
          'application/json; charset=utf-8',
          'text/plain',
          'application/x-www-form-urlencoded',
        ),
      }),
      async ({ body, contentType }) => {
        await refused({ method: 'POST', path: '/api/auth/login', body, who: 'none', contentType }, [400, 401, 413, 415, 429]);
      },
      Math.ceil(RUNS / 2),
    );
  });

  it('POST /api/users: a broken body or a non-admin is refused, no user is created', async () => {
    const fields: Field[] = [
      {
        key: 'username',
        valid: 'fuzz_user',
        required: true,
        bad: fc.oneof(
          notString,
          fc.constantFrom<J>('a', 'x'.repeat(65), 'has space', 'ünï', '', 'a/b', '中文', 'official', 'admin', 'a\u0000', '__proto__ '),
          weirdString.filter((s) => !/^[A-Za-z0-9_.-]{2,64}$/.test(s)),
        ),
      },
      {
        key: 'password',
        valid: 'Fuzz-pass-1',
        required: true,
        bad: fc.oneof(notString, fc.string({ maxLength: 7 }), over(200), hugeString),
      },
      { key: 'displayName', valid: '模糊', required: true, ...text(100) },
      {
        key: 'roles',
        valid: ['supervisor'],
        required: true,
        bad: fc.oneof(
          fc.constantFrom<J>(
            [],
            ['root'],
            ['Admin'],
            ['admin '],
            [1],
            [null],
            ['supervisor', 'god'],
            ['__proto__'],
            'admin',
            {},
            { 0: 'admin' },
            null,
          ),
          fc.array(weirdString, { minLength: 1, maxLength: 3 }),
        ),
        noise: fc.constantFrom<J>(['supervisor', 'supervisor'], ['reviewer'], ['admin', 'supervisor']),
      },
      {
        key: 'department',
        valid: 'fgw',
        required: false,
        bad: fc.oneof(notString, over(64), fc.constantFrom<J>('no-such-department', 'FGW', '__proto__', 'constructor', 'toString')),
        noise: fc.constantFrom<J>(null, 'fgw', 'zjj'),
      },
    ];
    const whoBreaks = fc.constantFrom<Who>('official', 'reviewer', 'secretariat', 'supervisor', 'none', 'forged');
    await property(
      fc.oneof(
        fc.record({ body: brokenBody(fields), who: fc.constant<Who>('admin') }),
        fc.record({ body: brokenBody(fields), who: whoBreaks }),
        fc.record({
          body: fc.constant(JSON.stringify({ username: 'fuzz_ok', password: 'Fuzz-pass-1', displayName: 'x', roles: ['admin'] })),
          who: whoBreaks,
        }),
        fc.record({
          body: fc.constant(JSON.stringify({ username: 'fuzz_off', password: 'Fuzz-pass-1', displayName: 'x', roles: ['official'] })),
          who: fc.constant<Who>('admin'),
        }),
      ),
      async ({ body, who }) => {
        await refused({ method: 'POST', path: '/api/users', body, who });
      },
    );
  });

  it('DELETE /api/users/:id and PUT /api/departments/:id: odd ids and broken bodies are refused', async () => {
    const id = fc.oneof(
      weirdString.filter((s) => s.length > 0),
      fc.uuid(),
      fc.constantFrom('fgw', 'zjj', 'admin', '..', '%2e%2e', '__proto__', 'constructor'),
    );
    const fields: Field[] = [
      { key: 'name', valid: '部门', required: true, ...text(100) },
      { key: 'documentPrefix', valid: '泗X规', required: false, ...optionalText(40) },
    ];
    await property(
      fc.oneof(
        fc.record({
          kind: fc.constant('put' as const),
          id,
          body: brokenBody(fields),
          who: fc.constantFrom<Who>('admin', 'admin', 'official', 'supervisor', 'none'),
        }),
        fc.record({
          kind: fc.constant('put' as const),
          id,
          body: fc.constant('{"name":"部门"}'),
          who: fc.constantFrom<Who>('official', 'reviewer', 'secretariat', 'supervisor', 'none', 'forged'),
        }),
        fc.record({
          kind: fc.constant('delete' as const),
          id: id.filter((s) => s !== 'admin'),
          body: fc.constant(''),
          who: fc.constantFrom<Who>('admin', 'official', 'supervisor', 'none'),
        }),
      ),
      async ({ kind, id, body, who }) => {
        const path = kind === 'put' ? `/api/departments/${enc(id)}` : `/api/users/${enc(id)}`;
        await refused({ method: kind === 'put' ? 'PUT' : 'DELETE', path, body: kind === 'put' ? body : undefined, who });
      },
    );
  });

  it('Authorization and Accept-Language headers: junk tokens are 401 UNAUTHENTICATED; any language header still gets the error shape', async () => {
    const valid = () => tokens.official;
    const flip = (s: string, at: number) => s.slice(0, at) + (s[at] === 'A' ? 'B' : 'A') + s.slice(at + 1);
    const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const badAuth = fc.oneof(
      fc.string({ unit: 'grapheme-ascii', maxLength: 60 }),
      fc.string({ unit: 'grapheme-ascii', maxLength: 60 }).map((s) => `Bearer ${s}`),
      fc.constantFrom(
        'Bearer',
        'Bearer ',
        'Bearer  ',
        'Basic YWRtaW46YWRtaW4tcGFzcy0xMjM=',
        'Token x',
        'Bearer null',
        'Bearer undefined',
        `Bearer ${'a'.repeat(7000)}`,
      ),
      fc.integer({ min: 0, max: 200 }).map((i) => {
        const t = valid();
        const [h, p, s] = t.split('.');
        const variants = [
          `Bearer ${t.slice(0, -1 - (i % 10))}`,
          `Bearer ${h}.${p}.${flip(s, i % (s.length - 2))}`,
          `Bearer ${h}.${flip(p, i % (p.length - 2))}.${s}`,
          `Bearer ${h}.${p}.`,
          `Bearer ${b64({ alg: 'none', typ: 'JWT' })}.${p}.`,
          `Bearer ${b64({ alg: 'HS512', typ: 'JWT' })}.${p}.${s}`,
          `Bearer  ${t}`,
          `Bearer\t${t}`,
          `bearer${t}`,
          `${t}`,
          `Bearer ${t}${t}`,
          `Bearer ${sign({ sub: 'x' }, JWT_SECRET, { algorithm: 'HS256' })}`,
          `Bearer ${sign({ sub: '1' }, JWT_SECRET, { algorithm: 'HS256', expiresIn: -60 })}`,
        ];
        return variants[i % variants.length];
      }),
    );
    const language = fc.oneof(
      fc.string({ unit: 'grapheme-ascii', maxLength: 40 }),
      fc.constantFrom('en', 'EN', 'en-US,zh;q=0.5', 'zh-CN', '*', ';q=0', ',,,', 'en;q=abc', 'x'.repeat(4000), 'de, en', '\t'),
    );
    const validCreate = JSON.stringify({ procedure: 'major-decision', title: 't', department: 'fgw' });
    await property(
      fc.oneof(
        fc.record({ auth: badAuth, lang: fc.option(language), kind: fc.constantFrom('me', 'create', 'history') }),
        fc.record({
          auth: fc.constant<string | null>(null),
          lang: language.map((l) => l as string | null),
          kind: fc.constant('missing-case'),
        }),
      ),
      async ({ auth, lang, kind }) => {
        const headers: Record<string, string> = {};
        if (auth !== null) headers.Authorization = auth;
        if (lang !== null) headers['Accept-Language'] = lang;
        if (kind === 'missing-case') {
          const res = await refused({ method: 'GET', path: '/api/cases/zz-missing', who: 'official', contentType: null, headers }, [404]);
          if (lang && /^\s*en/i.test(lang.split(',')[0])) expect(res.json.message).not.toMatch(/[\u4e00-\u9fff]/);
          return;
        }
        const req: Req =
          kind === 'me'
            ? { method: 'GET', path: '/api/me', who: 'none', contentType: null, headers }
            : kind === 'create'
              ? { method: 'POST', path: '/api/cases', body: validCreate, who: 'none', headers }
              : { method: 'GET', path: `/api/cases/${fixed.decision.id}/history`, who: 'none', contentType: null, headers };
        const res = await refused(req, [401]);
        expect(res.json.code).toBe('UNAUTHENTICATED');
      },
    );
  });
});
