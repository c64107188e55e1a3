import { Injectable, Logger } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import { shanghaiDate } from '../../workflows';
import { overdueSql } from '../cases/case-facts';
import { CaseEntity } from '../cases/case.entity';
import { CaseNotices } from '../cases/case-notices';
import { CaseCommands } from '../cases/cases.commands';
import { DomainError } from '../common/domain-error';
import { Db } from '../database/db.service';
import type { DeadlineRun } from './deadlines.response';

/**
 * What time does to cases, every hour and once at start (after any seeding): a stage whose time limit has passed is
 * marked overdue, and a normative document whose validity has ended expires. Idempotent, and
 * safe on several instances at once: the mark is a conditional UPDATE, and expiry is an event
 * with compare-and-swap on the case's version, so exactly one instance records it.
 */
@Injectable()
export class DeadlinesService {
  private readonly logger = new Logger('Deadlines');

  constructor(
    private readonly db: Db,
    private readonly cases: CaseCommands,
    private readonly notices: CaseNotices,
  ) {}

  /** Run the job without waiting for it: with many lapsed documents it takes a while, and must not delay serving. */
  runInBackground(): void {
    setImmediate(() => void this.run().catch((e: Error) => this.logger.error(`deadline job failed: ${e.message}`)));
  }

  @Cron(CronExpression.EVERY_HOUR, { name: 'deadlines', timeZone: 'Asia/Shanghai' })
  async hourly(): Promise<void> {
    await this.run();
  }

  async run(today = shanghaiDate(new Date())): Promise<DeadlineRun> {
    const marked = await this.db.transaction((m) =>
      m
        .createQueryBuilder()
        .update(CaseEntity)
        .set({ overdueSince: today })
        .where(`${overdueSql('')} AND overdue_since IS NULL`, { today })
        .execute(),
    );
    // page through the lapsed documents, so memory stays flat however many there are
    let expired = 0;
    let after = '';
    for (;;) {
      const lapsed = await this.db.read((m) =>
        m
          .createQueryBuilder(CaseEntity, 'c')
          .select(['c.id', 'c.version'])
          .where("c.stage IN ('inForce', 'amending') AND c.due_code = 'VALIDITY_END' AND c.due_date < :today AND c.id > :after", {
            today,
            after,
          })
          .orderBy('c.id')
          .take(500)
          .getMany(),
      );
      if (lapsed.length === 0) break;
      for (const c of lapsed) {
        try {
          await this.cases.sendAsSystem(c.id, c.version, 'EXPIRE', today);
          expired++;
        } catch (e) {
          // another instance got there first (version conflict), or the case moved on: nothing to do
          if (!(e instanceof DomainError)) throw e;
        }
      }
      after = lapsed[lapsed.length - 1].id;
    }
    const reminded = await this.notices.remind(today);
    const run = { today, markedOverdue: marked.affected ?? 0, expired, reminded: reminded.approaching, overdueNotified: reminded.overdue };
    if (run.markedOverdue || run.expired || run.reminded || run.overdueNotified) this.logger.log(`deadlines ${JSON.stringify(run)}`);
    return run;
  }
}
