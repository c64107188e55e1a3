import { IsIn, IsOptional, IsString, Matches, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { JURISDICTIONS, type Jurisdiction } from '../../workflows';
import { GOVERNMENT_LEVELS, type GovernmentLevel } from './government.entity';

/** A government's code in paths, as a department's: letters, digits, `-` and `_` (siyang, suqian). */
export const GOVERNMENT_ID = /^[A-Za-z0-9_-]{1,64}$/;

export class GovernmentDto {
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name: string;

  @IsIn(GOVERNMENT_LEVELS)
  level: GovernmentLevel;

  /** the government above it (it files with it); null or absent at the top */
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @Matches(GOVERNMENT_ID)
  parentId?: string | null;

  /** the prefix of the numbers of the normative documents the government itself issues (泗政规) */
  @IsString()
  @MinLength(1)
  @MaxLength(40)
  documentPrefix: string;

  @IsIn(JURISDICTIONS)
  jurisdiction: Jurisdiction;

  /** its department of legality reviewers (司法局): an overdue legality review is charged to it */
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @Matches(GOVERNMENT_ID)
  reviewDepartment?: string | null;

  /** its government office: the secretariat's overdue steps are charged to it */
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @Matches(GOVERNMENT_ID)
  officeDepartment?: string | null;
}

export class GovernmentQuery {
  @IsOptional()
  @Matches(GOVERNMENT_ID)
  government?: string;
}
