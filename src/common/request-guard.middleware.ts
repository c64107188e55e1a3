import { Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { text, type Text } from '../../workflows';
import { DomainError, ErrorCode } from './domain-error';
import { forbiddenCharacter } from './plain-text';

/** Deeper than any body Docket accepts (the deepest, a list of experts, is 3). */
const MAX_DEPTH = 32;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
// NUL has no place in any text Docket keeps, and PostgreSQL refuses it in text columns
const NUL = '\u0000';

/**
 * The media types a request body may have, by path; the first match decides. Everything under
 * /api is JSON, so no cross-site form (urlencoded, multipart, text/plain) can post to it, except
 * the routes listed above the last that take uploads (multipart, read by multer, not by the 1 MB
 * JSON parser). Those still need a bearer token, which no other site can add.
 */
const BODY_TYPES: { path: RegExp; types: string[]; message: Text }[] = [
  {
    path: /^\/api\/cases\/[^/]+\/attachments\/?$/,
    types: ['multipart/form-data'],
    message: text(
      '上传附件须使用 multipart/form-data 格式（字段 file、kind、expectedVersion）',
      'an attachment is uploaded as multipart/form-data (fields file, kind, expectedVersion)',
    ),
  },
  {
    path: /^\/api(\/|$)/,
    types: ['application/json'],
    message: text(
      '请求内容必须是 JSON（Content-Type: application/json）',
      'the request body must be JSON (Content-Type: application/json)',
    ),
  },
];

interface Problem {
  field: string;
  problem: string;
}

const join = (prefix: string, key: string) => (prefix ? `${prefix}.${key}` : key);

function stringProblem(value: string): string | null {
  if (value.includes(NUL)) return 'a string holds a NUL character';
  if (LONE_SURROGATE.test(value)) return 'a string holds an unpaired surrogate';
  const c = forbiddenCharacter(value);
  return c ? `a string holds the control character ${c}` : null;
}

function problem(value: unknown, field = '', depth = 0): Problem | null {
  if (depth > MAX_DEPTH) return { field, problem: `nested deeper than ${MAX_DEPTH} levels` };
  if (typeof value === 'string') {
    const p = stringProblem(value);
    return p ? { field, problem: p } : null;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const p = problem(value[i], join(field, String(i)), depth + 1);
      if (p) return p;
    }
    return null;
  }
  if (value && typeof value === 'object') {
    for (const key of Object.keys(value)) {
      if (FORBIDDEN_KEYS.has(key)) return { field, problem: `the field name "${key}" is not allowed` };
      if (stringProblem(key)) return { field, problem: 'a field name holds an unpaired surrogate, NUL or a control character' };
      const p = problem((value as Record<string, unknown>)[key], join(field, key), depth + 1);
      if (p) return p;
    }
  }
  return null;
}

/** The path as the router will decode it; undecodable paths are left to the router (400). */
function decodedPath(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return '';
  }
}

/** A body the request carries (an empty one is none), of a media type the path does not take: what to say. */
function unsupportedBody(req: Request): Text | null {
  const length = req.headers['content-length'];
  const hasBody = req.headers['transfer-encoding'] !== undefined || (length !== undefined && Number(length) > 0);
  if (!hasBody) return null;
  const path = req.originalUrl.split('?')[0];
  const rule = BODY_TYPES.find((r) => r.path.test(path));
  if (!rule) return null;
  const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  return rule.types.includes(type) ? null : rule.message;
}

/**
 * Refuses, before any parsing into classes, what no endpoint accepts: a body that is not JSON
 * (415), bodies or queries nested absurdly deep, prototype-pollution keys (`__proto__`,
 * `constructor`, `prototype`), text that is not valid Unicode or not plain text (control
 * characters, bidi overrides). A clear 4xx naming the field instead of a crash, a silently
 * stripped field, or a BEL in the archive.
 */
@Injectable()
export class RequestGuardMiddleware implements NestMiddleware {
  use(req: Request, _res: Response, next: NextFunction): void {
    const unsupported = unsupportedBody(req);
    if (unsupported) throw new DomainError(ErrorCode.UNSUPPORTED_MEDIA_TYPE, unsupported);
    const found = problem(req.body) ?? problem(req.query) ?? problem(decodedPath(req.originalUrl.split('?')[0]));
    if (found) {
      const where = found.field ? `${found.field}: ` : '';
      throw new DomainError(
        ErrorCode.VALIDATION_FAILED,
        text(`请求内容不符合要求：${where}${found.problem}`, `invalid request: ${where}${found.problem}`),
        [{ field: found.field, problems: [found.problem] }],
      );
    }
    next();
  }
}
