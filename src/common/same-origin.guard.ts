import type { CanActivate, ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { text } from '../../workflows';
import { DomainError, ErrorCode } from './domain-error';

/**
 * Whether a browser's `Origin` is this server's own: the same host and port as the request was
 * sent to (`Host`, or `X-Forwarded-Host` from a proxy trusted by DOCKET_TRUST_PROXY). The scheme
 * is left out on purpose: behind a TLS-terminating proxy the server sees http while the page is https.
 */
export function isOwnOrigin(origin: string, req: Request): boolean {
  let page: URL;
  try {
    page = new URL(origin);
  } catch {
    return false; // "null" (sandboxed frames, file:) or garbage
  }
  if (page.protocol !== 'http:' && page.protocol !== 'https:') return false;
  const host = req.host;
  if (!host) return false;
  try {
    // read in the page's scheme, so a default port (:443, :80) written or not compares equal
    return new URL(`${page.protocol}//${host}`).host === page.host;
  } catch {
    return false;
  }
}

/**
 * For anonymous writes a browser could be made to send from any web page (the public comment):
 * a request whose `Origin` names another site is 403. Without `Origin` (curl, a server, an old
 * browser's same-origin request) it passes; bearer-token routes need no such check, since no
 * other site can add the token. (Not @Injectable: it has no dependencies, and without a run-time
 * Nest import its unit test runs under jest.)
 */
export class SameOriginGuard implements CanActivate {
  canActivate(ctx: ExecutionContext): boolean {
    const req = ctx.switchToHttp().getRequest<Request>();
    const origin = req.headers.origin;
    if (origin !== undefined && !isOwnOrigin(origin, req)) {
      throw new DomainError(ErrorCode.FORBIDDEN, text('不接受来自其他网站的提交', 'submissions from other sites are not accepted'));
    }
    return true;
  }
}
