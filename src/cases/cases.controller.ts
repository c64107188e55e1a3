import type { Language } from '../../workflows';
import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiCreatedResponse, ApiExtraModels, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { CurrentUser, Principal } from '../auth/principal';
import { Lang } from '../common/language';
import { CasesService } from './cases.service';
import {
  CreateMajorDecisionDto,
  CreateNormativeDocumentDto,
  ImportCommentsDto,
  ListCasesQuery,
  RegisterDocumentDto,
  SendEventDto,
} from './dto/case.dto';
import { Roles } from '../auth/roles.decorator';
import { AssignDto, CopyDto, UrgeDto } from './dto/office.dto';
import { CasePage, CaseView, HistoryEvent, Inbox } from './cases.response';

@ApiTags('cases')
@ApiExtraModels(CreateMajorDecisionDto, CreateNormativeDocumentDto)
@ApiBearerAuth()
@Controller('cases')
export class CasesController {
  constructor(private readonly cases: CasesService) {}

  /** Create a case (validated per procedure: the body's fields depend on `procedure`). */
  @Post()
  @ApiBody({
    schema: {
      oneOf: [{ $ref: getSchemaPath(CreateMajorDecisionDto) }, { $ref: getSchemaPath(CreateNormativeDocumentDto) }],
    },
  })
  @ApiCreatedResponse({ type: CaseView })
  create(@CurrentUser() user: Principal, @Body() body: Record<string, unknown>, @Lang() lang: Language): Promise<CaseView> {
    return this.cases.create(user, body, lang);
  }

  /** 待办: what awaits me, what is overdue, what was refused. */
  @Get('inbox')
  inbox(@CurrentUser() user: Principal, @Lang() lang: Language): Promise<Inbox> {
    return this.cases.inbox(user, lang);
  }

  @Get()
  list(@CurrentUser() user: Principal, @Query() q: ListCasesQuery, @Lang() lang: Language): Promise<CasePage> {
    return this.cases.list(user, q, lang);
  }

  @Get(':id')
  get(@CurrentUser() user: Principal, @Param('id') id: string, @Lang() lang: Language): Promise<CaseView> {
    return this.cases.get(user, id, lang);
  }

  @Get(':id/history')
  history(@CurrentUser() user: Principal, @Param('id') id: string): Promise<HistoryEvent[]> {
    return this.cases.history(user, id);
  }

  /** Send one event of the procedure's vocabulary; refused with its blockers when the law forbids it. */
  @Post(':id/events')
  @HttpCode(200)
  send(@CurrentUser() user: Principal, @Param('id') id: string, @Body() body: SendEventDto, @Lang() lang: Language): Promise<CaseView> {
    return this.cases.send(user, id, body, lang);
  }

  /** 转办: hand the case to another official of its department (the official in charge, or the secretariat). */
  @Post(':id/assign')
  @HttpCode(200)
  assign(@CurrentUser() user: Principal, @Param('id') id: string, @Body() body: AssignDto, @Lang() lang: Language): Promise<CaseView> {
    return this.cases.assign(user, id, body, lang);
  }

  /** 抄送: give users the case to read, for information; they cannot act on it. */
  @Post(':id/copies')
  @HttpCode(200)
  copy(@CurrentUser() user: Principal, @Param('id') id: string, @Body() body: CopyDto, @Lang() lang: Language): Promise<CaseView> {
    return this.cases.copy(user, id, body, lang);
  }

  /** 催办 / 督办: a supervisor presses whoever holds the current step. */
  @Post(':id/urge')
  @HttpCode(200)
  urge(@CurrentUser() user: Principal, @Param('id') id: string, @Body() body: UrgeDto, @Lang() lang: Language): Promise<CaseView> {
    return this.cases.urge(user, id, body, lang);
  }

  /** Import comments received elsewhere (letters, e-mail, hearings) into the open comment period. */
  @Post(':id/comments/import')
  @HttpCode(200)
  importComments(
    @CurrentUser() user: Principal,
    @Param('id') id: string,
    @Body() body: ImportCommentsDto,
    @Lang() lang: Language,
  ): Promise<CaseView> {
    return this.cases.importComments(user, id, body, lang);
  }

  /** Register a normative document issued before Docket as in force (secretariat). */
  @Post('register-document')
  @Roles('secretariat')
  register(@CurrentUser() user: Principal, @Body() body: RegisterDocumentDto, @Lang() lang: Language): Promise<CaseView> {
    return this.cases.register(user, body, lang);
  }
}
