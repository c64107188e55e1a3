/**
 * Docket as the years pile up: cases are made by the pure engine (templates driven through the
 * normative-document procedure's real path, one per year and stage) and stored through the same
 * persistence the server uses (CaseEntity rows with their derived fact columns), 100,000 then
 * 1,000,000 of them. At each size: the compliance report in-process, then the real server on
 * that file — the case page, the year's report, the overdue list — and the server's memory.
 * Prints figures; asserts nothing.
 */
import { FIRST_GOVERNMENT } from '../src/database/migrations/1764979200000-governments';
import 'reflect-metadata';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { addDays, decide, procedures, ProcedureEvent, start, stageOf, StoredSnapshot, WorkingCalendar } from '../workflows';
import { AuditService } from '../src/audit/audit.service';
import { packagedHolidayYears } from '../workflows/shared/holiday-package';
import { factColumns } from '../src/cases/case-facts';
import { CaseEntity } from '../src/cases/case.entity';
import { CatalogueService } from '../src/catalogue/catalogue.service';
import { loadConfig } from '../src/config/config';
import { dataSourceOptions } from '../src/database/data-source';
import { migrateUnderStartupLock } from '../src/database/lock';
import { Db } from '../src/database/db.service';
import { ReportsService } from '../src/reports/reports.service';
import { UsersService } from '../src/users/users.service';
import { bootApp } from '../test/harness';

const calendar = new WorkingCalendar(packagedHolidayYears());
const TODAY = '2026-11-27';
const doc = procedures['normative-document'];

/** Snapshots of one normative document at every stage of its path, published in `year`. */
function documentPath(year: number, lateFiling: boolean): StoredSnapshot[] {
  const d0 = `${year}-03-01`;
  let s = start(doc, {
    title: 't',
    department: 'd',
    jurisdiction: 'jiangsu',
    occurredAt: d0,
    affectsPublicRights: true,
    marketRelated: false,
    interim: false,
    issuingOrgan: 'government',
  });
  const out = [s];
  const send = (type: string, on: string, data: Record<string, unknown> = {}) => {
    const ev: ProcedureEvent = {
      type,
      data,
      meta: { occurredAt: on, actorId: 'u', env: { calendar, today: TODAY }, assigned: { documentNumber: `泗政规〔${year}〕1号` } },
    };
    const r = decide(doc, s, ev);
    if (!r.accepted) throw new Error(`${type}: ${r.blockers.map((b) => b.code).join(',')}`);
    s = r.snapshot;
    out.push(s);
  };
  const S = addDays(d0, 1);
  const E = calendar.addWorkingDays(S, 10).value;
  send('OPEN_PUBLIC_COMMENT', S, { draftText: '草案全文及起草说明', startDate: S, endDate: E, channels: ['网站'] });
  send('RECORD_COMMENT', addDays(S, 1), { content: '意见' });
  send('CLOSE_PUBLIC_COMMENT', addDays(E, 1));
  send('DISPOSE_COMMENT', addDays(E, 1), { commentId: 'c1', disposition: 'adopted', reason: '采纳' });
  send('COMPLETE_PUBLIC_PARTICIPATION', addDays(E, 1));
  const sub = addDays(E, 2);
  send('SUBMIT_FOR_LEGALITY_REVIEW', sub, { reviewDueDate: calendar.addWorkingDays(sub, 10).value });
  const op = calendar.addWorkingDays(sub, 5).value;
  send('ISSUE_LEGALITY_OPINION', op, { conclusion: 'lawful', opinion: '合法' });
  send('RECORD_COLLECTIVE_DELIBERATION', addDays(op, 3), { meetingType: 'standing', meetingDate: addDays(op, 3), outcome: 'approved' });
  const pub = addDays(op, 7);
  send('PUBLISH_DOCUMENT', pub, { channels: ['网站'], effectiveDate: addDays(pub, 30) });
  send('RECORD_FILING', addDays(pub, lateFiling ? 40 : 10), { filedWith: '市政府' });
  return out;
}

const SIZES = (process.env.BENCH_SCALE_SIZES ?? '100000,1000000').split(',').map(Number);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function timeIt(runs: number, f: () => Promise<unknown>): Promise<number> {
  const t: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await f();
    t.push(performance.now() - t0);
  }
  return +median(t).toFixed(1);
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024);
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'docket-scale-'));
  const file = join(dir, 'docket.sqlite');
  const config = loadConfig({ DOCKET_DB: file });
  const rows = [];
  try {
    const templates = [2022, 2023, 2024, 2025, 2026].flatMap((y) => [...documentPath(y, false), ...documentPath(y, true).slice(-1)]);
    const departments = Array.from({ length: 20 }, (_, i) => `dept${i + 1}`);
    let made = 0;
    let someCase = '';
    const annual: Record<string, Record<string, number>> = {};
    const papers: Record<string, number> = {};
    for (const size of SIZES) {
      const ds = await migrateUnderStartupLock(await new DataSource(dataSourceOptions(config)).initialize());
      const db = new Db(ds);
      const audit = new AuditService(db);
      if (made === 0) {
        await new UsersService(db).create({ username: 'supervisor', password: 'scale-pass-1', displayName: 's', roles: ['supervisor'] });
      }
      const t0 = performance.now();
      while (made < size) {
        const rows: CaseEntity[] = [];
        for (let i = 0; i < 1000 && made < size; i++, made++) {
          const snapshot = templates[made % templates.length];
          const now = new Date().toISOString();
          rows.push({
            id: randomUUID(),
            procedure: doc.id,
            procedureVersion: doc.version,
            governmentId: FIRST_GOVERNMENT,
            governmentPath: `/${FIRST_GOVERNMENT}/`,
            title: `基准文件 ${made}`,
            department: departments[made % departments.length],
            stage: stageOf(snapshot),
            snapshot,
            version: 1,
            createdBy: 'bench',
            assignee: null,
            createdAt: now,
            updatedAt: now,
            ...factColumns(doc, snapshot),
          });
        }
        someCase ||= rows[7].id;
        // one transaction a batch; 30 columns a row stays under SQLite's limit of bound variables per statement
        await db.transaction(async (m) => {
          for (let k = 0; k < rows.length; k += 500) {
            await m.insert(CaseEntity, rows.slice(k, k + 500) as QueryDeepPartialEntity<CaseEntity>[]);
          }
          // each case's first audit event, so its chain is whole and later events can follow it
          for (const r of rows) {
            await audit.append(m, {
              caseId: r.id,
              seq: 1,
              type: 'CASE_CREATED',
              actorId: 'bench',
              actorRole: 'official',
              occurredAt: r.snapshot.context.createdAt,
              recordedAt: r.createdAt,
              data: { title: r.title },
            });
          }
        });
      }
      const loadSeconds = (performance.now() - t0) / 1000;
      const reports = new ReportsService(db, new CatalogueService(db), config);
      const inProcess = await timeIt(5, () =>
        reports.compliance(2023, { government: { path: `/${FIRST_GOVERNMENT}/`, below: true } }, 'zh', TODAY),
      );
      await ds.destroy();

      // the real server on the same file
      const server = await bootApp({ LOG_LEVEL: 'silent' }, dir);
      try {
        const token = (await server.http.post('/api/auth/login').send({ username: 'supervisor', password: 'scale-pass-1' })).body
          .accessToken;
        const get = (path: string) => server.http.get(path).set('Authorization', `Bearer ${token}`).expect(200);
        const rssAtStart = rssMb(server.pid);
        const casePage = await timeIt(21, () => get(`/api/cases/${someCase}`));
        const report = await timeIt(5, () => get('/api/reports/compliance?year=2023&department=dept7'));
        const reportAll = await timeIt(5, () => get('/api/reports/compliance?year=2023'));
        const overdue = await timeIt(5, () => get('/api/cases?overdue=true&pageSize=50'));
        // the papers of one filed document, and the year's annual report (JSON, then Word)
        const filed = await get(`/api/cases?stage=inForce&pageSize=1`);
        const filedId = (filed.body as { items: { id: string }[] }).items[0].id;
        const listed = (await get(`/api/cases/${filedId}/documents`)).body as { kind: string; available: boolean }[];
        for (const p of listed.filter((k) => k.available)) {
          papers[p.kind] = await timeIt(11, () => get(`/api/cases/${filedId}/documents/${p.kind}`).buffer(true));
        }
        annual[size.toLocaleString('en')] = {
          'annual report JSON ms': await timeIt(5, () => get('/api/reports/annual?year=2023')),
          'annual report .docx ms': await timeIt(5, () => get('/api/reports/annual?year=2023&format=docx').buffer(true)),
          ...Object.fromEntries(Object.entries(papers).map(([k, v]) => [`${k} ms`, v])),
        };
        rows.push({
          cases: size.toLocaleString('en'),
          'stored in s': +loadSeconds.toFixed(0),
          'db MB': Math.round(statSync(file).size / 1e6),
          'case page ms': casePage,
          'report (one dept) ms': report,
          'report (all) ms': reportAll,
          'report in-process ms': inProcess,
          'overdue list ms': overdue,
          'server RSS MB (start → after)': `${rssAtStart} → ${rssMb(server.pid)}`,
        });
      } finally {
        await server.close(true);
      }
    }
    console.log('\nScale: normative documents at every stage of their procedure, published 2022–2026, 20 departments');
    console.table(rows);
    console.log('\nPapers of one filed document and the annual report for 2023, at each size (medians)');
    console.table(annual);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
