/**
 * Many clients, one case, at the same moment, over real HTTP against the real built server:
 * compare-and-swap on `version` lets exactly one event win each version; every other request is
 * `409 VERSION_CONFLICT` in the contract's shape with `details.currentVersion`, and changes
 * nothing. Clients that retry with the version they are told end with every event recorded once,
 * one audit event per version, an unbroken hash chain.
 *
 * README: "Every event carries `expectedVersion` (a stale one is `409 VERSION_CONFLICT`, never a
 * lost update)"; "One request = load the case → pure `decide()` → in one transaction,
 * compare-and-swap on `version` …".
 */
import type { Response } from 'supertest';
import { CaseBody, Tokens, useCounty } from './harness';

jest.setTimeout(60_000);

type Who = keyof Tokens;

interface HistoryEvent {
  id: number;
  caseId: string;
  seq: number;
  type: string;
  actorId: string;
  actorRole: string;
  occurredAt: string;
  data: Record<string, unknown>;
  prevHash: string;
  hash: string;
}

/** every comment is received on the same day, so no retry is ever dated before the latest event */
const RECEIVED_ON = '2023-06-01';

describe('concurrency: many clients sending conflicting events to one case', () => {
  const { b, d, bearer } = useCounty();

  /** The contract's shape of a lost race: `{statusCode: 409, code, message, details: {currentVersion}}`, nothing else. */
  function expectConflict(res: Response, currentVersion?: number) {
    expect({ status: res.status, code: res.body?.code }).toEqual({ status: 409, code: 'VERSION_CONFLICT' });
    expect(res.body).toEqual({
      statusCode: 409,
      code: 'VERSION_CONFLICT',
      message: expect.any(String),
      details: { currentVersion: currentVersion ?? expect.any(Number) },
    });
    expect(res.body.message.length).toBeGreaterThan(0);
    expect(Number.isInteger(res.body.details.currentVersion)).toBe(true);
  }

  /** Every response is either the win (200) or the conflict (409): never a 5xx, never another refusal. */
  function statusesOf(responses: Response[]) {
    const counts: Record<number, number> = {};
    for (const r of responses) counts[r.status] = (counts[r.status] ?? 0) + 1;
    return counts;
  }

  async function historyOf(id: string): Promise<HistoryEvent[]> {
    const res = await b.http.get(`/api/cases/${id}/history`).set(bearer('supervisor')).expect(200);
    return res.body as HistoryEvent[];
  }

  async function expectChainVerified() {
    const res = await b.http.get('/api/audit/verify').set(bearer('supervisor')).expect(200);
    expect(res.body).toMatchObject({ ok: true, firstBrokenEventId: null });
    return res.body as { ok: boolean; checkedEvents: number };
  }

  /** One audit event per version, seq 1..version without gap or duplicate, chained to the previous hash. */
  function expectContiguous(history: HistoryEvent[], version: number) {
    expect(history.map((e) => e.seq)).toEqual(Array.from({ length: version }, (_, i) => i + 1));
    expect(new Set(history.map((e) => e.id)).size).toBe(history.length);
    for (let i = 1; i < history.length; i++) expect(history[i].prevHash).toBe(history[i - 1].hash);
  }

  /** The comments of the case and the RECORD_COMMENT events of its history: the same, in the same order. */
  function expectCommentsMatchHistory(c: CaseBody, history: HistoryEvent[]) {
    const recorded = history.filter((e) => e.type === 'RECORD_COMMENT').map((e) => e.data.content);
    expect(c.comments.map((x) => x.content)).toEqual(recorded);
    expect(c.comments.map((x) => x.id)).toEqual(recorded.map((_, i) => `c${i + 1}`));
  }

  it('40 clients on one version: exactly one wins each version; the losers retry until every comment is in', async () => {
    const open = await d.openForComment('泗阳县城市停车管理办法（并发意见）');
    const CLIENTS = 40;
    const pending = Array.from({ length: CLIENTS }, (_, i) => ({
      who: (i % 2 === 0 ? 'official' : 'official2') as Who,
      content: `意见${String(i + 1).padStart(2, '0')}：${i % 2 === 0 ? '建议延长过渡期' : '收费标准应当公开'}（客户端 ${i + 1}）`,
      version: open.version,
      attempts: 0,
    }));
    const won: { content: string; who: Who; version: number }[] = [];
    let version = open.version;
    let rounds = 0;
    const requests: Response[] = [];

    while (pending.length > 0) {
      rounds++;
      // every pending client sends at once, each with the version it last heard of
      const responses = await Promise.all(
        pending.map((p) => {
          p.attempts++;
          return d.send(p.who, { id: open.id, version: p.version }, 'RECORD_COMMENT', RECEIVED_ON, { content: p.content });
        }),
      );
      requests.push(...responses);
      expect(statusesOf(responses)).toEqual(pending.length === 1 ? { 200: 1 } : { 200: 1, 409: pending.length - 1 });

      const winnerIndex = responses.findIndex((r) => r.status === 200);
      const winner = responses[winnerIndex].body as CaseBody;
      expect(winner.version).toBe(version + 1);
      expect(winner.comments).toHaveLength(winner.version - 2);
      expect(winner.comments[winner.comments.length - 1].content).toBe(pending[winnerIndex].content);
      version = winner.version;
      won.push({ content: pending[winnerIndex].content, who: pending[winnerIndex].who, version });

      // each loser is told the version it lost to, and retries with it, like a real client
      responses.forEach((r, i) => {
        if (r.status !== 409) return;
        expectConflict(r, version);
        pending[i].version = r.body.details.currentVersion;
      });
      pending.splice(winnerIndex, 1);
    }

    expect(rounds).toBe(CLIENTS);
    expect(requests.filter((r) => r.status === 200)).toHaveLength(CLIENTS);
    expect(requests).toHaveLength((CLIENTS * (CLIENTS + 1)) / 2);
    expect(new Set(won.map((w) => w.version)).size).toBe(CLIENTS);
    expect(won.map((w) => w.version)).toEqual(Array.from({ length: CLIENTS }, (_, i) => i + 3));

    // created (1) + opened (1) + one version per comment
    const c = await d.get('supervisor', open.id);
    expect(c.version).toBe(1 + 1 + CLIENTS);
    expect(c.comments).toHaveLength(requests.filter((r) => r.status === 200).length);
    expect(c.comments.map((x) => x.content)).toEqual(won.map((w) => w.content));
    expect(new Set(c.comments.map((x) => x.content)).size).toBe(CLIENTS);

    const history = await historyOf(open.id);
    expect(history).toHaveLength(c.version);
    expectContiguous(history, c.version);
    expect(history.map((e) => e.type)).toEqual(['CASE_CREATED', 'OPEN_PUBLIC_COMMENT', ...won.map(() => 'RECORD_COMMENT')]);
    expect(history.slice(2).map((e) => e.data.content)).toEqual(won.map((w) => w.content));
    expect(history.slice(2).every((e) => e.actorRole === 'official' && e.occurredAt === RECEIVED_ON)).toBe(true);
    // both officials won some versions: both actors appear in the history
    expect(new Set(history.slice(2).map((e) => e.actorId)).size).toBe(new Set(won.map((w) => w.who)).size);
    expectCommentsMatchHistory(c, history);

    await expectChainVerified();
  });

  it('40 free-running clients that retry on their own: no lost update, no duplicate, one event per version', async () => {
    const open = await d.openForComment('泗阳县城市停车管理办法（自由重试）');
    const CLIENTS = 40;
    const MAX_ATTEMPTS = 400;
    const statuses: Record<number, number> = {};
    const acknowledged: { content: string; version: number }[] = [];
    const badConflicts: unknown[] = [];

    // each client: send; on 409 take details.currentVersion and send again at once, until it wins
    await Promise.all(
      Array.from({ length: CLIENTS }, async (_, i) => {
        const who: Who = i % 2 === 0 ? 'official' : 'official2';
        const content = `自由重试意见 ${i + 1}：${'建议'.repeat((i % 5) + 1)}`;
        let version = open.version;
        for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
          const res = await d.send(who, { id: open.id, version }, 'RECORD_COMMENT', RECEIVED_ON, { content });
          statuses[res.status] = (statuses[res.status] ?? 0) + 1;
          if (res.status === 200) {
            acknowledged.push({ content, version: (res.body as CaseBody).version });
            return;
          }
          if (res.status !== 409) throw new Error(`client ${i + 1}: ${res.status} ${JSON.stringify(res.body)}`);
          const current = res.body?.details?.currentVersion;
          // the version it is told is always ahead of the one it sent
          if (res.body.code !== 'VERSION_CONFLICT' || !Number.isInteger(current) || current <= version) badConflicts.push(res.body);
          version = current;
        }
        throw new Error(`client ${i + 1} never won in ${MAX_ATTEMPTS} attempts`);
      }),
    );

    expect(badConflicts).toEqual([]);
    expect(Object.keys(statuses).sort()).toEqual(statuses[409] ? ['200', '409'] : ['200']);
    expect(statuses[200]).toBe(CLIENTS);
    // every version 3..42 was won by exactly one request
    expect(acknowledged.map((a) => a.version).sort((x, y) => x - y)).toEqual(Array.from({ length: CLIENTS }, (_, i) => i + 3));

    const c = await d.get('supervisor', open.id);
    expect(c.version).toBe(2 + CLIENTS);
    expect(c.comments).toHaveLength(statuses[200]);
    const byVersion = [...acknowledged].sort((x, y) => x.version - y.version).map((a) => a.content);
    expect(c.comments.map((x) => x.content)).toEqual(byVersion);

    const history = await historyOf(open.id);
    expectContiguous(history, c.version);
    history.slice(2).forEach((e, i) =>
      expect({ seq: e.seq, type: e.type, content: e.data.content }).toEqual({
        seq: i + 3,
        type: 'RECORD_COMMENT',
        content: byVersion[i],
      }),
    );
    expectCommentsMatchHistory(c, history);
    await expectChainVerified();
  });

  it('different events on the same version (close, record, dispose, import): exactly one wins, the state is the winner’s', async () => {
    // a short period that has ended by the close date, so every event below is lawful on its own
    const period = { startDate: '2023-03-01', endDate: '2023-03-31', channels: ['县政府网站'] };
    const winners: Record<string, number> = {};
    for (let trial = 0; trial < 6; trial++) {
      let c = await d.openForComment(`泗阳县城市停车管理办法（混合事项 ${trial + 1}）`, period);
      c = await d.ok('official', c, 'RECORD_COMMENT', '2023-03-02', { content: '夜间停车应免费' });
      expect(c.version).toBe(3);
      const ref = { id: c.id, version: c.version };

      type Attempt = { kind: string; send: () => Promise<Response> };
      const attempts: Attempt[] = [];
      for (let k = 0; k < 4; k++) {
        const who: Who = k % 2 === 0 ? 'official' : 'official2';
        attempts.push(
          { kind: 'CLOSE_PUBLIC_COMMENT', send: () => d.send(who, ref, 'CLOSE_PUBLIC_COMMENT', '2023-04-03') },
          { kind: 'RECORD_COMMENT', send: () => d.send(who, ref, 'RECORD_COMMENT', '2023-03-03', { content: `补充意见 ${k}` }) },
          {
            kind: 'DISPOSE_COMMENT',
            send: () => d.send(who, ref, 'DISPOSE_COMMENT', '2023-03-03', { commentId: 'c1', disposition: 'adopted', reason: '采纳' }),
          },
          {
            kind: 'IMPORT',
            send: () =>
              b.http
                .post(`/api/cases/${c.id}/comments/import`)
                .set(bearer(who))
                .send({
                  expectedVersion: ref.version,
                  comments: [
                    { content: `来信意见 ${k}-1`, submitter: '县律师协会', receivedOn: '2023-03-03' },
                    { content: `来信意见 ${k}-2`, receivedOn: '2023-03-04' },
                    { content: `来信意见 ${k}-3`, receivedOn: '2023-03-05' },
                  ],
                }),
          },
        );
      }
      // shuffle so no kind is always first on the wire
      for (let i = attempts.length - 1; i > 0; i--) {
        const j = Math.floor(Math.random() * (i + 1));
        [attempts[i], attempts[j]] = [attempts[j], attempts[i]];
      }
      const responses = await Promise.all(attempts.map((a) => a.send()));
      expect(statusesOf(responses)).toEqual({ 200: 1, 409: attempts.length - 1 });

      const w = responses.findIndex((r) => r.status === 200);
      const kind = attempts[w].kind;
      winners[kind] = (winners[kind] ?? 0) + 1;
      const won = responses[w].body as CaseBody;
      const expectedVersion = kind === 'IMPORT' ? 6 : 4;
      expect(won.version).toBe(expectedVersion);
      responses.forEach((r, i) => i !== w && expectConflict(r, expectedVersion));

      const after = await d.get('supervisor', c.id);
      expect(after.version).toBe(expectedVersion);
      const history = await historyOf(c.id);
      expectContiguous(history, expectedVersion);
      expectCommentsMatchHistory(after, history);
      const added = history.slice(3).map((e) => e.type);
      switch (kind) {
        case 'CLOSE_PUBLIC_COMMENT':
          expect(added).toEqual(['CLOSE_PUBLIC_COMMENT']);
          expect(after.record.publicComment.closedOn).toBe('2023-04-03');
          expect(after.comments).toHaveLength(1);
          expect(after.comments[0].disposition).toBeUndefined();
          break;
        case 'RECORD_COMMENT':
          expect(added).toEqual(['RECORD_COMMENT']);
          expect(after.record.publicComment.closedOn).toBeUndefined();
          expect(after.comments).toHaveLength(2);
          expect(after.comments[0].disposition).toBeUndefined();
          break;
        case 'DISPOSE_COMMENT':
          expect(added).toEqual(['DISPOSE_COMMENT']);
          expect(after.record.publicComment.closedOn).toBeUndefined();
          expect(after.comments).toHaveLength(1);
          expect(after.comments[0].disposition).toMatchObject({ disposition: 'adopted', reason: '采纳' });
          break;
        case 'IMPORT':
          // all three imported comments or none: here all, one version each
          expect(added).toEqual(['RECORD_COMMENT', 'RECORD_COMMENT', 'RECORD_COMMENT']);
          expect(after.comments).toHaveLength(4);
          expect(new Set(after.comments.slice(1).map((x) => x.content.split('-')[0])).size).toBe(1);
          break;
      }
    }
    expect(Object.values(winners).reduce((x, y) => x + y, 0)).toBe(6);
    await expectChainVerified();
  });
});
