import { Injectable } from '@nestjs/common';
import { Mutex } from 'async-mutex';
import { DataSource, EntityManager } from 'typeorm';

/**
 * The one way to reach the database. SQLite through better-sqlite3 is one connection shared by
 * every request, so its transactions are taken one at a time here (otherwise two requests'
 * statements would interleave inside one transaction); PostgreSQL's pool isolates them itself.
 */
@Injectable()
export class Db {
  private readonly lock = new Mutex();
  private readonly serial: boolean;

  constructor(readonly dataSource: DataSource) {
    this.serial = dataSource.options.type === 'better-sqlite3';
  }

  /** Run `work` in one transaction: all of it commits, or none of it. */
  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.serial ? this.lock.runExclusive(() => this.immediate(work)) : this.dataSource.transaction(work);
  }

  /**
   * SQLite: BEGIN IMMEDIATE takes the write lock at the start, waiting (busy timeout) while
   * another process holds it. TypeORM's deferred BEGIN would read first and then fail at once
   * with "database is locked" when another instance had committed in between.
   */
  private async immediate<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    const qr = this.dataSource.createQueryRunner();
    await qr.query('BEGIN IMMEDIATE');
    // tell TypeORM a transaction is open, so its own saves nest as savepoints instead of beginning again
    const state = qr as unknown as { isTransactionActive: boolean; transactionDepth: number };
    state.isTransactionActive = true;
    state.transactionDepth = 1;
    try {
      const result = await work(qr.manager);
      await qr.query('COMMIT');
      return result;
    } catch (e) {
      await qr.query('ROLLBACK');
      throw e;
    } finally {
      state.isTransactionActive = false;
      state.transactionDepth = 0;
    }
  }

  /** Read committed data (never another request's transaction in progress). */
  read<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    const run = () => work(this.dataSource.manager);
    return this.serial ? this.lock.runExclusive(run) : run();
  }
}
