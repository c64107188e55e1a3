import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { DomainError, ErrorCode } from '../common/domain-error';
import { loadConfig } from '../config/config';
import { classify, Db } from './db.service';

/** what Db logged, by level; Nest itself is ESM-only, which Jest cannot load here: its decorators and Logger stand in */
const logged: { level: 'error' | 'warn'; message: string }[] = [];
jest.mock('@nestjs/common', () => ({
  Injectable: () => () => undefined,
  Optional: () => () => undefined,
  Logger: class {
    error(message: unknown) {
      logged.push({ level: 'error', message: String(message) });
    }
    warn(message: unknown) {
      logged.push({ level: 'warn', message: String(message) });
    }
  },
}));

/** Db over a real better-sqlite3 file (WAL, as the server opens it), with plain SQL on a table of blobs. */
async function sqliteDb(waitMs: number) {
  const dir = mkdtempSync(join(tmpdir(), 'docket-db-'));
  const file = join(dir, 'db.sqlite');
  const ds = await new DataSource({ type: 'better-sqlite3', database: file, enableWAL: true, timeout: 10_000 }).initialize();
  await ds.query('CREATE TABLE blobs (id INTEGER PRIMARY KEY, b BLOB NOT NULL)');
  const db = new Db(ds, loadConfig({ DOCKET_DB_LOCK_WAIT_MS: String(waitMs) }));
  return {
    db,
    ds,
    file,
    async close() {
      await ds.destroy();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function refusal(p: Promise<unknown>): Promise<DomainError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  if (!(e instanceof DomainError)) throw new Error(`expected a DomainError, got ${String(e)}`);
  return e;
}

describe('Db over SQLite', () => {
  beforeEach(() => (logged.length = 0));
  const errors = () =>
    logged
      .filter((l) => l.level === 'error')
      .map((l) => l.message)
      .join('\n');

  it('a full disk (max_page_count reached) is STORAGE_UNAVAILABLE, the log holds SQLITE_FULL and not only the failed ROLLBACK', async () => {
    const t = await sqliteDb(500);
    try {
      const { page_count } = (await t.ds.query('PRAGMA page_count'))[0] as { page_count: number };
      await t.ds.query(`PRAGMA max_page_count = ${page_count + 20}`);
      const e = await refusal(
        t.db.transaction(async (m) => {
          for (let i = 0; i < 1000; i++) await m.query('INSERT INTO blobs (b) VALUES (?)', [Buffer.alloc(4000, i)]);
        }),
      );
      expect(e.code).toBe(ErrorCode.STORAGE_UNAVAILABLE);
      expect(errors()).toMatch(/SQLITE_FULL/);
      // nothing of it was stored, and the database still answers
      expect(await t.db.read((m) => m.query('SELECT COUNT(*) AS n FROM blobs'))).toEqual([{ n: 0 }]);
      await t.db.transaction((m) => m.query('INSERT INTO blobs (b) VALUES (?)', [Buffer.alloc(10)]));
      expect(await t.db.read((m) => m.query('SELECT COUNT(*) AS n FROM blobs'))).toEqual([{ n: 1 }]);
    } finally {
      await t.close();
    }
  });

  it('when ROLLBACK fails too, both are logged and the original error is what the caller gets', async () => {
    const t = await sqliteDb(500);
    try {
      const original = new Error('the work failed');
      const e = await t.db
        .transaction(async (m) => {
          // end the transaction behind Db's back, so its ROLLBACK finds none
          await m.query('COMMIT');
          throw original;
        })
        .catch((err: unknown) => err);
      expect(e).toBe(original);
      expect(errors()).toMatch(/the work failed[\s\S]*ROLLBACK[\s\S]*no transaction is active/);
    } finally {
      await t.close();
    }
  });

  it('another connection holding the write lock: the write is DATABASE_BUSY after the wait, reads go on meanwhile, then it goes through', async () => {
    const t = await sqliteDb(400);
    const other = new Database(t.file);
    try {
      other.exec('BEGIN IMMEDIATE');
      const order: string[] = [];
      const write = refusal(t.db.transaction((m) => m.query('INSERT INTO blobs (b) VALUES (?)', [Buffer.alloc(10)]))).then((e) => {
        order.push('write refused');
        return e;
      });
      await new Promise((r) => setTimeout(r, 20));
      await t.db.read((m) => m.query('SELECT COUNT(*) FROM blobs'));
      order.push('read answered');
      const e = await write;
      expect(order).toEqual(['read answered', 'write refused']);
      expect(e.code).toBe(ErrorCode.DATABASE_BUSY);
      expect(e.retryAfter).toBeGreaterThan(0);
      other.exec('ROLLBACK');
      await t.db.transaction((m) => m.query('INSERT INTO blobs (b) VALUES (?)', [Buffer.alloc(10)]));
      expect(await t.db.read((m) => m.query('SELECT COUNT(*) AS n FROM blobs'))).toEqual([{ n: 1 }]);
    } finally {
      other.close();
      await t.close();
    }
  });

  it('a lock released within the wait: the write goes through', async () => {
    const t = await sqliteDb(3000);
    const other = new Database(t.file);
    try {
      other.exec('BEGIN IMMEDIATE');
      setTimeout(() => other.exec('COMMIT'), 200);
      await t.db.transaction((m) => m.query('INSERT INTO blobs (b) VALUES (?)', [Buffer.alloc(10)]));
      expect(await t.db.read((m) => m.query('SELECT COUNT(*) AS n FROM blobs'))).toEqual([{ n: 1 }]);
    } finally {
      other.close();
      await t.close();
    }
  });
});

describe('Db over SQLite: group commit', () => {
  const count = async (db: Db) => ((await db.read((m) => m.query('SELECT COUNT(*) AS n FROM blobs'))) as { n: number }[])[0].n;

  it('works waiting together commit in one transaction, each answered only after that COMMIT', async () => {
    const t = await sqliteDb(500);
    const other = new Database(t.file, { readonly: true });
    try {
      const answered: number[] = [];
      const seen: { inside: number; outside: number; answeredBefore: number }[] = [];
      const works = [1, 2, 3, 4].map((i) =>
        t.db
          .transaction(async (m) => {
            await m.query('INSERT INTO blobs (b) VALUES (?)', [Buffer.alloc(1, i)]);
            const inside = ((await m.query('SELECT COUNT(*) AS n FROM blobs')) as { n: number }[])[0].n;
            const outside = (other.prepare('SELECT COUNT(*) AS n FROM blobs').get() as { n: number }).n;
            seen.push({ inside, outside, answeredBefore: answered.length });
            return i;
          })
          .then((i) => answered.push(i)),
      );
      await Promise.all(works);
      // the fourth saw the three before it inside the transaction, nothing of them outside, and none answered yet
      expect(seen).toEqual([
        { inside: 1, outside: 0, answeredBefore: 0 },
        { inside: 2, outside: 0, answeredBefore: 0 },
        { inside: 3, outside: 0, answeredBefore: 0 },
        { inside: 4, outside: 0, answeredBefore: 0 },
      ]);
      expect(answered).toEqual([1, 2, 3, 4]);
      expect(await count(t.db)).toBe(4);
    } finally {
      other.close();
      await t.close();
    }
  });

  it('a work refused or failing among others changes nothing; the others still commit', async () => {
    const t = await sqliteDb(500);
    try {
      const insert = (i: number, then?: () => never) =>
        t.db.transaction(async (m) => {
          await m.query('INSERT INTO blobs (id, b) VALUES (?, ?)', [i, Buffer.alloc(1)]);
          if (then) then();
          return i;
        });
      const results = await Promise.allSettled([
        insert(1),
        insert(2, () => {
          throw new DomainError(ErrorCode.VERSION_CONFLICT, { zh: '冲突', en: 'conflict' });
        }),
        insert(3),
        insert(4, () => {
          throw new Error('a bug');
        }),
        insert(1), // the same key again: SQLITE_CONSTRAINT inside its savepoint
        insert(5),
      ]);
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'rejected', 'rejected', 'fulfilled']);
      expect(await t.db.read((m) => m.query('SELECT id FROM blobs ORDER BY id'))).toEqual([{ id: 1 }, { id: 3 }, { id: 5 }]);
    } finally {
      await t.close();
    }
  });

  it('a full disk in one work of a batch: every work of it is STORAGE_UNAVAILABLE and nothing is stored', async () => {
    const t = await sqliteDb(500);
    try {
      const { page_count } = (await t.ds.query('PRAGMA page_count'))[0] as { page_count: number };
      await t.ds.query(`PRAGMA max_page_count = ${page_count + 20}`);
      const small = () => t.db.transaction((m) => m.query('INSERT INTO blobs (b) VALUES (?)', [Buffer.alloc(10)]));
      const results = await Promise.allSettled([
        small(),
        t.db.transaction(async (m) => {
          for (let i = 0; i < 1000; i++) await m.query('INSERT INTO blobs (b) VALUES (?)', [Buffer.alloc(4000, i)]);
        }),
      ]);
      // SQLite rolls the whole transaction back on SQLITE_FULL: the small work, done and not yet committed, goes down with it
      expect(results.map((r) => r.status === 'rejected' && (r.reason as DomainError).code)).toEqual([
        ErrorCode.STORAGE_UNAVAILABLE,
        ErrorCode.STORAGE_UNAVAILABLE,
      ]);
      expect(await count(t.db)).toBe(0);
      // and the next works go through
      await small();
      expect(await count(t.db)).toBe(1);
    } finally {
      await t.close();
    }
  });
});

describe('classify: driver errors in domain terms', () => {
  const sqlite = (code: string) => Object.assign(new Error(code), { code });
  const pg = (code: string) => Object.assign(new Error(code), { driverError: { code } });

  it.each([
    ['SQLITE_BUSY', 'busy'],
    ['SQLITE_BUSY_SNAPSHOT', 'busy'],
    ['SQLITE_FULL', 'storage'],
    ['SQLITE_IOERR_WRITE', 'storage'],
    ['SQLITE_READONLY_DBMOVED', 'storage'],
    ['SQLITE_CANTOPEN', 'storage'],
    ['SQLITE_CONSTRAINT_UNIQUE', undefined],
  ])('SQLite %s: %s', (code, kind) => expect(classify(sqlite(code))).toBe(kind));

  it.each([
    ['55P03', 'busy'],
    ['57014', 'busy'],
    ['40P01', 'busy'],
    ['53300', 'busy'],
    ['53100', 'storage'],
    ['25006', 'storage'],
    ['23505', undefined],
  ])('PostgreSQL %s: %s', (code, kind) => expect(classify(pg(code))).toBe(kind));

  it('a pool that cannot give a connection in time is busy', () => {
    expect(classify(new Error('timeout exceeded when trying to connect'))).toBe('busy');
  });
  it('a domain refusal is left alone', () => {
    expect(classify(new DomainError(ErrorCode.VERSION_CONFLICT, { zh: '冲突', en: 'conflict' }))).toBeUndefined();
  });
});

const POSTGRES = process.env.DOCKET_TEST_POSTGRES;
(POSTGRES ? describe : describe.skip)('Db over PostgreSQL', () => {
  it('a pool with no connection to give within the wait: DATABASE_BUSY', async () => {
    const ds = await new DataSource({
      type: 'postgres',
      url: `${POSTGRES}/postgres`,
      extra: { max: 1, connectionTimeoutMillis: 300 },
    }).initialize();
    const db = new Db(ds, loadConfig({ DOCKET_DB_LOCK_WAIT_MS: '300' }));
    try {
      let release!: () => void;
      const held = db.transaction(() => new Promise<void>((r) => (release = r)));
      await new Promise((r) => setTimeout(r, 50));
      const e = await refusal(db.read((m) => m.query('SELECT 1')));
      expect(e.code).toBe(ErrorCode.DATABASE_BUSY);
      release();
      await held;
      expect(await db.read((m) => m.query('SELECT 1 AS one'))).toEqual([{ one: 1 }]);
    } finally {
      await ds.destroy();
    }
  });
});
