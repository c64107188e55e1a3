import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** How a notification leaves Docket: one row per notification and channel. */
export type Channel = 'webhook' | 'email';

/**
 * A delivery to make, written in the same transaction as the notification (and what caused it),
 * so a crash loses none; an instance leases a row before sending it, so two never send it at once.
 */
@Entity('outbox')
@Index('IDX_outbox_due', ['deliveredAt', 'nextAttemptAt'])
@Index('IDX_outbox_channel', ['notificationId', 'channel'], { unique: true })
export class OutboxEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'notification_id', type: 'varchar', length: 36 })
  notificationId: string;

  @Column({ type: 'varchar', length: 10 })
  channel: Channel;

  /** the exact text sent: the webhook's JSON body (signed as is), or the mail as JSON {to, subject, text} */
  @Column({ type: 'text' })
  body: string;

  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @Column({ name: 'next_attempt_at', type: 'varchar', length: 30 })
  nextAttemptAt: string;

  @Column({ name: 'lease_until', type: 'varchar', length: 30, nullable: true })
  leaseUntil: string | null;

  @Column({ name: 'lease_owner', type: 'varchar', length: 36, nullable: true })
  leaseOwner: string | null;

  @Column({ name: 'delivered_at', type: 'varchar', length: 30, nullable: true })
  deliveredAt: string | null;

  @Column({ name: 'last_error', type: 'varchar', length: 500, nullable: true })
  lastError: string | null;

  @Column({ name: 'created_at', type: 'varchar', length: 30 })
  createdAt: string;
}
