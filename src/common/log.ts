import type { LoggerService } from '@nestjs/common';
import type { RequestHandler } from 'express';
import pino, { type Logger, type Level } from 'pino';
import { pinoHttp } from 'pino-http';
import { redactUrl } from './redact';

/**
 * The server's log: one pino logger, JSON lines on stdout.
 *
 * - `requests`: pino-http, one short line per request when it ends: its id, method, path (a
 *   token sent as ?access_token= replaced), the client's address, the status and the time. No
 *   headers: the authorization, the cookie and the user agent would cost more to write than the
 *   request takes, and no token or cookie can reach the log.
 * - `nest`: Nest's own calls (each module's `Logger`) written to the same logger, with their
 *   context (`Db`, `Seed`…) and an error's stack.
 *
 * Lines logged while a request runs do not carry its id: binding a logger to each request
 * (AsyncLocalStorage) made every promise of the process pay for async hooks, 5–10 % of the
 * server's throughput under load. A line that needs its request names it (the refusal log has
 * the path, the request line has the id and status).
 */
export function serverLog(level: string): { requests: RequestHandler; nest: LoggerService } {
  const logger = pino({ level });
  const requests = pinoHttp({
    logger,
    serializers: {
      req: (req: { id?: unknown; method?: string; url?: string; remoteAddress?: string }) => ({
        id: req.id,
        method: req.method,
        url: req.url && redactUrl(req.url),
        remoteAddress: req.remoteAddress,
      }),
      res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
    },
  }) as unknown as RequestHandler;
  return { requests, nest: new NestPinoLogger(logger) };
}

/** Nest's logger contract on pino: `(message, ...params, context)`, and `error(message, stack, context)`. */
export class NestPinoLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, ...params: unknown[]) {
    this.write('info', message, params);
  }
  error(message: unknown, ...params: unknown[]) {
    this.write('error', message, params);
  }
  warn(message: unknown, ...params: unknown[]) {
    this.write('warn', message, params);
  }
  debug(message: unknown, ...params: unknown[]) {
    this.write('debug', message, params);
  }
  verbose(message: unknown, ...params: unknown[]) {
    this.write('trace', message, params);
  }
  fatal(message: unknown, ...params: unknown[]) {
    this.write('fatal', message, params);
  }

  private write(level: Level, message: unknown, params: unknown[]) {
    if (!this.logger.isLevelEnabled(level)) return;
    const rest = [...params];
    // Nest appends the logger's context last
    const fields: Record<string, unknown> = rest.length && typeof rest.at(-1) === 'string' ? { context: rest.pop() } : {};
    // error(message, stack): Nest's exception handlers pass the stack as a string
    if (level === 'error' && typeof rest[0] === 'string' && /\n\s+at /.test(rest[0])) fields.err = { stack: rest.shift() };
    if (rest.length) fields.details = rest;
    if (message instanceof Error) this.logger[level]({ ...fields, err: message }, message.message);
    else if (message !== null && typeof message === 'object') this.logger[level]({ ...fields, ...message });
    else this.logger[level](fields, String(message));
  }
}
