import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One migration of open cases onto a new version of their procedure, as an admin ran it. */
@Entity('procedure_migrations')
export class ProcedureMigrationEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 40 })
  procedure: string;

  @Column({ name: 'from_version', type: 'integer' })
  fromVersion: number;

  @Column({ name: 'to_version', type: 'integer' })
  toVersion: number;

  /** the admin's reason for moving these cases, as they wrote it */
  @Column({ type: 'text' })
  justification: string;

  /** the legal ground the new version declares for moving cases under way (Chinese) */
  @Column({ name: 'legal_basis', type: 'text' })
  legalBasis: string;

  @Column({ name: 'actor_id', type: 'varchar', length: 36 })
  actorId: string;

  @Column({ type: 'varchar', length: 30 })
  at: string;

  /** the cases moved: id, stage before and after */
  @Column({ type: 'simple-json' })
  moved: { id: string; title: string; fromStage: string; toStage: string }[];

  /** the open cases left on the old version, each with the reason */
  @Column({ type: 'simple-json' })
  refused: { id: string; title: string; stage: string; reason: string }[];
}
