import { Injectable, Logger } from '@nestjs/common';
import { Db } from '../database/db.service';
import { RefusalEntity } from './refusal.entity';

/** Refused writes, logged apart from the cases they tried to change. */
@Injectable()
export class RefusalLog {
  private readonly logger = new Logger('RefusalLog');

  constructor(private readonly db: Db) {}

  /** The latest refusals, newest first. */
  latest(limit: number): Promise<RefusalEntity[]> {
    return this.db.read((m) => m.find(RefusalEntity, { order: { id: 'DESC' }, take: limit }));
  }

  async record(r: Omit<RefusalEntity, 'id' | 'at'>): Promise<void> {
    try {
      await this.db.transaction((m) => m.insert(RefusalEntity, { ...r, at: new Date().toISOString() }));
    } catch (e) {
      // the refusal itself has already been decided; failing to log it must not change the answer
      this.logger.warn(`could not log a refusal: ${(e as Error).message}`);
    }
  }
}
