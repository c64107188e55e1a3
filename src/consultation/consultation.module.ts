import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { ConsultationController, ReceiptController } from './consultation.controller';
import { ConsultationService } from './consultation.service';

@Module({
  imports: [CasesModule],
  controllers: [ConsultationController, ReceiptController],
  providers: [ConsultationService],
})
export class ConsultationModule {}
