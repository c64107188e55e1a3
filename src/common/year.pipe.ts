import { Injectable, PipeTransform } from '@nestjs/common';
import { shanghaiDate, text, yearRange } from '../../workflows';
import { DomainError, ErrorCode } from './domain-error';

/**
 * A year in a path: four digits, from the first year of the rules Docket holds to 10 years from
 * now (catalogues and calendars are kept for those). `0x7e7`, `1e3` or `-5` are not years.
 */
@Injectable()
export class YearPipe implements PipeTransform<string, number> {
  transform(value: string): number {
    const { from, until } = yearRange('rules', shanghaiDate(new Date()));
    const year = /^\d{4}$/.test(String(value)) ? Number(value) : NaN;
    if (!(year >= from && year <= until)) {
      throw new DomainError(
        ErrorCode.VALIDATION_FAILED,
        text(`year 须为 ${from} 至 ${until} 之间的四位数字年份：${value}`, `year must be four digits, ${from}–${until}: ${value}`),
        [{ field: 'year', problems: [`a year ${from}–${until}`] }],
      );
    }
    return year;
  }
}
