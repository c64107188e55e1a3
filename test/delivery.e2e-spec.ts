/**
 * Notifications delivered beyond the page, by the outbox worker of the real server: a webhook
 * receiver and an SMTP server started here, on loopback. Every notification reaches the receiver
 * once, signed, with the body its user reads at GET /api/notifications; a receiver down for a
 * while, or answering 500, gets each once when it is back; a server killed with undelivered rows
 * leaves them to the next one; two instances on one database never send one twice; users with an
 * e-mail address get a mail, the others none.
 *
 * "Once" here is what the receiver saw: the worker marks a row delivered after the receiver's
 * 2xx, so only a crash between that answer and the mark would repeat a delivery, with the same
 * X-Docket-Delivery id (docs/notifications.md). These tests kill servers only when no send is in
 * progress; the unit spec (src/notifications/outbox.worker.spec.ts) covers leases run out.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { Booted, caseDriver, County, login, Tokens, useCounty, withToken } from './harness';

jest.setTimeout(180_000);

const SECRET = 'delivery-e2e-webhook-secret';
const PUBLIC_URL = 'https://docket.example.gov.cn';
/** the worker at test speed: a pass every 100 ms, a first retry after 100 ms */
const FAST = { DOCKET_OUTBOX_POLL_MS: '100', DOCKET_OUTBOX_RETRY_MS: '100', DOCKET_PUBLIC_URL: PUBLIC_URL, DOCKET_WEBHOOK_SECRET: SECRET };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Wait until `probe` gives something truthy; the deadline only bounds a test that would otherwise hang. */
async function waitFor<T>(what: string, probe: () => Promise<T | undefined | null | false>, timeoutMs = 90_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await sleep(50);
  }
}

function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const srv = createNetServer();
    srv.once('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as AddressInfo;
      srv.close(() => ok(port));
    });
  });
}

interface Received {
  id: string;
  event: string;
  body: WebhookBody;
}

interface WebhookBody {
  id: string;
  type: string;
  caseId: string;
  caseTitle: string;
  link: string;
  user: { id: string; username: string; displayName: string; email: string | null };
  message: { zh: string; en: string };
  createdAt: string;
}

/**
 * A webhook receiver as a county's SMS bridge would be: it checks each POST's signature over the
 * raw bytes (independently of Docket's code), and records deliveries by X-Docket-Delivery.
 */
class Receiver {
  private server?: Server;
  port = 0;
  /** valid deliveries it answered 2xx, in order */
  readonly received: Received[] = [];
  /** what did not verify: a bad signature or header (the test expects none) */
  readonly rejected: string[] = [];
  /** answer 500 to this many more valid deliveries */
  failNext = 0;
  failed = 0;

  get url() {
    return `http://127.0.0.1:${this.port}/hooks/docket?token=abc`;
  }

  /** a port nobody listens on yet: the server is configured with it while the receiver is down */
  async reserve(): Promise<void> {
    this.port = await freePort();
  }

  async up(): Promise<void> {
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const raw = Buffer.concat(chunks);
        const expected = Buffer.from(`sha256=${createHmac('sha256', SECRET).update(raw).digest('hex')}`);
        const given = Buffer.from(String(req.headers['x-docket-signature'] ?? ''));
        const signed = given.length === expected.length && timingSafeEqual(given, expected);
        let body: WebhookBody | undefined;
        try {
          body = JSON.parse(raw.toString('utf8')) as WebhookBody;
        } catch {
          /* recorded below */
        }
        const problems = [
          req.method !== 'POST' && `method ${req.method}`,
          req.url !== '/hooks/docket?token=abc' && `url ${req.url}`,
          req.headers['content-type'] !== 'application/json' && `content-type ${req.headers['content-type']}`,
          !signed && 'signature',
          !body && 'body is not JSON',
          body && req.headers['x-docket-delivery'] !== body.id && 'X-Docket-Delivery is not the notification id',
          body && req.headers['x-docket-event'] !== body.type && 'X-Docket-Event is not the type',
        ].filter(Boolean);
        if (problems.length) {
          this.rejected.push(problems.join(', '));
          res.writeHead(401).end();
          return;
        }
        if (this.failNext > 0) {
          this.failNext--;
          this.failed++;
          res.writeHead(500, { 'content-type': 'text/plain' }).end('receiver busy');
          return;
        }
        this.received.push({ id: String(req.headers['x-docket-delivery']), event: String(req.headers['x-docket-event']), body: body! });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((ok, fail) => {
      server.once('error', fail);
      server.listen(this.port, '127.0.0.1', () => ok());
    });
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  /** down: the port closed, open connections cut */
  async down(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  }

  /** how many times each notification was received */
  counts(): Map<string, number> {
    const n = new Map<string, number>();
    for (const r of this.received) n.set(r.id, (n.get(r.id) ?? 0) + 1);
    return n;
  }
}

interface OutboxRow {
  notification_id: string;
  channel: string;
  attempts: number;
  delivered_at: string | null;
  lease_owner: string | null;
  lease_until: string | null;
  last_error: string | null;
}

const outbox = async (b: Booted, channel = 'webhook') =>
  (
    await b.sql(
      'SELECT notification_id, channel, attempts, delivered_at, lease_owner, lease_until, last_error FROM outbox WHERE channel = ? ORDER BY created_at, id',
      [channel],
    )
  ).map((r) => ({ ...r, attempts: Number(r.attempts) }) as OutboxRow);

const notificationIds = async (b: Booted) => (await b.sql('SELECT id FROM notifications ORDER BY id')).map((r) => String(r.id));

/** Wait until every outbox row of the channel is delivered; its rows. */
function allDelivered(b: Booted, channel = 'webhook'): Promise<OutboxRow[]> {
  return waitFor(`every ${channel} delivery`, async () => {
    const rows = await outbox(b, channel);
    return rows.length > 0 && rows.every((r) => r.delivered_at !== null) && rows;
  });
}

/** username → id */
async function userIds(b: Booted, tokens: Tokens): Promise<Record<string, string>> {
  const res = await b.http.get('/api/users').set(withToken(tokens.admin)).expect(200);
  return Object.fromEntries((res.body as { id: string; username: string }[]).map((u) => [u.username, u.id]));
}

const DOCUMENT = {
  procedure: 'normative-document',
  department: 'fgw',
  occurredAt: '2023-01-03',
  affectsPublicRights: false,
  marketRelated: false,
  interim: false,
  issuingOrgan: 'government',
};

/**
 * Notifications, as the office gives them: a case copied to four users (COPIED) and urged (URGED
 * to the official in charge); with `review`, first carried through legality review
 * (SUBMITTED_FOR_REVIEW to the two reviewers, OPINION_ISSUED to the official; the secretariat,
 * holding the deliberation, is then the one urged). The review ends with its opinion, so no
 * time limit runs on these cases and the deadline job adds nothing of its own. Through `b`, or
 * another instance's server; the ids of the notifications it made, when nothing else writes any.
 */
async function produce(
  b: Booted,
  tokens: Tokens,
  ids: Record<string, string>,
  title: string,
  review = false,
  copyTo = ['official2', 'zjjOfficial', 'secretariat', 'supervisor'],
): Promise<string[]> {
  const before = new Set(await notificationIds(b));
  const d = caseDriver(b, tokens);
  let c = await d.create('official', { ...DOCUMENT, title });
  if (review) {
    c = await d.ok('official', c, 'SUBMIT_FOR_LEGALITY_REVIEW', '2023-01-05', { reviewDueDate: '2023-01-20' });
    c = await d.ok('reviewer', c, 'ISSUE_LEGALITY_OPINION', '2023-01-10', { conclusion: 'lawful', opinion: '合法' });
  }
  await b.http
    .post(`/api/cases/${c.id}/copies`)
    .set(withToken(tokens.official))
    .send({ userIds: copyTo.map((u) => ids[u]), note: '请阅知' })
    .expect(200);
  await b.http.post(`/api/cases/${c.id}/urge`).set(withToken(tokens.supervisor)).send({ message: '请加快办理' }).expect(200);
  return (await notificationIds(b)).filter((id) => !before.has(id));
}

/** Each notification received exactly once, and nothing that did not verify. */
function expectEachOnce(receiver: Receiver, ids: string[]) {
  expect(receiver.rejected).toEqual([]);
  expect([...receiver.counts().keys()].sort()).toEqual([...ids].sort());
  expect([...receiver.counts().values()].every((n) => n === 1)).toBe(true);
}

/** Stop the process (SIGSTOP) at a moment it holds no lease: no send is in progress when it is killed. */
async function freezeIdle(b: Booted): Promise<void> {
  for (;;) {
    process.kill(b.pid, 'SIGSTOP');
    const held = await b.sql('SELECT COUNT(*) AS n FROM outbox WHERE delivered_at IS NULL AND lease_owner IS NOT NULL');
    if (Number(held[0].n) === 0) return;
    process.kill(b.pid, 'SIGCONT');
    await sleep(10);
  }
}

describe('webhook on one instance', () => {
  const receiver = new Receiver();
  const env: Record<string, string> = { ...FAST };
  beforeAll(async () => {
    await receiver.reserve();
    env.DOCKET_WEBHOOK_URL = receiver.url;
    await receiver.up();
  });
  afterAll(() => receiver.down());
  const { b, tokens } = useCounty(env);
  let ids: Record<string, string>;

  it('every notification reaches the receiver once, signed, with the body its user reads in the API', async () => {
    ids = await userIds(b, tokens);
    const made = [...(await produce(b, tokens, ids, '城市停车管理办法')), ...(await produce(b, tokens, ids, '农贸市场管理办法', true))];
    const notifications = await notificationIds(b);
    expect(made.length).toBe(5 + 8);
    expect(notifications).toEqual(made.sort());
    const rows = await allDelivered(b);
    // one webhook row per notification, each sent on its first try
    expect(rows.map((r) => r.notification_id).sort()).toEqual(notifications);
    expect(rows.every((r) => r.attempts === 1 && r.last_error === null && r.lease_until === null)).toBe(true);
    expectEachOnce(receiver, notifications);

    // each body is what its user reads at GET /api/notifications (Chinese, and English on request)
    const types = new Set<string>();
    for (const { body, event } of receiver.received) {
      const who = body.user.username as keyof Tokens;
      const list = async (lang: string) =>
        (
          await b.http.get('/api/notifications?pageSize=100').set(withToken(tokens[who])).set('Accept-Language', lang).expect(200)
        ).body.items.find((i: { id: string }) => i.id === body.id) as Record<string, unknown>;
      const [zh, en] = [await list('zh'), await list('en')];
      expect(zh).toBeDefined();
      expect(body).toEqual({
        id: zh.id,
        type: zh.type,
        caseId: zh.caseId,
        caseTitle: zh.caseTitle,
        link: `${PUBLIC_URL}/cases/${String(zh.caseId)}`,
        user: { id: ids[who], username: who, displayName: who, email: null },
        message: { zh: zh.message, en: en.message },
        createdAt: zh.createdAt,
      });
      expect(event).toBe(body.type);
      types.add(body.type);
    }
    expect([...types].sort()).toEqual(['COPIED', 'OPINION_ISSUED', 'SUBMITTED_FOR_REVIEW', 'URGED']);
    expect(receiver.received.find((r) => r.body.type === 'URGED')!.body.message.zh).toBe('「城市停车管理办法」催办：请加快办理');
  });

  it('a receiver down for a while gets every delivery once when it is back; the tries are counted', async () => {
    await receiver.down();
    const fresh = await produce(b, tokens, ids, '城区绿化管理办法');
    // every new row tried at least twice while nobody listened, nothing delivered
    const failing = await waitFor('two failed tries of each new delivery', async () => {
      const rows = (await outbox(b)).filter((r) => fresh.includes(r.notification_id));
      return rows.length === fresh.length && rows.every((r) => r.attempts >= 2) && rows;
    });
    expect(failing.every((r) => r.delivered_at === null && /ECONNREFUSED/.test(r.last_error ?? ''))).toBe(true);
    // the reason kept never shows the URL (its query may hold a token)
    expect(failing.some((r) => (r.last_error ?? '').includes('token=abc'))).toBe(false);

    await receiver.up();
    const rows = (await allDelivered(b)).filter((r) => fresh.includes(r.notification_id));
    expect(rows.every((r) => r.attempts > 2)).toBe(true);
    expectEachOnce(receiver, await notificationIds(b));
  });

  it('a receiver answering 500 a few times is tried again until it takes each delivery, once', async () => {
    receiver.failNext = 3;
    const fresh = await produce(b, tokens, ids, '户外广告设置管理办法');
    const rows = (await allDelivered(b)).filter((r) => fresh.includes(r.notification_id));
    expect(receiver.failed).toBe(3);
    // each try counted: one success per row, and the three 500s
    expect(rows.reduce((n, r) => n + r.attempts, 0)).toBe(fresh.length + 3);
    expect(rows.filter((r) => r.attempts > 1).every((r) => r.last_error === 'HTTP 500: receiver busy')).toBe(true);
    expectEachOnce(receiver, await notificationIds(b));
  });
});

describe('webhook after a crash', () => {
  const receiver = new Receiver();
  const env: Record<string, string> = { ...FAST };
  beforeAll(async () => {
    await receiver.reserve();
    env.DOCKET_WEBHOOK_URL = receiver.url;
  });
  afterAll(() => receiver.down());
  const county: County = useCounty(env);
  const { b, tokens } = county;

  it('rows committed but not sent when the server was killed (SIGKILL) are each delivered once by the next server', async () => {
    const ids = await userIds(b, tokens);
    await produce(b, tokens, ids, '城市停车管理办法');
    await produce(b, tokens, ids, '农贸市场管理办法', true);
    const notifications = await notificationIds(b);
    // committed with their notifications and tried (the receiver is down): nothing sent
    await waitFor('a failed try of every delivery', async () => {
      const rows = await outbox(b);
      return rows.length === notifications.length && rows.every((r) => r.attempts >= 1);
    });
    await freezeIdle(b);
    await b.kill();
    expect((await outbox(b)).every((r) => r.delivered_at === null)).toBe(true);
    expect(receiver.received).toEqual([]);

    await receiver.up();
    await county.restart();
    await allDelivered(b);
    expectEachOnce(receiver, notifications);
  });
});

describe('webhook on two instances', () => {
  const receiver = new Receiver();
  const env: Record<string, string> = { ...FAST };
  beforeAll(async () => {
    await receiver.reserve();
    env.DOCKET_WEBHOOK_URL = receiver.url;
    await receiver.up();
  });
  afterAll(() => receiver.down());
  const { b, b2, tokens } = useCounty(env, { second: true });
  let ids: Record<string, string>;

  const ownersOf = async (fresh: string[]) =>
    new Set((await outbox(b)).filter((r) => fresh.includes(r.notification_id)).map((r) => r.lease_owner));

  it('both deliver: each instance alone delivers what the other wrote', async () => {
    ids = await userIds(b, tokens);
    let first: string[];
    let second: string[];
    try {
      // B stopped: A delivers
      process.kill(b2.pid, 'SIGSTOP');
      first = await produce(b, tokens, ids, '城市停车管理办法');
      await allDelivered(b);
      process.kill(b2.pid, 'SIGCONT');
      // A stopped (it holds no lease: all is delivered): B delivers what B writes
      await freezeIdle(b);
      second = await produce(b2, tokens, ids, '农贸市场管理办法', true);
      await allDelivered(b);
    } finally {
      // a stopped server would never stop on SIGTERM
      for (const s of [b, b2]) process.kill(s.pid, 'SIGCONT');
    }

    const [a, bb] = [await ownersOf(first), await ownersOf(second)];
    expect(a.size).toBe(1);
    expect(bb.size).toBe(1);
    expect([...a][0]).not.toBe([...bb][0]);
    expectEachOnce(receiver, await notificationIds(b));
  });

  it('both at once, on the same rows: each notification is sent once', async () => {
    const copyTo = ['official2', 'zjjOfficial', 'secretariat', 'supervisor', 'reviewer', 'reviewerOfficial'];
    const titles = ['老旧小区改造', '城区公共停车设施建设', '农村供水保障', '城市照明管理', '街道摊点管理', '物业服务管理'];
    // written through both instances at once, so both find the same rows due
    await Promise.all(titles.map((title, i) => produce(i % 2 ? b2 : b, tokens, ids, title, i % 3 === 0, copyTo)));
    const rows = await allDelivered(b);
    const notifications = await notificationIds(b);
    expect(rows.length).toBe(notifications.length);
    // one try per row: no instance ever sent a row another was sending, or had sent
    expect(rows.every((r) => r.attempts === 1)).toBe(true);
    expectEachOnce(receiver, notifications);
  });
});

describe('e-mail', () => {
  interface Mail {
    envelopeTo: string[];
    parsed: ParsedMail;
  }
  const mails: Mail[] = [];
  let refuseNext = 2;
  let refused = 0;
  const smtp = new SMTPServer({
    // a relay on the county's network, as plain as it gets: no TLS, no sign-in
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if (refuseNext > 0) {
          refuseNext--;
          refused++;
          callback(Object.assign(new Error('mailbox busy, try again later'), { responseCode: 451 }));
          return;
        }
        simpleParser(Buffer.concat(chunks)).then(
          (parsed) => {
            mails.push({ envelopeTo: session.envelope.rcptTo.map((r) => r.address), parsed });
            callback();
          },
          (e: Error) => callback(e),
        );
      });
    },
  });
  const receiver = new Receiver();
  const env: Record<string, string> = { ...FAST, DOCKET_MAIL_FROM: '泗阳县 Docket <docket@siyang.example.gov.cn>' };
  beforeAll(async () => {
    await new Promise<void>((ok) => smtp.listen(0, '127.0.0.1', () => ok()));
    env.DOCKET_SMTP_URL = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;
    await receiver.reserve();
    env.DOCKET_WEBHOOK_URL = receiver.url;
    await receiver.up();
  });
  afterAll(async () => {
    await receiver.down();
    await new Promise<void>((ok) => smtp.close(() => ok()));
  });
  const { b, tokens } = useCounty(env);

  it('users with an address get each of their notifications by mail, once, in Chinese with the link; the others none', async () => {
    const admin = withToken(tokens.admin);
    // an address given at creation, and two set afterwards
    await b.http
      .post('/api/users')
      .set(admin)
      .send({
        username: 'clerk',
        password: 'test-pass-123',
        displayName: '王科员',
        roles: ['official'],
        department: 'fgw',
        email: 'clerk@siyang.example.gov.cn',
      })
      .expect(201);
    const ids = await userIds(b, tokens);
    const addresses: Record<string, string> = {
      clerk: 'clerk@siyang.example.gov.cn',
      official: 'official@siyang.example.gov.cn',
      official2: 'official2@siyang.example.gov.cn',
    };
    for (const who of ['official', 'official2'])
      await b.http.put(`/api/users/${ids[who]}/email`).set(admin).send({ email: addresses[who] }).expect(200);
    const clerk = await login(b, 'clerk');

    const made = await produce(b, tokens, ids, '城市停车管理办法', false, ['official2', 'clerk', 'zjjOfficial', 'secretariat']);
    expect(made.length).toBe(5);
    const notifications = (await b.sql('SELECT id, user_id, case_id FROM notifications')).map((r) => ({
      id: String(r.id),
      userId: String(r.user_id),
      caseId: String(r.case_id),
    }));
    expect(notifications.map((n) => n.id).sort()).toEqual(made.sort());
    const mailed = notifications.filter((n) => Object.keys(addresses).some((u) => ids[u] === n.userId));
    // official (urged), official2 and clerk (copied); zjjOfficial and secretariat have no address
    expect(mailed.length).toBe(3);

    const rows = await allDelivered(b, 'email');
    expect(rows.map((r) => r.notification_id).sort()).toEqual(mailed.map((n) => n.id).sort());
    // the two refusals (451) were tried again
    expect(refused).toBe(2);
    expect(rows.reduce((n, r) => n + r.attempts, 0)).toBe(3 + 2);
    // the webhook has every notification, with or without an address
    await allDelivered(b, 'webhook');
    expectEachOnce(
      receiver,
      notifications.map((n) => n.id),
    );

    expect(mails.length).toBe(3);
    const tokenOf: Record<string, string> = { ...tokens, clerk };
    for (const n of mailed) {
      const who = Object.keys(addresses).find((u) => ids[u] === n.userId)!;
      const own = mails.filter((m) => m.parsed.messageId === `<${n.id}@docket>`);
      expect(own.length).toBe(1);
      const { parsed, envelopeTo } = own[0];
      const item = (await b.http.get('/api/notifications').set(withToken(tokenOf[who])).expect(200)).body.items.find(
        (i: { id: string }) => i.id === n.id,
      ) as { message: string; caseTitle: string };
      expect(envelopeTo).toEqual([addresses[who]]);
      expect((parsed.to as AddressObject).value.map((a) => a.address)).toEqual([addresses[who]]);
      expect((parsed.from as AddressObject).value).toEqual([{ name: '泗阳县 Docket', address: 'docket@siyang.example.gov.cn' }]);
      // the subject, encoded for the wire, decodes to the Chinese message
      expect(parsed.subject).toBe(`【Docket】${item.message}`);
      expect(parsed.text).toContain(item.message);
      expect(parsed.text).toContain(`案件：${item.caseTitle}`);
      expect(parsed.text).toContain(`${PUBLIC_URL}/cases/${n.caseId}`);
    }
    expect(mails.find((m) => m.envelopeTo[0] === addresses.clerk)!.parsed.text).toMatch(/^王科员：/);
    // nobody without an address was written to, nor has an e-mail row
    const mailedTo = new Set(mails.flatMap((m) => m.envelopeTo));
    expect([...mailedTo].sort()).toEqual(Object.values(addresses).sort());
  });
});
