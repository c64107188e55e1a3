import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { AttachmentsController } from './attachments.controller';
import { AttachmentsService } from './attachments.service';
import { UploadInterceptor } from './upload.interceptor';

/** 附件: files on a case, in the database, in its audit chain. AttachmentsService.forArchive serves the archive. */
@Module({
  imports: [CasesModule],
  controllers: [AttachmentsController],
  providers: [AttachmentsService, UploadInterceptor],
  exports: [AttachmentsService],
})
export class AttachmentsModule {}
