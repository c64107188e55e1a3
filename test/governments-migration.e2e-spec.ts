import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { DataSource } from 'typeorm';
import { loadConfig } from '../src/config/config';
import { dataSourceOptions, migrationsFor } from '../src/database/data-source';
import { ADMIN_PASSWORD, bootApp, databaseFor, onPostgres, type Booted } from './harness';
import { FIXTURE_PASSWORD, QUESTIONS, stable } from './fixtures/county-2023';
import answers from './fixtures/county-2023.answers.json';

/**
 * A county's database from before governments were records (the demo's, as that Docket wrote
 * it) migrates into one government holding everything, and answers every question as before.
 * On SQLite the old file itself; on PostgreSQL a database built by the migrations before this
 * one and filled with the old file's rows, table by table.
 */
const POSTGRES = process.env.DOCKET_TEST_POSTGRES;
const FIXTURE = join(__dirname, 'fixtures/county-2023.sqlite');

/** The PostgreSQL database the server on `dir` will use, as the Docket before governments left it. */
async function oldPostgresDatabase(dir: string): Promise<void> {
  const database = databaseFor(dir);
  await onPostgres((c) => c.query(`CREATE DATABASE ${database}`));
  const config = loadConfig({ ...process.env, DATABASE_URL: `${POSTGRES}/${database}`, DOCKET_SEED: 'none' });
  const all = migrationsFor(config);
  const ds = await new DataSource({ ...dataSourceOptions(config), migrations: all.slice(0, -1) } as never).initialize();
  await ds.runMigrations({ transaction: 'all' });
  const old = new Database(FIXTURE, { readonly: true });
  try {
    const tables = (
      old.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT IN ('migrations', 'sqlite_sequence')").all() as {
        name: string;
      }[]
    ).map((t) => t.name);
    for (const table of tables) {
      const types = new Map(
        (
          (await ds.query('SELECT column_name, data_type FROM information_schema.columns WHERE table_name = $1', [table])) as {
            column_name: string;
            data_type: string;
          }[]
        ).map((c) => [c.column_name, c.data_type]),
      );
      for (const row of old.prepare(`SELECT * FROM "${table}"`).all() as Record<string, unknown>[]) {
        const cols = Object.keys(row);
        const values = cols.map((k) => (types.get(k) === 'boolean' && row[k] !== null ? Boolean(row[k]) : row[k]));
        await ds.query(
          `INSERT INTO "${table}" (${cols.map((k) => `"${k}"`).join(', ')}) VALUES (${cols.map((_, i) => `$${i + 1}`).join(', ')})`,
          values,
        );
      }
    }
    // the serial ids go on from where the copied rows left them
    for (const table of tables) {
      const [{ seq }] = (await ds.query("SELECT pg_get_serial_sequence($1, 'id') AS seq", [table]).catch(() => [{ seq: null }])) as {
        seq: string | null;
      }[];
      if (seq) await ds.query(`SELECT setval('${seq}', COALESCE((SELECT MAX(id) FROM "${table}"), 0) + 1, false)`);
    }
  } finally {
    old.close();
    await ds.destroy();
  }
}

describe('a county database from before governments', () => {
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
    if (POSTGRES) await oldPostgresDatabase(dir);
    else copyFileSync(FIXTURE, join(dir, 'docket.sqlite'));
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
    // cases updated at the same instant may come in either order (the databases break ties differently)
    const byId = (v: unknown) => {
      const page = v as { items?: { id: string }[] };
      return page.items ? { ...page, items: [...page.items].sort((a, b) => a.id.localeCompare(b.id)) } : v;
    };
    expect(byId(stable(res.body))).toMatchObject(byId(answers[`${who} ${path}` as keyof typeof answers]) as object);
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
