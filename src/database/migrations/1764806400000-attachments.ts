import { MigrationInterface, QueryRunner, Table } from 'typeorm';

/**
 * Attachments (附件) of cases, their bytes in the database itself so that every instance on a
 * PostgreSQL database serves them (no shared disk to set up): `blob` on SQLite, `bytea` on PostgreSQL.
 */
export class Attachments1764806400000 implements MigrationInterface {
  name = 'Attachments1764806400000';

  async up(q: QueryRunner): Promise<void> {
    const binary = q.connection.options.type === 'postgres' ? 'bytea' : 'blob';
    await q.createTable(
      new Table({
        name: 'attachments',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'case_id', type: 'varchar', length: '36' },
          { name: 'kind', type: 'varchar', length: '40' },
          { name: 'name', type: 'varchar', length: '200' },
          { name: 'content_type', type: 'varchar', length: '120' },
          { name: 'size', type: 'integer' },
          { name: 'sha256', type: 'varchar', length: '64' },
          { name: 'content', type: binary },
          { name: 'uploaded_by', type: 'varchar', length: '36' },
          { name: 'uploaded_at', type: 'varchar', length: '30' },
          { name: 'seq', type: 'integer' },
        ],
        indices: [{ name: 'IDX_attachments_case', columnNames: ['case_id'] }],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('attachments');
  }
}
