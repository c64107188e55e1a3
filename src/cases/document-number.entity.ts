import { Column, Entity, PrimaryColumn } from 'typeorm';

/** 统一编号: one row per number ever given, so a number is never given twice. */
@Entity('document_numbers')
export class DocumentNumberEntity {
  @PrimaryColumn({ type: 'varchar', length: 40 })
  prefix: string;

  @PrimaryColumn({ type: 'integer' })
  year: number;

  @PrimaryColumn({ type: 'integer' })
  n: number;

  @Column({ name: 'case_id', type: 'varchar', length: 36 })
  caseId: string;
}
