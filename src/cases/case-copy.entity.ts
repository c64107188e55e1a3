import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** 抄送: a user given the case to read, for information; a copy never lets them act on it. */
@Entity('case_copies')
@Index('IDX_case_copies_user', ['userId'])
export class CaseCopyEntity {
  @PrimaryColumn({ name: 'case_id', type: 'varchar', length: 36 })
  caseId: string;

  @PrimaryColumn({ name: 'user_id', type: 'varchar', length: 36 })
  userId: string;

  @Column({ name: 'copied_by', type: 'varchar', length: 36 })
  copiedBy: string;

  @Column({ type: 'varchar', length: 500, nullable: true })
  note: string | null;

  @Column({ name: 'copied_at', type: 'varchar', length: 30 })
  copiedAt: string;
}

/** Everyone who has been in charge of a case (承办人): a sponsor of it for good, for separation of duties. */
@Entity('case_assignees')
@Index('IDX_case_assignees_user', ['userId'])
export class CaseAssigneeEntity {
  @PrimaryColumn({ name: 'case_id', type: 'varchar', length: 36 })
  caseId: string;

  @PrimaryColumn({ name: 'user_id', type: 'varchar', length: 36 })
  userId: string;

  @Column({ type: 'varchar', length: 30 })
  since: string;
}
