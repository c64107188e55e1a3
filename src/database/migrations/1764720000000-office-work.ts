import { MigrationInterface, QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';

/**
 * Office work (办文): the person in charge of each case (承办人, at first its creator) and everyone
 * who has been, copies
 * for information (抄送), the users' notifications and the outbox that delivers them beyond the
 * page (webhook, e-mail), written in the same transaction as what caused them.
 */
export class OfficeWork1764720000000 implements MigrationInterface {
  name = 'OfficeWork1764720000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('cases', new TableColumn({ name: 'assignee', type: 'varchar', length: '36', isNullable: true }));
    await q.query('UPDATE cases SET assignee = created_by');
    await q.createIndex('cases', new TableIndex({ name: 'IDX_cases_assignee', columnNames: ['assignee'] }));
    await q.createIndex('cases', new TableIndex({ name: 'IDX_cases_created_by', columnNames: ['created_by'] }));
    // 已办: the cases a user acted on
    await q.createIndex('audit_events', new TableIndex({ name: 'IDX_audit_events_actor', columnNames: ['actor_id', 'case_id'] }));
    await q.addColumn('users', new TableColumn({ name: 'email', type: 'varchar', length: '200', isNullable: true }));

    await q.createTable(
      new Table({
        name: 'case_copies',
        columns: [
          { name: 'case_id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'user_id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'copied_by', type: 'varchar', length: '36' },
          { name: 'note', type: 'varchar', length: '500', isNullable: true },
          { name: 'copied_at', type: 'varchar', length: '30' },
        ],
        indices: [{ name: 'IDX_case_copies_user', columnNames: ['user_id'] }],
      }),
    );

    // everyone who has been in charge of a case: a sponsor of it for good (separation of duties)
    await q.createTable(
      new Table({
        name: 'case_assignees',
        columns: [
          { name: 'case_id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'user_id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'since', type: 'varchar', length: '30' },
        ],
        indices: [{ name: 'IDX_case_assignees_user', columnNames: ['user_id'] }],
      }),
    );
    await q.query('INSERT INTO case_assignees (case_id, user_id, since) SELECT id, created_by, created_at FROM cases');

    await q.createTable(
      new Table({
        name: 'notifications',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'user_id', type: 'varchar', length: '36' },
          { name: 'type', type: 'varchar', length: '40' },
          { name: 'case_id', type: 'varchar', length: '36' },
          { name: 'message_zh', type: 'text' },
          { name: 'message_en', type: 'text' },
          // what makes it one of a kind: a second instance (or a second run) writing the same is a no-op
          { name: 'dedupe_key', type: 'varchar', length: '200' },
          { name: 'created_at', type: 'varchar', length: '30' },
          { name: 'read_at', type: 'varchar', length: '30', isNullable: true },
        ],
        indices: [
          { name: 'IDX_notifications_once', columnNames: ['user_id', 'dedupe_key'], isUnique: true },
          { name: 'IDX_notifications_user', columnNames: ['user_id', 'created_at'] },
          { name: 'IDX_notifications_case', columnNames: ['case_id', 'dedupe_key'] },
        ],
      }),
    );

    await q.createTable(
      new Table({
        name: 'outbox',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'notification_id', type: 'varchar', length: '36' },
          { name: 'channel', type: 'varchar', length: '10' },
          // the exact bytes sent (and signed), fixed when written so every retry sends the same
          { name: 'body', type: 'text' },
          { name: 'attempts', type: 'integer', default: 0 },
          { name: 'next_attempt_at', type: 'varchar', length: '30' },
          // an instance sending it holds it until then; another takes it only after
          { name: 'lease_until', type: 'varchar', length: '30', isNullable: true },
          { name: 'lease_owner', type: 'varchar', length: '36', isNullable: true },
          { name: 'delivered_at', type: 'varchar', length: '30', isNullable: true },
          { name: 'last_error', type: 'varchar', length: '500', isNullable: true },
          { name: 'created_at', type: 'varchar', length: '30' },
        ],
        indices: [
          { name: 'IDX_outbox_due', columnNames: ['delivered_at', 'next_attempt_at'] },
          { name: 'IDX_outbox_channel', columnNames: ['notification_id', 'channel'], isUnique: true },
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('outbox');
    await q.dropTable('notifications');
    await q.dropTable('case_assignees');
    await q.dropTable('case_copies');
    await q.dropColumn('users', 'email');
    await q.dropIndex('audit_events', 'IDX_audit_events_actor');
    await q.dropIndex('cases', 'IDX_cases_created_by');
    await q.dropIndex('cases', 'IDX_cases_assignee');
    await q.dropColumn('cases', 'assignee');
  }
}
