import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Language } from '../../workflows';
import { CurrentUser, type Principal } from '../auth/principal';
import { Public, Roles } from '../auth/roles.decorator';
import { Lang } from '../common/language';
import { FilingEventDto, ListFilingsQuery, PublicFilingsQuery } from './filings.dto';
import { Filing, FilingTask, PublicFilingCatalogue } from './filings.response';
import { FilingsService } from './filings.service';

@ApiTags('filings')
@ApiBearerAuth()
@Controller('filings')
export class FilingsController {
  constructor(private readonly filings: FilingsService) {}

  /** 备案审查: the filings made with the reader's government, newest first; `status` narrows them. */
  @Get()
  @Roles('filingReviewer', 'supervisor', 'admin')
  list(@CurrentUser() user: Principal, @Query() q: ListFilingsQuery): Promise<Filing[]> {
    return this.filings.list(user, q.status);
  }

  /** What the reader's government still has to do about its own filings: supply what a hold asked for, or correct. */
  @Get('tasks')
  tasks(@CurrentUser() user: Principal): Promise<FilingTask[]> {
    return this.filings.tasks(user);
  }

  /** REGISTER_FILING, HOLD_FILING `{reason, correctBy}` or ISSUE_FILING_REVIEW `{conclusion, opinion, correctBy?}`. */
  @Post(':id/events')
  @HttpCode(200)
  @Roles('filingReviewer')
  act(@CurrentUser() user: Principal, @Param('id') id: string, @Body() body: FilingEventDto, @Lang() lang: Language): Promise<Filing> {
    return this.filings.act(user, id, body, lang);
  }
}

/** 备案目录: the documents registered with a government in a quarter, published for anyone. */
@ApiTags('public')
@Public()
@Controller('public/filings')
export class PublicFilingsController {
  constructor(private readonly filings: FilingsService) {}

  @Get()
  catalogue(@Query() q: PublicFilingsQuery): Promise<PublicFilingCatalogue> {
    return this.filings.publicCatalogue(q.government, q.year, q.quarter);
  }
}
