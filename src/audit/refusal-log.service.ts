import { governmentSql, type GovernmentScope } from '../governments/scope';
import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { EntityManager, MoreThanOrEqual } from 'typeorm';
import { addDays, shanghaiDate } from '../../workflows';
import { AppConfig } from '../config/config';
import { Db } from '../database/db.service';
import { param } from '../database/sql';
import type { RefusalCounts } from './audit.response';
import { RefusalCountEntity, RefusalEntity } from './refusal.entity';

/** Refusals that are counted instead of stored: nobody to attribute them to, or a throttle. */
export const COUNTED_KINDS = ['anonymous', 'throttled'] as const;
export type CountedKind = (typeof COUNTED_KINDS)[number];

/** How often the counters reach the database: a flood costs one small transaction per interval. */
const FLUSH_MS = 10_000;
/** Days of counters kept (a row per day and kind). */
const COUNTS_KEPT_DAYS = 400;

const zero = (): Record<CountedKind, number> => ({ anonymous: 0, throttled: 0 });

/**
 * Refused writes, logged apart from the cases they tried to change. A signed-in user's refusal is
 * stored (who, what, which rule), the newest DOCKET_REFUSALS_KEPT of them; anonymous and
 * throttled ones are only counted, per day and kind, in memory and written every few seconds,
 * so that anyone's flood adds no rows and buries nothing.
 */
@Injectable()
export class RefusalLog implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('RefusalLog');
  /** counts not yet in the database, by `day|kind` */
  private pending = new Map<string, number>();
  private flushing: Promise<void> | null = null;
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly db: Db,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.flush(), FLUSH_MS);
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }

  /** The latest refusals of users of these governments, newest first. */
  latest(limit: number, scope: GovernmentScope): Promise<RefusalEntity[]> {
    const g = governmentSql(scope, 'u.government_path');
    return this.db.read((m) =>
      m
        .createQueryBuilder(RefusalEntity, 'r')
        .where(`r.user_id IN (SELECT u.id FROM users u WHERE ${g.sql})`, g.params)
        .orderBy('r.id', 'DESC')
        .take(limit)
        .getMany(),
    );
  }

  /** Store a signed-in user's refusal, deleting what falls beyond the newest DOCKET_REFUSALS_KEPT. */
  async record(r: Omit<RefusalEntity, 'id' | 'at'>): Promise<void> {
    try {
      await this.db.transaction(async (m) => {
        const inserted = await m.insert(RefusalEntity, { ...r, at: new Date().toISOString() });
        const id = Number((inserted.identifiers[0] as { id: number | string }).id);
        // ids only grow, so this is one index range: at most the newest N rows remain
        await m
          .createQueryBuilder()
          .delete()
          .from(RefusalEntity)
          .where('id <= :oldest', { oldest: id - this.config.DOCKET_REFUSALS_KEPT })
          .execute();
      });
    } catch (e) {
      // the refusal itself has already been decided; failing to log it must not change the answer
      this.logger.warn(`could not log a refusal: ${(e as Error).message}`);
    }
  }

  /** Count a refusal that is not stored; no database work here. */
  count(kind: CountedKind): void {
    const key = `${shanghaiDate(new Date())}|${kind}`;
    this.pending.set(key, (this.pending.get(key) ?? 0) + 1);
  }

  /** The counts of the last `days` days (today included), stored and not yet written alike. */
  async counts(days: number): Promise<RefusalCounts> {
    const since = addDays(shanghaiDate(new Date()), -(days - 1));
    const rows = await this.db.read((m) => m.find(RefusalCountEntity, { where: { day: MoreThanOrEqual(since) } }));
    const byDay = new Map<string, Record<CountedKind, number>>();
    const total = zero();
    const add = (day: string, kind: string, n: number) => {
      if (day < since || !(COUNTED_KINDS as readonly string[]).includes(kind)) return;
      const k = kind as CountedKind;
      if (!byDay.has(day)) byDay.set(day, zero());
      byDay.get(day)![k] += n;
      total[k] += n;
    };
    for (const r of rows) add(r.day, r.kind, Number(r.count));
    for (const [key, n] of this.pending) {
      const [day, kind] = key.split('|');
      add(day, kind, n);
    }
    return {
      since,
      total,
      byDay: [...byDay.entries()].sort(([a], [b]) => (a < b ? 1 : -1)).map(([day, c]) => ({ day, ...c })),
    };
  }

  /** Add the pending counts to the database (one transaction); kept for the next try if it fails. */
  flush(): Promise<void> {
    if (this.flushing) return this.flushing.then(() => this.flush());
    if (this.pending.size === 0) return Promise.resolve();
    const batch = this.pending;
    this.pending = new Map();
    this.flushing = this.db
      .transaction(async (m) => {
        for (const [key, n] of batch) {
          const [day, kind] = key.split('|');
          await this.add(m, day, kind, n);
        }
        const oldest = addDays(shanghaiDate(new Date()), -COUNTS_KEPT_DAYS);
        await m.createQueryBuilder().delete().from(RefusalCountEntity).where('day < :oldest', { oldest }).execute();
      })
      .catch((e: Error) => {
        for (const [key, n] of batch) this.pending.set(key, (this.pending.get(key) ?? 0) + n);
        this.logger.warn(`could not write the refusal counts, will try again: ${e.message}`);
      })
      .finally(() => {
        this.flushing = null;
      });
    return this.flushing;
  }

  private async add(m: EntityManager, day: string, kind: string, n: number): Promise<void> {
    // one statement on both databases: SQLite (3.24+) and PostgreSQL share ON CONFLICT … DO UPDATE
    await m.query(
      `INSERT INTO "refusal_counts" ("day", "kind", "count") VALUES (${param(m, 1)}, ${param(m, 2)}, ${param(m, 3)})
       ON CONFLICT ("day", "kind") DO UPDATE SET "count" = "refusal_counts"."count" + excluded."count"`,
      [day, kind, n],
    );
  }
}
