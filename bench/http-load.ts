/**
 * Events per second and latency over HTTP under load: autocannon (a load generator from the npm
 * registry) keeps many connections busy, each driving its own case with RECORD_COMMENT events
 * and the version it last saw, against the real built server on a SQLite file (loopback only).
 * Prints figures; asserts nothing.
 */
// autocannon ships no types; what this bench uses of it is typed at the call
// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon = require('autocannon') as (opts: Record<string, unknown>) => Promise<Record<string, any>>;
import { bootApp, caseDriver, setUpCounty } from '../test/harness';

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);

async function run(sync: 'FULL' | 'NORMAL') {
  const b = await bootApp({ DOCKET_SQLITE_SYNC: sync, LOG_LEVEL: 'silent' });
  try {
    const tokens = await setUpCounty(b);
    const d = caseDriver(b, tokens);
    const cases: { id: string; version: number }[] = [];
    for (let i = 0; i < CONNECTIONS; i++) {
      const c = await d.create('official', {
        procedure: 'normative-document',
        title: `负载测试 ${i}`,
        department: 'fgw',
        occurredAt: '2023-03-01',
        affectsPublicRights: true,
        marketRelated: false,
        interim: false,
        issuingOrgan: 'government',
      });
      cases.push(
        await d.ok('official', c, 'OPEN_PUBLIC_COMMENT', '2023-03-01', {
          draftText: '草案全文及起草说明',
          startDate: '2023-03-01',
          endDate: '2023-12-29',
          channels: ['网站'],
        }),
      );
    }
    // a case is lent to one request at a time, so versions conflict only if a reply were lost
    const free = [...cases];
    let conflicts = 0;
    let other = 0;
    const result = await autocannon({
      url: b.baseUrl,
      connections: CONNECTIONS,
      duration: SECONDS,
      requests: [
        {
          method: 'POST',
          setupRequest: (req: Record<string, unknown>, context: Record<string, unknown>) => {
            const c = free.shift()!;
            context.case = c;
            return {
              ...req,
              path: `/api/cases/${c.id}/events`,
              headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.official}` },
              body: JSON.stringify({
                type: 'RECORD_COMMENT',
                expectedVersion: c.version,
                occurredAt: '2023-03-10',
                data: { content: '负载测试意见' },
              }),
            };
          },
          onResponse: (status: number, body: string, context: Record<string, unknown>) => {
            const c = context.case as { id: string; version: number };
            if (status === 200) c.version++;
            else if (status === 409) {
              conflicts++;
              c.version = JSON.parse(body).details.currentVersion;
            } else other++;
            free.push(c);
          },
        },
      ],
    });
    const verify = await b.http.get('/api/audit/verify').set('Authorization', `Bearer ${tokens.supervisor}`);
    return {
      sync,
      connections: CONNECTIONS,
      seconds: SECONDS,
      'events/s': Math.round(result.requests.average),
      'p50 ms': result.latency.p50,
      'p99 ms': result.latency.p99,
      ok: result['2xx'],
      conflicts,
      errors: other + result.errors + result.timeouts,
      auditVerified: verify.body.ok,
    };
  } finally {
    await b.close();
  }
}

async function main() {
  console.log(`\nHTTP under load: autocannon, ${CONNECTIONS} connections, one case each, ${SECONDS} s`);
  const rows = [];
  for (const sync of ['FULL', 'NORMAL'] as const) rows.push(await run(sync));
  console.table(rows);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
