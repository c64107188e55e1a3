import { dateRange, describeRange, DOCUMENTS_BEGIN, inRange, procedureBegins, RULES_BEGIN, yearRange } from './bounds';
import { releases } from './engine';
import { rulebookEditions } from './rulebook';

describe('the dates Docket can judge', () => {
  it('begin with the earliest rules it holds: 国办发〔2018〕37号 for documents, Decree 713 for decisions', () => {
    expect(RULES_BEGIN).toBe('2018-05-16');
    expect(procedureBegins('normative-document')).toBe(releases['normative-document'][0].effectiveFrom);
    expect(procedureBegins('major-decision')).toBe('2019-09-01');
    // no rulebook edition and no procedure version begins before it
    for (const editions of Object.values(rulebookEditions)) expect(editions[0].effectiveFrom >= RULES_BEGIN).toBe(true);
    for (const versions of Object.values(releases)) expect(versions[0].effectiveFrom >= RULES_BEGIN).toBe(true);
  });

  it('end 10 years from today for planned dates, with no end where the caller refuses the future itself', () => {
    const planned = dateRange('rules', 'horizon', '2026-12-02');
    expect({ from: planned.from, until: planned.until }).toEqual({ from: '2018-05-16', until: '2036-12-02' });
    expect(inRange('2018-05-16', planned)).toBe(true);
    expect(inRange('2018-05-15', planned)).toBe(false);
    expect(inRange('2036-12-02', planned)).toBe(true);
    expect(inRange('2036-12-03', planned)).toBe(false);
    expect(inRange('9999-12-31', planned)).toBe(false);
    const past = dateRange('major-decision', 'none', '2026-12-02');
    expect(inRange('9999-12-31', past)).toBe(true);
    expect(inRange('2019-08-31', past)).toBe(false);
    expect(dateRange('documents', 'horizon', '2026-12-02').from).toBe(DOCUMENTS_BEGIN);
  });

  it('say why, in both languages', () => {
    const t = describeRange('data.reviewDueDate', dateRange('rules', 'horizon', '2024-02-29'));
    expect(t.zh).toBe('data.reviewDueDate 须为 2018年5月16日（Docket 所依据的最早规则施行之日）至 2034年2月28日（今后 10 年）之间的日期');
    expect(t.en).toBe(
      'data.reviewDueDate must be a date YYYY-MM-DD from 2018-05-16 (the first day of the earliest rules Docket holds) to 2034-02-28 (10 years from today)',
    );
    expect(describeRange('occurredAt', dateRange('major-decision', 'none', '2024-01-01')).zh).toBe(
      'occurredAt 不得早于 2019年9月1日（「重大行政决策」程序施行之日）',
    );
  });

  it('years follow the same ends', () => {
    expect(yearRange('rules', '2026-12-02')).toEqual({ from: 2018, until: 2036 });
    expect(yearRange('documents', '2026-12-02')).toEqual({ from: 1980, until: 2036 });
  });
});
