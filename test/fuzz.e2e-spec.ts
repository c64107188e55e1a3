/**
 * Property-based fuzzing of every endpoint that takes input, against the real built server.
 *
 * Each property generates requests that the contract says must be refused (a breaking mutation
 * of an otherwise valid body, a wrong role, a stale version, a step the stage does not allow, an
 * unknown id, a bad token) and mixes in hostile noise: huge strings, deep nesting, wrong types,
 * arrays for objects, `__proto__` / `constructor` / `prototype` keys sent as raw JSON text,
 * control characters and lone surrogates, invalid dates, date-times in odd time zones, raw
 * NaN / Infinity / 1e309, bad Accept-Language, Content-Type and Authorization headers.
 *
 * For every request: the status is 4xx (never 5xx) and the body is the contract's error
 * `{statusCode, code, message}` with `statusCode` = the HTTP status and a known `code`. Around
 * every property: nothing changed (fixed cases' version, state and history, the audit chain,
 * users, departments, catalogues, clean-ups, calendar), and `Object.prototype` in the server was
 * not polluted (defaults such as `page`, `pageSize` and `limit` still apply, and no `polluted`
 * appears in later answers).
 *
 * What fuzzing found is kept below as fixed regression tests ("found by fuzzing"); those still
 * failing are marked `knownBug` and run as `it.failing` (DOCKET_STRICT_BUGS=1 runs them as
 * ordinary tests, to see them red). FUZZ_RUNS scales the number of runs, FUZZ_SEED fixes the seed.
 *
 * docs/contract.md: "Errors", "Events", "Time".
 */
import fc from 'fast-check';
import { sign } from 'jsonwebtoken';
import { bootApp, Booted, CaseBody, caseDriver, setUpCounty, Tokens } from './harness';

jest.setTimeout(120_000);

const RUNS = Number(process.env.FUZZ_RUNS ?? 120);
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;
const fcOptions = (numRuns = RUNS) => ({ numRuns, ...(SEED !== undefined ? { seed: SEED } : {}) });

/** A bug found here that is not fixed yet: the test states the contract and is expected to fail. */
const knownBug = it;

const ERROR_CODES = [
  'VALIDATION_FAILED',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'SEPARATION_OF_DUTIES',
  'NOT_FOUND',
  'VERSION_CONFLICT',
  'ALREADY_EXISTS',
  'PROCEDURE_VIOLATION',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'TOO_MANY_REQUESTS',
];

const JWT_SECRET = 'e2e-secret-e2e-secret-e2e-secret';

// ───────────────────────────── JSON written by hand ─────────────────────────────

/** JSON text exactly as given (NaN, 1e309, a malformed fragment). */
class Raw {
  constructor(readonly text: string) {}
}
/** An object as a list of entries, so keys such as `__proto__` survive as own keys of the JSON text. */
class Entries {
  constructor(readonly entries: [string, J][]) {}
}
type J = null | boolean | number | string | Raw | Entries | J[] | { [k: string]: J };

function jsonText(v: J): string {
  if (v instanceof Raw) return v.text;
  if (v instanceof Entries) return `{${v.entries.map(([k, x]) => `${JSON.stringify(k)}:${jsonText(x)}`).join(',')}}`;
  if (Array.isArray(v)) return `[${v.map(jsonText).join(',')}]`;
  if (v !== null && typeof v === 'object') return jsonText(new Entries(Object.entries(v)));
  return JSON.stringify(v) ?? 'null';
}

// ───────────────────────────── arbitraries ─────────────────────────────

const CONTROL = Array.from({ length: 32 }, (_, i) => String.fromCharCode(i)).concat(['\u007f', '\u2028', '\u2029', '\u202e', '\ufeff']);
const SURROGATES = ['\ud800', '\udbff', '\udc00', '\udfff', '\ud83d'];
const NASTY = [
  '',
  ' ',
  'null',
  'undefined',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  '<script>alert(1)</script>',
  "'; DROP TABLE cases; --",
  '" OR 1=1 --',
  '../../../etc/passwd',
  '%00',
  '${7*7}',
  '{{7*7}}',
  '𠮷𠮷𠮷',
  '\u0000',
  '\ud800',
  'a\u0000b',
  'ｆｇｗ',
];

/** Strings a text field may legally hold but code may choke on: control characters, lone surrogates, any code point. */
const weirdString: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: fc.constantFrom(...CONTROL, ...SURROGATES, 'a', '中'), minLength: 1, maxLength: 20 }),
  fc.constantFrom(...NASTY),
);

/** Longer than a field allows; over the body limit (1 MB) when its characters are escaped. */
const hugeString: fc.Arbitrary<string> = fc
  .tuple(fc.integer({ min: 100_001, max: 250_000 }), fc.constantFrom('x', '中', '\u0000', '\ud800'))
  .map(([n, c]) => c.repeat(n));

/** encodeURIComponent for any string: lone surrogates (which no URL can carry) become U+FFFD. */
const enc = (s: string) =>
  encodeURIComponent(s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd'));

const over = (max: number) => fc.integer({ min: max + 1, max: max + 50 }).map((n) => 'x'.repeat(n));

/** A JSON value of some other type than a string (and not null, which optional fields accept). */
const notString: fc.Arbitrary<J> = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.array(fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<J>, { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.jsonValue({ maxDepth: 1 }) as fc.Arbitrary<J>, { maxKeys: 3 }),
  fc.constantFrom<J>(new Raw('1e309'), new Raw('-1e309'), new Raw('-0'), [], {}),
);
const notBoolean: fc.Arbitrary<J> = fc.oneof(
  fc.constantFrom<J>('true', 'false', 1, 0, null, [], {}, [true], 'yes'),
  fc.string({ maxLength: 5 }),
  fc.integer(),
);
const notInt: fc.Arbitrary<J> = fc.oneof(
  fc.constantFrom<J>(
    new Raw('1e309'),
    new Raw('-1e309'),
    new Raw('NaN'),
    new Raw('Infinity'),
    new Raw('-Infinity'),
    new Raw('0x1'),
    new Raw('01'),
    new Raw('.5'),
    new Raw('+1'),
    1.5,
    -1,
    2147483648,
    '1',
    '',
    null,
    true,
    [],
    [1],
    {},
  ),
  fc.double({ noInteger: true }).map((x) => new Raw(Number.isFinite(x) ? String(x) : 'NaN')),
);

/** Never a date the contract accepts (`YYYY-MM-DD`, real, four-digit year). */
const invalidDate: fc.Arbitrary<J> = fc.oneof(
  fc.constantFrom<J>(
    '2023-02-30',
    '2023-02-29',
    '2023-13-01',
    '2023-00-10',
    '2023-01-00',
    '2023-01-32',
    '99999-01-01',
    '+002023-01-01',
    '-2023-01-01',
    '0000-00-00',
    '',
    'now',
    'today',
    '2023-2-1',
    '2023/02/01',
    '20230201',
    '01-02-2023',
    '２０２３-０１-０１',
    '2023-01-01 ',
    ' 2023-01-01',
    '2023-01-01\u0000',
    'Invalid Date',
    '2023-W05-1',
    new Raw('1e309'),
    1672531200000,
    20230101,
  ),
  notString,
);
/** A date-only field: date-times are not dates either. */
const invalidDateOnly: fc.Arbitrary<J> = fc.oneof(invalidDate, fc.constantFrom<J>('2023-01-01T00:00:00Z', '2023-01-01T08:00:00+08:00'));
/** Not a date-or-instant: broken times, out-of-range offsets, no offset. */
const invalidInstant: fc.Arbitrary<J> = fc.oneof(
  invalidDate,
  fc.constantFrom<J>(
    '2023-03-05T10:00:00',
    '2023-03-05T10:00',
    '2023-03-05T',
    '2023-03-05T25:00:00Z',
    '2023-03-05T10:60:00Z',
    '2023-03-05T10:00:61Z',
    '2023-03-05T10:00:00+24:00',
    '2023-03-05T10:00:00+14:60',
    '2023-03-05T10:00:00+99:99',
    '2023-03-05T10:00:00 +08:00',
    '2023-03-05t10:00:00z',
    '2023-02-30T10:00:00Z',
    '2023-03-05T10:00:00.1234567890Z',
    '2023-03-05T10:00:00+0800',
  ),
);

const OFFSETS = ['Z', '+14:00', '-12:00', '+08:00', '+05:45', '-09:30', '+00:00', '-00:00', '+13:45', '-11:00'];
/** `t` written as an ISO date-time in the given offset. */
function inOffset(t: number, offset: string): string {
  const minutes = offset === 'Z' ? 0 : (offset[0] === '-' ? -1 : 1) * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6)));
  return new Date(t + minutes * 60_000).toISOString().slice(0, 19) + offset;
}
/** The Asia/Shanghai calendar date `days` from now. */
function shanghaiDay(days = 0): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(Date.now() + days * 86_400_000),
  );
}
/** Strictly in the future, as a date (from tomorrow in Shanghai) or an instant in any offset. */
const futureDateOrInstant: fc.Arbitrary<string> = fc.oneof(
  fc.integer({ min: 1, max: 3_000_000 }).map((days) => (days < 2_900_000 ? shanghaiDay(days % 2_900_000) : '9999-12-31')),
  fc
    .tuple(fc.integer({ min: 5, max: 60 * 24 * 365 * 50 }), fc.constantFrom(...OFFSETS))
    .map(([minutes, offset]) => inOffset(Date.now() + minutes * 60_000, offset)),
);
/** A lawful past date or instant in an odd offset: noise, used only where something else breaks the request. */
const pastDateOrInstant: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('2023-03-05', '2023-03-01'),
  fc
    .tuple(fc.integer({ min: Date.UTC(2023, 2, 1), max: Date.UTC(2023, 5, 1) }), fc.constantFrom(...OFFSETS))
    .map(([t, o]) => inOffset(t, o)),
);

/** The Asia/Shanghai date `years` (and `days`) from today. */
function yearsAhead(years: number, days = 0): string {
  const [y, m, d] = shanghaiDay().split('-').map(Number);
  const last = new Date(Date.UTC(y + years, m, 0)).getUTCDate();
  return new Date(Date.UTC(y + years, m - 1, Math.min(d, last)) + days * 86_400_000).toISOString().slice(0, 10);
}
const THIS_YEAR = Number(shanghaiDay().slice(0, 4));
/** Real dates (or date-shaped text) before any floor: year 1, 1000, before 1980 (the oldest registered documents). */
const ancientDate: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('0001-01-01', '0100-01-01', '1000-01-01', '1899-12-31', '1979-12-31'),
  fc.integer({ min: 1000, max: 1979 }).map((y) => `${y}-06-15`),
);
/** Before the rules Docket holds (2018-05-16), though not before registered documents may be. */
const beforeRules: fc.Arbitrary<string> = fc.oneof(
  ancientDate,
  fc.constantFrom('2018-05-15', '2000-01-01'),
  fc.integer({ min: 1980, max: 2017 }).map((y) => `${y}-06-15`),
);
/** Past the horizon for planned dates (10 years from today), up to 9999-12-31 and +10000 years written out. */
const pastHorizon: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '9999-12-31',
    '9999-12-30',
    '3023-03-02',
    yearsAhead(10, 2),
    `${THIS_YEAR + 10_000}-06-15`,
    `+0${THIS_YEAR + 10_000}-06-15`,
  ),
  fc.integer({ min: THIS_YEAR + 11, max: 9999 }).map((y) => `${y}-06-15`),
);

/** A key no DTO knows (never `__proto__` / `constructor`, which have their own arbitrary). */
const unknownKey: fc.Arbitrary<string> = fc.oneof(
  fc.string({ minLength: 1, maxLength: 12 }).map((s) => `x_${s}`),
  fc.constantFrom('id', 'version', 'state', 'createdBy', 'passwordHash', 'isAdmin', 'roles ', 'Title', '', ' ', '\u0000'),
);

/** Prototype-pollution payloads; the canaries `page`, `pageSize`, `limit` would change defaults if they landed on Object.prototype. */
const CANARY = '{"polluted":1,"page":99,"pageSize":1,"limit":1,"department":"zjj","roles":["admin"]}';
const protoEntry: fc.Arbitrary<[string, J]> = fc.constantFrom<[string, J]>(
  ['__proto__', new Raw(CANARY)],
  ['constructor', new Raw(`{"prototype":${CANARY}}`)],
  ['prototype', new Raw(CANARY)],
  ['__proto__', new Raw('{"__proto__":' + CANARY + '}')],
  ['__proto__', new Raw('null')],
  ['__proto__', new Raw('[]')],
  ['constructor', new Raw('"Object"')],
);
/** An object carrying a prototype-pollution payload, to hide in a field. */
const protoValue: fc.Arbitrary<J> = fc
  .tuple(protoEntry, fc.option(fc.tuple(unknownKey, fc.jsonValue({ maxDepth: 1 }) as fc.Arbitrary<J>)))
  .map(([p, extra]) => new Entries(extra ? [p, extra] : [p]));

/** Nested arrays or objects, as deep as the server copes with today (deeper is a known bug below). */
const nested: fc.Arbitrary<J> = fc
  .tuple(fc.integer({ min: 1, max: 800 }), fc.boolean())
  .map(([depth, arrays]) => new Raw(arrays ? '['.repeat(depth) + ']'.repeat(depth) : '{"a":'.repeat(depth) + '1' + '}'.repeat(depth)));

/** Any junk a field may receive. */
const junk: fc.Arbitrary<J> = fc.oneof(
  { weight: 3, arbitrary: notString },
  { weight: 2, arbitrary: weirdString },
  { weight: 1, arbitrary: protoValue },
  { weight: 1, arbitrary: nested },
  { weight: 1, arbitrary: invalidDate },
);

/** A whole body that is not the object asked for. */
const wrongBody: fc.Arbitrary<string> = fc.oneof(
  fc
    .jsonValue({ maxDepth: 2 })
    .filter((v) => v === null || typeof v !== 'object' || Array.isArray(v))
    .map((v) => JSON.stringify(v)),
  fc.constantFrom(
    '',
    '{',
    '}',
    '{"a":1,}',
    "{'a':1}",
    '{"a":NaN}',
    '{"a":Infinity}',
    '{"a":undefined}',
    '{"a":1}{"b":2}',
    '\u0000',
    '[]',
    '[{}]',
    'null',
    'true',
    '"{}"',
    '1e309',
    '{"a":"\\ud800"',
    '{"a":"\\x41"}',
    '{"__proto__":{"polluted":1}',
  ),
  nested.map(jsonText),
  hugeString.map((s) => JSON.stringify({ s })),
);

// ───────────────────────────── bodies from field specifications ─────────────────────────────

interface Field {
  key: string;
  valid: J;
  /** values that make the whole request invalid */
  bad: fc.Arbitrary<J>;
  required: boolean;
  /** in the valid body although optional (deleting it is no break) */
  keep?: boolean;
  /** values still valid, to mix with a breaking mutation */
  noise?: fc.Arbitrary<J>;
}
type Mutation = { kind: 'set'; key: string; value: J } | { kind: 'delete'; key: string };

/** A body that must be refused: a valid one, with noise, then at least one breaking mutation, maybe a prototype key. */
function brokenBody(fields: Field[], extraBreakers: fc.Arbitrary<Mutation>[] = []): fc.Arbitrary<string> {
  const required = fields.filter((f) => f.required);
  const breakers: fc.Arbitrary<Mutation>[] = [
    fc.constantFrom(...fields).chain((f) => f.bad.map((value): Mutation => ({ kind: 'set', key: f.key, value }))),
    fc.tuple(unknownKey, junk).map(([key, value]): Mutation => ({ kind: 'set', key, value })),
    ...extraBreakers,
  ];
  if (required.length) breakers.push(fc.constantFrom(...required).map((f): Mutation => ({ kind: 'delete', key: f.key })));
  const noisy = fields.filter((f) => f.noise);
  const noise: fc.Arbitrary<Mutation[]> = noisy.length
    ? fc.array(
        fc.constantFrom(...noisy).chain((f) => f.noise!.map((value): Mutation => ({ kind: 'set', key: f.key, value }))),
        { maxLength: 2 },
      )
    : fc.constant([]);
  const asObject = fc
    .record({ noise, breaks: fc.array(fc.oneof(...breakers), { minLength: 1, maxLength: 3 }), proto: fc.option(protoEntry) })
    .map(({ noise, breaks, proto }) => {
      const body = new Map<string, J>(fields.filter((f) => f.required || f.keep).map((f) => [f.key, f.valid]));
      for (const m of [...noise, ...breaks]) {
        if (m.kind === 'set') body.set(m.key, m.value);
        else body.delete(m.key);
      }
      const entries: [string, J][] = [...body.entries()];
      if (proto) entries.splice(Math.floor(entries.length / 2), 0, proto);
      return jsonText(new Entries(entries));
    });
  return fc.oneof({ weight: 6, arbitrary: asObject }, { weight: 1, arbitrary: wrongBody });
}

const text = (max: number, min = 1): Pick<Field, 'bad' | 'noise'> => ({
  bad: fc.oneof(notString, over(max), ...(min > 0 ? [fc.constant<J>('')] : []), hugeString),
  noise: weirdString.filter((s) => s.length >= min && s.length <= max),
});
const optionalText = (max: number): Pick<Field, 'bad' | 'noise'> => ({
  bad: fc.oneof(notString, over(max)),
  noise: fc.oneof(
    weirdString.filter((s) => s.length <= max),
    fc.constant<J>(null),
  ),
});

// ───────────────────────────── the test ─────────────────────────────

type Who = keyof Tokens | 'none' | 'forged';
interface Req {
  method: string;
  path: string;
  body?: string;
  who?: Who;
  contentType?: string | null;
  headers?: Record<string, string>;
}
interface Res {
  status: number;
  text: string;
  json: any;
}

describe('fuzzing: hostile input is refused with the contract error and changes nothing', () => {
  let b: Booted;
  let tokens: Tokens;
  const forged = sign({ sub: 'nobody' }, 'not-the-secret-not-the-secret-not-the-secret', { algorithm: 'HS256' });
  const fixed: Record<'decision' | 'drafting' | 'open' | 'repealed' | 'inForce', CaseBody> = {} as never;
  let cleanupId: string;

  function authHeader(who: Who | undefined): Record<string, string> {
    if (!who || who === 'none') return {};
    return { Authorization: `Bearer ${who === 'forged' ? forged : tokens[who]}` };
  }

  async function call(r: Req): Promise<Res> {
    const headers: Record<string, string> = { ...authHeader(r.who ?? 'admin'), ...r.headers };
    if (r.contentType !== null) headers['Content-Type'] = r.contentType ?? 'application/json';
    const res = await fetch(b.baseUrl + r.path, { method: r.method, headers, body: r.body });
    const text = await res.text();
    let json: any;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: res.status, text, json };
  }

  const describeReq = (r: Req) =>
    `${r.method} ${r.path.slice(0, 300)} as ${r.who ?? 'admin'}${r.contentType !== undefined ? ` (${r.contentType})` : ''}${
      r.headers ? ` ${JSON.stringify(r.headers).slice(0, 200)}` : ''
    }\n  body: ${(r.body ?? '').slice(0, 500)}${(r.body?.length ?? 0) > 500 ? ` … (${r.body!.length} chars)` : ''}`;

  /** The contract's refusal: 4xx, `{statusCode, code, message}`, `statusCode` = status, a known code. */
  function checkRefusal(r: Req, res: Res, allowed?: number[]): void {
    const ok =
      res.status >= 400 &&
      res.status < 500 &&
      (!allowed || allowed.includes(res.status)) &&
      res.json &&
      res.json.statusCode === res.status &&
      ERROR_CODES.includes(res.json.code) &&
      typeof res.json.message === 'string' &&
      res.json.message.length > 0;
    if (!ok)
      throw new Error(
        `expected a refusal${allowed ? ` (${allowed.join('/')})` : ''}, got ${res.status} ${res.text.slice(0, 400)}\n  ${describeReq(r)}`,
      );
  }

  async function refused(r: Req, allowed?: number[]): Promise<Res> {
    const res = await call(r);
    checkRefusal(r, res, allowed);
    return res;
  }

  const get = async (path: string, who: Who = 'supervisor') => {
    const res = await call({ method: 'GET', path, who, contentType: null });
    if (res.status !== 200) throw new Error(`GET ${path} → ${res.status} ${res.text.slice(0, 300)}`);
    return res.json;
  };

  /** Everything a refused request must leave as it was. */
  async function worldState() {
    const cases: Record<string, unknown> = {};
    for (const [name, c] of Object.entries(fixed)) {
      const now = (await get(`/api/cases/${c.id}`)) as CaseBody;
      const history = (await get(`/api/cases/${c.id}/history`)) as unknown[];
      cases[name] = {
        version: now.version,
        procedureVersion: now.procedureVersion,
        stage: now.stage,
        state: now.state,
        comments: now.comments.length,
        history: history.length,
      };
    }
    const verify = await get('/api/audit/verify');
    const list = await get('/api/cases?pageSize=200');
    const catalogues = await Promise.all(['2023', '2024', '2030'].map((y) => get(`/api/catalogues/${y}`)));
    return {
      cases,
      verify,
      caseIds: list.items.map((i: { id: string }) => i.id).sort(),
      total: list.total,
      users: (await get('/api/users', 'admin')).map((u: any) => `${u.username}:${u.roles}:${u.department}`).sort(),
      departments: await get('/api/departments'),
      catalogues,
      cleanups: await get('/api/cleanups'),
      cleanup: await get(`/api/cleanups/${cleanupId}`),
      calendar: await Promise.all(['2023', '2030'].map((y) => get(`/api/calendar/${y}`))),
      consultations: await get('/api/public/consultations', 'none'),
      migrations: await get('/api/procedures/major-decision/migrations', 'admin'),
    };
  }

  /** Object.prototype in the server is clean: defaults still apply and no canary shows up anywhere. */
  async function expectUnpolluted() {
    const list = await get('/api/cases');
    expect({ page: list.page, pageSize: list.pageSize }).toEqual({ page: 1, pageSize: 50 });
    expect(list.items.length).toBe(Math.min(list.total, 50));
    const refusals = await get('/api/audit/refusals');
    // anonymous refusals (the sign-in fuzzing's) are only counted, signed-in ones listed
    const counted = await get('/api/audit/refusals/counts');
    expect(refusals.length + counted.total.anonymous).toBeGreaterThan(1);
    const texts = [
      JSON.stringify(list),
      JSON.stringify(await get('/api/me', 'official')),
      JSON.stringify(await get('/api/departments')),
      JSON.stringify(await get(`/api/cases/${fixed.decision.id}`)),
      JSON.stringify(await get(`/api/cases/${fixed.open.id}/history`)),
      JSON.stringify(await get('/api/users', 'admin')),
      JSON.stringify(await get('/api/procedures', 'none')),
      JSON.stringify(await get('/api/cases/inbox', 'official')),
    ];
    for (const t of texts) expect(t).not.toContain('polluted');
    const me = await get('/api/me', 'official');
    expect({ roles: me.roles, department: me.department }).toEqual({ roles: ['official'], department: 'fgw' });
  }

  /** Run a property; the world must be the same afterwards. */
  async function property<T>(arb: fc.Arbitrary<T>, run: (x: T) => Promise<void>, numRuns = RUNS) {
    const before = await worldState();
    await fc.assert(fc.asyncProperty(arb, run), fcOptions(numRuns));
    expect(await worldState()).toEqual(before);
    expect(before.verify.ok).toBe(true);
    await expectUnpolluted();
  }

  beforeAll(async () => {
    b = await bootApp();
    tokens = await setUpCounty(b);
    const d = caseDriver(b, tokens);
    fixed.decision = await d.create('official', {
      procedure: 'major-decision',
      title: '决策',
      department: 'fgw',
      occurredAt: '2023-03-01',
    });
    const doc = { procedure: 'normative-document', department: 'fgw', affectsPublicRights: true, marketRelated: false, interim: false };
    fixed.drafting = await d.create('official', { ...doc, title: '起草中', issuingOrgan: 'government', occurredAt: '2023-03-01' });
    const open = await d.create('official', { ...doc, title: '征求意见中', issuingOrgan: 'government', occurredAt: '2023-03-01' });
    fixed.open = await d.ok('official', open, 'OPEN_PUBLIC_COMMENT', '2023-03-02', {
      startDate: '2023-03-02',
      endDate: '2023-04-20',
      channels: ['县政府网站'],
    });
    const register = async (n: number) => {
      const res = await b.http
        .post('/api/cases/register-document')
        .set('Authorization', `Bearer ${tokens.secretariat}`)
        .send({
          title: `旧文件${n}`,
          department: 'fgw',
          issuingOrgan: 'government',
          interim: false,
          documentNumber: `泗政规〔2020〕${n}号`,
          publishedOn: '2020-01-10',
          effectiveDate: '2020-02-01',
          occurredAt: '2023-01-01',
        })
        .expect(201);
      return res.body as CaseBody;
    };
    fixed.repealed = await d.ok('secretariat', await register(1), 'REPEAL', '2023-01-02', { reason: '废止' });
    fixed.inForce = await register(2);
    const cleanup = await b.http
      .post('/api/cleanups')
      .set('Authorization', `Bearer ${tokens.secretariat}`)
      .send({ name: '清理', cutoffDate: '2023-01-01', occurredAt: '2023-01-03' })
      .expect(201);
    cleanupId = cleanup.body.id;
    expect(cleanup.body.total).toBe(1);
  }, 60_000);
  afterAll(() => b?.close());

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

  // ───────────────────────────── cases ─────────────────────────────

  it('POST /api/cases: broken bodies, wrong departments and roles, future or invalid dates are refused', async () => {
    const common: Field[] = [
      { key: 'title', valid: '模糊测试', required: true, ...text(300) },
      {
        key: 'department',
        valid: 'fgw',
        required: true,
        bad: fc.oneof(notString, over(64), fc.constantFrom<J>('', 'zjj', 'FGW', 'fgw ', '__proto__')),
      },
      {
        key: 'occurredAt',
        valid: '2023-03-05',
        required: false,
        bad: fc.oneof(invalidInstant, futureDateOrInstant),
        noise: fc.oneof(pastDateOrInstant, fc.constant<J>(null)),
      },
    ];
    const procedureBad = fc.oneof(
      notString,
      fc.constantFrom<J>(
        '',
        'Major-Decision',
        'major_decision',
        'normative-document ',
        'MAJOR-DECISION',
        'major-decision\u0000',
        'constructor',
      ),
      // Object.prototype's member names are a known bug (500), kept as a fixed test below
      weirdString.filter((s) => !(s in Object.prototype)),
    );
    const decision: Field[] = [
      { key: 'procedure', valid: 'major-decision', required: true, bad: procedureBad },
      ...common,
      ...['problem', 'reasons', 'preliminaryPlan'].map((key): Field => ({ key, valid: '说明', required: false, ...optionalText(20_000) })),
    ];
    const document: Field[] = [
      { key: 'procedure', valid: 'normative-document', required: true, bad: procedureBad },
      ...common,
      ...['affectsPublicRights', 'marketRelated', 'interim'].map((key): Field => ({ key, valid: false, required: true, bad: notBoolean })),
      {
        key: 'issuingOrgan',
        valid: 'government',
        required: true,
        bad: fc.oneof(notString, fc.constantFrom<J>('', 'Government', 'county', 'department ', '政府')),
        noise: fc.constantFrom<J>('department'),
      },
    ];
    // an object with an own "constructor" key anywhere in the body is a known 500 (below): left out here
    const body = fc.oneof(brokenBody(decision), brokenBody(document)).filter((t) => !/"constructor"\s*:/.test(t));
    const valid = fc.constantFrom(
      JSON.stringify({ procedure: 'major-decision', title: 't', department: 'fgw' }),
      JSON.stringify({
        procedure: 'normative-document',
        title: 't',
        department: 'fgw',
        affectsPublicRights: false,
        marketRelated: false,
        interim: false,
        issuingOrgan: 'government',
      }),
    );
    await property(
      fc.oneof(
        { weight: 5, arbitrary: fc.record({ body, who: fc.constantFrom<Who>('official', 'official2', 'reviewerOfficial') }) },
        {
          weight: 1,
          arbitrary: fc.record({
            body: valid,
            who: fc.constantFrom<Who>('zjjOfficial', 'reviewer', 'secretariat', 'supervisor', 'admin', 'none', 'forged'),
          }),
        },
      ),
      async ({ body, who }) => {
        await refused({ method: 'POST', path: '/api/cases', body, who });
      },
    );
  });

  const EVENT_DATA: Record<string, Record<string, J>> = {
    APPROVE_START: { catalogueItemId: 'zz-no-such-item' },
    FINISH_DRAFT: { draftSummary: '草案', specialized: false, stabilityRisk: false },
    OPEN_PUBLIC_COMMENT: { startDate: '2023-03-02', endDate: '2023-04-20', channels: ['县政府网站'] },
    RECORD_COMMENT: { content: '意见' },
    DISPOSE_COMMENT: { commentId: 'c1', disposition: 'adopted', reason: '理由' },
    CLOSE_PUBLIC_COMMENT: {},
    COMPLETE_PUBLIC_PARTICIPATION: {},
    EXEMPT_PUBLIC_COMMENT: { reason: '理由' },
    HOLD_HEARING: { hearingDate: '2023-03-10', noticeDate: '2023-03-01', recordRef: '笔录' },
    RECORD_EXPERT_ARGUMENTATION: {
      experts: [{ name: '张', affiliation: '大学', conflictOfInterest: false }],
      opinionSummary: '可行',
      adoptionSummary: '采纳',
    },
    RECORD_RISK_ASSESSMENT: { riskLevel: 'low', controllable: true, measures: '措施' },
    SUBMIT_FOR_LEGALITY_REVIEW: { reviewDueDate: '2023-03-20' },
    ISSUE_LEGALITY_OPINION: { conclusion: 'lawful', opinion: '合法' },
    CONFIRM_REVISIONS: { revisionNote: '已改' },
    RECORD_COLLECTIVE_DECISION: { meetingType: 'standing', meetingDate: '2023-03-10', outcome: 'approved' },
    RECORD_COLLECTIVE_DELIBERATION: { meetingType: 'standing', meetingDate: '2023-03-10', outcome: 'approved' },
    REPORT_TO_PARTY_COMMITTEE: { reference: '报告' },
    PUBLISH_DECISION: { channels: ['网站'] },
    PUBLISH_DOCUMENT: { channels: ['网站'], effectiveDate: '2023-04-01' },
    RECORD_FILING: { filedWith: '市政府' },
    ARCHIVE: { archiveNumber: '档-1' },
    REPORT_IMPLEMENTATION: { summary: '执行' },
    SUSPEND: { orderedBy: '县长', reason: '理由' },
    RESUME: { orderedBy: '县长' },
    START_POST_EVALUATION: { evaluator: '评估' },
    RECORD_POST_EVALUATION: { conclusion: '良好' },
    CONCLUDE: {},
    REPEAL: { reason: '理由' },
    START_AMENDMENT: { reason: '理由' },
    EXPIRE: {},
  };
  const EVENT_TYPES = Object.keys(EVENT_DATA);

  /** The event's data, valid in shape or mangled. */
  const eventData = (type: string): fc.Arbitrary<J> => {
    const base = EVENT_DATA[type] ?? {};
    const keys = Object.keys(base);
    const mutation: fc.Arbitrary<(d: Map<string, J>) => void> = fc.oneof(
      fc.constant(() => {}),
      ...(keys.length
        ? [
            fc.tuple(fc.constantFrom(...keys), fc.oneof(junk, hugeString, invalidDateOnly)).map(
              ([k, v]) =>
                (d: Map<string, J>) =>
                  void d.set(k, v),
            ),
            fc.constantFrom(...keys).map((k) => (d: Map<string, J>) => void d.delete(k)),
            fc.tuple(fc.constantFrom(...keys), weirdString).map(
              ([k, v]) =>
                (d: Map<string, J>) =>
                  void d.set(k, v),
            ),
          ]
        : []),
      fc.tuple(unknownKey, junk).map(
        ([k, v]) =>
          (d: Map<string, J>) =>
            void d.set(k, v),
      ),
    );
    return fc.oneof(
      {
        weight: 8,
        arbitrary: fc.tuple(fc.array(mutation, { maxLength: 3 }), fc.option(protoEntry)).map(([ms, proto]) => {
          const d = new Map(Object.entries(base));
          for (const m of ms) m(d);
          return new Entries([...d.entries(), ...(proto ? [proto] : [])]);
        }),
      },
      { weight: 1, arbitrary: fc.oneof(notString, fc.constant<J>(null), nested, fc.constantFrom<J>('data', [base as J])) },
    );
  };

  it('POST /api/cases/:id/events: every event type, mangled or sent by the wrong person, at the wrong stage or version, is refused', async () => {
    const target = fc.constantFrom('decision', 'drafting', 'repealed', 'open') as fc.Arbitrary<keyof typeof fixed>;
    const type = fc.oneof(
      { weight: 8, arbitrary: fc.constantFrom(...EVENT_TYPES) },
      {
        weight: 1,
        arbitrary: fc.oneof(
          weirdString,
          fc.constantFrom(
            'approve_start',
            'NO_SUCH_EVENT',
            'CASE_CREATED',
            'DOCUMENT_REGISTERED',
            '__PROTO__',
            'CONSTRUCTOR',
            'TO_STRING',
            'A'.repeat(61),
          ),
        ),
      },
    );
    const who = fc.constantFrom<Who>(
      'official',
      'official2',
      'reviewerOfficial',
      'zjjOfficial',
      'reviewer',
      'secretariat',
      'supervisor',
      'admin',
      'none',
      'forged',
    );
    const version = fc.oneof(
      { weight: 6, arbitrary: fc.constant<'current'>('current') },
      { weight: 2, arbitrary: fc.integer({ min: -3, max: 40 }) },
      { weight: 2, arbitrary: notInt },
    );
    const occurredAt = fc.oneof(
      fc.constant<J | undefined>(undefined),
      pastDateOrInstant,
      futureDateOrInstant,
      invalidInstant,
      fc.constant<J>('2023-02-01'),
    );
    const req = fc
      .record({ target, type, who, version, occurredAt, envelope: fc.option(fc.oneof(protoEntry, fc.tuple(unknownKey, junk))) })
      .chain((r) => eventData(typeof r.type === 'string' ? r.type : '').map((data) => ({ ...r, data })));
    await property(
      fc.oneof({ weight: 9, arbitrary: req }, { weight: 1, arbitrary: fc.record({ target, raw: wrongBody, who }) }),
      async (r) => {
        const c = fixed[r.target];
        if ('raw' in r) {
          await refused({ method: 'POST', path: `/api/cases/${c.id}/events`, body: r.raw, who: r.who });
          return;
        }
        // the only lawful steps on these cases: opening the comment period of the draft (its officials), approving the decision's start (S);
        // while the open comment period is running, its officials may record and dispose of comments
        const lawfulPossible =
          (r.target === 'drafting' && r.type === 'OPEN_PUBLIC_COMMENT' && ['official', 'official2', 'reviewerOfficial'].includes(r.who)) ||
          (r.target === 'decision' && r.type === 'APPROVE_START' && r.who === 'secretariat') ||
          (r.target === 'open' && ['official', 'official2', 'reviewerOfficial'].includes(r.who));
        let expectedVersion: J = r.version === 'current' ? c.version : r.version;
        if (lawfulPossible && (r.version === 'current' || r.version === c.version)) expectedVersion = c.version + 7;
        const entries: [string, J][] = [
          ['type', r.type],
          ['expectedVersion', expectedVersion],
          ...(r.occurredAt !== undefined ? ([['occurredAt', r.occurredAt]] as [string, J][]) : []),
          ['data', r.data],
        ];
        if (r.envelope) entries.splice(1, 0, r.envelope as [string, J]);
        await refused({ method: 'POST', path: `/api/cases/${c.id}/events`, body: jsonText(new Entries(entries)), who: r.who });
      },
      RUNS * 2,
    );
  });

  it('POST /api/cases/:id/events: occurredAt in the future or before the case began, in any time zone, is 422; no offset is 400', async () => {
    // OPEN_PUBLIC_COMMENT on the draft with valid data: only the date can make it unlawful
    const beforeCreation = fc
      .tuple(fc.integer({ min: Date.UTC(2022, 0, 1), max: Date.UTC(2023, 1, 28, 15, 59, 59) }), fc.constantFrom(...OFFSETS))
      .map(([t, o]) => inOffset(t, o)); // at most 2023-02-28 23:59:59 in Shanghai; the draft was created on 2023-03-01
    await property(
      fc.oneof(
        fc.record({
          occurredAt: fc.oneof(futureDateOrInstant, beforeCreation, fc.constantFrom('2023-02-28', '2022-12-31')),
          status: fc.constant(422),
        }),
        fc.record({ occurredAt: invalidInstant, status: fc.constant(400) }),
      ),
      async ({ occurredAt, status }) => {
        const body = jsonText({
          type: 'OPEN_PUBLIC_COMMENT',
          expectedVersion: fixed.drafting.version,
          occurredAt,
          data: { startDate: '2023-03-02', endDate: '2023-04-20', channels: ['县政府网站'] },
        });
        await refused({ method: 'POST', path: `/api/cases/${fixed.drafting.id}/events`, body, who: 'official' }, [status]);
      },
    );
  });

  it('POST /api/cases/:id/comments/import: broken comments, dates outside the period, stale versions, strangers are refused (all or none)', async () => {
    const comment: Field[] = [
      { key: 'content', valid: '意见', required: true, ...text(5000) },
      { key: 'submitter', valid: '市民', required: false, ...optionalText(200) },
      {
        key: 'receivedOn',
        valid: '2023-03-05',
        required: true,
        bad: fc.oneof(
          invalidDateOnly,
          futureDateOrInstant.filter((s) => s.length === 10),
        ),
      },
    ];
    const goodItem = fc
      .record({
        content: fc.oneof(
          fc.constant('意见'),
          weirdString.filter((s) => s.length > 0 && s.length <= 5000),
        ),
        receivedOn: fc.constantFrom('2023-03-03', '2023-04-20'),
      })
      .map((x) => x as J);
    const brokenItem = brokenBody(comment).map((t) => new Raw(t) as J);
    // an array where a comment should be passes validation and, with two or more comments, is a known 500 (below): left out here
    const holdsArrays = (v: J) =>
      (Array.isArray(v) && v.some((x) => Array.isArray(x) || (x instanceof Raw && x.text.trimStart().startsWith('[')))) ||
      (v instanceof Raw && /^\s*\[\s*\[/.test(v.text));
    const comments = fc
      .oneof(
        {
          weight: 4,
          arbitrary: fc
            .tuple(fc.array(goodItem, { maxLength: 3 }), brokenItem, fc.array(goodItem, { maxLength: 3 }))
            .map(([a, x, z]) => [...a, x, ...z] as J),
        },
        { weight: 3, arbitrary: fc.array(goodItem, { minLength: 1, maxLength: 4 }).map((x) => x as J) },
        {
          weight: 1,
          arbitrary: fc.oneof(
            notString,
            fc.constant<J>([]),
            nested,
            fc.constant<J>(Array.from({ length: 1001 }, () => ({ content: 'x', receivedOn: '2023-03-03' }))),
          ),
        },
      )
      .filter((v) => !holdsArrays(v));
    const who = fc.constantFrom<Who>(
      'official',
      'official2',
      'reviewerOfficial',
      'zjjOfficial',
      'reviewer',
      'secretariat',
      'supervisor',
      'admin',
      'none',
    );
    await property(
      fc.record({
        comments,
        who,
        version: fc.oneof(fc.constant<'current'>('current'), notInt, fc.integer({ min: 0, max: 9 })),
        poison: fc.constantFrom('2023-01-15', '2023-03-01', '2023-04-21', '2023-03-02T00:00:00+14:00'),
        extra: fc.option(fc.oneof(protoEntry, fc.tuple(unknownKey, junk))),
      }),
      async (r) => {
        const c = fixed.open;
        let expectedVersion: J = r.version === 'current' ? c.version : r.version;
        let comments = r.comments;
        const fgwOfficial = ['official', 'official2', 'reviewerOfficial'].includes(r.who);
        if (fgwOfficial && expectedVersion === c.version && Array.isArray(comments)) {
          // all valid comments by the case's own official at the right version would be lawful: add one dated outside the period, or go stale
          if (r.poison.length === 10) comments = [...comments, { content: '期外意见', receivedOn: r.poison }];
          else expectedVersion = c.version + 3;
        }
        const entries: [string, J][] = [
          ['expectedVersion', expectedVersion],
          ['comments', comments],
        ];
        if (r.extra) entries.push(r.extra as [string, J]);
        await refused({ method: 'POST', path: `/api/cases/${c.id}/comments/import`, body: jsonText(new Entries(entries)), who: r.who });
      },
    );
  });

  it('POST /api/cases/register-document: broken bodies, taken numbers, future dates and non-secretariat callers are refused', async () => {
    const fields: Field[] = [
      { key: 'title', valid: '登记文件', required: true, ...text(300) },
      { key: 'department', valid: 'fgw', required: true, bad: fc.oneof(notString, over(64), fc.constant<J>('')) },
      { key: 'issuingOrgan', valid: 'government', required: true, bad: fc.oneof(notString, fc.constantFrom<J>('', 'Government', '政府')) },
      { key: 'interim', valid: false, required: true, bad: notBoolean },
      {
        key: 'documentNumber',
        valid: '泗政规〔2019〕9号',
        required: true,
        bad: fc.oneof(notString, over(80), fc.constantFrom<J>('', '泗政规〔2020〕1号', '泗政规〔2020〕2号', '泗政规〔2020〕01号')),
        noise: weirdString.filter((s) => s.length > 0 && s.length <= 80),
      },
      { key: 'publishedOn', valid: '2019-01-10', required: true, bad: invalidDateOnly },
      { key: 'effectiveDate', valid: '2019-02-01', required: true, bad: invalidDateOnly },
      { key: 'validUntil', valid: '2024-01-31', required: false, bad: fc.oneof(invalidDateOnly.filter((v) => v !== null)) },
      {
        key: 'occurredAt',
        valid: '2023-01-05',
        required: false,
        bad: fc.oneof(invalidInstant, futureDateOrInstant),
        noise: pastDateOrInstant,
      },
    ];
    await property(
      fc.oneof(
        { weight: 5, arbitrary: fc.record({ body: brokenBody(fields), who: fc.constant<Who>('secretariat') }) },
        {
          weight: 1,
          arbitrary: fc.record({
            body: fc.constant(
              JSON.stringify({
                title: 't',
                department: 'fgw',
                issuingOrgan: 'government',
                interim: false,
                documentNumber: '泗政规〔2019〕8号',
                publishedOn: '2019-01-10',
                effectiveDate: '2019-02-01',
              }),
            ),
            who: fc.constantFrom<Who>('official', 'reviewer', 'supervisor', 'admin', 'none', 'forged'),
          }),
        },
      ),
      async ({ body, who }) => {
        await refused({ method: 'POST', path: '/api/cases/register-document', body, who });
      },
    );
  });

  // ───────────────────────────── catalogue, clean-ups, calendar, public comments ─────────────────────────────

  it('catalogue POSTs: broken bodies, non-integer years, unknown items, published catalogues and non-secretariat callers are refused', async () => {
    const notIntYear = fc.oneof(
      // not '1e3', '0x7e7', ' 2023' or '2023.0': the global pipe turns them into integers first (a known bug below)
      fc.constantFrom('abc', '2023.5', '２０２３', '2023abc', '-', '%00', '%E0%A4%A', '__proto__', 'NaN', 'Infinity'),
      weirdString.filter((s) => s.length > 0 && !Number.isInteger(Number(s))).map(enc),
    );
    const item: Field[] = [
      { key: 'title', valid: '事项', required: true, ...text(300) },
      { key: 'department', valid: 'fgw', required: true, ...text(64) },
      { key: 'addedOn', valid: '2023-01-05', required: true, bad: invalidDateOnly },
      { key: 'adjustmentReason', valid: '调整', required: false, bad: fc.oneof(notString, over(5000)) },
    ];
    const validItem = JSON.stringify({ title: '事项', department: 'fgw', addedOn: '2023-01-05' });
    const publish: Field[] = [{ key: 'publishedOn', valid: '2023-01-10', required: true, bad: invalidDateOnly }];
    const withdraw: Field[] = [
      { key: 'withdrawnOn', valid: '2023-02-01', required: true, bad: invalidDateOnly },
      { key: 'reason', valid: '撤回', required: true, ...text(5000) },
    ];
    await property(
      fc.oneof(
        fc.record({
          path: fc.constantFrom('2023', '2030', '0', '-5').map((y) => `/api/catalogues/${y}/items`),
          body: brokenBody(item),
          who: fc.constant<Who>('secretariat'),
        }),
        fc.record({
          path: notIntYear.map((y) => `/api/catalogues/${y}/items`),
          body: fc.constant(validItem),
          who: fc.constant<Who>('secretariat'),
        }),
        // the 2023 catalogue is published: adding needs the reason for the adjustment
        fc.record({ path: fc.constant('/api/catalogues/2023/items'), body: fc.constant(validItem), who: fc.constant<Who>('secretariat') }),
        fc.record({
          path: fc.constantFrom('2023', '2030').map((y) => `/api/catalogues/${y}/items`),
          body: fc.constant(validItem),
          who: fc.constantFrom<Who>('official', 'reviewer', 'supervisor', 'admin', 'none', 'forged'),
        }),
        // publishing: 2023 is published already, every other year is empty
        fc.record({
          path: fc.oneof(fc.integer({ min: -10_000, max: 10_000 }).map(String), notIntYear).map((y) => `/api/catalogues/${y}/publish`),
          body: fc.oneof(brokenBody(publish), fc.constant('{"publishedOn":"2023-01-10"}')),
          who: fc.constantFrom<Who>('secretariat', 'secretariat', 'official', 'none'),
        }),
        fc.record({
          path: fc.oneof(weirdString, fc.uuid()).map((id) => `/api/catalogues/items/zz${enc(id)}/withdraw`),
          body: fc.oneof(brokenBody(withdraw), fc.constant('{"withdrawnOn":"2023-02-01","reason":"撤回"}')),
          who: fc.constantFrom<Who>('secretariat', 'official', 'none'),
        }),
        fc.record({
          path: fc.constantFrom('/api/catalogues/items/2023-01/withdraw'),
          body: brokenBody(withdraw),
          who: fc.constantFrom<Who>('secretariat'),
        }),
      ),
      async ({ path, body, who }) => {
        await refused({ method: 'POST', path, body, who });
      },
    );
  });

  it('procedure migrations: broken bodies, unknown procedures and versions, and anyone but the admin are refused; nothing moves', async () => {
    // the fixed decision started in 2023 runs on version 1 and could move: only a broken request may name it here
    expect(fixed.decision.procedureVersion).toBe(1);
    const run: Field[] = [
      {
        key: 'toVersion',
        valid: 2,
        required: true,
        bad: fc.oneof(notInt, fc.constantFrom<J>(0, -1, 1001, '2', 2.5, null)),
      },
      {
        key: 'caseIds',
        valid: [fixed.decision.id],
        required: false,
        keep: true,
        bad: fc.oneof(
          fc.constantFrom<J>([], null, 'all', {}, [1], [null]),
          fc.array(weirdString, { minLength: 1, maxLength: 3 }),
          fc.constant<J>(Array.from({ length: 10_001 }, () => fixed.decision.id)),
        ),
      },
      {
        key: 'justification',
        valid: '依据县政府常务会议决定，在办决策开展公平竞争审查',
        required: true,
        bad: fc.oneof(notString, over(5000), fc.constantFrom<J>('', '太短的理由')),
      },
    ];
    const valid = JSON.stringify({
      toVersion: 2,
      caseIds: [fixed.decision.id],
      justification: '依据县政府常务会议决定，在办决策开展公平竞争审查',
    });
    await property(
      fc.oneof(
        fc.record({
          path: fc.constant('/api/procedures/major-decision/migrations'),
          body: brokenBody(run),
          who: fc.constant<Who>('admin'),
        }),
        // the dry run takes no justification
        fc.record({
          path: fc.constant('/api/procedures/major-decision/migrations/dry-run'),
          body: brokenBody(run.filter((f) => f.key !== 'justification')),
          who: fc.constant<Who>('admin'),
        }),
        fc.record({
          path: fc
            .oneof(weirdString, fc.constantFrom('normative-document', 'MAJOR-DECISION', '..', 'major-decision%00'))
            .map((id) => `/api/procedures/${enc(id)}/migrations`),
          body: fc.constant(valid),
          who: fc.constant<Who>('admin'),
        }),
        fc.record({
          path: fc.constant('/api/procedures/major-decision/migrations'),
          body: fc.constant(valid),
          who: fc.constantFrom<Who>('official', 'reviewer', 'secretariat', 'supervisor', 'none', 'forged'),
        }),
      ),
      async ({ path, body, who }) => {
        await refused({ method: 'POST', path, body, who });
      },
    );
  });

  it('clean-up POSTs: broken bodies, cut-offs after the start, unknown campaigns and documents, undecided completion are refused', async () => {
    const create: Field[] = [
      { key: 'name', valid: '清理', required: true, ...text(200) },
      { key: 'cutoffDate', valid: '2023-01-01', required: true, bad: fc.oneof(invalidDateOnly, fc.constantFrom<J>('2023-02-01')) },
      {
        key: 'issuingOrgan',
        valid: 'government',
        required: false,
        bad: fc.oneof(notString, fc.constantFrom<J>('', 'Government')),
        noise: fc.constantFrom<J>('department', null),
      },
      // kept in the body: without it the campaign starts today, after any cut-off
      {
        key: 'occurredAt',
        valid: '2023-01-05',
        required: false,
        keep: true,
        bad: fc.oneof(
          invalidDateOnly,
          futureDateOrInstant.filter((s) => s.length === 10),
        ),
      },
    ];
    const decide: Field[] = [
      { key: 'caseId', valid: 'zz-not-in-campaign', required: true, bad: fc.oneof(notString, over(200), fc.constant<J>('')) },
      {
        key: 'decision',
        valid: 'continue',
        required: true,
        bad: fc.oneof(notString, fc.constantFrom<J>('', 'Continue', 'keep', 'delete')),
        noise: fc.constantFrom<J>('amend', 'repeal'),
      },
      { key: 'reason', valid: '理由', required: true, ...text(20_000) },
      {
        key: 'occurredAt',
        valid: '2023-01-05',
        required: false,
        bad: fc.oneof(
          invalidDateOnly,
          futureDateOrInstant.filter((s) => s.length === 10),
        ),
      },
    ];
    const complete: Field[] = [
      { key: 'resultReference', valid: '泗政发〔2023〕1号', required: true, ...text(200) },
      {
        key: 'occurredAt',
        valid: '2023-02-01',
        required: true,
        bad: fc.oneof(
          invalidDateOnly,
          futureDateOrInstant.filter((s) => s.length === 10),
        ),
      },
    ];
    const anyId = fc
      .oneof(
        fc.uuid(),
        weirdString.filter((s) => s.length > 0),
      )
      .map(enc);
    await property(
      fc.oneof(
        fc.record({ path: fc.constant('/api/cleanups'), body: brokenBody(create), who: fc.constant<Who>('secretariat') }),
        fc.record({
          path: fc.constant('/api/cleanups'),
          body: fc.constant('{"name":"清理","cutoffDate":"2023-01-01","occurredAt":"2023-01-05"}'),
          who: fc.constantFrom<Who>('official', 'reviewer', 'supervisor', 'admin', 'none'),
        }),
        fc.record({
          path: fc.oneof(fc.constant(cleanupId), anyId).map((id) => `/api/cleanups/${id}/decisions`),
          body: fc.oneof(
            brokenBody(decide),
            fc.constant(JSON.stringify({ caseId: 'zz-not-in-campaign', decision: 'repeal', reason: '理由' })),
          ),
          who: fc.constantFrom<Who>('secretariat', 'secretariat', 'official', 'none'),
        }),
        fc.record({
          path: fc.constant(`/api/cleanups/${cleanupId}/decisions`),
          body: fc.constant(JSON.stringify({ caseId: fixed.inForce.id, decision: 'repeal', reason: '理由' })),
          who: fc.constantFrom<Who>('official', 'reviewer', 'supervisor', 'admin', 'none'),
        }),
        fc.record({
          // the campaign's one document is undecided: completion is refused whatever the body
          path: fc.oneof(fc.constant(cleanupId), anyId).map((id) => `/api/cleanups/${id}/complete`),
          body: fc.oneof(brokenBody(complete), fc.constant('{"resultReference":"泗政发〔2023〕1号","occurredAt":"2023-02-01"}')),
          who: fc.constantFrom<Who>('secretariat', 'secretariat', 'official', 'none'),
        }),
      ),
      async ({ path, body, who }) => {
        await refused({ method: 'POST', path, body, who });
      },
    );
  });

  it('PUT /api/calendar/:year: broken bodies, dates outside the year, non-integer years and non-admins are refused', async () => {
    const dates = (bad: fc.Arbitrary<J>) =>
      fc.oneof(
        notString.filter((v) => !Array.isArray(v)),
        fc.tuple(fc.array(fc.constant<J>('2030-01-01'), { maxLength: 2 }), bad).map(([a, x]) => [...a, x] as J),
      );
    const fields: Field[] = [
      { key: 'holidays', valid: ['2030-01-01'], required: true, bad: dates(fc.oneof(invalidDate, fc.constant<J>('2031-01-01'))) },
      { key: 'makeUpWorkdays', valid: [], required: true, bad: dates(fc.oneof(invalidDate, fc.constant<J>('2029-12-30'))) },
    ];
    await property(
      fc.oneof(
        fc.record({ year: fc.constant('2030'), body: brokenBody(fields), who: fc.constant<Who>('admin') }),
        fc.record({
          year: fc.constantFrom('abc', '2030.5', '%00', '２０３０', 'Infinity'),
          body: fc.constant('{"holidays":[],"makeUpWorkdays":[]}'),
          who: fc.constant<Who>('admin'),
        }),
        fc.record({
          year: fc.constant('2030'),
          body: fc.constant('{"holidays":["2030-01-01"],"makeUpWorkdays":[]}'),
          who: fc.constantFrom<Who>('official', 'reviewer', 'secretariat', 'supervisor', 'none', 'forged'),
        }),
      ),
      async ({ year, body, who }) => {
        await refused({ method: 'PUT', path: `/api/calendar/${year}`, body, who });
      },
      Math.ceil(RUNS / 2),
    );
  });

  it('POST /api/public/consultations/:id/comments: anything to a closed or unknown consultation is refused (throttled after 5)', async () => {
    const fields: Field[] = [
      {
        key: 'content',
        valid: '我的意见是这样的',
        required: true,
        bad: fc.oneof(notString, fc.constantFrom<J>('', 'abcd', 'a\u0000bcdef'), over(2000)),
      },
      { key: 'submitter', valid: '市民', required: false, bad: fc.oneof(notString, over(50), fc.constant<J>('a\u0001b')) },
    ];
    await property(
      fc.record({
        id: fc.oneof(
          fc.constant(fixed.open.id),
          fc.constant(fixed.drafting.id),
          fc.uuid(),
          weirdString.filter((s) => s.length > 0).map(enc),
        ),
        body: fc.oneof(brokenBody(fields), fc.constant('{"content":"我的意见是这样的"}')),
      }),
      async ({ id, body }) => {
        await refused({ method: 'POST', path: `/api/public/consultations/${id}/comments`, body, who: 'none' });
      },
      30,
    );
  });

  // ───────────────────────────── query strings, path parameters, headers ─────────────────────────────

  it('GET query strings: bad, repeated, unknown and prototype keys are 400 (or 403 for another department)', async () => {
    const numeric = (min: number, max?: number) =>
      fc.oneof(
        fc.constantFrom('abc', '', '1.5', 'NaN', 'Infinity', '-Infinity', '1e309', 'true', '[]', '%', '%zz', '\u0000'),
        fc.integer({ min: -1_000_000, max: min - 1 }).map(String),
        ...(max !== undefined ? [fc.integer({ min: max + 1, max: 10_000_000 }).map(String)] : []),
      );
    const endpoints: { path: string; params: Record<string, fc.Arbitrary<string>>; required?: string; valid: Record<string, string> }[] = [
      {
        path: '/api/cases',
        params: {
          procedure: fc.constantFrom('x', 'MAJOR-DECISION', 'major-decision ', '__proto__'),
          stage: over(40).map(String),
          department: over(64).map(String),
          page: numeric(1),
          pageSize: numeric(1, 200),
          year: numeric(1990, 2100),
          overdue: fc.constantFrom('yes', 'TRUE', '1', '', 'null'),
        },
        valid: { page: '1', year: '2023' },
      },
      {
        path: '/api/reports/compliance',
        params: { year: numeric(1990, 2100), department: over(64).map(String) },
        required: 'year',
        valid: { year: '2023' },
      },
      { path: '/api/reports/stages', params: { year: numeric(1990, 2100), department: over(64).map(String) }, valid: { year: '2023' } },
      { path: '/api/reports/by-department', params: { year: numeric(1990, 2100) }, required: 'year', valid: { year: '2023' } },
      { path: '/api/cleanups', params: { year: numeric(1900, 9999) }, valid: { year: '2023' } },
      { path: '/api/audit/refusals', params: { limit: numeric(1, 1000) }, valid: { limit: '5' } },
    ];
    const badKey = fc.oneof(
      unknownKey.filter((k) => k.length > 0).map(enc),
      // a bare `__proto__` / `prototype` / `constructor` key is silently dropped today (a known bug below)
      fc.constantFrom('__proto__[polluted]', 'constructor[prototype][polluted]', 'page[]', 'year[a]', 'a[b][c]', 'x%00'),
    );
    const query = fc.integer({ min: 0, max: endpoints.length - 1 }).chain((i) => {
      const e = endpoints[i];
      const keys = Object.keys(e.params);
      const breaker: fc.Arbitrary<string[]> = fc.oneof(
        fc.constantFrom(...keys).chain((k) => e.params[k].map((v) => [`${k}=${enc(v)}`])),
        fc.tuple(badKey, fc.string({ maxLength: 5 })).map(([k, v]) => [`${k}=${enc(v)}`]),
        fc.constantFrom(...keys).map((k) => [`${k}=${e.valid[k] ?? 'x'}`, `${k}=${e.valid[k] ?? 'y'}`]),
        ...(e.required ? [fc.constant<string[]>(['drop-required'])] : []),
      );
      return fc
        .record({
          breaks: fc.array(breaker, { minLength: 1, maxLength: 3 }),
          who: fc.constantFrom<Who>('supervisor', 'official', 'admin', 'secretariat'),
        })
        .map(({ breaks, who }) => {
          const flat = breaks.flat();
          const dropRequired = flat.includes('drop-required');
          const base = Object.entries(e.valid)
            .filter(([k]) => !(dropRequired && k === e.required))
            .map(([k, v]) => `${k}=${v}`);
          const parts = [
            ...base.filter((p) => !flat.some((f) => f.startsWith(p.split('=')[0] + '='))),
            ...flat.filter((f) => f !== 'drop-required'),
          ];
          return { path: `${e.path}?${parts.join('&')}`, who };
        });
    });
    await property(query, async ({ path, who }) => {
      await refused({ method: 'GET', path, who, contentType: null });
    });
  });

  it('path parameters: unknown or odd ids are 404 (or 400 for undecodable ones), never 5xx', async () => {
    const id = fc
      .oneof(
        fc.uuid(),
        weirdString.filter((s) => s.length > 0).map(enc),
        fc.constantFrom(
          '%',
          '%zz',
          '%E0%A4%A',
          '%00',
          '%2e%2e',
          '..%2f..%2fusers',
          '%2F',
          'null',
          'undefined',
          '0',
          '-1',
          '1e309',
          'x'.repeat(4000),
        ),
        fc.string({ unit: 'binary-ascii', minLength: 1, maxLength: 30 }).map(enc),
      )
      .filter((s) => !['inbox', 'register-document', 'major-decision', 'normative-document', '.', '..'].includes(s));
    const routes = [
      (i: string) => ['GET', `/api/cases/${i}`],
      (i: string) => ['GET', `/api/cases/${i}/history`],
      (i: string) => ['GET', `/api/cases/${i}/archive`],
      (i: string) => ['GET', `/api/cleanups/${i}`],
      (i: string) => ['GET', `/api/procedures/${i}`],
      (i: string) => ['GET', `/api/public/consultations/${i}`],
      (i: string) => ['DELETE', `/api/users/${i}`],
      (i: string) => ['POST', `/api/cases/${i}/events`],
      (i: string) => ['POST', `/api/cases/${i}/comments/import`],
    ];
    const years = fc.oneof(
      fc.constantFrom('abc', '2023.5', '%00', '２０２３', '2023abc').map((y) => `/api/calendar/${y}`),
      fc.constantFrom('abc', '2023.5', '%E0%A4%A', 'Infinity').map((y) => `/api/catalogues/${y}`),
    );
    await property(
      fc.oneof(
        { weight: 6, arbitrary: fc.tuple(id, fc.integer({ min: 0, max: routes.length - 1 })).map(([i, r]) => routes[r](i)) },
        { weight: 1, arbitrary: years.map((p) => ['GET', p]) },
      ),
      async ([method, path]) => {
        const body =
          method === 'POST'
            ? path.endsWith('/events')
              ? '{"type":"CLOSE_PUBLIC_COMMENT","expectedVersion":1}'
              : '{"expectedVersion":1,"comments":[{"content":"x","receivedOn":"2023-03-03"}]}'
            : undefined;
        const res = await refused({ method, path, body, who: 'admin', contentType: body ? 'application/json' : null });
        expect([400, 404]).toContain(res.status);
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

  it('huge bodies on every write are refused: 400 for a field too long, 413 PAYLOAD_TOO_LARGE past the 1 MB body limit', async () => {
    const writes: [string, string, Who][] = [
      ['POST', '/api/auth/login', 'none'],
      ['POST', '/api/users', 'admin'],
      ['PUT', '/api/departments/fgw', 'admin'],
      ['POST', '/api/cases', 'official'],
      ['POST', `/api/cases/{drafting}/events`, 'official'],
      ['POST', `/api/cases/{open}/comments/import`, 'official'],
      ['POST', '/api/cases/register-document', 'secretariat'],
      ['POST', '/api/catalogues/2030/items', 'secretariat'],
      ['POST', '/api/cleanups', 'secretariat'],
      ['PUT', '/api/calendar/2030', 'admin'],
    ];
    await property(
      fc.record({
        w: fc.constantFrom(...writes),
        s: hugeString,
        key: fc.constantFrom('title', 'name', 'content', 'password', 'data', 'x'),
      }),
      async ({ w: [method, path, who], s, key }) => {
        const p = path.replace('{drafting}', fixed.drafting.id).replace('{open}', fixed.open.id);
        await refused({ method, path: p, body: JSON.stringify({ [key]: s }), who }, [400, 413]);
      },
      20,
    );
  });

  // ───────────────────────────── far dates and huge numbers ─────────────────────────────

  /** 400 VALIDATION_FAILED whose details name `field`. */
  async function refusedNaming(r: Req, field: string): Promise<void> {
    const res = await refused(r, [400]);
    const named = res.json.code === 'VALIDATION_FAILED' && (res.json.details ?? []).some((x: { field: string }) => x.field === field);
    if (!named) throw new Error(`expected VALIDATION_FAILED naming ${field}, got ${res.text.slice(0, 400)}\n  ${describeReq(r)}`);
  }

  it('far dates in every date field (year 1, 1000, 9999, +10000 years, before the rules, past the horizon) are 400 naming the field', async () => {
    type Target = { field: string; bad: fc.Arbitrary<string>; req: (date: string) => Req };
    const event = (c: keyof typeof fixed, type: string, data: Record<string, J>, who: Who = 'official') => ({
      method: 'POST',
      path: `/api/cases/${fixed[c].id}/events`,
      body: JSON.stringify({ type, expectedVersion: fixed[c].version, occurredAt: '2023-03-05', data }),
      who,
    });
    const planned = fc.oneof(beforeRules, pastHorizon);
    const inData = (c: keyof typeof fixed, type: string, key: string, who?: Who): Target => ({
      field: `data.${key}`,
      bad: planned,
      req: (date) => event(c, type, { ...EVENT_DATA[type], [key]: date }, who),
    });
    const register = (key: string, date: string): Req => ({
      method: 'POST',
      path: '/api/cases/register-document',
      who: 'secretariat',
      body: JSON.stringify({
        title: '远期文件',
        department: 'fgw',
        issuingOrgan: 'government',
        interim: false,
        documentNumber: '泗政规〔2019〕77号',
        publishedOn: '2019-01-10',
        effectiveDate: '2019-02-01',
        occurredAt: '2023-01-05',
        [key]: date,
      }),
    });
    const create = (procedure: string, date: string): Req => ({
      method: 'POST',
      path: '/api/cases',
      who: 'official',
      body: JSON.stringify(
        procedure === 'major-decision'
          ? { procedure, title: '远期', department: 'fgw', occurredAt: date }
          : {
              procedure,
              title: '远期',
              department: 'fgw',
              affectsPublicRights: false,
              marketRelated: false,
              interim: false,
              issuingOrgan: 'government',
              occurredAt: date,
            },
      ),
    });
    const post = (path: string, body: Record<string, J>, who: Who = 'secretariat'): Req => ({
      method: 'POST',
      path,
      body: JSON.stringify(body),
      who,
    });
    const targets: Target[] = [
      // a case is judged by its procedure's rules: Decree 713 from 2019-09-01, 国办发〔2018〕37号 from 2018-05-16
      { field: 'occurredAt', bad: fc.oneof(beforeRules, fc.constant('2019-08-31')), req: (date) => create('major-decision', date) },
      { field: 'occurredAt', bad: beforeRules, req: (date) => create('normative-document', date) },
      { field: 'occurredAt', bad: beforeRules.map((d) => `${d}T12:00:00+08:00`), req: (date) => create('major-decision', date) },
      // an event's date: before the rules is 400 (after today stays OCCURRED_IN_FUTURE, tested above)
      {
        field: 'occurredAt',
        bad: beforeRules,
        req: (date) => ({
          ...event('drafting', 'SUBMIT_FOR_LEGALITY_REVIEW', { reviewDueDate: '2023-03-20' }),
          body: JSON.stringify({
            type: 'SUBMIT_FOR_LEGALITY_REVIEW',
            expectedVersion: fixed.drafting.version,
            occurredAt: date,
            data: { reviewDueDate: '2023-03-20' },
          }),
        }),
      },
      inData('drafting', 'OPEN_PUBLIC_COMMENT', 'startDate'),
      inData('drafting', 'OPEN_PUBLIC_COMMENT', 'endDate'),
      inData('drafting', 'SUBMIT_FOR_LEGALITY_REVIEW', 'reviewDueDate'),
      inData('drafting', 'RECORD_COLLECTIVE_DELIBERATION', 'meetingDate', 'secretariat'),
      inData('drafting', 'PUBLISH_DOCUMENT', 'effectiveDate', 'secretariat'),
      inData('decision', 'HOLD_HEARING', 'hearingDate'),
      inData('decision', 'HOLD_HEARING', 'noticeDate'),
      inData('decision', 'RECORD_COLLECTIVE_DECISION', 'meetingDate', 'secretariat'),
      {
        field: 'comments.0.receivedOn',
        bad: planned,
        req: (date) =>
          post(
            `/api/cases/${fixed.open.id}/comments/import`,
            { expectedVersion: fixed.open.version, comments: [{ content: '意见', receivedOn: date }] },
            'official',
          ),
      },
      // documents issued before Docket may be older than the rules, not older than 1980
      { field: 'publishedOn', bad: ancientDate, req: (date) => register('publishedOn', date) },
      { field: 'effectiveDate', bad: fc.oneof(ancientDate, pastHorizon), req: (date) => register('effectiveDate', date) },
      { field: 'validUntil', bad: fc.oneof(ancientDate, pastHorizon), req: (date) => register('validUntil', date) },
      {
        field: 'cutoffDate',
        bad: fc.oneof(ancientDate, pastHorizon),
        req: (date) => post('/api/cleanups', { name: '清理', cutoffDate: date, occurredAt: '2023-01-05' }),
      },
      {
        field: 'occurredAt',
        bad: beforeRules,
        req: (date) => post('/api/cleanups', { name: '清理', cutoffDate: '2023-01-01', occurredAt: date }),
      },
      {
        field: 'occurredAt',
        bad: beforeRules,
        req: (date) =>
          post(`/api/cleanups/${cleanupId}/decisions`, {
            caseId: fixed.inForce.id,
            decision: 'continue',
            reason: '理由',
            occurredAt: date,
          }),
      },
      {
        field: 'occurredAt',
        bad: beforeRules,
        req: (date) => post(`/api/cleanups/${cleanupId}/complete`, { resultReference: '泗政发〔2023〕1号', occurredAt: date }),
      },
      {
        field: 'addedOn',
        bad: planned,
        req: (date) => post('/api/catalogues/2030/items', { title: '事项', department: 'fgw', addedOn: date }),
      },
      { field: 'publishedOn', bad: planned, req: (date) => post('/api/catalogues/2030/publish', { publishedOn: date }) },
      {
        field: 'holidays',
        bad: ancientDate,
        req: (date) => ({
          method: 'PUT',
          path: '/api/calendar/2030',
          who: 'admin',
          body: JSON.stringify({ holidays: [date], makeUpWorkdays: [] }),
        }),
      },
    ];
    await property(
      fc.integer({ min: 0, max: targets.length - 1 }).chain((i) => targets[i].bad.map((date) => ({ i, date }))),
      async ({ i, date }) => {
        await refusedNaming(targets[i].req(date), targets[i].field);
      },
    );
  });

  it('numbers in queries and paths: 1e21, 9007199254740993, -1, 1.5, hex, far years are 400 naming the parameter', async () => {
    const odd = fc.constantFrom(
      '1e21',
      '9007199254740993',
      '99999999999999999999',
      '-1',
      '1.5',
      '0x10',
      '0b1',
      '1e3',
      '+1',
      ' 1',
      '1 ',
      '1_0',
      '１',
      'Infinity',
      '.5',
      '2.',
      '',
    );
    const farYear = fc.oneof(
      fc.constantFrom('0001', '1000', '1979', String(THIS_YEAR + 11), '9999', '10000', '99999'),
      fc.integer({ min: THIS_YEAR + 11, max: 9999 }).map(String),
    );
    const query = (path: string, param: string, bad: fc.Arbitrary<string>, base = '') =>
      bad.map((v) => ({ path: `${path}?${base}${param}=${enc(v)}`, field: param, method: 'GET' }));
    const inPath = (make: (y: string) => [string, string], bad: fc.Arbitrary<string>) =>
      bad.filter((y) => y.trim() !== '').map((y) => ({ method: make(enc(y))[0], path: make(enc(y))[1], field: 'year' }));
    const requests = fc.oneof(
      query('/api/cases', 'page', odd),
      query('/api/cases', 'pageSize', odd),
      query('/api/cases', 'year', fc.oneof(odd, farYear)),
      query('/api/reports/compliance', 'year', fc.oneof(odd, farYear)),
      query('/api/reports/compliance', 'year', fc.constantFrom('2017', '2000'), 'department=fgw&'),
      query('/api/reports/by-department', 'year', fc.oneof(odd, farYear)),
      query('/api/reports/stages', 'year', fc.oneof(odd, farYear)),
      query('/api/cleanups', 'year', fc.oneof(odd, farYear)),
      query('/api/audit/refusals', 'limit', odd),
      query('/api/procedures/major-decision', 'version', odd),
      inPath((y) => ['GET', `/api/catalogues/${y}`], fc.oneof(odd, farYear, fc.constant('2017'))),
      inPath((y) => ['GET', `/api/calendar/${y}`], fc.oneof(odd, farYear, fc.constant('2017'))),
      inPath((y) => ['POST', `/api/catalogues/${y}/items`], fc.oneof(odd, farYear)),
      inPath((y) => ['PUT', `/api/calendar/${y}`], fc.oneof(odd, farYear)),
    );
    await property(requests, async ({ method, path, field }) => {
      const year = path.split('/')[3];
      const body =
        method === 'POST'
          ? JSON.stringify({ title: '事项', department: 'fgw', addedOn: '2023-01-05' })
          : method === 'PUT'
            ? JSON.stringify({ holidays: [`${year}-01-01`], makeUpWorkdays: [] })
            : undefined;
      const who: Who = method === 'POST' ? 'secretariat' : method === 'PUT' ? 'admin' : 'supervisor';
      await refusedNaming({ method, path, body, who, contentType: body ? 'application/json' : null }, field);
    });
  });

  // ───────────────────────────── found by fuzzing ─────────────────────────────

  describe('found by fuzzing', () => {
    it('a deeply nested value within the body limit (800 levels) is an ordinary 400', async () => {
      const deep = '['.repeat(800) + ']'.repeat(800);
      await refused(
        {
          method: 'POST',
          path: '/api/cases',
          body: `{"procedure":"major-decision","title":"t","department":"fgw","x":${deep}}`,
          who: 'official',
        },
        [400],
      );
    });

    it('an instant on the day before the case began, in +14:00, is refused as before the latest event', async () => {
      const res = await refused(
        {
          method: 'POST',
          path: `/api/cases/${fixed.drafting.id}/events`,
          body: JSON.stringify({
            type: 'OPEN_PUBLIC_COMMENT',
            expectedVersion: fixed.drafting.version,
            occurredAt: '2023-03-01T01:00:00+14:00', // 2023-02-28 19:00 in Shanghai
            data: { startDate: '2023-03-02', endDate: '2023-04-20', channels: ['县政府网站'] },
          }),
          who: 'official',
        },
        [422],
      );
      expect(res.json.code).toBe('PROCEDURE_VIOLATION');
    });
  });

  // ───────────────────────────── control characters (last: a server that accepts them changes the fixtures) ─────────────────────────────

  // NEEDS the control-character refusal being built on another branch: until it is merged, this property fails here
  it('text fields holding BEL, ESC or U+202E (right-to-left override) are 400 VALIDATION_FAILED and change nothing', async () => {
    const controlText = fc
      .tuple(
        fc.constantFrom('', '标题', 'abc '),
        fc.constantFrom('\u0007', '\u001b', '\u202e', '\u001b[31m', 'a\u202eb'),
        fc.constantFrom('', '办法', 'txt.exe'),
      )
      .map(([a, c, z]) => a + c + z);
    let n = 0;
    const targets: ((t: string) => Req)[] = [
      (t) => ({
        method: 'POST',
        path: '/api/cases',
        who: 'official',
        body: JSON.stringify({ procedure: 'major-decision', title: t, department: 'fgw', occurredAt: '2023-03-05' }),
      }),
      (t) => ({
        method: 'POST',
        path: '/api/cases',
        who: 'official',
        body: JSON.stringify({ procedure: 'major-decision', title: '决策', department: 'fgw', occurredAt: '2023-03-05', problem: t }),
      }),
      (t) => ({
        method: 'POST',
        path: '/api/cases/register-document',
        who: 'secretariat',
        body: JSON.stringify({
          title: t,
          department: 'fgw',
          issuingOrgan: 'government',
          interim: false,
          documentNumber: `泗政规〔2019〕${100 + ++n}号`,
          publishedOn: '2019-01-10',
          effectiveDate: '2019-02-01',
          occurredAt: '2023-01-05',
        }),
      }),
      (t) => ({
        method: 'POST',
        path: '/api/catalogues/2030/items',
        who: 'secretariat',
        body: JSON.stringify({ title: t, department: 'fgw', addedOn: '2023-01-05' }),
      }),
      (t) => ({
        method: 'POST',
        path: '/api/cleanups',
        who: 'secretariat',
        body: JSON.stringify({ name: t, cutoffDate: '2023-01-01', occurredAt: '2023-01-05' }),
      }),
      (t) => ({ method: 'PUT', path: '/api/departments/fgw', who: 'admin', body: JSON.stringify({ name: t }) }),
      (t) => ({
        method: 'POST',
        path: '/api/users',
        who: 'admin',
        body: JSON.stringify({ username: `fuzz_cc_${++n}`, password: '12345678', displayName: t, roles: ['supervisor'] }),
      }),
      (t) => ({
        method: 'POST',
        path: `/api/cases/${fixed.open.id}/events`,
        who: 'official',
        body: JSON.stringify({
          type: 'RECORD_COMMENT',
          expectedVersion: fixed.open.version,
          occurredAt: '2023-03-05',
          data: { content: t },
        }),
      }),
      (t) => ({
        method: 'POST',
        path: `/api/cases/${fixed.open.id}/comments/import`,
        who: 'official',
        body: JSON.stringify({
          expectedVersion: fixed.open.version,
          comments: [{ content: '意见', submitter: t, receivedOn: '2023-03-05' }],
        }),
      }),
    ];
    await property(fc.tuple(fc.integer({ min: 0, max: targets.length - 1 }), controlText), async ([i, t]) => {
      const res = await refused(targets[i](t), [400]);
      expect(res.json.code).toBe('VALIDATION_FAILED');
    });
  });
});

/**
 * Counterexamples the properties found, kept as fixed tests on a server of their own (some of
 * them change its state). Each states what the contract asks; `knownBug` marks those that still fail.
 */
describe('found by fuzzing: known bugs', () => {
  let b: Booted;
  let tokens: Tokens;
  beforeAll(async () => {
    b = await bootApp();
    tokens = await setUpCounty(b);
  }, 60_000);
  afterAll(() => b?.close());

  const post = (path: string, body: string, who: keyof Tokens, method = 'POST') =>
    fetch(b.baseUrl + path, { method, headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${tokens[who]}` }, body }).then(
      async (r) => ({ status: r.status, json: JSON.parse((await r.text()) || 'null') }),
    );
  const total = async () =>
    (await b.http.get('/api/cases').set('Authorization', `Bearer ${tokens.supervisor}`).expect(200)).body.total as number;

  // POST /api/cases {"procedure":"toString",...} → 500: CREATE_DTO[procedure] finds Object.prototype's members
  knownBug('POST /api/cases with procedure "toString" / "__proto__" / "hasOwnProperty" / "valueOf" is 400, not 500', async () => {
    for (const procedure of ['toString', '__proto__', 'hasOwnProperty', 'valueOf', 'isPrototypeOf', 'toLocaleString']) {
      const res = await post('/api/cases', JSON.stringify({ procedure, title: 't', department: 'fgw' }), 'official');
      expect({ procedure, status: res.status, code: res.json?.code }).toEqual({ procedure, status: 400, code: 'VALIDATION_FAILED' });
    }
  });

  // class-transformer recurses once per level: past ~2,500 levels the stack overflows (RangeError → 500)
  knownBug('a deeply nested body (5,000 levels, 10 kB) is 400, not 500, on every validated endpoint', async () => {
    const c = await caseDriver(b, tokens).create('official', {
      procedure: 'major-decision',
      title: 't',
      department: 'fgw',
      occurredAt: '2023-03-01',
    });
    const deep = '['.repeat(5000) + ']'.repeat(5000);
    const deepObject = '{"a":'.repeat(5000) + '1' + '}'.repeat(5000);
    const attempts: [string, string, keyof Tokens][] = [
      ['/api/cases', `{"procedure":"major-decision","title":"t","department":"fgw","x":${deep}}`, 'official'],
      [`/api/cases/${c.id}/events`, `{"type":"APPROVE_START","expectedVersion":1,"data":{"x":${deep}}}`, 'secretariat'],
      [`/api/cases/${c.id}/events`, `{"type":"APPROVE_START","expectedVersion":1,"data":${deepObject}}`, 'secretariat'],
      [`/api/cases/${c.id}/comments/import`, `{"expectedVersion":1,"comments":${deep}}`, 'official'],
      ['/api/users', `{"username":"deep","password":"Fuzz-pass-1","displayName":"d","roles":${deep}}`, 'admin'],
    ];
    const statuses = [];
    for (const [path, body, who] of attempts) statuses.push((await post(path, body, who)).status);
    expect(statuses).toEqual(attempts.map(() => 400));
  });

  // POST /api/cases {...valid..., "constructor": <10,000 levels>} → 500: canonicalJson recurses over the raw body
  knownBug('a body whose "constructor" key holds a deep value is 400, not 500', async () => {
    const deep = '['.repeat(10_000) + ']'.repeat(10_000);
    const res = await post('/api/cases', `{"procedure":"major-decision","title":"t","department":"fgw","constructor":${deep}}`, 'official');
    expect(res.status).toBe(400);
  });

  // Nest's ValidationPipe silently deletes __proto__ / prototype / constructor keys before validating, and class-transformer
  // skips __proto__ / constructor, so forbidNonWhitelisted never sees them: the request is accepted. POST /api/cases (validated
  // by validateAs, not by the pipe) then writes the raw body, keys included, into the audit trail (CASE_CREATED).
  knownBug(
    'unknown keys "__proto__", "prototype" and "constructor" are refused (400) like any unknown field, and nothing is stored',
    async () => {
      const before = await total();
      const statuses = [];
      for (const extra of ['"__proto__":{"polluted":1}', '"constructor":{"prototype":{"polluted":1}}']) {
        statuses.push(
          (await post('/api/cases', `{"procedure":"major-decision","title":"t","department":"fgw",${extra}}`, 'official')).status,
        );
      }
      const d = caseDriver(b, tokens);
      const c = await d.create('official', { procedure: 'major-decision', title: 't', department: 'fgw', occurredAt: '2023-03-01' });
      statuses.push(
        (
          await post(
            `/api/cases/${c.id}/events`,
            '{"type":"APPROVE_START","expectedVersion":1,"__proto__":{"x":1},"data":{}}',
            'secretariat',
          )
        ).status,
      );
      for (const key of ['__proto__', 'prototype', 'constructor']) {
        statuses.push((await b.http.get(`/api/cases?${key}=x`).set('Authorization', `Bearer ${tokens.supervisor}`)).status);
      }
      expect(statuses).toEqual([400, 400, 400, 400, 400, 400]);
      expect(await total()).toBe(before + 1);
    },
  );

  // the global ValidationPipe turns a `number` path parameter into Number(value) before ParseIntPipe sees it, and no range is checked:
  // POST /api/catalogues/1e3/items creates item "1000-01"; years -5 and 100000000000000000000 are taken as they are
  knownBug(
    'POST /api/catalogues/:year/items and PUT /api/calendar/:year take only a four-digit year: -5, 0, 10^20, 1e3, 0x7e7 are 400',
    async () => {
      const item = JSON.stringify({ title: '事项', department: 'fgw', addedOn: '2023-01-05' });
      const calendar = JSON.stringify({ holidays: [], makeUpWorkdays: [] });
      const statuses: Record<string, number> = {};
      for (const year of ['-5', '0', '99999999999999999999', '1e3', '0x7e7', '99999']) {
        statuses[`catalogue ${year}`] = (await post(`/api/catalogues/${year}/items`, item, 'secretariat')).status;
        statuses[`calendar ${year}`] = (await post(`/api/calendar/${year}`, calendar, 'admin', 'PUT')).status;
      }
      expect(Object.values(statuses).every((s) => s === 400) ? 'all 400' : statuses).toBe('all 400');
    },
  );

  // class-transformer's plainToInstance, called by validateAs on the raw body of POST /api/cases, throws
  // "Cannot read properties of undefined (reading 'constructor')" for an object whose own "constructor" is not a function
  knownBug('POST /api/cases with {"constructor": 1} nested anywhere in the body is 400, not 500', async () => {
    const statuses = [];
    for (const body of [
      '{"procedure":"major-decision","title":"t","department":"fgw","x":{"constructor":1}}',
      '{"procedure":"major-decision","title":{"constructor":1},"department":"fgw"}',
      '{"procedure":"major-decision","title":"t","department":"fgw","x":[{"constructor":"Object"}]}',
    ]) {
      statuses.push((await post('/api/cases', body, 'official')).status);
    }
    expect(statuses).toEqual([400, 400, 400]);
  });

  // ImportCommentsDto: @ValidateNested({ each: true }) lets an array stand for a comment; the service then sorts
  // by receivedOn and throws "Cannot read properties of undefined (reading 'localeCompare')"
  knownBug(
    'POST /api/cases/:id/comments/import with an array where a comment should be is 400 (each comment must be an object), not 500',
    async () => {
      const d = caseDriver(b, tokens);
      const c = await d.create('official', {
        procedure: 'normative-document',
        title: 't',
        department: 'fgw',
        affectsPublicRights: true,
        marketRelated: false,
        interim: false,
        issuingOrgan: 'government',
        occurredAt: '2023-03-01',
      });
      const open = await d.ok('official', c, 'OPEN_PUBLIC_COMMENT', '2023-03-02', {
        startDate: '2023-03-02',
        endDate: '2023-04-20',
        channels: ['网站'],
      });
      const res = await post(
        `/api/cases/${open.id}/comments/import`,
        JSON.stringify({ expectedVersion: open.version, comments: [{ content: 'a', receivedOn: '2023-03-03' }, []] }),
        'official',
      );
      expect({ status: res.status, field: res.json?.details?.[0]?.field }).toEqual({ status: 400, field: 'comments' });
    },
  );

  // better-sqlite3 writes a lone surrogate into the title column as bytes that read back as three U+FFFD; the snapshot
  // (JSON, escaped) keeps it: the case answers with one title when created and another ever after
  knownBug('a title with a lone surrogate is refused (400), or read back as it was acknowledged', async () => {
    const res = await post('/api/cases', JSON.stringify({ procedure: 'major-decision', title: 'a\ud800b', department: 'fgw' }), 'official');
    if (res.status === 400) return;
    expect(res.status).toBe(201);
    const read = await b.http.get(`/api/cases/${res.json.id}`).set('Authorization', `Bearer ${tokens.official}`).expect(200);
    const list = await b.http.get('/api/cases?pageSize=200').set('Authorization', `Bearer ${tokens.official}`).expect(200);
    expect({ read: read.body.title, listed: list.body.items.find((c: { id: string }) => c.id === res.json.id).title }).toEqual({
      read: res.json.title,
      listed: res.json.title,
    });
  });

  // HolidayYearDto checks the pattern only
  knownBug('PUT /api/calendar/2023 with a holiday on 2023-02-30 is 400', async () => {
    const res = await post('/api/calendar/2023', JSON.stringify({ holidays: ['2023-02-30'], makeUpWorkdays: [] }), 'admin', 'PUT');
    expect(res.status).toBe(400);
  });

  // RegisterDocumentDto checks each date alone: a document "issued before Docket" may be published in 2999
  knownBug(
    'POST /api/cases/register-document refuses a publication date in the future and a validity ending before it begins',
    async () => {
      const base = { title: '登记', department: 'fgw', issuingOrgan: 'government', interim: false };
      const future = await post(
        '/api/cases/register-document',
        JSON.stringify({ ...base, documentNumber: '泗政规〔2999〕1号', publishedOn: '2999-01-01', effectiveDate: '2999-02-01' }),
        'secretariat',
      );
      const backwards = await post(
        '/api/cases/register-document',
        JSON.stringify({
          ...base,
          documentNumber: '泗政规〔2020〕7号',
          publishedOn: '2020-01-01',
          effectiveDate: '2020-02-01',
          validUntil: '2019-01-01',
        }),
        'secretariat',
      );
      expect([future.status, backwards.status].map((s) => s >= 400 && s < 500)).toEqual([true, true]);
    },
  );
});
