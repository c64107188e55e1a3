import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { type Language, PROCEDURE_IDS, ProcedureId, releases, text } from '../../workflows';
import { Public } from '../auth/roles.decorator';
import { DomainError, ErrorCode } from '../common/domain-error';
import { chooseCoding, type Coding } from '../common/content-coding';
import { Lang } from '../common/language';
import { Cached, encodedAnswer, ProceduresService } from './procedures.service';
import { Procedure } from './procedures.response';

/** Both codings: every answer here is tens of KB of JSON, a tenth of that compressed */
const BOTH = new Set<Coding>(['br', 'gzip']);

/**
 * The answer changes only when Docket is deployed again: browsers keep it a few minutes, then
 * ask again with If-None-Match and get a 304 while the ETag holds. Sent compressed when the
 * request accepts brotli or gzip, from the copy made once with the answer.
 */
function send(req: Request, res: Response, a: Cached): void {
  res.setHeader('Cache-Control', 'public, max-age=300');
  res.setHeader('Vary', 'Accept-Language, Accept-Encoding');
  res.type('application/json');
  const coding = chooseCoding(req.headers['accept-encoding'], BOTH);
  const out = coding ? encodedAnswer(a, coding) : { body: a.body, etag: a.etag };
  res.setHeader('ETag', out.etag);
  if (coding) res.setHeader('Content-Encoding', coding);
  // Express answers 304 itself when If-None-Match holds this ETag
  res.send(out.body);
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
  list(@Req() req: Request, @Res() res: Response, @Lang() lang: Language): void {
    send(
      req,
      res,
      this.procedures.answer(`all|${lang}`, () => PROCEDURE_IDS.map((id) => this.procedures.describe(id, lang))),
    );
  }

  /** One procedure, the newest version unless `?version=` names an earlier one (cases keep theirs). */
  @Public()
  @Get(':id')
  @ApiOkResponse({ type: Procedure })
  get(
    @Req() req: Request,
    @Res() res: Response,
    @Param('id') id: string,
    @Lang() lang: Language,
    @Query('version') version?: string,
  ): void {
    if (!PROCEDURE_IDS.includes(id as ProcedureId)) throw DomainError.notFound(text(`没有程序 ${id}`, `no procedure ${id}`));
    if (version === undefined) {
      send(
        req,
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
      req,
      res,
      this.procedures.answer(`${id}@${n}|${lang}`, () => this.procedures.describe(id as ProcedureId, lang, n)),
    );
  }
}
