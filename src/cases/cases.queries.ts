import { Injectable } from '@nestjs/common';
import { Blocker, Language, preview, procedureOf, rulebookOn, RuleEnv, shanghaiDate } from '../../workflows';
import { AuditService } from '../audit/audit.service';
import type { Principal } from '../auth/principal';
import { CalendarService } from '../calendar/calendar.service';
import { authorize, canRead, departmentScope, refusalBlocker, seesOnlyOwnDepartment } from './access';
import { isOverdue } from './case-facts';
import { CaseEntity } from './case.entity';
import { CaseView, summaryOf, toCaseView } from './case.view';
import { cannotRead, caseNotFound, unreadable } from './cases.errors';
import { CasesRepository } from './cases.repository';
import { ListCasesQuery } from './dto/case.dto';
import { inCharge, officeActs } from './office-acts';
import { holderOf } from './holder';
import { GovernmentsService } from '../governments/governments.service';
import { governmentScope } from '../governments/scope';

/** What the rules need besides the case: the working-day calendar and today. */
export async function ruleEnv(calendar: CalendarService, now: Date): Promise<RuleEnv> {
  return { calendar: await calendar.calendar(), today: shanghaiDate(now) };
}

/** The case a refused request was about, from its path (`/api/cases/<id>/…`). */
const REFUSED_CASE = /^\/api\/cases\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?:[/?]|$)/i;

/** Cases as users may read them: one case with its actions, its history, lists and the inbox. */
@Injectable()
export class CaseQueries {
  constructor(
    private readonly cases: CasesRepository,
    private readonly audit: AuditService,
    private readonly calendar: CalendarService,
    private readonly governments: GovernmentsService,
  ) {}

  /** The case as the user may see it, or 404 / 403. */
  async get(user: Principal, id: string, lang: Language): Promise<CaseView> {
    return this.view(user, await this.readable(user, id), lang);
  }

  /**
   * The case row if this user may read it (their government's as their role allows, copied to
   * them, or filed with their government for a filing reviewer): 404 when unknown or another
   * government's, 403 for another department's.
   */
  async readable(user: Principal, id: string): Promise<CaseEntity> {
    const row = await this.cases.find(id);
    if (!row) throw caseNotFound(id);
    if (canRead(user, row) || (await this.cases.isCopiedTo(undefined, id, user.id)) || (await this.cases.isFiledWith(id, user))) return row;
    throw unreadable(user, row);
  }

  /** The case's audit trail; each event names the rulebook edition in force the day it happened, which judged it. */
  async history(user: Principal, id: string) {
    return this.historyOf(await this.readable(user, id));
  }

  async historyOf(row: CaseEntity) {
    const events = await this.audit.history(row.id);
    const jurisdiction = row.snapshot.context.jurisdiction;
    // the person who acted, by name (even one since deactivated); Docket itself and the public have none
    const names = await this.cases.names(events.map((e) => e.actorId));
    return events.map((e) => ({
      ...e,
      actorName: names.get(e.actorId) ?? null,
      data: JSON.parse(e.data) as unknown,
      rulebook: rulebookOn(jurisdiction, e.occurredAt.length === 10 ? e.occurredAt : shanghaiDate(new Date(e.occurredAt))).edition,
    }));
  }

  /** Cases the user may read, filtered and paginated; `overdue` = the current stage's time limit has passed. */
  async list(user: Principal, q: ListCasesQuery, lang: Language) {
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? 50;
    // what was copied to a user is theirs to read, whatever its department
    const scope = q.view === 'copied' ? { department: q.department, beyondOwn: false } : departmentScope(user, q.department);
    if (scope.beyondOwn) throw cannotRead();
    // overdue cases of a department are those charged to it, whoever drafted them (the supervisor's figures
    // count them so); an official's list stays their own department's cases, the ones they may read
    const charged = q.overdue === 'true' && scope.department !== undefined && (q.view === 'copied' || !seesOnlyOwnDepartment(user));
    const today = shanghaiDate(new Date());
    // one government the reader sees (404 for another), narrowing their scope to it and those below it
    const asked = q.government && q.view !== 'copied' ? await this.governments.visible(user, q.government) : undefined;
    const [rows, total] = await this.cases.list(
      {
        ...q,
        department: charged ? undefined : scope.department,
        heldBy: charged ? scope.department : undefined,
        government: q.view === 'copied' ? undefined : governmentScope(user, asked),
        me: user,
        page,
        pageSize,
      },
      today,
    );
    const names = await this.cases.names(rows.map((r) => r.assignee ?? r.createdBy));
    return { page, pageSize, total, items: rows.map((r) => summaryOf(r, lang, today, names)) };
  }

  /**
   * 待办: what awaits the user (cases in a state where one of their roles has something to do,
   * an official's only in their department), overdue first; everything overdue for supervisors;
   * and the user's latest refused requests.
   */
  async inbox(user: Principal, lang: Language) {
    const today = shanghaiDate(new Date());
    const roles = user.roles.filter((r) => r !== 'supervisor' && r !== 'admin');
    const awaiting = roles.length ? await this.cases.awaiting(roles, user, today) : [];
    const overdue = user.roles.includes('supervisor')
      ? await this.cases.overdue(today, governmentScope(user))
      : awaiting.filter((c) => isOverdue(c.dueDate, c.dueCode, today));
    const refused = await this.cases.refusalsOf(user.id);
    // a refusal names its case (the user may be far from its page)
    const caseIdOf = (path: string) => REFUSED_CASE.exec(path)?.[1]?.toLowerCase() ?? null;
    const titles = await this.cases.titles(refused.map((r) => caseIdOf(r.path)).filter((id): id is string => id !== null));
    const names = await this.cases.names([...awaiting, ...overdue].map((r) => r.assignee ?? r.createdBy));
    return {
      awaiting: awaiting.map((r) => summaryOf(r, lang, today, names)),
      overdue: overdue.map((r) => summaryOf(r, lang, today, names)),
      refused: refused.map((r) => ({
        at: r.at,
        method: r.method,
        path: r.path,
        status: r.status,
        code: r.code,
        message: r.message,
        blockers: r.blockers,
        caseId: caseIdOf(r.path),
        caseTitle: titles.get(caseIdOf(r.path) ?? '') ?? null,
      })),
    };
  }

  /** The case with the actions this user may take now, each with what stands in its way. */
  async view(user: Principal, row: CaseEntity, lang: Language): Promise<CaseView> {
    const def = procedureOf(row.procedure, row.procedureVersion);
    const now = new Date();
    const meta = { occurredAt: shanghaiDate(now), actorId: user.id, env: await ruleEnv(this.calendar, now) };
    const sponsored = user.roles.includes('reviewer') ? await this.cases.sponsored(row.id, user.id) : false;
    const actions = preview(def, row.snapshot, meta).map(({ type, blockers, hints }) => {
      const eventDef = def.events[type];
      const allowed = authorize(user, row, row.snapshot.context, eventDef, sponsored);
      const all: Blocker[] = 'code' in allowed ? [refusalBlocker(allowed, eventDef), ...blockers] : blockers;
      const prefill = all.length === 0 ? eventDef.prefill?.(row.snapshot.context) : undefined;
      return {
        type,
        label: eventDef.label[lang],
        allowed: all.length === 0,
        blockers: all.map((b) => ({ code: b.code, message: b.message[lang], legalBasis: b.legalBasis[lang] })),
        hints: Object.fromEntries(Object.entries(hints).map(([field, hint]) => [field, hint[lang]])),
        ...(prefill ? { prefill } : {}),
      };
    });
    const copies = await this.cases.copiesOf(row.id);
    const person = inCharge(row);
    const names = await this.cases.names([person, ...copies.map((c) => c.userId)]);
    return toCaseView(def, row, actions, lang, {
      assignee: { id: person, displayName: names.get(person) ?? person },
      copies: copies.map((c) => ({
        userId: c.userId,
        displayName: names.get(c.userId) ?? c.userId,
        copiedBy: c.copiedBy,
        note: c.note,
        copiedAt: c.copiedAt,
      })),
      acts: officeActs(user, row, lang),
      heldBy: holderOf(
        {
          awaitingRoles: row.awaitingRoles,
          department: row.department,
          issuingOrgan: row.snapshot.context.issuingOrgan as string | undefined,
        },
        await this.governments.bodies(row.governmentId),
      ),
    });
  }
}
