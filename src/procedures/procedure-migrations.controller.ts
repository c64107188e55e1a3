import type { Language } from '../../workflows';
import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayNotEmpty, IsArray, IsInt, IsString, IsUUID, Max, MaxLength, Min, MinLength, ValidateIf } from 'class-validator';
import { CurrentUser, Principal } from '../auth/principal';
import { Roles } from '../auth/roles.decorator';
import { Lang } from '../common/language';
import { ProcedureMigrationsService } from './procedure-migrations.service';
import { MigrationPlan, MigrationRecord, MigrationRun } from './procedures.response';

export class MigrationPlanDto {
  /** the version to move the cases onto */
  @IsInt() @Min(1) @Max(1000) toVersion: number;
  /** the cases to move; omitted: every open case of the version the new one migrates from (null is refused, never read as omitted) */
  @ValidateIf((o: { caseIds?: unknown }) => o.caseIds !== undefined)
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(10000)
  @IsUUID('all', { each: true })
  caseIds?: string[];
}

export class MigrationRunDto extends MigrationPlanDto {
  /** why these cases are moved: the transitional rule relied on, the decision that ordered it */
  @IsString() @MinLength(10) @MaxLength(5000) justification: string;
}

@ApiTags('procedures')
@ApiBearerAuth()
@Controller('procedures/:id/migrations')
export class ProcedureMigrationsController {
  constructor(private readonly migrations: ProcedureMigrationsService) {}

  /** Every migration run on this procedure, latest first. */
  @Get()
  @Roles('admin', 'supervisor')
  list(@Param('id') id: string): Promise<MigrationRecord[]> {
    return this.migrations.list(id);
  }

  /** Which cases would move and which could not (and why). Changes nothing. */
  @Post('dry-run')
  @HttpCode(200)
  @Roles('admin')
  dryRun(@Param('id') id: string, @Body() body: MigrationPlanDto, @Lang() lang: Language): Promise<MigrationPlan> {
    return this.migrations.dryRun(id, body, lang);
  }

  /** Move the cases onto the new version, with the admin's justification; each move is an audit event. */
  @Post()
  @Roles('admin')
  run(
    @CurrentUser() user: Principal,
    @Param('id') id: string,
    @Body() body: MigrationRunDto,
    @Lang() lang: Language,
  ): Promise<MigrationRun> {
    return this.migrations.run(user, id, body, lang);
  }
}
