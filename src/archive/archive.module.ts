import { Module } from '@nestjs/common';
import { AttachmentsModule } from '../attachments/attachments.module';
import { CasesModule } from '../cases/cases.module';
import { PapersModule } from '../papers/papers.module';
import { ArchiveController } from './archive.controller';
import { ArchiveService } from './archive.service';

/** `GET /api/cases/:id/archive`: a case's complete file (papers, attachments, machine record) as one verifiable download. */
@Module({ imports: [CasesModule, PapersModule, AttachmentsModule], controllers: [ArchiveController], providers: [ArchiveService] })
export class ArchiveModule {}
