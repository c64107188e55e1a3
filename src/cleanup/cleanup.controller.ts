import type { Language } from '../../workflows';
import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { CurrentUser, Principal } from '../auth/principal';
import { Roles } from '../auth/roles.decorator';
import { Lang } from '../common/language';
import { IsIsoDate, QueryYear } from '../common/validation';
import { CLEANUP_DECISIONS, CleanupService, ISSUING_ORGANS } from './cleanup.service';
import type { CleanupDecision, IssuingOrgan } from './cleanup.service';
import { CleanupDetail, CleanupSummary } from './cleanup.response';

// occurredAt has no upper end here: a date after today is the service's refusal (OCCURRED_IN_FUTURE)

/** `POST /api/cleanups`: start a campaign over the documents in force published on or before `cutoffDate`. */
export class CreateCleanupDto {
  @IsString() @MinLength(1) @MaxLength(200) name: string;
  /** documents issued before Docket are covered: as old as the registered ones may be */
  @IsIsoDate({ from: 'documents' }) cutoffDate: string;
  @ApiPropertyOptional({ enum: ISSUING_ORGANS, default: 'government' })
  @IsOptional()
  @IsIn(ISSUING_ORGANS)
  issuingOrgan?: IssuingOrgan;
  /** the day the campaign started; defaults to today */
  @IsOptional() @IsIsoDate({ until: 'none' }) occurredAt?: string;
}

/** `POST /api/cleanups/:id/decisions`: record or change the decision on one document. */
export class CleanupDecisionDto {
  @IsString() @MinLength(1) @MaxLength(200) caseId: string;
  @IsIn(CLEANUP_DECISIONS) decision: CleanupDecision;
  @IsString() @MinLength(1) @MaxLength(20_000) reason: string;
  /** the day it was decided; defaults to today */
  @IsOptional() @IsIsoDate({ until: 'none' }) occurredAt?: string;
}

/** `POST /api/cleanups/:id/complete` */
export class CompleteCleanupDto {
  /** where the result was published, e.g. the notice's document number */
  @IsString() @MinLength(1) @MaxLength(200) resultReference: string;
  /** the day the result was published */
  @IsIsoDate({ until: 'none' }) occurredAt: string;
}

export class ListCleanupsQuery {
  /** campaigns whose cutoff date is in this year */
  @IsOptional() @QueryYear('documents') year?: number;
}

@ApiTags('cleanups')
@ApiBearerAuth()
@Controller('cleanups')
export class CleanupController {
  constructor(private readonly cleanups: CleanupService) {}

  @Post()
  @Roles('secretariat')
  create(@CurrentUser() user: Principal, @Body() body: CreateCleanupDto): Promise<CleanupDetail> {
    return this.cleanups.create(user, body);
  }

  @Get()
  list(@CurrentUser() user: Principal, @Query() q: ListCleanupsQuery): Promise<CleanupSummary[]> {
    return this.cleanups.list(user, q.year);
  }

  @Get(':id')
  get(@CurrentUser() user: Principal, @Param('id') id: string): Promise<CleanupDetail> {
    return this.cleanups.get(user, id);
  }

  @Post(':id/decisions')
  @HttpCode(200)
  @Roles('secretariat')
  decide(@CurrentUser() user: Principal, @Param('id') id: string, @Body() body: CleanupDecisionDto): Promise<CleanupDetail> {
    return this.cleanups.decide(user, id, body);
  }

  /** Refused while any document is undecided; then repeals or starts amending the documents so decided. */
  @Post(':id/complete')
  @HttpCode(200)
  @Roles('secretariat')
  complete(
    @CurrentUser() user: Principal,
    @Param('id') id: string,
    @Body() body: CompleteCleanupDto,
    @Lang() lang: Language,
  ): Promise<CleanupDetail> {
    return this.cleanups.complete(user, id, body, lang);
  }
}
