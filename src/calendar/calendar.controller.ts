import { Body, Controller, Get, Param, ParseIntPipe, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { IsArray, Matches } from 'class-validator';
import { text } from '../../workflows';
import { CurrentUser, Principal } from '../auth/principal';
import { Roles } from '../auth/roles.decorator';
import { DomainError, ErrorCode } from '../common/domain-error';
import { CalendarService } from './calendar.service';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class HolidayYearDto {
  @IsArray()
  @Matches(DATE, { each: true })
  holidays: string[];

  @IsArray()
  @Matches(DATE, { each: true })
  makeUpWorkdays: string[];
}

@ApiTags('calendar')
@ApiBearerAuth()
@Controller('calendar')
export class CalendarController {
  constructor(private readonly calendar: CalendarService) {}

  /** One year's holidays and make-up days; `known: false` means deadlines in it are provisional. */
  @Get(':year')
  async get(@Param('year', ParseIntPipe) year: number) {
    const y = await this.calendar.year(year);
    return y ? { ...y, known: true } : { year, holidays: [], makeUpWorkdays: [], source: null, known: false };
  }

  /** Load or correct one year's arrangement (admin). */
  @Put(':year')
  @Roles('admin')
  async put(@Param('year', ParseIntPipe) year: number, @Body() body: HolidayYearDto, @CurrentUser() user: Principal) {
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
