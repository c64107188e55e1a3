/**
 * Events per second through the engine in-process on a SQLite file — each event judged by the
 * pure machine and persisted with its hash-chained audit row in its own committed transaction —
 * beside (a) the floor: Docket's own statements, recorded from a run of it and replayed with bare
 * better-sqlite3 on a copy of its database, and (b) a peer: bpmn-engine driving a 10-step process
 * as a stateless server would (recover the state, signal, save the state). In `synchronous=FULL` and `NORMAL`. Prints figures; asserts nothing.
 */
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import Database from 'better-sqlite3';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { randomUUID } from 'node:crypto';
import { AppModule } from '../src/app.module';
import type { Principal } from '../src/auth/principal';
import { CaseCommands } from '../src/cases/cases.commands';
import { loadConfig } from '../src/config/config';
import { UsersService } from '../src/users/users.service';
import { bpmnProcess } from './peers/bpmn-process';
import { type StatementMethod, watchStatements } from './statements';

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

/**
 * `full`: the service call the API makes (judge, persist, then build the case view with its actions); otherwise judge and persist only.
 * `record`: a run that is not measured but recorded, for the floor: the database as it stands before the first case
 * (copied with VACUUM INTO), then every statement Docket runs on it, with its parameters, in order.
 */
async function docket(sync: Sync, full: boolean, record?: Recording) {
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
    if (record) {
      await app.get(DataSource).query('VACUUM INTO ?', [record.template]);
      recordInto(record.statements);
    }
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
    recordInto(null);
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** What a recording run leaves for the floor. */
interface Recording {
  template: string;
  statements: { sql: string; method: StatementMethod; args: unknown[] }[];
}

let stopRecording: (() => void) | undefined;

/** While set, every better-sqlite3 statement run in this process (whenever it was prepared) is logged into it, its SQL with its parameters. */
function recordInto(into: Recording['statements'] | null) {
  stopRecording?.();
  stopRecording = into
    ? watchStatements((sql, method, args, run) => {
        into.push({ sql, method, args });
        return run();
      })
    : undefined;
}

/**
 * The floor: Docket's own write set, statement for statement (recorded from a run of Docket on
 * the same schema, its BEGIN IMMEDIATE and COMMIT included), replayed with bare better-sqlite3 on
 * a copy of that database as it stood before the first case. What Docket does beyond it is its
 * JS: TypeORM, validation, the machine, the facts, the hashes.
 */
function floor(sync: Sync, recording: Recording) {
  const dir = mkdtempSync(join(tmpdir(), 'docket-floor-'));
  const file = join(dir, 'f.sqlite');
  copyFileSync(recording.template, file);
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${sync}`);
    const prepared = new Map<string, Database.Statement>();
    const t0 = performance.now();
    for (const { sql, method, args } of recording.statements) {
      let statement = prepared.get(sql);
      if (!statement) prepared.set(sql, (statement = db.prepare(sql)));
      if (method === 'iterate') for (const _ of statement.iterate(...args));
      else statement[method](...args);
    }
    return (CASES * PER_CASE) / ((performance.now() - t0) / 1000);
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
    const recordDir = mkdtempSync(join(tmpdir(), 'docket-record-'));
    const recording: Recording = { template: join(recordDir, 'template.sqlite'), statements: [] };
    await docket(sync, false, recording);
    const d = await docket(sync, false);
    const withView = await docket(sync, true);
    const f = floor(sync, recording);
    rmSync(recordDir, { recursive: true, force: true });
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
