import { MigrationInterface, QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';

/**
 * Versions: the rulebook editions that judged each case (a fact column, filled in at boot for
 * existing rows), and the record of every migration of open cases onto a new procedure version.
 */
export class Versions1764374400000 implements MigrationInterface {
  name = 'Versions1764374400000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('cases', new TableColumn({ name: 'rulebooks', type: 'varchar', length: '200', default: "''" }));
    await q.createIndex('cases', new TableIndex({ name: 'IDX_cases_procedure_version', columnNames: ['procedure', 'procedure_version'] }));
    await q.createTable(
      new Table({
        name: 'procedure_migrations',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'procedure', type: 'varchar', length: '40' },
          { name: 'from_version', type: 'integer' },
          { name: 'to_version', type: 'integer' },
          { name: 'justification', type: 'text' },
          { name: 'legal_basis', type: 'text' },
          { name: 'actor_id', type: 'varchar', length: '36' },
          { name: 'at', type: 'varchar', length: '30' },
          { name: 'moved', type: 'text' },
          { name: 'refused', type: 'text' },
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('procedure_migrations');
    await q.dropIndex('cases', 'IDX_cases_procedure_version');
    await q.dropColumn('cases', 'rulebooks');
  }
}
