import { Module } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import { CasesModule } from '../cases/cases.module';
import { ConsultationController } from './consultation.controller';
import { ConsultationService } from './consultation.service';

@Module({
  imports: [CasesModule, ThrottlerModule.forRoot([{ name: 'default', ttl: 60_000, limit: 5 }])],
  controllers: [ConsultationController],
  providers: [ConsultationService],
})
export class ConsultationModule {}
