import { Module } from '@nestjs/common';
import { CaseNotices } from './case-notices';
import { CaseCommands } from './cases.commands';
import { CaseOffice } from './cases.office';
import { CasesController } from './cases.controller';
import { CaseQueries } from './cases.queries';
import { CasesRepository } from './cases.repository';
import { CasesService } from './cases.service';
import { DocumentNumbers } from './document-numbers';

@Module({
  controllers: [CasesController],
  providers: [CasesService, CaseCommands, CaseQueries, CaseOffice, CaseNotices, CasesRepository, DocumentNumbers],
  exports: [CaseCommands, CaseQueries, CaseNotices, CasesRepository],
})
export class CasesModule {}
