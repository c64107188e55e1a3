import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { QueryInt } from '../common/validation';
import { Roles } from '../auth/roles.decorator';
import { AuditService, VerifyResult } from './audit.service';
import { RefusalLog } from './refusal-log.service';

export class RefusalsQuery {
  @IsOptional() @QueryInt(1, 1000) limit?: number;
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

  /** Refused writes (who, what, which rule), logged apart from the cases. */
  @Get('refusals')
  @Roles('supervisor', 'admin')
  latestRefusals(@Query() q: RefusalsQuery) {
    return this.refusals.latest(q.limit ?? 100);
  }
}
