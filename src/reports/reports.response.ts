// The answers of /api/reports, as classes the Swagger CLI plugin describes.

export class Rate {
  /** numerator / denominator; null when nothing was counted */
  value: number | null;
  numerator: number;
  denominator: number;
}

export class NonCompliantReason {
  code: string;
  step: string;
  message: string;
}

export class NonCompliant {
  caseId: string;
  title: string;
  department: string;
  documentNumber?: string;
  reasons: NonCompliantReason[];
}

export class NormativeDocumentsReport {
  published: number;
  filed: number;
  filedOnTime: number;
  filingRate: Rate;
  timelyFilingRate: Rate;
  standardizationRate: Rate;
  nonCompliant: NonCompliant[];
  nonCompliantTotal: number;
}

export class OutsideCatalogue {
  caseId: string;
  title: string;
  department: string;
  catalogueItemId: string | null;
  startedOn: string;
}

export class MajorDecisionsReport {
  inCatalogue: number;
  started: number;
  decided: number;
  published: number;
  archived: number;
  outsideCatalogue: OutsideCatalogue[];
  outsideCatalogueTotal: number;
  nonCompliant: NonCompliant[];
  nonCompliantTotal: number;
}

export class CleanupReport {
  id: string;
  name: string;
  cutoffDate: string;
  completedOn: string | null;
  total: number;
  continued: number;
  amended: number;
  repealed: number;
}

export class RulebookName {
  edition: string;
  name: string;
}

export class RulesReport {
  procedure: string;
  procedureLabel: string;
  procedureVersion: number;
  rulebooks: RulebookName[];
  cases: number;
}

export class ComplianceReport {
  year: number;
  department?: string;
  normativeDocuments: NormativeDocumentsReport;
  majorDecisions: MajorDecisionsReport;
  cleanups: CleanupReport[];
  overdueNow: number;
  /** the year's cases by procedure version and the editions of the rules that judged them */
  rules: RulesReport[];
}

export class DepartmentRow {
  department: string;
  published: number;
  filingRate: Rate;
  timelyFilingRate: Rate;
  standardizationRate: Rate;
  decisionsStarted: number;
  decisionsArchived: number;
  overdueNow: number;
}

export class StageCount {
  procedure: string;
  stage: string;
  count: number;
}
