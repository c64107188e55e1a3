import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An admin's load or correction of one year's holiday arrangement; it overrides the package. */
@Entity('holiday_years')
export class HolidayYearEntity {
  @PrimaryColumn({ type: 'integer' })
  year: number;

  @Column({ type: 'simple-json' })
  holidays: string[];

  @Column({ name: 'make_up_workdays', type: 'simple-json' })
  makeUpWorkdays: string[];

  @Column({ name: 'updated_by', type: 'varchar', length: 36 })
  updatedBy: string;

  @Column({ name: 'updated_at', type: 'varchar', length: 30 })
  updatedAt: string;
}
