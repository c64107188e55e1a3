/**
 * Events per second through the engine in-process on a SQLite file — each event judged by the
 * pure machine and persisted with its hash-chained audit row in its own committed transaction —
 * beside (a) the floor: the same write set done with bare better-sqlite3 statements, and (b) a
 * peer: bpmn-engine driving a 10-step process as a stateless server would (recover the state,
 * signal, save the state). In `synchronous=FULL` and `NORMAL`. Prints figures; asserts nothing.
 */
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { randomUUID } from 'node:crypto';
import { decide, procedures, ProcedureEvent, start, StoredSnapshot, WorkingCalendar } from '../workflows';
import { AppModule } from '../src/app.module';
import type { Principal } from '../src/auth/principal';
import { packagedHolidayYears } from '../workflows/shared/holiday-package';
import { CaseCommands } from '../src/cases/cases.commands';
import { loadConfig } from '../src/config/config';
import { UsersService } from '../src/users/users.service';
import { bpmnProcess } from './peers/bpmn-process';

const CASES = Number(process.env.BENCH_ENGINE_CASES ?? 60);
const PER_CASE = Number(process.env.BENCH_ENGINE_EVENTS ?? 40); // RECORD_COMMENT / DISPOSE_COMMENT pairs count as 2
type Sync = 'FULL' | 'NORMAL';

/** The stream every contender plays: per case, open a comment period, then record and dispose comments. */
function stream(): { type: string; occurredAt: string; data: Record<string, unknown> }[] {
  const events = [
    {
      type: 'OPEN_PUBLIC_COMMENT',
      occurredAt: '2023-03-01',
      data: { draftText: '草案全文及起草说明', startDate: '2023-03-01', endDate: '2023-04-28', channels: ['县政府网站'] },
    },
  ];
  for (let k = 1; events.length < PER_CASE; k++) {
    events.push({
      type: 'RECORD_COMMENT',
      occurredAt: '2023-03-10',
      data: { content: `意见 ${k}：建议进一步明确适用范围和过渡期安排。` } as never,
    });
    events.push({
      type: 'DISPOSE_COMMENT',
      occurredAt: '2023-03-10',
      data: { commentId: `c${k}`, disposition: 'adopted', reason: '已采纳' } as never,
    });
  }
  return events.slice(0, PER_CASE);
}

const CREATE = {
  procedure: 'normative-document',
  title: '基准测试文件',
  department: 'fgw',
  occurredAt: '2023-02-27',
  affectsPublicRights: true,
  marketRelated: false,
  interim: false,
  issuingOrgan: 'government',
};

/** `full`: the service call the API makes (judge, persist, then build the case view with its actions); otherwise judge and persist only. */
async function docket(sync: Sync, full: boolean) {
  const dir = mkdtempSync(join(tmpdir(), 'docket-bench-'));
  const config = loadConfig({ DOCKET_DB: join(dir, 'd.sqlite'), DOCKET_SEED: 'none', DOCKET_SQLITE_SYNC: sync, LOG_LEVEL: 'silent' });
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(config), { logger: ['error', 'warn'], abortOnError: false });
  try {
    const users = app.get(UsersService);
    const cases = app.get(CaseCommands);
    await users.saveDepartment({ id: 'fgw', name: '县发改委', documentPrefix: null });
    const official: Principal = await users.create({
      username: 'o',
      password: 'bench-pass-1',
      displayName: 'o',
      roles: ['official'],
      department: 'fgw',
    });
    const events = stream();
    const t0 = performance.now();
    for (let i = 0; i < CASES; i++) {
      let c: { id: string; version: number } = await cases.create(official, CREATE, 'zh');
      for (const e of events) {
        c = full
          ? await cases.send(official, c.id, { ...e, expectedVersion: c.version }, 'zh')
          : await cases.apply(official, c.id, c.version, [e]);
      }
    }
    return (CASES * events.length) / ((performance.now() - t0) / 1000);
  } finally {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Docket's write set per event, computed beforehand (not timed): snapshot JSON and audit row. */
function writeSet() {
  const def = procedures['normative-document'];
  const calendar = new WorkingCalendar(packagedHolidayYears());
  let s: StoredSnapshot = start(def, { ...CREATE, jurisdiction: 'jiangsu' });
  const out: { snapshot: string; stage: string; audit: string }[] = [];
  for (const e of stream()) {
    const ev: ProcedureEvent = { ...e, meta: { occurredAt: e.occurredAt, actorId: 'u', env: { calendar, today: '2026-11-27' } } };
    const r = decide(def, s, ev);
    if (!r.accepted) throw new Error(e.type);
    s = r.snapshot;
    out.push({ snapshot: JSON.stringify(s), stage: r.stage, audit: JSON.stringify(e.data) });
  }
  return out;
}

function floor(sync: Sync) {
  const dir = mkdtempSync(join(tmpdir(), 'docket-floor-'));
  const db = new Database(join(dir, 'f.sqlite'));
  try {
    db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${sync}`);
    db.exec(`CREATE TABLE cases (id TEXT PRIMARY KEY, stage TEXT, snapshot TEXT, version INTEGER, updated_at TEXT);
             CREATE TABLE audit_events (id INTEGER PRIMARY KEY AUTOINCREMENT, case_id TEXT, seq INTEGER, type TEXT, data TEXT, prev_hash TEXT, hash TEXT, recorded_at TEXT);
             CREATE UNIQUE INDEX a ON audit_events(case_id, seq);`);
    const set = writeSet();
    const read = db.prepare('SELECT version FROM cases WHERE id = ?');
    const update = db.prepare('UPDATE cases SET snapshot = ?, stage = ?, version = ?, updated_at = ? WHERE id = ? AND version = ?');
    const prev = db.prepare('SELECT hash FROM audit_events WHERE case_id = ? AND seq = ?');
    const insert = db.prepare(
      'INSERT INTO audit_events (case_id, seq, type, data, prev_hash, hash, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    const hash = 'f'.repeat(64);
    const t0 = performance.now();
    for (let i = 0; i < CASES; i++) {
      const id = randomUUID();
      db.prepare('INSERT INTO cases VALUES (?, ?, ?, 1, ?)').run(id, 'drafting', '{}', new Date().toISOString());
      for (const [k, w] of set.entries()) {
        db.exec('BEGIN IMMEDIATE');
        const { version } = read.get(id) as { version: number };
        update.run(w.snapshot, w.stage, version + 1, new Date().toISOString(), id, version);
        prev.get(id, version);
        insert.run(id, version + 1, k === 0 ? 'OPEN_PUBLIC_COMMENT' : 'RECORD_COMMENT', w.audit, hash, hash, new Date().toISOString());
        db.exec('COMMIT');
      }
    }
    return (CASES * set.length) / ((performance.now() - t0) / 1000);
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const STEPS = 10;
const BPMN = bpmnProcess(STEPS);

async function peer(sync: Sync) {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Engine } = require('bpmn-engine') as typeof import('bpmn-engine');
  const dir = mkdtempSync(join(tmpdir(), 'docket-peer-'));
  const db = new Database(join(dir, 'p.sqlite'));
  try {
    db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${sync}`);
    db.exec('CREATE TABLE instances (id TEXT PRIMARY KEY, state TEXT, version INTEGER)');
    const load = db.prepare('SELECT state, version FROM instances WHERE id = ?');
    const save = db.prepare('UPDATE instances SET state = ?, version = ? WHERE id = ? AND version = ?');
    const instances = Math.max(1, Math.round((CASES * PER_CASE) / STEPS));
    let events = 0;
    const t0 = performance.now();
    for (let i = 0; i < instances; i++) {
      const id = randomUUID();
      const engine = new Engine({ name: id, source: BPMN });
      const execution = await engine.execute();
      db.prepare('INSERT INTO instances VALUES (?, ?, 1)').run(id, JSON.stringify(await execution.getState()));
      for (let step = 1; step <= STEPS; step++) {
        // a stateless server: recover from the stored state, signal the waiting task, store the new state
        db.exec('BEGIN IMMEDIATE');
        const row = load.get(id) as { state: string; version: number };
        const recovered = new Engine({ name: id }).recover(JSON.parse(row.state));
        const resumed = await recovered.resume();
        resumed.signal({ id: `t${step}` });
        save.run(JSON.stringify(await resumed.getState()), row.version + 1, id, row.version);
        db.exec('COMMIT');
        // a finished run has nothing to stop (and stop() would wait forever)
        if (resumed.state === 'running') await recovered.stop();
        events++;
      }
    }
    return events / ((performance.now() - t0) / 1000);
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main() {
  // Nest's application context settles some start-up promises without an open handle; keep the loop alive
  const keepAlive = setInterval(() => undefined, 60_000);
  console.log(`\nIn-process write path, one writer; Docket: ${CASES} cases × ${PER_CASE} events (comment recorded / disposed)`);
  const rows = [];
  for (const sync of ['FULL', 'NORMAL'] as const) {
    const d = await docket(sync, false);
    const withView = await docket(sync, true);
    const f = floor(sync);
    const p = await peer(sync);
    rows.push({
      synchronous: sync,
      'Docket events/s': Math.round(d),
      'Docket + case view events/s': Math.round(withView),
      'bare better-sqlite3 events/s (floor)': Math.round(f),
      'bpmn-engine events/s (peer)': Math.round(p),
      'Docket / floor': +(d / f).toFixed(2),
      'Docket / peer': +(d / p).toFixed(1),
    });
  }
  console.table(rows);
  clearInterval(keepAlive);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
