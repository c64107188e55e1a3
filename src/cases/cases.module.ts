import { Module } from '@nestjs/common';
import { CasesController } from './cases.controller';
import { CasesService } from './cases.service';
import { DocumentNumbers } from './document-numbers';

@Module({ controllers: [CasesController], providers: [CasesService, DocumentNumbers], exports: [CasesService] })
export class CasesModule {}
