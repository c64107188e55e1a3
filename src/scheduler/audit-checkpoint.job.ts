import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import { AuditCheckpoints } from '../audit/checkpoints.service';

/**
 * A signed checkpoint of the audit chain's head every hour, when DOCKET_AUDIT_KEY is set. On
 * several instances each runs it: the first signs the head, the others find that checkpoint (one
 * per head and key, taken under the chain's lock), and a head that has not moved is not signed again.
 */
@Injectable()
export class AuditCheckpointJob implements OnApplicationBootstrap {
  private readonly logger = new Logger('AuditCheckpoints');

  constructor(private readonly checkpoints: AuditCheckpoints) {}

  onApplicationBootstrap(): void {
    if (!this.checkpoints.configured)
      this.logger.warn('DOCKET_AUDIT_KEY is not set: the audit chain is verified, but no checkpoints are signed');
  }

  @Cron(CronExpression.EVERY_HOUR, { name: 'audit-checkpoint', timeZone: 'Asia/Shanghai' })
  async hourly(): Promise<void> {
    if (!this.checkpoints.configured) return;
    try {
      const { checkpoint, created } = await this.checkpoints.take('schedule');
      if (created) this.logger.log(`audit checkpoint ${checkpoint.id} at event ${checkpoint.seq}`);
    } catch (e) {
      this.logger.error(`audit checkpoint failed: ${(e as Error).message}`);
    }
  }
}
