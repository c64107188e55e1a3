import type { EntityManager } from 'typeorm';
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
