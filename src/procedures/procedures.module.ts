import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { ProcedureMigrationsController } from './procedure-migrations.controller';
import { ProcedureMigrationsService } from './procedure-migrations.service';
import { ProceduresController } from './procedures.controller';
import { ProceduresService } from './procedures.service';

@Module({
  imports: [CasesModule],
  controllers: [ProceduresController, ProcedureMigrationsController],
  providers: [ProceduresService, ProcedureMigrationsService],
})
export class ProceduresModule {}
