/**
 * One Docket for a province, on PostgreSQL with two instances: 江苏省 over 10 cities of 10
 * counties each, every county with 20 departments and 50 normative documents a department
 * (100,000 cases; each county's own prefix), made by the pure engine and stored through the
 * same persistence the server uses. Then two real servers on that database, and through them,
 * alternately: the province's yearly report (with each city's figures), a city's (with each
 * county's), a county's case list; each instance's memory before and after. Needs
 * DOCKET_TEST_POSTGRES (a server URL without a database); prints figures, asserts nothing.
 */
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { DataSource } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { addDays, decide, procedures, ProcedureEvent, start, stageOf, StoredSnapshot, WorkingCalendar } from '../workflows';
import { packagedHolidayYears } from '../workflows/shared/holiday-package';
import { factColumns } from '../src/cases/case-facts';
import { CaseEntity } from '../src/cases/case.entity';
import { loadConfig } from '../src/config/config';
import { dataSourceOptions } from '../src/database/data-source';
import { FIRST_GOVERNMENT } from '../src/database/migrations/1764979200000-governments';
import { Db } from '../src/database/db.service';
import { GovernmentsService } from '../src/governments/governments.service';
import { DepartmentEntity } from '../src/users/department.entity';
import { UsersService } from '../src/users/users.service';
import { bootApp, databaseFor, onPostgres } from '../test/harness';

const POSTGRES = process.env.DOCKET_TEST_POSTGRES;
const CITIES = Number(process.env.BENCH_CITIES ?? 10);
const COUNTIES_PER_CITY = Number(process.env.BENCH_COUNTIES_PER_CITY ?? 10);
const DEPARTMENTS = 20;
const CASES_PER_DEPARTMENT = Number(process.env.BENCH_CASES_PER_DEPARTMENT ?? 50);
const ROUNDS = 40;

const calendar = new WorkingCalendar(packagedHolidayYears());
const TODAY = '2026-11-27';
const doc = procedures['normative-document'];

/** One document's snapshots along its path, published in `year` with this prefix's number. */
function documentPath(year: number, prefix: string): StoredSnapshot[] {
  const d0 = `${year}-03-01`;
  let s = start(doc, {
    title: 't',
    department: 'd',
    jurisdiction: 'jiangsu',
    occurredAt: d0,
    affectsPublicRights: false,
    marketRelated: false,
    interim: false,
    issuingOrgan: 'government',
  });
  const out = [s];
  const send = (type: string, on: string, data: Record<string, unknown> = {}) => {
    const ev: ProcedureEvent = {
      type,
      data,
      meta: { occurredAt: on, actorId: 'u', env: { calendar, today: TODAY }, assigned: { documentNumber: `${prefix}〔${year}〕1号` } },
    };
    const r = decide(doc, s, ev);
    if (!r.accepted) throw new Error(`${type}: ${r.blockers.map((b) => b.code).join(',')}`);
    s = r.snapshot;
    out.push(s);
  };
  const sub = `${year}-03-06`;
  send('SUBMIT_FOR_LEGALITY_REVIEW', sub, { reviewDueDate: calendar.addWorkingDays(sub, 10).value });
  const op = calendar.addWorkingDays(sub, 5).value;
  send('ISSUE_LEGALITY_OPINION', op, { conclusion: 'lawful', opinion: '合法' });
  send('RECORD_COLLECTIVE_DELIBERATION', addDays(op, 3), { meetingType: 'standing', meetingDate: addDays(op, 3), outcome: 'approved' });
  const pub = addDays(op, 7);
  send('PUBLISH_DOCUMENT', pub, { channels: ['网站'], effectiveDate: addDays(pub, 30) });
  send('RECORD_FILING', addDays(pub, 10), { filedWith: '市政府' });
  return out;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const rssMb = (pid: number) => Math.round(Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024);

async function main() {
  if (!POSTGRES) {
    console.log('\nProvince bench: skipped (set DOCKET_TEST_POSTGRES to a PostgreSQL server URL)');
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'docket-province-'));
  const database = databaseFor(dir);
  await onPostgres((c) => c.query(`CREATE DATABASE ${database}`));
  const config = loadConfig({ DATABASE_URL: `${POSTGRES}/${database}`, DOCKET_SEED: 'none' });
  const ds = await new DataSource(dataSourceOptions(config)).initialize();
  await ds.runMigrations({ transaction: 'all' });
  const db = new Db(ds);
  const governments = new GovernmentsService(db);
  const users = new UsersService(db);
  const t0 = performance.now();
  await governments.save('jiangsu', { name: '江苏省人民政府', level: 'province', documentPrefix: '苏政规', jurisdiction: 'jiangsu' });
  // the first government (every database holds it) is a city here
  await governments.save(FIRST_GOVERNMENT, {
    name: '市1人民政府',
    level: 'city',
    parentId: 'jiangsu',
    documentPrefix: '市1政规',
    jurisdiction: 'jiangsu',
  });
  const counties: { id: string; path: string; prefix: string }[] = [];
  for (let c = 1; c <= CITIES; c++) {
    const city = c === 1 ? FIRST_GOVERNMENT : `city${c}`;
    if (c > 1)
      await governments.save(city, {
        name: `市${c}人民政府`,
        level: 'city',
        parentId: 'jiangsu',
        documentPrefix: `市${c}政规`,
        jurisdiction: 'jiangsu',
      });
    for (let k = 1; k <= COUNTIES_PER_CITY; k++) {
      const id = `c${c}k${k}`;
      const g = await governments.save(id, {
        name: `市${c}县${k}人民政府`,
        level: 'county',
        parentId: city,
        documentPrefix: `${id}政规`,
        jurisdiction: 'jiangsu',
        reviewDepartment: `${id}-d1`,
        officeDepartment: `${id}-d2`,
      });
      counties.push({ id, path: g.path, prefix: `${id}政规` });
    }
  }
  await db.transaction(async (m) => {
    for (const g of counties) {
      const rows = Array.from({ length: DEPARTMENTS }, (_, i) => ({
        id: `${g.id}-d${i + 1}`,
        name: `部门${i + 1}`,
        documentPrefix: null,
        governmentId: g.id,
      }));
      await m.insert(DepartmentEntity, rows);
    }
  });
  const password = 'bench-pass-7';
  await users.create({ username: 'province', password, displayName: '省', roles: ['supervisor'], governmentId: 'jiangsu' });
  await users.create({ username: 'city', password, displayName: '市', roles: ['supervisor'], governmentId: 'city2' });
  await users.create({ username: 'county', password, displayName: '县', roles: ['supervisor'], governmentId: counties[57].id });
  const setUp = (performance.now() - t0) / 1000;

  const t1 = performance.now();
  let made = 0;
  for (const g of counties) {
    const templates = [2022, 2023, 2024, 2025].flatMap((y) => documentPath(y, g.prefix));
    const rows: CaseEntity[] = [];
    for (let d = 1; d <= DEPARTMENTS; d++) {
      for (let i = 0; i < CASES_PER_DEPARTMENT; i++, made++) {
        const snapshot = templates[made % templates.length];
        const now = new Date().toISOString();
        rows.push({
          id: randomUUID(),
          procedure: doc.id,
          procedureVersion: doc.version,
          title: `${g.id} 文件 ${d}-${i}`,
          department: `${g.id}-d${d}`,
          governmentId: g.id,
          governmentPath: g.path,
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
    }
    await db.transaction(async (m) => {
      for (let k = 0; k < rows.length; k += 500) await m.insert(CaseEntity, rows.slice(k, k + 500) as QueryDeepPartialEntity<CaseEntity>[]);
    });
  }
  const loadSeconds = (performance.now() - t1) / 1000;
  await ds.query('ANALYZE');
  // how the database finds one county's and one city's documents of the year (the reports' scope)
  const plans: Record<string, string> = {};
  for (const [name, id] of [
    ['county', counties[57].id],
    ['city', 'city2'],
  ]) {
    const g = (await ds.query('SELECT path FROM governments WHERE id = $1', [id])) as { path: string }[];
    const rows = (await ds.query(
      `EXPLAIN (ANALYZE) SELECT COUNT(*) FROM cases c WHERE c.report_year = 2023 AND c.government_id IN
         (SELECT sg.id FROM governments sg WHERE SUBSTR(sg.path, 1, LENGTH(CAST($1 AS VARCHAR))) = $1)`,
      [g[0].path],
    )) as { 'QUERY PLAN': string }[];
    const lines = rows.map((r) => r['QUERY PLAN']);
    plans[name] = `${lines.find((l) => /Scan on cases|Scan using \w+ on cases/.test(l))?.trim() ?? '?'} | ${lines.at(-1)}`;
  }
  await ds.destroy();

  const a = await bootApp({ LOG_LEVEL: 'silent' }, dir);
  const b = await bootApp({ LOG_LEVEL: 'silent' }, dir);
  try {
    const token = async (username: string) =>
      (await a.http.post('/api/auth/login').send({ username, password })).body.accessToken as string;
    const who = { province: await token('province'), city: await token('city'), county: await token('county') };
    const rss = { a: [rssMb(a.pid)], b: [rssMb(b.pid)] };
    const times: Record<string, number[]> = {};
    const questions: [string, keyof typeof who, string][] = [
      ['province report (10 cities beside)', 'province', '/api/reports/compliance?year=2023'],
      ['city report (10 counties beside)', 'city', '/api/reports/compliance?year=2023'],
      ['county case list (50 of 1,000)', 'county', '/api/cases?pageSize=50'],
      ['county report', 'county', '/api/reports/compliance?year=2023'],
    ];
    let check: Record<string, unknown> = {};
    for (let round = 0; round < ROUNDS; round++) {
      if (round === ROUNDS / 2) {
        rss.a.push(rssMb(a.pid));
        rss.b.push(rssMb(b.pid));
      }
      for (const [name, user, path] of questions) {
        const server = round % 2 ? b : a;
        const t = performance.now();
        const res = await server.http.get(path).set('Authorization', `Bearer ${who[user]}`).expect(200);
        (times[name] ??= []).push(performance.now() - t);
        if (round === 0 && user === 'province')
          check = { published: res.body.normativeDocuments.published, cities: res.body.governments.length };
      }
    }

    rss.a.push(rssMb(a.pid));
    rss.b.push(rssMb(b.pid));
    console.log(
      `\nProvince on PostgreSQL, two instances: ${counties.length} counties × ${DEPARTMENTS} departments × ${CASES_PER_DEPARTMENT} cases = ${made.toLocaleString('en')} cases ` +
        `(governments and departments set up in ${setUp.toFixed(1)} s, cases stored in ${loadSeconds.toFixed(0)} s); the province's 2023 report counts ${JSON.stringify(check)}`,
    );
    console.table(
      Object.entries(times).map(([question, t]) => ({
        question,
        'median ms': +median(t).toFixed(1),
        'max ms': +Math.max(...t).toFixed(1),
        requests: t.length,
      })),
    );
    console.log('How one scope finds its cases:', plans);
    const half = `after ${(ROUNDS / 2) * questions.length} requests`;
    const all = `after ${ROUNDS * questions.length}`;
    console.table({
      'instance A RSS MB': { before: rss.a[0], [half]: rss.a[1], [all]: rss.a[2] },
      'instance B RSS MB': { before: rss.b[0], [half]: rss.b[1], [all]: rss.b[2] },
    });
  } finally {
    await a.close(true);
    await b.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
