import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';
import { CONCLUSIONS, DISPOSITIONS, FAIR_COMPETITION_CONCLUSIONS, MAX_COMMENTS_DISPOSED_TOGETHER, MEETING_TYPES } from '../../../workflows';
import { IsIsoDate } from '../../common/validation';

/**
 * The `data` of every event, one class per event type (docs/procedures.md lists the events and their rules).
 * These check shape only; whether the law allows the event is for the procedure's rules.
 */
const SHORT = 200;
const LONG = 20_000;

function Prose(max = LONG) {
  return (target: object, key: string) => {
    IsString()(target, key);
    MinLength(1)(target, key);
    MaxLength(max)(target, key);
  };
}
function OptionalProse(max = LONG) {
  return (target: object, key: string) => {
    IsOptional()(target, key);
    IsString()(target, key);
    MaxLength(max)(target, key);
  };
}
function ProseList(min = 0) {
  return (target: object, key: string) => {
    IsArray()(target, key);
    ArrayMinSize(min)(target, key);
    ArrayMaxSize(100)(target, key);
    IsString({ each: true })(target, key);
    MinLength(1, { each: true })(target, key);
    MaxLength(SHORT * 5, { each: true })(target, key);
  };
}

export class Empty {}

export class ApproveStart {
  @OptionalProse(SHORT) catalogueItemId?: string;
}

export class FinishDraft {
  @Prose() draftSummary: string;
  @IsBoolean() specialized: boolean;
  @IsBoolean() stabilityRisk: boolean;
  /** 涉及经营者经济活动 (from version 2 of the procedure: then a fair competition review is required) */
  @IsOptional() @IsBoolean() marketRelated?: boolean;
}

/**
 * The form asks for the draft text (the schema the pages build it from lists it as required): it
 * is published with the call for comment. Sent without one, a reopened period carries forward the
 * text of the round before; a first round is refused (DRAFT_TEXT_MISSING).
 */
@JSONSchema((schema) => ({ ...schema, required: [...new Set([...((schema.required as string[] | undefined) ?? []), 'draftText'])] }))
export class OpenPublicComment {
  /** the draft and its explanation, as the public consultation page shows it */
  @OptionalProse(100_000) draftText?: string;
  @IsIsoDate() startDate: string;
  @IsIsoDate() endDate: string;
  @ProseList(1) channels: string[];
  @OptionalProse() shortenedReason?: string;
}

export class RecordComment {
  @Prose(5000) content: string;
  @OptionalProse(SHORT) submitter?: string;
}

export class DisposeComment {
  @Prose(SHORT) commentId: string;
  /** similar comments given the same disposition and reason in the same act; each must exist, none listed twice */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_COMMENTS_DISPOSED_TOGETHER)
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(SHORT, { each: true })
  alsoCommentIds?: string[];
  @IsIn(DISPOSITIONS) disposition: string;
  @Prose() reason: string;
}

export class CompletePublicParticipation {
  @OptionalProse() summary?: string;
}

export class Reason {
  @Prose() reason: string;
}

export class HoldHearing {
  @IsIsoDate() hearingDate: string;
  @IsIsoDate() noticeDate: string;
  @Prose(SHORT) recordRef: string;
}

export class ExpertDto {
  @Prose(SHORT) name: string;
  @Prose(SHORT) affiliation: string;
  @IsBoolean() conflictOfInterest: boolean;
}

export class RecordExpertArgumentation {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => ExpertDto)
  experts: ExpertDto[];
  @Prose() opinionSummary: string;
  @Prose() adoptionSummary: string;
}

export class RecordRiskAssessment {
  @IsIn(['low', 'medium', 'high']) riskLevel: string;
  @IsBoolean() controllable: boolean;
  @Prose() measures: string;
  @IsOptional() @ProseList() riskPoints?: string[];
  @OptionalProse() responsePlan?: string;
  @OptionalProse(SHORT) assessor?: string;
  @OptionalProse() draftAdjustment?: string;
}

export class RecordFairCompetitionReview {
  @IsIn(FAIR_COMPETITION_CONCLUSIONS) conclusion: string;
  @Prose() summary: string;
  @OptionalProse(SHORT) reviewedBy?: string;
  @OptionalProse(SHORT) implementationPeriod?: string;
}

export class SubmitForLegalityReview {
  @IsIsoDate() reviewDueDate: string;
}

export class IssueLegalityOpinion {
  @IsIn(CONCLUSIONS) conclusion: string;
  @Prose() opinion: string;
  @OptionalProse() legalRiskStatement?: string;
}

export class ConfirmRevisions {
  @Prose() revisionNote: string;
}

/** 撤回送审: before any opinion; a blank reason is refused by the procedure (REASON_REQUIRED) */
export class WithdrawSubmission {
  @Prose() reason: string;
}

/** 退回补正: the reviewer's reason and the materials asked for */
export class ReturnForCorrection {
  @Prose() reason: string;
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(SHORT, { each: true })
  missingItems?: string[];
}

class Meeting {
  @IsIn(MEETING_TYPES) meetingType: string;
  @IsIsoDate() meetingDate: string;
  @IsOptional() @ProseList() dissentingOpinions?: string[];
  @IsOptional() @IsBoolean() headOverrodeMajority?: boolean;
  @OptionalProse() headReasons?: string;
}

export class RecordCollectiveDecision extends Meeting {
  @IsIn(['approved', 'rejected', 'deferred', 'revise']) outcome: string;
}

export class RecordCollectiveDeliberation extends Meeting {
  @IsIn(['approved', 'rejected', 'revise']) outcome: string;
}

export class ReportToPartyCommittee {
  @Prose(SHORT) reference: string;
}

export class PublishDecision {
  @ProseList() channels: string[];
  @OptionalProse() adoptionExplanation?: string;
  @OptionalProse() withheldReason?: string;
}

export class PublishDocument {
  @ProseList(1) channels: string[];
  @IsIsoDate() effectiveDate: string;
}

export class RecordFiling {
  @Prose(SHORT) filedWith: string;
}

export class Archive {
  @Prose(SHORT) archiveNumber: string;
}

export class ReportImplementation {
  @Prose() summary: string;
}

export class Suspend {
  @Prose(SHORT) orderedBy: string;
  @Prose() reason: string;
}

export class Resume {
  @Prose(SHORT) orderedBy: string;
  @OptionalProse() reason?: string;
}

export class StartPostEvaluation {
  @Prose(SHORT) evaluator: string;
}

export class RecordPostEvaluation {
  @Prose() conclusion: string;
}

export class Conclude {
  @OptionalProse() reason?: string;
}

/** The data class of each event type; an event type missing here cannot be sent. */
export const EVENT_DATA: Record<string, new () => object> = {
  APPROVE_START: ApproveStart,
  FINISH_DRAFT: FinishDraft,
  OPEN_PUBLIC_COMMENT: OpenPublicComment,
  RECORD_COMMENT: RecordComment,
  DISPOSE_COMMENT: DisposeComment,
  CLOSE_PUBLIC_COMMENT: Empty,
  COMPLETE_PUBLIC_PARTICIPATION: CompletePublicParticipation,
  EXEMPT_PUBLIC_COMMENT: Reason,
  HOLD_HEARING: HoldHearing,
  RECORD_EXPERT_ARGUMENTATION: RecordExpertArgumentation,
  RECORD_RISK_ASSESSMENT: RecordRiskAssessment,
  RECORD_FAIR_COMPETITION_REVIEW: RecordFairCompetitionReview,
  SUBMIT_FOR_LEGALITY_REVIEW: SubmitForLegalityReview,
  ISSUE_LEGALITY_OPINION: IssueLegalityOpinion,
  CONFIRM_REVISIONS: ConfirmRevisions,
  WITHDRAW_SUBMISSION: WithdrawSubmission,
  RETURN_FOR_CORRECTION: ReturnForCorrection,
  RECORD_COLLECTIVE_DECISION: RecordCollectiveDecision,
  RECORD_COLLECTIVE_DELIBERATION: RecordCollectiveDeliberation,
  REPORT_TO_PARTY_COMMITTEE: ReportToPartyCommittee,
  PUBLISH_DECISION: PublishDecision,
  PUBLISH_DOCUMENT: PublishDocument,
  RECORD_FILING: RecordFiling,
  ARCHIVE: Archive,
  REPORT_IMPLEMENTATION: ReportImplementation,
  SUSPEND: Suspend,
  RESUME: Resume,
  START_POST_EVALUATION: StartPostEvaluation,
  RECORD_POST_EVALUATION: RecordPostEvaluation,
  CONCLUDE: Conclude,
  REPEAL: Reason,
  START_AMENDMENT: Reason,
  EXPIRE: Empty,
};
