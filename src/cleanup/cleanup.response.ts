import type { CleanupDecision } from './cleanup.service';

// The answers of /api/cleanups, as classes the Swagger CLI plugin describes.

export class CleanupSummary {
  id: string;
  name: string;
  cutoffDate: string;
  issuingOrgan: string;
  createdOn: string;
  completedOn: string | null;
  resultReference: string | null;
  total: number;
  continued: number;
  amended: number;
  repealed: number;
  undecided: number;
}

export class CleanupItem {
  caseId: string;
  documentNumber: string;
  title: string;
  decision: CleanupDecision | null;
  reason: string | null;
  decidedOn: string | null;
}

export class CleanupDetail extends CleanupSummary {
  items: CleanupItem[];
}
