import { addDays, IsoDate, weekday, yearOf } from './dates';

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

/**
 * The working-day calendar (工作日): Monday to Friday, minus statutory holidays and their rest
 * days, plus the announced make-up days. Pure: built from data, answers from data.
 */
export class WorkingCalendar {
  private readonly years = new Map<number, { holidays: Set<IsoDate>; makeUp: Set<IsoDate> }>();

  constructor(data: readonly HolidayYear[]) {
    for (const y of data) {
      this.years.set(y.year, { holidays: new Set(y.holidays), makeUp: new Set(y.makeUpWorkdays) });
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

  /** Working days in (start, end]: the start day is not counted (民法典 Art. 201). */
  workingDaysBetween(start: IsoDate, end: IsoDate): Reckoned<number> {
    let count = 0;
    let provisional = false;
    for (let d = addDays(start, 1); d <= end; d = addDays(d, 1)) {
      provisional ||= !this.knowsYear(yearOf(d));
      if (this.isWorkingDay(d)) count++;
    }
    return { value: count, provisional };
  }

  /** The n-th working day after `start` (start not counted). */
  addWorkingDays(start: IsoDate, n: number): Reckoned<IsoDate> {
    let d = start;
    let provisional = false;
    for (let left = n; left > 0;) {
      d = addDays(d, 1);
      provisional ||= !this.knowsYear(yearOf(d));
      if (this.isWorkingDay(d)) left--;
    }
    return { value: d, provisional };
  }

  /** A period's last day that falls on a rest day moves to the next working day (民法典 Art. 203). */
  rollToWorkingDay(date: IsoDate): Reckoned<IsoDate> {
    let d = date;
    let provisional = !this.knowsYear(yearOf(d));
    while (!this.isWorkingDay(d)) {
      d = addDays(d, 1);
      provisional ||= !this.knowsYear(yearOf(d));
    }
    return { value: d, provisional };
  }

  /** The last day of an "N days" (calendar) period starting on `start`. */
  calendarDeadline(start: IsoDate, days: number): Reckoned<IsoDate> {
    return this.rollToWorkingDay(addDays(start, days));
  }
}
