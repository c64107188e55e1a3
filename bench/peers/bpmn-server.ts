/**
 * The peer: bpmn-engine as a stateless HTTP server would run it. POST /api/cases starts a process
 * of STEPS user tasks; each POST /api/cases/:id/events recovers the instance from its stored
 * state, signals the waiting task and stores the new state with its version, in one SQLite
 * transaction (WAL, synchronous=FULL like Docket's default). No sign-in, no rules, no audit.
 */
import { createServer, type IncomingMessage } from 'node:http';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { bpmnProcess } from './bpmn-process';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Engine } = require('bpmn-engine') as typeof import('bpmn-engine');

const STEPS = Number(process.env.BENCH_STEPS ?? 10);
const BPMN = bpmnProcess(STEPS);

const db = new Database(join(process.env.BENCH_DIR!, 'bpmn.sqlite'));
db.pragma('journal_mode = WAL');
db.pragma('synchronous = FULL');
db.exec('CREATE TABLE IF NOT EXISTS instances (id TEXT PRIMARY KEY, state TEXT, version INTEGER)');
const insert = db.prepare('INSERT INTO instances VALUES (?, ?, 1)');
const load = db.prepare('SELECT state, version FROM instances WHERE id = ?');
const save = db.prepare('UPDATE instances SET state = ?, version = ? WHERE id = ? AND version = ?');

const body = (req: IncomingMessage) =>
  new Promise<string>((ok) => {
    let s = '';
    req.setEncoding('utf8');
    req.on('data', (d: string) => (s += d));
    req.on('end', () => ok(s));
  });

async function create(): Promise<{ id: string; version: number }> {
  const id = randomUUID();
  const execution = await new Engine({ name: id, source: BPMN }).execute();
  insert.run(id, JSON.stringify(await execution.getState()));
  return { id, version: 1 };
}

/** One event: recover, signal the task the version points at, save; the whole under one write lock. */
async function signal(id: string, expectedVersion: number): Promise<{ id: string; version: number } | null> {
  const row = load.get(id) as { state: string; version: number } | undefined;
  if (!row || row.version !== expectedVersion || row.version > STEPS) return null;
  const recovered = new Engine({ name: id }).recover(JSON.parse(row.state));
  const resumed = await recovered.resume();
  resumed.signal({ id: `t${row.version}` });
  const state = JSON.stringify(await resumed.getState());
  if (resumed.state === 'running') await recovered.stop();
  return save.run(state, row.version + 1, id, row.version).changes === 1 ? { id, version: row.version + 1 } : null;
}

const server = createServer((req, res) => {
  void body(req).then(async (text) => {
    const send = (status: number, value: unknown) => {
      const out = JSON.stringify(value);
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(out) });
      res.end(out);
    };
    try {
      if (req.url === '/api/cases') return send(201, await create());
      const m = /^\/api\/cases\/([^/]+)\/events$/.exec(req.url ?? '');
      if (!m) return send(404, { code: 'NOT_FOUND' });
      const { expectedVersion } = JSON.parse(text) as { expectedVersion: number };
      const r = await signal(m[1], expectedVersion);
      return r ? send(200, r) : send(409, { code: 'VERSION_CONFLICT' });
    } catch (e) {
      send(500, { message: String(e) });
    }
  });
});
server.keepAliveTimeout = 60_000;
server.listen(Number(process.env.PORT), '127.0.0.1', () => process.send?.('listening'));
