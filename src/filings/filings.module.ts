import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { FilingsController, PublicFilingsController } from './filings.controller';
import { FilingsService } from './filings.service';

@Module({
  imports: [CasesModule],
  controllers: [FilingsController, PublicFilingsController],
  providers: [FilingsService],
  exports: [FilingsService],
})
export class FilingsModule {}
