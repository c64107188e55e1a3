import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { ArchiveController } from './archive.controller';
import { ArchiveService } from './archive.service';

/** `GET /api/cases/:id/archive`: a case's complete record as one verifiable download. */
@Module({ imports: [CasesModule], controllers: [ArchiveController], providers: [ArchiveService] })
export class ArchiveModule {}
