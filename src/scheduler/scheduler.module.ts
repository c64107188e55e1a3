import { Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { CasesModule } from '../cases/cases.module';
import { AuditCheckpointJob } from './audit-checkpoint.job';
import { DeadlinesController } from './deadlines.controller';
import { DeadlinesService } from './deadlines.service';

@Module({
  imports: [ScheduleModule.forRoot(), CasesModule],
  controllers: [DeadlinesController],
  providers: [DeadlinesService, AuditCheckpointJob],
  exports: [DeadlinesService],
})
export class SchedulerModule {}
