import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { type Language, PROCEDURE_IDS, ProcedureId, releases, text } from '../../workflows';
import { Public } from '../auth/roles.decorator';
import { DomainError, ErrorCode } from '../common/domain-error';
import { Lang } from '../common/language';
import { Cached, ProceduresService } from './procedures.service';
import { Procedure } from './procedures.response';

/**
 * The answer changes only when Docket is deployed again: browsers keep it a few minutes, then
 * ask again with If-None-Match and get a 304 while the ETag holds.
 */
function send(res: Response, a: Cached): void {
  res.setHeader('Cache-Control', 'public, max-age=300');
  res.setHeader('Vary', 'Accept-Language');
  res.setHeader('ETag', a.etag);
  res.type('application/json');
  // Express answers 304 itself when If-None-Match holds this ETag
  res.send(a.body);
}

@ApiTags('procedures')
@Controller('procedures')
export class ProceduresController {
  constructor(private readonly procedures: ProceduresService) {}

  /**
   * Both procedures: stages, diagram, events with sender, legal basis and data schema. Public: it
   * is the law, and what a load balancer's health check may ask for; compact and cacheable.
   */
  @Public()
  @Get()
  @ApiOkResponse({ type: [Procedure] })
  list(@Res() res: Response, @Lang() lang: Language): void {
    send(
      res,
      this.procedures.answer(`all|${lang}`, () => PROCEDURE_IDS.map((id) => this.procedures.describe(id, lang))),
    );
  }

  /** One procedure, the newest version unless `?version=` names an earlier one (cases keep theirs). */
  @Public()
  @Get(':id')
  @ApiOkResponse({ type: Procedure })
  get(@Res() res: Response, @Param('id') id: string, @Lang() lang: Language, @Query('version') version?: string): void {
    if (!PROCEDURE_IDS.includes(id as ProcedureId)) throw DomainError.notFound(text(`没有程序 ${id}`, `no procedure ${id}`));
    if (version === undefined) {
      send(
        res,
        this.procedures.answer(`${id}|${lang}`, () => this.procedures.describe(id as ProcedureId, lang)),
      );
      return;
    }
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
    send(
      res,
      this.procedures.answer(`${id}@${n}|${lang}`, () => this.procedures.describe(id as ProcedureId, lang, n)),
    );
  }
}
