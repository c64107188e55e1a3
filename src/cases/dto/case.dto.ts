import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { PROCEDURE_IDS } from '../../../workflows';
import { CASE_VIEWS, type CaseListView } from '../cases.response';
import { IsDateOrInstant, IsIsoDate, QueryInt, QueryYear } from '../../common/validation';

/** 1,000,000 pages of one case each: more than any county holds, and an offset SQL takes */
const MAX_PAGE = 1_000_000;

class CreateCaseBase {
  @ApiProperty({ enum: PROCEDURE_IDS })
  @IsIn(PROCEDURE_IDS)
  procedure: string;

  @IsString()
  @MinLength(1)
  @MaxLength(300)
  title: string;

  @IsString()
  @MinLength(1)
  @MaxLength(64)
  department: string;
}

const CREATED_AT = { description: 'YYYY-MM-DD or ISO 8601 date-time, not before the procedure took effect; defaults to now' };

/** 重大行政决策事项建议 */
export class CreateMajorDecisionDto extends CreateCaseBase {
  /** a case is judged by its procedure's rules: none is dated before they took effect */
  @ApiPropertyOptional(CREATED_AT)
  @IsOptional()
  @IsDateOrInstant({ from: 'major-decision' })
  occurredAt?: string;

  @IsOptional() @IsString() @MaxLength(20_000) problem?: string;
  @IsOptional() @IsString() @MaxLength(20_000) reasons?: string;
  @IsOptional() @IsString() @MaxLength(20_000) preliminaryPlan?: string;
}

/** 规范性文件起草 */
export class CreateNormativeDocumentDto extends CreateCaseBase {
  @ApiPropertyOptional(CREATED_AT)
  @IsOptional()
  @IsDateOrInstant({ from: 'normative-document' })
  occurredAt?: string;

  @IsBoolean() affectsPublicRights: boolean;
  @IsBoolean() marketRelated: boolean;
  @IsBoolean() interim: boolean;
  @IsIn(['government', 'department']) issuingOrgan: string;
}

export const CREATE_DTO = {
  'major-decision': CreateMajorDecisionDto,
  'normative-document': CreateNormativeDocumentDto,
} as const;

/** `POST /api/cases/:id/events` */
export class SendEventDto {
  @Matches(/^[A-Z_]{1,60}$/, { message: 'type must be an event type such as OPEN_PUBLIC_COMMENT' })
  type: string;

  @IsInt()
  @Min(0)
  @Max(2_147_483_647)
  expectedVersion: number;

  @ApiPropertyOptional({ description: 'YYYY-MM-DD or ISO 8601 date-time; defaults to now' })
  @IsOptional()
  @IsDateOrInstant()
  occurredAt?: string;

  @IsOptional()
  @IsObject()
  data?: Record<string, unknown>;
}

export class ListCasesQuery {
  @IsOptional() @IsIn(PROCEDURE_IDS) procedure?: string;
  @IsOptional() @IsString() @MaxLength(40) stage?: string;
  @IsOptional() @IsString() @MaxLength(64) department?: string;
  @IsOptional() @QueryInt(1, MAX_PAGE) page?: number;
  @IsOptional() @QueryInt(1, 200) pageSize?: number;
  /** the year reports count the case in (a decision's start, a document's publication: registered ones may be older) */
  @IsOptional() @QueryYear('documents') year?: number;
  /** `true`: only cases whose current time limit has passed */
  @IsOptional() @IsIn(['true', 'false']) overdue?: 'true' | 'false';
  /** whose list: todo (待办), done (已办), mine (我发起的), copied (抄送我的); none: every case the user may read */
  @IsOptional() @IsIn(CASE_VIEWS) view?: CaseListView;
  /** words to look for: a part of the title, of the document number (文号) or of the case id, any letter case; blank: no filter */
  @IsOptional() @IsString() @MaxLength(100) q?: string;
  /** one government the reader sees (a supervisor's drill-down), with those below it; none: all they see */
  @IsOptional() @Matches(/^[A-Za-z0-9_-]{1,64}$/) government?: string;
}

export class ImportedComment {
  @IsString() @MinLength(1) @MaxLength(5000) content: string;
  @IsOptional() @IsString() @MaxLength(200) submitter?: string;
  /** the day the comment was received */
  @IsIsoDate() receivedOn: string;
}

/** `POST /api/cases/:id/comments/import`: comments received by letter, e-mail or at a hearing. */
export class ImportCommentsDto {
  @IsInt() @Min(0) expectedVersion: number;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => ImportedComment)
  comments: ImportedComment[];
}

/** `POST /api/documents/register`: a normative document issued before Docket, in force now. */
export class RegisterDocumentDto {
  @IsString() @MinLength(1) @MaxLength(300) title: string;
  /** the department that drafted it */
  @IsString() @MinLength(1) @MaxLength(64) department: string;
  @IsIn(['government', 'department']) issuingOrgan: 'government' | 'department';
  @IsBoolean() interim: boolean;
  @IsString() @MinLength(1) @MaxLength(80) documentNumber: string;
  /** issued before Docket, maybe before the rules it holds: not before county governments issued such documents */
  @IsIsoDate({ from: 'documents' }) publishedOn: string;
  @IsIsoDate({ from: 'documents' }) effectiveDate: string;
  /** defaults to the rulebook's validity period */
  @IsOptional() @IsIsoDate({ from: 'documents' }) validUntil?: string;
  @IsOptional() @IsDateOrInstant() occurredAt?: string;
}
