import { Injectable } from '@nestjs/common';
import { AppConfig } from '../config/config';
import { Delivery, Sender } from './delivery';
import { webhookSignature } from './signature';

/** how long a receiver has to answer a POST */
export const WEBHOOK_TIMEOUT_MS = 10_000;
/** how much of a refusal's body is kept in last_error */
const ANSWER_KEPT = 200;

/** The headers of one webhook POST (docs/notifications.md). */
export function webhookHeaders(secret: string, d: Pick<Delivery, 'notificationId' | 'body'>): Record<string, string> {
  return {
    'Content-Type': 'application/json',
    'User-Agent': 'Docket-Webhook/1',
    'X-Docket-Signature': webhookSignature(secret, Buffer.from(d.body, 'utf8')),
    // the notification's id: the same on every retry, so a receiver can drop a repeat
    'X-Docket-Delivery': d.notificationId,
    'X-Docket-Event': eventOf(d.body),
  };
}

function eventOf(body: string): string {
  try {
    const type = (JSON.parse(body) as { type?: unknown }).type;
    return typeof type === 'string' ? type : '';
  } catch {
    return '';
  }
}

/**
 * The webhook channel: each notification POSTed to DOCKET_WEBHOOK_URL as the JSON stored with it,
 * byte for byte, signed with DOCKET_WEBHOOK_SECRET. A 2xx answer is delivered; anything else
 * (another status, a redirect, no connection, no answer in 10 s) is a failure, retried.
 */
@Injectable()
export class Webhook implements Sender {
  readonly channel = 'webhook';
  readonly timeoutMs = WEBHOOK_TIMEOUT_MS;

  constructor(private readonly config: AppConfig) {}

  get configured(): boolean {
    return Boolean(this.config.DOCKET_WEBHOOK_URL && this.config.DOCKET_WEBHOOK_SECRET);
  }

  async send(d: Delivery): Promise<void> {
    const res = await fetch(this.config.DOCKET_WEBHOOK_URL!, {
      method: 'POST',
      headers: webhookHeaders(this.config.DOCKET_WEBHOOK_SECRET!, d),
      body: Buffer.from(d.body, 'utf8'),
      // a redirect is not a delivery: a POST must not silently become a GET elsewhere
      redirect: 'manual',
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    const answer = await firstBytes(res);
    if (res.status < 200 || res.status > 299) throw new Error(`HTTP ${res.status}${answer ? `: ${answer}` : ''}`);
  }
}

/** The start of an answer's body (the rest is dropped unread, however long). */
async function firstBytes(res: Response): Promise<string> {
  if (!res.body) return '';
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let length = 0;
  try {
    while (length < ANSWER_KEPT) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value as Uint8Array);
      length += (value as Uint8Array).length;
    }
  } catch {
    // an answer cut short: its status is what counts
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  return Buffer.concat(chunks).subarray(0, ANSWER_KEPT).toString('utf8').replace(/\s+/g, ' ').trim();
}
