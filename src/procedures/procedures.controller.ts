import { Controller, Get, Headers, Param } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { PROCEDURE_IDS, ProcedureId, text } from '../../workflows';
import { Public } from '../auth/roles.decorator';
import { DomainError } from '../common/domain-error';
import { languageOf } from '../common/language';
import { ProceduresService } from './procedures.service';

@ApiTags('procedures')
@Controller('procedures')
export class ProceduresController {
  constructor(private readonly procedures: ProceduresService) {}

  /** Both procedures: stages, diagram, events with sender, legal basis and data schema. Public: it is the law. */
  @Public()
  @Get()
  list(@Headers('accept-language') al?: string) {
    return PROCEDURE_IDS.map((id) => this.procedures.describe(id, languageOf(al)));
  }

  @Public()
  @Get(':id')
  get(@Param('id') id: string, @Headers('accept-language') al?: string) {
    if (!PROCEDURE_IDS.includes(id as ProcedureId)) throw DomainError.notFound(text(`没有程序 ${id}`, `no procedure ${id}`));
    return this.procedures.describe(id as ProcedureId, languageOf(al));
  }
}
