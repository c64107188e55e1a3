import { Injectable, PipeTransform } from '@nestjs/common';
import { text } from '../../workflows';
import { DomainError, ErrorCode } from './domain-error';

/** A year in a path: four digits, 1900–2999. `0x7e7`, `1e3` or `-5` are not years. */
@Injectable()
export class YearPipe implements PipeTransform<string, number> {
  transform(value: string): number {
    const year = /^\d{4}$/.test(String(value)) ? Number(value) : NaN;
    if (!(year >= 1900 && year <= 2999)) {
      throw new DomainError(
        ErrorCode.VALIDATION_FAILED,
        text(`年份须为 1900 至 2999 之间的四位数字：${value}`, `year must be four digits, 1900–2999: ${value}`),
        [{ field: 'year', problems: ['a year 1900–2999'] }],
      );
    }
    return year;
  }
}
