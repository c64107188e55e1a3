import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { ComplianceIssue, StoredSnapshot } from '../../workflows';

/** One case: a decision or a document on its way through its procedure. */
@Entity('cases')
@Index(['department', 'stage'])
@Index(['procedure', 'stage'])
export class CaseEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 40 })
  procedure: string;

  @Column({ name: 'procedure_version', type: 'integer' })
  procedureVersion: number;

  @Column({ type: 'varchar', length: 300 })
  title: string;

  /** the sponsoring department (承办单位 / 起草单位) */
  @Column({ type: 'varchar', length: 64 })
  department: string;

  /** the government of its department, whose reviewers, office and supervisors act on it */
  @Index('IDX_cases_government')
  @Column({ name: 'government_id', type: 'varchar', length: 64 })
  governmentId: string;

  /** that government's path: a supervisor reads the cases whose path starts with their own government's */
  @Column({ name: 'government_path', type: 'varchar', length: 700 })
  governmentPath: string;

  /** the top-level state id, kept in its own column so lists and reports can filter on it */
  @Column({ type: 'varchar', length: 40 })
  stage: string;

  /** the XState persisted snapshot (state value and context) */
  @Column({ type: 'simple-json' })
  snapshot: StoredSnapshot;

  /** compare-and-swap counter: the number of accepted events, creation included */
  @Column({ type: 'integer' })
  version: number;

  @Index('IDX_cases_created_by')
  @Column({ name: 'created_by', type: 'varchar', length: 36 })
  createdBy: string;

  /** 承办人: the official in charge, who is told what happens and holds the official's steps (at first, the creator) */
  @Index('IDX_cases_assignee')
  @Column({ type: 'varchar', length: 36, nullable: true })
  assignee: string | null;

  @Column({ name: 'created_at', type: 'varchar', length: 30 })
  createdAt: string;

  @Column({ name: 'updated_at', type: 'varchar', length: 30 })
  updatedAt: string;

  // ── facts derived from the records after every event (workflows ProcedureFacts) ──

  /** which derivation of the facts this row holds; rows behind FACTS_VERSION are refreshed at boot */
  @Column({ name: 'facts_version', type: 'integer', default: 0 })
  factsVersion: number;

  @Column({ name: 'report_year', type: 'integer', nullable: true })
  reportYear: number | null;

  @Column({ name: 'started_on', type: 'varchar', length: 10, nullable: true })
  startedOn: string | null;

  @Column({ name: 'decided_on', type: 'varchar', length: 10, nullable: true })
  decidedOn: string | null;

  @Column({ name: 'published_on', type: 'varchar', length: 10, nullable: true })
  publishedOn: string | null;

  @Column({ name: 'archived_on', type: 'varchar', length: 10, nullable: true })
  archivedOn: string | null;

  @Column({ name: 'filed_on', type: 'varchar', length: 10, nullable: true })
  filedOn: string | null;

  @Column({ name: 'filing_deadline', type: 'varchar', length: 10, nullable: true })
  filingDeadline: string | null;

  @Column({ name: 'filed_late', type: 'boolean', default: false })
  filedLate: boolean;

  @Column({ type: 'boolean', default: false })
  registered: boolean;

  @Column({ name: 'outside_catalogue', type: 'boolean', default: false })
  outsideCatalogue: boolean;

  @Column({ name: 'catalogue_item_id', type: 'varchar', length: 40, nullable: true })
  catalogueItemId: string | null;

  /** 文号 of a published normative document */
  @Column({ name: 'document_number', type: 'varchar', length: 80, nullable: true })
  documentNumber: string | null;

  @Column({ type: 'simple-json', default: '[]' })
  issues: ComplianceIssue[];

  @Column({ name: 'issue_count', type: 'integer', default: 0 })
  issueCount: number;

  @Column({ name: 'due_date', type: 'varchar', length: 10, nullable: true })
  dueDate: string | null;

  @Column({ name: 'due_code', type: 'varchar', length: 40, nullable: true })
  dueCode: string | null;

  @Column({ name: 'due_provisional', type: 'boolean', default: false })
  dueProvisional: boolean;

  /** set by the scheduler the first day the due date has passed */
  @Column({ name: 'overdue_since', type: 'varchar', length: 10, nullable: true })
  overdueSince: string | null;

  /** the rulebook editions that judged its steps, as `,national-2019,` */
  @Column({ type: 'varchar', length: 200, default: '' })
  rulebooks: string;

  /** roles with something to do now, as `,official,secretariat,` for inbox queries */
  @Column({ name: 'awaiting_roles', type: 'varchar', length: 100, default: '' })
  awaitingRoles: string;
}
