import { Injectable } from '@nestjs/common';
import { ComplianceIssue, Language, procedureOf, rulebookEdition, shanghaiDate, text } from '../../workflows';
import { overdueSql } from '../cases/case-facts';
import { CatalogueService } from '../catalogue/catalogue.service';
import { Db } from '../database/db.service';
import type { NonCompliant, Rate } from './reports.response';

// The CLI's tables read the same shape.
export type { Rate } from './reports.response';

/**
 * The lists that name cases stop at this many (the totals count them all), so a report's size
 * and the server's memory do not grow with the number of cases; the case lists page through the rest.
 */
export const LIST_LIMIT = 500;

const DOC_NON_COMPLIANT = '(c.filed_on IS NULL OR c.filed_late OR c.issue_count > 0)';

const rate = (numerator: number, denominator: number): Rate => ({
  value: denominator === 0 ? null : Number((numerator / denominator).toFixed(4)),
  numerator,
  denominator,
});

const n = (v: unknown) => Number(v ?? 0);

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
  ) {}

  async compliance(year: number, department: string | undefined, lang: Language, today = shanghaiDate(new Date())) {
    const from = `${year}-01-01`;
    const to = `${year}-12-31`;
    const dept = department ? ' AND c.department = :department' : '';
    const params = { year, from, to, department, today };
    const localize = (issues: ComplianceIssue[]) => issues.map((i) => ({ code: i.code, step: i.step[lang], message: i.message[lang] }));

    return this.db.read(async (m) => {
      // 规范性文件: published in the year through the procedure (registered ones are left out)
      const docs = await m
        .createQueryBuilder()
        .from('cases', 'c')
        .select('COUNT(*)', 'published')
        .addSelect('SUM(CASE WHEN c.filed_on IS NOT NULL THEN 1 ELSE 0 END)', 'filed')
        .addSelect('SUM(CASE WHEN c.filed_on IS NOT NULL AND NOT c.filed_late THEN 1 ELSE 0 END)', 'filedOnTime')
        .addSelect('SUM(CASE WHEN c.filed_on IS NOT NULL AND NOT c.filed_late AND c.issue_count = 0 THEN 1 ELSE 0 END)', 'standardized')
        .addSelect(`SUM(CASE WHEN ${DOC_NON_COMPLIANT} THEN 1 ELSE 0 END)`, 'nonCompliant')
        .where(`c.procedure = 'normative-document' AND NOT c.registered AND c.report_year = :year${dept}`, params)
        .getRawOne<Record<string, unknown>>();
      const docRows = await m
        .createQueryBuilder()
        .from('cases', 'c')
        .select(['c.id AS id', 'c.title AS title', 'c.department AS department', 'c.issues AS issues'])
        .addSelect(['c.filed_on AS "filedOn"', 'c.filing_deadline AS "filingDeadline"', 'c.document_number AS "documentNumber"'])
        .where(`c.procedure = 'normative-document' AND NOT c.registered AND c.report_year = :year${dept}`, params)
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
              ? text(`逾期未报送备案（期限 ${r.filingDeadline}）`, `not filed, deadline ${r.filingDeadline} passed`)
              : text(`尚未报送备案（期限 ${r.filingDeadline}）`, `not filed yet (deadline ${r.filingDeadline})`))[lang],
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
      const within = (col: string) => `SUM(CASE WHEN c.${col} BETWEEN :from AND :to THEN 1 ELSE 0 END)`;
      const decisions = await m
        .createQueryBuilder()
        .from('cases', 'c')
        .select(within('started_on'), 'started')
        .addSelect(within('decided_on'), 'decided')
        .addSelect(within('published_on'), 'published')
        .addSelect(within('archived_on'), 'archived')
        .addSelect('SUM(CASE WHEN c.started_on BETWEEN :from AND :to AND c.outside_catalogue THEN 1 ELSE 0 END)', 'outsideCatalogue')
        .addSelect('SUM(CASE WHEN c.started_on BETWEEN :from AND :to AND c.issue_count > 0 THEN 1 ELSE 0 END)', 'nonCompliant')
        .where(`c.procedure = 'major-decision'${dept}`, params)
        .getRawOne<Record<string, unknown>>();
      const startedInYear = `c.procedure = 'major-decision' AND c.started_on BETWEEN :from AND :to${dept}`;
      const outside = await m
        .createQueryBuilder()
        .from('cases', 'c')
        .select(['c.id AS id', 'c.title AS title', 'c.department AS department', 'c.catalogue_item_id AS "catalogueItemId"'])
        .addSelect('c.started_on', 'startedOn')
        .where(`${startedInYear} AND c.outside_catalogue`, params)
        .orderBy('c.started_on')
        .limit(LIST_LIMIT)
        .getRawMany<{ id: string; title: string; department: string; catalogueItemId: string | null; startedOn: string }>();
      const decisionIssues = await m
        .createQueryBuilder()
        .from('cases', 'c')
        .select(['c.id AS id', 'c.title AS title', 'c.department AS department', 'c.issues AS issues'])
        .where(`${startedInYear} AND c.issue_count > 0`, params)
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
        .where(`k.cutoff_date BETWEEN :from AND :to${department ? ' AND (c.department = :department OR i.case_id IS NULL)' : ''}`, params)
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
        .where(`${overdueSql()}${dept}`, params)
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
          inCatalogue: await this.catalogue.activeCount(year, department, m),
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

  /** The year's rates department by department (the dashboard's bars), with stages overdue now. */
  async byDepartment(year: number, today = shanghaiDate(new Date())) {
    const rows = await this.db.read((m) =>
      m
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
        .addSelect(`SUM(CASE WHEN ${overdueSql()} THEN 1 ELSE 0 END)`, 'overdueNow')
        .setParameters({ year, from: `${year}-01-01`, to: `${year}-12-31`, today })
        .groupBy('c.department')
        .orderBy('c.department')
        .getRawMany<Record<string, unknown>>(),
    );
    return rows.map((r) => {
      const published = n(r.published);
      return {
        department: String(r.department),
        published,
        filingRate: rate(n(r.filed), published),
        timelyFilingRate: rate(n(r.filedOnTime), published),
        standardizationRate: rate(n(r.standardized), published),
        decisionsStarted: n(r.decisionsStarted),
        decisionsArchived: n(r.decisionsArchived),
        overdueNow: n(r.overdueNow),
      };
    });
  }

  /** How many cases stand in each stage now (the dashboard's stage chart); `year` limits to cases reported in it. */
  async stages(year?: number, department?: string) {
    const rows = await this.db.read((m) => {
      const qb = m
        .createQueryBuilder()
        .from('cases', 'c')
        .select(['c.procedure AS procedure', 'c.stage AS stage'])
        .addSelect('COUNT(*)', 'count')
        .groupBy('c.procedure')
        .addGroupBy('c.stage');
      if (year) qb.andWhere('c.report_year = :year', { year });
      if (department) qb.andWhere('c.department = :department', { department });
      return qb.getRawMany<{ procedure: string; stage: string; count: unknown }>();
    });
    return rows.map((r) => ({ procedure: r.procedure, stage: r.stage, count: n(r.count) }));
  }
}
