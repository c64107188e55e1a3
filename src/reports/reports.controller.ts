import type { Language } from '../../workflows';
import { Controller, Get, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiExtraModels, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import type { Response } from 'express';
import { contentDisposition, DOCX_TYPE, renderPaper } from '../papers/layout';
import { CurrentUser, Principal } from '../auth/principal';
import { departmentScope } from '../cases/access';
import { Roles } from '../auth/roles.decorator';
import { Lang } from '../common/language';
import { QueryYear } from '../common/validation';
import { DomainError, ErrorCode } from '../common/domain-error';
import { text } from '../../workflows';
import { annualFilename } from './annual';
import { ReportsService } from './reports.service';
import { AnnualFigure, AnnualReport, ComplianceReport, DepartmentRow, StageCount } from './reports.response';

export class ComplianceQuery {
  @QueryYear() year: number;
  @IsOptional() @IsString() @MaxLength(64) department?: string;
}

export class AnnualQuery extends ComplianceQuery {
  /** `docx`: the report as a Word document instead of JSON */
  @IsOptional() @IsIn(['json', 'docx']) format?: 'json' | 'docx';
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
@ApiExtraModels(AnnualFigure)
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

  /**
   * The statistics part of the year's annual report on law-based government (法治政府建设年度报告),
   * each figure with the cases behind it; `format=docx` as a Word document. Officials: their own department's.
   */
  @Get('annual')
  @Roles('supervisor', 'secretariat', 'admin', 'official')
  @ApiOkResponse({ type: AnnualReport })
  @ApiProduces('application/json', DOCX_TYPE)
  async annual(
    @CurrentUser() user: Principal,
    @Query() q: AnnualQuery,
    @Lang() lang: Language,
    @Res({ passthrough: true }) res: Response,
  ): Promise<AnnualReport | StreamableFile> {
    const scope = departmentScope(user, q.department);
    if (scope.beyondOwn) {
      throw new DomainError(
        ErrorCode.FORBIDDEN,
        text('承办人员只能查看本部门的情况', "an official sees only their own department's figures"),
      );
    }
    const report = await this.reports.annual(q.year, scope.department, lang);
    if (q.format !== 'docx') return report;
    const body = await renderPaper({
      title: report.title,
      blocks: report.paragraphs.flatMap((p) => [
        ...(p.heading ? [{ kind: 'heading' as const, text: p.heading }] : []),
        { kind: 'paragraph' as const, text: p.text },
      ]),
      signature: report.signature,
      date: report.date,
    });
    res.setHeader('Content-Type', DOCX_TYPE);
    res.setHeader('Content-Disposition', contentDisposition(annualFilename(report.title)));
    res.setHeader('Cache-Control', 'no-store');
    return new StreamableFile(body);
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
