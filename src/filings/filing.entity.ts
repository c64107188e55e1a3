import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { FilingConclusion, FilingStatus } from '../../workflows';

/**
 * 备案: a normative document filed by one government with the government above it, as the
 * receiving government's filing reviewer handles it. Written when the filing government records
 * the filing (RECORD_FILING on its case); each act on it is also written into that case's history.
 */
@Entity('filings')
@Index('IDX_filings_to', ['toGovernmentId', 'status'])
export class FilingEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  /** the filed document's case (the filing government's) */
  @Index('IDX_filings_case')
  @Column({ name: 'case_id', type: 'varchar', length: 36 })
  caseId: string;

  @Column({ name: 'from_government_id', type: 'varchar', length: 64 })
  fromGovernmentId: string;

  /** the government it is filed with, whose filing reviewers act on it */
  @Column({ name: 'to_government_id', type: 'varchar', length: 64 })
  toGovernmentId: string;

  @Column({ type: 'varchar', length: 300 })
  title: string;

  @Column({ name: 'document_number', type: 'varchar', length: 80, nullable: true })
  documentNumber: string | null;

  @Column({ type: 'varchar', length: 12 })
  status: FilingStatus;

  @Column({ name: 'received_on', type: 'varchar', length: 10 })
  receivedOn: string;

  /** by when it is to be registered (or held), and, once registered, reviewed: working days, unchecked limits */
  @Column({ name: 'due_on', type: 'varchar', length: 10, nullable: true })
  dueOn: string | null;

  @Column({ name: 'registered_on', type: 'varchar', length: 10, nullable: true })
  registeredOn: string | null;

  @Column({ name: 'held_on', type: 'varchar', length: 10, nullable: true })
  heldOn: string | null;

  /** what the filing government must supply (暂缓登记), and by when */
  @Column({ name: 'hold_reason', type: 'text', nullable: true })
  holdReason: string | null;

  @Column({ name: 'supply_by', type: 'varchar', length: 10, nullable: true })
  supplyBy: string | null;

  @Column({ name: 'reviewed_on', type: 'varchar', length: 10, nullable: true })
  reviewedOn: string | null;

  /** reviewed no later than the review was due */
  @Column({ name: 'reviewed_in_time', type: 'boolean', nullable: true })
  reviewedInTime: boolean | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  conclusion: FilingConclusion | null;

  @Column({ type: 'text', nullable: true })
  opinion: string | null;

  /** a correction ordered: the date to amend or repeal by */
  @Column({ name: 'correct_by', type: 'varchar', length: 10, nullable: true })
  correctBy: string | null;

  @Column({ name: 'reviewer_id', type: 'varchar', length: 36, nullable: true })
  reviewerId: string | null;

  /** compare-and-swap counter: acts on a filing take turns */
  @Column({ type: 'integer' })
  version: number;
}
