import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/** A signed-in user's refused write, logged apart from the case it tried to change. */
@Entity('refusals')
export class RefusalEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'varchar', length: 30 })
  at: string;

  @Column({ name: 'user_id', type: 'varchar', length: 36, nullable: true })
  userId: string | null;

  @Column({ type: 'varchar', length: 10 })
  method: string;

  @Column({ type: 'varchar', length: 500 })
  path: string;

  @Column({ type: 'integer' })
  status: number;

  @Column({ type: 'varchar', length: 40 })
  code: string;

  @Column({ type: 'text' })
  message: string;

  @Column({ type: 'simple-json' })
  blockers: string[];
}

/** Refusals counted, not stored: anonymous and throttled ones, per Asia/Shanghai day. */
@Entity('refusal_counts')
export class RefusalCountEntity {
  @PrimaryColumn({ type: 'varchar', length: 10 })
  day: string;

  @PrimaryColumn({ type: 'varchar', length: 20 })
  kind: string;

  @Column({ type: 'integer' })
  count: number;
}
