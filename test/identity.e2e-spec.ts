/**
 * Identity, against the real built server: an account is a person for separation of duties, so
 * users are deactivated and never deleted, a username is never given twice, and a deactivated
 * user's tokens stop at once on every instance. Sign-in guessing is held back per account (from
 * any address, in the database) and per address (IPv6 per /64); tokens without `exp` are refused;
 * a password change or a sign-out ends earlier tokens; weak passwords are refused, saying what is
 * wanted. One test per attack.
 */
import { sign } from 'jsonwebtoken';
import { ADMIN_PASSWORD, bootApp, Booted, caseDriver, login, PASSWORD, useCounty, withToken } from './harness';

jest.setTimeout(60_000);

const JWT_SECRET = 'e2e-secret-e2e-secret-e2e-secret';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function createUser(b: Booted, admin: string, body: Record<string, unknown>) {
  return b.http
    .post('/api/users')
    .set(withToken(admin))
    .send({ password: PASSWORD, displayName: String(body.username), roles: ['supervisor'], ...body });
}

/** 401 UNAUTHENTICATED on /api/me with this token. */
async function expect401(b: Booted, token: string) {
  const res = await b.http.get('/api/me').set(withToken(token));
  expect({ status: res.status, code: res.body.code }).toEqual({ status: 401, code: 'UNAUTHENTICATED' });
}

describe('an account is a person: deactivated, never deleted, its username never given again', () => {
  // a second instance on the same database
  const { b: a, b2: b, tokens } = useCounty({}, { second: true });

  it('the delete-recreate-review attack is refused: a sponsor’s username cannot come back as a reviewer', async () => {
    const made = await createUser(a, tokens.admin, {
      username: 'sponsor_li',
      displayName: '李承办',
      roles: ['official'],
      department: 'fgw',
    });
    expect(made.status).toBe(201);
    const sponsor = await login(a, 'sponsor_li');
    const d = caseDriver(a, { ...tokens, official: sponsor });
    let c = await d.create('official', {
      procedure: 'normative-document',
      title: '泗阳县农村公路养护管理办法',
      department: 'fgw',
      occurredAt: '2023-07-03',
      affectsPublicRights: false,
      marketRelated: false,
      interim: false,
      issuingOrgan: 'government',
    });
    c = await d.ok('official', c, 'SUBMIT_FOR_LEGALITY_REVIEW', '2023-07-05', { reviewDueDate: '2023-07-19' });

    await a.http.delete(`/api/users/${made.body.id}`).set(withToken(tokens.admin)).expect(204);
    for (const username of ['sponsor_li', 'Sponsor_Li']) {
      const again = await createUser(a, tokens.admin, { username, displayName: '李审查', roles: ['reviewer'], department: 'sfj' });
      expect({ status: again.status, code: again.body.code }).toEqual({ status: 409, code: 'ALREADY_EXISTS' });
      expect(again.body.message).toContain('sponsor_li');
      expect(again.body.message).toMatch(/停用/);
    }
    // the sponsor is still named in the list of users, marked deactivated
    const users = (await a.http.get('/api/users').set(withToken(tokens.admin)).expect(200)).body as Record<string, unknown>[];
    expect(users.find((u) => u.id === made.body.id)).toMatchObject({ username: 'sponsor_li', displayName: '李承办', active: false });
    expect(users.find((u) => u.id === made.body.id)?.deactivatedAt).toEqual(expect.any(String));
    // the case is reviewed by someone else
    await d.ok('reviewer', c, 'ISSUE_LEGALITY_OPINION', '2023-07-12', { conclusion: 'lawful', opinion: '合法' });
  });

  it('a deactivated user’s token is 401 at once on both instances, they cannot sign in, and they keep their name in the list', async () => {
    const made = await createUser(a, tokens.admin, { username: 'leaver_zhao', displayName: '赵离职' });
    const token = await login(a, 'leaver_zhao');
    await b!.http.get('/api/me').set(withToken(token)).expect(200);
    await a.http.delete(`/api/users/${made.body.id}`).set(withToken(tokens.admin)).expect(204);
    await expect401(b!, token);
    await expect401(a, token);
    const again = await b!.http.post('/api/auth/login').send({ username: 'leaver_zhao', password: PASSWORD });
    expect({ status: again.status, code: again.body.code }).toEqual({ status: 401, code: 'UNAUTHENTICATED' });
    expect(again.body.message).toMatch(/停用/);
    const users = (await b!.http.get('/api/users').set(withToken(tokens.admin)).expect(200)).body as Record<string, unknown>[];
    expect(users.find((u) => u.id === made.body.id)).toMatchObject({ displayName: '赵离职', active: false });

    // reactivated (a deactivation by mistake): the same account, and the old token stays ended
    const back = await a.http.post(`/api/users/${made.body.id}/reactivate`).set(withToken(tokens.admin)).expect(200);
    expect(back.body).toMatchObject({ id: made.body.id, active: true, deactivatedAt: null });
    await expect401(b!, token);
    const fresh = await login(b!, 'leaver_zhao');
    expect((await a.http.get('/api/me').set(withToken(fresh)).expect(200)).body.id).toBe(made.body.id);
    // only the admin deactivates or reactivates
    const official = await a.http.post(`/api/users/${made.body.id}/reactivate`).set(withToken(tokens.official));
    expect(official.status).toBe(403);
    const self = (await a.http.get('/api/me').set(withToken(tokens.admin)).expect(200)).body.id as string;
    expect((await a.http.delete(`/api/users/${self}`).set(withToken(tokens.admin))).status).toBe(400);
  });

  it('a username that ever existed is 409 ALREADY_EXISTS with a message saying it is never given again', async () => {
    const made = await createUser(a, tokens.admin, { username: 'temp_wang' });
    expect(made.status).toBe(201);
    await a.http.delete(`/api/users/${made.body.id}`).set(withToken(tokens.admin)).expect(204);
    const again = await createUser(a, tokens.admin, { username: 'temp_wang' });
    expect({ status: again.status, code: again.body.code }).toEqual({ status: 409, code: 'ALREADY_EXISTS' });
    expect(again.body.message).toContain('temp_wang');
    const en = await createUser(a, tokens.admin, { username: 'temp_wang' }).set('Accept-Language', 'en');
    expect(en.body.message).toMatch(/never/i);
    const rows = await a.sql('SELECT id FROM users WHERE LOWER(username) = ?', ['temp_wang']);
    expect(rows).toHaveLength(1);
  });

  it('a token without `exp` is 401, even signed with the server’s secret', async () => {
    const id = (await a.http.get('/api/me').set(withToken(tokens.official)).expect(200)).body.id as string;
    await expect401(a, sign({ sub: id }, JWT_SECRET, { algorithm: 'HS256' }));
    // the control: the same with an expiry works
    await a.http
      .get('/api/me')
      .set(withToken(sign({ sub: id }, JWT_SECRET, { algorithm: 'HS256', expiresIn: 60 })))
      .expect(200);
  });

  it('changing the password ends every earlier token of that user on both instances; the token it answers with works', async () => {
    await createUser(a, tokens.admin, { username: 'changer_sun' }).expect(201);
    const first = await login(a, 'changer_sun');
    const second = await login(b!, 'changer_sun');
    const wrong = await a.http
      .post('/api/auth/password')
      .set(withToken(first))
      .send({ currentPassword: 'Not-the-pass-1', newPassword: 'New-Pass-2024!' });
    expect({ status: wrong.status, code: wrong.body.code }).toEqual({ status: 403, code: 'FORBIDDEN' });
    await a.http.get('/api/me').set(withToken(first)).expect(200);

    const res = await a.http
      .post('/api/auth/password')
      .set(withToken(first))
      .send({ currentPassword: PASSWORD, newPassword: 'New-Pass-2024!' });
    expect(res.status).toBe(200);
    expect(res.body.accessToken).toEqual(expect.any(String));
    await expect401(a, first);
    await expect401(b!, second);
    await b!.http.get('/api/me').set(withToken(res.body.accessToken)).expect(200);
    expect((await a.http.post('/api/auth/login').send({ username: 'changer_sun', password: PASSWORD })).status).toBe(401);
    await login(b!, 'changer_sun', 'New-Pass-2024!');
  });

  it('signing out ends the token on both instances', async () => {
    await createUser(a, tokens.admin, { username: 'leaving_qian' }).expect(201);
    const token = await login(a, 'leaving_qian');
    await b!.http.get('/api/me').set(withToken(token)).expect(200);
    await a.http.post('/api/auth/logout').set(withToken(token)).expect(204);
    await expect401(a, token);
    await expect401(b!, token);
    // signing in again works
    await b!.http
      .get('/api/me')
      .set(withToken(await login(b!, 'leaving_qian')))
      .expect(200);
  });

  it('the admin resets a forgotten password: the user’s tokens end, the new password works, others may not', async () => {
    const made = await createUser(a, tokens.admin, { username: 'forgot_zhou' });
    const token = await login(a, 'forgot_zhou');
    const path = `/api/users/${made.body.id}/password`;
    expect((await a.http.post(path).set(withToken(tokens.supervisor)).send({ newPassword: 'Reset-Pass-77' })).status).toBe(403);
    expect((await a.http.post(path).set(withToken(tokens.admin)).send({ newPassword: '12345678' })).status).toBe(400);
    await a.http.post(path).set(withToken(tokens.admin)).send({ newPassword: 'Reset-Pass-77' }).expect(204);
    await expect401(b!, token);
    await login(b!, 'forgot_zhou', 'Reset-Pass-77');
  });

  it('weak passwords are refused at creation and at change, with a message saying what is wanted', async () => {
    const weak: [string, string][] = [
      ['12345678', 'seq1'],
      ['        ', 'blank1'],
      ['11111111', 'same1'],
      ['abcdefgh', 'alpha1'],
      ['Abcd1234!', 'run1'],
      ['Aa1!Aa1!', 'repeat1'],
      ['Short1!', 'short1'],
      ['Zhang_San-2024', 'zhang_san'],
      ['x'.repeat(120) + 'Aa1!' + 'y'.repeat(10), 'long1'],
    ];
    for (const [password, username] of weak) {
      const res = await createUser(a, tokens.admin, { username, password });
      expect({ password, status: res.status, code: res.body.code }).toEqual({ password, status: 400, code: 'VALIDATION_FAILED' });
      expect(res.body.message).toMatch(/密码/);
      expect(res.body.message).toContain('至少 8 位');
      expect(res.body.message).toContain('大写字母、小写字母、数字、符号');
    }
    const en = await createUser(a, tokens.admin, { username: 'seq2', password: '12345678' }).set('Accept-Language', 'en');
    expect(en.body.message).toMatch(/at least 8 characters/);
    const rows = await a.sql(
      `SELECT username FROM users WHERE username IN (${weak.map(() => '?').join(', ')})`,
      weak.map(([, u]) => u),
    );
    expect(rows).toEqual([]);

    await createUser(a, tokens.admin, { username: 'keeper_wu' }).expect(201);
    const token = await login(a, 'keeper_wu');
    const change = await a.http
      .post('/api/auth/password')
      .set(withToken(token))
      .send({ currentPassword: PASSWORD, newPassword: 'keeper_wu-2024' });
    expect({ status: change.status, code: change.body.code }).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
    expect(change.body.message).toMatch(/用户名/);
    await a.http.get('/api/me').set(withToken(token)).expect(200);
    await login(a, 'keeper_wu');
  });

  it('a weak DOCKET_ADMIN_PASSWORD stops the server at boot with a message naming it', async () => {
    await expect(bootApp({ DOCKET_ADMIN_PASSWORD: 'admin12345' })).rejects.toThrow(/DOCKET_ADMIN_PASSWORD/);
  });
});

describe('password guessing is held back per account, from any address, on every instance', () => {
  const { b: a, b2: b } = useCounty({ DOCKET_TRUST_PROXY: 'loopback' }, { county: false, second: true });
  let admin: string;
  beforeAll(async () => {
    admin = await login(a, 'admin', ADMIN_PASSWORD);
    await createUser(a, admin, { username: 'target_he' }).expect(201);
  }, 60_000);

  const attempt = (via: Booted, from: string, username: string, password: string) =>
    via.http.post('/api/auth/login').set('X-Forwarded-For', from).send({ username, password });

  it('after 5 failures from 5 addresses the next attempt, even right, is 429 with Retry-After; the wait grows; a success resets', async () => {
    for (let i = 1; i <= 5; i++) {
      const res = await attempt(i % 2 ? a : b!, `198.51.100.${i}`, 'target_he', `Guess-pass-${i}`);
      expect({ i, status: res.status }).toEqual({ i, status: 401 });
    }
    const blocked = await attempt(b!, '203.0.113.50', 'target_he', PASSWORD);
    expect({ status: blocked.status, code: blocked.body.code }).toEqual({ status: 429, code: 'TOO_MANY_REQUESTS' });
    expect(blocked.headers['retry-after']).toBe('1');
    expect(blocked.body.accessToken).toBeUndefined();
    expect(blocked.body.message).toMatch(/秒/);

    await sleep(1100);
    // one more failure: the wait doubles
    expect((await attempt(a, '198.51.100.6', 'target_he', 'Guess-pass-6')).status).toBe(401);
    const longer = await attempt(a, '198.51.100.7', 'target_he', PASSWORD);
    expect(longer.status).toBe(429);
    expect(longer.headers['retry-after']).toBe('2');

    // the real user gets in once the wait is over, and that resets the count
    await sleep(2100);
    expect((await attempt(b!, '192.0.2.1', 'target_he', PASSWORD)).status).toBe(200);
    expect((await attempt(a, '198.51.100.8', 'target_he', 'Guess-pass-8')).status).toBe(401);
    expect((await attempt(a, '192.0.2.1', 'target_he', PASSWORD)).status).toBe(200);
  });

  it('20 guesses at once from 20 addresses through both instances: about 5 are tried, the rest are 429', async () => {
    await createUser(a, admin, { username: 'target_ma' }).expect(201);
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => attempt(i % 2 ? a : b!, `198.51.100.${50 + i}`, 'target_ma', `Guess-pass-${i}`)),
    );
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((s) => s !== 401 && s !== 429)).toEqual([]);
    // the 1 s wait set by the 5th may pass before the last of the burst arrives on a slow machine
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(6);
  });

  it('an unknown username is always 401 and leaves no row behind', async () => {
    const before = await a.sql('SELECT COUNT(*) AS n FROM users');
    for (let i = 1; i <= 8; i++) expect((await attempt(a, `198.51.100.${100 + i}`, 'nobody_here', `Guess-pass-${i}`)).status).toBe(401);
    expect(await a.sql('SELECT COUNT(*) AS n FROM users')).toEqual(before);
  });
});

describe('the sign-in throttle counts an IPv6 client per /64, and IPv4-mapped IPv6 as the IPv4 address', () => {
  const { b: a } = useCounty({ DOCKET_TRUST_PROXY: 'loopback', DOCKET_LOGIN_LIMIT: '3' }, { county: false });

  const attempt = (from: string) =>
    a.http.post('/api/auth/login').set('X-Forwarded-For', from).send({ username: 'nobody', password: 'Guess-pass-1' });

  it('addresses of one /64 share one bucket; another /64 has its own', async () => {
    for (const from of ['2001:db8:1:2::1', '2001:db8:1:2::2', '2001:db8:1:2:aaaa:bbbb:cccc:dddd'])
      expect((await attempt(from)).status).toBe(401);
    const fourth = await attempt('2001:DB8:1:2:ffff::9');
    expect({ status: fourth.status, code: fourth.body.code }).toEqual({ status: 429, code: 'TOO_MANY_REQUESTS' });
    expect((await attempt('2001:db8:1:3::1')).status).toBe(401);
  });

  it('::ffff:203.0.113.5 and 203.0.113.5 are one client', async () => {
    for (const from of ['::ffff:203.0.113.5', '203.0.113.5', '::ffff:cb00:7105']) expect((await attempt(from)).status).toBe(401);
    expect((await attempt('203.0.113.5')).status).toBe(429);
    expect((await attempt('203.0.113.6')).status).toBe(401);
  });
});
