import { MigrationInterface, QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';

/**
 * Supervision: the facts reports and lists filter on, kept in columns of `cases`; the annual
 * decision catalogue; clean-up campaigns. Facts of existing rows are filled in at boot
 * (`facts_version` 0 means "not yet derived").
 */
export class Supervision1764288000000 implements MigrationInterface {
  name = 'Supervision1764288000000';

  async up(q: QueryRunner): Promise<void> {
    const date = (name: string) => new TableColumn({ name, type: 'varchar', length: '10', isNullable: true });
    const flag = (name: string) => new TableColumn({ name, type: 'boolean', default: false });
    await q.addColumns('cases', [
      new TableColumn({ name: 'facts_version', type: 'integer', default: 0 }),
      new TableColumn({ name: 'report_year', type: 'integer', isNullable: true }),
      date('started_on'),
      date('decided_on'),
      date('published_on'),
      date('archived_on'),
      date('filed_on'),
      date('filing_deadline'),
      flag('filed_late'),
      flag('registered'),
      flag('outside_catalogue'),
      new TableColumn({ name: 'catalogue_item_id', type: 'varchar', length: '40', isNullable: true }),
      new TableColumn({ name: 'document_number', type: 'varchar', length: '80', isNullable: true }),
      new TableColumn({ name: 'issues', type: 'text', default: "'[]'" }),
      new TableColumn({ name: 'issue_count', type: 'integer', default: 0 }),
      date('due_date'),
      new TableColumn({ name: 'due_code', type: 'varchar', length: '40', isNullable: true }),
      flag('due_provisional'),
      date('overdue_since'),
      new TableColumn({ name: 'awaiting_roles', type: 'varchar', length: '100', default: "''" }),
    ]);
    await q.createIndex('cases', new TableIndex({ name: 'IDX_cases_procedure_year', columnNames: ['procedure', 'report_year'] }));
    await q.createIndex('cases', new TableIndex({ name: 'IDX_cases_due_date', columnNames: ['due_date'] }));

    await q.createTable(
      new Table({
        name: 'catalogues',
        columns: [
          { name: 'year', type: 'integer', isPrimary: true },
          { name: 'published_on', type: 'varchar', length: '10', isNullable: true },
          { name: 'published_by', type: 'varchar', length: '36', isNullable: true },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'catalogue_items',
        columns: [
          { name: 'id', type: 'varchar', length: '40', isPrimary: true },
          { name: 'year', type: 'integer' },
          { name: 'seq', type: 'integer' },
          { name: 'title', type: 'varchar', length: '300' },
          { name: 'department', type: 'varchar', length: '64' },
          { name: 'added_on', type: 'varchar', length: '10' },
          { name: 'adjustment_reason', type: 'text', isNullable: true },
          { name: 'withdrawn_on', type: 'varchar', length: '10', isNullable: true },
          { name: 'withdrawal_reason', type: 'text', isNullable: true },
        ],
        indices: [{ name: 'IDX_catalogue_items_year_seq', columnNames: ['year', 'seq'], isUnique: true }],
      }),
    );
    await q.createTable(
      new Table({
        name: 'cleanups',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'name', type: 'varchar', length: '200' },
          { name: 'cutoff_date', type: 'varchar', length: '10' },
          { name: 'issuing_organ', type: 'varchar', length: '20' },
          { name: 'created_by', type: 'varchar', length: '36' },
          { name: 'created_on', type: 'varchar', length: '10' },
          { name: 'completed_on', type: 'varchar', length: '10', isNullable: true },
          { name: 'result_reference', type: 'varchar', length: '200', isNullable: true },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'cleanup_items',
        columns: [
          { name: 'cleanup_id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'case_id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'document_number', type: 'varchar', length: '80' },
          { name: 'title', type: 'varchar', length: '300' },
          { name: 'decision', type: 'varchar', length: '20', isNullable: true },
          { name: 'reason', type: 'text', isNullable: true },
          { name: 'decided_on', type: 'varchar', length: '10', isNullable: true },
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['cleanup_items', 'cleanups', 'catalogue_items', 'catalogues']) await q.dropTable(t);
    await q.dropIndex('cases', 'IDX_cases_due_date');
    await q.dropIndex('cases', 'IDX_cases_procedure_year');
    for (const c of [
      'awaiting_roles',
      'overdue_since',
      'due_provisional',
      'due_code',
      'due_date',
      'issue_count',
      'issues',
      'catalogue_item_id',
      'outside_catalogue',
      'registered',
      'filed_late',
      'filing_deadline',
      'filed_on',
      'archived_on',
      'published_on',
      'decided_on',
      'started_on',
      'report_year',
      'facts_version',
    ]) {
      await q.dropColumn('cases', c);
    }
  }
}
