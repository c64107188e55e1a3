/**
 * The range of dates Docket can judge. A date before the rules Docket holds cannot be judged by
 * them, and one years ahead is a typo or an attack (a due date in 9999 once froze the server):
 * every date a client sends is held to one of these ranges, each with its reason.
 */
import { PROCEDURE_IDS, releases } from './engine';
import { rulebookEditions } from './rulebook';
import { addYears, IsoDate, yearOf, zhDate } from './shared/dates';
import type { ProcedureId } from './shared/procedure';
import { Text, text } from './shared/text';

/** The day a procedure's rules begin: its first released version's day of effect. */
export function procedureBegins(id: ProcedureId): IsoDate {
  return releases[id][0].effectiveFrom;
}

/** The first day of any rule Docket holds: the earliest procedure version or rulebook edition. */
export const RULES_BEGIN: IsoDate = [
  ...PROCEDURE_IDS.map(procedureBegins),
  ...Object.values(rulebookEditions).map((editions) => editions[0].effectiveFrom),
].reduce((a, b) => (a <= b ? a : b));

/**
 * The earliest date of a normative document issued before Docket (registered, or covered by a
 * clean-up): county governments issue decisions and orders under the Organic Law of Local
 * People's Congresses and Governments, in force from 1980-01-01; nothing in force is older.
 */
export const DOCUMENTS_BEGIN: IsoDate = '1980-01-01';

/** How far ahead a planned date (a due date, the end of a period, a date of effect) may lie. */
export const HORIZON_YEARS = 10;

/** Where a range begins: the rules Docket holds, one procedure's rules, or documents older than Docket. */
export type DateFloor = 'rules' | 'documents' | ProcedureId;
/** Where it ends: the horizon, or nothing here (the caller refuses a date after today itself). */
export type DateCeiling = 'horizon' | 'none';

export interface DateRange {
  from: IsoDate;
  /** absent: no upper end */
  until?: IsoDate;
  fromWhy: Text;
  untilWhy?: Text;
}

function floorOf(floor: DateFloor): { from: IsoDate; why: Text } {
  if (floor === 'rules') {
    return { from: RULES_BEGIN, why: text('Docket 所依据的最早规则施行之日', 'the first day of the earliest rules Docket holds') };
  }
  if (floor === 'documents') {
    return {
      from: DOCUMENTS_BEGIN,
      why: text('《地方各级人民代表大会和地方各级人民政府组织法》施行之日', 'the day the Organic Law of local governments took effect'),
    };
  }
  const first = releases[floor][0];
  return {
    from: first.effectiveFrom,
    why: text(`「${first.label.zh}」程序施行之日`, `the day the ${first.label.en} procedure took effect`),
  };
}

/** The range a date may lie in, as of `today` (an Asia/Shanghai date). */
export function dateRange(floor: DateFloor, ceiling: DateCeiling, today: IsoDate): DateRange {
  const { from, why } = floorOf(floor);
  if (ceiling === 'none') return { from, fromWhy: why };
  return {
    from,
    fromWhy: why,
    until: addYears(today, HORIZON_YEARS),
    untilWhy: text(`今后 ${HORIZON_YEARS} 年`, `${HORIZON_YEARS} years from today`),
  };
}

export function inRange(date: IsoDate, range: DateRange): boolean {
  return date >= range.from && (range.until === undefined || date <= range.until);
}

/** "`field` must be a date YYYY-MM-DD from … to …", with the reason for each end. */
export function describeRange(field: string, range: DateRange): Text {
  const from = text(`${zhDate(range.from)}（${range.fromWhy.zh}）`, `${range.from} (${range.fromWhy.en})`);
  if (range.until === undefined) {
    return text(`${field} 不得早于 ${from.zh}`, `${field} must be on or after ${from.en}`);
  }
  const until = text(`${zhDate(range.until)}（${range.untilWhy!.zh}）`, `${range.until} (${range.untilWhy!.en})`);
  return text(`${field} 须为 ${from.zh}至 ${until.zh}之间的日期`, `${field} must be a date YYYY-MM-DD from ${from.en} to ${until.en}`);
}

/** The years a query or path may name: those of the range's dates, up to the horizon. */
export function yearRange(floor: DateFloor, today: IsoDate): { from: number; until: number } {
  return { from: yearOf(floorOf(floor).from), until: yearOf(today) + HORIZON_YEARS };
}
