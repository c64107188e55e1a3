import { Column, Entity, PrimaryColumn } from 'typeorm';

/** 规范性文件清理: one campaign over the normative documents of one issuing organ in force on a cutoff date. */
@Entity('cleanups')
export class CleanupEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  /** documents published on or before this date are covered */
  @Column({ name: 'cutoff_date', type: 'varchar', length: 10 })
  cutoffDate: string;

  /** `government` or `department` */
  /** the government whose documents it reviews (its path: a supervisor above reads it) */
  @Column({ name: 'government_path', type: 'varchar', length: 700 })
  governmentPath: string;

  @Column({ name: 'issuing_organ', type: 'varchar', length: 20 })
  issuingOrgan: string;

  @Column({ name: 'created_by', type: 'varchar', length: 36 })
  createdBy: string;

  @Column({ name: 'created_on', type: 'varchar', length: 10 })
  createdOn: string;

  /** the day the clean-up result was published */
  @Column({ name: 'completed_on', type: 'varchar', length: 10, nullable: true })
  completedOn: string | null;

  /** where the result was published (e.g. the notice's number) */
  @Column({ name: 'result_reference', type: 'varchar', length: 200, nullable: true })
  resultReference: string | null;
}

/** One document of a campaign and what the campaign decided about it. */
@Entity('cleanup_items')
export class CleanupItemEntity {
  @PrimaryColumn({ name: 'cleanup_id', type: 'varchar', length: 36 })
  cleanupId: string;

  @PrimaryColumn({ name: 'case_id', type: 'varchar', length: 36 })
  caseId: string;

  @Column({ name: 'document_number', type: 'varchar', length: 80 })
  documentNumber: string;

  @Column({ type: 'varchar', length: 300 })
  title: string;

  /** `continue`, `amend` or `repeal`; null while undecided */
  @Column({ type: 'varchar', length: 20, nullable: true })
  decision: string | null;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Column({ name: 'decided_on', type: 'varchar', length: 10, nullable: true })
  decidedOn: string | null;
}
