import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Language } from '../../workflows';
import { CurrentUser, Principal } from '../auth/principal';
import { Lang } from '../common/language';
import { DOCX_TYPE, sendDocx } from './layout';
import { PAPER_KINDS } from './papers.builders';
import { PaperListing } from './papers.response';
import { PapersService } from './papers.service';

@ApiTags('cases')
@ApiBearerAuth()
@Controller('cases')
export class PapersController {
  constructor(private readonly papers: PapersService) {}

  /** The papers (文书) of the case: each kind, available or not, and why not. */
  @Get(':id/documents')
  list(@CurrentUser() user: Principal, @Param('id') id: string, @Lang() lang: Language): Promise<PaperListing[]> {
    return this.papers.list(user, id, lang);
  }

  /** One paper as a Word document laid out in the manner of GB/T 9704-2012; 404 while its records do not exist. */
  @Get(':id/documents/:kind')
  @ApiParam({ name: 'kind', enum: PAPER_KINDS })
  @ApiProduces(DOCX_TYPE)
  @ApiOkResponse({ description: 'the .docx', content: { [DOCX_TYPE]: { schema: { type: 'string', format: 'binary' } } } })
  async download(
    @CurrentUser() user: Principal,
    @Param('id') id: string,
    @Param('kind') kind: string,
    @Res() res: Response,
  ): Promise<void> {
    const { fileName, body } = await this.papers.download(user, id, kind);
    sendDocx(res, fileName, body);
  }
}
