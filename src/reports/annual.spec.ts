import { annualFilename, annualReport, annualTitle, AnnualFigures, CASE_LISTS, CaseList, CaseRef } from './annual';

const refs = (prefix: string, n: number): CaseRef[] =>
  Array.from({ length: n }, (_, i) => ({ id: `${prefix}${i + 1}`, title: `${prefix}文件${i + 1}` }));
const rate = (numerator: number, denominator: number) => ({
  value: denominator ? Number((numerator / denominator).toFixed(4)) : null,
  numerator,
  denominator,
});
const noCases = () => Object.fromEntries(CASE_LISTS.map((l) => [l, [] as CaseRef[]])) as Record<CaseList, CaseRef[]>;

function empty(): AnnualFigures {
  return {
    year: 2025,
    asOf: '2026-03-02',
    report: {
      normativeDocuments: {
        published: 0,
        filed: 0,
        filedOnTime: 0,
        filingRate: rate(0, 0),
        timelyFilingRate: rate(0, 0),
        standardizationRate: rate(0, 0),
        nonCompliant: [],
        nonCompliantTotal: 0,
      },
      majorDecisions: {
        inCatalogue: 0,
        started: 0,
        decided: 0,
        published: 0,
        archived: 0,
        outsideCatalogue: [],
        outsideCatalogueTotal: 0,
        nonCompliant: [],
        nonCompliantTotal: 0,
      },
      overdueNow: 0,
    },
    cases: noCases(),
    cleanups: [],
  };
}

/** Siyang's 2023 as the demo seeds it. */
function full(): AnnualFigures {
  const f = empty();
  f.year = 2023;
  const docs = refs('d', 3);
  const decisions = refs('m', 4);
  f.report.normativeDocuments = {
    ...f.report.normativeDocuments,
    published: 3,
    filed: 3,
    filedOnTime: 3,
    filingRate: rate(3, 3),
    timelyFilingRate: rate(3, 3),
    standardizationRate: rate(3, 3),
  };
  f.report.majorDecisions = { ...f.report.majorDecisions, inCatalogue: 4, started: 4, decided: 4, published: 4, archived: 4 };
  Object.assign(f.cases, {
    documentsPublished: docs,
    documentsFiled: docs,
    documentsFiledOnTime: docs,
    documentsStandardized: docs,
    decisionsInCatalogue: decisions,
    decisionsCatalogueArchived: decisions,
    decisionsStarted: decisions,
    decisionsDecided: decisions,
    decisionsPublished: decisions,
    decisionsArchived: decisions,
  });
  const inForce = refs('r', 21);
  f.cleanups = [
    {
      id: 'k1',
      name: '2023年县政府行政规范性文件清理',
      cutoffDate: '2023-04-24',
      completedOn: '2023-07-10',
      total: 21,
      continued: 13,
      amended: 1,
      repealed: 7,
      issuingOrgan: 'government',
      cases: { continue: inForce.slice(0, 13), amend: inForce.slice(13, 14), repeal: inForce.slice(14), undecided: [] },
    },
  ];
  return f;
}

const names = { government: '泗阳县人民政府' };
const text = (d: ReturnType<typeof annualReport>, id: string) => d.paragraphs.find((p) => p.id === id)!.text;

describe('annualReport', () => {
  it('writes a year that met every rule in the county report’s own words', () => {
    const d = annualReport(full(), names);
    expect(text(d, 'normative-documents')).toBe(
      '年内出台县政府行政规范性文件3件，均履行公开征求意见、合法性审查、集体审议决定、向社会公开发布等法定程序，报备率、及时率、规范率均达100%。',
    );
    expect(text(d, 'cleanups')).toBe(
      '对截止2023年4月24日现行有效的21件县政府行政规范性文件进行全面清理，其中继续有效13件，应予修改1件，决定废止7件。',
    );
    expect(text(d, 'major-decisions')).toBe('年内纳入重大行政决策事项目录4项，均已完成立案归档。');
    expect(text(d, 'overdue')).toBe('截至2026年3月2日，没有超过办理期限的事项。');
  });

  it('links every figure a paragraph states to its cases; a rate to its numerator and denominator', () => {
    const d = annualReport(full(), names);
    for (const p of d.paragraphs) for (const key of p.figures) expect(d.figures[key]).toBeDefined();
    expect(d.figures['documents.published']).toMatchObject({ value: 3, unit: 'count', caseIds: ['d1', 'd2', 'd3'] });
    expect(d.figures['documents.filingRate']).toMatchObject({
      label: '报备率',
      value: 1,
      unit: 'rate',
      numerator: { value: 3, caseIds: ['d1', 'd2', 'd3'] },
      denominator: { value: 3, caseIds: ['d1', 'd2', 'd3'] },
    });
    expect(d.figures['cleanups.1.repealed'].caseIds).toHaveLength(7);
    expect(d.figures['cleanups.1.total'].caseIds).toHaveLength(21);
    expect(d.figures['decisions.inCatalogue']).toMatchObject({ value: 4, caseIds: ['m1', 'm2', 'm3', 'm4'] });
    expect(d.figures['decisions.catalogueArchived'].value).toBe(4);
    for (const fig of Object.values(d.figures)) expect(fig.cases.map((c) => c.id)).toEqual(fig.caseIds);
  });

  it('says plainly where a year falls short, naming the cases', () => {
    const f = full();
    const docs = f.cases.documentsPublished;
    f.report.normativeDocuments = {
      ...f.report.normativeDocuments,
      filedOnTime: 2,
      timelyFilingRate: rate(2, 3),
      standardizationRate: rate(2, 3),
      nonCompliant: [
        {
          caseId: 'd2',
          title: '泗阳县城市停车管理办法',
          department: 'fgw',
          reasons: [{ code: 'FILED_LATE', step: '报送备案', message: '逾期报送备案' }],
        },
      ],
      nonCompliantTotal: 1,
    };
    f.cases.documentsFiledOnTime = [docs[0], docs[2]];
    f.cases.documentsStandardized = [docs[0], docs[2]];
    f.report.majorDecisions = {
      ...f.report.majorDecisions,
      started: 5,
      archived: 3,
      outsideCatalogue: [
        { caseId: 'x1', title: '泗阳县某项目目录外决策', department: 'fgw', catalogueItemId: null, startedOn: '2023-05-01' },
      ],
      outsideCatalogueTotal: 1,
    };
    f.cases.decisionsCatalogueArchived = f.cases.decisionsInCatalogue.slice(0, 3);
    f.cases.decisionsArchived = f.cases.decisionsInCatalogue.slice(0, 3);
    f.cases.decisionsStarted = [...f.cases.decisionsInCatalogue, { id: 'x1', title: '泗阳县某项目目录外决策' }];
    f.cases.decisionsOutsideCatalogue = [{ id: 'x1', title: '泗阳县某项目目录外决策' }];
    f.report.overdueNow = 1;
    f.cases.overdueNow = [{ id: 'o1', title: '泗阳县城镇老旧小区改造管理办法' }];

    const d = annualReport(f, names);
    const docsText = text(d, 'normative-documents');
    expect(docsText).toBe(
      '年内出台县政府行政规范性文件3件，报备率100%，及时率66.67%，规范率66.67%。其中《泗阳县城市停车管理办法》未在规定期限内报送备案。',
    );
    expect(d.figures['documents.nonCompliant'].caseIds).toEqual(['d2']);
    expect(d.figures['documents.timelyFilingRate'].numerator).toEqual({ value: 2, caseIds: ['d1', 'd3'] });
    const m = text(d, 'major-decisions');
    expect(m).toContain('年内纳入重大行政决策事项目录4项，已完成立案归档3项，《m文件4》尚未完成立案归档。');
    expect(m).toContain('年内启动重大行政决策5项，作出决定4项，向社会公布4项，完成立案归档3项。');
    expect(m).toContain('其中《泗阳县某项目目录外决策》未列入年度重大行政决策事项目录即启动。');
    expect(d.figures['decisions.outsideCatalogue'].caseIds).toEqual(['x1']);
    expect(text(d, 'overdue')).toBe('截至2026年3月2日，有1件事项超过办理期限：《泗阳县城镇老旧小区改造管理办法》。');
    expect(d.figures.overdueNow.caseIds).toEqual(['o1']);
  });

  it('says so when a year has nothing', () => {
    const d = annualReport(empty(), names);
    expect(text(d, 'normative-documents')).toBe('年内未出台县政府行政规范性文件。');
    expect(text(d, 'cleanups')).toBe('年内未开展行政规范性文件清理。');
    expect(text(d, 'major-decisions')).toBe('年内未纳入重大行政决策事项目录事项。年内未启动重大行政决策。');
    expect(d.figures['documents.published']).toMatchObject({ value: 0, caseIds: [] });
    expect(d.figures['documents.filingRate']).toBeUndefined();
  });

  it("names a city's own documents, and with its counties' those of every government below", () => {
    expect(text(annualReport(empty(), { ...names, level: 'city' }), 'normative-documents')).toBe('年内未出台市政府行政规范性文件。');
    expect(text(annualReport(empty(), { ...names, level: 'city', below: true }), 'normative-documents')).toBe(
      '年内未出台各级政府行政规范性文件。',
    );
    expect(text(annualReport(empty(), { ...names, level: 'province' }, 'en'), 'normative-documents')).toContain('provincial government');
  });

  it('names a department’s share, and writes English on request', () => {
    const zjj = annualReport(empty(), { ...names, department: '县住房和城乡建设局' });
    expect(text(zjj, 'normative-documents')).toBe('年内未出台县住房和城乡建设局承办的县政府行政规范性文件。');
    const en = annualReport(full(), names, 'en');
    expect(text(en, 'normative-documents')).toContain('the filing, timely filing and standardization rates are all 100%');
    expect(text(en, 'cleanups')).toContain('in force on 24 April 2023');
    expect(en.figures['documents.filingRate'].label).toBe('filing rate');
  });

  it('titles the report with the government and makes a file name of it', () => {
    expect(annualTitle('泗阳县人民政府', 2023, undefined, 'zh')).toBe('泗阳县人民政府2023年法治政府建设年度报告（统计部分）');
    expect(annualFilename('a: b/c')).toBe('a  b c.docx');
  });
});
