import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Role } from '../../workflows';

/** A person's account: never deleted (history names it), only deactivated; its username is never given again. */
@Entity('users')
export class UserEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 64, unique: true })
  username: string;

  @Column({ name: 'password_hash', type: 'varchar', length: 200 })
  passwordHash: string;

  @Column({ name: 'display_name', type: 'varchar', length: 100 })
  displayName: string;

  @Column({ type: 'simple-json' })
  roles: Role[];

  /** the department an official acts for; null for roles that are not bound to one */
  @Column({ type: 'varchar', length: 64, nullable: true })
  department: string | null;

  /** the government the user works for: their department's, or (without one) the one they were made for */
  @Column({ name: 'government_id', type: 'varchar', length: 64 })
  governmentId: string;

  /** that government's path (`/jiangsu/suqian/siyang/`), following it while its place may still change */
  @Column({ name: 'government_path', type: 'varchar', length: 700 })
  governmentPath: string;

  /** where e-mail notifications go; none when null */
  @Column({ type: 'varchar', length: 200, nullable: true })
  email: string | null;

  @Column({ name: 'created_at', type: 'varchar', length: 30 })
  createdAt: string;

  /** when the admin deactivated the account; null while it is in use */
  @Column({ name: 'deactivated_at', type: 'varchar', length: 30, nullable: true })
  deactivatedAt: string | null;

  /** every token carries the version it was issued under; raising it ends them all */
  @Column({ name: 'token_version', type: 'integer', default: 0 })
  tokenVersion: number;

  /** sign-in attempts since the last success (the per-account backoff) */
  @Column({ name: 'failed_logins', type: 'integer', default: 0 })
  failedLogins: number;

  /** ISO instant before which no sign-in is tried for this account */
  @Column({ name: 'login_blocked_until', type: 'varchar', length: 30, nullable: true })
  loginBlockedUntil: string | null;
}
