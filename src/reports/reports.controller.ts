import type { Language } from '../../workflows';
import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { CurrentUser, Principal } from '../auth/principal';
import { departmentScope } from '../cases/access';
import { Roles } from '../auth/roles.decorator';
import { Lang } from '../common/language';
import { QueryYear } from '../common/validation';
import { DomainError, ErrorCode } from '../common/domain-error';
import { text } from '../../workflows';
import { ReportsService } from './reports.service';
import { ComplianceReport, DepartmentRow, StageCount } from './reports.response';

export class ComplianceQuery {
  @QueryYear() year: number;
  @IsOptional() @IsString() @MaxLength(64) department?: string;
}

export class YearQuery {
  @QueryYear() year: number;
}

export class StagesQuery {
  /** cases reported in the year: registered documents may be older than the rules */
  @IsOptional() @QueryYear('documents') year?: number;
  @IsOptional() @IsString() @MaxLength(64) department?: string;
}

@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  /** The year's compliance indicators; an official sees their own department's. */
  @Get('compliance')
  compliance(@CurrentUser() user: Principal, @Query() q: ComplianceQuery, @Lang() lang: Language): Promise<ComplianceReport> {
    const scope = departmentScope(user, q.department);
    if (scope.beyondOwn) {
      throw new DomainError(
        ErrorCode.FORBIDDEN,
        text('承办人员只能查看本部门的情况', "an official sees only their own department's figures"),
      );
    }
    return this.reports.compliance(q.year, scope.department, lang);
  }

  /** The year's rates per department; supervisors, secretariat and reviewers. */
  @Get('by-department')
  @Roles('supervisor', 'secretariat', 'reviewer', 'admin')
  byDepartment(@Query() q: YearQuery): Promise<DepartmentRow[]> {
    return this.reports.byDepartment(q.year);
  }

  /** Cases per procedure and stage now; an official sees their own department's. */
  @Get('stages')
  stages(@CurrentUser() user: Principal, @Query() q: StagesQuery): Promise<StageCount[]> {
    return this.reports.stages(q.year, departmentScope(user, q.department).department);
  }
}
