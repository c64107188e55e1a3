import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { Request, Response } from 'express';
import multer, { MulterError } from 'multer';
import type { Observable } from 'rxjs';
import { text } from '../../workflows';
import { DomainError, ErrorCode } from '../common/domain-error';
import { invalidField } from '../cases/cases.errors';
import { AppConfig } from '../config/config';

/** n bytes as a person reads them: 20 MB, 512 KB, 300 字节 */
export function sizeText(n: number): { zh: string; en: string } {
  if (n >= 1024 * 1024) {
    const mb = Math.round((n / 1024 / 1024) * 10) / 10;
    return { zh: `${mb} MB`, en: `${mb} MB` };
  }
  if (n >= 1024) {
    const kb = Math.round((n / 1024) * 10) / 10;
    return { zh: `${kb} KB`, en: `${kb} KB` };
  }
  return { zh: `${n} 字节`, en: `${n} bytes` };
}

/**
 * Reads a multipart upload (one `file`, a few fields) into memory with multer, after the sign-in
 * guard and before the handler, so an unauthenticated request is never parsed. multer's refusals
 * in Docket's terms: a file over DOCKET_ATTACHMENT_MAX_BYTES is 413, anything else malformed 400,
 * a multipart type other than form-data 415. Nothing is stored until the handler's transaction.
 */
@Injectable()
export class UploadInterceptor implements NestInterceptor {
  private readonly upload: ReturnType<ReturnType<typeof multer>['single']>;

  constructor(private readonly config: AppConfig) {
    this.upload = multer({
      storage: multer.memoryStorage(),
      // browsers send a file name's UTF-8 bytes as they are (起草说明.pdf), not as latin1
      defParamCharset: 'utf8',
      limits: { fileSize: config.DOCKET_ATTACHMENT_MAX_BYTES, files: 1, fields: 5, parts: 6, fieldSize: 1000, fieldNameSize: 100 },
    }).single('file');
  }

  async intercept(ctx: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const req = ctx.switchToHttp().getRequest<Request>();
    const res = ctx.switchToHttp().getResponse<Response>();
    await new Promise<void>((resolve, reject) => this.upload(req, res, (err: unknown) => (err ? reject(this.translate(err)) : resolve())));
    return next.handle();
  }

  private translate(err: unknown): DomainError {
    if (err instanceof MulterError) {
      if (err.code === 'LIMIT_FILE_SIZE') {
        const max = sizeText(this.config.DOCKET_ATTACHMENT_MAX_BYTES);
        return new DomainError(
          ErrorCode.PAYLOAD_TOO_LARGE,
          text(
            `附件过大：单个附件不得超过 ${max.zh}，未保存`,
            `the file is too large: an attachment is at most ${max.en}; nothing was stored`,
          ),
          { maxBytes: this.config.DOCKET_ATTACHMENT_MAX_BYTES },
        );
      }
      if (err.code === 'LIMIT_UNEXPECTED_FILE' || err.code === 'LIMIT_FILE_COUNT')
        return invalidField(err.field ?? 'file', '只能上传一个文件，字段名为 file', 'send one file, in the field "file"');
      return invalidField(err.field ?? 'body', `上传内容不符合要求：${err.message}`, `malformed upload: ${err.message}`);
    }
    const message = err instanceof Error ? err.message : String(err);
    if (/unsupported content type/i.test(message))
      return new DomainError(
        ErrorCode.UNSUPPORTED_MEDIA_TYPE,
        text('上传附件须使用 multipart/form-data 格式', 'an attachment is uploaded as multipart/form-data'),
      );
    return invalidField('body', '上传内容格式不正确（multipart 解析失败）', 'malformed multipart body');
  }
}
