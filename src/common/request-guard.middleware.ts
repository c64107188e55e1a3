import { Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { text } from '../../workflows';
import { DomainError, ErrorCode } from './domain-error';

/** Deeper than any body Docket accepts (the deepest, a list of experts, is 3). */
const MAX_DEPTH = 32;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
// NUL has no place in any text Docket keeps, and PostgreSQL refuses it in text columns
const NUL = '\u0000';

function problem(value: unknown, depth = 0): string | null {
  if (depth > MAX_DEPTH) return `nested deeper than ${MAX_DEPTH} levels`;
  if (typeof value === 'string') {
    if (value.includes(NUL)) return 'a string holds a NUL character';
    return LONE_SURROGATE.test(value) ? 'a string holds an unpaired surrogate' : null;
  }
  if (Array.isArray(value)) {
    for (const item of value) {
      const p = problem(item, depth + 1);
      if (p) return p;
    }
    return null;
  }
  if (value && typeof value === 'object') {
    for (const key of Object.keys(value)) {
      if (FORBIDDEN_KEYS.has(key)) return `the field name "${key}" is not allowed`;
      if (LONE_SURROGATE.test(key) || key.includes(NUL)) return 'a field name holds an unpaired surrogate or NUL';
      const p = problem((value as Record<string, unknown>)[key], depth + 1);
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

/**
 * Refuses, before any parsing into classes, what no endpoint accepts: bodies or queries nested
 * absurdly deep, prototype-pollution keys (`__proto__`, `constructor`, `prototype`), and text
 * that is not valid Unicode. A clear 400 instead of a crash or a silently stripped field.
 */
@Injectable()
export class RequestGuardMiddleware implements NestMiddleware {
  use(req: Request, _res: Response, next: NextFunction): void {
    const found = problem(req.body) ?? problem(req.query) ?? problem(decodedPath(req.originalUrl.split('?')[0]));
    if (found) {
      throw new DomainError(ErrorCode.VALIDATION_FAILED, text(`请求内容不符合要求：${found}`, `invalid request: ${found}`), [
        { field: '', problems: [found] },
      ]);
    }
    next();
  }
}
