// The statistics part of the annual report on law-based government (法治政府建设年度报告, due by
// 1 April for the year before): the compliance report's figures written out as the county's own
// report writes them, every figure with the cases behind it. Pure: no Nest, no database.
import { type IsoDate, type Language, zhDate } from '../../workflows';
import type { CleanupReport, ComplianceReport, NonCompliant } from './reports.response';

export interface CaseRef {
  id: string;
  title: string;
}

/** The lists of cases behind the counts (ReportsService.casesBehind), each as its SQL predicate selects them. */
export const CASE_LISTS = [
  'documentsPublished',
  'documentsByDepartments',
  'documentsFiled',
  'documentsFiledOnTime',
  'documentsStandardized',
  'decisionsInCatalogue',
  'decisionsCatalogueArchived',
  'decisionsStarted',
  'decisionsDecided',
  'decisionsPublished',
  'decisionsArchived',
  'decisionsOutsideCatalogue',
  'decisionsNonCompliant',
  'overdueNow',
] as const;
export type CaseList = (typeof CASE_LISTS)[number];

export interface AnnualCleanup extends CleanupReport {
  issuingOrgan: string;
  cases: Record<'continue' | 'amend' | 'repeal' | 'undecided', CaseRef[]>;
}

export interface AnnualFigures {
  year: number;
  /** the day the figures were read: "overdue now" is as of it */
  asOf: IsoDate;
  report: Pick<ComplianceReport, 'normativeDocuments' | 'majorDecisions' | 'overdueNow'>;
  cases: Record<CaseList, CaseRef[]>;
  cleanups: AnnualCleanup[];
}

export interface AnnualNames {
  /** the government, as the departments name it (e.g. 泗阳县人民政府) */
  government: string;
  /** its level (a county's when absent): its own documents are 县政府, 市政府 or 省政府 documents */
  level?: 'province' | 'city' | 'county';
  /** the report covers the governments below it too (a city's or province's, for its supervisor) */
  below?: boolean;
  /** the department the report is limited to, in full */
  department?: string;
}

export interface FigurePart {
  value: number;
  caseIds: string[];
}

export interface Figure {
  label: string;
  /** a count, or a rate from 0 to 1 (null when nothing was counted) */
  value: number | null;
  unit: 'count' | 'rate';
  /** for a count the cases counted, for a rate those of its denominator (at most 500 of each list) */
  caseIds: string[];
  cases: CaseRef[];
  numerator?: FigurePart;
  denominator?: FigurePart;
}

export interface Paragraph {
  id: string;
  heading?: string;
  text: string;
  figures: string[];
}

export interface AnnualDraft {
  paragraphs: Paragraph[];
  figures: Record<string, Figure>;
}

const pct = (v: number | null) => (v === null ? '—' : `${Number((v * 100).toFixed(2))}%`);
const dateZh = zhDate;
const dateEn = (iso: string) => {
  const d = new Date(`${iso}T00:00:00Z`);
  return d.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
};
const quoted = (titles: string[], lang: Language) =>
  lang === 'zh' ? titles.map((t) => `《${t}》`).join('') : titles.map((t) => `"${t}"`).join(', ');
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** Write the figures out as paragraphs; every figure a paragraph uses is in `figures`, with its cases. */
export function annualReport(f: AnnualFigures, names: AnnualNames, lang: Language = 'zh'): AnnualDraft {
  const zh = lang === 'zh';
  const t = (zhText: string, enText: string) => (zh ? zhText : enText);
  // whose documents: the government's own (县政府, 市政府, 省政府), or with those below it (各级政府)
  const level = names.level ?? 'county';
  const rollUp = names.below && level !== 'county';
  const organZh = rollUp ? '各级政府' : { county: '县政府', city: '市政府', province: '省政府' }[level];
  const organEn = rollUp ? 'government' : `${level === 'province' ? 'provincial' : level} government`;
  const figures: Record<string, Figure> = {};
  const paragraphs: Paragraph[] = [];
  const count = (key: string, label: string, value: number, cases: CaseRef[]) => {
    figures[key] = { label, value, unit: 'count', caseIds: cases.map((c) => c.id), cases };
    return key;
  };
  const rateOf = (
    key: string,
    label: string,
    r: { value: number | null; numerator: number; denominator: number },
    num: CaseRef[],
    den: CaseRef[],
  ) => {
    figures[key] = {
      label,
      value: r.value,
      unit: 'rate',
      caseIds: den.map((c) => c.id),
      cases: den,
      numerator: { value: r.numerator, caseIds: num.map((c) => c.id) },
      denominator: { value: r.denominator, caseIds: den.map((c) => c.id) },
    };
    return key;
  };
  const nonCompliantRefs = (list: NonCompliant[]) => list.map((n) => ({ id: n.caseId, title: n.title }));
  const scope = names.department;

  // ── 行政规范性文件 ──
  const docs = f.report.normativeDocuments;
  {
    const used: string[] = [];
    const kind = (() => {
      const departmental = f.cases.documentsByDepartments.length;
      if (departmental === 0) return t(`${organZh}行政规范性文件`, `${organEn} normative document`);
      if (departmental === docs.published) return t('部门行政规范性文件', "departments' normative document");
      return t('行政规范性文件', 'normative document');
    })();
    const sponsor = scope ? t(`${scope}承办的`, ` sponsored by ${scope}`) : '';
    let s: string;
    if (docs.published === 0) {
      used.push(count('documents.published', t('出台文件', 'documents issued'), 0, []));
      s = zh ? `年内未出台${sponsor}${kind}。` : `No ${kind}s${sponsor} were issued in the year.`;
    } else {
      used.push(count('documents.published', t('出台文件', 'documents issued'), docs.published, f.cases.documentsPublished));
      const departmental = f.cases.documentsByDepartments.length;
      if (departmental > 0 && departmental < docs.published) {
        used.push(count('documents.departmental', t('部门文件', "departments' documents"), departmental, f.cases.documentsByDepartments));
      }
      const split =
        departmental > 0 && departmental < docs.published
          ? t(
              `（其中${organZh}文件${docs.published - departmental}件、部门文件${departmental}件）`,
              ` (${docs.published - departmental} of the ${organEn}, ${departmental} of departments)`,
            )
          : '';
      s = zh
        ? `年内出台${sponsor}${kind}${docs.published}件${split}，`
        : `${plural(docs.published, kind)}${sponsor} ${docs.published === 1 ? 'was' : 'were'} issued in the year${split}; `;
      used.push(
        rateOf('documents.filingRate', t('报备率', 'filing rate'), docs.filingRate, f.cases.documentsFiled, f.cases.documentsPublished),
        rateOf(
          'documents.timelyFilingRate',
          t('及时率', 'timely filing rate'),
          docs.timelyFilingRate,
          f.cases.documentsFiledOnTime,
          f.cases.documentsPublished,
        ),
        rateOf(
          'documents.standardizationRate',
          t('规范率', 'standardization rate'),
          docs.standardizationRate,
          f.cases.documentsStandardized,
          f.cases.documentsPublished,
        ),
      );
      const allSteps = docs.standardizationRate.numerator === docs.published;
      const all = [docs.filingRate, docs.timelyFilingRate, docs.standardizationRate].every((r) => r.value === 1);
      if (allSteps) {
        s += t(
          '均履行公开征求意见、合法性审查、集体审议决定、向社会公开发布等法定程序，',
          'each went through the statutory steps (public comment, legality review, collective deliberation, publication); ',
        );
      }
      s += all
        ? t('报备率、及时率、规范率均达100%。', 'the filing, timely filing and standardization rates are all 100%.')
        : t(
            `报备率${pct(docs.filingRate.value)}，及时率${pct(docs.timelyFilingRate.value)}，规范率${pct(docs.standardizationRate.value)}。`,
            `filing rate ${pct(docs.filingRate.value)}, timely filing rate ${pct(docs.timelyFilingRate.value)}, standardization rate ${pct(docs.standardizationRate.value)}.`,
          );
      if (docs.nonCompliant.length) {
        used.push(
          count(
            'documents.nonCompliant',
            t('未达标文件', 'documents short of the rules'),
            docs.nonCompliantTotal,
            nonCompliantRefs(docs.nonCompliant),
          ),
        );
        s += zh ? '其中' : ' ';
        s += docs.nonCompliant.map((n) => shortfall(n, lang)).join(zh ? '；' : '; ');
        s += zh ? '。' : '.';
        if (docs.nonCompliantTotal > docs.nonCompliant.length) {
          s += t(
            `（另有${docs.nonCompliantTotal - docs.nonCompliant.length}件未列出。）`,
            ` (${docs.nonCompliantTotal - docs.nonCompliant.length} more not listed.)`,
          );
        }
      }
    }
    paragraphs.push({ id: 'normative-documents', heading: t('行政规范性文件制定', 'Normative documents'), text: s, figures: used });
  }

  // ── 行政规范性文件清理 ──
  {
    const used: string[] = [];
    const sentences: string[] = [];
    f.cleanups.forEach((k, i) => {
      const p = `cleanups.${i + 1}`;
      const organ = k.issuingOrgan === 'department' ? t('部门', "departments' ") : t(organZh, `${organEn} `);
      const total = [...k.cases.continue, ...k.cases.amend, ...k.cases.repeal, ...k.cases.undecided];
      used.push(
        count(`${p}.total`, t(`${k.name}：清理文件`, `${k.name}: documents reviewed`), k.total, total),
        count(`${p}.continued`, t('继续有效', 'continue in force'), k.continued, k.cases.continue),
        count(`${p}.amended`, t('应予修改', 'to be amended'), k.amended, k.cases.amend),
        count(`${p}.repealed`, t('决定废止', 'repealed'), k.repealed, k.cases.repeal),
      );
      const undecided = k.total - k.continued - k.amended - k.repealed;
      let s = zh
        ? `对截止${dateZh(k.cutoffDate)}现行有效的${k.total}件${organ}行政规范性文件进行全面清理，其中继续有效${k.continued}件，应予修改${k.amended}件，决定废止${k.repealed}件`
        : `The ${plural(k.total, `${organ}normative document`)} in force on ${dateEn(k.cutoffDate)} were reviewed in full: ${k.continued} continue in force, ${k.amended} to be amended, ${k.repealed} repealed`;
      if (undecided > 0) {
        used.push(count(`${p}.undecided`, t('尚未决定', 'not decided'), undecided, k.cases.undecided));
        s += zh
          ? `，尚有${undecided}件未作出清理决定：${quoted(
              k.cases.undecided.map((c) => c.title),
              lang,
            )}`
          : `; ${undecided} not decided yet: ${quoted(
              k.cases.undecided.map((c) => c.title),
              lang,
            )}`;
      }
      if (!k.completedOn) s += t('，清理工作尚未完成', '; the clean-up is not completed yet');
      sentences.push(s + t('。', '.'));
    });
    if (!sentences.length)
      sentences.push(t('年内未开展行政规范性文件清理。', 'No clean-up of normative documents was carried out in the year.'));
    paragraphs.push({
      id: 'cleanups',
      heading: t('行政规范性文件清理', 'Clean-up of normative documents'),
      text: sentences.join(zh ? '' : ' '),
      figures: used,
    });
  }

  // ── 重大行政决策 ──
  {
    const m = f.report.majorDecisions;
    const used: string[] = [];
    const inCat = count('decisions.inCatalogue', t('纳入目录', 'in the catalogue'), m.inCatalogue, f.cases.decisionsInCatalogue);
    const archivedInCat = f.cases.decisionsCatalogueArchived;
    let s: string;
    if (m.inCatalogue === 0) {
      used.push(inCat);
      s = t('年内未纳入重大行政决策事项目录事项。', 'No major decision was listed in the catalogue for the year.');
    } else {
      used.push(
        inCat,
        count('decisions.catalogueArchived', t('目录事项已归档', 'catalogue decisions archived'), archivedInCat.length, archivedInCat),
      );
      if (archivedInCat.length >= m.inCatalogue) {
        s = zh
          ? `年内纳入重大行政决策事项目录${m.inCatalogue}项，均已完成立案归档。`
          : `${plural(m.inCatalogue, 'major decision')} listed in the year's catalogue, all archived.`;
      } else {
        const archivedIds = new Set(archivedInCat.map((c) => c.id));
        const open = f.cases.decisionsInCatalogue.filter((c) => !archivedIds.has(c.id));
        const notStarted = m.inCatalogue - f.cases.decisionsInCatalogue.length;
        s = zh
          ? `年内纳入重大行政决策事项目录${m.inCatalogue}项，已完成立案归档${archivedInCat.length}项`
          : `${plural(m.inCatalogue, 'major decision')} listed in the year's catalogue, ${archivedInCat.length} archived`;
        if (open.length)
          s += zh
            ? `，${quoted(
                open.map((c) => c.title),
                lang,
              )}尚未完成立案归档`
            : `; not archived yet: ${quoted(
                open.map((c) => c.title),
                lang,
              )}`;
        if (notStarted > 0) s += zh ? `，${notStarted}项尚未启动` : `; ${notStarted} not started`;
        s += t('。', '.');
      }
    }
    const steps = [m.started, m.decided, m.published, m.archived];
    if (!(m.inCatalogue > 0 && steps.every((x) => x === m.inCatalogue) && archivedInCat.length >= m.inCatalogue)) {
      used.push(
        count('decisions.started', t('启动', 'started'), m.started, f.cases.decisionsStarted),
        count('decisions.decided', t('作出决定', 'decided'), m.decided, f.cases.decisionsDecided),
        count('decisions.published', t('向社会公布', 'published'), m.published, f.cases.decisionsPublished),
        count('decisions.archived', t('立案归档', 'archived'), m.archived, f.cases.decisionsArchived),
      );
      s += steps.every((x) => x === 0)
        ? t('年内未启动重大行政决策。', ' No major decision was started, decided, published or archived in the year.')
        : zh
          ? `年内启动重大行政决策${m.started}项，作出决定${m.decided}项，向社会公布${m.published}项，完成立案归档${m.archived}项。`
          : ` In the year ${m.started} started, ${m.decided} decided, ${m.published} published, ${m.archived} archived.`;
    }
    if (m.outsideCatalogue.length) {
      used.push(
        count(
          'decisions.outsideCatalogue',
          t('目录外启动', 'started outside the catalogue'),
          m.outsideCatalogueTotal,
          f.cases.decisionsOutsideCatalogue,
        ),
      );
      const titles = quoted(
        m.outsideCatalogue.map((o) => o.title),
        lang,
      );
      s += zh
        ? `其中${titles}未列入年度重大行政决策事项目录即启动。`
        : ` ${titles} ${m.outsideCatalogue.length === 1 ? 'was' : 'were'} started without being listed in the catalogue.`;
    }
    if (m.nonCompliant.length) {
      used.push(
        count('decisions.nonCompliant', t('程序存在问题', 'short of the rules'), m.nonCompliantTotal, f.cases.decisionsNonCompliant),
      );
      s += (zh ? '' : ' ') + m.nonCompliant.map((n) => shortfall(n, lang)).join(zh ? '；' : '; ') + t('。', '.');
    }
    paragraphs.push({ id: 'major-decisions', heading: t('重大行政决策', 'Major administrative decisions'), text: s, figures: used });
  }

  // ── 办理时限 ──
  {
    const overdue = f.cases.overdueNow;
    const key = count('overdueNow', t('当前逾期', 'overdue now'), f.report.overdueNow, overdue);
    const s =
      f.report.overdueNow === 0
        ? t(`截至${dateZh(f.asOf)}，没有超过办理期限的事项。`, `As of ${dateEn(f.asOf)}, no case is past its time limit.`)
        : zh
          ? `截至${dateZh(f.asOf)}，有${f.report.overdueNow}件事项超过办理期限：${quoted(
              overdue.map((c) => c.title),
              lang,
            )}。`
          : `As of ${dateEn(f.asOf)}, ${plural(f.report.overdueNow, 'case')} ${f.report.overdueNow === 1 ? 'is' : 'are'} past the time limit: ${quoted(
              overdue.map((c) => c.title),
              lang,
            )}.`;
    paragraphs.push({ id: 'overdue', heading: t('办理时限', 'Time limits'), text: s, figures: [key] });
  }

  return { paragraphs, figures };
}

/** What a case lacked, in a clause naming it: 《…》未在规定期限内报送备案. */
function shortfall(n: NonCompliant, lang: Language): string {
  const zh = lang === 'zh';
  const title = quoted([n.title], lang);
  const clauses = n.reasons.map((r) => {
    if (r.code === 'FILED_LATE') return zh ? '未在规定期限内报送备案' : 'was not filed within the time limit';
    if (r.code === 'NOT_FILED_OVERDUE') return zh ? '逾期未报送备案' : 'was not filed, and its time limit has passed';
    if (r.code === 'NOT_FILED') return zh ? '尚未报送备案' : 'is not filed yet';
    return zh ? `${r.step}：${r.message}` : `${r.step}: ${r.message}`;
  });
  if (!clauses.length) return zh ? `${title}存在程序问题` : `${title} fell short of the rules`;
  return zh ? `${title}${clauses.join('，')}` : `${title} ${clauses.join('; ')}`;
}

/** 泗阳县人民政府2023年法治政府建设年度报告（统计部分）, or the department's share of it. */
export function annualTitle(government: string, year: number, department: string | undefined, lang: Language): string {
  if (lang === 'zh') return `${government}${year}年法治政府建设年度报告（统计部分${department ? `·${department}` : ''}）`;
  return `${government} annual report on law-based government ${year} (statistics${department ? `, ${department}` : ''})`;
}

/** The report's title as a file name: no character a file system refuses. */
export const annualFilename = (title: string) => `${title.replace(/[\\/:*?"<>|]/g, ' ')}.docx`;
