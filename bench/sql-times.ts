/**
 * Preloaded into the Docket server by `BENCH_SQL_TIMES=1 … bench/http-procedure.ts` (node -r):
 * times every better-sqlite3 statement by its SQL and, when the server is stopped (SIGTERM),
 * writes the 25 costliest to stderr: count, total ms, µs each.
 */
import { performance } from 'node:perf_hooks';
import { watchStatements } from './statements';

const stats = new Map<string, { n: number; ms: number }>();
watchStatements((sql, _method, _args, run) => {
  const start = performance.now();
  try {
    return run();
  } finally {
    const key = sql.replace(/\s+/g, ' ').slice(0, 100);
    const s = stats.get(key) ?? { n: 0, ms: 0 };
    s.n++;
    s.ms += performance.now() - start;
    stats.set(key, s);
  }
});

process.once('SIGTERM', () => {
  const rows = [...stats].sort((a, b) => b[1].ms - a[1].ms);
  const total = rows.reduce((t, [, s]) => t + s.ms, 0);
  const lines = [`SQL statements: ${total.toFixed(0)} ms in all`];
  for (const [sql, s] of rows.slice(0, 25))
    lines.push(`${String(s.n).padStart(8)} ${s.ms.toFixed(0).padStart(7)} ms ${((1000 * s.ms) / s.n).toFixed(0).padStart(6)} µs  ${sql}`);
  process.stderr.write(`${lines.join('\n')}\n`, () => process.exit(0));
});
