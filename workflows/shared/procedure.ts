import type { AnyStateMachine } from 'xstate';
import type { Jurisdiction, Rulebook } from '../rulebook';
import type { WorkingCalendar } from './calendar';
import type { IsoDate } from './dates';
import type { ProcedureFacts } from './facts';
import type { Text } from './text';

/** The six roles (docs/contract.md, "Signing in"): the filing reviewer works at the government a document is filed with. */
export type Role = 'official' | 'reviewer' | 'secretariat' | 'supervisor' | 'admin' | 'filingReviewer';
export const ROLES: readonly Role[] = ['official', 'reviewer', 'secretariat', 'supervisor', 'admin', 'filingReviewer'];

export type ProcedureId = 'major-decision' | 'normative-document';

/** What the world supplies to a pure rule: the working-day calendar and today's date. */
export interface RuleEnv {
  calendar: WorkingCalendar;
  today: IsoDate;
}

/** Values the server allocates inside the event's own transaction (e.g. the unified document number). */
export interface Assigned {
  documentNumber?: string;
  /** the catalogue item a decision is started under, and whether it stood in the published catalogue then */
  catalogue?: { itemId: string; listed: boolean };
  /** a new comment's receipt number (回执编号), unique across the whole system */
  receipt?: string;
}

export interface EventMeta {
  /** when it happened in the world, as an Asia/Shanghai date */
  occurredAt: IsoDate;
  actorId: string;
  env: RuleEnv;
  assigned?: Assigned;
}

/** An event as the machines receive it. `data` has been validated for shape; rules judge its law. */
export interface ProcedureEvent {
  type: string;
  data: Record<string, unknown>;
  meta: EventMeta;
}

/** Every case context carries these. */
export interface CaseBase {
  title: string;
  department: string;
  jurisdiction: Jurisdiction;
  createdAt: IsoDate;
  /** the date of the case's latest event: later events may not precede it */
  lastEventDate: IsoDate;
  /** the rulebook editions that judged its steps (absent on snapshots from before editions existed) */
  rulebooks?: string[];
}

/** Why an event is refused: which rule, what article. */
export interface Blocker {
  code: string;
  message: Text;
  legalBasis: Text;
  /** the event names a record that does not exist (answered 404) */
  notFound?: boolean;
}

export interface RuleInput<C, D> {
  context: C;
  data: D;
  occurredAt: IsoDate;
  actorId: string;
  env: RuleEnv;
  rulebook: Rulebook;
  assigned: Assigned;
}

/*
 * The functions of a procedure's tables (`check`, `apply`, `facts`, a sender) are declared as
 * methods: TypeScript then lets a table written for one procedure's case file stand in the
 * engine's table of every procedure (`releases`), which only ever hands each its own cases.
 */

/**
 * One legal rule on one event: a pure check that returns what is wrong, or nothing.
 * `onData` rules read the event's data and are skipped when previewing actions without data.
 */
export interface Rule<C, D = unknown> {
  code: string;
  basis: Text | ((rulebook: Rulebook) => Text);
  onData?: boolean;
  notFound?: boolean;
  check(input: RuleInput<C, D>): Text | null | undefined | false;
}

/** Who sends an event: a role, or (for department-issued documents) a role that depends on the case. */
export type Sender<C> = Role | { byCase(context: C): Role }['byCase'];

export interface EventDefinition<C, D = unknown> {
  label: Text;
  by: Sender<C>;
  /** the article that puts this step where it is in the procedure */
  basis: Text;
  rules?: readonly Rule<C, D>[];
  /** record the event in the case's context (pure) */
  apply?(context: C, input: RuleInput<C, D>): C;
  /** what the form for this event starts with on this case (e.g. the text of an earlier round) */
  prefill?(context: C): Record<string, unknown> | undefined;
  /** sent by Docket itself (the scheduler), never by a user */
  system?: boolean;
  /**
   * an option open to its sender where it is handled, not a step the case waits for (e.g. a
   * withdrawal): it does not put the case in the sender's inbox
   */
  optional?: boolean;
  /**
   * fields of the event's shared data class that have no effect in this procedure: still accepted
   * (both procedures share one interface), but not offered in its forms
   */
  inert?: readonly string[];
  /**
   * what the form should say of some fields for an event sent today (field → hint), e.g. the
   * working days the reviewer must be given and the earliest and latest valid date
   */
  hints?(input: RuleInput<C, D>): Record<string, Text>;
}

/** Lets a table entry infer its data type while the table keeps one element type. */
export function event<C, D = Record<string, never>>(def: EventDefinition<C, D>): EventDefinition<C, unknown> {
  return def;
}

/** What is stored for a case: the XState persisted snapshot (value and context). */
export interface StoredSnapshot {
  value: string | Record<string, unknown>;
  context: CaseBase & Record<string, unknown>;
  status: string;
}

/**
 * How open cases of an earlier version may be moved onto this one, declared next to the new
 * version. Moving is never automatic: an admin runs it, with a recorded justification, after a
 * dry run (see the server's procedure migrations).
 */
export interface VersionMigration {
  /** the version cases move from */
  from: number;
  /** the legal ground for applying the new version to cases already under way */
  basis: Text;
  /** where a case stands in the new version, or why it cannot move */
  map: (stored: StoredSnapshot) => Pick<StoredSnapshot, 'value' | 'context'> | { refused: Text };
}

export interface ProcedureDefinition<C extends CaseBase = CaseBase> {
  id: ProcedureId;
  /** a released version is never edited: a change of the law is a new version (see engine `releases`) */
  version: number;
  /** cases started on or after this day start under this version */
  effectiveFrom: IsoDate;
  /** what the version changed, and on what ground */
  changes?: Text;
  /** how cases of the previous version may move onto this one */
  migration?: VersionMigration;
  label: Text;
  /** top-level state ids with their names */
  stages: Record<string, Text>;
  events: Record<string, EventDefinition<C, unknown>>;
  machine: AnyStateMachine;
  /** names of the time limits the procedure sets (`Due.code` → label) */
  dueLabels: Record<string, Text>;
  /** what supervision needs to know, derived from the records and the current stage */
  facts(context: C, stage: string, rulebook: Rulebook): ProcedureFacts;
}

/** What a version says of itself besides its steps: when it takes effect, what it changed, how cases move onto it. */
export type Release = Pick<ProcedureDefinition, 'version' | 'effectiveFrom' | 'changes' | 'migration'>;

/** Just the release fields of a version's parts (those it leaves out stay absent). */
export const releaseOf = ({ version, effectiveFrom, changes, migration }: Release): Release => ({
  version,
  effectiveFrom,
  ...(changes ? { changes } : {}),
  ...(migration ? { migration } : {}),
});

export function resolveSender<C>(sender: Sender<C>, context: C): Role {
  return typeof sender === 'function' ? sender(context) : sender;
}

export function ruleBasis<C, D>(rule: Rule<C, D>, rulebook: Rulebook): Text {
  return typeof rule.basis === 'function' ? rule.basis(rulebook) : rule.basis;
}
