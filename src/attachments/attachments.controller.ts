import { Controller, Get, Param, Post, Req, Res, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CurrentUser, Principal } from '../auth/principal';
import { AttachmentsService, type UploadedFile } from './attachments.service';
import { AttachmentCreated, AttachmentItem } from './attachments.response';
import { ATTACHMENT_KINDS } from './kinds';
import { UploadInterceptor } from './upload.interceptor';

/** `Content-Disposition: attachment` with the name in UTF-8 (RFC 5987/6266) and an ASCII stand-in for old clients. */
export function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

@ApiTags('attachments')
@ApiBearerAuth()
@Controller('cases/:id/attachments')
export class AttachmentsController {
  constructor(private readonly attachments: AttachmentsService) {}

  /**
   * 上传附件: one file (by its bytes: PDF, Word/Excel/PowerPoint, legacy Office, OFD, PNG, JPEG,
   * UTF-8 text; at most DOCKET_ATTACHMENT_MAX_BYTES), recorded on the case as ATTACHMENT_ADDED.
   */
  @Post()
  @UseInterceptors(UploadInterceptor)
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file', 'kind', 'expectedVersion'],
      properties: {
        file: { type: 'string', format: 'binary' },
        kind: { type: 'string', enum: [...ATTACHMENT_KINDS] },
        expectedVersion: { type: 'integer', minimum: 1 },
      },
    },
  })
  @ApiCreatedResponse({ type: AttachmentCreated })
  upload(
    @CurrentUser() user: Principal,
    @Param('id') id: string,
    @Req() req: Request & { file?: UploadedFile },
  ): Promise<AttachmentCreated> {
    return this.attachments.upload(user, id, (req.body ?? {}) as Record<string, unknown>, req.file);
  }

  /** The case's attachments, without their bytes. */
  @Get()
  list(@CurrentUser() user: Principal, @Param('id') id: string): Promise<AttachmentItem[]> {
    return this.attachments.list(user, id);
  }

  /** One attachment's bytes, as the type Docket found them to be, to be saved (never shown inline). */
  @Get(':attachmentId')
  @ApiProduces('application/octet-stream')
  @ApiOkResponse({ content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } } })
  async download(
    @CurrentUser() user: Principal,
    @Param('id') id: string,
    @Param('attachmentId') attachmentId: string,
    @Res() res: Response,
  ): Promise<void> {
    const { meta, content } = await this.attachments.content(user, id, attachmentId);
    res
      .status(200)
      .set({
        'Content-Type': meta.contentType,
        'Content-Length': String(content.length),
        'Content-Disposition': contentDisposition(meta.name),
        'X-Content-Type-Options': 'nosniff',
      })
      .end(content);
  }
}
