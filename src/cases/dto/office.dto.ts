import { ArrayMaxSize, ArrayMinSize, IsArray, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { IsIsoDate } from '../../common/validation';

const USER_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const USER_ID_MESSAGE = 'must be a user id';

/** `POST /api/cases/:id/assign`: 转办, to another official of the case's department. */
export class AssignDto {
  @IsString() @Matches(USER_ID, { message: `userId ${USER_ID_MESSAGE}` }) userId: string;
  /** why the case changes hands: kept in its history */
  @IsString() @MinLength(1) @MaxLength(500) reason: string;
}

/** `POST /api/cases/:id/copies`: 抄送, for information. */
export class CopyDto {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Matches(USER_ID, { each: true, message: `each of userIds ${USER_ID_MESSAGE}` })
  userIds: string[];

  @IsOptional() @IsString() @MaxLength(500) note?: string;
}

/** `POST /api/cases/:id/urge`: 催办 / 督办, by a supervisor. */
export class UrgeDto {
  @IsString() @MinLength(1) @MaxLength(500) message: string;
  /** the day an answer is expected by: today or later */
  @IsOptional() @IsIsoDate() respondBy?: string;
}
