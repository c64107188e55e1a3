import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Settings Docket keeps for itself (e.g. a generated token-signing secret). */
@Entity('settings')
export class SettingEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  key: string;

  @Column({ type: 'text' })
  value: string;
}
