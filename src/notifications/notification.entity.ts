import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** What a user is told about a case: kept per user, read or not, each leading to its case. */
@Entity('notifications')
@Index('IDX_notifications_once', ['userId', 'dedupeKey'], { unique: true })
@Index('IDX_notifications_user', ['userId', 'createdAt'])
@Index('IDX_notifications_case', ['caseId', 'dedupeKey'])
export class NotificationEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'user_id', type: 'varchar', length: 36 })
  userId: string;

  @Column({ type: 'varchar', length: 40 })
  type: string;

  @Column({ name: 'case_id', type: 'varchar', length: 36 })
  caseId: string;

  @Column({ name: 'message_zh', type: 'text' })
  messageZh: string;

  @Column({ name: 'message_en', type: 'text' })
  messageEn: string;

  /** unique per user: the same notice written twice (two instances, two runs) is stored once */
  @Column({ name: 'dedupe_key', type: 'varchar', length: 200 })
  dedupeKey: string;

  @Column({ name: 'created_at', type: 'varchar', length: 30 })
  createdAt: string;

  @Column({ name: 'read_at', type: 'varchar', length: 30, nullable: true })
  readAt: string | null;
}
