/**
 * Preloaded into the Docket server by `BENCH_SQL_TIMES=1 … bench/http-procedure.ts` (node -r):
 * times every better-sqlite3 statement by its SQL and, when the server is stopped (SIGTERM),
 * writes the 25 costliest to stderr: count, total ms, µs each.
 */
import Database from 'better-sqlite3';
import { performance } from 'node:perf_hooks';

const stats = new Map<string, { n: number; ms: number }>();
const proto = Database.prototype as unknown as { prepare(this: unknown, sql: string): Record<string, unknown> };
const prepare = proto.prepare;
proto.prepare = function (sql: string) {
  const statement = prepare.call(this, sql);
  const key = sql.replace(/\s+/g, ' ').slice(0, 100);
  for (const method of ['run', 'all', 'get', 'iterate']) {
    const original = statement[method];
    if (typeof original !== 'function') continue;
    statement[method] = function (this: unknown, ...args: unknown[]) {
      const start = performance.now();
      try {
        return (original as (...a: unknown[]) => unknown).apply(this, args);
      } finally {
        const s = stats.get(key) ?? { n: 0, ms: 0 };
        s.n++;
        s.ms += performance.now() - start;
        stats.set(key, s);
      }
    };
  }
  return statement;
};

process.once('SIGTERM', () => {
  const rows = [...stats].sort((a, b) => b[1].ms - a[1].ms);
  const total = rows.reduce((t, [, s]) => t + s.ms, 0);
  const lines = [`SQL statements: ${total.toFixed(0)} ms in all`];
  for (const [sql, s] of rows.slice(0, 25))
    lines.push(`${String(s.n).padStart(8)} ${s.ms.toFixed(0).padStart(7)} ms ${((1000 * s.ms) / s.n).toFixed(0).padStart(6)} µs  ${sql}`);
  process.stderr.write(`${lines.join('\n')}\n`, () => process.exit(0));
});
