import { addDays, addYears, dayNumber, daysBetween, fromDayNumber, isIsoDate, maxDate, shanghaiDate, weekday, yearOf } from './dates';
import { chineseNumeral, law } from './text';

describe('isIsoDate', () => {
  it('accepts real dates only', () => {
    expect(isIsoDate('2023-04-05')).toBe(true);
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2023-02-29')).toBe(false);
    expect(isIsoDate('2023-13-01')).toBe(false);
    expect(isIsoDate('2023-4-5')).toBe(false);
    expect(isIsoDate('2023-04-05T00:00:00Z')).toBe(false);
    expect(isIsoDate(20230405)).toBe(false);
    expect(isIsoDate(null)).toBe(false);
  });
});

describe('addDays / daysBetween', () => {
  it('crosses month, year and leap-day boundaries', () => {
    expect(addDays('2023-03-31', 1)).toBe('2023-04-01');
    expect(addDays('2023-12-31', 1)).toBe('2024-01-01');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2023-02-28', 1)).toBe('2023-03-01');
    expect(addDays('2023-03-01', -1)).toBe('2023-02-28');
    expect(addDays('2023-09-05', 30)).toBe('2023-10-05');
  });

  it('daysBetween is signed and whole', () => {
    expect(daysBetween('2023-03-01', '2023-03-31')).toBe(30);
    expect(daysBetween('2023-03-31', '2023-03-01')).toBe(-30);
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
    expect(daysBetween('2023-04-05', '2023-04-05')).toBe(0);
  });

  it('refuses what is not a date', () => {
    expect(() => addDays('2023/04/05', 1)).toThrow(RangeError);
    expect(() => addYears('tomorrow', 1)).toThrow(RangeError);
  });
});

describe('dayNumber / fromDayNumber', () => {
  it('counts whole days from 1970-01-01 and back', () => {
    expect(dayNumber('1970-01-01')).toBe(0);
    expect(dayNumber('2023-04-05')).toBe(19_452);
    expect(dayNumber('1969-12-31')).toBe(-1);
    for (const d of ['1000-01-01', '2024-02-29', '9999-12-31']) expect(fromDayNumber(dayNumber(d))).toBe(d);
  });

  it('there is no date after 9999-12-31: a RangeError, never a six-digit year', () => {
    expect(() => addDays('9999-12-31', 1)).toThrow(RangeError);
    expect(() => fromDayNumber(dayNumber('9999-12-31') + 1)).toThrow(RangeError);
  });
});

describe('addYears', () => {
  it('keeps the day of the month', () => {
    expect(addYears('2023-10-01', 5)).toBe('2028-10-01');
    expect(addYears('2023-02-28', 5)).toBe('2028-02-28');
  });

  it('Feb 29 goes to Feb 28 in a common year and stays Feb 29 in a leap year', () => {
    expect(addYears('2024-02-29', 1)).toBe('2025-02-28');
    expect(addYears('2024-02-29', 5)).toBe('2029-02-28');
    expect(addYears('2024-02-29', 4)).toBe('2028-02-29');
    expect(addYears('2024-02-29', -4)).toBe('2020-02-29');
    expect(addYears('2024-02-29', -1)).toBe('2023-02-28');
  });

  it('validity arithmetic: effectiveDate + 5 years − 1 day', () => {
    expect(addDays(addYears('2023-10-01', 5), -1)).toBe('2028-09-30');
    expect(addDays(addYears('2023-03-01', 5), -1)).toBe('2028-02-29');
    expect(addDays(addYears('2024-01-01', 2), -1)).toBe('2025-12-31');
  });
});

describe('weekday / yearOf / maxDate', () => {
  it('knows the day of the week', () => {
    expect(weekday('2023-04-05')).toBe(3); // Wednesday
    expect(weekday('2023-10-07')).toBe(6); // Saturday
    expect(weekday('2023-10-08')).toBe(0); // Sunday
    expect(weekday('2027-01-01')).toBe(5); // Friday
  });

  it('yearOf and maxDate', () => {
    expect(yearOf('2027-01-01')).toBe(2027);
    expect(maxDate('2023-04-05', '2023-10-07')).toBe('2023-10-07');
    expect(maxDate('2023-10-07', '2023-04-05')).toBe('2023-10-07');
  });
});

describe('shanghaiDate: instants become Asia/Shanghai dates (UTC+8)', () => {
  it('switches day at 16:00 UTC', () => {
    expect(shanghaiDate(new Date('2023-12-31T15:59:59.999Z'))).toBe('2023-12-31');
    expect(shanghaiDate(new Date('2023-12-31T16:00:00.000Z'))).toBe('2024-01-01');
    expect(shanghaiDate(new Date('2023-04-04T20:00:00+08:00'))).toBe('2023-04-04');
  });
});

describe('chineseNumeral: article numbers as the official text writes them', () => {
  it.each([
    [0, '零'],
    [1, '一'],
    [9, '九'],
    [10, '十'],
    [11, '十一'],
    [15, '十五'],
    [20, '二十'],
    [26, '二十六'],
    [99, '九十九'],
    [100, '一百'],
    [101, '一百零一'],
    [110, '一百一十'],
    [113, '一百一十三'],
    [120, '一百二十'],
    [201, '二百零一'],
    [203, '二百零三'],
    [999, '九百九十九'],
  ])('%i → %s', (n, zh) => {
    expect(chineseNumeral(n)).toBe(zh);
  });

  it('refuses what it cannot write', () => {
    expect(() => chineseNumeral(-1)).toThrow(RangeError);
    expect(() => chineseNumeral(1000)).toThrow(RangeError);
    expect(() => chineseNumeral(1.5)).toThrow(RangeError);
  });

  it('is used in citations', () => {
    expect(law.decree713(26).zh).toBe('《重大行政决策程序暂行条例》第二十六条');
    expect(law.decree713(26).en).toBe('Decree 713 Art. 26');
    expect(law.civilCode(203).zh).toBe('《中华人民共和国民法典》第二百零三条');
  });
});
