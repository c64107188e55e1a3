/**
 * Two Docket server processes on one database (issue 6): the same SQLite file, or with
 * DOCKET_TEST_POSTGRES the same PostgreSQL database, where transactions of the two processes run
 * side by side. Conflicting events on one case from both, many cases changed from both at once,
 * documents published and catalogue items added through both at once, and the deadline job on
 * both: no lost update, no duplicate audit event, no number given twice, no job done twice, and
 * every hash chain whole.
 *
 * One instance's behaviour under concurrency is test/concurrency.e2e-spec.ts; expiry by explicit
 * runs on two instances is test/supervision.e2e-spec.ts ("deadlines: expiry on two instances").
 * Here: what is left for two processes.
 */
import type { Response } from 'supertest';
import {
  approvedDocument,
  bootApp,
  Booted,
  CaseBody,
  caseDriver,
  DeadlineRun,
  expectAuditIntact,
  registerDocument,
  setUpCounty,
  Tokens,
  useCounty,
  withToken,
} from './harness';

jest.setTimeout(120_000);

type Who = keyof Tokens;
type Driver = ReturnType<typeof caseDriver>;
interface Instance {
  name: 'A' | 'B';
  server: Booted;
  d: Driver;
}

/** every event of the races is dated the same day, so no retry is ever dated before the latest event */
const ON = '2023-06-01';

function statusesOf(responses: Response[]) {
  const counts: Record<number, number> = {};
  for (const r of responses) counts[r.status] = (counts[r.status] ?? 0) + 1;
  return counts;
}

/** Anything but the expected statuses, with its body, so a failure says what the server answered. */
function unexpected(responses: Response[], ...ok: number[]) {
  return responses.filter((r) => !ok.includes(r.status)).map((r) => `${r.status} ${JSON.stringify(r.body)}`);
}

interface AuditRow {
  seq: number;
  type: string;
  data: Record<string, unknown>;
}

/** The case's audit rows as stored, read behind the servers' backs. */
async function auditRows(server: Booted, caseId: string): Promise<AuditRow[]> {
  const rows = await server.sql('SELECT seq, type, data FROM audit_events WHERE case_id = ? ORDER BY seq', [caseId]);
  return rows.map((r) => ({ seq: Number(r.seq), type: String(r.type), data: JSON.parse(String(r.data)) as Record<string, unknown> }));
}

/** (case_id, seq) pairs stored more than once, anywhere */
const duplicateSeqs = (server: Booted) =>
  server.sql('SELECT case_id, seq, COUNT(*) AS n FROM audit_events GROUP BY case_id, seq HAVING COUNT(*) > 1');

/** columns of these cases, by id */
async function casesById(server: Booted, columns: string, ids: string[]) {
  const rows = await server.sql(`SELECT id, ${columns} FROM cases WHERE id IN (${ids.map(() => '?').join(', ')})`, ids);
  return new Map(rows.map((r) => [String(r.id), r]));
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('two instances on one database: cases, numbers, catalogue', () => {
  const { b: a, b2: b, tokens } = useCounty({}, { second: true });
  let both: Instance[];

  beforeAll(async () => {
    both = [
      { name: 'A', server: a, d: caseDriver(a, tokens) },
      { name: 'B', server: b, d: caseDriver(b, tokens) },
    ];
  });

  it('clients racing one event on one version, half through A and half through B: one wins each version, the rest are told the new version', async () => {
    const open = await both[0].d.openForComment('泗阳县城市停车管理办法（两实例竞争）');
    // seen from the other instance at once
    expect((await both[1].d.get('supervisor', open.id)).version).toBe(2);
    const CLIENTS = 24;
    const pending = range(1, CLIENTS).map((i) => ({
      via: both[i % 2],
      who: (i % 4 < 2 ? 'official' : 'official2') as Who,
      content: `意见 ${i}（经实例 ${both[i % 2].name}）`,
      version: open.version,
    }));
    const won: { content: string; via: string }[] = [];
    let version = open.version;
    while (pending.length > 0) {
      const responses = await Promise.all(
        pending.map((p) => p.via.d.send(p.who, { id: open.id, version: p.version }, 'RECORD_COMMENT', ON, { content: p.content })),
      );
      expect(unexpected(responses, 200, 409)).toEqual([]);
      expect(statusesOf(responses)).toEqual(pending.length === 1 ? { 200: 1 } : { 200: 1, 409: pending.length - 1 });
      const w = responses.findIndex((r) => r.status === 200);
      version++;
      expect((responses[w].body as CaseBody).version).toBe(version);
      won.push({ content: pending[w].content, via: pending[w].via.name });
      // every loser, on either instance, is told the version that won, and retries with it
      responses.forEach((r, i) => {
        if (i === w) return;
        expect(r.body).toEqual({
          statusCode: 409,
          code: 'VERSION_CONFLICT',
          message: expect.any(String),
          details: { currentVersion: version },
        });
        pending[i].version = version;
      });
      pending.splice(w, 1);
    }

    // created + opened + one version per accepted event; one audit row per version
    const c = await both[1].d.get('supervisor', open.id);
    expect(c.version).toBe(2 + CLIENTS);
    expect(c.comments.map((x) => x.content)).toEqual(won.map((x) => x.content));
    const rows = await auditRows(a, open.id);
    expect(rows.map((r) => r.seq)).toEqual(range(1, c.version));
    expect(rows.slice(2).map((r) => [r.type, r.data.content])).toEqual(won.map((x) => ['RECORD_COMMENT', x.content]));
    await expectAuditIntact(a, tokens.supervisor);
    await expectAuditIntact(b!, tokens.supervisor);
  });

  it('different events on several cases from both instances for a while: every acknowledged event is in the trail once, at its version', async () => {
    const CASES = 4;
    const WORKERS = 4; // per case, alternately through A and B
    const DURATION_MS = 4_000;
    const cases: CaseBody[] = [];
    for (let i = 0; i < CASES; i++) {
      const open = await both[i % 2].d.openForComment(`泗阳县城市停车管理办法（交错事项 ${i + 1}）`);
      cases.push(await both[i % 2].d.ok('official', open, 'RECORD_COMMENT', ON, { content: '初始意见' }));
    }
    const SETUP = 3; // created, opened, c1

    type Sent = { type: 'RECORD_COMMENT' | 'DISPOSE_COMMENT'; marker: string };
    const acks: { caseId: string; via: string; version: number; events: Sent[] }[] = [];
    const bad: string[] = [];
    const until = Date.now() + DURATION_MS;
    await Promise.all(
      cases.flatMap((c, ci) =>
        range(0, WORKERS - 1).map(async (w) => {
          const via = both[w % 2];
          const who: Who = w < 2 ? 'official' : 'official2';
          let version = c.version;
          for (let i = 1; Date.now() < until; i++) {
            const tag = `案${ci + 1}-${via.name}${w}-${i}`;
            const ref = { id: c.id, version };
            let events: Sent[];
            let res: Response;
            switch ((w + i) % 3) {
              case 0:
                events = [{ type: 'RECORD_COMMENT', marker: `意见 ${tag}` }];
                res = await via.d.send(who, ref, 'RECORD_COMMENT', ON, { content: events[0].marker });
                break;
              case 1:
                events = [{ type: 'DISPOSE_COMMENT', marker: `理由 ${tag}` }];
                res = await via.d.send(who, ref, 'DISPOSE_COMMENT', ON, {
                  commentId: 'c1',
                  disposition: 'adopted',
                  reason: events[0].marker,
                });
                break;
              default:
                // two comments received by letter: two events, all or none
                events = [1, 2].map((k) => ({ type: 'RECORD_COMMENT', marker: `来信 ${tag}-${k}` }));
                res = await via.server.http
                  .post(`/api/cases/${c.id}/comments/import`)
                  .set(withToken(tokens[who]))
                  .send({ expectedVersion: version, comments: events.map((e) => ({ content: e.marker, receivedOn: ON })) });
            }
            if (res.status === 200) {
              version = (res.body as CaseBody).version;
              acks.push({ caseId: c.id, via: via.name, version, events });
            } else if (res.status === 409 && res.body?.code === 'VERSION_CONFLICT' && res.body.details.currentVersion > version) {
              version = res.body.details.currentVersion;
            } else {
              bad.push(`${tag}: ${res.status} ${JSON.stringify(res.body)}`);
              return;
            }
          }
        }),
      ),
    );
    expect(bad).toEqual([]);
    // both instances had their share of the wins
    expect(new Set(acks.map((x) => x.via))).toEqual(new Set(['A', 'B']));

    const markerOf = (r: AuditRow) => String(r.type === 'DISPOSE_COMMENT' ? r.data.reason : r.data.content);
    for (const c of cases) {
      const mine = acks.filter((x) => x.caseId === c.id);
      const rows = await auditRows(a, c.id);
      const now = await both[1].d.get('supervisor', c.id);
      // no lost update: the version counts every acknowledged event, one audit row each, 1..version
      expect(now.version).toBe(SETUP + mine.reduce((n, x) => n + x.events.length, 0));
      expect(rows.map((r) => r.seq)).toEqual(range(1, now.version));
      // each acknowledgement's events are the rows at the versions it was acknowledged with
      for (const ack of mine) {
        const at = rows.slice(ack.version - ack.events.length, ack.version);
        expect(at.map((r) => ({ type: r.type, marker: markerOf(r) }))).toEqual(ack.events);
      }
      // and nothing else is in the trail: every acknowledged event exactly once
      const acknowledged = mine.flatMap((x) => x.events.map((e) => e.marker));
      expect(rows.slice(SETUP).map(markerOf).sort()).toEqual([...acknowledged].sort());
      expect(new Set(acknowledged).size).toBe(acknowledged.length);
      // the case's state is the trail's: its comments, and the last disposition of c1
      const recorded = rows.filter((r) => r.type === 'RECORD_COMMENT').map((r) => r.data.content);
      expect(now.comments.map((x) => x.content)).toEqual(recorded);
      const lastDisposal = rows.filter((r) => r.type === 'DISPOSE_COMMENT').pop();
      if (lastDisposal) expect(now.comments[0].disposition).toMatchObject({ reason: lastDisposal.data.reason });
    }
    expect(await duplicateSeqs(a)).toEqual([]);
    await expectAuditIntact(a, tokens.supervisor);
    await expectAuditIntact(b!, tokens.supervisor);
  });

  it('different documents published through A and B at once: every publication succeeds, numbers distinct and consecutive', async () => {
    const ROUNDS = 3;
    const PER_ROUND = 8;
    const docs = await Promise.all(
      range(1, ROUNDS * PER_ROUND).map((i) =>
        approvedDocument(both[i % 2].d, i % 3 === 0 ? 'official2' : 'official', `泗阳县规范性文件（同时公布 ${i}）`, {
          created: '2023-03-01',
          submitted: '2023-03-02',
          reviewDue: '2023-03-17',
          opinion: '2023-03-10',
          meeting: '2023-03-15',
        }),
      ),
    );
    const published: CaseBody[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const batch = docs.slice(round * PER_ROUND, (round + 1) * PER_ROUND);
      const responses = await Promise.all(
        batch.map((c, i) =>
          both[i % 2].d.send('secretariat', c, 'PUBLISH_DOCUMENT', '2023-03-20', { channels: ['县政府网站'], effectiveDate: '2023-03-20' }),
        ),
      );
      expect(unexpected(responses, 200)).toEqual([]);
      published.push(...responses.map((r) => r.body as CaseBody));
    }
    const N = ROUNDS * PER_ROUND;
    const numberOf = (s: string | undefined) => Number(/^泗政规〔2023〕(\d+)号$/.exec(s ?? '')?.[1]);
    expect(published.map((c) => numberOf(c.documentNumber)).sort((x, y) => x - y)).toEqual(range(1, N));
    // as stored: one row per number, each the number of the case that got it, and in its audit event
    const stored = await a.sql('SELECT n, case_id FROM document_numbers WHERE prefix = ? AND year = ? ORDER BY n', ['泗政规', 2023]);
    expect(stored.map((r) => Number(r.n))).toEqual(range(1, N));
    const byCase = new Map(published.map((c) => [c.id, numberOf(c.documentNumber)]));
    for (const r of stored) expect(byCase.get(String(r.case_id))).toBe(Number(r.n));
    for (const c of published.slice(0, PER_ROUND)) {
      const publish = (await auditRows(a, c.id)).find((r) => r.type === 'PUBLISH_DOCUMENT');
      expect(publish?.data.documentNumber).toBe(c.documentNumber);
    }
    await expectAuditIntact(b!, tokens.supervisor);
  });

  it('one number registered through A and B at once, several times: one registration gets it, the others are 409', async () => {
    for (let n = 1; n <= 5; n++) {
      const responses = await Promise.all(
        range(1, 6).map((i) =>
          both[i % 2].server.http
            .post('/api/cases/register-document')
            .set(withToken(tokens.secretariat))
            .send({
              title: `泗阳县规范性文件（补登 ${n}-${i}）`,
              department: 'fgw',
              issuingOrgan: 'government',
              interim: false,
              documentNumber: `泗政规〔2018〕${n}号`,
              publishedOn: '2018-07-01',
              effectiveDate: '2018-07-01',
            }),
        ),
      );
      expect(unexpected(responses, 201, 409)).toEqual([]);
      expect(statusesOf(responses)).toEqual({ 201: 1, 409: 5 });
      for (const r of responses.filter((x) => x.status === 409)) expect(r.body.code).toBe('ALREADY_EXISTS');
    }
    const stored = await a.sql('SELECT n FROM document_numbers WHERE prefix = ? AND year = ? ORDER BY n', ['泗政规', 2018]);
    expect(stored.map((r) => Number(r.n))).toEqual(range(1, 5));
  });

  it('catalogue items added through A and B at once: every addition succeeds, sequence numbers distinct and consecutive', async () => {
    const ROUNDS = 3;
    const PER_ROUND = 10;
    const added: { id: string; seq: number; title: string }[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const responses = await Promise.all(
        range(1, PER_ROUND).map((i) =>
          both[i % 2].server.http
            .post('/api/catalogues/2024/items')
            .set(withToken(tokens.secretariat))
            .send({ title: `决策事项 ${round + 1}-${i}`, department: 'fgw', addedOn: '2024-01-05' }),
        ),
      );
      expect(unexpected(responses, 201)).toEqual([]);
      added.push(...responses.map((r) => r.body as { id: string; seq: number; title: string }));
    }
    const N = ROUNDS * PER_ROUND;
    expect(added.map((x) => x.seq).sort((x, y) => x - y)).toEqual(range(1, N));
    const listed = (await b!.http.get('/api/catalogues/2024').set(withToken(tokens.supervisor)).expect(200)).body as {
      items: { id: string; seq: number; title: string }[];
    };
    expect(listed.items.map((x) => x.seq)).toEqual(range(1, N));
    expect(listed.items.map((x) => x.id)).toEqual(range(1, N).map((n) => `2024-${String(n).padStart(2, '0')}`));
    // each item is the one its response announced
    expect(listed.items.map((x) => `${x.id} ${x.title}`).sort()).toEqual(added.map((x) => `${x.id} ${x.title}`).sort());
  });

  it('an admin migrating cases through A while their officials send events through B: each case takes what was judged on its row, the migration all or none', async () => {
    const justification = '依据县政府常务会议决定，条例施行后尚在起草阶段的决策开展公平竞争审查';
    for (let round = 0; round < 4; round++) {
      // four version 1 decisions in drafting (started in 2023, before version 2)
      const cases = await Promise.all(
        range(1, 4).map(async (i) => {
          const c = await both[0].d.create('official', {
            procedure: 'major-decision',
            title: `决策 ${round + 1}-${i}`,
            department: 'fgw',
            occurredAt: '2023-05-04',
          });
          return both[0].d.ok('secretariat', c, 'APPROVE_START', '2023-05-05');
        }),
      );
      const [migration, ...events] = await Promise.all([
        a.http
          .post('/api/procedures/major-decision/migrations')
          .set(withToken(tokens.admin))
          .send({ toVersion: 2, caseIds: cases.map((c) => c.id), justification }),
        ...cases.map((c) =>
          both[1].d.send('official', c, 'FINISH_DRAFT', '2023-05-06', { draftSummary: '草案', specialized: false, stabilityRisk: false }),
        ),
      ]);
      expect(unexpected([migration], 201, 409)).toEqual([]);
      expect(unexpected(events, 200, 409)).toEqual([]);
      const moved = migration.status === 201;
      const stored = await casesById(
        a,
        'version, procedure_version',
        cases.map((c) => c.id),
      );
      for (const [i, c] of cases.entries()) {
        const finished = events[i].status === 200;
        // neither lost: the version counts both, the trail holds each once, in the order they were committed
        const rows = await auditRows(a, c.id);
        expect({
          version: Number(stored.get(c.id)?.version),
          procedureVersion: Number(stored.get(c.id)?.procedure_version),
          types: rows.map((r) => r.type).sort(),
        }).toEqual({
          version: c.version + Number(finished) + Number(moved),
          procedureVersion: moved ? 2 : 1,
          types: ['APPROVE_START', 'CASE_CREATED', ...(finished ? ['FINISH_DRAFT'] : []), ...(moved ? ['PROCEDURE_MIGRATED'] : [])].sort(),
        });
        expect(rows.map((r) => r.seq)).toEqual(range(1, rows.length));
      }
      const records = (await b!.http.get('/api/procedures/major-decision/migrations').set(withToken(tokens.admin)).expect(200)).body as {
        moved: { id: string }[];
      }[];
      if (moved) expect(records[0].moved.map((m) => m.id).sort()).toEqual(cases.map((c) => c.id).sort());
    }
    expect(await duplicateSeqs(a)).toEqual([]);
    await expectAuditIntact(a, tokens.supervisor);
    await expectAuditIntact(b!, tokens.supervisor);
  });
});

/** The deadline job's runs an instance logged (it logs a run that changed something; LOG_LEVEL info). */
function loggedRuns(output: string): DeadlineRun[] {
  return output.split('\n').flatMap((line) => {
    try {
      const msg = (JSON.parse(line) as { msg?: unknown }).msg;
      return typeof msg === 'string' && msg.startsWith('deadlines {') ? [JSON.parse(msg.slice('deadlines '.length)) as DeadlineRun] : [];
    } catch {
      return [];
    }
  });
}

describe('the deadline job on two instances at once, with both their startup runs', () => {
  const servers: Booted[] = [];
  afterAll(async () => {
    for (const s of servers.slice(1).reverse()) await s.close(true);
    await servers[0]?.close();
  });

  it('marks each overdue stage once and expires each lapsed document once, whichever instance and however many runs', async () => {
    const LOG = { LOG_LEVEL: 'info' };
    const first = await bootApp(LOG);
    servers.push(first);
    const tokens = await setUpCounty(first);

    /** documents whose validity ended, and legality reviews past their time limit, made through these instances */
    async function lateWork(through: Booted[], year: number, lapsedCount: number, overdueCount: number) {
      const lapsed: string[] = [];
      for (let from = 1; from <= lapsedCount; from += 20) {
        const ids = await Promise.all(
          range(from, Math.min(from + 19, lapsedCount)).map((n) =>
            registerDocument(through[n % through.length], tokens, {
              title: `泗阳县规范性文件（${year}-${n}）`,
              documentNumber: `泗政规〔${year}〕${n}号`,
              publishedOn: `${year}-07-01`,
              effectiveDate: `${year}-07-01`,
              validUntil: '2024-06-30',
            }),
          ),
        );
        lapsed.push(...ids);
      }
      const overdue = await Promise.all(
        range(1, overdueCount).map(async (i) => {
          const d = caseDriver(through[i % through.length], tokens);
          const c = await d.create('official', {
            procedure: 'normative-document',
            title: `泗阳县规范性文件（${year} 审核逾期 ${i}）`,
            department: 'fgw',
            occurredAt: '2023-05-04',
            affectsPublicRights: false,
            marketRelated: false,
            interim: false,
            issuingOrgan: 'government',
          });
          return (await d.ok('official', c, 'SUBMIT_FOR_LEGALITY_REVIEW', '2023-05-18', { reviewDueDate: '2023-05-26' })).id;
        }),
      );
      return { lapsed, overdue };
    }
    /** every case's audit rows, as stored */
    async function trails(server: Booted) {
      const byCase = new Map<string, { seq: number; type: string }[]>();
      for (const r of await server.sql('SELECT case_id, seq, type FROM audit_events ORDER BY case_id, seq')) {
        const id = String(r.case_id);
        byCase.set(id, [...(byCase.get(id) ?? []), { seq: Number(r.seq), type: String(r.type) }]);
      }
      return byCase;
    }

    // 1. work left while Docket was stopped, then two instances started at once: both run the job at start
    const atStart = await lateWork([first], 2019, 150, 5);
    const valid = await registerDocument(first, tokens, {
      title: '泗阳县规范性文件（有效）',
      documentNumber: '泗政规〔2019〕999号',
      publishedOn: '2019-07-01',
      effectiveDate: '2019-07-01',
      validUntil: '2030-12-31',
    });
    await first.close(true);
    const [a, b] = await Promise.all([bootApp(LOG, first.dir), bootApp(LOG, first.dir)]);
    servers.push(a, b);
    const runs: Response[] = [];
    const post = (s: Booted) => s.http.post('/api/deadlines/run').set(withToken(tokens.admin));
    runs.push(...(await Promise.all([a, b].map(post))));

    // 2. more of it while both serve, and the job requested from both at once, several times
    const requested = await lateWork([a, b], 2020, 60, 5);
    for (let round = 0; round < 3; round++) runs.push(...(await Promise.all([a, b, a, b].map(post))));
    expect(unexpected(runs, 200)).toEqual([]);
    const today = (runs[0].body as DeadlineRun).today;

    const lapsed = [...atStart.lapsed, ...requested.lapsed];
    const overdue = [...atStart.overdue, ...requested.overdue];
    // every run that changed something logs what it did: at start, on request, hourly should the hour strike
    const sum = (rs: DeadlineRun[]) =>
      rs.reduce((t, r) => ({ markedOverdue: t.markedOverdue + r.markedOverdue, expired: t.expired + r.expired }), {
        markedOverdue: 0,
        expired: 0,
      });
    const total = () => sum(servers.flatMap((s) => loggedRuns(s.output())));
    // a startup run may still be going: wait until the work is all done, then a little longer
    for (let i = 0; i < 200 && (total().expired < lapsed.length || total().markedOverdue < overdue.length); i++) {
      await new Promise((r) => setTimeout(r, 100));
    }
    await new Promise((r) => setTimeout(r, 1_000));
    expect(total()).toEqual({ markedOverdue: overdue.length, expired: lapsed.length });
    // the requested runs answered with their part of it
    const answered = sum(runs.map((r) => r.body as DeadlineRun));
    expect(answered.expired).toBeLessThanOrEqual(lapsed.length);
    expect(answered.markedOverdue).toBeLessThanOrEqual(overdue.length);

    // each lapsed document: one EXPIRE, by the system, as its last event and version
    const after = await trails(b);
    const expiries = [...after].filter(([, rows]) => rows.some((r) => r.type === 'EXPIRE'));
    expect(expiries.map(([id]) => id).sort()).toEqual([...lapsed].sort());
    const cases = await casesById(a, 'stage, version, overdue_since', [...lapsed, ...overdue, valid]);
    for (const id of lapsed) {
      const rows = after.get(id)!;
      expect({ types: rows.map((r) => r.type), seqs: rows.map((r) => r.seq), stage: cases.get(id)?.stage }).toEqual({
        types: ['DOCUMENT_REGISTERED', 'EXPIRE'],
        seqs: [1, 2],
        stage: 'expired',
      });
      expect(Number(cases.get(id)?.version)).toBe(2);
    }
    expect(cases.get(valid)?.stage).toBe('inForce');
    // each overdue review: marked on the day, and the mark is no event (trail and version as before)
    for (const id of overdue) {
      expect({
        since: cases.get(id)?.overdue_since,
        version: Number(cases.get(id)?.version),
        types: after.get(id)!.map((r) => r.type),
      }).toEqual({
        since: today,
        version: 2,
        types: ['CASE_CREATED', 'SUBMIT_FOR_LEGALITY_REVIEW'],
      });
    }

    expect(await duplicateSeqs(a)).toEqual([]);
    await expectAuditIntact(a, tokens.supervisor);
    await expectAuditIntact(b, tokens.supervisor);
  });
});
