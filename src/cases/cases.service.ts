import { Injectable } from '@nestjs/common';
import type { Language } from '../../workflows';
import type { Principal } from '../auth/principal';
import { CaseCommands } from './cases.commands';
import { CaseOffice } from './cases.office';
import { CaseQueries } from './cases.queries';
import type { AssignDto, CopyDto, UrgeDto } from './dto/office.dto';
import type { ImportCommentsDto, ListCasesQuery, RegisterDocumentDto, SendEventDto } from './dto/case.dto';

/**
 * What the cases controller calls, handed on to the commands and queries: other modules inject
 * CaseCommands or CaseQueries themselves.
 */
@Injectable()
export class CasesService {
  constructor(
    private readonly commands: CaseCommands,
    private readonly queries: CaseQueries,
    private readonly office: CaseOffice,
  ) {}

  assign(user: Principal, id: string, body: AssignDto, lang: Language) {
    return this.office.assign(user, id, body, lang);
  }

  copy(user: Principal, id: string, body: CopyDto, lang: Language) {
    return this.office.copy(user, id, body, lang);
  }

  urge(user: Principal, id: string, body: UrgeDto, lang: Language) {
    return this.office.urge(user, id, body, lang);
  }

  create(user: Principal, body: Record<string, unknown>, lang: Language) {
    return this.commands.create(user, body, lang);
  }

  register(user: Principal, dto: RegisterDocumentDto, lang: Language) {
    return this.commands.register(user, dto, lang);
  }

  send(user: Principal, id: string, body: SendEventDto, lang: Language) {
    return this.commands.send(user, id, body, lang);
  }

  importComments(user: Principal, id: string, body: ImportCommentsDto, lang: Language) {
    return this.commands.importComments(user, id, body, lang);
  }

  get(user: Principal, id: string, lang: Language) {
    return this.queries.get(user, id, lang);
  }

  history(user: Principal, id: string) {
    return this.queries.history(user, id);
  }

  list(user: Principal, q: ListCasesQuery, lang: Language) {
    return this.queries.list(user, q, lang);
  }

  inbox(user: Principal, lang: Language) {
    return this.queries.inbox(user, lang);
  }
}
