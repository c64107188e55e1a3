/**
 * Calendar dates as `YYYY-MM-DD` strings, counted in whole days. Legal periods are counted in
 * dates, never in instants, so no time zone enters this arithmetic; callers turn instants into
 * Asia/Shanghai dates first (see `shanghaiDate`).
 */
const DAY_MS = 86_400_000;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

export type IsoDate = string;

export function isIsoDate(value: unknown): value is IsoDate {
  if (typeof value !== 'string') return false;
  const m = DATE_RE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3];
}

function toUtcMs(date: IsoDate): number {
  const m = DATE_RE.exec(date);
  if (!m) throw new RangeError(`not a date: ${date}`);
  return Date.UTC(+m[1], +m[2] - 1, +m[3]);
}

function fromUtcMs(ms: number): IsoDate {
  const iso = new Date(ms).toISOString();
  // past 9999-12-31 (or before 0000-01-01) toISOString writes six signed digits: no such date exists here
  if (!/^\d{4}-/.test(iso)) throw new RangeError(`date out of range: ${iso}`);
  return iso.slice(0, 10);
}

/** Whole days since 1970-01-01 (negative before it): the calendar counts on these integers. */
export function dayNumber(date: IsoDate): number {
  return Math.round(toUtcMs(date) / DAY_MS);
}

/** The date `n` whole days after 1970-01-01. */
export function fromDayNumber(n: number): IsoDate {
  return fromUtcMs(n * DAY_MS);
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return fromUtcMs(toUtcMs(date) + days * DAY_MS);
}

/** Whole days from `a` to `b` (positive when `b` is later). */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return Math.round((toUtcMs(b) - toUtcMs(a)) / DAY_MS);
}

/** `date` plus whole years, minus nothing: 2023-02-28 + 5y = 2028-02-28; 2024-02-29 + 1y = 2025-02-28. */
export function addYears(date: IsoDate, years: number): IsoDate {
  const m = DATE_RE.exec(date);
  if (!m) throw new RangeError(`not a date: ${date}`);
  const y = +m[1] + years;
  const month = +m[2] - 1;
  const lastDay = new Date(Date.UTC(y, month + 1, 0)).getUTCDate();
  return fromUtcMs(Date.UTC(y, month, Math.min(+m[3], lastDay)));
}

/** 0 = Sunday … 6 = Saturday */
export function weekday(date: IsoDate): number {
  return new Date(toUtcMs(date)).getUTCDay();
}

export function yearOf(date: IsoDate): number {
  return +date.slice(0, 4);
}

export const maxDate = (a: IsoDate, b: IsoDate): IsoDate => (a >= b ? a : b);

/** The calendar date in Asia/Shanghai (UTC+8, no daylight saving) of an instant. */
export function shanghaiDate(instant: Date): IsoDate {
  return fromUtcMs(instant.getTime() + 8 * 3_600_000);
}

/**
 * A date as Chinese messages write it: 2023-03-31 → 2023年3月31日. Every Chinese message that
 * names a date goes through this (English messages keep YYYY-MM-DD). Anything that is not a
 * date is returned unchanged.
 */
export function zhDate(date: IsoDate | null | undefined): string {
  const m = DATE_RE.exec(date ?? '');
  return m ? `${+m[1]}年${+m[2]}月${+m[3]}日` : String(date);
}
