import { Global, Module } from '@nestjs/common';
import { AuditController } from './audit.controller';
import { AuditService } from './audit.service';
import { AuditCheckpoints } from './checkpoints.service';
import { RefusalLog } from './refusal-log.service';

@Global()
@Module({
  controllers: [AuditController],
  providers: [AuditService, AuditCheckpoints, RefusalLog],
  exports: [AuditService, AuditCheckpoints, RefusalLog],
})
export class AuditModule {}
