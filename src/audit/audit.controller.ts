import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { Roles } from '../auth/roles.decorator';
import { AuditService, VerifyResult } from './audit.service';
import { RefusalCounts, RefusalLog } from './refusal-log.service';

export class RefusalsQuery {
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1000) limit?: number;
}

export class RefusalCountsQuery {
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(400) days?: number;
}

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class AuditController {
  constructor(
    private readonly audit: AuditService,
    private readonly refusals: RefusalLog,
  ) {}

  /** Recompute every hash chain from the stored rows. */
  @Get('verify')
  verify(): Promise<VerifyResult> {
    return this.audit.verify();
  }

  /** Signed-in users' refused writes (who, what, which rule), logged apart from the cases; the newest first. */
  @Get('refusals')
  @Roles('supervisor', 'admin')
  latestRefusals(@Query() q: RefusalsQuery) {
    return this.refusals.latest(q.limit ?? 100);
  }

  /** Beside the list: the refused writes only counted (anonymous, throttled), per day over the last `days` (30). */
  @Get('refusals/counts')
  @Roles('supervisor', 'admin')
  refusalCounts(@Query() q: RefusalCountsQuery): Promise<RefusalCounts> {
    return this.refusals.counts(q.days ?? 30);
  }
}
