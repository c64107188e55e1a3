import type { GovernmentLevel } from '../governments/government.entity';
// The answers of /api/reports, as classes the Swagger CLI plugin describes.
import { ApiProperty, getSchemaPath } from '@nestjs/swagger';

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

/**
 * 备案审查: the filings made with the governments reported during the year (received that year),
 * how many were registered, are held, were reviewed, and reviewed within the (unchecked) limit.
 */
export class FilingReviewReport {
  received: number;
  registered: number;
  held: number;
  reviewed: number;
  reviewedInTime: number;
  timelyReviewRate: Rate;
  correctionsOrdered: number;
}

/** The figures of a report, for a government and all below it (or one of its departments). */
export class ComplianceFigures {
  /** the filings the governments reported received and reviewed (none for one department) */
  filingReview: FilingReviewReport;
  normativeDocuments: NormativeDocumentsReport;
  majorDecisions: MajorDecisionsReport;
  cleanups: CleanupReport[];
  overdueNow: number;
  /** the year's cases by procedure version and the editions of the rules that judged them */
  rules: RulesReport[];
}

/** A government below the one reported, with the same figures for it and every government below it. */
export class GovernmentFigures extends ComplianceFigures {
  id: string;
  name: string;
  level: GovernmentLevel;
}

export class ComplianceReport extends ComplianceFigures {
  year: number;
  /** the government reported: its figures cover it and, for a supervisor, every government below it */
  government: GovernmentRef;
  department?: string;
  /** for a city or a province: each government directly below it, with the same figures */
  governments?: GovernmentFigures[];
}

export class GovernmentRef {
  id: string;
  name: string;
  level: GovernmentLevel;
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

export class AnnualCase {
  id: string;
  title: string;
}

export class AnnualFigurePart {
  value: number;
  caseIds: string[];
}

export class AnnualFigure {
  /** what the figure counts, as a reader reads it (报备率, 纳入目录) */
  label: string;
  /** a count, or a rate from 0 to 1; null when nothing was counted */
  value: number | null;
  unit: 'count' | 'rate';
  /** the cases behind it: for a count those counted, for a rate those of its denominator (each list stops at 500) */
  caseIds: string[];
  cases: AnnualCase[];
  /** a rate's numerator and its cases */
  numerator?: AnnualFigurePart;
  /** a rate's denominator and its cases */
  denominator?: AnnualFigurePart;
}

export class AnnualParagraph {
  /** normative-documents, cleanups, major-decisions, overdue */
  id: string;
  heading?: string;
  text: string;
  /** the keys in `figures` of the figures the text states */
  figures: string[];
}

export class AnnualReport {
  year: number;
  department?: string;
  /** 泗阳县人民政府2023年法治政府建设年度报告（统计部分） */
  title: string;
  /** 落款: the county government */
  signature: string;
  /** the date the figures were read, YYYY-MM-DD */
  date: string;
  paragraphs: AnnualParagraph[];
  @ApiProperty({ type: 'object', additionalProperties: { $ref: getSchemaPath(AnnualFigure) } })
  figures: Record<string, AnnualFigure>;
}
