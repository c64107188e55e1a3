import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';

/**
 * Identity: users are deactivated, never deleted (so a username is never given twice); a token
 * version every token carries, raised to end them all (password change, sign-out, deactivation);
 * failed sign-ins counted on the user row, so the per-account backoff holds across instances.
 */
export class Identity1764460800000 implements MigrationInterface {
  name = 'Identity1764460800000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumns('users', [
      new TableColumn({ name: 'deactivated_at', type: 'varchar', length: '30', isNullable: true }),
      new TableColumn({ name: 'token_version', type: 'integer', default: 0 }),
      new TableColumn({ name: 'failed_logins', type: 'integer', default: 0 }),
      new TableColumn({ name: 'login_blocked_until', type: 'varchar', length: '30', isNullable: true }),
    ]);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const c of ['login_blocked_until', 'failed_logins', 'token_version', 'deactivated_at']) await q.dropColumn('users', c);
  }
}
