import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Role } from '../../workflows';

@Entity('users')
export class UserEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 64, unique: true })
  username: string;

  @Column({ name: 'password_hash', type: 'varchar', length: 200 })
  passwordHash: string;

  @Column({ name: 'display_name', type: 'varchar', length: 100 })
  displayName: string;

  @Column({ type: 'simple-json' })
  roles: Role[];

  /** the department an official acts for; null for roles that are not bound to one */
  @Column({ type: 'varchar', length: 64, nullable: true })
  department: string | null;

  @Column({ name: 'created_at', type: 'varchar', length: 30 })
  createdAt: string;
}
