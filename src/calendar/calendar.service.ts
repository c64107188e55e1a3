import { Injectable } from '@nestjs/common';
import { HolidayYear, packagedHolidayYears, WorkingCalendar } from '../../workflows';
import { Db } from '../database/db.service';
import { HolidayYearEntity } from './holiday-year.entity';

/**
 * The working-day calendar the rules count with: the package's years, overridden year by year
 * by what an admin loaded or corrected.
 */
@Injectable()
export class CalendarService {
  private cached?: Promise<{ calendar: WorkingCalendar; years: HolidayYear[] }>;

  constructor(private readonly db: Db) {}

  private load() {
    this.cached ??= this.db
      .read((m) => m.find(HolidayYearEntity))
      .then((rows) => {
        const byYear = new Map(packagedHolidayYears().map((y) => [y.year, y]));
        for (const r of rows) {
          byYear.set(r.year, { year: r.year, holidays: r.holidays, makeUpWorkdays: r.makeUpWorkdays, source: `admin:${r.updatedBy}` });
        }
        const years = [...byYear.values()].sort((a, b) => a.year - b.year);
        return { calendar: new WorkingCalendar(years), years };
      });
    return this.cached;
  }

  async calendar(): Promise<WorkingCalendar> {
    return (await this.load()).calendar;
  }

  async year(year: number): Promise<HolidayYear | null> {
    return (await this.load()).years.find((y) => y.year === year) ?? null;
  }

  async save(year: number, holidays: string[], makeUpWorkdays: string[], updatedBy: string): Promise<HolidayYear> {
    await this.db.transaction((m) =>
      m.save(HolidayYearEntity, { year, holidays, makeUpWorkdays, updatedBy, updatedAt: new Date().toISOString() }),
    );
    this.cached = undefined;
    return (await this.year(year))!;
  }
}
