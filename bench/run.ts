/**
 * `npm run bench`: how long one event takes end to end — HTTP request, validation, auth, load,
 * pure transition, snapshot + hash-chained audit row committed to a SQLite file — measured on
 * the built server. Prints figures; asserts nothing.
 */
import { performance } from 'node:perf_hooks';
import { bootApp, caseDriver, setUpCounty } from '../test/harness';

const CASES = Number(process.env.BENCH_CASES ?? 100);
const COMMENTS = Number(process.env.BENCH_COMMENTS ?? 15);

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function run(sync: 'FULL' | 'NORMAL') {
  const b = await bootApp({ DOCKET_SQLITE_SYNC: sync, LOG_LEVEL: 'silent' });
  try {
    const tokens = await setUpCounty(b);
    const d = caseDriver(b, tokens);
    const timings: number[] = [];
    const timed = async <T>(f: () => Promise<T>): Promise<T> => {
      const t0 = performance.now();
      const r = await f();
      timings.push(performance.now() - t0);
      return r;
    };
    const started = performance.now();
    for (let i = 0; i < CASES; i++) {
      let c = await d.create('official', {
        procedure: 'normative-document',
        title: `基准测试文件 ${i}`,
        department: 'fgw',
        occurredAt: '2023-03-01',
        affectsPublicRights: true,
        marketRelated: false,
        interim: false,
        issuingOrgan: 'government',
      });
      c = await timed(() =>
        d.ok('official', c, 'OPEN_PUBLIC_COMMENT', '2023-03-01', {
          draftText: '草案全文及起草说明',
          startDate: '2023-03-01',
          endDate: '2023-04-30',
          channels: ['县政府网站'],
        }),
      );
      for (let k = 1; k <= COMMENTS; k++) {
        c = await timed(() =>
          d.ok('official', c, 'RECORD_COMMENT', '2023-03-10', { content: `意见 ${k}：建议进一步明确适用范围和过渡期安排。` }),
        );
        c = await timed(() =>
          d.ok('official', c, 'DISPOSE_COMMENT', '2023-03-10', { commentId: `c${k}`, disposition: 'adopted', reason: '已采纳' }),
        );
      }
    }
    const elapsed = (performance.now() - started) / 1000;
    const sorted = [...timings].sort((a, b) => a - b);
    const verify = await b.http.get('/api/audit/verify').set('Authorization', `Bearer ${tokens.supervisor}`);
    return {
      sync,
      events: timings.length,
      medianMs: +pct(sorted, 50).toFixed(2),
      p90Ms: +pct(sorted, 90).toFixed(2),
      p99Ms: +pct(sorted, 99).toFixed(2),
      eventsPerSecond: +(timings.length / elapsed).toFixed(0),
      auditVerified: verify.body.ok,
      checkedEvents: verify.body.checkedEvents,
    };
  } finally {
    await b.close();
  }
}

async function main() {
  console.log(`One event end to end over HTTP, sequential, one client; ${CASES} cases × (1 + ${2 * COMMENTS}) events each`);
  const rows = [];
  for (const sync of ['FULL', 'NORMAL'] as const) rows.push(await run(sync));
  console.table(rows);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
