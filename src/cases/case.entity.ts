import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { StoredSnapshot } from '../../workflows';

/** One case: a decision or a document on its way through its procedure. */
@Entity('cases')
@Index(['department', 'stage'])
@Index(['procedure', 'stage'])
export class CaseEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 40 })
  procedure: string;

  @Column({ name: 'procedure_version', type: 'integer' })
  procedureVersion: number;

  @Column({ type: 'varchar', length: 300 })
  title: string;

  /** the sponsoring department (承办单位 / 起草单位) */
  @Column({ type: 'varchar', length: 64 })
  department: string;

  /** the top-level state id, kept in its own column so lists and reports can filter on it */
  @Column({ type: 'varchar', length: 40 })
  stage: string;

  /** the XState persisted snapshot (state value and context) */
  @Column({ type: 'simple-json' })
  snapshot: StoredSnapshot;

  /** compare-and-swap counter: the number of accepted events, creation included */
  @Column({ type: 'integer' })
  version: number;

  @Column({ name: 'created_by', type: 'varchar', length: 36 })
  createdBy: string;

  @Column({ name: 'created_at', type: 'varchar', length: 30 })
  createdAt: string;

  @Column({ name: 'updated_at', type: 'varchar', length: 30 })
  updatedAt: string;
}
