import type { IsoDate } from './dates';
import type { Text } from './text';

/**
 * What supervision needs to know of a case, derived purely from its records after every event
 * and stored in columns, so reports and lists are answered by the database.
 */

/** A step that was missing, late or out of order (lowers the standardization rate 规范率). */
export interface ComplianceIssue {
  code: string;
  step: Text;
  message: Text;
}

/** The current stage's time limit, with the rule behind it. */
export interface Due {
  date: IsoDate;
  code: string;
  label: Text;
  basis: Text;
  /** computed on a year without holiday data */
  provisional: boolean;
}

export interface ProcedureFacts {
  /** the year reports count the case in: a decision's start, a document's publication */
  reportYear: number | null;
  startedOn: IsoDate | null;
  decidedOn: IsoDate | null;
  publishedOn: IsoDate | null;
  archivedOn: IsoDate | null;
  filedOn: IsoDate | null;
  filingDeadline: IsoDate | null;
  filedLate: boolean;
  registered: boolean;
  outsideCatalogue: boolean;
  catalogueItemId: string | null;
  /** 文号 of a published normative document */
  documentNumber: string | null;
  issues: ComplianceIssue[];
  due: Due | null;
}

export const NO_FACTS: ProcedureFacts = {
  reportYear: null,
  startedOn: null,
  decidedOn: null,
  publishedOn: null,
  archivedOn: null,
  filedOn: null,
  filingDeadline: null,
  filedLate: false,
  registered: false,
  outsideCatalogue: false,
  catalogueItemId: null,
  documentNumber: null,
  issues: [],
  due: null,
};
