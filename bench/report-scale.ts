/**
 * The compliance report's time on many cases. Cases are made by the pure engine (templates
 * driven through each procedure's real path, one per year and stage), stored through the same
 * persistence the server uses (CaseEntity rows with their derived fact columns), then the
 * report and the overdue list are timed on the file database. Prints figures; asserts nothing.
 */
import 'reflect-metadata';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { addDays, decide, procedures, ProcedureEvent, start, stageOf, StoredSnapshot, WorkingCalendar } from '../workflows';
import { packagedHolidayYears } from '../src/calendar/holiday-package';
import { factColumns } from '../src/cases/case-facts';
import { CaseEntity } from '../src/cases/case.entity';
import { CatalogueService } from '../src/catalogue/catalogue.service';
import { loadConfig } from '../src/config/config';
import { dataSourceOptions } from '../src/database/data-source';
import { Db } from '../src/database/db.service';
import { ReportsService } from '../src/reports/reports.service';

const CASES = Number(process.env.BENCH_REPORT_CASES ?? 100_000);
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
  send('OPEN_PUBLIC_COMMENT', S, { startDate: S, endDate: E, channels: ['网站'] });
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

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'docket-bench-'));
  const config = loadConfig({ DOCKET_DB: join(dir, 'bench.sqlite') });
  const ds = await new DataSource(dataSourceOptions(config)).initialize();
  const db = new Db(ds);
  try {
    const templates = [2019, 2020, 2021, 2022, 2023, 2024].flatMap((y) => [...documentPath(y, false), ...documentPath(y, true).slice(-1)]);
    const departments = Array.from({ length: 20 }, (_, i) => `dept${i + 1}`);
    const t0 = performance.now();
    const BATCH = 1000;
    for (let made = 0; made < CASES;) {
      const rows: CaseEntity[] = [];
      for (let i = 0; i < BATCH && made < CASES; i++, made++) {
        const snapshot = templates[made % templates.length];
        const department = departments[made % departments.length];
        const now = new Date().toISOString();
        rows.push({
          id: randomUUID(),
          procedure: doc.id,
          procedureVersion: doc.version,
          title: `基准文件 ${made}`,
          department,
          stage: stageOf(snapshot),
          snapshot,
          version: 1,
          createdBy: 'bench',
          createdAt: now,
          updatedAt: now,
          ...factColumns(doc, snapshot),
        });
      }
      // one transaction a batch; 30 columns a row stays under SQLite's limit of bound variables per statement
      await db.transaction(async (m) => {
        for (let k = 0; k < rows.length; k += 500)
          await m.insert(CaseEntity, rows.slice(k, k + 500) as QueryDeepPartialEntity<CaseEntity>[]);
      });
    }
    const loadSeconds = (performance.now() - t0) / 1000;
    const reports = new ReportsService(db, new CatalogueService(db));
    const time = async (label: string, f: () => Promise<unknown>) => {
      const runs: number[] = [];
      for (let i = 0; i < 7; i++) {
        const t = performance.now();
        await f();
        runs.push(performance.now() - t);
      }
      runs.sort((a, b) => a - b);
      return { query: label, medianMs: +runs[3].toFixed(1), minMs: +runs[0].toFixed(1), maxMs: +runs[6].toFixed(1) };
    };
    const r2023 = await reports.compliance(2023, undefined, 'zh', TODAY);
    const rows = [
      await time('compliance report, year 2023, all departments', () => reports.compliance(2023, undefined, 'zh', TODAY)),
      await time('compliance report, year 2023, one department', () => reports.compliance(2023, 'dept7', 'zh', TODAY)),
    ];
    console.log(
      `${CASES.toLocaleString('en')} cases stored in ${loadSeconds.toFixed(1)} s; database ${(statSync(config.DOCKET_DB).size / 1e6).toFixed(0)} MB; ` +
        `2023: ${r2023.normativeDocuments.published} published, timely filing ${r2023.normativeDocuments.timelyFilingRate.numerator}/${r2023.normativeDocuments.timelyFilingRate.denominator}, ${r2023.normativeDocuments.nonCompliant.length} named as non-compliant`,
    );
    console.table(rows);
  } finally {
    await ds.destroy();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
