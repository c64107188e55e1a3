import { Column, Entity, PrimaryColumn } from 'typeorm';

/** 年度重大行政决策事项目录: published once a year, adjusted during it. */
@Entity('catalogues')
export class CatalogueEntity {
  /** each government publishes its own catalogue every year */
  @PrimaryColumn({ name: 'government_id', type: 'varchar', length: 64 })
  governmentId: string;

  @PrimaryColumn({ type: 'integer' })
  year: number;

  @Column({ name: 'published_on', type: 'varchar', length: 10, nullable: true })
  publishedOn: string | null;

  @Column({ name: 'published_by', type: 'varchar', length: 36, nullable: true })
  publishedBy: string | null;
}

/** One item of the catalogue; a decision is started under it. */
@Entity('catalogue_items')
export class CatalogueItemEntity {
  /** `<year>-<seq>`, e.g. 2023-01 */
  @PrimaryColumn({ type: 'varchar', length: 40 })
  id: string;

  @Column({ type: 'integer' })
  year: number;

  @Column({ type: 'integer' })
  seq: number;

  @Column({ type: 'varchar', length: 300 })
  title: string;

  /** the sponsoring department */
  @Column({ type: 'varchar', length: 64 })
  department: string;

  /** the government whose catalogue it is (its department's) */
  @Column({ name: 'government_id', type: 'varchar', length: 64 })
  governmentId: string;

  @Column({ name: 'added_on', type: 'varchar', length: 10 })
  addedOn: string;

  /** why it was added after the catalogue was published (目录调整) */
  @Column({ name: 'adjustment_reason', type: 'text', nullable: true })
  adjustmentReason: string | null;

  @Column({ name: 'withdrawn_on', type: 'varchar', length: 10, nullable: true })
  withdrawnOn: string | null;

  @Column({ name: 'withdrawal_reason', type: 'text', nullable: true })
  withdrawalReason: string | null;
}
