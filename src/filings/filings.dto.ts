import { IsIn, IsObject, IsOptional, IsString, MaxLength, MinLength, Matches } from 'class-validator';
import {
  FILING_CONCLUSIONS,
  FILING_EVENTS,
  FILING_STATUSES,
  type FilingConclusion,
  type FilingEventType,
  type FilingStatus,
} from '../../workflows';
import { IsIsoDate, QueryInt, QueryYear } from '../common/validation';

export class FilingEventDto {
  @IsIn(FILING_EVENTS)
  type: FilingEventType;

  @IsOptional()
  @IsObject()
  data?: Record<string, unknown>;
}

/** REGISTER_FILING: 登记. */
export class RegisterFilingData {
  /** when it was registered (today when absent; never in the future) */
  @IsOptional() @IsIsoDate() occurredAt?: string;
}

/** HOLD_FILING: 暂缓登记, until the filing government supplies what is missing. */
export class HoldFilingData {
  @IsString() @MinLength(1) @MaxLength(2000) reason: string;
  /** the date to supply it by */
  @IsIsoDate() correctBy: string;
  @IsOptional() @IsIsoDate() occurredAt?: string;
}

/** ISSUE_FILING_REVIEW: the review's conclusion and opinion; a correction ordered gives the date to amend or repeal by. */
export class IssueFilingReviewData {
  @IsIn(FILING_CONCLUSIONS) conclusion: FilingConclusion;
  @IsString() @MinLength(1) @MaxLength(5000) opinion: string;
  @IsOptional() @IsIsoDate() correctBy?: string;
  @IsOptional() @IsIsoDate() occurredAt?: string;
}

export class ListFilingsQuery {
  @IsOptional() @IsIn(FILING_STATUSES) status?: FilingStatus;
}

export class PublicFilingsQuery {
  @Matches(/^[A-Za-z0-9_-]{1,64}$/) government: string;
  @QueryYear() year: number;
  @QueryInt(1, 4) quarter: number;
}
