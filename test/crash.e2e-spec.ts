/**
 * Power-cut crashes in the middle of a sustained stream of events: the real built server is
 * killed with SIGKILL at a random moment, restarted on the same SQLite file (default
 * `DOCKET_SQLITE_SYNC`, FULL), and the stream goes on from the stored versions, several times.
 *
 * After each restart: every event the client saw acknowledged (HTTP 200) is stored; an event in
 * flight at the kill is stored whole or not at all (a 3-comment import is all or none); versions
 * are contiguous, the case's version is its last event's `seq`, the case's comments are exactly
 * its RECORD_COMMENT events; `/api/audit/verify` passes.
 *
 * README: "`DOCKET_SQLITE_SYNC` `FULL`: an acknowledged event survives a power cut".
 */
import type { Response } from 'supertest';
import { bootApp, Booted, caseDriver, CaseBody, setUpCounty, Tokens } from './harness';

jest.setTimeout(90_000);

type Who = keyof Tokens;

interface HistoryEvent {
  id: number;
  seq: number;
  type: string;
  data: Record<string, unknown>;
  prevHash: string;
  hash: string;
}

const ROUNDS = 5;
const RECEIVED_ON = '2023-06-01';
const PERIOD = { draftText: '草案全文及起草说明', startDate: '2023-01-04', endDate: '2023-12-15', channels: ['县政府网站'] };
/** one request of a client: one RECORD_COMMENT, or (every fifth) an import of three comments in one transaction */
type Sent = { contents: string[] };

/** One client driving its own case. */
interface Stream {
  who: Who;
  id: string;
  version: number;
  /** the comments stored, in order, as last read back from the server */
  stored: string[];
  /** acknowledged this round, in order */
  acked: string[][];
  /** sent this round without an answer (the kill cut it off) */
  inFlight: Sent | null;
  /** anything but 200 or a connection cut by the kill */
  unexpected: string[];
  sent: number;
}

describe('crash: SIGKILL during a stream of events, restart on the same file', () => {
  it(`keeps every acknowledged event and nothing half-written, ${ROUNDS} rounds`, async () => {
    let b: Booted = await bootApp();
    const dir = b.dir;
    const failures: string[] = [];
    try {
      const tokens = await setUpCounty(b);
      const d0 = caseDriver(b, tokens);

      // four cases, two departments, each driven by its own client
      const owners: { who: Who; department: string }[] = [
        { who: 'official', department: 'fgw' },
        { who: 'official2', department: 'fgw' },
        { who: 'zjjOfficial', department: 'zjj' },
        { who: 'zjjOfficial', department: 'zjj' },
      ];
      const streams: Stream[] = [];
      for (const [k, o] of owners.entries()) {
        const c = await d0.create(o.who, {
          procedure: 'normative-document',
          title: `泗阳县崩溃恢复测试文件 ${k + 1}`,
          department: o.department,
          occurredAt: '2023-01-03',
          affectsPublicRights: true,
          marketRelated: false,
          interim: false,
          issuingOrgan: 'government',
        });
        const open = await d0.ok(o.who, c, 'OPEN_PUBLIC_COMMENT', PERIOD.startDate, PERIOD);
        streams.push({ who: o.who, id: open.id, version: open.version, stored: [], acked: [], inFlight: null, unexpected: [], sent: 0 });
      }

      let totalAcked = 0;
      for (let round = 1; round <= ROUNDS; round++) {
        const server = b;
        const d = caseDriver(server, tokens);
        let killed = false;

        const send = (s: Stream, sent: Sent): Promise<Response> =>
          sent.contents.length === 1
            ? d.send(s.who, s, 'RECORD_COMMENT', RECEIVED_ON, { content: sent.contents[0] })
            : server.http
                .post(`/api/cases/${s.id}/comments/import`)
                .set('Authorization', `Bearer ${tokens[s.who]}`)
                .send({ expectedVersion: s.version, comments: sent.contents.map((content) => ({ content, receivedOn: RECEIVED_ON })) });

        /** as fast as possible, one request after the other, until the server is gone */
        const drive = async (s: Stream, k: number) => {
          s.acked = [];
          s.inFlight = null;
          for (let n = 1; ; n++) {
            const tag = `r${round}-k${k + 1}-n${n}`;
            const sent: Sent = { contents: n % 5 === 0 ? [`${tag}-a`, `${tag}-b`, `${tag}-c`] : [tag] };
            s.inFlight = sent;
            s.sent++;
            let res: Response;
            try {
              res = await send(s, sent);
            } catch (e) {
              // the connection was cut: the request may or may not have been committed
              if (!killed) s.unexpected.push(`${tag}: connection failed before the kill: ${(e as Error).message}`);
              return;
            }
            if (res.status !== 200) {
              s.inFlight = null;
              s.unexpected.push(`${tag}: ${res.status} ${JSON.stringify(res.body)}`);
              return;
            }
            s.inFlight = null;
            const body = res.body as CaseBody;
            if (body.version !== s.version + sent.contents.length) {
              s.unexpected.push(`${tag}: acknowledged at version ${body.version}, sent at ${s.version}`);
            }
            s.version = body.version;
            s.acked.push(sent.contents);
          }
        };

        const started = Date.now();
        const driving = streams.map((s, k) => drive(s, k));
        const killAfter = 150 + Math.floor(Math.random() * 1350);
        await new Promise((r) => setTimeout(r, killAfter));
        killed = true;
        await server.kill();
        const killedAt = Date.now() - started;
        await Promise.all(driving);

        // restart on the same file and read back what is stored
        b = await bootApp({}, dir);
        const after = caseDriver(b, tokens);
        let ackedThisRound = 0;
        let foundThisRound = 0;
        let inFlightStored = 0;
        let inFlightLost = 0;
        for (const [k, s] of streams.entries()) {
          const where = `round ${round}, case ${k + 1}`;
          failures.push(...s.unexpected.map((u) => `${where}: ${u}`));
          s.unexpected = [];

          const c = await after.get('supervisor', s.id);
          const history = (await b.http.get(`/api/cases/${s.id}/history`).set('Authorization', `Bearer ${tokens.supervisor}`).expect(200))
            .body as HistoryEvent[];

          // nothing half-written: one event per version, seq 1..version, chained; the case is at its last event
          const seqs = history.map((e) => e.seq);
          const contiguous = seqs.every((q, i) => q === i + 1);
          if (!contiguous) failures.push(`${where}: history seqs not contiguous: ${JSON.stringify(seqs)}`);
          if (new Set(seqs).size !== seqs.length) failures.push(`${where}: duplicate seq in history`);
          if (c.version !== history.length || c.version !== seqs[seqs.length - 1]) {
            failures.push(
              `${where}: case version ${c.version}, history has ${history.length} events ending at seq ${seqs[seqs.length - 1]}`,
            );
          }
          for (let i = 1; i < history.length; i++) {
            if (history[i].prevHash !== history[i - 1].hash)
              failures.push(`${where}: event seq ${history[i].seq} not chained to the previous`);
          }
          const types = history.map((e) => e.type);
          if (types[0] !== 'CASE_CREATED' || types[1] !== 'OPEN_PUBLIC_COMMENT' || types.slice(2).some((t) => t !== 'RECORD_COMMENT')) {
            failures.push(`${where}: unexpected event types ${JSON.stringify([...new Set(types)])}`);
          }

          // every comment of the case has its RECORD_COMMENT event and vice versa, in the same order
          const inHistory = history.filter((e) => e.type === 'RECORD_COMMENT').map((e) => String(e.data.content));
          const inCase = c.comments.map((x) => x.content);
          if (JSON.stringify(inCase) !== JSON.stringify(inHistory)) {
            failures.push(`${where}: case comments (${inCase.length}) differ from RECORD_COMMENT events (${inHistory.length})`);
          }
          if (c.comments.some((x, i) => x.id !== `c${i + 1}`)) failures.push(`${where}: comment ids not c1..c${c.comments.length}`);

          // every acknowledged event is stored, in order, after what was stored before; the one in flight whole or not at all
          const acked = s.acked.flat();
          const withoutInFlight = [...s.stored, ...acked];
          const withInFlight = s.inFlight ? [...withoutInFlight, ...s.inFlight.contents] : null;
          const stored = JSON.stringify(inHistory);
          const missing = acked.filter((x) => !inHistory.includes(x));
          const foundAcked = acked.length - missing.length;
          if (missing.length)
            failures.push(`${where}: ${missing.length} acknowledged comment(s) lost after the kill: ${missing.join(', ')}`);
          if (stored === JSON.stringify(withoutInFlight)) {
            if (s.inFlight) inFlightLost++;
          } else if (withInFlight && stored === JSON.stringify(withInFlight)) {
            inFlightStored++;
          } else {
            const extra = inHistory.filter((x) => !withoutInFlight.includes(x));
            failures.push(
              `${where}: stored comments are neither the acknowledged ones nor those plus the whole request in flight ` +
                `(stored ${inHistory.length}, acknowledged in all ${withoutInFlight.length}, in flight ${JSON.stringify(s.inFlight?.contents ?? [])}, ` +
                `extra ${JSON.stringify(extra)})`,
            );
          }

          ackedThisRound += acked.length;
          foundThisRound += foundAcked;
          // continue from what is stored
          s.stored = inHistory;
          s.version = c.version;
        }
        const verify = await b.http.get('/api/audit/verify').set('Authorization', `Bearer ${tokens.supervisor}`).expect(200);
        if (!verify.body.ok) failures.push(`round ${round}: /api/audit/verify ${JSON.stringify(verify.body)}`);
        totalAcked += ackedThisRound;
        console.log(
          `round ${round}: killed after ${killedAt} ms (aimed at ${killAfter} ms); ` +
            `${ackedThisRound} comment events acknowledged, ${foundThisRound} found after restart; ` +
            `in flight at the kill: ${inFlightStored} stored whole, ${inFlightLost} not stored; ` +
            `stored versions ${streams.map((s) => s.version).join('/')}; verify ${JSON.stringify(verify.body)}`,
        );
      }

      expect(failures).toEqual([]);
      // the stream did run: events were acknowledged and survived
      expect(totalAcked).toBeGreaterThan(ROUNDS * streams.length);
      expect(streams.every((s) => s.version === 2 + s.stored.length)).toBe(true);

      // and the restarted server still takes events on every case, chained on the recovered ones
      const d = caseDriver(b, tokens);
      for (const s of streams) {
        const c = await d.ok(s.who, s, 'RECORD_COMMENT', RECEIVED_ON, { content: 'after the last crash' });
        expect(c.version).toBe(s.version + 1);
      }
      const verify = await b.http.get('/api/audit/verify').set('Authorization', `Bearer ${tokens.supervisor}`).expect(200);
      expect(verify.body).toMatchObject({ ok: true, firstBrokenEventId: null });
    } finally {
      await b.close();
    }
  });
});
