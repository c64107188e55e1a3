import type { Channel } from './outbox.entity';

/** One outbox row, as a sender needs it. */
export interface Delivery {
  id: string;
  notificationId: string;
  channel: Channel;
  /** the exact text to send, fixed when the notification was written */
  body: string;
  /** the tries made before this one */
  attempts: number;
}

/** A way out of Docket: sends one delivery, or throws saying why not (the worker retries). */
export interface Sender {
  readonly channel: Channel;
  /** whether its settings are there (only configured channels are delivered) */
  readonly configured: boolean;
  /** the longest one send may take, whatever the other side does; the worker's lease outlasts it */
  readonly timeoutMs: number;
  send(d: Delivery): Promise<void>;
}

/** A failure in a few words, for `last_error` and the log (never a URL, which may carry a token). */
export function describeFailure(e: unknown): string {
  if (!(e instanceof Error)) return String(e);
  if (e.name === 'TimeoutError' || e.name === 'AbortError') return `no answer in time (${e.message})`;
  const code = (e as { code?: unknown }).code;
  const cause = (e as { cause?: unknown }).cause;
  let why = typeof code === 'string' && !e.message.includes(code) ? `${code}: ${e.message}` : e.message;
  if (cause instanceof Error) why += ` (${describeFailure(cause)})`;
  else if (cause && typeof cause === 'object' && typeof (cause as { code?: unknown }).code === 'string')
    why += ` (${String((cause as { code: string }).code)})`;
  return why;
}
