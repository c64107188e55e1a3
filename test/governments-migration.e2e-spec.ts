import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ADMIN_PASSWORD, bootApp, type Booted } from './harness';
import { FIXTURE_PASSWORD, QUESTIONS, stable } from './fixtures/county-2023';
import answers from './fixtures/county-2023.answers.json';

/**
 * A county's database from before governments were records (the demo's, as that Docket wrote
 * it) migrates into one government holding everything, and answers every question as before.
 * The file is SQLite; on PostgreSQL the same holds through the migration's own down and up.
 */
const onPostgres = !!process.env.DOCKET_TEST_POSTGRES;

(onPostgres ? describe.skip : describe)('a county database from before governments', () => {
  let b: Booted;
  const tokens: Record<string, string> = {};
  const ask = async (who: string, path: string) => {
    tokens[who] ??= (
      await b.http
        .post('/api/auth/login')
        .send({ username: who, password: who === 'admin' ? ADMIN_PASSWORD : FIXTURE_PASSWORD })
        .expect(200)
    ).body.accessToken;
    return b.http.get(path).set('Authorization', `Bearer ${tokens[who]}`).expect(200);
  };

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'docket-migrate-'));
    copyFileSync(join(__dirname, 'fixtures/county-2023.sqlite'), join(dir, 'docket.sqlite'));
    b = await bootApp({}, dir);
  });
  afterAll(() => b?.close());

  it('holds one government made from its settings and its county-government department', async () => {
    const res = await ask('admin', '/api/governments');
    expect(res.body).toEqual([
      expect.objectContaining({
        id: 'county-government',
        name: '泗阳县人民政府',
        level: 'county',
        parentId: null,
        documentPrefix: '泗政规',
      }),
    ]);
    expect(res.body[0]).toMatchObject({
      jurisdiction: 'jiangsu',
      reviewDepartment: 'sfj',
      officeDepartment: 'zfb',
      path: '/county-government/',
    });
  });

  it.each(QUESTIONS)('answers %s %s as before', async (who, path) => {
    const res = await ask(who, path);
    expect(stable(res.body)).toMatchObject(answers[`${who} ${path}` as keyof typeof answers] as object);
  });

  it('puts every department, user and case under that government', async () => {
    for (const t of ['departments', 'users', 'cases']) {
      const rows = await b.sql(`SELECT government_id AS g, COUNT(*) AS n FROM ${t} GROUP BY government_id`);
      expect(rows.map((r) => r.g)).toEqual(['county-government']);
    }
    const me = await ask('supervisor', '/api/me');
    expect(me.body).toMatchObject({ governmentId: 'county-government', governmentPath: '/county-government/' });
  });
});
