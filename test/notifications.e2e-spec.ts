/**
 * Notifications reach the right people once: a citizen's comment, a legality opinion, a return
 * for correction, a due date three working days away, an overdue day, an urge. Two instances on
 * one database (SQLite file, or with DOCKET_TEST_POSTGRES one PostgreSQL database) serve and run
 * the deadline job side by side; nobody is told twice. The bell's count and marking read.
 */
import { WorkingCalendar } from '../workflows';
import { Booted, CaseBody, expectAuditIntact, Tokens, useCounty } from './harness';

jest.setTimeout(120_000);

type Who = keyof Tokens;

interface Notice {
  id: string;
  type: string;
  caseId: string;
  caseTitle: string;
  message: string;
  read: boolean;
}

const shanghai = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(d);
const addDays = (date: string, n: number) => new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

describe('notifications: each reaches the right people once, with two instances', () => {
  const { b, b2, tokens, d, bearer } = useCounty({ DOCKET_TRUST_PROXY: 'loopback' }, { second: true });
  const ids = {} as Record<Who, string>;
  let calendar: WorkingCalendar;
  const today = shanghai(new Date());

  beforeAll(async () => {
    const users = (await b.http.get('/api/users').set(bearer('admin')).expect(200)).body as { id: string; username: string }[];
    for (const u of users) ids[u.username as Who] = u.id;
    // the server's working-day calendar, to date a case due three working days from today
    const year = Number(today.slice(0, 4));
    const years = [];
    for (const y of [year - 1, year, year + 1]) {
      const res = (await b.http.get(`/api/calendar/${y}`).set(bearer('admin')).expect(200)).body as {
        known: boolean;
        year: number;
        holidays: string[];
        makeUpWorkdays: string[];
        source: string;
      };
      if (res.known) years.push(res);
    }
    calendar = new WorkingCalendar(years);
  });

  const inbox = async (who: Who, server: Booted = b): Promise<Notice[]> =>
    ((await server.http.get('/api/notifications?pageSize=100').set(bearer(who)).expect(200)).body as { items: Notice[] }).items;
  const about = async (who: Who, caseId: string) => (await inbox(who)).filter((n) => n.caseId === caseId).map((n) => n.type);

  /** A fgw document (no effect on public rights) submitted on `on`, its review due `due`. */
  async function submitted(title: string, on: string, due: string): Promise<CaseBody> {
    const c = await d.create('official', {
      procedure: 'normative-document',
      title,
      department: 'fgw',
      occurredAt: on,
      affectsPublicRights: false,
      marketRelated: false,
      interim: false,
      issuingOrgan: 'government',
    });
    return d.ok('official', c, 'SUBMIT_FOR_LEGALITY_REVIEW', on, { reviewDueDate: due });
  }

  /** The deadline job on both instances at once, twice. */
  async function runJobTwiceOnBoth() {
    for (let round = 0; round < 2; round++) {
      const answers = await Promise.all([b, b2].map((s) => s.http.post('/api/deadlines/run').set(bearer('admin'))));
      for (const a of answers) expect(a.status).toBe(200);
    }
  }

  it("a citizen's comment reaches the person in charge, once; an identical one is counted, not told again", async () => {
    const draft = await d.create('official', {
      procedure: 'normative-document',
      title: '通知：公众意见',
      department: 'fgw',
      affectsPublicRights: true,
      marketRelated: false,
      interim: false,
      issuingOrgan: 'government',
    });
    const open = await d.ok('official', draft, 'OPEN_PUBLIC_COMMENT', today, {
      draftText: '草案全文及起草说明',
      startDate: today,
      endDate: addDays(today, 40),
      channels: ['县政府网站'],
    });
    const post = (server: Booted, ip: string, content: string) =>
      server.http.post(`/api/public/consultations/${open.id}/comments`).set('X-Forwarded-For', ip).send({ content });
    await post(b2, '198.51.100.1', '建议延长过渡期').expect(201);
    await post(b, '198.51.100.2', '建议延长过渡期').expect(201);
    await post(b2, '198.51.100.3', '建议明确补贴标准').expect(201);
    expect(await about('official', open.id)).toEqual(['COMMENT_RECEIVED', 'COMMENT_RECEIVED']);
    expect(await about('official2', open.id)).toEqual([]);
    expect(await about('reviewer', open.id)).toEqual([]);
  });

  it('an opinion reaches the person in charge; the submission the reviewers', async () => {
    const c = await submitted('通知：审查意见', '2023-03-01', '2023-03-10');
    expect(await about('reviewer', c.id)).toEqual(['SUBMITTED_FOR_REVIEW']);
    expect(await about('reviewerOfficial', c.id)).toEqual(['SUBMITTED_FOR_REVIEW']);
    // the official who sponsored it is not one of its reviewers
    expect(await about('official', c.id)).toEqual([]);
    const res = await b2.http
      .post(`/api/cases/${c.id}/events`)
      .set(bearer('reviewer'))
      .send({
        type: 'ISSUE_LEGALITY_OPINION',
        expectedVersion: c.version,
        occurredAt: '2023-03-08',
        data: { conclusion: 'lawful', opinion: '合法' },
      });
    expect(res.status).toBe(200);
    const told = (await inbox('official')).filter((n) => n.caseId === c.id);
    expect(told).toEqual([
      expect.objectContaining({ type: 'OPINION_ISSUED', caseTitle: '通知：审查意见', message: expect.stringContaining('合法') }),
    ]);
  });

  it('a return for correction reaches the person in charge', async () => {
    const c = await submitted('通知：退回补正', '2023-03-01', '2023-03-10');
    await d.ok('reviewer', c, 'RETURN_FOR_CORRECTION', '2023-03-03', { reason: '缺少起草说明', missingItems: ['起草说明'] });
    const told = (await inbox('official')).filter((n) => n.caseId === c.id);
    expect(told).toEqual([expect.objectContaining({ type: 'RETURNED_FOR_CORRECTION', message: expect.stringContaining('缺少起草说明') })]);
  });

  it('a withdrawal reaches the reviewers who were to review it', async () => {
    const c = await submitted('通知：撤回送审', '2023-03-01', '2023-03-10');
    await d.ok('official', c, 'WITHDRAW_SUBMISSION', '2023-03-02', { reason: '补充风险评估材料' });
    expect((await about('reviewer', c.id)).sort()).toEqual(['SUBMITTED_FOR_REVIEW', 'WITHDRAWN']);
    expect(await about('official', c.id)).toEqual([]);
  });

  it('a due date three working days away: its holders are reminded once, however often both instances run the job', async () => {
    const due = calendar.addWorkingDays(today, 3).value;
    const later = calendar.addWorkingDays(today, 4).value;
    // submitted early enough to give the reviewer seven working days
    let on = today;
    while (calendar.workingDaysBetween(on, due).value < 7) on = addDays(on, -1);
    let laterOn = today;
    while (calendar.workingDaysBetween(laterOn, later).value < 7) laterOn = addDays(laterOn, -1);
    const soon = await submitted('通知：三个工作日后到期', on, due);
    const notYet = await submitted('通知：四个工作日后到期', laterOn, later);
    await runJobTwiceOnBoth();
    for (const who of ['reviewer', 'reviewerOfficial'] as const) {
      expect((await about(who, soon.id)).filter((t) => t === 'DEADLINE_APPROACHING')).toHaveLength(1);
      expect(await about(who, notYet.id)).not.toContain('DEADLINE_APPROACHING');
    }
    expect(await about('official', soon.id)).toEqual([]);
    expect(await about('supervisor', soon.id)).toEqual([]);
  });

  it('the overdue day: the holders and the supervisors are told once', async () => {
    const late = await submitted('通知：已超期', '2023-04-03', '2023-04-12');
    await runJobTwiceOnBoth();
    for (const who of ['reviewer', 'reviewerOfficial', 'supervisor'] as const) {
      expect((await about(who, late.id)).filter((t) => t === 'OVERDUE')).toHaveLength(1);
    }
    expect(await about('official', late.id)).toEqual([]);
  });

  it('an urge reaches whoever holds the step, through either instance', async () => {
    const c = await submitted('通知：催办', '2023-05-04', '2023-05-15');
    await b2.http.post(`/api/cases/${c.id}/urge`).set(bearer('supervisor')).send({ message: '请尽快审查' }).expect(200);
    expect((await about('reviewer', c.id)).filter((t) => t === 'URGED')).toHaveLength(1);
    expect(await about('official', c.id)).not.toContain('URGED');
  });

  it('nobody holds two notices of one kind about one cause', async () => {
    const rows = await b.sql(
      'SELECT user_id, dedupe_key, COUNT(*) AS n FROM notifications GROUP BY user_id, dedupe_key HAVING COUNT(*) > 1',
      [],
    );
    expect(rows).toEqual([]);
  });

  it('the bell: unread count, one read, all read; another user cannot read mine', async () => {
    const before = (await b.http.get('/api/notifications/unread').set(bearer('reviewer')).expect(200)).body as { unread: number };
    expect(before.unread).toBeGreaterThan(1);
    const [first] = (await b.http.get('/api/notifications?unread=true').set(bearer('reviewer')).expect(200)).body.items as Notice[];
    expect((await b.http.post(`/api/notifications/${first.id}/read`).set(bearer('official'))).status).toBe(404);
    const after = await b2.http.post(`/api/notifications/${first.id}/read`).set(bearer('reviewer')).expect(200);
    expect(after.body).toEqual({ unread: before.unread - 1 });
    // reading it again changes nothing
    await b.http
      .post(`/api/notifications/${first.id}/read`)
      .set(bearer('reviewer'))
      .expect(200, { unread: before.unread - 1 });
    await b.http.post('/api/notifications/read-all').set(bearer('reviewer')).expect(200, { unread: 0 });
    const list = (await b.http.get('/api/notifications').set(bearer('reviewer')).expect(200)).body as { unread: number; items: Notice[] };
    expect(list.unread).toBe(0);
    expect(list.items.every((n) => n.read)).toBe(true);
    expect((await b.http.get('/api/notifications?pageSize=1000').set(bearer('reviewer'))).status).toBe(400);
  });

  it('messages follow the reader’s language', async () => {
    const en = (await b.http.get('/api/notifications').set(bearer('supervisor')).set('Accept-Language', 'en').expect(200)).body as {
      items: Notice[];
    };
    expect(en.items.find((n) => n.type === 'OVERDUE')!.message).toMatch(/is overdue/);
    await expectAuditIntact(b, tokens.supervisor);
  });
});
