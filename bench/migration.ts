/**
 * Moving open cases onto a new procedure version, at a province's scale: N version 1 major
 * decisions (half drafting, half in consultation; default 10,000) stored through the server's
 * own persistence, each with its audit chain, beside 1,000 closed ones. Then the real server on
 * that file: the dry run over every open case, the migration of all of them in one transaction
 * (SQLite's write lock is held that long), and an event on another case sent while it runs.
 * Prints figures; asserts nothing.
 */
import { FIRST_GOVERNMENT } from '../src/database/migrations/1764979200000-governments';
import 'reflect-metadata';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { decide, procedureOf, ProcedureEvent, stageOf, start, StoredSnapshot, WorkingCalendar } from '../workflows';
import { AuditService } from '../src/audit/audit.service';
import { packagedHolidayYears } from '../workflows/shared/holiday-package';
import { factColumns } from '../src/cases/case-facts';
import { CaseEntity } from '../src/cases/case.entity';
import { loadConfig } from '../src/config/config';
import { dataSourceOptions } from '../src/database/data-source';
import { migrateUnderStartupLock } from '../src/database/lock';
import { Db } from '../src/database/db.service';
import { UsersService } from '../src/users/users.service';
import { bootApp } from '../test/harness';

const calendar = new WorkingCalendar(packagedHolidayYears());
const v1 = procedureOf('major-decision', 1);
const OPEN = Number(process.env.BENCH_MIGRATION_CASES ?? 10_000);
const CLOSED = 1_000;

/** A version 1 decision's snapshots along its path: drafting, consultation, and terminated (closed). */
function decisionPath(): { snapshots: StoredSnapshot[]; types: string[] } {
  let s = start(v1, { title: 't', department: 'd', jurisdiction: 'jiangsu', occurredAt: '2024-03-01' });
  const snapshots = [s];
  const types = ['CASE_CREATED'];
  const send = (type: string, on: string, data: Record<string, unknown> = {}) => {
    const ev: ProcedureEvent = { type, data, meta: { occurredAt: on, actorId: 'u', env: { calendar, today: '2026-11-27' } } };
    const r = decide(v1, s, ev);
    if (!r.accepted) throw new Error(`${type}: ${r.blockers.map((b) => b.code).join(',')}`);
    s = r.snapshot;
    snapshots.push(s);
    types.push(type);
  };
  send('APPROVE_START', '2024-03-04');
  send('FINISH_DRAFT', '2024-03-20', { draftSummary: '草案', specialized: false, stabilityRisk: false });
  send('EXEMPT_PUBLIC_COMMENT', '2024-03-21', { reason: '依法不予公开' });
  send('SUBMIT_FOR_LEGALITY_REVIEW', '2024-03-22', { reviewDueDate: '2024-04-03' });
  send('ISSUE_LEGALITY_OPINION', '2024-03-29', { conclusion: 'lawful', opinion: '合法' });
  send('RECORD_COLLECTIVE_DECISION', '2024-04-08', { meetingType: 'standing', meetingDate: '2024-04-08', outcome: 'rejected' });
  return { snapshots, types };
}

const rssMb = (pid: number) => Math.round(Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024);

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'docket-migration-'));
  const config = loadConfig({ DOCKET_DB: join(dir, 'docket.sqlite') });
  try {
    const { snapshots, types } = decisionPath();
    // at drafting (after APPROVE_START), in consultation (after FINISH_DRAFT), closed (terminated)
    const kinds = [2, 3].map((n) => ({ snapshot: snapshots[n - 1], version: n }));
    const closed = { snapshot: snapshots[snapshots.length - 1], version: snapshots.length };
    const ds = await migrateUnderStartupLock(await new DataSource(dataSourceOptions(config)).initialize());
    const db = new Db(ds);
    const audit = new AuditService(db);
    await new UsersService(db).create({ username: 'admin', password: 'bench-pass-1', displayName: '管理员', roles: ['admin'] });
    await new UsersService(db).create({ username: 'secretariat', password: 'bench-pass-1', displayName: '政府办', roles: ['secretariat'] });
    const t0 = performance.now();
    let other = '';
    for (let made = 0; made < OPEN + CLOSED;) {
      const batch: { row: CaseEntity; version: number }[] = [];
      for (let i = 0; i < 1000 && made < OPEN + CLOSED; i++, made++) {
        const { snapshot, version } = made < OPEN ? kinds[made % 2] : closed;
        const now = new Date().toISOString();
        const row: CaseEntity = {
          id: randomUUID(),
          procedure: v1.id,
          procedureVersion: 1,
          title: `决策 ${made}`,
          department: 'd',
          governmentId: FIRST_GOVERNMENT,
          governmentPath: `/${FIRST_GOVERNMENT}/`,
          stage: stageOf(snapshot),
          snapshot,
          version,
          createdBy: 'bench',
          assignee: null,
          createdAt: now,
          updatedAt: now,
          ...factColumns(v1, snapshot),
        };
        batch.push({ row, version });
      }
      await db.transaction(async (m) => {
        for (let k = 0; k < batch.length; k += 500) {
          await m.insert(CaseEntity, batch.slice(k, k + 500).map((b) => b.row) as QueryDeepPartialEntity<CaseEntity>[]);
        }
        for (const { row, version } of batch) {
          for (let seq = 1; seq <= version; seq++) {
            await audit.append(m, {
              caseId: row.id,
              seq,
              type: types[seq - 1],
              actorId: 'bench',
              actorRole: 'official',
              occurredAt: '2024-03-01',
              recordedAt: row.createdAt,
              data: {},
            });
          }
        }
      });
    }
    // a version 2 case that the secretariat approves while the migration runs
    const v2 = procedureOf('major-decision', 2);
    const fresh = start(v2, { title: '同时办理的案件', department: 'd', jurisdiction: 'jiangsu', occurredAt: '2026-11-02' });
    const now = new Date().toISOString();
    other = randomUUID();
    await db.transaction(async (m) => {
      await m.insert(CaseEntity, {
        id: other,
        procedure: v2.id,
        procedureVersion: 2,
        title: fresh.context.title,
        department: 'd',
        stage: stageOf(fresh),
        snapshot: fresh,
        version: 1,
        createdBy: 'bench',
        createdAt: now,
        updatedAt: now,
        ...factColumns(v2, fresh),
      } as QueryDeepPartialEntity<CaseEntity>);
      await audit.append(m, {
        caseId: other,
        seq: 1,
        type: 'CASE_CREATED',
        actorId: 'bench',
        actorRole: 'official',
        occurredAt: '2026-11-02',
        recordedAt: now,
        data: {},
      });
    });
    const loadSeconds = (performance.now() - t0) / 1000;
    await ds.destroy();

    const server = await bootApp({ LOG_LEVEL: 'silent' }, dir);
    try {
      const login = async (username: string) =>
        (await server.http.post('/api/auth/login').send({ username, password: 'bench-pass-1' })).body.accessToken as string;
      const admin = await login('admin');
      const secretariat = await login('secretariat');
      const rssAtStart = rssMb(server.pid);
      let t = performance.now();
      const plan = await server.http
        .post('/api/procedures/major-decision/migrations/dry-run')
        .set('Authorization', `Bearer ${admin}`)
        .send({ toVersion: 2 })
        .expect(200);
      const dryRunMs = performance.now() - t;
      t = performance.now();
      const running = server.http
        .post('/api/procedures/major-decision/migrations')
        .set('Authorization', `Bearer ${admin}`)
        .send({ toVersion: 2, justification: '基准测试：条例施行后尚在起草阶段的决策开展公平竞争审查' })
        .then((r) => r); // supertest sends only once it is awaited or then'd: send it now
      // the secretariat's event on another case, sent while the migration runs (about as long as the dry run after it starts)
      await new Promise((r) => setTimeout(r, Number(process.env.BENCH_MIGRATION_DELAY ?? dryRunMs / 2)));
      const e0 = performance.now();
      const event = await server.http
        .post(`/api/cases/${other}/events`)
        .set('Authorization', `Bearer ${secretariat}`)
        .send({ type: 'APPROVE_START', expectedVersion: 1, occurredAt: '2026-11-03', data: {} });
      const eventMs = performance.now() - e0;
      const result = await running;
      const runMs = performance.now() - t;
      console.log(`\nMigration of version 1 major decisions onto version 2 (SQLite, ${OPEN.toLocaleString('en')} open + ${CLOSED} closed)`);
      console.table([
        {
          'stored in s': +loadSeconds.toFixed(0),
          'dry run ms': Math.round(dryRunMs),
          movable: plan.body.movable.length,
          refused: plan.body.refused.length,
          'migration ms': Math.round(runMs),
          moved: result.body.moved?.length ?? result.status,
          'event on another case during it ms': `${Math.round(eventMs)} (${event.status})`,
          'server RSS MB (start → after)': `${rssAtStart} → ${rssMb(server.pid)}`,
        },
      ]);
    } finally {
      await server.close(true);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
