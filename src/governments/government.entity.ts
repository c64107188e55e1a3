import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { Jurisdiction } from '../../workflows';

export const GOVERNMENT_LEVELS = ['province', 'city', 'county'] as const;
export type GovernmentLevel = (typeof GOVERNMENT_LEVELS)[number];

/**
 * A people's government (人民政府): a province, a city or a county. Its departments, their
 * users and their cases belong to it; a supervisor reads it and every government below it.
 */
@Entity('governments')
export class GovernmentEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'varchar', length: 10 })
  level: GovernmentLevel;

  /** the government it files with (备案) and is supervised by; null at the top */
  @Column({ name: 'parent_id', type: 'varchar', length: 64, nullable: true })
  parentId: string | null;

  /** `/<top id>/…/<own id>/`: every government below this one has a path that starts with it */
  @Index('IDX_governments_path')
  @Column({ type: 'varchar', length: 700 })
  path: string;

  /** the prefix of the numbers of the normative documents the government itself issues (泗政规) */
  @Column({ name: 'document_prefix', type: 'varchar', length: 40, unique: true })
  documentPrefix: string;

  /** whose rules (rulebook) its cases follow */
  @Column({ type: 'varchar', length: 20 })
  jurisdiction: Jurisdiction;

  /** the department of its legality reviewers (审核机构, its 司法局): an overdue legality review is charged to it */
  @Column({ name: 'review_department', type: 'varchar', length: 64, nullable: true })
  reviewDepartment: string | null;

  /** its government office (政府办公室), which does the secretariat's steps */
  @Column({ name: 'office_department', type: 'varchar', length: 64, nullable: true })
  officeDepartment: string | null;
}
