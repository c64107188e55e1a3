import type { HolidayYear } from './calendar';

/**
 * Statutory holidays and make-up working days for past years, from the maintained `chinese-days`
 * package (updated each year when the State Council General Office announces the arrangement).
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const data = require('chinese-days/dist/chinese-days.json') as {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
};

export function packagedHolidayYears(): HolidayYear[] {
  const years = new Map<number, HolidayYear>();
  const yearFor = (date: string) => {
    const y = +date.slice(0, 4);
    let entry = years.get(y);
    if (!entry) years.set(y, (entry = { year: y, holidays: [], makeUpWorkdays: [], source: 'chinese-days' }));
    return entry;
  };
  for (const date of Object.keys(data.holidays)) yearFor(date).holidays.push(date);
  for (const date of Object.keys(data.workdays)) yearFor(date).makeUpWorkdays.push(date);
  return [...years.values()].sort((a, b) => a.year - b.year);
}
