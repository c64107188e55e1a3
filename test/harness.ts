import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { Client } from 'pg';
import request from 'supertest';
import type { components } from '../web/src/api/schema';

export const ADMIN_PASSWORD = 'chief-pass-123';
export const PASSWORD = 'test-pass-123';
const MAIN = resolve(__dirname, '../dist/src/main.js');

export function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.once('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => ok(port));
    });
  });
}

/**
 * With DOCKET_TEST_POSTGRES (a server URL without a database, e.g. postgres://u:p@127.0.0.1:5432)
 * every test server runs on PostgreSQL instead: a fresh database per test folder, made and
 * dropped here, built by the same migrations.
 */
const POSTGRES = process.env.DOCKET_TEST_POSTGRES;

export async function onPostgres<T>(work: (c: Client) => Promise<T>, database = 'postgres'): Promise<T> {
  const c = new Client({ connectionString: `${POSTGRES}/${database}` });
  await c.connect();
  try {
    return await work(c);
  } finally {
    await c.end();
  }
}

/** The PostgreSQL database a test folder's servers use. */
export const databaseFor = (dir: string) =>
  `e2e_${basename(dir)
    .replace(/[^a-zA-Z0-9]/g, '_')
    .toLowerCase()}`;

/**
 * The real server (`node dist/src/main.js`, as `npm run start:prod` runs it) on a fresh SQLite
 * file (or PostgreSQL database) built by the real migrations, on a free loopback port. A second
 * server on the same `dir` shares the first one's database.
 */
export async function bootApp(
  env: Record<string, string> = {},
  dir = mkdtempSync(join(tmpdir(), 'docket-e2e-')),
  /** flags for node itself (a bench's `--cpu-prof`) */
  nodeArgs: string[] = [],
) {
  const dbFile = join(dir, 'docket.sqlite');
  const database = databaseFor(dir);
  if (POSTGRES) {
    await onPostgres(async (c) => {
      const exists = await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
      // two servers booting at once on one folder both try; the second finds it made
      if (!exists.rowCount)
        await c.query(`CREATE DATABASE ${database}`).catch((e: { code?: string }) => {
          if (e.code !== '42P04' && e.code !== '23505') throw e;
        });
    });
  }
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, MAIN], {
    env: {
      PATH: process.env.PATH,
      PORT: String(port),
      DOCKET_DB: dbFile,
      DOCKET_SEED: 'none',
      DOCKET_ADMIN_PASSWORD: ADMIN_PASSWORD,
      JWT_SECRET: 'e2e-secret-e2e-secret-e2e-secret',
      LOG_LEVEL: 'warn',
      DOCKET_LOGIN_LIMIT: '100000',
      ...(POSTGRES ? { DATABASE_URL: `${POSTGRES}/${database}` } : {}),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((ok) => child.once('exit', (code) => ok(code)));
  const baseUrl = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`server exited during start (${child.exitCode ?? child.signalCode}):\n${output}`);
    try {
      const res = await fetch(`${baseUrl}/api/docs-json`);
      if (res.ok) break;
    } catch {
      /* not listening yet */
    }
    if (i > 300) {
      // a server that never answered must not outlive the test run (it would keep jest alive)
      child.kill('SIGKILL');
      throw new Error(`server did not start:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    http: request(baseUrl),
    baseUrl,
    pid: child.pid!,
    dbFile,
    dir,
    output: () => output,
    /** plain SQL on the server's database, behind its back (to tamper with rows in tests); `?` placeholders */
    async sql(query: string, params: unknown[] = []): Promise<Record<string, unknown>[]> {
      if (POSTGRES) {
        let i = 0;
        const text = query.replace(/\?/g, () => `$${++i}`);
        return onPostgres(async (c) => (await c.query(text, params)).rows, database);
      }
      const db = new Database(dbFile);
      try {
        const stmt = db.prepare(query);
        return stmt.reader ? (stmt.all(...params) as Record<string, unknown>[]) : (stmt.run(...params), []);
      } finally {
        db.close();
      }
    },
    /** stop like a power cut: no clean shutdown */
    async kill() {
      child.kill('SIGKILL');
      await exited;
    },
    async close(keepFiles = false) {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await exited;
      }
      if (!keepFiles) {
        rmSync(dir, { recursive: true, force: true });
        if (POSTGRES) await onPostgres((c) => c.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`));
      }
    },
  };
}

export type Booted = Awaited<ReturnType<typeof bootApp>>;

export async function login(b: Booted, username: string, password = PASSWORD): Promise<string> {
  const res = await b.http.post('/api/auth/login').send({ username, password }).expect(200);
  return res.body.accessToken as string;
}

/** Departments and one user per role, plus the awkward ones (second official, reviewer who also drafts). */
export async function setUpCounty(b: Booted) {
  const admin = await login(b, 'admin', ADMIN_PASSWORD);
  const auth = { Authorization: `Bearer ${admin}` };
  for (const [id, name, documentPrefix] of [
    ['county-government', '泗阳县人民政府', '泗政规'],
    ['fgw', '县发展和改革委员会', '泗发改规'],
    ['zjj', '县住房和城乡建设局', '泗住建规'],
    ['sfj', '县司法局', undefined],
    ['zfb', '县政府办公室', undefined],
  ] as const) {
    await b.http
      .put(`/api/departments/${id}`)
      .set(auth)
      .send(documentPrefix ? { name, documentPrefix } : { name })
      .expect(200);
  }
  const users = {
    official: { roles: ['official'], department: 'fgw' },
    official2: { roles: ['official'], department: 'fgw' },
    zjjOfficial: { roles: ['official'], department: 'zjj' },
    reviewer: { roles: ['reviewer'], department: 'sfj' },
    reviewerOfficial: { roles: ['reviewer', 'official'], department: 'fgw' },
    secretariat: { roles: ['secretariat'], department: 'zfb' },
    supervisor: { roles: ['supervisor'] },
  } as const;
  const tokens: Record<keyof typeof users | 'admin', string> = { admin } as never;
  for (const [username, u] of Object.entries(users)) {
    await b.http
      .post('/api/users')
      .set(auth)
      .send({ username, password: PASSWORD, displayName: username, ...u })
      .expect(201);
    tokens[username as keyof typeof users] = await login(b, username);
  }
  // the 2023 catalogue of major decisions, published: items 2023-01 and 2023-02
  const secretariat = { Authorization: `Bearer ${tokens.secretariat}` };
  for (const title of ['城区公共停车设施建设', '老旧小区改造']) {
    await b.http.post('/api/catalogues/2023/items').set(secretariat).send({ title, department: 'fgw', addedOn: '2023-01-05' }).expect(201);
  }
  await b.http.post('/api/catalogues/2023/publish').set(secretariat).send({ publishedOn: '2023-01-10' }).expect(201);
  return tokens;
}

export type Tokens = Awaited<ReturnType<typeof setUpCounty>>;

/** A comment period open nearly all of 2023, so races can date every event on one day inside it. */
export const LONG_PERIOD = { draftText: '草案全文及起草说明', startDate: '2023-01-04', endDate: '2023-12-15', channels: ['县政府网站'] };

/** A small client for one case: send events as someone, keeping the version. */
export function caseDriver(b: Booted, tokens: Tokens) {
  return {
    async create(who: keyof Tokens, body: Record<string, unknown>) {
      const res = await b.http.post('/api/cases').set('Authorization', `Bearer ${tokens[who]}`).send(body);
      if (res.status !== 201) throw new Error(`create failed ${res.status} ${JSON.stringify(res.body)}`);
      return res.body as CaseBody;
    },
    async get(who: keyof Tokens, id: string) {
      return (await b.http.get(`/api/cases/${id}`).set('Authorization', `Bearer ${tokens[who]}`).expect(200)).body as CaseBody;
    },
    send(who: keyof Tokens, c: { id: string; version: number }, type: string, occurredAt: string, data: Record<string, unknown> = {}) {
      return b.http
        .post(`/api/cases/${c.id}/events`)
        .set('Authorization', `Bearer ${tokens[who]}`)
        .send({ type, expectedVersion: c.version, occurredAt, data });
    },
    /** A fgw normative document affecting public rights, its comment period open (version 2), by the official. */
    async openForComment(
      title: string,
      period: { draftText?: string; startDate: string; endDate: string; channels: string[] } = LONG_PERIOD,
    ) {
      const c = await this.create('official', {
        procedure: 'normative-document',
        title,
        department: 'fgw',
        occurredAt: '2023-01-03',
        affectsPublicRights: true,
        marketRelated: false,
        interim: false,
        issuingOrgan: 'government',
      });
      const open = await this.ok('official', c, 'OPEN_PUBLIC_COMMENT', period.startDate, { draftText: LONG_PERIOD.draftText, ...period });
      if (open.version !== 2) throw new Error(`opened at version ${open.version}`);
      return open;
    },
    /** send, expect 200, return the case */
    async ok(who: keyof Tokens, c: { id: string; version: number }, type: string, occurredAt: string, data: Record<string, unknown> = {}) {
      const res = await this.send(who, c, type, occurredAt, data);
      if (res.status !== 200) throw new Error(`${type} refused ${res.status} ${JSON.stringify(res.body)}`);
      return res.body as CaseBody;
    },
  };
}

/**
 * A county-government normative document that does not affect public rights, carried through
 * legality review and collective deliberation: ready for PUBLISH_DOCUMENT.
 */
export async function approvedDocument(
  d: ReturnType<typeof caseDriver>,
  who: 'official' | 'official2' | 'zjjOfficial',
  title: string,
  dates: { created: string; submitted: string; reviewDue: string; opinion: string; meeting: string },
): Promise<CaseBody> {
  let c = await d.create(who, {
    procedure: 'normative-document',
    title,
    department: who === 'zjjOfficial' ? 'zjj' : 'fgw',
    occurredAt: dates.created,
    affectsPublicRights: false,
    marketRelated: false,
    interim: false,
    issuingOrgan: 'government',
  });
  c = await d.ok(who, c, 'SUBMIT_FOR_LEGALITY_REVIEW', dates.submitted, { reviewDueDate: dates.reviewDue });
  c = await d.ok('reviewer', c, 'ISSUE_LEGALITY_OPINION', dates.opinion, { conclusion: 'lawful', opinion: '合法' });
  return d.ok('secretariat', c, 'RECORD_COLLECTIVE_DELIBERATION', dates.meeting, {
    meetingType: 'standing',
    meetingDate: dates.meeting,
    outcome: 'approved',
  });
}

/**
 * A government normative document of `department` that does not affect public rights, carried
 * through legality review and deliberation to publication (2023-03-28) and filing (2023-04-10).
 */
export async function filedDocument(d: ReturnType<typeof caseDriver>, department: string, title: string, filedWith = '宿迁市人民政府') {
  let c = await d.create('official', {
    procedure: 'normative-document',
    title,
    department,
    occurredAt: '2023-03-01',
    affectsPublicRights: false,
    marketRelated: false,
    interim: false,
    issuingOrgan: 'government',
  });
  c = await d.ok('official', c, 'SUBMIT_FOR_LEGALITY_REVIEW', '2023-03-06', { reviewDueDate: '2023-03-20' });
  c = await d.ok('reviewer', c, 'ISSUE_LEGALITY_OPINION', '2023-03-15', { conclusion: 'lawful', opinion: '合法' });
  c = await d.ok('secretariat', c, 'RECORD_COLLECTIVE_DELIBERATION', '2023-03-22', {
    meetingType: 'standing',
    meetingDate: '2023-03-22',
    outcome: 'approved',
  });
  c = await d.ok('secretariat', c, 'PUBLISH_DOCUMENT', '2023-03-28', { channels: ['县政府网站'], effectiveDate: '2023-04-01' });
  return d.ok('secretariat', c, 'RECORD_FILING', '2023-04-10', { filedWith });
}

/** A government document issued before Docket, registered in force by the secretariat; its id. */
export async function registerDocument(b: Booted, tokens: Tokens, body: Record<string, unknown>): Promise<string> {
  const res = await b.http
    .post('/api/cases/register-document')
    .set('Authorization', `Bearer ${tokens.secretariat}`)
    .send({ department: 'fgw', issuingOrgan: 'government', interim: false, ...body });
  if (res.status !== 201) throw new Error(`register failed ${res.status} ${JSON.stringify(res.body)}`);
  expect(res.body).toMatchObject({ stage: 'inForce', ...(body.validUntil ? { validUntil: body.validUntil } : {}) });
  return res.body.id as string;
}

/** The API's answers, generated from its OpenAPI document (web/src/api, `npm run openapi`). */
type Schemas = components['schemas'];

export type DeadlineRun = Schemas['DeadlineRun'];

/** POST /api/deadlines/run as admin, expecting 200. */
export async function runDeadlines(b: Booted, adminToken: string): Promise<DeadlineRun> {
  return (await b.http.post('/api/deadlines/run').set('Authorization', `Bearer ${adminToken}`).expect(200)).body as DeadlineRun;
}

/** GET /api/audit/verify: every hash chain recomputed and unbroken. */
export async function expectAuditIntact(b: Booted, token: string): Promise<Schemas['VerifyResult']> {
  const res = await b.http.get('/api/audit/verify').set('Authorization', `Bearer ${token}`).expect(200);
  expect(res.body).toMatchObject({ ok: true, firstBrokenEventId: null });
  return res.body as Schemas['VerifyResult'];
}

/** A case as the API answers it; the tests read its record's entries freely. */
export type CaseBody = Omit<Schemas['CaseView'], 'record'> & { record: Record<string, any> };

/** `Authorization: Bearer <token>`, for a token that is not one of the county's (a fresh sign-in, a forged one). */
export const withToken = (token: string) => ({ Authorization: `Bearer ${token}` });

export interface County {
  /** the server; it forwards to the one beforeAll booted, so it can be taken before the tests run */
  b: Booted;
  /** with `second: true`, a second instance on the same database (booted after the county is set up) */
  b2: Booted;
  /** filled by beforeAll: admin and one user per role (`setUpCounty`) */
  tokens: Tokens;
  d: ReturnType<typeof caseDriver>;
  bearer(who: keyof Tokens): { Authorization: string };
  /** a redeployment: stop the server cleanly and start it again on the same database, with the same env */
  restart(): Promise<void>;
}

/** A stand-in for a server booted later: reading it before then is a mistake in the test. */
function lateServer(now: () => Booted | undefined): Booted {
  return new Proxy({} as Booted, {
    get(_, key) {
      const current = now();
      if (!current) throw new Error('useCounty: the server is there only while its describe runs, from beforeAll on');
      return Reflect.get(current, key) as unknown;
    },
  });
}

/**
 * Called at the top of a describe: beforeAll boots the real server (with `env`) and sets up the
 * county (unless `county: false`); afterAll stops it (and the second instance) and drops its
 * database, even when a test or the set-up itself failed.
 */
export function useCounty(
  env: Record<string, string> = {},
  options: { county?: boolean; second?: boolean; timeout?: number } = {},
): County {
  let first: Booted | undefined;
  let second: Booted | undefined;
  // a boot still under way when its hook timed out: afterAll waits for it, so its server is stopped too
  let booting: Promise<unknown> = Promise.resolve();
  const b = lateServer(() => first);
  const tokens = {} as Tokens;
  const timeout = options.timeout ?? 60_000;
  beforeAll(() => {
    booting = (async () => {
      first = await bootApp(env);
      if (options.county !== false) Object.assign(tokens, await setUpCounty(first));
      if (options.second) second = await bootApp(env, first.dir);
    })();
    return booting;
  }, timeout);
  afterAll(async () => {
    await booting.catch(() => undefined);
    const [one, two] = [first, second];
    first = second = undefined;
    try {
      await two?.close(true);
    } finally {
      await one?.close();
    }
    // long enough to wait out a boot that outlived beforeAll (bootApp gives a server 30 s to listen)
  }, timeout + 40_000);
  return {
    b,
    b2: lateServer(() => second),
    tokens,
    d: caseDriver(b, tokens),
    bearer: (who) => withToken(tokens[who]),
    restart() {
      booting = (async () => {
        const dir = b.dir;
        await b.close(true);
        first = undefined;
        first = await bootApp(env, dir);
      })();
      return booting as Promise<void>;
    },
  };
}
