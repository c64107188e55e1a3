import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { loadConfig } from '../config/config';
import { Db } from '../database/db.service';
import type { Delivery, Sender } from './delivery';
import { MAX_RETRY_MS, OutboxWorker, recipientRefused, retryDelay } from './outbox.worker';

/** what the worker logged; Nest itself is ESM-only, which Jest cannot load here: its decorators and Logger stand in */
const logged: { level: string; message: string }[] = [];
jest.mock('@nestjs/common', () => ({
  Injectable: () => () => undefined,
  Optional: () => () => undefined,
  Logger: class {
    log = (message: unknown) => logged.push({ level: 'log', message: String(message) });
    debug = (message: unknown) => logged.push({ level: 'debug', message: String(message) });
    warn = (message: unknown) => logged.push({ level: 'warn', message: String(message) });
    error = (message: unknown) => logged.push({ level: 'error', message: String(message) });
  },
}));

interface Row {
  id: string;
  attempts: number;
  next_attempt_at: string;
  lease_owner: string | null;
  lease_until: string | null;
  delivered_at: string | null;
  last_error: string | null;
}

/** The outbox table as the migration makes it, in a real SQLite file behind a real Db. */
async function outbox() {
  const dir = mkdtempSync(join(tmpdir(), 'docket-outbox-'));
  const ds = await new DataSource({ type: 'better-sqlite3', database: join(dir, 'db.sqlite'), enableWAL: true }).initialize();
  await ds.query(`CREATE TABLE outbox (
    id varchar(36) PRIMARY KEY, notification_id varchar(36) NOT NULL, channel varchar(10) NOT NULL, body text NOT NULL,
    attempts integer NOT NULL DEFAULT 0, next_attempt_at varchar(30) NOT NULL, lease_until varchar(30), lease_owner varchar(36),
    delivered_at varchar(30), last_error varchar(500), created_at varchar(30) NOT NULL)`);
  const config = loadConfig({ DOCKET_OUTBOX_RETRY_MS: '100', DOCKET_OUTBOX_POLL_MS: '100' });
  const db = new Db(ds, config);
  return {
    db,
    config,
    async add(n: number, channel = 'webhook', at = '2020-01-01T00:00:00.000Z') {
      for (let i = 0; i < n; i++) {
        const id = `row-${String(i).padStart(3, '0')}`;
        await ds.query('INSERT INTO outbox (id, notification_id, channel, body, next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?, ?)', [
          id,
          `n-${id}`,
          channel,
          JSON.stringify({ id: `n-${id}`, type: 'COPIED' }),
          at,
          at,
        ]);
      }
    },
    rows: () => ds.query('SELECT * FROM outbox ORDER BY id') as Promise<Row[]>,
    set: (sql: string, params: unknown[]) => ds.query(sql, params),
    async close() {
      await ds.destroy();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A channel that records what it was given, and fails while `failing` says so. */
function fakeSender(channel: 'webhook' | 'email' = 'webhook') {
  const sent: Delivery[] = [];
  const sender = {
    channel,
    configured: true,
    timeoutMs: 1000,
    failing: undefined as undefined | ((d: Delivery) => Error | undefined),
    sent,
    async send(d: Delivery) {
      // let the other worker's statements in between, as a network round trip would
      await new Promise((r) => setImmediate(r));
      const failure = sender.failing?.(d);
      if (failure) throw failure;
      sent.push(d);
    },
  };
  return sender;
}

const off: Sender = { channel: 'email', configured: false, timeoutMs: 1000, send: () => Promise.reject(new Error('not configured')) };

function worker(t: Awaited<ReturnType<typeof outbox>>, sender: Sender) {
  return new OutboxWorker(t.db, t.config, sender as never, off as never);
}

describe('retryDelay', () => {
  it('doubles from DOCKET_OUTBOX_RETRY_MS at each failure, up to an hour, and never ends', () => {
    expect([1, 2, 3, 4, 5].map((n) => retryDelay(10_000, n))).toEqual([10_000, 20_000, 40_000, 80_000, 160_000]);
    expect(retryDelay(10_000, 9)).toBe(2_560_000);
    expect(retryDelay(10_000, 10)).toBe(MAX_RETRY_MS);
    expect(retryDelay(10_000, 5000)).toBe(MAX_RETRY_MS);
    expect(retryDelay(100, 0)).toBe(100);
  });
});

describe('OutboxWorker over SQLite', () => {
  beforeEach(() => (logged.length = 0));

  it('delivers the channels it has: none configured, none taken', async () => {
    const t = await outbox();
    try {
      const w = new OutboxWorker(t.db, t.config, { ...off, channel: 'webhook' } as never, off as never);
      expect(w.channels).toEqual([]);
      await t.add(1);
      await w.runOnce();
      expect((await t.rows())[0]).toMatchObject({ attempts: 0, delivered_at: null, lease_owner: null });
    } finally {
      await t.close();
    }
  });

  it('two workers on one database: every row sent once, and marked by the one that sent it', async () => {
    const t = await outbox();
    try {
      await t.add(60);
      const [s1, s2] = [fakeSender(), fakeSender()];
      const [w1, w2] = [worker(t, s1), worker(t, s2)];
      // passes side by side until nothing is left (a pass takes at most OUTBOX_BATCH rows)
      for (let pass = 0; pass < 10 && (await t.rows()).some((r) => !r.delivered_at); pass++)
        await Promise.all([w1.runOnce(), w2.runOnce()]);
      const rows = await t.rows();
      expect(rows.every((r) => r.delivered_at && r.attempts === 1 && r.lease_until === null)).toBe(true);
      const sent = [...s1.sent, ...s2.sent].map((d) => d.id).sort();
      expect(sent).toEqual(rows.map((r) => r.id));
      expect(s1.sent.length).toBeGreaterThan(0);
      expect(s2.sent.length).toBeGreaterThan(0);
      for (const d of s1.sent) expect(rows.find((r) => r.id === d.id)!.lease_owner).toBe(w1.owner);
      for (const d of s2.sent) expect(rows.find((r) => r.id === d.id)!.lease_owner).toBe(w2.owner);
      // and a further pass sends nothing again
      await Promise.all([w1.runOnce(), w2.runOnce()]);
      expect(s1.sent.length + s2.sent.length).toBe(60);
    } finally {
      await t.close();
    }
  });

  it('a failure counts the try, keeps its reason (trimmed to the column), frees the row, waits, and ends the pass', async () => {
    const t = await outbox();
    try {
      await t.add(3);
      const s = fakeSender();
      s.failing = () => new Error(`HTTP 500: ${'x'.repeat(2000)}`);
      const w = worker(t, s);
      const before = Date.now();
      await w.runOnce();
      const [first, ...rest] = await t.rows();
      expect(first).toMatchObject({ attempts: 1, delivered_at: null, lease_owner: null, lease_until: null });
      expect(first.last_error).toMatch(/^HTTP 500: x+…$/);
      expect(first.last_error!.length).toBe(500);
      expect(Date.parse(first.next_attempt_at)).toBeGreaterThanOrEqual(before + 100);
      // the receiver is likely down: the other rows were not tried in this pass
      expect(rest.map((r) => r.attempts)).toEqual([0, 0]);
      expect(logged.some((l) => l.level === 'warn' && /try 1 failed \(HTTP 500/.test(l.message))).toBe(true);

      // the next failure of the same row doubles the wait
      await t.set('UPDATE outbox SET next_attempt_at = ? WHERE id = ?', ['2020-01-01T00:00:00.000Z', first.id]);
      await t.set("UPDATE outbox SET next_attempt_at = '2999-01-01T00:00:00.000Z' WHERE id <> ?", [first.id]);
      const again = Date.now();
      await w.runOnce();
      const second = (await t.rows())[0];
      expect(second.attempts).toBe(2);
      expect(Date.parse(second.next_attempt_at)).toBeGreaterThanOrEqual(again + 200);

      // then it succeeds: delivered, on its third try
      s.failing = undefined;
      await t.set('UPDATE outbox SET next_attempt_at = ? WHERE id = ?', ['2020-01-01T00:00:00.000Z', first.id]);
      await w.runOnce();
      expect((await t.rows())[0]).toMatchObject({ attempts: 3, lease_owner: w.owner, lease_until: null });
      expect((await t.rows())[0].delivered_at).not.toBeNull();
      expect(s.sent.map((d) => d.id)).toEqual([first.id]);
    } finally {
      await t.close();
    }
  });

  it("a row under another instance's lease is left alone until the lease runs out; a row not yet due is not taken", async () => {
    const t = await outbox();
    try {
      await t.add(2);
      await t.set("UPDATE outbox SET lease_owner = 'other', lease_until = '2999-01-01T00:00:00.000Z' WHERE id = 'row-000'", []);
      await t.set("UPDATE outbox SET next_attempt_at = '2999-01-01T00:00:00.000Z' WHERE id = 'row-001'", []);
      const s = fakeSender();
      const w = worker(t, s);
      await w.runOnce();
      expect(s.sent).toEqual([]);
      // the other instance died holding it: once its lease has run out, this one takes it
      await t.set("UPDATE outbox SET lease_until = '2020-01-01T00:00:01.000Z' WHERE id = 'row-000'", []);
      await w.runOnce();
      expect(s.sent.map((d) => d.id)).toEqual(['row-000']);
      expect((await t.rows())[0]).toMatchObject({ lease_owner: w.owner, attempts: 1 });
    } finally {
      await t.close();
    }
  });

  it('a send that outlived its lease (another instance took the row) is reported, and not marked over the other', async () => {
    const t = await outbox();
    try {
      await t.add(1);
      const s = fakeSender();
      const w = worker(t, s);
      s.failing = () => {
        // while this one sends, its lease is taken over by another instance
        void t.set("UPDATE outbox SET lease_owner = 'other' WHERE id = 'row-000'", []);
        return undefined;
      };
      await w.runOnce();
      expect((await t.rows())[0]).toMatchObject({ lease_owner: 'other', delivered_at: null });
      expect(logged.some((l) => l.level === 'warn' && /may be sent twice/.test(l.message))).toBe(true);
    } finally {
      await t.close();
    }
  });
});

describe('a refusal of one message, not of the channel', () => {
  it('is an SMTP envelope refusal or a 5xx answer; a connection failure or a webhook error is not', () => {
    expect(recipientRefused(Object.assign(new Error('550 no such user'), { code: 'EENVELOPE', responseCode: 550 }))).toBe(true);
    expect(recipientRefused(Object.assign(new Error('554 rejected'), { code: 'EMESSAGE', responseCode: 554 }))).toBe(true);
    expect(recipientRefused(Object.assign(new Error('451 try later'), { code: 'EMESSAGE', responseCode: 451 }))).toBe(false);
    expect(recipientRefused(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNECTION' }))).toBe(false);
    expect(recipientRefused(new Error('HTTP 500'))).toBe(false);
  });
});
