import { Injectable, Logger, Optional } from '@nestjs/common';
import { Mutex } from 'async-mutex';
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { text } from '../../workflows';
import { DomainError, ErrorCode } from '../common/domain-error';
import { AppConfig } from '../config/config';

/** SQLite's own busy wait per try: it is synchronous, so it stops every request while it lasts */
const SQLITE_BUSY_TIMEOUT_MS = 5;
/** the pause between two tries for the write lock grows to this (plus jitter) */
const MAX_PAUSE_MS = 50;
const DEFAULT_WAIT_MS = 5000;
/** the most works one SQLite transaction carries (group commit): the first of them waits for the others' work */
const MAX_BATCH = 32;

/** A work waiting for its transaction, and its caller. */
interface Pending {
  work: (m: EntityManager) => Promise<unknown>;
  ok(result: unknown): void;
  fail(e: unknown): void;
  /** refused DATABASE_BUSY if another process still holds the write lock at this time (ms) */
  deadline: number;
}

type Trouble = 'busy' | 'storage';

/**
 * What a driver error means for the caller: `busy` (another holder of a lock or of the pool's
 * connections: try again shortly), `storage` (the disk or file cannot take writes: an operator
 * must look), or nothing known (a bug: 500).
 */
export function classify(e: unknown): Trouble | undefined {
  if (!(e instanceof Error) || e instanceof DomainError) return undefined;
  const own = (e as { code?: unknown }).code;
  const driver = (e as { driverError?: { code?: unknown } }).driverError?.code;
  const code = typeof own === 'string' ? own : typeof driver === 'string' ? driver : '';
  if (/^SQLITE_BUSY/.test(code)) return 'busy';
  if (/^SQLITE_(FULL|IOERR|READONLY|CANTOPEN|CORRUPT|NOTADB)/.test(code)) return 'storage';
  // PostgreSQL: lock_not_available (lock_timeout), query_canceled (statement_timeout), deadlock_detected, too_many_connections
  if (['55P03', '57014', '40P01', '53300'].includes(code)) return 'busy';
  // disk_full, read_only_sql_transaction (a standby, or default_transaction_read_only)
  if (['53100', '25006'].includes(code)) return 'storage';
  // pg-pool: every connection stayed taken for connectionTimeoutMillis
  if (e.message === 'timeout exceeded when trying to connect') return 'busy';
  return undefined;
}

const describeError = (e: unknown) => {
  if (!(e instanceof Error)) return String(e);
  const code = (e as { code?: unknown }).code;
  return typeof code === 'string' && !e.message.includes(code) ? `${code}: ${e.message}` : e.message;
};

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms * (0.5 + Math.random())));

/**
 * The one way to reach the database. SQLite through better-sqlite3 is one connection shared by
 * every request, so its transactions are taken one at a time here (otherwise two requests'
 * statements would interleave inside one transaction); PostgreSQL's pool isolates them itself.
 *
 * Trouble below is given in domain terms: a lock or connection not had within
 * DOCKET_DB_LOCK_WAIT_MS is 503 DATABASE_BUSY; a full disk, an I/O error, or an SQLite file
 * deleted or replaced under the running server is 503 STORAGE_UNAVAILABLE, its cause logged.
 */
@Injectable()
export class Db {
  private readonly logger = new Logger('Db');
  private readonly lock = new Mutex();
  /** SQLite: the works waiting for a transaction, in order, and whether a batch is running them */
  private readonly pending: Pending[] = [];
  private batching = false;
  private readonly serial: boolean;
  private readonly waitMs: number;
  /** the SQLite file as opened: a write checks it is still the file at that path */
  private readonly file?: { path: string; dev: number; ino: number };
  private fileTroubleLogged = false;

  constructor(
    readonly dataSource: DataSource,
    @Optional() config?: AppConfig,
  ) {
    this.serial = dataSource.options.type === 'better-sqlite3';
    this.waitMs = config?.DOCKET_DB_LOCK_WAIT_MS ?? DEFAULT_WAIT_MS;
    if (dataSource.options.type === 'better-sqlite3') {
      // the start-up (migrations) may wait in SQLite; from here on waiting is done here, without blocking the event loop
      this.connection().pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
      const path = dataSource.options.database;
      if (path !== ':memory:' && path !== '') {
        const st = statSync(path);
        this.file = { path: resolve(path), dev: st.dev, ino: st.ino };
      }
    }
  }

  /**
   * Run `work` in one transaction: all of it commits, or none of it; the promise settles once it
   * has (acknowledge nothing before). On SQLite the works that are waiting together commit
   * together (group commit, see `runBatches`).
   */
  async transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    if (!this.serial) {
      try {
        return await this.dataSource.transaction(work);
      } catch (e) {
        throw this.translate(e);
      }
    }
    return new Promise<T>((ok, fail) => {
      this.pending.push({ work, ok: ok as (r: unknown) => void, fail, deadline: Date.now() + this.waitMs });
      if (!this.batching) void this.runBatches();
    });
  }

  /**
   * SQLite, group commit: one SQLite transaction for the works waiting together (at most
   * MAX_BATCH), each after the first inside its own savepoint, so a work that fails or is
   * refused changes nothing and the others still commit. Every work is answered only after the
   * COMMIT that holds it, so with synchronous=FULL one flush carries them all, and a crash loses
   * nothing that was acknowledged. Between two batches the in-process lock is let go, so reads
   * go on.
   */
  private async runBatches(): Promise<void> {
    this.batching = true;
    try {
      for (let pauseMs = 2; this.pending.length;) {
        // one turn of the event loop first: the requests already arrived reach their transaction and join this batch
        await new Promise((r) => setImmediate(r));
        const began = await this.lock.runExclusive(async () => {
          try {
            this.checkFile();
            if (!(await this.beginImmediate())) return false;
          } catch (e) {
            for (const p of this.pending.splice(0)) p.fail(e);
            return true;
          }
          await this.batch();
          return true;
        });
        if (began) {
          pauseMs = 2;
          continue;
        }
        // another process holds the write lock: refuse the works that waited their time, try again for the others
        const now = Date.now();
        for (const p of this.pending.filter((x) => x.deadline <= now)) {
          this.pending.splice(this.pending.indexOf(p), 1);
          p.fail(this.busy());
        }
        if (!this.pending.length) break;
        await pause(pauseMs);
        pauseMs = Math.min(pauseMs * 2, MAX_PAUSE_MS);
      }
    } catch (e) {
      // not expected (every failure above is answered to its work), but no work still queued may wait forever
      this.logger.error(`the transaction queue stopped: ${describeError(e)}`);
      for (const p of this.pending.splice(0)) p.fail(e);
    } finally {
      this.batching = false;
    }
  }

  /**
   * SQLite: BEGIN IMMEDIATE takes the write lock at the start. TypeORM's deferred BEGIN would read
   * first and then fail at once with "database is locked" when another instance had committed in
   * between. False when another process holds the lock (SQLITE_BUSY after the short busy timeout).
   */
  private async beginImmediate(): Promise<boolean> {
    try {
      await this.dataSource.createQueryRunner().query('BEGIN IMMEDIATE');
      return true;
    } catch (e) {
      if (classify(e) === 'busy') return false;
      throw this.translate(e);
    }
  }

  /** Inside the transaction begun by beginImmediate: the waiting works, each in a savepoint, then one COMMIT. */
  private async batch(): Promise<void> {
    const qr = this.dataSource.createQueryRunner();
    // tell TypeORM a transaction is open, so its own saves nest as savepoints instead of beginning again
    const state = qr as unknown as { isTransactionActive: boolean; transactionDepth: number };
    state.isTransactionActive = true;
    state.transactionDepth = 1;
    const done: { p: Pending; result: unknown }[] = [];
    try {
      for (let n = 0; n < MAX_BATCH && this.pending.length; n++) {
        const p = this.pending.shift()!;
        // the first work needs no savepoint: if it fails, the whole transaction is rolled back and the rest wait for the next
        const first = n === 0;
        try {
          if (!first) await qr.query('SAVEPOINT docket_work');
          done.push({ p, result: await p.work(qr.manager) });
          if (!first) await qr.query('RELEASE docket_work');
        } catch (e) {
          if (done.at(-1)?.p === p) done.pop();
          if (first) {
            await this.rollback(qr, e);
            p.fail(this.translate(e));
            return;
          }
          if (!(await this.undo(qr, e))) {
            // the transaction is gone (SQLite rolled it back itself, or it could not be undone): nothing of it is stored
            const cause = this.translate(e);
            p.fail(cause);
            for (const d of done) d.p.fail(cause);
            return;
          }
          p.fail(this.translate(e));
        }
      }
      try {
        await qr.query('COMMIT');
      } catch (e) {
        await this.rollback(qr, e);
        const cause = this.translate(e);
        for (const d of done) d.p.fail(cause);
        return;
      }
      for (const d of done) d.p.ok(d.result);
    } finally {
      state.isTransactionActive = false;
      state.transactionDepth = 0;
    }
  }

  /** Undo one work to its savepoint; false when the whole transaction had to be (or already was) rolled back. */
  private async undo(qr: QueryRunner, e: unknown): Promise<boolean> {
    if (this.connection().inTransaction) {
      try {
        await qr.query('ROLLBACK TO docket_work');
        await qr.query('RELEASE docket_work');
        return true;
      } catch {
        /* rolled back whole below */
      }
    }
    await this.rollback(qr, e);
    return false;
  }

  private async rollback(qr: QueryRunner, e: unknown): Promise<void> {
    try {
      await qr.query('ROLLBACK');
    } catch (rollbackError) {
      // SQLite may have rolled back by itself (disk full, I/O error): the error that matters is the first
      this.logger.error(`a transaction failed: ${describeError(e)}; its ROLLBACK failed too: ${describeError(rollbackError)}`);
    }
  }

  private connection(): { inTransaction: boolean; pragma(s: string): unknown } {
    return (this.dataSource.driver as unknown as { databaseConnection: { inTransaction: boolean; pragma(s: string): unknown } })
      .databaseConnection;
  }

  /** Read committed data (never another request's transaction in progress). */
  async read<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    const run = () => work(this.dataSource.manager);
    if (!this.serial) {
      try {
        return await run();
      } catch (e) {
        throw this.translate(e);
      }
    }
    // reads need no write lock in WAL; SQLITE_BUSY (e.g. another process recovering the WAL) is rare, and retried
    const deadline = Date.now() + this.waitMs;
    for (let pauseMs = 2; ; pauseMs = Math.min(pauseMs * 2, MAX_PAUSE_MS)) {
      try {
        return await this.lock.runExclusive(run);
      } catch (e) {
        if (classify(e) !== 'busy') throw this.translate(e);
        if (Date.now() >= deadline) throw this.busy(e);
      }
      await pause(pauseMs);
    }
  }

  /**
   * Refuse a write when the SQLite file at our path is gone or is another file (restored from a
   * backup, say): what this connection would write goes to a file nobody will open again, and is
   * lost at the next start. Reads go on from the open file, which still holds all that was committed.
   */
  private checkFile(): void {
    if (!this.file) return;
    let trouble: 'is gone (deleted)' | 'was replaced by another file' | undefined;
    try {
      const st = statSync(this.file.path);
      if (st.dev !== this.file.dev || st.ino !== this.file.ino) trouble = 'was replaced by another file';
    } catch {
      trouble = 'is gone (deleted)';
    }
    if (!trouble) {
      this.fileTroubleLogged = false;
      return;
    }
    if (!this.fileTroubleLogged) {
      this.fileTroubleLogged = true;
      this.logger.error(
        `the database file ${this.file.path} ${trouble} since the server opened it: every write is refused, as it would be lost. ` +
          'An operator must put the right file in place and restart the server (until then reads answer from the file as it was opened).',
      );
    }
    throw new DomainError(
      ErrorCode.STORAGE_UNAVAILABLE,
      text(
        '数据库文件已被删除或替换，本次操作未保存；请系统管理员检查数据库文件并重启服务',
        'the database file has been deleted or replaced; nothing was saved; an operator must check the file and restart the server',
      ),
    );
  }

  private busy(cause?: unknown): DomainError {
    const why = cause === undefined ? `another process held the write lock for ${this.waitMs} ms` : describeError(cause);
    this.logger.warn(`a request was refused as the database is busy: ${why}`);
    return new DomainError(
      ErrorCode.DATABASE_BUSY,
      text(
        '数据库正忙（另一写入操作尚未完成），本次操作未保存，请稍后重试',
        'the database is busy with another write; nothing was saved; try again shortly',
      ),
      undefined,
      undefined,
      Math.max(1, Math.ceil(this.waitMs / 1000)),
    );
  }

  /** A driver error in domain terms (logged), or the error as it was. */
  private translate(e: unknown): unknown {
    const trouble = classify(e);
    if (trouble === 'busy') return this.busy(e);
    if (trouble !== 'storage') return e;
    this.logger.error(`the database cannot store: ${describeError(e)}`);
    return new DomainError(
      ErrorCode.STORAGE_UNAVAILABLE,
      text(
        '数据库存储不可用（磁盘已满或无法写入），本次操作未保存，请联系系统管理员',
        'the database storage is unavailable (disk full or not writable); nothing was saved; contact the administrator',
      ),
    );
  }
}
