import { createHash } from 'node:crypto';
import { MigrationInterface, QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';

const PAGE = 1000;

/**
 * The audit chain across all cases, and signed checkpoints of its head. The events already stored
 * are linked in the order they were written (by id), so an existing database keeps verifying. The
 * hash is written out here rather than imported, so this migration computes what it computed the
 * day it was released.
 */
export class AuditChain1764547200000 implements MigrationInterface {
  name = 'AuditChain1764547200000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumns('audit_events', [
      new TableColumn({ name: 'global_seq', type: 'integer', isNullable: true }),
      new TableColumn({ name: 'global_hash', type: 'varchar', length: '64', isNullable: true }),
    ]);
    const pg = q.connection.options.type === 'postgres';
    let seq = 0;
    let prev = '0'.repeat(64);
    for (let after = 0; ;) {
      const rows = (await q.query(`SELECT id, hash FROM audit_events WHERE id > ${pg ? '$1' : '?'} ORDER BY id LIMIT ${PAGE}`, [
        after,
      ])) as {
        id: number;
        hash: string;
      }[];
      if (rows.length === 0) break;
      const values: unknown[] = [];
      for (const r of rows) {
        prev = createHash('sha256').update(prev).update('\n').update(r.hash).digest('hex');
        values.push(Number(r.id), ++seq, prev);
      }
      // one statement per page: a million events is a thousand statements, not a million
      if (pg) {
        const tuples = rows.map((_, i) => `($${3 * i + 1}::integer, $${3 * i + 2}::integer, $${3 * i + 3}::varchar)`).join(', ');
        await q.query(
          `UPDATE audit_events AS e SET global_seq = v.g, global_hash = v.h FROM (VALUES ${tuples}) AS v(id, g, h) WHERE e.id = v.id`,
          values,
        );
      } else {
        const tuples = rows.map(() => '(?, ?, ?)').join(', ');
        await q.query(
          `UPDATE audit_events SET global_seq = v.column2, global_hash = v.column3 FROM (VALUES ${tuples}) AS v WHERE audit_events.id = v.column1`,
          values,
        );
      }
      after = Number(rows[rows.length - 1].id);
    }
    await q.createIndex(
      'audit_events',
      new TableIndex({ name: 'IDX_audit_events_global_seq', columnNames: ['global_seq'], isUnique: true }),
    );
    await q.createTable(
      new Table({
        name: 'audit_checkpoints',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'seq', type: 'integer' },
          { name: 'head_hash', type: 'varchar', length: '64' },
          { name: 'taken_at', type: 'varchar', length: '30' },
          { name: 'key_id', type: 'varchar', length: '64' },
          { name: 'signature', type: 'varchar', length: '100' },
          { name: 'taken_by', type: 'varchar', length: '36' },
        ],
      }),
    );
    await q.createIndex(
      'audit_checkpoints',
      new TableIndex({ name: 'IDX_audit_checkpoints_seq_key', columnNames: ['seq', 'key_id'], isUnique: true }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('audit_checkpoints');
    await q.dropIndex('audit_events', 'IDX_audit_events_global_seq');
    await q.dropColumns('audit_events', ['global_seq', 'global_hash']);
  }
}
