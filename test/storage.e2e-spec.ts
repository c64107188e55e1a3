/**
 * The database under trouble, on the real built server: another process holding the write lock,
 * the SQLite file deleted or replaced under the running server, a full disk.
 *
 * - Busy: a write that cannot get the lock within DOCKET_DB_LOCK_WAIT_MS (5 s) is refused with
 *   503 DATABASE_BUSY and Retry-After, while pages and reads go on being answered; once the lock
 *   is free the same write goes through (the refused one changed nothing).
 * - File gone or replaced: every write is 503 STORAGE_UNAVAILABLE (nothing acknowledged that a
 *   restart would lose) and the log says once why; reads keep answering from the open file.
 * - Full disk (the server's file size limit lowered with prlimit, so SQLite's writes fail as on a
 *   full disk): 503 STORAGE_UNAVAILABLE, the log holds SQLite's own error and not the failed
 *   ROLLBACK's; with room again, the same write goes through.
 *
 * SQLite-only cases are skipped on PostgreSQL, where a row lock held by the test's own connection
 * stands in for the busy database.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, renameSync, rmSync, statSync } from 'node:fs';
import Database from 'better-sqlite3';
import { Client } from 'pg';
import type { Response } from 'supertest';
import { bootApp, Booted, CaseBody, caseDriver, expectAuditIntact, setUpCounty, Tokens, withToken } from './harness';

jest.setTimeout(120_000);

const POSTGRES = process.env.DOCKET_TEST_POSTGRES;
const onSqlite = POSTGRES ? describe.skip : describe;
const onPostgres = POSTGRES ? describe : describe.skip;

const ON = '2023-06-01';
/** the longest the test holds the lock: well past the server's 5 s wait, so a server that waits for it answers only after */
const HOLD_MS = 8_000;

/** The server's output once it holds `re` (its log reaches the test by a pipe of its own, after the answer may have). */
async function logOf(b: Booted, re: RegExp): Promise<string> {
  for (let i = 0; i < 100 && !re.test(b.output()); i++) await new Promise((r) => setTimeout(r, 50));
  return b.output();
}

interface Scene {
  b: Booted;
  tokens: Tokens;
  d: ReturnType<typeof caseDriver>;
  c: CaseBody;
}

async function scene(): Promise<Scene> {
  const b = await bootApp();
  const tokens = await setUpCounty(b);
  const d = caseDriver(b, tokens);
  const c = await d.openForComment('泗阳县存储故障测试文件');
  return { b, tokens, d, c };
}

/**
 * While `hold` keeps the database's write lock (until `release`), send an event and, once it is
 * on its way, a page and a read. The lock is released when all three are answered, or after
 * HOLD_MS at the latest. Returns the order in which things happened and the event's answer.
 */
async function whileLocked(s: Scene, release: () => Promise<void>) {
  const order: string[] = [];
  const note =
    (what: string) =>
    (r: Response): Response => {
      order.push(what);
      return r;
    };
  const write = s.d.send('official', s.c, 'RECORD_COMMENT', ON, { content: '锁等待期间提交的意见' }).then(note('write answered'));
  // the write is in the server's hands (waiting for the lock) before the reads go
  await new Promise((r) => setTimeout(r, 300));
  const page = s.b.http.get('/').then(note('page answered'));
  const read = s.b.http.get(`/api/cases/${s.c.id}`).set(withToken(s.tokens.official)).then(note('read answered'));
  const all = Promise.all([write, page, read]);
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([all, new Promise((r) => (timer = setTimeout(r, HOLD_MS)))]);
  clearTimeout(timer);
  order.push('released');
  await release();
  const [w, p, r] = await all;
  return { order, write: w, page: p, read: r };
}

function expectBusyRefusal(s: Scene, res: { order: string[]; write: Response; page: Response; read: Response }) {
  expect(res.write.status).toBe(503);
  expect(res.write.body).toMatchObject({ statusCode: 503, code: 'DATABASE_BUSY' });
  expect(res.write.body.message).toMatch(/数据库/);
  expect(Number(res.write.headers['retry-after'])).toBeGreaterThan(0);
  // answered while the lock was still held, all of them
  expect(res.order.indexOf('released')).toBe(3);
  expect(res.page.status).toBeLessThan(500);
  expect(res.read.status).toBe(200);
  expect(res.read.body.version).toBe(s.c.version);
}

/** the refused write changed nothing: the same event, at the same expected version, now goes through */
async function expectWriteGoesThroughAfter(s: Scene) {
  const again = await s.d.send('official', s.c, 'RECORD_COMMENT', ON, { content: '锁释放后重新提交的意见' });
  expect(again.status).toBe(200);
  expect(again.body.version).toBe(s.c.version + 1);
  expect(again.body.comments.map((c: { content: string }) => c.content)).toEqual(['锁释放后重新提交的意见']);
  await expectAuditIntact(s.b, s.tokens.supervisor);
}

onSqlite('SQLite: another process holds the write lock', () => {
  let s: Scene;
  afterAll(() => s?.b.close());

  it('a write is refused 503 DATABASE_BUSY with Retry-After, pages and reads are answered meanwhile; after release it goes through', async () => {
    s = await scene();
    const other = new Database(s.b.dbFile);
    try {
      other.exec('BEGIN IMMEDIATE');
      const res = await whileLocked(s, async () => {
        other.exec('ROLLBACK');
      });
      expectBusyRefusal(s, res);
    } finally {
      other.close();
    }
    await expectWriteGoesThroughAfter(s);
  });
});

onPostgres('PostgreSQL: another connection holds the row lock', () => {
  let s: Scene;
  afterAll(() => s?.b.close());

  it('a write is refused 503 DATABASE_BUSY with Retry-After, pages and reads are answered meanwhile; after release it goes through', async () => {
    s = await scene();
    const [{ db }] = await s.b.sql('SELECT current_database() AS db');
    const other = new Client({ connectionString: `${POSTGRES}/${String(db)}` });
    await other.connect();
    try {
      await other.query('BEGIN');
      await other.query('SELECT id FROM cases WHERE id = $1 FOR UPDATE', [s.c.id]);
      const res = await whileLocked(s, async () => {
        await other.query('ROLLBACK');
      });
      expectBusyRefusal(s, res);
    } finally {
      await other.end();
    }
    await expectWriteGoesThroughAfter(s);
  });
});

/** A few writes of different kinds, all refused STORAGE_UNAVAILABLE: nothing is acknowledged. */
async function expectEveryWriteRefused(s: Scene) {
  const writes = [
    await s.d.send('official', s.c, 'RECORD_COMMENT', ON, { content: '文件删除后提交的意见' }),
    await s.b.http.put('/api/departments/swj').set(withToken(s.tokens.admin)).send({ name: '县水务局' }),
    await s.b.http.post('/api/cases').set(withToken(s.tokens.official)).send({
      procedure: 'normative-document',
      title: '文件删除后新建的文件',
      department: 'fgw',
      occurredAt: '2023-01-03',
      affectsPublicRights: false,
      marketRelated: false,
      interim: false,
      issuingOrgan: 'government',
    }),
  ];
  for (const w of writes) {
    expect({ status: w.status, code: w.body.code }).toEqual({ status: 503, code: 'STORAGE_UNAVAILABLE' });
  }
  expect(writes[0].body.message).toMatch(/数据库文件/);
}

onSqlite('SQLite: the database file deleted or replaced under the running server', () => {
  let s: Scene | undefined;
  afterEach(async () => {
    await s?.b.close();
    s = undefined;
  });

  it('deleted: every write is 503 STORAGE_UNAVAILABLE, the log says so once, reads still answer', async () => {
    s = await scene();
    rmSync(s.b.dbFile);
    await expectEveryWriteRefused(s);
    const logged = (await logOf(s.b, /database file .* is gone/)).match(/database file .* is gone/g) ?? [];
    expect(logged).toHaveLength(1);
    expect(s.b.output()).toMatch(/restart/);
    // reads go on from the open file, which still holds everything committed before
    const read = await s.b.http.get(`/api/cases/${s.c.id}`).set(withToken(s.tokens.official)).expect(200);
    expect(read.body.version).toBe(s.c.version);
  });

  it('replaced by another file: every write is 503 STORAGE_UNAVAILABLE, the log says so once', async () => {
    s = await scene();
    const copy = `${s.b.dbFile}.restored`;
    copyFileSync(s.b.dbFile, copy);
    renameSync(copy, s.b.dbFile);
    await expectEveryWriteRefused(s);
    const logged = (await logOf(s.b, /database file .* was replaced/)).match(/database file .* was replaced/g) ?? [];
    expect(logged).toHaveLength(1);
  });
});

onSqlite('SQLite: the disk is full', () => {
  let s: Scene;
  afterAll(() => s?.b.close());

  it('a write is 503 STORAGE_UNAVAILABLE with the real cause in the log; with room again the same write goes through', async () => {
    s = await scene();
    const size = (f: string) => {
      try {
        return statSync(f).size;
      } catch {
        return 0;
      }
    };
    // no file of the server may grow past its size now (+64 KiB): its writes fail as on a full disk (the soft
    // limit only, which the test may raise again)
    const limit = Math.max(size(s.b.dbFile), size(`${s.b.dbFile}-wal`)) + 65_536;
    execFileSync('prlimit', ['--pid', String(s.b.pid), `--fsize=${limit}:unlimited`]);
    let c = s.c;
    let refused: Response | undefined;
    for (let i = 0; i < 300 && !refused; i++) {
      const res = await s.d.send('official', c, 'RECORD_COMMENT', ON, { content: `第${i}条意见：${'长'.repeat(4000)}` });
      if (res.status === 200) c = res.body as CaseBody;
      else refused = res;
    }
    expect(refused && { status: refused.status, code: refused.body.code }).toEqual({ status: 503, code: 'STORAGE_UNAVAILABLE' });
    const log = await logOf(s.b, /the database cannot store/);
    expect(log).toMatch(/the database cannot store: SQLITE_(IOERR|FULL)/);

    execFileSync('prlimit', ['--pid', String(s.b.pid), '--fsize=unlimited:unlimited']);
    const stored = await s.d.get('official', c.id);
    expect(stored.version).toBe(c.version);
    s.c = c;
    const again = await s.d.send('official', c, 'RECORD_COMMENT', ON, { content: '磁盘有空间后重新提交的意见' });
    expect(again.status).toBe(200);
    expect(again.body.version).toBe(c.version + 1);
    await expectAuditIntact(s.b, s.tokens.supervisor);
  });
});
