import { Controller, Get, Headers, Param, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { PROCEDURE_IDS, ProcedureId, releases, text } from '../../workflows';
import { Public } from '../auth/roles.decorator';
import { DomainError, ErrorCode } from '../common/domain-error';
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

  /** One procedure, the newest version unless `?version=` names an earlier one (cases keep theirs). */
  @Public()
  @Get(':id')
  get(@Param('id') id: string, @Query('version') version?: string, @Headers('accept-language') al?: string) {
    if (!PROCEDURE_IDS.includes(id as ProcedureId)) throw DomainError.notFound(text(`没有程序 ${id}`, `no procedure ${id}`));
    if (version === undefined) return this.procedures.describe(id as ProcedureId, languageOf(al));
    if (!/^\d{1,4}$/.test(version)) {
      throw new DomainError(
        ErrorCode.VALIDATION_FAILED,
        text(`version 须为版本号（整数）：${version}`, `version must be a version number in digits: ${version}`),
        [{ field: 'version', problems: ['a version number in digits'] }],
      );
    }
    const n = Number(version);
    if (!releases[id as ProcedureId].some((v) => v.version === n)) {
      throw DomainError.notFound(text(`程序 ${id} 没有版本 ${version}`, `${id} has no version ${version}`));
    }
    return this.procedures.describe(id as ProcedureId, languageOf(al), n);
  }
}
