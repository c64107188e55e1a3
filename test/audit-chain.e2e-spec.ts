/**
 * The audit trail against someone who can write the database (hardening item 6). Each case's
 * chain alone let a writer change a row and recompute that case's hashes, or delete a whole case
 * with its events, and `/api/audit/verify` still said ok. Now every event is also linked into one
 * chain across all cases (a gapless global sequence, each global hash over the previous one and
 * the event's hash), and the chain's head is signed into checkpoints with an Ed25519 key that is
 * not in the database (DOCKET_AUDIT_KEY), kept by a supervisor elsewhere and checked by verify.
 *
 * The attacks are made here behind the server's back with plain SQL (`Booted.sql`: the SQLite
 * file, or with DOCKET_TEST_POSTGRES the PostgreSQL database), recomputing hashes as an attacker
 * who read the README would.
 */
import { createHash, createPublicKey, generateKeyPairSync, KeyObject, sign, verify as verifySignature } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Response } from 'supertest';
import { canonicalJson } from '../src/audit/canonical-json';
import { bootApp, Booted, caseDriver, CaseBody, setUpCounty, Tokens } from './harness';

jest.setTimeout(180_000);

const GENESIS = '0'.repeat(64);
const ON = '2023-06-01';

/** SHA-256 over the parts joined by newlines, as the README describes every link of both chains */
const sha = (...parts: string[]) => createHash('sha256').update(parts.join('\n')).digest('hex');

interface Keys {
  privateKey: KeyObject;
  pem: string;
  file: string;
  keyId: string;
}

const keyDir = mkdtempSync(join(tmpdir(), 'docket-audit-key-'));
let keyCount = 0;
function newKey(): Keys {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const file = join(keyDir, `audit-${++keyCount}.pem`);
  writeFileSync(file, pem, { mode: 0o600 });
  return { privateKey, pem, file, keyId: sha256Hex(publicKey.export({ type: 'spki', format: 'der' })) };
}
const sha256Hex = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const KEY = newKey();

interface Checkpoint {
  id: number;
  seq: number;
  headHash: string;
  takenAt: string;
  keyId: string;
  signature: string;
  message: string;
}

interface Verify {
  ok: boolean;
  checkedEvents: number;
  firstBrokenEventId: number | null;
  chain: { ok: boolean; length: number; headHash: string };
  checkpoints: {
    configured: boolean;
    keyId: string | null;
    checked: number;
    holding: number;
    latest: { seq: number; takenAt: string } | null;
    otherKeys: { keyId: string; count: number }[];
    broken: { id: number; seq: number; keyId: string; reason: string }[];
  };
}

/** A county with three documents open for comment, a comment on each: 9 events, case by case. */
async function world(env: Record<string, string> = { DOCKET_AUDIT_KEY: KEY.file }, dir?: string) {
  const b = await bootApp(env, dir);
  const tokens = await setUpCounty(b);
  const d = caseDriver(b, tokens);
  const cases: CaseBody[] = [];
  for (const title of ['泗阳县城市停车管理办法', '泗阳县城市绿化管理办法', '泗阳县户外广告设置管理办法']) {
    const open = await d.openForComment(title);
    cases.push(await d.ok('official', open, 'RECORD_COMMENT', ON, { content: `关于${title}的意见` }));
  }
  return { b, tokens, d, cases, ...api(b, tokens) };
}

function api(b: Booted, tokens: Tokens) {
  const as = (who: keyof Tokens) => ({ Authorization: `Bearer ${tokens[who]}` });
  return {
    as,
    verify: async () => (await b.http.get('/api/audit/verify').set(as('supervisor')).expect(200)).body as Verify,
    checkpoint: async (who: keyof Tokens = 'supervisor') => {
      const res = await b.http.post('/api/audit/checkpoints').set(as(who)).send({});
      if (res.status !== 201) throw new Error(`checkpoint ${res.status} ${JSON.stringify(res.body)}`);
      return res.body as Checkpoint & { publicKey: string };
    },
    exported: async () =>
      (await b.http.get('/api/audit/checkpoints').set(as('supervisor')).expect(200)).body as {
        algorithm: string;
        keyId: string | null;
        publicKey: string | null;
        checkpoints: Checkpoint[];
      },
    checkKept: async (cp: Checkpoint) =>
      (await b.http.post('/api/audit/checkpoints/verify').set(as('supervisor')).send(cp).expect(200)).body as {
        holds: boolean;
        signature: string;
        keyId: string;
        reason?: string;
      },
  };
}

interface Row {
  id: number;
  case_id: string;
  seq: number;
  type: string;
  actor_id: string;
  actor_role: string;
  occurred_at: string;
  recorded_at: string;
  data: string;
  hash: string;
}

const eventsOf = async (b: Booted, caseId: string) =>
  (await b.sql('SELECT * FROM audit_events WHERE case_id = ? ORDER BY seq', [caseId])) as unknown as Row[];
const eventsInOrder = async (b: Booted) => (await b.sql('SELECT id, case_id, seq FROM audit_events ORDER BY id')) as unknown as Row[];

/** The attacker recomputes one case's chain after changing its rows, so that case verifies alone. */
async function rechainCase(b: Booted, caseId: string) {
  let prev = GENESIS;
  for (const r of await eventsOf(b, caseId)) {
    const canonical = canonicalJson({
      caseId: r.case_id,
      seq: Number(r.seq),
      type: r.type,
      actorId: r.actor_id,
      actorRole: r.actor_role,
      occurredAt: r.occurred_at,
      recordedAt: r.recorded_at,
      data: r.data,
    });
    const hash = sha(prev, canonical);
    await b.sql('UPDATE audit_events SET prev_hash = ?, hash = ? WHERE id = ?', [prev, hash, r.id]);
    prev = hash;
  }
}

/** …and then the chain across cases too: renumbered without gaps, every global hash recomputed. */
async function rechainGlobal(b: Booted) {
  const rows = await b.sql('SELECT id, hash FROM audit_events ORDER BY global_seq');
  let prev = GENESIS;
  let n = 0;
  // through negative numbers, so the unique global sequence is never held twice on the way
  for (const r of rows) {
    prev = sha(prev, String(r.hash));
    await b.sql('UPDATE audit_events SET global_seq = ?, global_hash = ? WHERE id = ?', [-++n, prev, r.id]);
  }
  await b.sql('UPDATE audit_events SET global_seq = -global_seq');
}

async function deleteCase(b: Booted, caseId: string) {
  await b.sql('DELETE FROM audit_events WHERE case_id = ?', [caseId]);
  await b.sql('DELETE FROM cases WHERE id = ?', [caseId]);
}

/** The message an exported checkpoint's signature covers, as a supervisor rebuilds it from its fields. */
const messageOf = (cp: { seq: number; headHash: string; takenAt: string }) =>
  ['docket-audit-checkpoint/1', `seq=${cp.seq}`, `head=${cp.headHash}`, `taken-at=${cp.takenAt}`].join('\n');

describe('one chain across every case', () => {
  it('a row changed and its case chain recomputed: the case verifies alone, the chain across cases names the row', async () => {
    const { b, cases, verify } = await world();
    try {
      expect(await verify()).toMatchObject({ ok: true, checkedEvents: 9, firstBrokenEventId: null, chain: { ok: true, length: 9 } });
      const [, victim] = await eventsOf(b, cases[1].id);
      expect(victim.type).toBe('OPEN_PUBLIC_COMMENT');
      await b.sql('UPDATE audit_events SET data = ? WHERE id = ?', [victim.data.replace('县政府网站', '内部网站'), victim.id]);
      await rechainCase(b, cases[1].id);

      const after = await verify();
      expect(after).toMatchObject({ ok: false, checkedEvents: 9, firstBrokenEventId: Number(victim.id), chain: { ok: false } });
    } finally {
      await b.close();
    }
  });

  it('a whole case deleted with its events: the next event of the chain no longer links, and verify names it', async () => {
    const { b, cases, verify } = await world();
    try {
      await deleteCase(b, cases[1].id);
      const [successor] = await eventsOf(b, cases[2].id);
      expect(await verify()).toMatchObject({ ok: false, checkedEvents: 6, firstBrokenEventId: Number(successor.id), chain: { ok: false } });
    } finally {
      await b.close();
    }
  });

  it('a first event deleted with its case: the chain no longer starts at 1', async () => {
    const { b, cases, verify } = await world();
    try {
      await deleteCase(b, cases[0].id);
      const [next] = await eventsOf(b, cases[1].id);
      expect(await verify()).toMatchObject({ ok: false, checkedEvents: 6, firstBrokenEventId: Number(next.id) });
    } finally {
      await b.close();
    }
  });

  it('events whose case row was deleted are not skipped: verify names the first of them', async () => {
    const { b, cases, verify } = await world();
    try {
      const [first] = await eventsOf(b, cases[1].id);
      await b.sql('DELETE FROM cases WHERE id = ?', [cases[1].id]);
      expect(await verify()).toMatchObject({ ok: false, checkedEvents: 9, firstBrokenEventId: Number(first.id) });
    } finally {
      await b.close();
    }
  });

  it('two instances writing at once: one global sequence 1..n without gap or fork, one checkpoint per head', async () => {
    const a = await bootApp({ DOCKET_AUDIT_KEY: KEY.file });
    let b2: Booted | undefined;
    try {
      const tokens = await setUpCounty(a);
      b2 = await bootApp({ DOCKET_AUDIT_KEY: KEY.file }, a.dir);
      const drivers = [caseDriver(a, tokens), caseDriver(b2, tokens)];
      const servers = [a, b2];
      const cases = await Promise.all(Array.from({ length: 12 }, (_, i) => drivers[i % 2].openForComment(`泗阳县并发文件${i + 1}`)));
      // checkpoints asked of either instance, one after the other, all the while
      const bearer = { Authorization: `Bearer ${tokens.supervisor}` };
      let writing = true;
      const taken: Response[] = [];
      const taker = (async () => {
        for (let i = 0; writing; i++) taken.push(await servers[i % 2].http.post('/api/audit/checkpoints').set(bearer).send({}));
      })();
      // three comments on every case, all cases at once, each comment through the other instance than the last
      await Promise.all(
        cases.map(async (c, i) => {
          let v = c;
          for (let k = 1; k <= 3; k++) v = await drivers[(i + k) % 2].ok('official', v, 'RECORD_COMMENT', ON, { content: `意见${k}` });
        }),
      );
      writing = false;
      await taker;
      expect(taken.filter((r) => r.status !== 200 && r.status !== 201).map((r) => `${r.status} ${JSON.stringify(r.body)}`)).toEqual([]);

      const rows = await a.sql('SELECT global_seq FROM audit_events ORDER BY global_seq');
      const n = rows.length;
      expect(n).toBe(12 * 5);
      expect(rows.map((r) => Number(r.global_seq))).toEqual(Array.from({ length: n }, (_, i) => i + 1));
      expect(await a.sql('SELECT seq FROM audit_checkpoints GROUP BY seq, key_id HAVING COUNT(*) > 1')).toEqual([]);

      // one more event, then both instances asked at once for a checkpoint of that head: one is made, the other is told of it
      await drivers[0].ok('official', await drivers[0].get('official', cases[0].id), 'RECORD_COMMENT', ON, { content: '最后的意见' });
      const both = await Promise.all(servers.map((s) => s.http.post('/api/audit/checkpoints').set(bearer).send({})));
      expect(both.map((r) => r.status).sort()).toEqual([200, 201]);
      expect(both[0].body).toMatchObject({ seq: n + 1, id: both[1].body.id, signature: both[1].body.signature });
      expect(await a.sql('SELECT id FROM audit_checkpoints WHERE seq = ?', [n + 1])).toHaveLength(1);
      const stored = Number((await a.sql('SELECT COUNT(*) AS n FROM audit_checkpoints'))[0].n);
      expect(await api(b2, tokens).verify()).toMatchObject({
        ok: true,
        chain: { ok: true, length: n + 1 },
        checkpoints: { checked: stored, holding: stored, broken: [] },
      });
    } finally {
      await b2?.close(true);
      await a.close();
    }
  });
});

describe('signed checkpoints of the chain', () => {
  it('every chain recomputed after a change: the checkpoint no longer holds; with the checkpoints deleted too, the supervisor’s kept copy still says so', async () => {
    const { b, cases, verify, checkpoint, checkKept } = await world();
    try {
      const kept = await checkpoint();
      expect(kept).toMatchObject({ seq: 9, keyId: KEY.keyId });
      const [, victim] = await eventsOf(b, cases[0].id);
      await b.sql('UPDATE audit_events SET data = ? WHERE id = ?', [victim.data.replace('县政府网站', '内部网站'), victim.id]);
      await rechainCase(b, cases[0].id);
      await rechainGlobal(b);

      // every hash links again: only the signed head says otherwise
      const after = await verify();
      expect(after).toMatchObject({ ok: false, chain: { ok: true, length: 9 } });
      expect(after.checkpoints.broken).toEqual([expect.objectContaining({ id: kept.id, seq: 9, keyId: KEY.keyId, reason: 'chain' })]);

      await b.sql('DELETE FROM audit_checkpoints');
      expect(await verify()).toMatchObject({ ok: true, checkpoints: { checked: 0 } });
      expect(await checkKept(kept)).toMatchObject({ signature: 'valid', holds: false, reason: 'chain' });
    } finally {
      await b.close();
    }
  });

  it('a whole case deleted and the chain across cases renumbered and recomputed: the checkpoint no longer holds', async () => {
    const { b, cases, verify, checkpoint, checkKept } = await world();
    try {
      const kept = await checkpoint();
      await deleteCase(b, cases[1].id);
      await rechainGlobal(b);
      const after = await verify();
      expect(after).toMatchObject({ ok: false, checkedEvents: 6, chain: { ok: true, length: 6 } });
      expect(after.checkpoints.broken).toEqual([expect.objectContaining({ seq: 9, reason: 'missing-events' })]);
      expect(await checkKept(kept)).toMatchObject({ signature: 'valid', holds: false, reason: 'missing-events' });
    } finally {
      await b.close();
    }
  });

  it('the last events deleted after a checkpoint: the checkpoint shows the tail is missing', async () => {
    const { b, d, verify, checkpoint } = await world();
    try {
      const last = await d.openForComment('泗阳县最后一份文件');
      const kept = await checkpoint();
      expect(kept.seq).toBe(11);
      const [lastKept] = (await eventsInOrder(b)).slice(-3);
      await deleteCase(b, last.id);
      const after = await verify();
      // every case and the chain across cases are whole: only the signed head knows of events 10 and 11
      expect(after).toMatchObject({ ok: false, checkedEvents: 9, firstBrokenEventId: Number(lastKept.id), chain: { ok: true, length: 9 } });
      expect(after.checkpoints.broken).toEqual([expect.objectContaining({ id: kept.id, seq: 11, reason: 'missing-events' })]);
    } finally {
      await b.close();
    }
  });

  it('forged checkpoints: one signed with another key is reported with that key; one claiming the configured key fails its signature', async () => {
    const { b, verify, exported } = await world();
    try {
      const [head] = await b.sql('SELECT global_seq, global_hash FROM audit_events ORDER BY global_seq DESC LIMIT 1');
      const forger = newKey();
      const forge = async (keyId: string, seq: number, headHash: string) => {
        const takenAt = new Date().toISOString();
        const signature = sign(null, Buffer.from(messageOf({ seq, headHash, takenAt })), forger.privateKey).toString('base64');
        await b.sql('INSERT INTO audit_checkpoints (seq, head_hash, taken_at, key_id, signature, taken_by) VALUES (?, ?, ?, ?, ?, ?)', [
          seq,
          headHash,
          takenAt,
          keyId,
          signature,
          'schedule',
        ]);
      };
      await forge(forger.keyId, Number(head.global_seq), String(head.global_hash));
      const reported = await verify();
      expect(reported).toMatchObject({
        ok: true,
        checkpoints: { keyId: KEY.keyId, holding: 0, otherKeys: [{ keyId: forger.keyId, count: 1 }] },
      });

      await forge(KEY.keyId, Number(head.global_seq) - 1, GENESIS);
      const forged = await verify();
      expect(forged.ok).toBe(false);
      expect(forged.checkpoints.broken).toEqual([
        expect.objectContaining({ seq: Number(head.global_seq) - 1, keyId: KEY.keyId, reason: 'signature' }),
      ]);
      // the export carries them as stored: the supervisor's own check with the public key refuses them too
      const file = await exported();
      const pub = createPublicKey(file.publicKey!);
      expect(
        file.checkpoints.map((cp) => verifySignature(null, Buffer.from(cp.message), pub, Buffer.from(cp.signature, 'base64'))),
      ).toEqual([false, false]);
    } finally {
      await b.close();
    }
  });

  it('exported with the public key: each checkpoint verifies offline with only the public key, and through the verify endpoint', async () => {
    const { b, d, cases, verify, checkpoint, exported, checkKept } = await world();
    try {
      const first = await checkpoint();
      await d.ok('official', cases[2], 'RECORD_COMMENT', ON, { content: '又一条意见' });
      const second = await checkpoint('admin');
      const file = await exported();
      expect(file).toMatchObject({ algorithm: 'Ed25519', keyId: KEY.keyId });
      expect(file.checkpoints.map((cp) => cp.seq)).toEqual([9, 10]);
      expect(file.checkpoints).toEqual([first, second].map(({ publicKey: _p, ...cp }) => cp));

      // what a supervisor does elsewhere with the file alone (node:crypto standing in for openssl)
      const pub = createPublicKey(file.publicKey!);
      expect(sha256Hex(pub.export({ type: 'spki', format: 'der' }))).toBe(file.keyId);
      for (const cp of file.checkpoints) {
        expect(cp.message).toBe(messageOf(cp));
        expect(verifySignature(null, Buffer.from(cp.message), pub, Buffer.from(cp.signature, 'base64'))).toBe(true);
        expect(await checkKept(cp)).toEqual({ holds: true, signature: 'valid', keyId: KEY.keyId, seq: cp.seq });
      }
      // a kept copy altered on its way back is refused by its signature
      expect(
        await checkKept({ ...second, headHash: first.headHash, message: messageOf({ ...second, headHash: first.headHash }) }),
      ).toMatchObject({
        signature: 'invalid',
      });
      expect(await verify()).toMatchObject({ ok: true, checkpoints: { configured: true, checked: 2, holding: 2, latest: { seq: 10 } } });
    } finally {
      await b.close();
    }
  });

  it('who may take, export and check checkpoints: admin and supervisor; the same head twice is the same checkpoint', async () => {
    const { b, as, checkpoint } = await world();
    try {
      for (const who of ['official', 'reviewer', 'secretariat'] as const) {
        for (const [method, path] of [
          ['post', '/api/audit/checkpoints'],
          ['get', '/api/audit/checkpoints'],
          ['post', '/api/audit/checkpoints/verify'],
        ] as const) {
          const res = await b.http[method](path).set(as(who)).send({});
          expect({ who, path, status: res.status, code: res.body.code }).toEqual({ who, path, status: 403, code: 'FORBIDDEN' });
        }
      }
      expect(await b.sql('SELECT id FROM audit_checkpoints')).toEqual([]);
      const taken = await checkpoint('supervisor');
      const again = await b.http.post('/api/audit/checkpoints').set(as('admin')).send({}).expect(200);
      expect(again.body).toEqual(taken);
      expect(await b.sql('SELECT id FROM audit_checkpoints')).toHaveLength(1);
      // unknown fields and malformed checkpoints are refused, not ignored
      const bad = await b.http.post('/api/audit/checkpoints').set(as('admin')).send({ seq: 3 });
      expect({ status: bad.status, code: bad.body.code }).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
      const malformed = await b.http
        .post('/api/audit/checkpoints/verify')
        .set(as('admin'))
        .send({ ...taken, seq: -1, headHash: 'x' });
      expect({ status: malformed.status, code: malformed.body.code }).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
    } finally {
      await b.close();
    }
  });

  it('a new key: checkpoints of the earlier key are reported by their key id, not as broken, and the new key signs the same head again', async () => {
    const { b, tokens, checkpoint } = await world();
    const dir = b.dir;
    const earlier = await checkpoint();
    await b.close(true);
    const next = newKey();
    const b2 = await bootApp({ DOCKET_AUDIT_KEY: next.pem }, dir);
    try {
      const { verify, checkpoint: take2 } = api(b2, tokens);
      expect(await verify()).toMatchObject({
        ok: true,
        checkpoints: { keyId: next.keyId, holding: 0, otherKeys: [{ keyId: KEY.keyId, count: 1 }] },
      });
      const now = await take2();
      expect(now).toMatchObject({ seq: earlier.seq, headHash: earlier.headHash, keyId: next.keyId });
      expect(await verify()).toMatchObject({ ok: true, checkpoints: { holding: 1, otherKeys: [{ keyId: KEY.keyId, count: 1 }] } });
    } finally {
      await b2.close();
    }
  });

  it('without DOCKET_AUDIT_KEY: Docket runs as before, verify says checkpoints are not configured, taking one is 503 NOT_CONFIGURED', async () => {
    const { b, as, verify } = await world({});
    try {
      expect(await verify()).toMatchObject({ ok: true, checkedEvents: 9, checkpoints: { configured: false, keyId: null } });
      const res = await b.http.post('/api/audit/checkpoints').set(as('admin')).set('Accept-Language', 'en').send({});
      expect(res.status).toBe(503);
      expect(res.body).toMatchObject({ statusCode: 503, code: 'NOT_CONFIGURED' });
      expect(res.body.message).toContain('DOCKET_AUDIT_KEY');
      expect(await b.sql('SELECT id FROM audit_checkpoints')).toEqual([]);
    } finally {
      await b.close();
    }
  });

  it('a DOCKET_AUDIT_KEY that is no Ed25519 private key stops the server at start, naming the setting', async () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    for (const value of [join(keyDir, 'missing.pem'), rsa, 'not a key']) {
      await expect(bootApp({ DOCKET_AUDIT_KEY: value })).rejects.toThrow(/DOCKET_AUDIT_KEY/);
    }
  });
});

describe('an existing database', () => {
  it('the migration links the events already stored in the order they were written, and they keep verifying', async () => {
    const { b, tokens } = await world({});
    const dir = b.dir;
    const order = await eventsInOrder(b);
    // the database as it was before this migration
    await b.close(true);
    await b.sql('DROP INDEX "IDX_audit_events_global_seq"');
    await b.sql('ALTER TABLE audit_events DROP COLUMN global_seq');
    await b.sql('ALTER TABLE audit_events DROP COLUMN global_hash');
    await b.sql('DROP TABLE audit_checkpoints');
    await b.sql("DELETE FROM migrations WHERE name = 'AuditChain1764547200000'");
    const b2 = await bootApp({ DOCKET_AUDIT_KEY: KEY.file }, dir);
    try {
      const linked = await b2.sql('SELECT id, global_seq FROM audit_events ORDER BY global_seq');
      expect(linked.map((r) => Number(r.id))).toEqual(order.map((r) => Number(r.id)));
      expect(await api(b2, tokens).verify()).toMatchObject({ ok: true, checkedEvents: 9, chain: { ok: true, length: 9 } });
    } finally {
      await b2.close();
    }
  });
});

describe('a migration of many cases while events arrive on them', () => {
  it('every answer is a verdict (200, 201, 409, 422), never a 500: on PostgreSQL the case rows are held before the chain’s lock, by all', async () => {
    const b = await bootApp({ DOCKET_AUDIT_KEY: KEY.file });
    try {
      const tokens = await setUpCounty(b);
      const d = caseDriver(b, tokens);
      const { as, verify } = api(b, tokens);
      for (let round = 1; round <= 3; round++) {
        const drafting = await Promise.all(
          Array.from({ length: 12 }, async (_, i) => {
            const c = await d.create('official', {
              procedure: 'major-decision',
              title: `决策${round}-${i + 1}`,
              department: 'fgw',
              occurredAt: '2024-06-03',
              problem: '问题',
              reasons: '理由',
            });
            return d.ok('secretariat', c, 'APPROVE_START', '2024-06-04');
          }),
        );
        const [migration, ...events] = await Promise.all([
          b.http
            .post('/api/procedures/major-decision/migrations')
            .set(as('admin'))
            .send({ toVersion: 2, justification: `第${round}轮：条例施行后尚在起草阶段的决策一律开展公平竞争审查` }),
          ...drafting.map((c) =>
            d.send('official', c, 'FINISH_DRAFT', '2024-06-05', { draftSummary: '草案', specialized: false, stabilityRisk: false }),
          ),
        ]);
        const answers = [migration, ...events].map((r) => r.status);
        expect({ round, fiveHundreds: [migration, ...events].filter((r) => r.status >= 500).map((r) => JSON.stringify(r.body)) }).toEqual({
          round,
          fiveHundreds: [],
        });
        expect(answers.every((s) => [200, 201, 409, 422].includes(s))).toBe(true);
      }
      expect(await verify()).toMatchObject({ ok: true, chain: { ok: true } });
    } finally {
      await b.close();
    }
  });
});
