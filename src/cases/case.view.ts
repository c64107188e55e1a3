import { factsOf, procedureOf, rulebookEdition, rulebooksOf, shanghaiDate, type Language, type ProcedureDefinition } from '../../workflows';
import { isOverdue } from './case-facts';
import type { CaseEntity } from './case.entity';
import type { Action, CaseView } from './cases.response';

// The answer's shape is the response class; these names stay for the code that builds it.
export type { Action as ActionView, CaseView } from './cases.response';

/** What a case page shows beside the procedure's record: who is in charge, who has a copy, the office acts, who holds the step. */
export type OfficeSide = Pick<CaseView, 'assignee' | 'copies' | 'acts' | 'heldBy'>;

export function toCaseView(
  def: ProcedureDefinition,
  row: CaseEntity,
  actions: Action[],
  lang: Language,
  office: OfficeSide = { assignee: null, copies: [], acts: [], heldBy: null },
): CaseView {
  const facts = factsOf(def, row.snapshot);
  const today = shanghaiDate(new Date());
  const record = row.snapshot.context as Record<string, unknown> & {
    publicComment?: { comments?: unknown[] } | null;
    publication?: { documentNumber?: string; effectiveDate?: string; validUntil?: string } | null;
  };
  return {
    id: row.id,
    procedure: row.procedure,
    procedureVersion: row.procedureVersion,
    procedureChanges: def.changes?.[lang] ?? null,
    rulebooks: rulebooksOf(row.snapshot).map((edition) => {
      const rb = rulebookEdition(edition);
      return { edition, name: rb?.name[lang] ?? edition, effectiveFrom: rb?.effectiveFrom ?? '' };
    }),
    title: row.title,
    department: row.department,
    stage: row.stage,
    stageLabel: def.stages[row.stage]?.[lang] ?? row.stage,
    state: row.snapshot.value,
    version: row.version,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    comments: record.publicComment?.comments ?? [],
    ...(record.publication?.documentNumber
      ? {
          documentNumber: record.publication.documentNumber,
          effectiveDate: record.publication.effectiveDate,
          validUntil: record.publication.validUntil,
        }
      : {}),
    due: facts.due
      ? {
          date: facts.due.date,
          code: facts.due.code,
          label: facts.due.label[lang],
          legalBasis: facts.due.basis[lang],
          provisional: facts.due.provisional,
          overdue: isOverdue(facts.due.date, facts.due.code, today),
        }
      : null,
    complianceIssues: facts.issues.map((i) => ({ code: i.code, step: i.step[lang], message: i.message[lang] })),
    record,
    actions,
    ...office,
  };
}

/** The columns a case summary needs: lists and inboxes read only these. */
export const SUMMARY_COLUMNS = [
  'id',
  'procedure',
  'procedureVersion',
  'title',
  'department',
  'stage',
  'version',
  'updatedAt',
  'reportYear',
  'dueDate',
  'dueCode',
  'dueProvisional',
  'overdueSince',
  'assignee',
  'createdBy',
  'documentNumber',
] as const;

export type SummaryRow = Pick<CaseEntity, (typeof SUMMARY_COLUMNS)[number]> & {
  /** the department holding the current step (`holderSql`); null when nothing is awaited */
  heldBy: string | null;
};

/** A case as lists and inboxes show it: where it stands and what time limit applies. */
export function summaryOf(r: SummaryRow, lang: Language, today: string, names: ReadonlyMap<string, string> = new Map()) {
  const inCharge = r.assignee ?? r.createdBy;
  const def = procedureOf(r.procedure, r.procedureVersion);
  return {
    id: r.id,
    procedure: r.procedure,
    procedureVersion: r.procedureVersion,
    title: r.title,
    department: r.department,
    heldBy: r.heldBy,
    stage: r.stage,
    stageLabel: def.stages[r.stage]?.[lang] ?? r.stage,
    version: r.version,
    updatedAt: r.updatedAt,
    reportYear: r.reportYear,
    documentNumber: r.documentNumber ?? null,
    due: r.dueDate
      ? {
          date: r.dueDate,
          code: r.dueCode,
          label: def.dueLabels[r.dueCode ?? '']?.[lang] ?? r.dueCode,
          provisional: r.dueProvisional,
          overdue: isOverdue(r.dueDate, r.dueCode, today),
          overdueSince: r.overdueSince,
        }
      : null,
    assignee: inCharge ? { id: inCharge, displayName: names.get(inCharge) ?? inCharge } : null,
  };
}
