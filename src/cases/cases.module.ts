import { Module } from '@nestjs/common';
import { CaseCommands } from './cases.commands';
import { CasesController } from './cases.controller';
import { CaseQueries } from './cases.queries';
import { CasesRepository } from './cases.repository';
import { CasesService } from './cases.service';
import { DocumentNumbers } from './document-numbers';

@Module({
  controllers: [CasesController],
  providers: [CasesService, CaseCommands, CaseQueries, CasesRepository, DocumentNumbers],
  exports: [CaseCommands, CaseQueries],
})
export class CasesModule {}
