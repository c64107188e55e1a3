import { Injectable, Logger, Optional } from '@nestjs/common';
import { Mutex } from 'async-mutex';
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { DataSource, EntityManager } from 'typeorm';
import { text } from '../../workflows';
import { DomainError, ErrorCode } from '../common/domain-error';
import { AppConfig } from '../config/config';

/** SQLite's own busy wait per try: it is synchronous, so it stops every request while it lasts */
const SQLITE_BUSY_TIMEOUT_MS = 5;
/** the pause between two tries for the write lock grows to this (plus jitter) */
const MAX_PAUSE_MS = 50;
const DEFAULT_WAIT_MS = 5000;

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
      const connection = (dataSource.driver as unknown as { databaseConnection: { pragma(s: string): unknown } }).databaseConnection;
      connection.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
      const path = dataSource.options.database;
      if (path !== ':memory:' && path !== '') {
        const st = statSync(path);
        this.file = { path: resolve(path), dev: st.dev, ino: st.ino };
      }
    }
  }

  /** Run `work` in one transaction: all of it commits, or none of it. */
  async transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    if (!this.serial) {
      try {
        return await this.dataSource.transaction(work);
      } catch (e) {
        throw this.translate(e);
      }
    }
    const deadline = Date.now() + this.waitMs;
    for (let pauseMs = 2; ; pauseMs = Math.min(pauseMs * 2, MAX_PAUSE_MS)) {
      // the in-process lock is let go between tries, so reads (which in WAL need no write lock) go on meanwhile
      const done = await this.lock.runExclusive(async () => {
        this.checkFile();
        if (!(await this.beginImmediate())) return undefined;
        return { result: await this.immediate(work) };
      });
      if (done) return done.result;
      if (Date.now() >= deadline) throw this.busy();
      await pause(pauseMs);
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

  /** The transaction begun by beginImmediate: run `work`, commit, or roll back. */
  private async immediate<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    const qr = this.dataSource.createQueryRunner();
    // tell TypeORM a transaction is open, so its own saves nest as savepoints instead of beginning again
    const state = qr as unknown as { isTransactionActive: boolean; transactionDepth: number };
    state.isTransactionActive = true;
    state.transactionDepth = 1;
    try {
      const result = await work(qr.manager);
      await qr.query('COMMIT');
      return result;
    } catch (e) {
      try {
        await qr.query('ROLLBACK');
      } catch (rollbackError) {
        // SQLite may have rolled back by itself (disk full, I/O error): the error that matters is the first
        this.logger.error(`a transaction failed: ${describeError(e)}; its ROLLBACK failed too: ${describeError(rollbackError)}`);
      }
      throw this.translate(e);
    } finally {
      state.isTransactionActive = false;
      state.transactionDepth = 0;
    }
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
