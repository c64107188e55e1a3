import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The X-Docket-Signature of a webhook body: `sha256=` and the hex HMAC-SHA256 of the body's
 * exact bytes (UTF-8) with DOCKET_WEBHOOK_SECRET. A receiver recomputes it over the raw body it
 * read, before parsing it, and compares in constant time (docs/notifications.md).
 */
export function webhookSignature(secret: string, body: string | Buffer): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/** Whether `header` is the signature of `body` with `secret` (constant-time comparison). */
export function verifyWebhookSignature(secret: string, body: string | Buffer, header: string | undefined | null): boolean {
  if (typeof header !== 'string') return false;
  const expected = Buffer.from(webhookSignature(secret, body));
  const given = Buffer.from(header);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
