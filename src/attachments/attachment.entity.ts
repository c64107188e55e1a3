import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * 附件: a file added to a case (起草说明, 送审稿, 专家论证报告 …), kept in the database so every
 * instance serves it. The bytes (`content`: SQLite blob, PostgreSQL bytea) are not mapped here,
 * since TypeORM has no binary type common to both drivers, and lists never need them: they are
 * written and read by AttachmentsService in plain SQL.
 */
@Entity('attachments')
@Index('IDX_attachments_case', ['caseId'])
export class AttachmentEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'case_id', type: 'varchar', length: 36 })
  caseId: string;

  /** what it is in the case file: drafting-explanation, draft, expert-report, risk-report, meeting-minutes, other */
  @Column({ type: 'varchar', length: 40 })
  kind: string;

  /** the uploaded file's name, plain text */
  @Column({ type: 'varchar', length: 200 })
  name: string;

  /** what Docket found the bytes to be (never the client's word for it) */
  @Column({ name: 'content_type', type: 'varchar', length: 120 })
  contentType: string;

  @Column({ type: 'integer' })
  size: number;

  /** hex SHA-256 of the bytes, also in the case's audit chain (ATTACHMENT_ADDED) */
  @Column({ type: 'varchar', length: 64 })
  sha256: string;

  @Column({ name: 'uploaded_by', type: 'varchar', length: 36 })
  uploadedBy: string;

  @Column({ name: 'uploaded_at', type: 'varchar', length: 30 })
  uploadedAt: string;

  /** the case's version after the ATTACHMENT_ADDED event that recorded it */
  @Column({ type: 'integer' })
  seq: number;
}
