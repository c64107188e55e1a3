import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { execute, param } from './sql';

/**
 * Hold `key` until the transaction `m` ends: every other transaction that asks for the same key,
 * in this process or another, waits until this one commits or rolls back. For "read MAX, insert
 * MAX + 1", which two transactions side by side would otherwise both read alike.
 *
 * PostgreSQL: a transaction-scoped advisory lock on the key's hash (two keys with the same hash
 * only wait for each other). Under READ COMMITTED every later statement of the transaction sees
 * what the previous holder committed. SQLite: nothing to take, BEGIN IMMEDIATE (Db.transaction)
 * already made this transaction the database's only writer.
 */
export async function lockUntilCommit(m: EntityManager, key: string): Promise<void> {
  if (!m.queryRunner?.isTransactionActive) throw new Error(`lock ${key} taken outside a transaction`);
  if (m.connection.options.type !== 'postgres') return;
  await execute(m, `SELECT pg_advisory_xact_lock(hashtext(${param(m, 1)}))`, [key]);
}

/**
 * Several instances may start at once on one PostgreSQL database. What a start does to the
 * database (migrations, the generated token secret, seeding an empty database, refreshing facts)
 * must happen once, so each instance takes this session-level advisory lock before migrating
 * and gives it back when its start-up is complete (see createApp). The others wait, then find
 * the work done. SQLite needs none: one process serves one file.
 */
const KEY = 'docket-startup';
let held: QueryRunner | undefined;

export async function migrateUnderStartupLock(ds: DataSource): Promise<DataSource> {
  if (ds.options.type === 'postgres') {
    held = ds.createQueryRunner();
    // another instance's start-up (migrating, seeding) may take longer than a request's lock_timeout
    await held.query('SET lock_timeout = 0');
    await held.query('SELECT pg_advisory_lock(hashtext($1))', [KEY]);
    await held.query('RESET lock_timeout');
  }
  await ds.runMigrations({ transaction: 'all' });
  return ds;
}

export async function releaseStartupLock(): Promise<void> {
  const qr = held;
  held = undefined;
  if (!qr) return;
  await qr.query('SELECT pg_advisory_unlock(hashtext($1))', [KEY]);
  await qr.release();
}
