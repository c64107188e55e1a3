import fc from 'fast-check';
import { packagedHolidayYears } from './holiday-package';
import { calendar } from '../testing';
import { HolidayYear, Reckoned, WorkingCalendar } from './calendar';
import { addDays, daysBetween, dayNumber, fromDayNumber, IsoDate, yearOf } from './dates';

describe('packaged holiday data (chinese-days)', () => {
  const years = packagedHolidayYears();

  it('covers 2004 to 2026, one entry per year, in order', () => {
    expect(years[0].year).toBe(2004);
    expect(years[years.length - 1].year).toBe(2026);
    expect(years.map((y) => y.year)).toEqual(Array.from({ length: 2026 - 2004 + 1 }, (_, i) => 2004 + i));
    expect(years.every((y) => y.source === 'chinese-days')).toBe(true);
  });

  it('knows 2023 and 2026 but not 2027 or 2003', () => {
    expect(calendar.knowsYear(2023)).toBe(true);
    expect(calendar.knowsYear(2026)).toBe(true);
    expect(calendar.knowsYear(2027)).toBe(false);
    expect(calendar.knowsYear(2003)).toBe(false);
  });

  it('holds the 2023 National Day arrangement', () => {
    const y2023 = years.find((y) => y.year === 2023)!;
    for (const d of ['2023-09-29', '2023-09-30', '2023-10-01', '2023-10-02', '2023-10-03', '2023-10-04', '2023-10-05', '2023-10-06']) {
      expect(y2023.holidays).toContain(d);
    }
    expect(y2023.makeUpWorkdays).toEqual(expect.arrayContaining(['2023-10-07', '2023-10-08']));
  });
});

describe('WorkingCalendar.isWorkingDay', () => {
  it('ordinary weekdays work, ordinary weekends rest', () => {
    expect(calendar.isWorkingDay('2023-03-15')).toBe(true); // Wednesday
    expect(calendar.isWorkingDay('2023-03-18')).toBe(false); // Saturday
    expect(calendar.isWorkingDay('2023-03-19')).toBe(false); // Sunday
  });

  it('清明 2023: Wednesday 2023-04-05 is a holiday, the days around it are working days', () => {
    expect(calendar.isWorkingDay('2023-04-04')).toBe(true);
    expect(calendar.isWorkingDay('2023-04-05')).toBe(false);
    expect(calendar.isWorkingDay('2023-04-06')).toBe(true);
  });

  it('National Day 2023: 09-29..10-06 rest, weekend make-up days 10-07 (Sat) and 10-08 (Sun) work', () => {
    for (const d of ['2023-09-29', '2023-09-30', '2023-10-01', '2023-10-02', '2023-10-03', '2023-10-04', '2023-10-05', '2023-10-06']) {
      expect([d, calendar.isWorkingDay(d)]).toEqual([d, false]);
    }
    expect(calendar.isWorkingDay('2023-09-28')).toBe(true);
    expect(calendar.isWorkingDay('2023-10-07')).toBe(true); // Saturday, 调休上班
    expect(calendar.isWorkingDay('2023-10-08')).toBe(true); // Sunday, 调休上班
    expect(calendar.isWorkingDay('2023-10-09')).toBe(true);
    expect(calendar.isWorkingDay('2023-10-14')).toBe(false); // an ordinary Saturday after it
  });

  it('a year without data falls back to weekends alone (2027-01-01 is a Friday)', () => {
    expect(calendar.isWorkingDay('2027-01-01')).toBe(true);
    expect(calendar.isWorkingDay('2027-01-02')).toBe(false);
  });

  it('an admin-loaded year overrides the weekend rule both ways', () => {
    const custom: HolidayYear = { year: 2027, holidays: ['2027-01-01'], makeUpWorkdays: ['2027-01-02'], source: 'admin' };
    const cal = new WorkingCalendar([custom]);
    expect(cal.knowsYear(2027)).toBe(true);
    expect(cal.isWorkingDay('2027-01-01')).toBe(false);
    expect(cal.isWorkingDay('2027-01-02')).toBe(true);
    // only 2027 is loaded: a range counted wholly in 2027 is firm, one that counts 2026-12-31 is not
    expect(cal.workingDaysBetween('2026-12-31', '2027-01-04')).toEqual({ value: 2, provisional: false });
    expect(cal.workingDaysBetween('2026-12-30', '2027-01-04')).toEqual({ value: 3, provisional: true });
  });
});

describe('WorkingCalendar.workingDaysBetween: (start, end], start not counted (民法典 Art. 201)', () => {
  it('counts nothing for an empty or reversed range', () => {
    expect(calendar.workingDaysBetween('2023-03-15', '2023-03-15')).toEqual({ value: 0, provisional: false });
    expect(calendar.workingDaysBetween('2023-03-15', '2023-03-10')).toEqual({ value: 0, provisional: false });
  });

  it('an ordinary week: Monday → next Monday is 5 working days', () => {
    expect(calendar.workingDaysBetween('2023-03-13', '2023-03-20')).toEqual({ value: 5, provisional: false });
  });

  it('across 清明 2023: 2023-03-31 → 2023-04-11 is 6 working days although 7 weekdays', () => {
    expect(calendar.workingDaysBetween('2023-03-31', '2023-04-11')).toEqual({ value: 6, provisional: false });
    expect(calendar.workingDaysBetween('2023-03-31', '2023-04-12')).toEqual({ value: 7, provisional: false });
  });

  it('across National Day 2023: 09-28 → 10-09 is 3 working days (10-07, 10-08, 10-09)', () => {
    expect(calendar.workingDaysBetween('2023-09-28', '2023-10-09')).toEqual({ value: 3, provisional: false });
    // the make-up Saturday and Sunday count
    expect(calendar.workingDaysBetween('2023-10-06', '2023-10-08')).toEqual({ value: 2, provisional: false });
  });

  it('the start day itself is never counted, the end day is', () => {
    expect(calendar.workingDaysBetween('2023-03-14', '2023-03-15').value).toBe(1);
    expect(calendar.workingDaysBetween('2023-03-17', '2023-03-19').value).toBe(0);
  });

  it('is provisional as soon as one counted day lies in a year without data (2027)', () => {
    expect(calendar.workingDaysBetween('2027-03-01', '2027-03-08')).toEqual({ value: 5, provisional: true });
    expect(calendar.workingDaysBetween('2026-12-28', '2027-01-04')).toEqual({ value: 5, provisional: true });
    // the start day is not counted, so a range ending on 2026-12-31 is not provisional
    expect(calendar.workingDaysBetween('2026-12-28', '2026-12-31')).toEqual({ value: 3, provisional: false });
  });
});

describe('WorkingCalendar.addWorkingDays', () => {
  it('skips 清明 2023', () => {
    expect(calendar.addWorkingDays('2023-04-04', 1)).toEqual({ value: '2023-04-06', provisional: false });
  });

  it('skips National Day 2023 and lands on the make-up Saturday', () => {
    expect(calendar.addWorkingDays('2023-09-28', 1)).toEqual({ value: '2023-10-07', provisional: false });
    expect(calendar.addWorkingDays('2023-09-28', 3)).toEqual({ value: '2023-10-09', provisional: false });
  });

  it('is the inverse of workingDaysBetween', () => {
    const end = calendar.addWorkingDays('2023-09-25', 7).value;
    expect(end).toBe('2023-10-10');
    expect(calendar.workingDaysBetween('2023-09-25', end).value).toBe(7);
  });

  it('marks 2027 results provisional', () => {
    expect(calendar.addWorkingDays('2026-12-31', 1)).toEqual({ value: '2027-01-01', provisional: true });
  });
});

describe('WorkingCalendar.rollToWorkingDay (民法典 Art. 203)', () => {
  it('leaves a working day where it is', () => {
    expect(calendar.rollToWorkingDay('2023-03-15')).toEqual({ value: '2023-03-15', provisional: false });
  });

  it('moves a weekend to Monday', () => {
    expect(calendar.rollToWorkingDay('2023-03-18')).toEqual({ value: '2023-03-20', provisional: false });
  });

  it('moves 清明 2023 to the next day', () => {
    expect(calendar.rollToWorkingDay('2023-04-05')).toEqual({ value: '2023-04-06', provisional: false });
  });

  it('moves any day of National Day 2023 to the make-up Saturday 2023-10-07', () => {
    for (const d of ['2023-09-29', '2023-10-01', '2023-10-05', '2023-10-06']) {
      expect(calendar.rollToWorkingDay(d)).toEqual({ value: '2023-10-07', provisional: false });
    }
  });

  it('counts on weekends alone in 2027 and says so', () => {
    expect(calendar.rollToWorkingDay('2027-01-01')).toEqual({ value: '2027-01-01', provisional: true });
    expect(calendar.rollToWorkingDay('2027-01-02')).toEqual({ value: '2027-01-04', provisional: true });
  });

  it('calendarDeadline = start + N days, rolled off a rest day', () => {
    expect(calendar.calendarDeadline('2023-03-01', 30)).toEqual({ value: '2023-03-31', provisional: false });
    expect(calendar.calendarDeadline('2023-09-05', 30)).toEqual({ value: '2023-10-07', provisional: false });
    expect(calendar.calendarDeadline('2026-12-15', 30)).toEqual({ value: '2027-01-14', provisional: true });
  });
});

/** The calendar as it was counted before: one day at a time, the definition the fast counting must keep. */
class DayByDay {
  constructor(private readonly cal: WorkingCalendar) {}

  workingDaysBetween(start: IsoDate, end: IsoDate): Reckoned<number> {
    let count = 0;
    let provisional = false;
    for (let d = addDays(start, 1); d <= end; d = addDays(d, 1)) {
      provisional ||= !this.cal.knowsYear(yearOf(d));
      if (this.cal.isWorkingDay(d)) count++;
    }
    return { value: count, provisional };
  }

  addWorkingDays(start: IsoDate, n: number): Reckoned<IsoDate> {
    let d = start;
    let provisional = false;
    for (let left = n; left > 0;) {
      d = addDays(d, 1);
      provisional ||= !this.cal.knowsYear(yearOf(d));
      if (this.cal.isWorkingDay(d)) left--;
    }
    return { value: d, provisional };
  }

  rollToWorkingDay(date: IsoDate): Reckoned<IsoDate> {
    let d = date;
    let provisional = !this.cal.knowsYear(yearOf(d));
    while (!this.cal.isWorkingDay(d)) {
      d = addDays(d, 1);
      provisional ||= !this.cal.knowsYear(yearOf(d));
    }
    return { value: d, provisional };
  }
}

describe('WorkingCalendar counts arithmetically, with the answers of counting day by day', () => {
  const FROM = dayNumber('2015-01-01');
  const TO = dayNumber('2034-12-31');
  const date = (lo = FROM, hi = TO) => fc.integer({ min: lo, max: hi }).map(fromDayNumber);
  /** A year's arrangement as an admin might load it: weekday holidays, weekend make-up days, odd entries. */
  const holidayYear = (year: number): fc.Arbitrary<HolidayYear> => {
    const inYear = date(dayNumber(`${year}-01-01`), dayNumber(`${year}-12-31`));
    const odd = fc.constantFrom(`${year - 1}-12-31`, `${year + 1}-01-02`, `${year}-02-30`, 'not a date');
    return fc
      .record({
        holidays: fc.array(fc.oneof({ weight: 9, arbitrary: inYear }, { weight: 1, arbitrary: odd }), { maxLength: 40 }),
        makeUpWorkdays: fc.array(fc.oneof({ weight: 9, arbitrary: inYear }, { weight: 1, arbitrary: odd }), { maxLength: 12 }),
        // a year whose every day is a holiday: no working day at all
        allRest: fc.boolean().map((b) => b && year % 7 === 0),
      })
      .map(({ holidays, makeUpWorkdays, allRest }) => ({
        year,
        holidays: allRest ? Array.from({ length: 366 }, (_, i) => addDays(`${year}-01-01`, i)).filter((d) => yearOf(d) === year) : holidays,
        makeUpWorkdays: allRest ? [] : [...makeUpWorkdays, ...holidays.slice(0, 2)], // a day in both lists works
        source: 'admin',
      }));
  };
  const calendars: fc.Arbitrary<WorkingCalendar> = fc.oneof(
    fc.constant(calendar),
    fc
      .uniqueArray(fc.integer({ min: 2016, max: 2033 }), { maxLength: 10 })
      .chain((years) => fc.tuple(...years.map(holidayYear)))
      .map((years) => new WorkingCalendar(years)),
  );

  it('workingDaysBetween: any range, in years with data or without, reversed or empty', () => {
    fc.assert(
      fc.property(calendars, date(), fc.integer({ min: -30, max: 2500 }), (cal, start, length) => {
        const end = addDays(start, length);
        expect(cal.workingDaysBetween(start, end)).toEqual(new DayByDay(cal).workingDaysBetween(start, end));
      }),
      { numRuns: 400 },
    );
  });

  it('addWorkingDays: any start and count, fractional and non-positive counts included', () => {
    fc.assert(
      fc.property(
        calendars,
        date(FROM, dayNumber('2032-12-31')),
        fc.oneof(fc.integer({ min: -3, max: 400 }), fc.double({ min: 0, max: 30, noNaN: true })),
        (cal, start, n) => {
          expect(cal.addWorkingDays(start, n)).toEqual(new DayByDay(cal).addWorkingDays(start, n));
        },
      ),
      { numRuns: 400 },
    );
  });

  it('rollToWorkingDay and calendarDeadline: any date, also inside a year without a working day', () => {
    fc.assert(
      fc.property(calendars, date(FROM, dayNumber('2033-12-31')), fc.integer({ min: 0, max: 60 }), (cal, d, days) => {
        const slow = new DayByDay(cal);
        expect(cal.rollToWorkingDay(d)).toEqual(slow.rollToWorkingDay(d));
        expect(cal.calendarDeadline(d, days)).toEqual(slow.rollToWorkingDay(addDays(d, days)));
      }),
      { numRuns: 400 },
    );
  });

  it('a year of holidays only is skipped whole', () => {
    const allRest: HolidayYear = {
      year: 2030,
      holidays: Array.from({ length: 365 }, (_, i) => addDays('2030-01-01', i)),
      makeUpWorkdays: [],
      source: 'admin',
    };
    const cal = new WorkingCalendar([allRest]);
    expect(cal.workingDaysBetween('2029-12-31', '2030-12-31')).toEqual({ value: 0, provisional: false });
    // 2029-12-31 is a Monday; the next working day is Wednesday 2031-01-01
    expect(cal.addWorkingDays('2029-12-31', 1)).toEqual({ value: '2031-01-01', provisional: true });
    expect(cal.rollToWorkingDay('2030-06-01')).toEqual({ value: '2031-01-01', provisional: true });
  });

  it('a 9000-year range answers at once, without looking at its days one by one', () => {
    const cal = new WorkingCalendar(packagedHolidayYears());
    const looked = jest.spyOn(cal, 'isWorkingDay');
    const whole = cal.workingDaysBetween('1000-01-01', '9999-12-31');
    const split = [cal.workingDaysBetween('1000-01-01', '2023-06-15'), cal.workingDaysBetween('2023-06-15', '9999-12-31')];
    expect(whole).toEqual({ value: split[0].value + split[1].value, provisional: true });
    // about five days in seven: 3,287,181 days
    expect(Math.abs(whole.value - (daysBetween('1000-01-01', '9999-12-31') * 5) / 7)).toBeLessThan(2000);
    const last = cal.addWorkingDays('1000-01-01', whole.value);
    expect(last.value).toBe('9999-12-31'); // a Friday
    expect(cal.rollToWorkingDay('9999-12-31').value).toBe('9999-12-31');
    expect(looked.mock.calls.length).toBeLessThan(100);
  });

  it('there is no working day to name past 9999-12-31: a RangeError, not a loop', () => {
    expect(() => calendar.addWorkingDays('9999-12-31', 1)).toThrow(RangeError);
    expect(() => calendar.addWorkingDays('2023-01-01', Infinity)).toThrow(RangeError);
    expect(calendar.addWorkingDays('9999-12-30', 1).value).toBe('9999-12-31');
    expect(() => calendar.addWorkingDays('9999-12-30', 2)).toThrow(RangeError);
  });
});
