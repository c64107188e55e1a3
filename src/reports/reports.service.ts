import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ComplianceIssue, Language, procedureOf, rulebookEdition, shanghaiDate, text, zhDate } from '../../workflows';
import { overdueSql } from '../cases/case-facts';
import { chargedSql } from '../cases/holder';
import { AppConfig } from '../config/config';
import { CatalogueService } from '../catalogue/catalogue.service';
import { Db } from '../database/db.service';
import { caseScopeSql, governmentSql, type GovernmentScope } from '../governments/scope';
import { GovernmentEntity } from '../governments/government.entity';
import { DepartmentEntity } from '../users/department.entity';
import { AnnualFigures, annualReport, annualTitle, CASE_LISTS, CaseList, CaseRef } from './annual';
import type { NonCompliant, Rate } from './reports.response';

// The CLI's tables read the same shape.
export type { Rate } from './reports.response';

/**
 * The lists that name cases stop at this many (the totals count them all), so a report's size
 * and the server's memory do not grow with the number of cases; the case lists page through the rest.
 */
export const LIST_LIMIT = 500;

const DOC_NON_COMPLIANT = '(c.filed_on IS NULL OR c.filed_late OR c.issue_count > 0)';

/** 规范性文件 of the year: published through the procedure (registered ones are left out). */
const DOCUMENTS = "c.procedure = 'normative-document' AND NOT c.registered AND c.report_year = :year";
const DECISIONS = "c.procedure = 'major-decision'";
const within = (col: string) => `${DECISIONS} AND c.${col} BETWEEN :from AND :to`;
/** the year's catalogue items still in it */
const IN_CATALOGUE = `${DECISIONS} AND c.catalogue_item_id IN (SELECT i.id FROM catalogue_items i WHERE i.year = :year AND i.withdrawn_on IS NULL)`;

/**
 * What each figure counts, as SQL over the cases table (parameters :year, :from, :to, :today):
 * the compliance report sums these and the annual report lists the cases behind them, so a
 * figure and its cases never disagree.
 */
export const COUNTED: Record<CaseList, string> = {
  documentsPublished: DOCUMENTS,
  // the issuing organ is in the case's context (the stored snapshot), not a column
  documentsByDepartments: `${DOCUMENTS} AND c.snapshot LIKE '%"issuingOrgan":"department"%'`,
  documentsFiled: `${DOCUMENTS} AND c.filed_on IS NOT NULL`,
  documentsFiledOnTime: `${DOCUMENTS} AND c.filed_on IS NOT NULL AND NOT c.filed_late`,
  documentsStandardized: `${DOCUMENTS} AND c.filed_on IS NOT NULL AND NOT c.filed_late AND c.issue_count = 0`,
  decisionsInCatalogue: IN_CATALOGUE,
  decisionsCatalogueArchived: `${IN_CATALOGUE} AND c.archived_on IS NOT NULL`,
  decisionsStarted: within('started_on'),
  decisionsDecided: within('decided_on'),
  decisionsPublished: within('published_on'),
  decisionsArchived: within('archived_on'),
  decisionsOutsideCatalogue: `${within('started_on')} AND c.outside_catalogue`,
  decisionsNonCompliant: `${within('started_on')} AND c.issue_count > 0`,
  overdueNow: overdueSql(),
};
const sum = (list: CaseList) => `SUM(CASE WHEN ${COUNTED[list]} THEN 1 ELSE 0 END)`;

const rate = (numerator: number, denominator: number): Rate => ({
  value: denominator === 0 ? null : Number((numerator / denominator).toFixed(4)),
  numerator,
  denominator,
});

const n = (v: unknown) => Number(v ?? 0);

/** What a report covers: governments (one, or one and those below it), and within them perhaps one department. */
export interface ReportScope {
  government: GovernmentScope;
  department?: string;
}

/** The scope as conditions over `cases c`, each starting with AND, and their parameters. */
function scopeWhere(scope: ReportScope): { sql: string; params: Record<string, string> } {
  const g = caseScopeSql(scope.government);
  return {
    sql: ` AND ${g.sql}${scope.department ? ' AND c.department = :department' : ''}`,
    params: { ...g.params, ...(scope.department ? { department: scope.department } : {}) },
  };
}

/** A clean-up campaign is one government's: the scope over `cleanups k`. */
const cleanupScope = (scope: GovernmentScope) => governmentSql(scope, 'k.government_path').sql;

/**
 * The supervision indicators of a year (docs/contract.md, "Supervision"), each rate with its numerator
 * and denominator and every case that lowers it with the reason. Computed by the database over
 * the facts kept in the `cases` columns, never by loading the cases.
 */
@Injectable()
export class ReportsService {
  constructor(
    private readonly db: Db,
    private readonly catalogue: CatalogueService,
    private readonly config: AppConfig,
  ) {}

  /**
   * A government's report: its figures (over every government below it when the scope reaches
   * below) and, unless one department is asked, each government directly below it with its own.
   */
  async rolledUp(year: number, scope: ReportScope, government: GovernmentEntity, lang: Language, today = shanghaiDate(new Date())) {
    const report = await this.compliance(year, scope, lang, today);
    const ref = { id: government.id, name: government.name, level: government.level };
    const below =
      scope.government.below && !scope.department
        ? await this.db.read((m) => m.find(GovernmentEntity, { where: { parentId: government.id }, order: { path: 'ASC' } }))
        : [];
    if (below.length === 0) return { ...report, government: ref };
    const governments = [];
    for (const g of below) {
      const { year: _y, ...figures } = await this.compliance(year, { government: { path: g.path, below: true } }, lang, today);
      governments.push({ id: g.id, name: g.name, level: g.level, ...figures });
    }
    return { ...report, government: ref, governments };
  }

  async compliance(year: number, scope: ReportScope, lang: Language, today = shanghaiDate(new Date())) {
    const from = `${year}-01-01`;
    const to = `${year}-12-31`;
    const department = scope.department;
    const { sql: dept, params: scoped } = scopeWhere(scope);
    const params = { year, from, to, today, ...scoped };
    const localize = (issues: ComplianceIssue[]) => issues.map((i) => ({ code: i.code, step: i.step[lang], message: i.message[lang] }));

    return this.db.read(async (m) => {
      // 规范性文件: published in the year through the procedure (registered ones are left out)
      const docs = await m
        .createQueryBuilder()
        .from('cases', 'c')
        .select('COUNT(*)', 'published')
        .addSelect(sum('documentsFiled'), 'filed')
        .addSelect(sum('documentsFiledOnTime'), 'filedOnTime')
        .addSelect(sum('documentsStandardized'), 'standardized')
        .addSelect(`SUM(CASE WHEN ${DOC_NON_COMPLIANT} THEN 1 ELSE 0 END)`, 'nonCompliant')
        .where(`${COUNTED.documentsPublished}${dept}`, params)
        .getRawOne<Record<string, unknown>>();
      const docRows = await m
        .createQueryBuilder()
        .from('cases', 'c')
        .select(['c.id AS id', 'c.title AS title', 'c.department AS department', 'c.issues AS issues'])
        .addSelect(['c.filed_on AS "filedOn"', 'c.filing_deadline AS "filingDeadline"', 'c.document_number AS "documentNumber"'])
        .where(`${COUNTED.documentsPublished}${dept}`, params)
        .andWhere(DOC_NON_COMPLIANT)
        .orderBy('c.published_on')
        .limit(LIST_LIMIT)
        .getRawMany<{
          id: string;
          title: string;
          department: string;
          issues: string;
          filedOn: string | null;
          filingDeadline: string | null;
          documentNumber: string | null;
        }>();
      const docNonCompliant: NonCompliant[] = docRows.map((r) => {
        const reasons = localize(JSON.parse(r.issues) as ComplianceIssue[]);
        if (!r.filedOn) {
          const late = r.filingDeadline !== null && r.filingDeadline < today;
          reasons.push({
            code: late ? 'NOT_FILED_OVERDUE' : 'NOT_FILED',
            step: text('报送备案', 'filing')[lang],
            message: (late
              ? text(`逾期未报送备案（期限 ${zhDate(r.filingDeadline)}）`, `not filed, deadline ${r.filingDeadline} passed`)
              : text(`尚未报送备案（期限 ${zhDate(r.filingDeadline)}）`, `not filed yet (deadline ${r.filingDeadline})`))[lang],
          });
        }
        return {
          caseId: r.id,
          title: r.title,
          department: r.department,
          ...(r.documentNumber ? { documentNumber: r.documentNumber } : {}),
          reasons,
        };
      });

      // 重大行政决策: started, decided, published, archived in the year
      const decisions = await m
        .createQueryBuilder()
        .from('cases', 'c')
        .select(sum('decisionsStarted'), 'started')
        .addSelect(sum('decisionsDecided'), 'decided')
        .addSelect(sum('decisionsPublished'), 'published')
        .addSelect(sum('decisionsArchived'), 'archived')
        .addSelect(sum('decisionsOutsideCatalogue'), 'outsideCatalogue')
        .addSelect(sum('decisionsNonCompliant'), 'nonCompliant')
        .where(`${DECISIONS}${dept}`, params)
        .getRawOne<Record<string, unknown>>();
      const outside = await m
        .createQueryBuilder()
        .from('cases', 'c')
        .select(['c.id AS id', 'c.title AS title', 'c.department AS department', 'c.catalogue_item_id AS "catalogueItemId"'])
        .addSelect('c.started_on', 'startedOn')
        .where(`${COUNTED.decisionsOutsideCatalogue}${dept}`, params)
        .orderBy('c.started_on')
        .limit(LIST_LIMIT)
        .getRawMany<{ id: string; title: string; department: string; catalogueItemId: string | null; startedOn: string }>();
      const decisionIssues = await m
        .createQueryBuilder()
        .from('cases', 'c')
        .select(['c.id AS id', 'c.title AS title', 'c.department AS department', 'c.issues AS issues'])
        .where(`${COUNTED.decisionsNonCompliant}${dept}`, params)
        .limit(LIST_LIMIT)
        .getRawMany<{ id: string; title: string; department: string; issues: string }>();

      // 清理: campaigns whose cut-off date falls in the year
      const cleanups = await m
        .createQueryBuilder()
        .from('cleanups', 'k')
        .leftJoin('cleanup_items', 'i', 'i.cleanup_id = k.id')
        .leftJoin('cases', 'c', 'c.id = i.case_id')
        .select(['k.id AS id', 'k.name AS name', 'k.cutoff_date AS "cutoffDate"', 'k.completed_on AS "completedOn"'])
        .addSelect('COUNT(i.case_id)', 'total')
        .addSelect("SUM(CASE WHEN i.decision = 'continue' THEN 1 ELSE 0 END)", 'continued')
        .addSelect("SUM(CASE WHEN i.decision = 'amend' THEN 1 ELSE 0 END)", 'amended')
        .addSelect("SUM(CASE WHEN i.decision = 'repeal' THEN 1 ELSE 0 END)", 'repealed')
        .where(`k.cutoff_date BETWEEN :from AND :to AND ${cleanupScope(scope.government)}`, params)
        .andWhere(department ? '(c.department = :department OR i.case_id IS NULL)' : '1 = 1', params)
        .groupBy('k.id')
        .addGroupBy('k.name')
        .addGroupBy('k.cutoff_date')
        .addGroupBy('k.completed_on')
        .orderBy('k.cutoff_date')
        .getRawMany<Record<string, unknown>>();

      const overdue = await m
        .createQueryBuilder()
        .from('cases', 'c')
        .select('COUNT(*)', 'count')
        .where(`${COUNTED.overdueNow}${dept}`, params)
        .getRawOne<{ count: unknown }>();

      // under which rules: the year's cases by procedure version and the rulebook editions that judged them
      const rules = await m
        .createQueryBuilder()
        .from('cases', 'c')
        .select(['c.procedure AS procedure', 'c.procedure_version AS "procedureVersion"', 'c.rulebooks AS rulebooks'])
        .addSelect('COUNT(*)', 'cases')
        .where(`c.report_year = :year${dept}`, params)
        .groupBy('c.procedure')
        .addGroupBy('c.procedure_version')
        .addGroupBy('c.rulebooks')
        .orderBy('c.procedure')
        .addOrderBy('c.procedure_version')
        .getRawMany<{ procedure: string; procedureVersion: unknown; rulebooks: string; cases: unknown }>();

      // 备案审查: what was filed with the governments in scope during the year, and how it was handled
      const receivers = governmentSql(scope.government, 'rg.path');
      const filingRow = scope.department
        ? undefined
        : await m
            .createQueryBuilder()
            .from('filings', 'f')
            .select('COUNT(*)', 'received')
            .addSelect('SUM(CASE WHEN f.registered_on IS NOT NULL THEN 1 ELSE 0 END)', 'registered')
            .addSelect("SUM(CASE WHEN f.status = 'held' THEN 1 ELSE 0 END)", 'held')
            .addSelect("SUM(CASE WHEN f.status = 'reviewed' THEN 1 ELSE 0 END)", 'reviewed')
            .addSelect("SUM(CASE WHEN f.status = 'reviewed' AND f.reviewed_in_time THEN 1 ELSE 0 END)", 'reviewedInTime')
            .addSelect("SUM(CASE WHEN f.conclusion = 'correction-ordered' THEN 1 ELSE 0 END)", 'correctionsOrdered')
            .where(
              `f.received_on BETWEEN :from AND :to AND f.to_government_id IN (SELECT rg.id FROM governments rg WHERE ${receivers.sql})`,
              {
                ...params,
                ...receivers.params,
              },
            )
            .getRawOne<Record<string, unknown>>();

      const published = n(docs?.published);
      return {
        year,
        ...(department ? { department } : {}),
        normativeDocuments: {
          published,
          filed: n(docs?.filed),
          filedOnTime: n(docs?.filedOnTime),
          filingRate: rate(n(docs?.filed), published),
          timelyFilingRate: rate(n(docs?.filedOnTime), published),
          standardizationRate: rate(n(docs?.standardized), published),
          nonCompliant: docNonCompliant,
          nonCompliantTotal: n(docs?.nonCompliant),
        },
        majorDecisions: {
          inCatalogue: await this.catalogue.activeCount(year, scope, m),
          started: n(decisions?.started),
          decided: n(decisions?.decided),
          published: n(decisions?.published),
          archived: n(decisions?.archived),
          outsideCatalogueTotal: n(decisions?.outsideCatalogue),
          nonCompliantTotal: n(decisions?.nonCompliant),
          outsideCatalogue: outside.map((o) => ({
            caseId: o.id,
            title: o.title,
            department: o.department,
            catalogueItemId: o.catalogueItemId,
            startedOn: o.startedOn,
          })),
          nonCompliant: decisionIssues.map((r) => ({
            caseId: r.id,
            title: r.title,
            department: r.department,
            reasons: localize(JSON.parse(r.issues) as ComplianceIssue[]),
          })),
        },
        cleanups: cleanups.map((k) => ({
          id: String(k.id),
          name: String(k.name),
          cutoffDate: String(k.cutoffDate),
          completedOn: (k.completedOn as string | null) ?? null,
          total: n(k.total),
          continued: n(k.continued),
          amended: n(k.amended),
          repealed: n(k.repealed),
        })),
        overdueNow: n(overdue?.count),
        filingReview: {
          received: n(filingRow?.received),
          registered: n(filingRow?.registered),
          held: n(filingRow?.held),
          reviewed: n(filingRow?.reviewed),
          reviewedInTime: n(filingRow?.reviewedInTime),
          timelyReviewRate: rate(n(filingRow?.reviewedInTime), n(filingRow?.reviewed)),
          correctionsOrdered: n(filingRow?.correctionsOrdered),
        },
        rules: rules.map((r) => {
          const def = procedureOf(r.procedure, n(r.procedureVersion));
          return {
            procedure: r.procedure,
            procedureLabel: def.label[lang],
            procedureVersion: def.version,
            rulebooks: r.rulebooks
              .split(',')
              .filter(Boolean)
              .map((edition) => ({ edition, name: rulebookEdition(edition)?.name[lang] ?? edition })),
            cases: n(r.cases),
          };
        }),
      };
    });
  }

  /**
   * The annual report's figures: the compliance report, and the cases behind each of its counts
   * (listed by the same predicates it sums), with the clean-ups' documents by decision.
   */
  async annualFigures(year: number, scope: ReportScope, lang: Language, today = shanghaiDate(new Date())): Promise<AnnualFigures> {
    const report = await this.compliance(year, scope, lang, today);
    const { sql: dept, params: scoped } = scopeWhere(scope);
    const params = { year, from: `${year}-01-01`, to: `${year}-12-31`, today, ...scoped };
    return this.db.read(async (m) => {
      const cases = {} as Record<CaseList, CaseRef[]>;
      for (const list of CASE_LISTS) {
        cases[list] = await m
          .createQueryBuilder()
          .from('cases', 'c')
          .select(['c.id AS id', 'c.title AS title'])
          .where(`${COUNTED[list]}${dept}`, params)
          .orderBy('c.created_at')
          .addOrderBy('c.id')
          .limit(LIST_LIMIT)
          .getRawMany<CaseRef>();
      }
      const items = await m
        .createQueryBuilder()
        .from('cleanups', 'k')
        .innerJoin('cleanup_items', 'i', 'i.cleanup_id = k.id')
        .leftJoin('cases', 'c', 'c.id = i.case_id')
        .select(['k.id AS "cleanupId"', 'i.case_id AS id', 'i.title AS title', 'i.decision AS decision'])
        .where(`k.cutoff_date BETWEEN :from AND :to AND ${cleanupScope(scope.government)}${dept}`, params)
        .orderBy('i.document_number')
        .getRawMany<CaseRef & { cleanupId: string; decision: string | null }>();
      const organs = await m
        .createQueryBuilder()
        .from('cleanups', 'k')
        .select(['k.id AS id', 'k.issuing_organ AS "issuingOrgan"'])
        .where(`k.cutoff_date BETWEEN :from AND :to AND ${cleanupScope(scope.government)}`, params)
        .getRawMany<{ id: string; issuingOrgan: string }>();
      const cleanups = report.cleanups.map((k) => {
        const mine = items.filter((i) => i.cleanupId === k.id);
        const of = (d: string | null) => mine.filter((i) => i.decision === d).map(({ id, title }) => ({ id, title }));
        return {
          ...k,
          issuingOrgan: organs.find((o) => o.id === k.id)?.issuingOrgan ?? 'government',
          cases: { continue: of('continue'), amend: of('amend'), repeal: of('repeal'), undecided: of(null) },
        };
      });
      return { year, asOf: today, report, cases, cleanups };
    });
  }

  /** The statistics part of the year's annual report on law-based government, for a government or one of its departments. */
  async annual(
    year: number,
    scope: ReportScope,
    { name: government, level }: Pick<GovernmentEntity, 'name' | 'level'>,
    lang: Language,
    today = shanghaiDate(new Date()),
  ) {
    const department = scope.department;
    const figures = await this.annualFigures(year, scope, lang, today);
    const names = await this.db.read((m) => m.getRepository(DepartmentEntity).find());
    const nameOf = (id: string) => names.find((d) => d.id === id)?.name;
    const part = department ? (nameOf(department) ?? department) : undefined;
    const draft = annualReport(figures, { government, level, below: scope.government.below, department: part }, lang);
    return {
      year,
      ...(department ? { department } : {}),
      title: annualTitle(government, year, part, lang),
      signature: government,
      date: today,
      ...draft,
    };
  }

  /**
   * The year's rates department by department (the dashboard's bars), with the stages overdue now
   * charged to the department that holds them (`holderOf`): an overdue legality review is the
   * review body's, not the drafting department's. A department that only holds steps has a row too.
   */
  async byDepartment(year: number, scope: GovernmentScope, today = shanghaiDate(new Date())) {
    const g = caseScopeSql(scope);
    const { rows, overdue } = await this.db.read(async (m) => ({
      rows: await m
        .createQueryBuilder()
        .from('cases', 'c')
        .select('c.department', 'department')
        .addSelect(
          "SUM(CASE WHEN c.procedure = 'normative-document' AND NOT c.registered AND c.report_year = :year THEN 1 ELSE 0 END)",
          'published',
        )
        .addSelect(
          "SUM(CASE WHEN c.procedure = 'normative-document' AND NOT c.registered AND c.report_year = :year AND c.filed_on IS NOT NULL THEN 1 ELSE 0 END)",
          'filed',
        )
        .addSelect(
          "SUM(CASE WHEN c.procedure = 'normative-document' AND NOT c.registered AND c.report_year = :year AND c.filed_on IS NOT NULL AND NOT c.filed_late THEN 1 ELSE 0 END)",
          'filedOnTime',
        )
        .addSelect(
          "SUM(CASE WHEN c.procedure = 'normative-document' AND NOT c.registered AND c.report_year = :year AND c.filed_on IS NOT NULL AND NOT c.filed_late AND c.issue_count = 0 THEN 1 ELSE 0 END)",
          'standardized',
        )
        .addSelect("SUM(CASE WHEN c.procedure = 'major-decision' AND c.report_year = :year THEN 1 ELSE 0 END)", 'decisionsStarted')
        .addSelect(
          "SUM(CASE WHEN c.procedure = 'major-decision' AND c.archived_on BETWEEN :from AND :to THEN 1 ELSE 0 END)",
          'decisionsArchived',
        )
        .where(g.sql)
        .setParameters({ year, from: `${year}-01-01`, to: `${year}-12-31`, ...g.params })
        .groupBy('c.department')
        .orderBy('c.department')
        .getRawMany<Record<string, unknown>>(),
      overdue: await this.overdueByHolder(m, today, scope),
    }));
    const departments = [...new Set([...rows.map((r) => String(r.department)), ...overdue.keys()])].sort();
    return departments.map((department) => {
      const r = rows.find((x) => String(x.department) === department) ?? {};
      const published = n(r.published);
      return {
        department,
        published,
        filingRate: rate(n(r.filed), published),
        timelyFilingRate: rate(n(r.filedOnTime), published),
        standardizationRate: rate(n(r.standardized), published),
        decisionsStarted: n(r.decisionsStarted),
        decisionsArchived: n(r.decisionsArchived),
        overdueNow: overdue.get(department) ?? 0,
      };
    });
  }

  /** How many stages are overdue now, by the department that holds them (as `GET /api/cases?overdue=true&department=` lists them). */
  private async overdueByHolder(m: EntityManager, today: string, scope: GovernmentScope): Promise<Map<string, number>> {
    const g = caseScopeSql(scope);
    const rows = await m
      .createQueryBuilder()
      .select('o.held_by', 'heldBy')
      .addSelect('COUNT(*)', 'count')
      .from((q) => q.from('cases', 'c').select(chargedSql(), 'held_by').where(overdueSql()).andWhere(g.sql), 'o')
      .setParameters({ today, ...g.params })
      .groupBy('o.held_by')
      .getRawMany<{ heldBy: string; count: unknown }>();
    return new Map(rows.map((r) => [String(r.heldBy), n(r.count)]));
  }

  /** How many cases stand in each stage now (the dashboard's stage chart); `year` limits to cases reported in it. */
  async stages(scope: ReportScope, year?: number) {
    const g = caseScopeSql(scope.government);
    const rows = await this.db.read((m) => {
      const qb = m
        .createQueryBuilder()
        .from('cases', 'c')
        .select(['c.procedure AS procedure', 'c.stage AS stage'])
        .addSelect('COUNT(*)', 'count')
        .where(g.sql, g.params)
        .groupBy('c.procedure')
        .addGroupBy('c.stage');
      if (year) qb.andWhere('c.report_year = :year', { year });
      if (scope.department) qb.andWhere('c.department = :department', { department: scope.department });
      return qb.getRawMany<{ procedure: string; stage: string; count: unknown }>();
    });
    return rows.map((r) => ({ procedure: r.procedure, stage: r.stage, count: n(r.count) }));
  }
}
