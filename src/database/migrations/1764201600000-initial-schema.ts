import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';

/** The first schema. Written with TypeORM's portable Table API so SQLite and PostgreSQL share it. */
export class InitialSchema1764201600000 implements MigrationInterface {
  name = 'InitialSchema1764201600000';

  async up(q: QueryRunner): Promise<void> {
    const id = (name = 'id') => ({ name, type: 'varchar', length: '36', isPrimary: true });
    const str = (name: string, length: number, nullable = false) => ({
      name,
      type: 'varchar',
      length: String(length),
      isNullable: nullable,
    });
    const auto = { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' as const };

    await q.createTable(
      new Table({
        name: 'departments',
        columns: [str('id', 64), str('name', 100), str('document_prefix', 40, true)].map((c, i) =>
          i === 0 ? { ...c, isPrimary: true } : c,
        ),
      }),
    );
    await q.createTable(
      new Table({
        name: 'users',
        columns: [
          id(),
          { ...str('username', 64), isUnique: true },
          str('password_hash', 200),
          str('display_name', 100),
          { name: 'roles', type: 'text' },
          str('department', 64, true),
          str('created_at', 30),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'cases',
        columns: [
          id(),
          str('procedure', 40),
          { name: 'procedure_version', type: 'integer' },
          str('title', 300),
          str('department', 64),
          str('stage', 40),
          { name: 'snapshot', type: 'text' },
          { name: 'version', type: 'integer' },
          str('created_by', 36),
          str('created_at', 30),
          str('updated_at', 30),
        ],
      }),
    );
    await q.createIndex('cases', new TableIndex({ name: 'IDX_cases_department_stage', columnNames: ['department', 'stage'] }));
    await q.createIndex('cases', new TableIndex({ name: 'IDX_cases_procedure_stage', columnNames: ['procedure', 'stage'] }));
    await q.createTable(
      new Table({
        name: 'audit_events',
        columns: [
          auto,
          str('case_id', 36),
          { name: 'seq', type: 'integer' },
          str('type', 60),
          str('actor_id', 36),
          str('actor_role', 20),
          str('occurred_at', 40),
          str('recorded_at', 30),
          { name: 'data', type: 'text' },
          str('prev_hash', 64),
          str('hash', 64),
        ],
      }),
    );
    await q.createIndex(
      'audit_events',
      new TableIndex({ name: 'IDX_audit_events_case_seq', columnNames: ['case_id', 'seq'], isUnique: true }),
    );
    await q.createTable(
      new Table({
        name: 'refusals',
        columns: [
          auto,
          str('at', 30),
          str('user_id', 36, true),
          str('method', 10),
          str('path', 500),
          { name: 'status', type: 'integer' },
          str('code', 40),
          { name: 'message', type: 'text' },
          { name: 'blockers', type: 'text' },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'document_numbers',
        columns: [
          { ...str('prefix', 40), isPrimary: true },
          { name: 'year', type: 'integer', isPrimary: true },
          { name: 'n', type: 'integer', isPrimary: true },
          str('case_id', 36),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'holiday_years',
        columns: [
          { name: 'year', type: 'integer', isPrimary: true },
          { name: 'holidays', type: 'text' },
          { name: 'make_up_workdays', type: 'text' },
          str('updated_by', 36),
          str('updated_at', 30),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'settings',
        columns: [
          { ...str('key', 64), isPrimary: true },
          { name: 'value', type: 'text' },
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['settings', 'holiday_years', 'document_numbers', 'refusals', 'audit_events', 'cases', 'users', 'departments']) {
      await q.dropTable(t);
    }
  }
}
