import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { bootApp, Booted, login } from './harness';

/**
 * Several instances behind a load balancer are started together. What a start does to the
 * database (migrations, seeding an empty one) happens once, under the PostgreSQL start-up lock
 * (src/database/lock.ts). SQLite is served by one process per file, so this runs on
 * PostgreSQL only (CI's second pass).
 */
jest.setTimeout(120_000);

const onPostgres = Boolean(process.env.DOCKET_TEST_POSTGRES);
/** every migration the repository has, each run once */
const MIGRATIONS = readdirSync(resolve(__dirname, '../src/database/migrations')).filter((f) => /^\d+-.+\.ts$/.test(f)).length;

(onPostgres ? describe : describe.skip)('three instances starting at once on one empty PostgreSQL database', () => {
  let servers: Booted[] = [];
  afterAll(async () => {
    for (const s of servers.slice(1)) await s.close(true);
    await servers[0]?.close();
  });

  it('migrate it and seed the demo once; every instance then serves the same county', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'docket-e2e-'));
    const env = { DOCKET_SEED: 'demo', DOCKET_DEMO_PASSWORD: 'demo-pass-123' };
    servers = await Promise.all([bootApp(env, dir), bootApp(env, dir), bootApp(env, dir)]);
    const [a] = servers;

    const count = async (sql: string) => Number((await a.sql(sql))[0].n);
    expect(await count('SELECT COUNT(*) AS n FROM migrations')).toBe(MIGRATIONS);
    expect(await count("SELECT COUNT(*) AS n FROM users WHERE username = 'supervisor'")).toBe(1);
    // the demo's 2023 catalogue has 4 items: seeded twice it would have 8
    expect(await count('SELECT COUNT(*) AS n FROM catalogue_items WHERE year = 2023')).toBe(4);
    const seeded = servers.filter((s) => s.output().includes('Docket 演示数据已生成'));
    expect(seeded).toHaveLength(1);

    for (const s of servers) {
      const token = await login(s, 'supervisor', 'demo-pass-123');
      const report = await s.http.get('/api/reports/compliance?year=2023').set('Authorization', `Bearer ${token}`).expect(200);
      expect(report.body.normativeDocuments).toMatchObject({ published: 3, filed: 3 });
      expect(report.body.majorDecisions).toMatchObject({ archived: 4 });
      const verify = await s.http.get('/api/audit/verify').set('Authorization', `Bearer ${token}`).expect(200);
      expect(verify.body.ok).toBe(true);
    }
  });
});
