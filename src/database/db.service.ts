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
    const run = () => this.dataSource.transaction(work);
    return this.serial ? this.lock.runExclusive(run) : run();
  }

  /** Read committed data (never another request's transaction in progress). */
  read<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    const run = () => work(this.dataSource.manager);
    return this.serial ? this.lock.runExclusive(run) : run();
  }
}
