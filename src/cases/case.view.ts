import { factsOf, procedureOf, rulebookEdition, rulebooksOf, shanghaiDate, type Language, type ProcedureDefinition } from '../../workflows';
import { isOverdue } from './case-facts';
import type { CaseEntity } from './case.entity';

export interface ActionView {
  type: string;
  label: string;
  allowed: boolean;
  blockers: { code: string; message: string; legalBasis: string }[];
}

export interface CaseView {
  id: string;
  procedure: string;
  procedureVersion: number;
  /** what the case's procedure version changed from the one before (none for a first version) */
  procedureChanges: string | null;
  /** the editions of the rules that judged its steps, each step by the edition in force that day */
  rulebooks: { edition: string; name: string; effectiveFrom: string }[];
  title: string;
  department: string;
  stage: string;
  stageLabel: string;
  state: unknown;
  version: number;
  createdAt: string;
  updatedAt: string;
  /** the public comments of the current round, each with its id and disposition */
  comments: unknown[];
  documentNumber?: string;
  effectiveDate?: string;
  validUntil?: string;
  /** the current stage's time limit: date, rule and its legal basis, provisional on a year without holiday data */
  due: { date: string; code: string; label: string; legalBasis: string; provisional: boolean; overdue: boolean } | null;
  /** steps missing, late or out of order, as supervision counts them */
  complianceIssues: { code: string; step: string; message: string }[];
  /** every record of the case file (the procedure's context) */
  record: Record<string, unknown>;
  actions: ActionView[];
}

export function toCaseView(def: ProcedureDefinition, row: CaseEntity, actions: ActionView[], lang: Language): CaseView {
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
] as const;

export type SummaryRow = Pick<CaseEntity, (typeof SUMMARY_COLUMNS)[number]>;

/** A case as lists and inboxes show it: where it stands and what time limit applies. */
export function summaryOf(r: SummaryRow, lang: Language, today: string) {
  const def = procedureOf(r.procedure, r.procedureVersion);
  return {
    id: r.id,
    procedure: r.procedure,
    procedureVersion: r.procedureVersion,
    title: r.title,
    department: r.department,
    stage: r.stage,
    stageLabel: def.stages[r.stage]?.[lang] ?? r.stage,
    version: r.version,
    updatedAt: r.updatedAt,
    reportYear: r.reportYear,
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
  };
}
