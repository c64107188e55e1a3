import { MigrationInterface, QueryRunner, Table } from 'typeorm';

/**
 * Refusals that are counted, not stored (anonymous and throttled ones): one row per day and
 * kind, whatever the number of requests, so a flood adds no rows to the refusal log.
 */
export class RefusalCounts1764633600000 implements MigrationInterface {
  name = 'RefusalCounts1764633600000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'refusal_counts',
        columns: [
          { name: 'day', type: 'varchar', length: '10', isPrimary: true },
          { name: 'kind', type: 'varchar', length: '20', isPrimary: true },
          { name: 'count', type: 'integer', default: 0 },
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('refusal_counts');
  }
}
