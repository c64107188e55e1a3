import { Global, Module } from '@nestjs/common';
import { AuditController } from './audit.controller';
import { AuditService } from './audit.service';
import { RefusalLog } from './refusal-log.service';

@Global()
@Module({
  controllers: [AuditController],
  providers: [AuditService, RefusalLog],
  exports: [AuditService, RefusalLog],
})
export class AuditModule {}
