import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { text } from '../../workflows';
import { RefusalLog } from '../audit/refusal-log.service';
import { DomainError, ErrorCode, httpStatusOf } from './domain-error';
import { languageOf } from './language';
import { redactUrl } from './redact';

/** Refusals because the database failed: writing them there would only fail again. */
const DATABASE_DOWN = new Set([ErrorCode.DATABASE_BUSY, ErrorCode.STORAGE_UNAVAILABLE]);

/** Nest's own HTTP errors (unknown route, malformed JSON, oversized body) in domain terms. */
function fromHttpException(e: HttpException): DomainError {
  const status = e.getStatus();
  if (status === 404) return DomainError.notFound(text('请求的地址不存在', 'no such route'));
  if (status === 401) return new DomainError(ErrorCode.UNAUTHENTICATED, text('请先登录', 'authentication required'));
  if (status === 403) return new DomainError(ErrorCode.FORBIDDEN, text('无权进行此操作', 'forbidden'));
  if (status === 429) return new DomainError(ErrorCode.TOO_MANY_REQUESTS, text('请求过于频繁，请稍后再试', 'too many requests'));
  if (status === 415) {
    return new DomainError(
      ErrorCode.UNSUPPORTED_MEDIA_TYPE,
      text('请求内容必须是 UTF-8 编码的 JSON', 'the request body must be JSON in UTF-8'),
    );
  }
  if (status === 413) {
    return new DomainError(ErrorCode.PAYLOAD_TOO_LARGE, text('请求内容过大（不超过 1 MB）', 'request body too large (at most 1 MB)'));
  }
  // the parser's message may quote the body (a password): never echo it
  return new DomainError(ErrorCode.VALIDATION_FAILED, text('请求格式不正确（不是有效的 JSON）', 'malformed request (not valid JSON)'));
}

/**
 * The one place errors become responses: `{statusCode, code, message, details?, blockers?}`,
 * in the caller's language. Refused writes are logged apart from the case: a signed-in user's
 * stored, an anonymous or throttled one only counted, one the database failed on neither.
 */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('ErrorFilter');

  constructor(private readonly refusals: RefusalLog) {}

  async catch(exception: unknown, host: ArgumentsHost): Promise<void> {
    const ctx = host.switchToHttp();
    const req = ctx.getRequest<Request & { user?: { id: string } }>();
    const res = ctx.getResponse<Response>();
    const lang = languageOf(req.headers['accept-language']);

    let error: DomainError;
    if (exception instanceof DomainError) error = exception;
    else if (exception instanceof HttpException) error = fromHttpException(exception);
    else {
      this.logger.error(exception instanceof Error ? exception.stack : String(exception));
      res.status(500).json({ statusCode: 500, code: 'INTERNAL', message: lang === 'zh' ? '服务器内部错误' : 'internal error' });
      return;
    }

    const statusCode = httpStatusOf(error.code);
    const body: Record<string, unknown> = { statusCode, code: error.code, message: error.text[lang] };
    if (error.details !== undefined) body.details = error.details;
    if (error.blockers) {
      body.blockers = error.blockers.map((b) => ({ code: b.code, message: b.message[lang], legalBasis: b.legalBasis[lang] }));
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') await this.log(req, statusCode, error);
    if (error.retryAfter !== undefined) res.setHeader('Retry-After', String(error.retryAfter));
    res.status(statusCode).json(body);
  }

  private async log(req: Request & { user?: { id: string } }, status: number, error: DomainError): Promise<void> {
    if (DATABASE_DOWN.has(error.code)) return;
    if (error.code === ErrorCode.TOO_MANY_REQUESTS) return this.refusals.count('throttled');
    // before sign-in was checked (an unknown route, a body refused unparsed) or failing it: nobody to attribute it to
    if (!req.user) return this.refusals.count('anonymous');
    await this.refusals.record({
      userId: req.user.id,
      method: req.method,
      path: redactUrl(req.originalUrl).slice(0, 500),
      status,
      code: error.code,
      message: error.text.zh,
      blockers: error.blockers?.map((b) => b.code) ?? [],
    });
  }
}
