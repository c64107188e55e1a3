import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A refused write, logged apart from the case it tried to change. */
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
