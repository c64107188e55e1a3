import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { PapersController } from './papers.controller';
import { PapersService } from './papers.service';

/** `GET /api/cases/:id/documents[/:kind]`: the case's papers (文书) as Word documents. */
@Module({ imports: [CasesModule], controllers: [PapersController], providers: [PapersService], exports: [PapersService] })
export class PapersModule {}
