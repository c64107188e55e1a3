// The answer of /api/calendar/:year, as a class the Swagger CLI plugin describes.

export class HolidayYear {
  year: number;
  holidays: string[];
  makeUpWorkdays: string[];
  /** where the arrangement came from (`admin:<user id>` when an admin loaded it); null when none is known */
  source: string | null;
  /** false: no arrangement is known for the year, so deadlines in it are provisional */
  known: boolean;
}
