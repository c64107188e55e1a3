import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { Disposition } from '../../workflows/shared/public-comment';
import { OFFICE_ACTS, type OfficeActType } from './office-acts';

export type { OfficeActType } from './office-acts';

// The answers of /api/cases, as classes so the OpenAPI document (and the pages' types) describe them.
// The Swagger CLI plugin (nest-cli.json) reads these files' property types; the controllers'
// return types make the compiler check that the services' answers fit them.

export class Blocker {
  code: string;
  message: string;
  legalBasis: string;
}

export class Action {
  type: string;
  label: string;
  allowed: boolean;
  blockers: Blocker[];
  /** what the form should say of some of its fields for an event sent today (field → hint), e.g. reviewDueDate */
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } })
  hints: Record<string, string>;
  /** what the event's form starts with on this case (a reopened comment period: the earlier draft text) */
  @ApiPropertyOptional({ type: 'object', additionalProperties: true })
  prefill?: Record<string, unknown>;
}

/** An edition of the rules (the periods and limits a jurisdiction sets), as a case names it. */
export class RulebookRef {
  edition: string;
  name: string;
  effectiveFrom: string;
}

export class CaseDue {
  date: string;
  code: string;
  label: string;
  legalBasis: string;
  provisional: boolean;
  overdue: boolean;
}

export class ComplianceIssue {
  code: string;
  step: string;
  message: string;
}

export class CommentDisposition {
  disposition: Disposition;
  reason: string;
  disposedOn: string;
}

/** A public comment as the case's record keeps it (workflows/shared/public-comment.ts). */
export class CommentRecord {
  id: string;
  /** 回执编号, unique across the system, that the citizen keeps (absent on comments from before receipts) */
  receipt?: string;
  content: string;
  submitter?: string;
  receivedOn: string;
  /** identical submissions from the public page recorded as this one, itself included (absent: 1) */
  count?: number;
  disposition?: CommentDisposition;
}

/** A person named on a case. */
export class Person {
  id: string;
  displayName: string;
}

/** 抄送: someone given the case to read. */
export class CaseCopy {
  userId: string;
  displayName: string;
  copiedBy: string;
  note: string | null;
  copiedAt: string;
}

export class OfficeAct {
  @ApiProperty({ enum: OFFICE_ACTS, enumName: 'OfficeActType' })
  type: OfficeActType;
  label: string;
  allowed: boolean;
  blockers: Blocker[];
}

export class CaseView {
  id: string;
  procedure: string;
  procedureVersion: number;
  /** what the case's procedure version changed from the one before (none for a first version) */
  procedureChanges: string | null;
  /** the editions of the rules that judged its steps, each step by the edition in force that day */
  rulebooks: RulebookRef[];
  title: string;
  department: string;
  /** the department holding the current step (当前承办单位), to which its time limit is charged: the review body during legality review, the government office for the secretariat's steps; null when nothing is awaited */
  heldBy: string | null;
  stage: string;
  stageLabel: string;
  /** the state machine's state value: a state's name, or an object of parallel regions */
  @ApiProperty({ oneOf: [{ type: 'string' }, { type: 'object', additionalProperties: true }] })
  state: unknown;
  version: number;
  createdAt: string;
  updatedAt: string;
  /** the public comments of the current round, each with its id and disposition */
  // the record is typed in workflows/, not here: the document names what it holds
  @ApiProperty({ type: () => [CommentRecord] })
  comments: unknown[];
  documentNumber?: string;
  effectiveDate?: string;
  validUntil?: string;
  /** the current stage's time limit: date, rule and its legal basis, provisional on a year without holiday data */
  due: CaseDue | null;
  /** steps missing, late or out of order, as supervision counts them */
  complianceIssues: ComplianceIssue[];
  /** every record of the case file (the procedure's context) */
  record: Record<string, unknown>;
  actions: Action[];
  /** 承办人: the official in charge */
  assignee: Person | null;
  /** 抄送: who was given it to read */
  copies: CaseCopy[];
  /** 转办, 抄送, 催办 as this user may do them now */
  acts: OfficeAct[];
}

export class DueSummary {
  date: string;
  code: string | null;
  label: string;
  provisional: boolean;
  overdue: boolean;
  overdueSince: string | null;
}

export class CaseSummary {
  id: string;
  procedure: string;
  /** the version of its procedure the case runs on */
  procedureVersion: number;
  title: string;
  department: string;
  /** the department holding the current step (当前承办单位), to which its time limit is charged: the review body during legality review, the government office for the secretariat's steps; null when nothing is awaited */
  heldBy: string | null;
  stage: string;
  stageLabel: string;
  version: number;
  updatedAt: string;
  reportYear: number | null;
  /** 文号, once the document is published */
  documentNumber: string | null;
  due: DueSummary | null;
  /** 承办人 */
  assignee: Person | null;
}

/** Whose list: 待办 awaiting me, 已办 I acted on, 我发起的 I created, 抄送我的 copied to me. */
export const CASE_VIEWS = ['todo', 'done', 'mine', 'copied'] as const;
export type CaseListView = (typeof CASE_VIEWS)[number];

/** A user as colleagues see them, to transfer a case to or copy it to (active ones), or to name in a history. */
export class Colleague {
  id: string;
  displayName: string;
  department: string | null;
  /** false once deactivated: named in histories, given no new work */
  active: boolean;
  @ApiProperty({ enum: ['official', 'reviewer', 'secretariat', 'supervisor', 'admin'], isArray: true })
  roles: string[];
}

export class CasePage {
  page: number;
  pageSize: number;
  total: number;
  items: CaseSummary[];
}

export class Refusal {
  at: string;
  method: string;
  path: string;
  status: number;
  code: string;
  message: string;
  /** the codes of the rules that refused it */
  blockers: string[];
  /** the case it was about, when it was about one (its title, when it exists) */
  @ApiProperty({ type: String, nullable: true })
  caseId: string | null;
  @ApiProperty({ type: String, nullable: true })
  caseTitle: string | null;
}

export class Inbox {
  awaiting: CaseSummary[];
  overdue: CaseSummary[];
  refused: Refusal[];
}

export class HistoryEvent {
  id: number;
  caseId: string;
  /** the case's version after the event */
  seq: number;
  type: string;
  actorId: string;
  /** the display name of the person who acted; null when Docket itself or the public acted */
  @ApiProperty({ type: String, nullable: true })
  actorName: string | null;
  actorRole: string;
  /** when it happened in the world, as the client gave it (date or instant) */
  occurredAt: string;
  /** when Docket recorded it */
  recordedAt: string;
  /** the event's data, as sent */
  @ApiProperty({ type: 'object', additionalProperties: true })
  data: unknown;
  prevHash: string;
  hash: string;
  globalSeq: number | null;
  globalHash: string | null;
  /** the edition of the rules in force the day it happened, which judged it */
  rulebook: string;
}
