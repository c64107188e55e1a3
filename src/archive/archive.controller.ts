import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser, Principal } from '../auth/principal';
import { ArchiveService } from './archive.service';

@ApiTags('cases')
@ApiBearerAuth()
@Controller('cases')
export class ArchiveController {
  constructor(private readonly archives: ArchiveService) {}

  /** The case's complete record as one tar, with SHA-256 sums anyone can check offline (`sha256sum -c SHA256SUMS`). */
  @Get(':id/archive')
  @ApiProduces('application/x-tar')
  @ApiOkResponse({
    description: '<id>.tar: case.json, records/, audit-events.json, README.txt, manifest.json, SHA256SUMS',
    content: { 'application/x-tar': { schema: { type: 'string', format: 'binary' } } },
  })
  async archive(@CurrentUser() user: Principal, @Param('id') id: string, @Res() res: Response): Promise<void> {
    const { fileName, body } = await this.archives.build(user, id);
    res
      .status(200)
      .set({
        'Content-Type': 'application/x-tar',
        'Content-Disposition': `attachment; filename="${fileName}"`,
      })
      .send(body);
  }
}
