/**
 * Who may do what, over HTTP against the real built server: every endpoint × every role, with the
 * expected outcome written in the table; then sign-in throttling, forged / expired / `alg: none` /
 * orphaned tokens, passwords and tokens never returned or logged, the audit trail closed to
 * change through the API, and refusals logged apart from the case.
 *
 * docs/contract.md, "Signing in": an official acts only for their own department; the reviewer issues
 * legality opinions, never on a case they sponsored; the secretariat runs the deciding organ's
 * steps, the catalogue and clean-ups; the supervisor reads everything and changes nothing; the
 * admin keeps users, departments and the calendar. Code: the `@Roles(...)` decorators,
 * `src/cases/access.ts` (`canRead`, `authorize`), `resolveSender` in the procedures.
 *
 * Rows whose code disagrees with the contract keep the contract's expectation and are marked `bug`
 * (run as `it.failing`; DOCKET_STRICT_BUGS=1 runs them as ordinary tests, to see them red).
 */
import { createHmac } from 'node:crypto';
import { sign } from 'jsonwebtoken';
import { ADMIN_PASSWORD, bootApp, CaseBody, caseDriver, login, PASSWORD, Tokens, useCounty } from './harness';

jest.setTimeout(60_000);

const JWT_SECRET = 'e2e-secret-e2e-secret-e2e-secret';
const knownBug = it;

type Role = 'admin' | 'ownOfficial' | 'otherOfficial' | 'reviewer' | 'secretariat' | 'supervisor' | 'none';
const ROLES: Role[] = ['admin', 'ownOfficial', 'otherOfficial', 'reviewer', 'secretariat', 'supervisor', 'none'];
/** The case's department is fgw: `official` is of it, `zjjOfficial` of another department. */
const USER_OF: Record<Role, keyof Tokens | null> = {
  admin: 'admin',
  ownOfficial: 'official',
  otherOfficial: 'zjjOfficial',
  reviewer: 'reviewer',
  secretariat: 'secretariat',
  supervisor: 'supervisor',
  none: null,
};

type Outcome = 'ok' | 401 | 403 | 404;
type Expectation = Record<Role, Outcome>;
const CODE_OF: Record<Exclude<Outcome, 'ok'>, string[]> = {
  401: ['UNAUTHENTICATED'],
  403: ['FORBIDDEN', 'SEPARATION_OF_DUTIES'],
  404: ['NOT_FOUND'],
};

/** Every signed-in role gets `o`; no token is 401. */
const everyone = (o: Outcome = 'ok'): Expectation => ({
  admin: o,
  ownOfficial: o,
  otherOfficial: o,
  reviewer: o,
  secretariat: o,
  supervisor: o,
  none: 401,
});
/** Only these roles; every other signed-in role is 403, no token 401. */
const only = (...roles: Role[]): Expectation =>
  Object.fromEntries(ROLES.map((r) => [r, r === 'none' ? 401 : roles.includes(r) ? 'ok' : 403])) as Expectation;
/** Everyone but an official of another department. */
const notOtherOfficial: Expectation = { ...everyone(), otherOfficial: 403 };
/** No sign-in needed. */
const open: Expectation = { ...everyone(), none: 'ok' };

interface Request {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  body?: unknown;
  /** checked after the answer: what changed, or did not */
  after?: (ok: boolean) => Promise<void>;
}
interface Row {
  name: string;
  expect: Expectation;
  /** builds the request for one role (fresh objects for writes, so each role meets the same situation) */
  request: (role: Role) => Promise<Request>;
  /** roles whose answer today differs from the contract: the expectation stays, the test is a known bug */
  bug?: Partial<Record<Role, string>>;
  /** only these roles (e.g. a throttled route) */
  roles?: Role[];
}

/** Asia/Shanghai date `days` from today. */
function shanghaiDay(days = 0): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(Date.now() + days * 86_400_000),
  );
}

describe('access control: every endpoint × every role', () => {
  const { b, d, bearer } = useCounty();
  let fgwCase: CaseBody;
  let cleanupId: string;
  let openToday: CaseBody;
  let seq = 0;
  const next = () => ++seq;
  let publishYears = 0;

  beforeAll(async () => {
    fgwCase = await d.create('official', {
      procedure: 'normative-document',
      title: '泗阳县城市停车管理办法',
      department: 'fgw',
      affectsPublicRights: true,
      marketRelated: false,
      interim: false,
      issuingOrgan: 'government',
      occurredAt: '2023-03-01',
    });
    const cleanup = await b.http
      .post('/api/cleanups')
      .set(bearer('secretariat'))
      .send({ name: '清理', cutoffDate: '2023-01-01', occurredAt: '2023-01-05' })
      .expect(201);
    cleanupId = cleanup.body.id;
    // a consultation open today, for the public pages
    const draft = await d.create('official', {
      procedure: 'normative-document',
      title: '公开征求意见中的办法',
      department: 'fgw',
      affectsPublicRights: true,
      marketRelated: false,
      interim: false,
      issuingOrgan: 'government',
    });
    openToday = await d.ok('official', draft, 'OPEN_PUBLIC_COMMENT', shanghaiDay(), {
      draftText: '草案全文及起草说明',
      startDate: shanghaiDay(),
      endDate: shanghaiDay(40),
      channels: ['县政府网站'],
    });
  }, 60_000);

  // ───────────────────────────── fresh situations for writes ─────────────────────────────

  const documentBody = (extra: Record<string, unknown> = {}) => ({
    procedure: 'normative-document',
    title: `文件${next()}`,
    department: 'fgw',
    affectsPublicRights: false,
    marketRelated: false,
    interim: false,
    issuingOrgan: 'government',
    occurredAt: '2023-08-01',
    ...extra,
  });
  /** A fgw document waiting for its legality opinion. */
  async function inLegalityReview(issuingOrgan = 'government') {
    const c = await d.create('official', documentBody({ issuingOrgan }));
    return d.ok('official', c, 'SUBMIT_FOR_LEGALITY_REVIEW', '2023-08-01', { reviewDueDate: '2023-08-10' });
  }
  /** A fgw document at its collective deliberation. */
  async function atDeliberation(issuingOrgan = 'government') {
    const c = await inLegalityReview(issuingOrgan);
    return d.ok('reviewer', c, 'ISSUE_LEGALITY_OPINION', '2023-08-08', { conclusion: 'lawful', opinion: '合法' });
  }
  /** A fgw document in its comment period (2023-03-02 … 2023-04-20). */
  async function inCommentPeriod() {
    const c = await d.create('official', documentBody({ affectsPublicRights: true, occurredAt: '2023-03-01' }));
    return d.ok('official', c, 'OPEN_PUBLIC_COMMENT', '2023-03-02', {
      draftText: '草案全文及起草说明',
      startDate: '2023-03-02',
      endDate: '2023-04-20',
      channels: ['县政府网站'],
    });
  }
  async function registered() {
    const n = next();
    const res = await b.http
      .post('/api/cases/register-document')
      .set(bearer('secretariat'))
      .send({
        title: `旧文件${n}`,
        department: 'fgw',
        issuingOrgan: 'government',
        interim: false,
        documentNumber: `泗政规〔2019〕${n}号`,
        publishedOn: '2019-01-10',
        effectiveDate: '2019-02-01',
        occurredAt: '2023-01-02',
      })
      .expect(201);
    return res.body as CaseBody;
  }
  /** An event on a fresh case: the case moves on only if the request was accepted. */
  function event(c: CaseBody, type: string, occurredAt: string, data: Record<string, unknown>): Request {
    return {
      method: 'POST',
      path: `/api/cases/${c.id}/events`,
      body: { type, expectedVersion: c.version, occurredAt, data },
      after: async (ok) => expect((await d.get('supervisor', c.id)).version).toBe(ok ? c.version + 1 : c.version),
    };
  }

  const rows: Row[] = [
    // ───────── reads ─────────
    { name: 'GET /api/cases', expect: everyone(), request: async () => ({ method: 'GET', path: '/api/cases' }) },
    {
      name: 'GET /api/cases?department=fgw',
      expect: notOtherOfficial,
      request: async () => ({ method: 'GET', path: '/api/cases?department=fgw' }),
    },
    { name: 'GET /api/cases/:id', expect: notOtherOfficial, request: async () => ({ method: 'GET', path: `/api/cases/${fgwCase.id}` }) },
    {
      name: 'GET /api/cases/:id/history',
      expect: notOtherOfficial,
      request: async () => ({ method: 'GET', path: `/api/cases/${fgwCase.id}/history` }),
    },
    {
      name: 'GET /api/cases/:id/archive',
      expect: notOtherOfficial,
      request: async () => ({ method: 'GET', path: `/api/cases/${fgwCase.id}/archive` }),
    },
    {
      name: 'GET /api/cases/:id of an unknown case',
      expect: everyone(404),
      request: async () => ({ method: 'GET', path: '/api/cases/00000000-0000-4000-8000-000000000000' }),
    },
    { name: 'GET /api/cases/inbox', expect: everyone(), request: async () => ({ method: 'GET', path: '/api/cases/inbox' }) },
    {
      name: 'GET /api/reports/compliance?year=2023',
      expect: everyone(),
      request: async () => ({ method: 'GET', path: '/api/reports/compliance?year=2023' }),
    },
    {
      name: 'GET /api/reports/compliance?year=2023&department=fgw',
      expect: notOtherOfficial,
      request: async () => ({ method: 'GET', path: '/api/reports/compliance?year=2023&department=fgw' }),
    },
    {
      name: 'GET /api/reports/by-department?year=2023',
      expect: only('admin', 'reviewer', 'secretariat', 'supervisor'),
      request: async () => ({ method: 'GET', path: '/api/reports/by-department?year=2023' }),
    },
    { name: 'GET /api/reports/stages', expect: everyone(), request: async () => ({ method: 'GET', path: '/api/reports/stages' }) },
    { name: 'GET /api/audit/verify', expect: everyone(), request: async () => ({ method: 'GET', path: '/api/audit/verify' }) },
    {
      name: 'GET /api/audit/refusals',
      expect: only('admin', 'supervisor'),
      request: async () => ({ method: 'GET', path: '/api/audit/refusals' }),
    },
    { name: 'GET /api/users', expect: only('admin'), request: async () => ({ method: 'GET', path: '/api/users' }) },
    { name: 'GET /api/me', expect: everyone(), request: async () => ({ method: 'GET', path: '/api/me' }) },
    { name: 'GET /api/departments', expect: everyone(), request: async () => ({ method: 'GET', path: '/api/departments' }) },
    { name: 'GET /api/catalogues/2023', expect: everyone(), request: async () => ({ method: 'GET', path: '/api/catalogues/2023' }) },
    { name: 'GET /api/calendar/2023', expect: everyone(), request: async () => ({ method: 'GET', path: '/api/calendar/2023' }) },
    { name: 'GET /api/cleanups', expect: everyone(), request: async () => ({ method: 'GET', path: '/api/cleanups' }) },
    { name: 'GET /api/cleanups/:id', expect: everyone(), request: async () => ({ method: 'GET', path: `/api/cleanups/${cleanupId}` }) },
    { name: 'GET /api/procedures', expect: open, request: async () => ({ method: 'GET', path: '/api/procedures' }) },
    {
      name: 'GET /api/procedures/normative-document',
      expect: open,
      request: async () => ({ method: 'GET', path: '/api/procedures/normative-document' }),
    },
    {
      name: 'GET /api/procedures/major-decision?version=1',
      expect: open,
      request: async () => ({ method: 'GET', path: '/api/procedures/major-decision?version=1' }),
    },
    {
      name: 'GET /api/procedures/major-decision/migrations',
      expect: only('admin', 'supervisor'),
      request: async () => ({ method: 'GET', path: '/api/procedures/major-decision/migrations' }),
    },
    {
      name: 'POST /api/procedures/major-decision/migrations/dry-run',
      expect: only('admin'),
      request: async () => ({ method: 'POST', path: '/api/procedures/major-decision/migrations/dry-run', body: { toVersion: 2 } }),
    },
    { name: 'GET /api/public/consultations', expect: open, request: async () => ({ method: 'GET', path: '/api/public/consultations' }) },
    {
      name: 'GET /api/public/consultations/:id',
      expect: open,
      request: async () => ({ method: 'GET', path: `/api/public/consultations/${openToday.id}` }),
    },
    { name: 'GET /api/docs-json', expect: open, request: async () => ({ method: 'GET', path: '/api/docs-json' }) },

    // ───────── writes ─────────
    {
      name: 'POST /api/cases for department fgw',
      expect: only('ownOfficial'),
      request: async () => ({
        method: 'POST',
        path: '/api/cases',
        body: { procedure: 'major-decision', title: `决策${next()}`, department: 'fgw' },
      }),
    },
    {
      name: 'POST /api/cases for department zjj (the other official’s own)',
      expect: { ...only('otherOfficial') },
      request: async () => ({
        method: 'POST',
        path: '/api/cases',
        body: { procedure: 'major-decision', title: `决策${next()}`, department: 'zjj' },
      }),
    },
    {
      name: 'official’s event: OPEN_PUBLIC_COMMENT on a fgw draft',
      expect: only('ownOfficial'),
      request: async () => {
        const c = await d.create('official', documentBody({ affectsPublicRights: true, occurredAt: '2023-03-01' }));
        return event(c, 'OPEN_PUBLIC_COMMENT', '2023-03-02', {
          draftText: '草案全文及起草说明',
          startDate: '2023-03-02',
          endDate: '2023-04-20',
          channels: ['县政府网站'],
        });
      },
    },
    {
      name: 'official’s event: SUBMIT_FOR_LEGALITY_REVIEW',
      expect: only('ownOfficial'),
      request: async () =>
        event(await d.create('official', documentBody()), 'SUBMIT_FOR_LEGALITY_REVIEW', '2023-08-01', { reviewDueDate: '2023-08-10' }),
    },
    {
      name: 'reviewer’s event: ISSUE_LEGALITY_OPINION',
      expect: only('reviewer'),
      request: async () =>
        event(await inLegalityReview(), 'ISSUE_LEGALITY_OPINION', '2023-08-08', { conclusion: 'lawful', opinion: '合法' }),
    },
    {
      name: 'secretariat’s event: APPROVE_START of a major decision',
      expect: only('secretariat'),
      request: async () => {
        const c = await d.create('official', {
          procedure: 'major-decision',
          title: `决策${next()}`,
          department: 'fgw',
          occurredAt: '2023-02-01',
        });
        return event(c, 'APPROVE_START', '2023-02-03', { catalogueItemId: '2023-01' });
      },
    },
    {
      name: 'secretariat’s event: RECORD_COLLECTIVE_DELIBERATION of a government document',
      expect: only('secretariat'),
      request: async () =>
        event(await atDeliberation(), 'RECORD_COLLECTIVE_DELIBERATION', '2023-08-15', {
          meetingType: 'standing',
          meetingDate: '2023-08-15',
          outcome: 'approved',
        }),
    },
    {
      name: 'department document: its official records the office meeting (not the secretariat)',
      expect: only('ownOfficial'),
      request: async () =>
        event(await atDeliberation('department'), 'RECORD_COLLECTIVE_DELIBERATION', '2023-08-15', {
          meetingType: 'office',
          meetingDate: '2023-08-15',
          outcome: 'approved',
        }),
    },
    {
      name: 'POST /api/cases/:id/comments/import',
      expect: only('ownOfficial'),
      request: async () => {
        const c = await inCommentPeriod();
        return {
          method: 'POST',
          path: `/api/cases/${c.id}/comments/import`,
          body: { expectedVersion: c.version, comments: [{ content: '来信意见', receivedOn: '2023-03-05' }] },
          after: async (ok) => expect((await d.get('supervisor', c.id)).version).toBe(ok ? c.version + 1 : c.version),
        };
      },
    },
    {
      name: 'POST /api/procedures/major-decision/migrations (a version 1 decision onto version 2)',
      expect: only('admin'),
      request: async () => {
        const c = await d.create('official', {
          procedure: 'major-decision',
          title: `决策${next()}`,
          department: 'fgw',
          occurredAt: '2023-08-01',
        });
        return {
          method: 'POST',
          path: '/api/procedures/major-decision/migrations',
          body: { toVersion: 2, caseIds: [c.id], justification: '条例施行后尚在起草阶段的决策开展公平竞争审查' },
          after: async (ok) => expect((await d.get('supervisor', c.id)).procedureVersion).toBe(ok ? 2 : 1),
        };
      },
    },
    {
      name: 'POST /api/users',
      expect: only('admin'),
      request: async () => ({
        method: 'POST',
        path: '/api/users',
        body: { username: `user${next()}`, password: PASSWORD, displayName: '新用户', roles: ['supervisor'] },
      }),
    },
    {
      name: 'DELETE /api/users/:id',
      expect: only('admin'),
      request: async () => {
        const u = await b.http
          .post('/api/users')
          .set(bearer('admin'))
          .send({ username: `gone${next()}`, password: PASSWORD, displayName: '待删', roles: ['supervisor'] })
          .expect(201);
        return {
          method: 'DELETE',
          path: `/api/users/${u.body.id}`,
          // deactivated, never deleted: still listed, marked inactive
          after: async (ok) => {
            const users = (await b.http.get('/api/users').set(bearer('admin')).expect(200)).body as { id: string; active: boolean }[];
            expect(users.find((x) => x.id === u.body.id)?.active).toBe(!ok);
          },
        };
      },
    },
    {
      name: 'PUT /api/users/:id/roles',
      expect: only('admin'),
      request: async () => {
        const u = await b.http
          .post('/api/users')
          .set(bearer('admin'))
          .send({ username: `moved${next()}`, password: PASSWORD, displayName: '调岗', roles: ['official'], department: 'fgw' })
          .expect(201);
        return {
          method: 'PUT',
          path: `/api/users/${u.body.id}/roles`,
          body: { roles: ['official', 'reviewer'], department: 'zjj' },
          // changed only when allowed
          after: async (ok) => {
            const users = (await b.http.get('/api/users').set(bearer('admin')).expect(200)).body as { id: string; department: string }[];
            expect(users.find((x) => x.id === u.body.id)?.department).toBe(ok ? 'zjj' : 'fgw');
          },
        };
      },
    },
    {
      name: 'PUT /api/departments/:id',
      expect: only('admin'),
      request: async () => ({ method: 'PUT', path: `/api/departments/dept${next()}`, body: { name: '新部门' } }),
    },
    {
      name: 'PUT /api/calendar/2031',
      expect: only('admin'),
      request: async () => ({ method: 'PUT', path: '/api/calendar/2031', body: { holidays: ['2031-01-01'], makeUpWorkdays: [] } }),
    },
    {
      name: 'POST /api/catalogues/2032/items',
      expect: only('secretariat'),
      request: async () => ({
        method: 'POST',
        path: '/api/catalogues/2032/items',
        body: { title: `事项${next()}`, department: 'fgw', addedOn: '2023-01-05' },
      }),
    },
    {
      name: 'POST /api/catalogues/:year/publish',
      expect: only('secretariat'),
      request: async () => {
        // a fresh, unpublished year for each role, within the years a catalogue may be kept for (10 ahead)
        const year = 2023 + ++publishYears;
        await b.http
          .post(`/api/catalogues/${year}/items`)
          .set(bearer('secretariat'))
          .send({ title: '事项', department: 'fgw', addedOn: '2023-01-05' })
          .expect(201);
        return { method: 'POST', path: `/api/catalogues/${year}/publish`, body: { publishedOn: '2023-01-10' } };
      },
    },
    {
      name: 'POST /api/catalogues/items/:id/withdraw',
      expect: only('secretariat'),
      request: async () => {
        const item = await b.http
          .post('/api/catalogues/2033/items')
          .set(bearer('secretariat'))
          .send({ title: `事项${next()}`, department: 'fgw', addedOn: '2023-01-05' })
          .expect(201);
        return {
          method: 'POST',
          path: `/api/catalogues/items/${item.body.id}/withdraw`,
          body: { withdrawnOn: '2023-02-01', reason: '不再列入' },
        };
      },
    },
    {
      name: 'POST /api/cleanups',
      expect: only('secretariat'),
      request: async () => ({
        method: 'POST',
        path: '/api/cleanups',
        body: { name: `清理${next()}`, cutoffDate: '2000-01-01', issuingOrgan: 'department', occurredAt: '2023-01-05' },
      }),
    },
    {
      name: 'POST /api/cleanups/:id/decisions',
      expect: only('secretariat'),
      request: async () => {
        const doc = await registered();
        const cleanup = await b.http
          .post('/api/cleanups')
          .set(bearer('secretariat'))
          .send({ name: `清理${next()}`, cutoffDate: '2023-01-01', occurredAt: '2023-01-05' })
          .expect(201);
        return {
          method: 'POST',
          path: `/api/cleanups/${cleanup.body.id}/decisions`,
          body: { caseId: doc.id, decision: 'continue', reason: '继续有效', occurredAt: '2023-01-06' },
        };
      },
    },
    {
      name: 'POST /api/cleanups/:id/complete',
      expect: only('secretariat'),
      request: async () => {
        const cleanup = await b.http
          .post('/api/cleanups')
          .set(bearer('secretariat'))
          .send({ name: `清理${next()}`, cutoffDate: '2000-01-01', issuingOrgan: 'department', occurredAt: '2023-01-05' })
          .expect(201);
        expect(cleanup.body.total).toBe(0);
        return {
          method: 'POST',
          path: `/api/cleanups/${cleanup.body.id}/complete`,
          body: { resultReference: '泗政发〔2023〕9号', occurredAt: '2023-02-01' },
        };
      },
    },
    { name: 'POST /api/deadlines/run', expect: only('admin'), request: async () => ({ method: 'POST', path: '/api/deadlines/run' }) },
    {
      name: 'POST /api/cases/register-document',
      expect: only('secretariat'),
      request: async () => ({
        method: 'POST',
        path: '/api/cases/register-document',
        body: {
          title: `旧文件${next()}`,
          department: 'fgw',
          issuingOrgan: 'government',
          interim: false,
          documentNumber: `泗政规〔2018〕${seq}号`,
          publishedOn: '2018-01-10',
          effectiveDate: '2018-02-01',
        },
      }),
    },
    {
      // throttled at 5 a minute from one address: two callers only
      name: 'POST /api/public/consultations/:id/comments',
      expect: open,
      roles: ['none', 'supervisor'],
      request: async () => ({
        method: 'POST',
        path: `/api/public/consultations/${openToday.id}/comments`,
        body: { content: '建议延长过渡期限', submitter: '市民' },
      }),
    },
  ];

  for (const row of rows) {
    describe(row.name, () => {
      for (const role of row.roles ?? ROLES) {
        const outcome = row.expect[role];
        const title = `${role} → ${outcome}${row.bug?.[role] ? ` (bug: ${row.bug[role]})` : ''}`;
        (row.bug?.[role] ? knownBug : it)(title, async () => {
          const req = await row.request(role);
          const who = USER_OF[role];
          let call = b.http[req.method.toLowerCase() as 'get' | 'post' | 'put' | 'delete'](req.path);
          if (who) call = call.set(bearer(who));
          const res = await (req.body !== undefined ? call.send(req.body as object) : call);
          if (outcome === 'ok') {
            expect(res.status >= 200 && res.status < 300 ? 'ok' : `${res.status} ${JSON.stringify(res.body).slice(0, 300)}`).toBe('ok');
          } else {
            expect({ status: res.status, code: res.body?.code }).toEqual({ status: outcome, code: expect.any(String) });
            expect(CODE_OF[outcome]).toContain(res.body.code);
            expect(res.body.statusCode).toBe(outcome);
          }
          await req.after?.(outcome === 'ok');
        });
      }
    });
  }

  // ───────────────────────────── what the table cannot say in one cell ─────────────────────────────

  it('an official’s lists and reports hold only their own department', async () => {
    const zjj = await b.http.get('/api/cases?pageSize=200').set(bearer('zjjOfficial')).expect(200);
    expect(zjj.body.items.every((c: { department: string }) => c.department === 'zjj')).toBe(true);
    const fgw = await b.http.get('/api/cases?pageSize=200').set(bearer('official')).expect(200);
    expect(fgw.body.items.length).toBeGreaterThan(0);
    expect(fgw.body.items.every((c: { department: string }) => c.department === 'fgw')).toBe(true);
    const report = await b.http.get('/api/reports/compliance?year=2023').set(bearer('zjjOfficial')).expect(200);
    expect(report.body.department).toBe('zjj');
    const inbox = await b.http.get('/api/cases/inbox').set(bearer('zjjOfficial')).expect(200);
    expect([...inbox.body.awaiting, ...inbox.body.overdue].every((c: { department: string }) => c.department === 'zjj')).toBe(true);
  });

  it('a reviewer who sponsored the case may not review it (SEPARATION_OF_DUTIES); another reviewer may', async () => {
    let c = await d.create('reviewerOfficial', documentBody());
    c = await d.ok('reviewerOfficial', c, 'SUBMIT_FOR_LEGALITY_REVIEW', '2023-08-01', { reviewDueDate: '2023-08-10' });
    const res = await d.send('reviewerOfficial', c, 'ISSUE_LEGALITY_OPINION', '2023-08-08', { conclusion: 'lawful', opinion: '合法' });
    expect({ status: res.status, code: res.body.code }).toEqual({ status: 403, code: 'SEPARATION_OF_DUTIES' });
    expect((await d.get('supervisor', c.id)).version).toBe(c.version);
    await d.ok('reviewer', c, 'ISSUE_LEGALITY_OPINION', '2023-08-08', { conclusion: 'lawful', opinion: '合法' });
  });

  it('a refused write is logged apart from the case: the supervisor reads it, an official may not', async () => {
    const before = await d.get('supervisor', fgwCase.id);
    const history = (await b.http.get(`/api/cases/${fgwCase.id}/history`).set(bearer('supervisor')).expect(200)).body as unknown[];
    const me = (await b.http.get('/api/me').set(bearer('zjjOfficial')).expect(200)).body as { id: string };
    const res = await d.send('zjjOfficial', fgwCase, 'OPEN_PUBLIC_COMMENT', '2023-03-02', {
      draftText: '草案全文及起草说明',
      startDate: '2023-03-02',
      endDate: '2023-04-20',
      channels: ['县政府网站'],
    });
    expect({ status: res.status, code: res.body.code }).toEqual({ status: 403, code: 'FORBIDDEN' });

    const log = await b.http.get('/api/audit/refusals').set(bearer('supervisor')).expect(200);
    expect(log.body[0]).toMatchObject({
      userId: me.id,
      method: 'POST',
      path: `/api/cases/${fgwCase.id}/events`,
      status: 403,
      code: 'FORBIDDEN',
    });
    const refusalsAsOfficial = await b.http.get('/api/audit/refusals').set(bearer('official'));
    expect({ status: refusalsAsOfficial.status, code: refusalsAsOfficial.body.code }).toEqual({ status: 403, code: 'FORBIDDEN' });
    // the refused user sees it in their inbox; the case is untouched
    const inbox = await b.http.get('/api/cases/inbox').set(bearer('zjjOfficial')).expect(200);
    expect(inbox.body.refused[0]).toMatchObject({ path: `/api/cases/${fgwCase.id}/events`, status: 403 });
    const after = await d.get('supervisor', fgwCase.id);
    expect({ version: after.version, state: after.state }).toEqual({ version: before.version, state: before.state });
    const historyAfter = (await b.http.get(`/api/cases/${fgwCase.id}/history`).set(bearer('supervisor')).expect(200)).body as unknown[];
    expect(historyAfter).toEqual(history);
  });

  it('the audit trail cannot be changed through the API: every other method on /api/audit/* and history is 404, and verify stays ok', async () => {
    const verify = async () => (await b.http.get('/api/audit/verify').set(bearer('supervisor')).expect(200)).body;
    const history = async () => (await b.http.get(`/api/cases/${fgwCase.id}/history`).set(bearer('supervisor')).expect(200)).body;
    const before = { verify: await verify(), history: await history() };
    expect(before.verify.ok).toBe(true);
    const paths = [
      '/api/audit',
      '/api/audit/verify',
      '/api/audit/refusals',
      '/api/audit/refusals/1',
      '/api/audit/events',
      '/api/audit/events/1',
      `/api/cases/${fgwCase.id}/history`,
      `/api/cases/${fgwCase.id}/history/1`,
    ];
    const tampered = { id: 1, seq: 1, type: 'CASE_CREATED', data: { title: '篡改' }, hash: '0'.repeat(64), prevHash: '0'.repeat(64) };
    for (const who of ['admin', 'supervisor'] as const) {
      for (const path of paths) {
        for (const method of ['put', 'patch', 'delete', 'post'] as const) {
          const res = await b.http[method](path).set(bearer(who)).send(tampered);
          expect({ who, method, path, status: res.status, code: res.body.code }).toEqual({
            who,
            method,
            path,
            status: 404,
            code: 'NOT_FOUND',
          });
        }
      }
    }
    expect({ verify: await verify(), history: await history() }).toEqual(before);
  });
});

// ───────────────────────────── sign-in throttle ─────────────────────────────

describe('sign-in is throttled per address', () => {
  const { b } = useCounty({ DOCKET_LOGIN_LIMIT: '5' }, { county: false });

  it('the 6th attempt within a minute from one address is 429 TOO_MANY_REQUESTS, even with the right password', async () => {
    for (let i = 1; i <= 5; i++) {
      const res = await b.http.post('/api/auth/login').send({ username: 'admin', password: `guess-${i}` });
      expect({ attempt: i, status: res.status, code: res.body.code }).toEqual({ attempt: i, status: 401, code: 'UNAUTHENTICATED' });
    }
    const sixth = await b.http.post('/api/auth/login').send({ username: 'admin', password: ADMIN_PASSWORD });
    expect(sixth.status).toBe(429);
    expect(sixth.body).toMatchObject({ statusCode: 429, code: 'TOO_MANY_REQUESTS' });
    expect(typeof sixth.body.message).toBe('string');
    expect(sixth.body.accessToken).toBeUndefined();
    // other routes are not throttled by it
    await b.http.get('/api/procedures').expect(200);
  });
});

describe('behind a load balancer (DOCKET_TRUST_PROXY), the throttle counts each client address, not the balancer’s', () => {
  const { b } = useCounty({ DOCKET_LOGIN_LIMIT: '3', DOCKET_TRUST_PROXY: 'loopback' }, { county: false });

  const attempt = (from: string) =>
    b.http.post('/api/auth/login').set('X-Forwarded-For', from).send({ username: 'admin', password: 'guess' });

  it('one client is throttled after its attempts; another client through the same balancer is not', async () => {
    for (let i = 0; i < 3; i++) expect((await attempt('203.0.113.7')).status).toBe(401);
    expect((await attempt('203.0.113.7')).status).toBe(429);
    expect((await attempt('198.51.100.9')).status).toBe(401);
  });

  it('a setting Docket cannot use stops the server with a message naming it', async () => {
    await expect(bootApp({ DOCKET_TRUST_PROXY: 'all of them!' })).rejects.toThrow(/DOCKET_TRUST_PROXY/);
  });
});

// ───────────────────────────── tokens ─────────────────────────────

describe('tokens: forged, expired, alg none, of a deleted user are 401', () => {
  const { b, tokens } = useCounty();
  let officialId: string;
  beforeAll(async () => {
    officialId = (await b.http.get('/api/me').set('Authorization', `Bearer ${tokens.official}`).expect(200)).body.id;
  }, 30_000);

  const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const now = () => Math.floor(Date.now() / 1000);

  /** 401 UNAUTHENTICATED on a read and on a write, and the write changed nothing. */
  async function expectRefused(authorization: string) {
    const me = await b.http.get('/api/me').set('Authorization', authorization);
    expect({ status: me.status, code: me.body.code, statusCode: me.body.statusCode }).toEqual({
      status: 401,
      code: 'UNAUTHENTICATED',
      statusCode: 401,
    });
    const total = async () => (await b.http.get('/api/cases').set('Authorization', `Bearer ${tokens.supervisor}`).expect(200)).body.total;
    const before = await total();
    const create = await b.http
      .post('/api/cases')
      .set('Authorization', authorization)
      .send({ procedure: 'major-decision', title: 't', department: 'fgw' });
    expect({ status: create.status, code: create.body.code }).toEqual({ status: 401, code: 'UNAUTHENTICATED' });
    expect(await total()).toBe(before);
  }

  it('a token signed with the server’s secret works (the control for the cases below)', async () => {
    const token = sign({ sub: officialId }, JWT_SECRET, { algorithm: 'HS256', expiresIn: 60 });
    const me = await b.http.get('/api/me').set('Authorization', `Bearer ${token}`).expect(200);
    expect(me.body.id).toBe(officialId);
  });

  it('a wrong signature is 401', async () => {
    await expectRefused(`Bearer ${sign({ sub: officialId }, 'not-the-secret-not-the-secret-not-the-secret', { algorithm: 'HS256' })}`);
    const [h, p, s] = tokens.official.split('.');
    const flipped = s.slice(0, 10) + (s[10] === 'A' ? 'B' : 'A') + s.slice(11);
    await expectRefused(`Bearer ${h}.${p}.${flipped}`);
    // the payload changed to another user, the signature kept
    const adminId = (await b.http.get('/api/me').set('Authorization', `Bearer ${tokens.admin}`).expect(200)).body.id;
    const payload = JSON.parse(Buffer.from(p, 'base64url').toString());
    await expectRefused(`Bearer ${h}.${b64({ ...payload, sub: adminId })}.${s}`);
  });

  it('an expired token is 401', async () => {
    await expectRefused(`Bearer ${sign({ sub: officialId, iat: now() - 7200, exp: now() - 60 }, JWT_SECRET, { algorithm: 'HS256' })}`);
    await expectRefused(`Bearer ${sign({ sub: officialId, nbf: now() + 3600 }, JWT_SECRET, { algorithm: 'HS256' })}`);
  });

  it('alg none, and another algorithm with the same secret, are 401', async () => {
    const payload = { sub: officialId, iat: now(), exp: now() + 3600 };
    await expectRefused(`Bearer ${b64({ alg: 'none', typ: 'JWT' })}.${b64(payload)}.`);
    await expectRefused(`Bearer ${b64({ alg: 'none', typ: 'JWT' })}.${b64(payload)}`);
    await expectRefused(`Bearer ${b64({ alg: 'NONE', typ: 'JWT' })}.${b64(payload)}.`);
    await expectRefused(`Bearer ${sign(payload, JWT_SECRET, { algorithm: 'HS512' })}`);
    const head = b64({ alg: 'HS384', typ: 'JWT' });
    const body = b64(payload);
    await expectRefused(`Bearer ${head}.${body}.${createHmac('sha384', JWT_SECRET).update(`${head}.${body}`).digest('base64url')}`);
  });

  it('missing or malformed Authorization headers are 401', async () => {
    for (const h of [
      '',
      'Bearer',
      'Bearer ',
      `bearer ${tokens.official}`,
      `Basic ${Buffer.from('admin:' + ADMIN_PASSWORD).toString('base64')}`,
      tokens.official,
    ]) {
      await expectRefused(h);
    }
  });

  it('a token of a user the admin deleted is 401 at once', async () => {
    const user = await b.http
      .post('/api/users')
      .set('Authorization', `Bearer ${tokens.admin}`)
      .send({ username: 'leaver', password: PASSWORD, displayName: '离职人员', roles: ['official'], department: 'fgw' })
      .expect(201);
    const token = await login(b, 'leaver');
    await b.http.get('/api/me').set('Authorization', `Bearer ${token}`).expect(200);
    await b.http.delete(`/api/users/${user.body.id}`).set('Authorization', `Bearer ${tokens.admin}`).expect(204);
    await expectRefused(`Bearer ${token}`);
    const again = await b.http.post('/api/auth/login').send({ username: 'leaver', password: PASSWORD });
    expect({ status: again.status, code: again.body.code }).toEqual({ status: 401, code: 'UNAUTHENTICATED' });
  });

  // AuthGuard passes `sub` to UsersService.principal(); TypeORM refuses `where: { id: undefined }` and the error becomes a 500
  knownBug('a validly signed token without a string `sub` is 401, not 500', async () => {
    const statuses = [];
    for (const payload of [{ foo: 'bar' }, { sub: null }, { sub: { $ne: '' } }, { sub: [] }, { sub: 1 }]) {
      const token = sign(payload, JWT_SECRET, { algorithm: 'HS256' });
      statuses.push((await b.http.get('/api/me').set('Authorization', `Bearer ${token}`)).status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401]);
  });

  // AuthGuard: `const [scheme, token] = header.split(' ')` ignores whatever follows the token
  knownBug('an Authorization header with more after the token ("Bearer <token> x") is malformed: 401', async () => {
    const res = await b.http.get('/api/me').set('Authorization', `Bearer ${tokens.official} x`);
    expect(res.status).toBe(401);
  });
});

// ───────────────────────────── passwords and tokens: never returned, never logged ─────────────────────────────

describe('passwords and tokens are never returned nor logged', () => {
  const { b, tokens } = useCounty({ LOG_LEVEL: 'trace' });
  const OTHER_PASSWORD = 'S3cret-Stripe-Password!';
  const bodies: string[] = [];

  const expectNoSecrets = (text: string, where: string) => {
    for (const secret of [ADMIN_PASSWORD, PASSWORD, OTHER_PASSWORD, 'passwordHash', 'password_hash', '$argon2']) {
      if (text.includes(secret)) throw new Error(`${where} contains ${secret}: ${text.slice(0, 300)}`);
    }
  };

  it('no answer of /api/users, /api/me or sign-in holds a password or its hash', async () => {
    const admin = { Authorization: `Bearer ${tokens.admin}` };
    const created = await b.http
      .post('/api/users')
      .set(admin)
      .send({ username: 'zebra', password: OTHER_PASSWORD, displayName: '斑马', roles: ['official'], department: 'zjj' })
      .expect(201);
    bodies.push(created.text);
    expect(Object.keys(created.body).sort()).toEqual([
      'department',
      'displayName',
      'governmentId',
      'governmentPath',
      'id',
      'roles',
      'username',
    ]);
    const token = await login(b, 'zebra', OTHER_PASSWORD);
    const answers = [
      await b.http.post('/api/auth/login').send({ username: 'zebra', password: OTHER_PASSWORD }),
      await b.http.post('/api/auth/login').send({ username: 'zebra', password: 'wrong-password' }),
      await b.http.post('/api/auth/login').send({ username: 'zebra', password: OTHER_PASSWORD, extra: 1 }),
      await b.http.get('/api/users').set(admin),
      await b.http.get('/api/me').set('Authorization', `Bearer ${token}`),
      await b.http.get('/api/me').set(admin),
      await b.http
        .post('/api/users')
        .set(admin)
        .send({ username: 'zebra', password: OTHER_PASSWORD, displayName: '重名', roles: ['supervisor'] }),
      await b.http
        .post('/api/users')
        .set(admin)
        .send({ username: 'short', password: 'short', displayName: 's', roles: ['supervisor'] }),
      await b.http.get('/api/audit/refusals').set(admin),
      await b.http.get('/api/docs-json'),
    ];
    for (const res of answers) bodies.push(res.text);
    const users = answers[3].body as Record<string, unknown>[];
    expect(users.length).toBeGreaterThan(5);
    for (const u of users)
      expect(Object.keys(u).sort()).toEqual([
        'active',
        'deactivatedAt',
        'department',
        'displayName',
        'email',
        'governmentId',
        'governmentPath',
        'id',
        'roles',
        'username',
      ]);
    bodies.forEach((text, i) => expectNoSecrets(text, `answer ${i}`));
  });

  // Nest's JSON body parser error (V8's message) quotes the raw body around the error: `..."password":admin-pass"...`
  knownBug('a malformed sign-in body is refused without quoting the password back', async () => {
    for (const body of [
      `{"username":"admin","password":${ADMIN_PASSWORD}}`,
      `{"username":"admin","password":"${ADMIN_PASSWORD}","x":NaN}`,
    ]) {
      const res = await b.http.post('/api/auth/login').set('Content-Type', 'application/json').send(body);
      expect(res.status).toBe(400);
      for (let i = 0; i + 6 <= ADMIN_PASSWORD.length; i++) expect(res.text).not.toContain(ADMIN_PASSWORD.slice(i, i + 6));
    }
  });

  it('the server’s log (LOG_LEVEL=trace) holds no password, no hash and no bearer token', async () => {
    // a little of everything: sign-ins right and wrong, reads, writes, refusals
    await b.http.post('/api/auth/login').send({ username: 'admin', password: 'wrong-' + ADMIN_PASSWORD });
    await b.http.post('/api/auth/login').set('Content-Type', 'application/json').send(`{"username":"admin","password":"${ADMIN_PASSWORD}"`);
    const d = caseDriver(b, tokens);
    const c = await d.create('official', { procedure: 'major-decision', title: '日志', department: 'fgw', occurredAt: '2023-02-01' });
    await d.send('official', c, 'APPROVE_START', '2023-02-02');
    await b.http.get('/api/cases').set('Authorization', `Bearer ${tokens.supervisor}`).expect(200);
    await b.http.get('/api/me').set('Authorization', `Bearer ${tokens.official}x`).expect(401);
    await new Promise((r) => setTimeout(r, 300));
    const log = b.output();
    expect(log.length).toBeGreaterThan(1000); // trace logging is on
    expectNoSecrets(log, 'the log');
    expect(log).not.toContain('Bearer ');
    for (const [who, token] of Object.entries(tokens)) {
      if (log.includes(token.split('.')[2])) throw new Error(`the log holds ${who}'s token`);
    }
  });
});
