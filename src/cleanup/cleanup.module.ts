import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { CleanupController } from './cleanup.controller';
import { CleanupService } from './cleanup.service';

/** 规范性文件清理: `/api/cleanups`. */
@Module({ imports: [CasesModule], controllers: [CleanupController], providers: [CleanupService], exports: [CleanupService] })
export class CleanupModule {}
