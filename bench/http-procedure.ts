/**
 * The HTTP path under load, beside what the load client allows and a peer. N connections (16
 * by default, BENCH_CONNECTIONS), each driving normative documents through their whole procedure
 * over HTTP, one request at a time: create the case, open the comment period, record a comment,
 * close, dispose, complete, submit for review, the opinion, the collective deliberation,
 * publication, filing — then the next case. The same client, for BENCH_SECONDS each, against:
 *   - Docket: the built server (`node dist/src/main.js`) on a SQLite file (synchronous=FULL, the
 *     default, and NORMAL), signed-in requests as each role sends them;
 *   - a no-op server answering every request with a real case's reply (bench/peers/noop-server.ts):
 *     the ceiling this client reaches on this machine;
 *   - bpmn-engine as a stateless server (bench/peers/bpmn-server.ts): recover, signal, save.
 * Prints requests/s, p50 and p99, and the ratios. Asserts nothing.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { Agent, request } from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { bootApp, freePort, setUpCounty } from '../test/harness';

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);

type Who = 'official' | 'reviewer' | 'secretariat';
interface Step {
  who: Who;
  type: string;
  occurredAt: string;
  data?: Record<string, unknown>;
}

const CREATE = {
  procedure: 'normative-document',
  department: 'fgw',
  occurredAt: '2023-05-04',
  affectsPublicRights: true,
  marketRelated: false,
  interim: false,
  issuingOrgan: 'government',
};

/** A normative document from drafting to in force, as the procedure allows it. */
const STEPS: Step[] = [
  {
    who: 'official',
    type: 'OPEN_PUBLIC_COMMENT',
    occurredAt: '2023-05-05',
    data: { draftText: '草案全文及起草说明', startDate: '2023-05-05', endDate: '2023-05-16', channels: ['县政府网站'] },
  },
  { who: 'official', type: 'RECORD_COMMENT', occurredAt: '2023-05-08', data: { content: '夜间停车应免费' } },
  { who: 'official', type: 'CLOSE_PUBLIC_COMMENT', occurredAt: '2023-05-17' },
  {
    who: 'official',
    type: 'DISPOSE_COMMENT',
    occurredAt: '2023-05-17',
    data: { commentId: 'c1', disposition: 'not-adopted', reason: '与上位法不符' },
  },
  { who: 'official', type: 'COMPLETE_PUBLIC_PARTICIPATION', occurredAt: '2023-05-18', data: { summary: '收到 1 条意见，未采纳' } },
  { who: 'official', type: 'SUBMIT_FOR_LEGALITY_REVIEW', occurredAt: '2023-05-18', data: { reviewDueDate: '2023-05-26' } },
  { who: 'reviewer', type: 'ISSUE_LEGALITY_OPINION', occurredAt: '2023-05-25', data: { conclusion: 'lawful', opinion: '合法' } },
  {
    who: 'secretariat',
    type: 'RECORD_COLLECTIVE_DELIBERATION',
    occurredAt: '2023-06-01',
    data: { meetingType: 'standing', meetingDate: '2023-06-01', outcome: 'approved' },
  },
  {
    who: 'secretariat',
    type: 'PUBLISH_DOCUMENT',
    occurredAt: '2023-06-05',
    data: { channels: ['县政府网站'], effectiveDate: '2023-07-01' },
  },
  { who: 'secretariat', type: 'RECORD_FILING', occurredAt: '2023-06-20', data: { filedWith: '宿迁市人民政府' } },
];

interface Target {
  name: string;
  /** one per instance; connection w goes to instance w mod n */
  baseUrls: string[];
  tokens: Record<Who, string>;
  close(): Promise<void>;
}

interface Reply {
  status: number;
  body: string;
}

function post(agent: Agent, baseUrl: string, path: string, token: string, payload: unknown): Promise<Reply> {
  const body = JSON.stringify(payload);
  const url = new URL(path, baseUrl);
  return new Promise((ok, fail) => {
    const req = request(
      {
        agent,
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), authorization: `Bearer ${token}` },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (text += d));
        res.on('end', () => ok({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on('error', fail);
    req.end(body);
  });
}

/** Drive cases through the procedure on CONNECTIONS connections for SECONDS; latencies of every request. */
async function load(
  t: Target,
  connections = CONNECTIONS,
): Promise<{ requests: number; seconds: number; latencies: number[]; errors: number; cases: number }> {
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  const latencies: number[] = [];
  let errors = 0;
  let cases = 0;
  const t0 = performance.now();
  const end = t0 + SECONDS * 1000;
  const timed = async (baseUrl: string, path: string, token: string, payload: unknown): Promise<Reply> => {
    const s = performance.now();
    const r = await post(agent, baseUrl, path, token, payload);
    latencies.push(performance.now() - s);
    if (r.status >= 300) errors++;
    return r;
  };
  const worker = async (w: number) => {
    const baseUrl = t.baseUrls[w % t.baseUrls.length];
    for (let n = 0; performance.now() < end; n++) {
      const created = await timed(baseUrl, '/api/cases', t.tokens.official, { ...CREATE, title: `负载测试 ${w}-${n}` });
      if (created.status !== 201) continue;
      const id = (JSON.parse(created.body) as { id: string }).id;
      let version = 1;
      for (const s of STEPS) {
        const r = await timed(baseUrl, `/api/cases/${id}/events`, t.tokens[s.who], {
          type: s.type,
          expectedVersion: version,
          occurredAt: s.occurredAt,
          data: s.data ?? {},
        });
        if (r.status !== 200) break;
        version++;
      }
      cases++;
    }
  };
  await Promise.all(Array.from({ length: connections }, (_, w) => worker(w)));
  const seconds = (performance.now() - t0) / 1000;
  agent.destroy();
  return { requests: latencies.length, seconds, latencies, errors, cases };
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

async function docket(sync: 'FULL' | 'NORMAL', replyFile?: string): Promise<Target> {
  const b = await bootApp({ DOCKET_SQLITE_SYNC: sync, LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'info' }, undefined, profileArgs(sync));
  const tokens = await setUpCounty(b);
  if (replyFile) {
    // the no-op server answers with a real reply: a case as Docket answers an event on it
    const c = await b.http
      .post('/api/cases')
      .set('Authorization', `Bearer ${tokens.official}`)
      .send({ ...CREATE, title: '样本' });
    const r = await b.http
      .post(`/api/cases/${c.body.id}/events`)
      .set('Authorization', `Bearer ${tokens.official}`)
      .send({ type: STEPS[0].type, expectedVersion: 1, occurredAt: STEPS[0].occurredAt, data: STEPS[0].data });
    writeFileSync(replyFile, JSON.stringify(r.body));
  }
  const close = async () => {
    await b.close();
    // BENCH_SQL_TIMES: the statements' times, written by the server as it stopped
    if (process.env.BENCH_SQL_TIMES) console.log(`\n${t.name}\n${b.output().slice(b.output().indexOf('SQL statements:'))}`);
  };
  const t: Target = { name: `Docket (synchronous=${sync})`, baseUrls: [b.baseUrl], tokens, close };
  return t;
}

/**
 * BENCH_PROFILE=dir: the Docket server writes a CPU profile there (node --cpu-prof) when it stops.
 * BENCH_SQL_TIMES=1: it times each SQLite statement (bench/sql-times.ts) and prints them at the end.
 */
function profileArgs(sync: string): string[] {
  const dir = process.env.BENCH_PROFILE;
  return [
    ...(dir ? ['--cpu-prof', `--cpu-prof-dir=${dir}`, `--cpu-prof-name=docket-${sync}.cpuprofile`] : []),
    ...(process.env.BENCH_SQL_TIMES ? ['-r', 'ts-node/register/transpile-only', '-r', join(__dirname, 'sql-times.ts')] : []),
  ];
}

async function child(name: string, script: string, env: Record<string, string>): Promise<Target> {
  const port = await freePort();
  const p: ChildProcess = fork(join(__dirname, 'peers', script), [], {
    env: { ...process.env, PORT: String(port), ...env },
    execArgv: ['-r', 'ts-node/register/transpile-only'],
    stdio: 'ignore',
  });
  await new Promise<void>((ok, fail) => {
    p.once('message', () => ok());
    p.once('exit', (code) => fail(new Error(`${script} exited ${code}`)));
  });
  const none = { official: '', reviewer: '', secretariat: '' };
  return {
    name,
    baseUrls: [`http://127.0.0.1:${port}`],
    tokens: none,
    close: async () => {
      p.kill();
      await new Promise((ok) => p.once('exit', ok));
    },
  };
}

/**
 * With DOCKET_TEST_POSTGRES (a server URL without a database): Docket on PostgreSQL, two
 * instances on one database, the connections split between them, at 16 and 64 connections,
 * beside the no-op server at the same counts.
 */
async function onPostgres() {
  const dir = mkdtempSync(join(tmpdir(), 'docket-bench-pg-'));
  const replyFile = join(dir, 'reply.json');
  const env = { LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'info' };
  const first = await bootApp(env);
  const second = await bootApp(env, first.dir);
  const tokens = await setUpCounty(first);
  writeFileSync(replyFile, '{}');
  const docketPg: Target = {
    name: 'Docket, PostgreSQL, 2 instances',
    baseUrls: [first.baseUrl, second.baseUrl],
    tokens,
    close: async () => undefined,
  };
  const rows: Record<string, string | number>[] = [];
  try {
    for (const connections of [16, 64]) {
      const noopServer = await child('no-op server', 'noop-server.ts', { BENCH_NOOP_REPLY: replyFile });
      const n = await load(noopServer, connections);
      await noopServer.close();
      const r = await load(docketPg, connections);
      const sorted = [...r.latencies].sort((x, y) => x - y);
      const rate = r.requests / r.seconds;
      rows.push({
        connections,
        'requests/s': Math.round(rate),
        'p50 ms': +pct(sorted, 50).toFixed(1),
        'p99 ms': +pct(sorted, 99).toFixed(1),
        'cases done': r.cases,
        'refused or failed': r.errors,
        '/ no-op': +(rate / (n.requests / n.seconds)).toFixed(2),
      });
    }
  } finally {
    await second.close(true);
    await first.close();
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(`\nHTTP, the whole procedure, on PostgreSQL: two Docket instances on one database, ${SECONDS} s per run`);
  console.table(rows);
}

async function main() {
  if (process.env.DOCKET_TEST_POSTGRES) return onPostgres();
  const dir = mkdtempSync(join(tmpdir(), 'docket-bench-http-'));
  const replyFile = join(dir, 'reply.json');
  console.log(
    `\nHTTP, the whole procedure: ${CONNECTIONS} connections, each driving normative documents from drafting to in force (${STEPS.length + 1} requests a case), ${SECONDS} s per server`,
  );
  const rows: Record<string, string | number>[] = [];
  let noop = 0;
  let peer = 0;
  const results: { name: string; rate: number; p50: number; p99: number; errors: number; cases: number }[] = [];
  try {
    for (const make of [
      () => docket('FULL', replyFile),
      () => docket('NORMAL'),
      () => child('no-op server (the client’s ceiling)', 'noop-server.ts', { BENCH_NOOP_REPLY: replyFile }),
      () => child('bpmn-engine, stateless server (peer)', 'bpmn-server.ts', { BENCH_DIR: dir, BENCH_STEPS: String(STEPS.length) }),
    ]) {
      const t = await make();
      try {
        const r = await load(t);
        const sorted = [...r.latencies].sort((a, b) => a - b);
        const rate = r.requests / r.seconds;
        results.push({ name: t.name, rate, p50: pct(sorted, 50), p99: pct(sorted, 99), errors: r.errors, cases: r.cases });
        if (t.name.startsWith('no-op')) noop = rate;
        if (t.name.startsWith('bpmn')) peer = rate;
      } finally {
        await t.close();
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  for (const r of results)
    rows.push({
      server: r.name,
      'requests/s': Math.round(r.rate),
      'p50 ms': +r.p50.toFixed(1),
      'p99 ms': +r.p99.toFixed(1),
      'cases done': r.cases,
      'refused or failed': r.errors,
      '/ no-op': +(r.rate / noop).toFixed(2),
      '/ bpmn-engine': +(r.rate / peer).toFixed(2),
    });
  console.table(rows);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
