import { addDays, dayNumber, fromDayNumber, isIsoDate, IsoDate, weekday, yearOf } from './dates';

/**
 * One year of the State Council's holiday arrangement (节假日安排): statutory holidays with their
 * rest days, and the weekend make-up working days (调休上班).
 */
export interface HolidayYear {
  year: number;
  holidays: IsoDate[];
  makeUpWorkdays: IsoDate[];
  /** where the data came from: the maintained package, or an admin's correction */
  source: string;
}

/** A date or count computed on the calendar, and whether a year without holiday data was used. */
export interface Reckoned<T> {
  value: T;
  /** true when a year without holiday data was counted on weekends alone (provisional 暂定) */
  provisional: boolean;
}

/** One known year as day numbers: its span, and each day whose status differs from the weekend rule. */
interface KnownYear {
  year: number;
  first: number;
  last: number;
  /** day numbers, ascending, whose working status is not the weekend rule's */
  days: number[];
  /** +1 (a make-up weekend day works) or −1 (a weekday holiday rests), one per entry of `days` */
  deltas: number[];
  /** the sum of `deltas` */
  total: number;
}

/** 0 = Sunday … 6 = Saturday, of a day number (1970-01-01 was a Thursday). */
const weekdayOf = (day: number) => (((day + 4) % 7) + 7) % 7;
const isWeekdayNumber = (day: number) => {
  const wd = weekdayOf(day);
  return wd !== 0 && wd !== 6;
};

/** Monday-to-Friday days in [a, b]: whole weeks by arithmetic, at most six days counted at the end. */
function weekdaysIn(a: number, b: number): number {
  if (b < a) return 0;
  const n = b - a + 1;
  let count = Math.floor(n / 7) * 5;
  for (let i = b - (n % 7) + 1; i <= b; i++) if (isWeekdayNumber(i)) count++;
  return count;
}

/** The last day number the calendar can name (9999-12-31): past it there are no YYYY-MM-DD dates. */
const LAST_DAY = dayNumber('9999-12-31');

/**
 * The working-day calendar (工作日): Monday to Friday, minus statutory holidays and their rest
 * days, plus the announced make-up days. Pure: built from data, answers from data.
 *
 * Counting is arithmetic: whole weeks give five working days each, and each known year adds its
 * own corrections (at most one per day of the year), so no answer walks the range day by day
 * and a range of any length costs the same.
 */
export class WorkingCalendar {
  private readonly years = new Map<number, { holidays: Set<IsoDate>; makeUp: Set<IsoDate> }>();
  /** the known years, ascending */
  private readonly known: KnownYear[] = [];

  constructor(data: readonly HolidayYear[]) {
    for (const y of data) {
      this.years.set(y.year, { holidays: new Set(y.holidays), makeUp: new Set(y.makeUpWorkdays) });
    }
    for (const [year, sets] of [...this.years].sort(([a], [b]) => a - b)) {
      // isWorkingDay looks a date up in its own year only: dates listed under another year change nothing
      const own = [...new Set([...sets.holidays, ...sets.makeUp])].filter((d) => isIsoDate(d) && yearOf(d) === year).sort();
      const days: number[] = [];
      const deltas: number[] = [];
      for (const d of own) {
        const delta = (this.isWorkingDay(d) ? 1 : 0) - (isWeekdayNumber(dayNumber(d)) ? 1 : 0);
        if (delta !== 0) {
          days.push(dayNumber(d));
          deltas.push(delta);
        }
      }
      const first = dayNumber(`${String(year).padStart(4, '0')}-01-01`);
      const last = dayNumber(`${String(year).padStart(4, '0')}-12-31`);
      this.known.push({ year, first, last, days, deltas, total: deltas.reduce((a, b) => a + b, 0) });
    }
  }

  knowsYear(year: number): boolean {
    return this.years.has(year);
  }

  isWorkingDay(date: IsoDate): boolean {
    const year = this.years.get(yearOf(date));
    if (year?.makeUp.has(date)) return true;
    if (year?.holidays.has(date)) return false;
    const wd = weekday(date);
    return wd !== 0 && wd !== 6;
  }

  /** Working days among the day numbers [a, b]. */
  private countIn(a: number, b: number): number {
    if (b < a) return 0;
    let count = weekdaysIn(a, b);
    for (const y of this.known) {
      if (y.last < a || y.first > b) continue;
      if (y.first >= a && y.last <= b) count += y.total;
      else for (let i = 0; i < y.days.length; i++) if (y.days[i] >= a && y.days[i] <= b) count += y.deltas[i];
    }
    return count;
  }

  /** Whether any day of [a, b] lies in a year without holiday data. */
  private unknownIn(a: number, b: number): boolean {
    if (b < a) return false;
    const from = yearOf(fromDayNumber(a));
    const to = yearOf(fromDayNumber(b));
    let knownYears = 0;
    for (const y of this.known) if (y.year >= from && y.year <= to) knownYears++;
    return knownYears < to - from + 1;
  }

  /** Working days in (start, end]: the start day is not counted (民法典 Art. 201). */
  workingDaysBetween(start: IsoDate, end: IsoDate): Reckoned<number> {
    const a = dayNumber(start) + 1;
    const b = dayNumber(end);
    return { value: this.countIn(a, b), provisional: this.unknownIn(a, b) };
  }

  /**
   * The day number of the `want`-th working day after day `s`: an upper end found by doubling a
   * bounded number of times (a year of holidays may hold no working day), then halved down to the
   * first day at which `want` working days have passed, which is itself a working day.
   */
  private nthWorkingDayAfter(s: number, want: number, start: IsoDate): number {
    let hi = Math.min(LAST_DAY, s + Math.ceil(want / 5) * 7 + 7);
    for (let i = 0; this.countIn(s + 1, hi) < want; i++) {
      if (hi === LAST_DAY || i === 64) throw new RangeError(`no working day ${want} after ${start} before 9999-12-31`);
      hi = Math.min(LAST_DAY, s + (hi - s) * 2);
    }
    let lo = s + 1;
    while (lo < hi) {
      const mid = Math.floor((lo + hi) / 2);
      if (this.countIn(s + 1, mid) >= want) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  /** The n-th working day after `start` (start not counted). */
  addWorkingDays(start: IsoDate, n: number): Reckoned<IsoDate> {
    if (!(n > 0)) return { value: start, provisional: false };
    if (!Number.isFinite(n)) throw new RangeError(`not a number of working days: ${n}`);
    const s = dayNumber(start);
    const day = this.nthWorkingDayAfter(s, Math.ceil(n), start);
    return { value: fromDayNumber(day), provisional: this.unknownIn(s + 1, day) };
  }

  /** A period's last day that falls on a rest day moves to the next working day (民法典 Art. 203). */
  rollToWorkingDay(date: IsoDate): Reckoned<IsoDate> {
    const from = dayNumber(date);
    const day = this.nthWorkingDayAfter(from - 1, 1, date);
    return { value: fromDayNumber(day), provisional: this.unknownIn(from, day) };
  }

  /** The last day of an "N days" (calendar) period starting on `start`. */
  calendarDeadline(start: IsoDate, days: number): Reckoned<IsoDate> {
    return this.rollToWorkingDay(addDays(start, days));
  }
}
