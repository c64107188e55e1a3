import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { AppConfig } from '../config/config';
import { Db } from '../database/db.service';
import { execute, param } from '../database/sql';
import { Delivery, describeFailure, Sender } from './delivery';
import { Mailer } from './mailer';
import type { Channel } from './outbox.entity';
import { Webhook } from './webhook';

/** the most rows one pass takes per channel; the rest wait for the next pass */
export const OUTBOX_BATCH = 50;
/** the longest wait between two tries of one delivery */
export const MAX_RETRY_MS = 3_600_000;
/** the length of outbox.last_error */
const LAST_ERROR_LENGTH = 500;
/** a lease outlasts a send and the write that follows it by this much */
const LEASE_MARGIN_MS = 30_000;

/**
 * Did the other side refuse this one message (an SMTP server refusing the recipient or the
 * message, 5xx), rather than fail to be reached? Then the others are still sent in this pass.
 */
export function recipientRefused(e: unknown): boolean {
  const err = e as { code?: unknown; responseCode?: unknown };
  return err?.code === 'EENVELOPE' || (typeof err?.responseCode === 'number' && err.responseCode >= 500);
}

/** The wait after the `attempts`-th failed try: DOCKET_OUTBOX_RETRY_MS, doubled at each further failure, at most an hour. */
export function retryDelay(firstMs: number, attempts: number): number {
  return Math.min(firstMs * 2 ** Math.max(0, attempts - 1), MAX_RETRY_MS);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Delivers the outbox: on each instance, every DOCKET_OUTBOX_POLL_MS, the due rows of each
 * configured channel (oldest first), one at a time. A row is first leased by a conditional
 * UPDATE, so two instances never send it at once; it is sent outside any transaction; then it is
 * marked delivered, or its failure is recorded and it is tried again later (never given up).
 *
 * At least once, not exactly once: an instance that dies after the other side accepted a
 * delivery but before it is marked leaves it to be sent again when its lease runs out, with the
 * same X-Docket-Delivery id and Message-ID, for the other side to drop (docs/notifications.md).
 */
@Injectable()
export class OutboxWorker implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Outbox');
  /** this instance, as the holder of the leases it takes */
  readonly owner = randomUUID();
  private readonly senders: Sender[];
  private timer?: NodeJS.Timeout;
  private pass?: Promise<void>;
  private stopping = false;

  constructor(
    private readonly db: Db,
    private readonly config: AppConfig,
    webhook: Webhook,
    mailer: Mailer,
  ) {
    this.senders = [webhook, mailer].filter((s) => s.configured);
  }

  /** the channels this instance delivers */
  get channels(): Channel[] {
    return this.senders.map((s) => s.channel);
  }

  onApplicationBootstrap(): void {
    if (this.senders.length === 0) return;
    this.logger.log(`delivering ${this.channels.join(' and ')} every ${this.config.DOCKET_OUTBOX_POLL_MS} ms`);
    // at once: what a previous run left undelivered (a crash, a stop) goes first
    this.schedule(0);
  }

  /** Stop taking rows; wait for the send in progress (at most a sender's timeout) to be recorded. */
  async onModuleDestroy(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.timer);
    await this.pass;
  }

  private schedule(ms: number): void {
    if (this.stopping) return;
    this.timer = setTimeout(() => {
      this.pass = this.runOnce().finally(() => {
        this.pass = undefined;
        this.schedule(this.config.DOCKET_OUTBOX_POLL_MS);
      });
    }, ms);
    // the worker alone never keeps the process alive
    this.timer.unref();
  }

  /** One pass over every channel, side by side (a slow webhook does not hold up e-mail). Never throws. */
  async runOnce(): Promise<void> {
    await Promise.all(
      this.senders.map((s) =>
        this.runChannel(s).catch((e: unknown) => this.logger.error(`${s.channel} deliveries stopped for this pass: ${describeFailure(e)}`)),
      ),
    );
  }

  private async runChannel(sender: Sender): Promise<void> {
    for (const row of await this.due(sender.channel)) {
      if (this.stopping) return;
      if (!(await this.lease(row, sender))) continue; // another instance has it, or has just sent it
      // a failure ends the channel's pass (its other side is likely down: the other rows wait for the next
      // pass), unless only this row's recipient was refused
      if ((await this.deliver(row, sender)) === 'channel-down') return;
    }
  }

  /** The rows of a channel due now and not held by an instance, oldest first. */
  private due(channel: Channel): Promise<Delivery[]> {
    const now = new Date().toISOString();
    return this.db.read(async (m) => {
      const p = (i: number) => param(m, i);
      const sql =
        'SELECT id, notification_id AS "notificationId", channel, body, attempts FROM outbox ' +
        `WHERE delivered_at IS NULL AND channel = ${p(1)} AND next_attempt_at <= ${p(2)} AND (lease_until IS NULL OR lease_until < ${p(3)}) ` +
        `ORDER BY next_attempt_at, created_at, id LIMIT ${OUTBOX_BATCH}`;
      const { records } = await execute(m, sql, [channel, now, now]);
      return records.map((r) => ({ ...(r as Delivery), attempts: Number(r.attempts) }));
    });
  }

  /**
   * Take the row for this instance until the send and its record are surely over. Only a row
   * still as it was read (undelivered, as many tries, due, its lease free or run out) is taken:
   * affected = 1 means it is ours, 0 that another instance took it or moved it on.
   */
  private async lease(row: Delivery, sender: Sender): Promise<boolean> {
    const now = new Date();
    // the send, then recording its outcome (up to three tries, each waiting for the lock and a pause)
    const recordMs = 3 * (this.config.DOCKET_DB_LOCK_WAIT_MS + 3000);
    const until = new Date(now.getTime() + sender.timeoutMs + recordMs + LEASE_MARGIN_MS);
    const at = now.toISOString();
    const affected = await this.db.transaction(async (m) => {
      const p = (i: number) => param(m, i);
      const sql =
        `UPDATE outbox SET lease_owner = ${p(1)}, lease_until = ${p(2)} ` +
        `WHERE id = ${p(3)} AND delivered_at IS NULL AND attempts = ${p(4)} AND next_attempt_at <= ${p(5)} ` +
        `AND (lease_until IS NULL OR lease_until < ${p(6)})`;
      return (await execute(m, sql, [this.owner, until.toISOString(), row.id, row.attempts, at, at])).affected ?? 0;
    });
    return affected === 1;
  }

  /** Send a leased row (outside any transaction) and record the outcome. */
  private async deliver(row: Delivery, sender: Sender): Promise<'delivered' | 'row-refused' | 'channel-down'> {
    const attempt = row.attempts + 1;
    let failure: string | undefined;
    let rowOnly = false;
    try {
      await sender.send(row);
    } catch (e) {
      failure = describeFailure(e);
      rowOnly = recipientRefused(e);
    }
    if (failure === undefined) {
      const marked = await this.record(row, (m, p) => [
        `UPDATE outbox SET delivered_at = ${p(1)}, attempts = ${p(2)}, lease_until = NULL WHERE id = ${p(3)} AND lease_owner = ${p(4)}`,
        [new Date().toISOString(), attempt, row.id, this.owner],
      ]);
      if (marked) this.logger.debug(`${row.channel} notification ${row.notificationId} delivered (try ${attempt})`);
      else this.logger.warn(`${row.channel} notification ${row.notificationId} was sent after its lease ran out: it may be sent twice`);
      return 'delivered';
    }
    const waitMs = retryDelay(this.config.DOCKET_OUTBOX_RETRY_MS, attempt);
    const lastError = failure.length > LAST_ERROR_LENGTH ? `${failure.slice(0, LAST_ERROR_LENGTH - 1)}…` : failure;
    await this.record(row, (m, p) => [
      `UPDATE outbox SET attempts = ${p(1)}, next_attempt_at = ${p(2)}, last_error = ${p(3)}, lease_owner = NULL, lease_until = NULL ` +
        `WHERE id = ${p(4)} AND lease_owner = ${p(5)} AND delivered_at IS NULL`,
      [attempt, new Date(Date.now() + waitMs).toISOString(), lastError, row.id, this.owner],
    ]);
    this.logger.warn(`${row.channel} notification ${row.notificationId}: try ${attempt} failed (${failure}); next in ${waitMs} ms`);
    return rowOnly ? 'row-refused' : 'channel-down';
  }

  /**
   * Write an outcome, trying again a few times when the database is busy: a delivery sent but
   * not marked would be sent again once its lease runs out. True when the row was still ours.
   */
  private async record(row: Delivery, statement: (m: EntityManager, p: (i: number) => string) => [string, unknown[]]): Promise<boolean> {
    for (let tries = 1; ; tries++) {
      try {
        return await this.db.transaction(async (m) => {
          const [sql, params] = statement(m, (i) => param(m, i));
          return ((await execute(m, sql, params)).affected ?? 0) === 1;
        });
      } catch (e) {
        if (tries >= 3) throw e;
        this.logger.warn(
          `${row.channel} notification ${row.notificationId}: its outcome could not be recorded (${describeFailure(e)}); again`,
        );
        await sleep(1000 * tries);
      }
    }
  }
}
