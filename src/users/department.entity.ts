import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A department of a government (and, in a database from before governments, the government itself: id `county-government`). */
@Entity('departments')
export class DepartmentEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  /** prefix of the numbers of the normative documents it issues (e.g. 泗政规) */
  @Column({ name: 'document_prefix', type: 'varchar', length: 40, nullable: true })
  documentPrefix: string | null;

  /** the government it is a department of; fixed once set */
  @Column({ name: 'government_id', type: 'varchar', length: 64 })
  governmentId: string;
}
