/**
 * What the admin's pages rely on: changing a user's roles and department (`PUT /api/users/:id/roles`),
 * in force at the user's next request; and departments made and renamed with a code that fits a path.
 * Each refusal says what was wrong and changes nothing.
 */
import { login, PASSWORD, useCounty } from './harness';

interface UserView {
  id: string;
  username: string;
  roles: string[];
  department: string | null;
  active: boolean;
}

describe('admin: roles, departments', () => {
  const { b, bearer } = useCounty();

  const users = async () => (await b.http.get('/api/users').set(bearer('admin')).expect(200)).body as UserView[];
  const userNamed = async (username: string) => (await users()).find((u) => u.username === username)!;
  const setRoles = (id: string, body: object) => b.http.put(`/api/users/${id}/roles`).set(bearer('admin')).send(body);

  it('changes roles and department; the user acts under them at their next request', async () => {
    const created = await b.http
      .post('/api/users')
      .set(bearer('admin'))
      .send({ username: 'mover', password: PASSWORD, displayName: '调岗人员', roles: ['official'], department: 'fgw' })
      .expect(201);
    const token = await login(b, 'mover');
    const draft = {
      procedure: 'normative-document',
      title: '住建局的办法',
      department: 'zjj',
      affectsPublicRights: false,
      marketRelated: false,
      interim: false,
      issuingOrgan: 'government',
    };
    // an official of fgw may not draft for zjj
    expect((await b.http.post('/api/cases').set('Authorization', `Bearer ${token}`).send(draft)).status).toBe(403);

    const res = await setRoles(created.body.id, { roles: ['official', 'official', 'supervisor'], department: 'zjj' }).expect(200);
    expect(res.body).toMatchObject({ id: created.body.id, roles: ['official', 'supervisor'], department: 'zjj', active: true });
    expect(await userNamed('mover')).toMatchObject({ roles: ['official', 'supervisor'], department: 'zjj' });
    // the same token, the new duties
    const me = await b.http.get('/api/me').set('Authorization', `Bearer ${token}`).expect(200);
    expect(me.body).toMatchObject({ roles: ['official', 'supervisor'], department: 'zjj' });
    await b.http.post('/api/cases').set('Authorization', `Bearer ${token}`).send(draft).expect(201);

    // no longer an official: bound to no department
    await setRoles(created.body.id, { roles: ['supervisor'], department: null }).expect(200);
    expect(await userNamed('mover')).toMatchObject({ roles: ['supervisor'], department: null });
  });

  it('refuses what cannot be, changing nothing', async () => {
    const before = await userNamed('official');
    const refusals: [object, number, string, string][] = [
      [{ roles: ['official'], department: null }, 400, 'department', '承办人员必须属于一个部门'],
      [{ roles: ['official'], department: 'nowhere' }, 400, 'department', '部门 nowhere 不存在'],
      [{ roles: [], department: 'fgw' }, 400, 'roles', ''],
      [{ roles: ['mayor'], department: 'fgw' }, 400, 'roles', ''],
      [{ roles: ['official'] }, 400, 'department', ''],
      [{ roles: ['official'], department: 'fgw', username: 'renamed' }, 400, 'username', ''],
    ];
    for (const [body, status, field, message] of refusals) {
      const res = await setRoles(before.id, body);
      expect({ body, status: res.status, code: res.body.code }).toEqual({ body, status, code: 'VALIDATION_FAILED' });
      expect(JSON.stringify(res.body.details)).toContain(field);
      if (message) expect(res.body.message).toContain(message);
    }
    expect(await userNamed('official')).toEqual(before);
    const unknown = await setRoles('00000000-0000-0000-0000-000000000000', { roles: ['supervisor'], department: null });
    expect({ status: unknown.status, code: unknown.body.code }).toEqual({ status: 404, code: 'NOT_FOUND' });
  });

  it('the admin cannot take away their own admin role, but may add another', async () => {
    const admin = await userNamed('admin');
    const res = await setRoles(admin.id, { roles: ['supervisor'], department: null });
    expect({ status: res.status, code: res.body.code }).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
    expect(res.body.message).toContain('不能取消自己的系统管理员角色');
    expect((await userNamed('admin')).roles).toEqual(['admin']);
    await setRoles(admin.id, { roles: ['admin', 'supervisor'], department: null }).expect(200);
    await setRoles(admin.id, { roles: ['admin'], department: null }).expect(200);
  });

  it('a department is made and renamed under a code of letters, digits, - and _', async () => {
    await b.http.put('/api/departments/swj').set(bearer('admin')).send({ name: '县水务局' }).expect(200);
    const renamed = await b.http
      .put('/api/departments/swj')
      .set(bearer('admin'))
      .send({ name: '县水利局', documentPrefix: '泗水规' })
      .expect(200);
    expect(renamed.body).toEqual({ id: 'swj', name: '县水利局', documentPrefix: '泗水规', governmentId: 'county-government' });
    const list = (await b.http.get('/api/departments').set(bearer('official')).expect(200)).body as { id: string; name: string }[];
    expect(list.find((d) => d.id === 'swj')).toMatchObject({ name: '县水利局' });
    for (const bad of ['水务局', 'a%20b', 'x'.repeat(65)]) {
      const res = await b.http.put(`/api/departments/${bad}`).set(bearer('admin')).send({ name: '坏部门' });
      expect({ bad, status: res.status, code: res.body.code }).toEqual({ bad, status: 400, code: 'VALIDATION_FAILED' });
      expect(res.body.message).toContain('部门代码');
    }
    const empty = await b.http.put('/api/departments/swj').set(bearer('admin')).send({ name: '' });
    expect(empty.status).toBe(400);
    expect((await b.http.get('/api/departments').set(bearer('admin')).expect(200)).body).not.toContainEqual(
      expect.objectContaining({ name: '坏部门' }),
    );
  });
});
