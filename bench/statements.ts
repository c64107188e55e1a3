/**
 * Watch every better-sqlite3 statement this process runs, whenever it was prepared: `watch`
 * wraps the Statement methods, calling `around(sql, method, args, run)` where `run()` executes
 * the statement; it returns the function that puts the methods back. Used by the benches that
 * time (sql-times.ts) or record (engine.ts) Docket's statements.
 */
import Database from 'better-sqlite3';

export type StatementMethod = 'run' | 'get' | 'all' | 'iterate';
type Run = (...args: unknown[]) => unknown;

const proto = (() => {
  const db = new Database(':memory:');
  const p = Object.getPrototypeOf(db.prepare('SELECT 1')) as Record<StatementMethod, Run>;
  db.close();
  return p;
})();
const METHODS = ['run', 'get', 'all', 'iterate'] as const;

export function watchStatements(
  around: (sql: string, method: StatementMethod, args: unknown[], run: () => unknown) => unknown,
): () => void {
  const originals = Object.fromEntries(METHODS.map((m) => [m, proto[m]])) as Record<StatementMethod, Run>;
  for (const method of METHODS) {
    const original = originals[method];
    proto[method] = function (this: { source: string }, ...args: unknown[]) {
      return around(this.source, method, args, () => original.apply(this, args));
    };
  }
  return () => {
    for (const method of METHODS) proto[method] = originals[method];
  };
}
