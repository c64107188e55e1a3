import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuditService, VerifyResult } from './audit.service';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  /** Recompute every hash chain from the stored rows. */
  @Get('verify')
  verify(): Promise<VerifyResult> {
    return this.audit.verify();
  }
}
