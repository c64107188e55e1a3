import { MigrationInterface, QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';
import type { AppConfig } from '../../config/config';

/** The id of the government a database held before governments were records (its departments' own). */
export const FIRST_GOVERNMENT = 'county-government';

/**
 * Governments as records (province, city, county), and departments, users and cases under them.
 * A database from before holds one government, the deployment's own, made from its settings: the
 * name and prefix of its `county-government` department when it has one (else DOCKET_GOVERNMENT_NAME
 * and DOCKET_GOVERNMENT_PREFIX), DOCKET_JURISDICTION, DOCKET_REVIEW_DEPARTMENT and
 * DOCKET_OFFICE_DEPARTMENT; everything it holds belongs to that government, so nothing it
 * answered changes. No event, snapshot or hash is touched: the audit chain verifies as before.
 */
export function governmentsMigration(config: AppConfig) {
  return class Governments1764979200000 implements MigrationInterface {
    name = 'Governments1764979200000';

    async up(q: QueryRunner): Promise<void> {
      await q.createTable(
        new Table({
          name: 'governments',
          columns: [
            { name: 'id', type: 'varchar', length: '64', isPrimary: true },
            { name: 'name', type: 'varchar', length: '100' },
            { name: 'level', type: 'varchar', length: '10' },
            { name: 'parent_id', type: 'varchar', length: '64', isNullable: true },
            { name: 'path', type: 'varchar', length: '700' },
            { name: 'document_prefix', type: 'varchar', length: '40', isUnique: true },
            { name: 'jurisdiction', type: 'varchar', length: '20' },
            { name: 'review_department', type: 'varchar', length: '64', isNullable: true },
            { name: 'office_department', type: 'varchar', length: '64', isNullable: true },
          ],
          indices: [{ name: 'IDX_governments_path', columnNames: ['path'] }],
        }),
      );
      const p = (i: number) => (q.connection.options.type === 'postgres' ? `$${i}` : '?');
      const own = (
        (await q.query(`SELECT name, document_prefix FROM departments WHERE id = ${p(1)}`, [FIRST_GOVERNMENT])) as {
          name: string;
          document_prefix: string | null;
        }[]
      )[0];
      const first = `/${FIRST_GOVERNMENT}/`;
      const values = [
        FIRST_GOVERNMENT,
        own?.name ?? config.DOCKET_GOVERNMENT_NAME,
        config.DOCKET_GOVERNMENT_LEVEL,
        first,
        own?.document_prefix ?? config.DOCKET_GOVERNMENT_PREFIX,
        config.DOCKET_JURISDICTION,
        config.DOCKET_REVIEW_DEPARTMENT,
        config.DOCKET_OFFICE_DEPARTMENT,
      ];
      await q.query(
        `INSERT INTO governments (id, name, level, path, document_prefix, jurisdiction, review_department, office_department)
         VALUES (${values.map((_, i) => p(i + 1)).join(', ')})`,
        values,
      );
      for (const t of ['departments', 'users', 'cases']) {
        // every row the database held is the first government's; from here on each insert names its own
        await q.addColumn(t, new TableColumn({ name: 'government_id', type: 'varchar', length: '64', default: `'${FIRST_GOVERNMENT}'` }));
        // a user's and a case's place among governments, so scope is a prefix of one column, never a join
        if (t !== 'departments')
          await q.addColumn(t, new TableColumn({ name: 'government_path', type: 'varchar', length: '700', default: `'${first}'` }));
        if (q.connection.options.type === 'postgres') {
          await q.query(`ALTER TABLE ${t} ALTER COLUMN government_id DROP DEFAULT`);
          if (t !== 'departments') await q.query(`ALTER TABLE ${t} ALTER COLUMN government_path DROP DEFAULT`);
        }
        await q.createIndex(t, new TableIndex({ name: `IDX_${t}_government`, columnNames: ['government_id'] }));
      }
      await q.createIndex('cases', new TableIndex({ name: 'IDX_cases_government_path', columnNames: ['government_path', 'report_year'] }));
      // 备案: what a government filed with the one above it, as the receiving government reviews it
      await q.createTable(
        new Table({
          name: 'filings',
          columns: [
            { name: 'id', type: 'varchar', length: '36', isPrimary: true },
            { name: 'case_id', type: 'varchar', length: '36' },
            { name: 'from_government_id', type: 'varchar', length: '64' },
            { name: 'to_government_id', type: 'varchar', length: '64' },
            { name: 'title', type: 'varchar', length: '300' },
            { name: 'document_number', type: 'varchar', length: '80', isNullable: true },
            { name: 'status', type: 'varchar', length: '12' },
            { name: 'received_on', type: 'varchar', length: '10' },
            { name: 'due_on', type: 'varchar', length: '10', isNullable: true },
            { name: 'registered_on', type: 'varchar', length: '10', isNullable: true },
            { name: 'held_on', type: 'varchar', length: '10', isNullable: true },
            { name: 'hold_reason', type: 'text', isNullable: true },
            { name: 'supply_by', type: 'varchar', length: '10', isNullable: true },
            { name: 'reviewed_on', type: 'varchar', length: '10', isNullable: true },
            { name: 'reviewed_in_time', type: 'boolean', isNullable: true },
            { name: 'conclusion', type: 'varchar', length: '20', isNullable: true },
            { name: 'opinion', type: 'text', isNullable: true },
            { name: 'correct_by', type: 'varchar', length: '10', isNullable: true },
            { name: 'reviewer_id', type: 'varchar', length: '36', isNullable: true },
            { name: 'version', type: 'integer' },
          ],
          indices: [
            { name: 'IDX_filings_to', columnNames: ['to_government_id', 'status'] },
            { name: 'IDX_filings_case', columnNames: ['case_id'] },
          ],
        }),
      );
      // each government publishes its own catalogue each year: the key becomes (government, year)
      await q.renameTable('catalogues', 'catalogues_before_governments');
      await q.createTable(
        new Table({
          name: 'catalogues',
          columns: [
            { name: 'government_id', type: 'varchar', length: '64', isPrimary: true },
            { name: 'year', type: 'integer', isPrimary: true },
            { name: 'published_on', type: 'varchar', length: '10', isNullable: true },
            { name: 'published_by', type: 'varchar', length: '36', isNullable: true },
          ],
        }),
      );
      await q.query(
        `INSERT INTO catalogues (government_id, year, published_on, published_by)
         SELECT '${FIRST_GOVERNMENT}', year, published_on, published_by FROM catalogues_before_governments`,
      );
      await q.dropTable('catalogues_before_governments');
      // a catalogue item and a clean-up campaign are one government's too
      await q.addColumn(
        'catalogue_items',
        new TableColumn({ name: 'government_id', type: 'varchar', length: '64', default: `'${FIRST_GOVERNMENT}'` }),
      );
      // items are numbered within their government's catalogue of the year
      await q.dropIndex('catalogue_items', 'IDX_catalogue_items_year_seq');
      await q.createIndex(
        'catalogue_items',
        new TableIndex({ name: 'IDX_catalogue_items_government_year_seq', columnNames: ['government_id', 'year', 'seq'], isUnique: true }),
      );
      await q.addColumn('cleanups', new TableColumn({ name: 'government_path', type: 'varchar', length: '700', default: `'${first}'` }));
      if (q.connection.options.type === 'postgres') {
        await q.query('ALTER TABLE catalogue_items ALTER COLUMN government_id DROP DEFAULT');
        await q.query('ALTER TABLE cleanups ALTER COLUMN government_path DROP DEFAULT');
      }
    }

    async down(q: QueryRunner): Promise<void> {
      await q.dropColumn('cleanups', 'government_path');
      await q.dropIndex('catalogue_items', 'IDX_catalogue_items_government_year_seq');
      await q.dropColumn('catalogue_items', 'government_id');
      await q.createIndex(
        'catalogue_items',
        new TableIndex({ name: 'IDX_catalogue_items_year_seq', columnNames: ['year', 'seq'], isUnique: true }),
      );
      await q.query('DELETE FROM catalogues WHERE government_id <> ' + (q.connection.options.type === 'postgres' ? '$1' : '?'), [
        FIRST_GOVERNMENT,
      ]);
      await q.dropPrimaryKey('catalogues');
      await q.dropColumn('catalogues', 'government_id');
      await q.createPrimaryKey('catalogues', ['year']);
      await q.dropIndex('cases', 'IDX_cases_government_path');
      for (const t of ['cases', 'users', 'departments']) {
        await q.dropIndex(t, `IDX_${t}_government`);
        await q.dropColumn(t, 'government_id');
        if (t !== 'departments') await q.dropColumn(t, 'government_path');
      }
      await q.dropTable('filings');
      await q.dropTable('governments');
    }
  };
}
