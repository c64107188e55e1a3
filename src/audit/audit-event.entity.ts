import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One accepted event of a case, hash-chained to the case's previous event. `seq` is the case's
 * version after the event, so an event can be appended only once per version. Every event is also
 * a link of one chain across all cases: `globalSeq` numbers them 1, 2, … without gap, and
 * `globalHash` covers the previous event's global hash and this event's hash.
 */
@Entity('audit_events')
@Index(['caseId', 'seq'], { unique: true })
@Index('IDX_audit_events_global_seq', ['globalSeq'], { unique: true })
@Index('IDX_audit_events_actor', ['actorId', 'caseId'])
export class AuditEventEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ name: 'case_id', type: 'varchar', length: 36 })
  caseId: string;

  @Column({ type: 'integer' })
  seq: number;

  @Column({ type: 'varchar', length: 60 })
  type: string;

  @Column({ name: 'actor_id', type: 'varchar', length: 36 })
  actorId: string;

  @Column({ name: 'actor_role', type: 'varchar', length: 20 })
  actorRole: string;

  /** when it happened in the world, as the client gave it (date or instant) */
  @Column({ name: 'occurred_at', type: 'varchar', length: 40 })
  occurredAt: string;

  /** when Docket recorded it */
  @Column({ name: 'recorded_at', type: 'varchar', length: 30 })
  recordedAt: string;

  /** the event's data, as canonical JSON */
  @Column({ type: 'text' })
  data: string;

  @Column({ name: 'prev_hash', type: 'varchar', length: 64 })
  prevHash: string;

  @Column({ type: 'varchar', length: 64 })
  hash: string;

  /** null only on a row written behind Docket's back, which verify reports */
  @Column({ name: 'global_seq', type: 'integer', nullable: true })
  globalSeq: number | null;

  @Column({ name: 'global_hash', type: 'varchar', length: 64, nullable: true })
  globalHash: string | null;
}
