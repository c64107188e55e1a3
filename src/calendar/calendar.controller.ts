import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray } from 'class-validator';
import { IsIsoDate } from '../common/validation';
import { text } from '../../workflows';
import { YearPipe } from '../common/year.pipe';
import { CurrentUser, Principal } from '../auth/principal';
import { Roles } from '../auth/roles.decorator';
import { DomainError, ErrorCode } from '../common/domain-error';
import { CalendarService } from './calendar.service';
import { HolidayYear } from './calendar.response';

export class HolidayYearDto {
  // bounded by the year in the path, which they must lie in
  @IsArray()
  @ArrayMaxSize(366)
  @IsIsoDate({ each: true, from: 'documents', until: 'none' })
  holidays: string[];

  @IsArray()
  @ArrayMaxSize(366)
  @IsIsoDate({ each: true, from: 'documents', until: 'none' })
  makeUpWorkdays: string[];
}

@ApiTags('calendar')
@ApiBearerAuth()
@Controller('calendar')
export class CalendarController {
  constructor(private readonly calendar: CalendarService) {}

  /** One year's holidays and make-up days; `known: false` means deadlines in it are provisional. */
  @Get(':year')
  async get(@Param('year', YearPipe) year: number): Promise<HolidayYear> {
    const y = await this.calendar.year(year);
    return y ? { ...y, known: true } : { year, holidays: [], makeUpWorkdays: [], source: null, known: false };
  }

  /** Load or correct one year's arrangement (admin). */
  @Put(':year')
  @Roles('admin')
  async put(@Param('year', YearPipe) year: number, @Body() body: HolidayYearDto, @CurrentUser() user: Principal): Promise<HolidayYear> {
    const outside = [...body.holidays, ...body.makeUpWorkdays].filter((d) => !d.startsWith(`${year}-`));
    if (outside.length) {
      throw new DomainError(
        ErrorCode.VALIDATION_FAILED,
        text(`以下日期不属于 ${year} 年：${outside.join('、')}`, `dates outside ${year}: ${outside.join(', ')}`),
      );
    }
    return { ...(await this.calendar.save(year, body.holidays, body.makeUpWorkdays, user.id)), known: true };
  }
}
