import { governmentScope } from '../governments/scope';
import { Body, Controller, Get, HttpCode, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { IsBase64, IsInt, IsISO8601, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import type { Response } from 'express';
import { QueryInt } from '../common/validation';
import { Roles } from '../auth/roles.decorator';
import { CurrentUser, type Principal } from '../auth/principal';
import { AuditService } from './audit.service';
import { AuditCheckpoints } from './checkpoints.service';
import { RefusalLog } from './refusal-log.service';
import { CheckpointExport, KeptCheckpointResult, RefusalCounts, RefusalRecord, TakenCheckpoint, VerifyResult } from './audit.response';

export class RefusalsQuery {
  @IsOptional() @QueryInt(1, 1000) limit?: number;
}

export class CheckpointsQuery {
  /** the `next` of the previous page */
  @IsOptional() @QueryInt(0, 2147483647) after?: number;
  @IsOptional() @QueryInt(1, 1000) limit?: number;
}

/** Taking a checkpoint takes nothing: what it signs is the chain's head. */
export class TakeCheckpointBody {}

/** A checkpoint as exported by GET /api/audit/checkpoints, sent back to be checked against today's chain. */
export class KeptCheckpoint {
  @IsOptional() @IsInt() @Min(1) id?: number;
  @IsInt() @Min(0) @Max(2147483647) seq: number;
  @Matches(/^[0-9a-f]{64}$/, { message: 'headHash must be 64 lowercase hex digits' }) headHash: string;
  @IsISO8601({ strict: true }) @MaxLength(30) takenAt: string;
  @Matches(/^[0-9a-f]{64}$/, { message: 'keyId must be 64 lowercase hex digits' }) keyId: string;
  @IsBase64() @MaxLength(100) signature: string;
  /** the message as exported; the signature is checked over the one rebuilt from the fields */
  @IsOptional() @IsString() @MaxLength(300) message?: string;
  /** as POST /api/audit/checkpoints returns it; never used to check the signature (only the configured key is) */
  @IsOptional() @IsString() @MaxLength(1000) publicKey?: string;
}

export class RefusalCountsQuery {
  @IsOptional() @QueryInt(1, 400) days?: number;
}

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class AuditController {
  constructor(
    private readonly audit: AuditService,
    private readonly checkpoints: AuditCheckpoints,
    private readonly refusals: RefusalLog,
  ) {}

  /** Recompute every hash chain from the stored rows, and check every checkpoint against them. */
  @Get('verify')
  verify(): Promise<VerifyResult> {
    return this.audit.verify();
  }

  /**
   * Sign the chain's head now (also done hourly): 201 with the new checkpoint, or 200 with the one
   * already taken of this head. Supervisors take one to keep with their inspection; admins before
   * maintenance. 503 NOT_CONFIGURED without DOCKET_AUDIT_KEY.
   */
  @Post('checkpoints')
  @Roles('supervisor', 'admin')
  @ApiCreatedResponse({ type: TakenCheckpoint, description: 'a new checkpoint of the head' })
  @ApiOkResponse({ type: TakenCheckpoint, description: 'the checkpoint already taken of this head' })
  async take(
    @Body() _body: TakeCheckpointBody,
    @CurrentUser() user: Principal,
    @Res({ passthrough: true }) res: Response,
  ): Promise<TakenCheckpoint> {
    const { checkpoint, created } = await this.checkpoints.take(user.id);
    res.status(created ? 201 : 200);
    return checkpoint;
  }

  /** Every checkpoint, in the order taken, with the public key: for a supervisor to keep elsewhere and check offline. */
  @Get('checkpoints')
  @Roles('supervisor', 'admin')
  export(@Query() q: CheckpointsQuery): Promise<CheckpointExport> {
    return this.checkpoints.export(q.after ?? 0, q.limit ?? 1000);
  }

  /** Does today's chain still hold this kept checkpoint, and is it signed by the configured key? */
  @Post('checkpoints/verify')
  @HttpCode(200)
  @Roles('supervisor', 'admin')
  check(@Body() cp: KeptCheckpoint): Promise<KeptCheckpointResult> {
    return this.checkpoints.check(cp);
  }

  /** Signed-in users' refused writes (who, what, which rule) in the reader's governments, logged apart from the cases; the newest first. */
  @Get('refusals')
  @Roles('supervisor', 'admin')
  latestRefusals(@CurrentUser() user: Principal, @Query() q: RefusalsQuery): Promise<RefusalRecord[]> {
    return this.refusals.latest(q.limit ?? 100, governmentScope(user));
  }

  /** Beside the list: the refused writes only counted (anonymous, throttled), per day over the last `days` (30). */
  @Get('refusals/counts')
  @Roles('supervisor', 'admin')
  refusalCounts(@Query() q: RefusalCountsQuery): Promise<RefusalCounts> {
    return this.refusals.counts(q.days ?? 30);
  }
}
