import { factsOf, ProcedureDefinition, rolesAwaited, rulebooksOf, StoredSnapshot } from '../../workflows';
import type { CaseEntity } from './case.entity';

/** Bump when the derivation of facts changes: rows behind it are refreshed at boot. */
export const FACTS_VERSION = 2;

export type FactColumns = Pick<
  CaseEntity,
  | 'factsVersion'
  | 'reportYear'
  | 'startedOn'
  | 'decidedOn'
  | 'publishedOn'
  | 'archivedOn'
  | 'filedOn'
  | 'filingDeadline'
  | 'filedLate'
  | 'registered'
  | 'outsideCatalogue'
  | 'catalogueItemId'
  | 'documentNumber'
  | 'issues'
  | 'issueCount'
  | 'dueDate'
  | 'dueCode'
  | 'dueProvisional'
  | 'overdueSince'
  | 'awaitingRoles'
  | 'rulebooks'
>;

/**
 * The case's facts as columns. `previous` keeps the overdue mark while the same time limit
 * still applies; a new stage or a new due date clears it.
 */
export function factColumns(
  def: ProcedureDefinition,
  snapshot: StoredSnapshot,
  previous?: Pick<CaseEntity, 'dueDate' | 'dueCode' | 'overdueSince'>,
): FactColumns {
  const f = factsOf(def, snapshot);
  const roles = rolesAwaited(def, snapshot);
  const sameDue = previous && previous.dueDate === (f.due?.date ?? null) && previous.dueCode === (f.due?.code ?? null);
  return {
    factsVersion: FACTS_VERSION,
    reportYear: f.reportYear,
    startedOn: f.startedOn,
    decidedOn: f.decidedOn,
    publishedOn: f.publishedOn,
    archivedOn: f.archivedOn,
    filedOn: f.filedOn,
    filingDeadline: f.filingDeadline,
    filedLate: f.filedLate,
    registered: f.registered,
    outsideCatalogue: f.outsideCatalogue,
    catalogueItemId: f.catalogueItemId,
    documentNumber: f.documentNumber,
    issues: f.issues,
    issueCount: f.issues.length,
    dueDate: f.due?.date ?? null,
    dueCode: f.due?.code ?? null,
    dueProvisional: f.due?.provisional ?? false,
    overdueSince: sameDue ? previous.overdueSince : null,
    awaitingRoles: roles.length ? `,${roles.join(',')},` : '',
    rulebooks: `,${rulebooksOf(snapshot).join(',')},`,
  };
}

/**
 * Overdue: the current stage's time limit has passed. The end of a document's validity is a
 * time limit too, but it is not "overdue": the deadline job expires the document instead.
 */
export const isOverdue = (dueDate: string | null, dueCode: string | null, today: string): boolean =>
  dueDate !== null && dueDate < today && dueCode !== 'VALIDITY_END';

/** The same, as SQL over the cases table (columns prefixed `c.` unless told otherwise), with the parameter `:today`. */
export const overdueSql = (prefix = 'c.') => `${prefix}due_date < :today AND ${prefix}due_code <> 'VALIDITY_END'`;
