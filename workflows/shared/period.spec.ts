import { WorkingCalendar } from './calendar';
import { zhDate } from './dates';
import { packagedHolidayYears } from './holiday-package';
import { reviewTimeHint } from './legality-review';
import { earliestPeriodEnd, periodTooShort } from './public-comment';

const calendar = new WorkingCalendar(packagedHolidayYears());
const WORKING = { value: 7, unit: 'working-days' } as const;
const THIRTY = { value: 30, unit: 'calendar-days' } as const;

describe('zhDate: dates as the Chinese messages write them', () => {
  it('writes year, month and day without leading zeros', () => {
    expect(zhDate('2023-03-31')).toBe('2023年3月31日');
    expect(zhDate('2026-12-02')).toBe('2026年12月2日');
    expect(zhDate('2024-01-01')).toBe('2024年1月1日');
  });
  it('leaves what is not a date as it is', () => {
    expect(zhDate('2023-03-31T10:00:00Z')).toBe('2023-03-31T10:00:00Z');
    expect(zhDate('')).toBe('');
  });
});

describe('earliestPeriodEnd: the earliest valid end date of a comment period', () => {
  it('7 working days from Friday 2023-03-31: 清明 (Wednesday 04-05) is not counted, nor the start day', () => {
    expect(earliestPeriodEnd(calendar, '2023-03-31', WORKING)).toEqual({ value: '2023-04-12', provisional: false });
  });
  it('7 working days across National Day 2023 count the make-up Saturday 10-07', () => {
    // 09-28 Thu start: working days 10-07 (Sat, 调休), 10-08 (Sun, 调休), 10-09, 10-10, 10-11, 10-12, 10-13
    expect(earliestPeriodEnd(calendar, '2023-09-28', WORKING).value).toBe('2023-10-13');
  });
  it('30 days from 2023-03-01 end on Friday 2023-03-31', () => {
    expect(earliestPeriodEnd(calendar, '2023-03-01', THIRTY)).toEqual({ value: '2023-03-31', provisional: false });
  });
  it('30 days whose last day is a holiday run on to the next working day (2023-10-01 → 10-07)', () => {
    expect(earliestPeriodEnd(calendar, '2023-09-01', THIRTY).value).toBe('2023-10-07');
  });
  it('a year without holiday data is counted on weekends alone, provisionally', () => {
    const bare = new WorkingCalendar([]);
    expect(earliestPeriodEnd(bare, '2023-03-31', WORKING)).toEqual({ value: '2023-04-11', provisional: true });
  });
});

describe('periodTooShort: the refusal names the days, that the first day is not counted, and the earliest end', () => {
  it('working days', () => {
    const t = periodTooShort(calendar, { startDate: '2023-03-31', endDate: '2023-04-11' }, WORKING)!;
    expect(t.zh).toBe(
      '征求意见期 2023年3月31日 至 2023年4月11日 仅 6 个工作日（起始日不计入），少于 7 个工作日；结束日期最早应为 2023年4月12日',
    );
    expect(t.en).toBe(
      'the period 2023-03-31 – 2023-04-11 has 6 working days (the first day not counted), fewer than 7; the earliest valid end date is 2023-04-12',
    );
  });
  it('calendar days', () => {
    const t = periodTooShort(calendar, { startDate: '2023-03-01', endDate: '2023-03-15' }, THIRTY)!;
    expect(t.zh).toBe('征求意见期 2023年3月1日 至 2023年3月15日 仅 14 日（起始日不计入），少于 30 日；结束日期最早应为 2023年3月31日');
  });
  it('30 days whose 30th day is a rest day', () => {
    const t = periodTooShort(calendar, { startDate: '2023-09-01', endDate: '2023-10-01' }, THIRTY)!;
    expect(t.zh).toBe(
      '征求意见期 2023年9月1日 至 2023年10月1日 为 30 日（起始日不计入），第 30 日 2023年10月1日 为休息日，期限顺延至其后第一个工作日；结束日期最早应为 2023年10月7日',
    );
  });
  it('a period ending on the earliest valid end date is long enough', () => {
    expect(periodTooShort(calendar, { startDate: '2023-03-31', endDate: '2023-04-12' }, WORKING)).toBeNull();
    expect(periodTooShort(calendar, { startDate: '2023-09-01', endDate: '2023-10-07' }, THIRTY)).toBeNull();
  });
});

describe('reviewTimeHint: the working days the reviewer must be given, and the dates they allow', () => {
  it('5 to 15 working days from Friday 2023-03-31 (清明 not counted; Sunday 04-23 is a make-up working day)', () => {
    const t = reviewTimeHint(calendar, '2023-03-31', { min: { value: 5 }, max: { value: 15 } });
    expect(t.zh).toBe(
      '须给予审查机构 5 至 15 个工作日的审查时间（送审当日不计入）：2023年3月31日送审的，审查期限最早为 2023年4月10日，最迟为 2023年4月23日',
    );
  });
  it('at least 7 working days', () => {
    const t = reviewTimeHint(calendar, '2023-03-31', { min: { value: 7 } });
    expect(t.zh).toBe('须给予审查机构不少于 7 个工作日的审查时间（送审当日不计入）：2023年3月31日送审的，审查期限最早为 2023年4月12日');
  });
});
