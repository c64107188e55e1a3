import type { Language } from '../../workflows';
import { Controller, Get, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiExtraModels, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
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
import { ReportsService, type ReportScope } from './reports.service';
import { GovernmentsService } from '../governments/governments.service';
import { governmentScope } from '../governments/scope';
import { AnnualFigure, AnnualReport, ComplianceReport, DepartmentRow, StageCount } from './reports.response';

export class ComplianceQuery {
  @QueryYear() year: number;
  @IsOptional() @IsString() @MaxLength(64) department?: string;
  /** the government reported (one the reader sees); their own when absent */
  @IsOptional() @Matches(/^[A-Za-z0-9_-]{1,64}$/) government?: string;
}

export class AnnualQuery extends ComplianceQuery {
  /** `docx`: the report as a Word document instead of JSON */
  @IsOptional() @IsIn(['json', 'docx']) format?: 'json' | 'docx';
}

export class YearQuery {
  @QueryYear() year: number;
  /** the government reported (one the reader sees); their own when absent */
  @IsOptional() @Matches(/^[A-Za-z0-9_-]{1,64}$/) government?: string;
}

export class StagesQuery {
  /** cases reported in the year: registered documents may be older than the rules */
  @IsOptional() @QueryYear('documents') year?: number;
  @IsOptional() @IsString() @MaxLength(64) department?: string;
  /** the government reported (one the reader sees); their own when absent */
  @IsOptional() @Matches(/^[A-Za-z0-9_-]{1,64}$/) government?: string;
}

@ApiTags('reports')
@ApiExtraModels(AnnualFigure)
@ApiBearerAuth()
@Controller('reports')
export class ReportsController {
  constructor(
    private readonly reports: ReportsService,
    private readonly governments: GovernmentsService,
  ) {}

  /**
   * What a report covers for this reader: the government asked (one they see; 404 otherwise) or
   * their own, with every one below it for a supervisor; an official's own department only.
   */
  private async scopeOf(user: Principal, q: { department?: string; government?: string }) {
    const dept = departmentScope(user, q.department);
    if (dept.beyondOwn) {
      throw new DomainError(
        ErrorCode.FORBIDDEN,
        text('承办人员只能查看本部门的情况', "an official sees only their own department's figures"),
      );
    }
    const government = await this.governments.visible(user, q.government ?? user.governmentId);
    const scope: ReportScope = { government: governmentScope(user, government), department: dept.department };
    return { scope, government };
  }

  /**
   * The year's compliance indicators of a government (the reader's own unless `government`
   * names one they see) and, for a supervisor, of every government below it, with each one
   * directly below it beside; an official sees their own department's.
   */
  @Get('compliance')
  async compliance(@CurrentUser() user: Principal, @Query() q: ComplianceQuery, @Lang() lang: Language): Promise<ComplianceReport> {
    const { scope, government } = await this.scopeOf(user, q);
    return this.reports.rolledUp(q.year, scope, government, lang);
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
    const { scope, government } = await this.scopeOf(user, q);
    const report = await this.reports.annual(q.year, scope, government, lang);
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
  async byDepartment(@CurrentUser() user: Principal, @Query() q: YearQuery): Promise<DepartmentRow[]> {
    const { scope } = await this.scopeOf(user, q);
    return this.reports.byDepartment(q.year, scope.government);
  }

  /** Cases per procedure and stage now; an official sees their own department's. */
  @Get('stages')
  async stages(@CurrentUser() user: Principal, @Query() q: StagesQuery): Promise<StageCount[]> {
    const { scope } = await this.scopeOf(user, q);
    return this.reports.stages(scope, q.year);
  }
}
