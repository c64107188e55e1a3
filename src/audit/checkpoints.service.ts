import { Injectable } from '@nestjs/common';
import { text } from '../../workflows';
import { DomainError, ErrorCode } from '../common/domain-error';
import { AppConfig } from '../config/config';
import { Db } from '../database/db.service';
import { lockUntilCommit } from '../database/lock';
import { AuditCheckpointEntity } from './audit-checkpoint.entity';
import { AuditKey } from './audit-key';
import type { CheckpointExport, ExportedCheckpoint, KeptCheckpointResult } from './audit.response';
import { AUDIT_CHAIN_LOCK, AuditService, chainHead, CheckpointClaim } from './audit.service';
import { checkpointMessage } from './chain';

const exported = (cp: AuditCheckpointEntity): ExportedCheckpoint => ({
  id: cp.id,
  seq: cp.seq,
  headHash: cp.headHash,
  takenAt: cp.takenAt,
  keyId: cp.keyId,
  signature: cp.signature,
  message: checkpointMessage(cp),
});

/**
 * Signed checkpoints of the chain across all cases, with DOCKET_AUDIT_KEY (Ed25519, outside the
 * database): a writer of the database who rewrites history up to a checkpoint and recomputes
 * every hash cannot sign the new head, and a supervisor's copy of the checkpoint shows it.
 */
@Injectable()
export class AuditCheckpoints {
  private readonly key?: AuditKey;

  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
    config: AppConfig,
  ) {
    this.key = config.auditKey;
  }

  get configured(): boolean {
    return this.key !== undefined;
  }

  /**
   * Sign the chain's current head, unless a checkpoint of it with this key exists: then that one.
   * Under the chain's lock, so the head cannot move meanwhile and two instances never sign one head twice.
   */
  async take(takenBy: string): Promise<{ checkpoint: ExportedCheckpoint & { publicKey: string }; created: boolean }> {
    const key = this.key;
    if (!key) {
      throw new DomainError(
        ErrorCode.NOT_CONFIGURED,
        text(
          '未配置审计签名密钥（DOCKET_AUDIT_KEY），无法生成审计检查点',
          'no audit signing key is configured (DOCKET_AUDIT_KEY): checkpoints cannot be taken',
        ),
      );
    }
    const { row, created } = await this.db.transaction(async (m) => {
      await lockUntilCommit(m, AUDIT_CHAIN_LOCK);
      const head = await chainHead(m);
      const existing = await m.findOne(AuditCheckpointEntity, { where: { seq: head.seq, keyId: key.keyId } });
      if (existing) return { row: existing, created: false };
      const takenAt = new Date().toISOString();
      const fields = { seq: head.seq, headHash: head.hash, takenAt, keyId: key.keyId };
      const signature = key.sign(checkpointMessage(fields));
      const inserted = await m.insert(AuditCheckpointEntity, { ...fields, signature, takenBy });
      return { row: { ...fields, signature, takenBy, id: Number(inserted.identifiers[0].id) }, created: true };
    });
    return { checkpoint: { ...exported(row), publicKey: key.publicKeyPem }, created };
  }

  /** The checkpoints in the order they were taken, a page at a time, with the public key to check them by. */
  async export(after = 0, limit = 1000): Promise<CheckpointExport> {
    const rows = await this.db.read((m) =>
      m
        .createQueryBuilder(AuditCheckpointEntity, 'k')
        .where('k.id > :after', { after })
        .orderBy('k.id', 'ASC')
        .take(limit + 1)
        .getMany(),
    );
    const page = rows.slice(0, limit);
    return {
      algorithm: 'Ed25519',
      keyId: this.key?.keyId ?? null,
      publicKey: this.key?.publicKeyPem ?? null,
      checkpoints: page.map(exported),
      next: rows.length > limit ? page[page.length - 1].id : null,
    };
  }

  /** Whether today's chain still holds a checkpoint kept elsewhere (the whole chain is recomputed up to it). */
  async check(claim: CheckpointClaim): Promise<KeptCheckpointResult> {
    const result = await this.audit.verify(claim);
    return result.claim!;
  }
}
