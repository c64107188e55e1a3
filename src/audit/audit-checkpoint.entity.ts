import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A signed statement "the chain across all cases had `seq` events, the last with global hash
 * `headHash`, at `takenAt`", signed with the key named by `keyId` (not stored in the database).
 * One per head and key: instances taking one at the same time find the other's.
 */
@Entity('audit_checkpoints')
@Index(['seq', 'keyId'], { unique: true })
export class AuditCheckpointEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  /** the global sequence number of the chain's last event (0: the chain was empty) */
  @Column({ type: 'integer' })
  seq: number;

  @Column({ name: 'head_hash', type: 'varchar', length: 64 })
  headHash: string;

  @Column({ name: 'taken_at', type: 'varchar', length: 30 })
  takenAt: string;

  @Column({ name: 'key_id', type: 'varchar', length: 64 })
  keyId: string;

  /** Ed25519 over checkpointMessage(), base64 */
  @Column({ type: 'varchar', length: 100 })
  signature: string;

  /** `schedule`, or the id of the user who asked for it */
  @Column({ name: 'taken_by', type: 'varchar', length: 36 })
  takenBy: string;
}
