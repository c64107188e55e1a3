import { receiveFiling } from '../filings/filing-intake';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import {
  Assigned,
  CommentRecord,
  decide,
  enterAt,
  identicalComment,
  Language,
  procedureFor,
  procedureOf,
  ProcedureDefinition,
  ProcedureEvent,
  ProcedureId,
  PUBLIC_ACTOR,
  registeredContext,
  Role,
  rulebookOn,
  shanghaiDate,
  stageOf,
  start,
  StoredSnapshot,
  text,
} from '../../workflows';
import { AuditService } from '../audit/audit.service';
import type { Principal } from '../auth/principal';
import { CalendarService } from '../calendar/calendar.service';
import { CatalogueService } from '../catalogue/catalogue.service';
import { DomainError, ErrorCode } from '../common/domain-error';
import { validateAs } from '../common/validation';
import { AppConfig } from '../config/config';
import { Db } from '../database/db.service';
import type { GovernmentEntity } from '../governments/government.entity';
import { GovernmentsService } from '../governments/governments.service';
import { actsAs, authorize, canRead } from './access';
import { factColumns } from './case-facts';
import { CaseEntity } from './case.entity';
import { CaseNotices } from './case-notices';
import { CaseView } from './case.view';
import {
  cannotCreate,
  unreadable,
  caseNotFound,
  copyIsReadOnly,
  futureRefusal,
  invalidField,
  notPermitted,
  refused,
  unknownEvent,
  unknownProcedure,
  versionConflict,
} from './cases.errors';
import { CaseQueries, ruleEnv } from './cases.queries';
import { CasesRepository } from './cases.repository';
import { DocumentNumbers } from './document-numbers';
import { CREATE_DTO, ImportCommentsDto, RegisterDocumentDto, SendEventDto } from './dto/case.dto';
import { EVENT_DATA } from './dto/event-data.dto';
import { allocateReceipt, keepReceipt } from '../consultation/comment-receipts';

/** The actor id of Docket's own events. */
export const SYSTEM_ACTOR = 'system';

interface PreparedEvent {
  type: string;
  data: Record<string, unknown>;
  occurred: { date: string; recorded: string };
  role: Role | 'system' | 'public';
  assigned?: Assigned;
}

/** How many public comments the case's current round holds. */
const commentCount = (row: CaseEntity): number =>
  (row.snapshot.context as { publicComment?: { comments?: unknown[] } | null }).publicComment?.comments?.length ?? 0;

/** When it happened: a date stays a date; an instant becomes its Asia/Shanghai date. Never in the future. */
function resolveOccurredAt(given: string | undefined, now: Date): { date: string; recorded: string } {
  if (!given) return { date: shanghaiDate(now), recorded: now.toISOString() };
  if (given.length === 10) {
    if (given > shanghaiDate(now)) throw futureRefusal(given);
    return { date: given, recorded: given };
  }
  const instant = new Date(given);
  if (instant.getTime() > now.getTime()) throw futureRefusal(given);
  return { date: shanghaiDate(instant), recorded: instant.toISOString() };
}

/**
 * Cases: create them and advance them. One event = load the case → pure transition → persist
 * the snapshot and its audit event in one transaction, compare-and-swap on `version`.
 */
@Injectable()
export class CaseCommands {
  constructor(
    private readonly db: Db,
    private readonly cases: CasesRepository,
    private readonly queries: CaseQueries,
    private readonly audit: AuditService,
    private readonly calendar: CalendarService,
    private readonly numbers: DocumentNumbers,
    private readonly config: AppConfig,
    private readonly catalogue: CatalogueService,
    private readonly notices: CaseNotices,
    private readonly governments: GovernmentsService,
  ) {}

  async create(user: Principal, body: Record<string, unknown>, lang: Language): Promise<CaseView> {
    const procedure = body?.procedure as ProcedureId;
    if (typeof procedure !== 'string' || !Object.hasOwn(CREATE_DTO, procedure)) throw unknownProcedure(Object.keys(CREATE_DTO));
    const dto = validateAs(CREATE_DTO[procedure], body) as unknown as Record<string, unknown> & {
      department: string;
      title: string;
      occurredAt?: string;
    };
    // an official's department is of their government: the case is that government's
    if (!actsAs(user, 'official', { department: dto.department, governmentId: user.governmentId })) throw cannotCreate();
    const government = await this.governmentOf(user.governmentId);
    const now = new Date();
    const occurred = resolveOccurredAt(dto.occurredAt, now);
    // the version in force the day the case starts; it keeps that version until an admin migrates it
    const def = procedureFor(procedure, occurred.date);
    const { procedure: _p, occurredAt: _o, ...input } = dto;
    const snapshot = start(def, { ...input, jurisdiction: government.jurisdiction, occurredAt: occurred.date });
    const row = await this.insertCase(def, snapshot, {
      user,
      government,
      role: 'official',
      type: 'CASE_CREATED',
      occurred,
      data: body,
      now,
    });
    return this.queries.view(user, row, lang);
  }

  /**
   * 登记: a normative document that predates Docket enters directly as in force (flag
   * `registered`), so clean-up campaigns cover it; reports leave it out of procedural rates.
   */
  async register(user: Principal, dto: RegisterDocumentDto, lang: Language): Promise<CaseView> {
    const now = new Date();
    const occurred = resolveOccurredAt(dto.occurredAt, now);
    if (dto.publishedOn > occurred.date) throw futureRefusal(dto.publishedOn);
    if (dto.effectiveDate < dto.publishedOn)
      throw invalidField('effectiveDate', '施行日期不能早于公布日期', 'effectiveDate precedes publishedOn');
    if (dto.validUntil && dto.validUntil < dto.effectiveDate)
      throw invalidField('validUntil', '有效期截止日期不能早于施行日期', 'validUntil precedes effectiveDate');
    // the secretariat registers its own government's documents: another government's department is none of its
    if ((await this.cases.departmentGovernment(dto.department)) !== user.governmentId) {
      throw invalidField('department', `部门 ${dto.department} 不存在`, `no department ${dto.department}`);
    }
    const government = await this.governmentOf(user.governmentId);
    const def = procedureFor('normative-document', dto.publishedOn);
    const jurisdiction = government.jurisdiction;
    const { occurredAt: _o, ...input } = dto;
    const context = registeredContext({ ...input, jurisdiction, occurredAt: occurred.date }, rulebookOn(jurisdiction, occurred.date));
    const snapshot = enterAt(def, 'inForce', context);
    const row = await this.insertCase(def, snapshot, {
      user,
      government,
      role: 'secretariat',
      type: 'DOCUMENT_REGISTERED',
      occurred,
      data: dto,
      now,
      reserveNumber: dto.documentNumber,
    });
    return this.queries.view(user, row, lang);
  }

  private async governmentOf(id: string): Promise<GovernmentEntity> {
    const g = await this.db.read((m) => this.governments.get(m, id));
    if (!g) throw new Error(`the user's government ${id} is gone`);
    return g;
  }

  /** A new case row and its first audit event, in one transaction. */
  private async insertCase(
    def: ProcedureDefinition,
    snapshot: StoredSnapshot,
    how: {
      user: Principal;
      government: GovernmentEntity;
      role: Role;
      type: string;
      occurred: { recorded: string };
      data: object;
      now: Date;
      reserveNumber?: string;
    },
  ): Promise<CaseEntity> {
    const row: CaseEntity = {
      id: randomUUID(),
      procedure: def.id,
      procedureVersion: def.version,
      title: snapshot.context.title,
      department: snapshot.context.department,
      governmentId: how.government.id,
      governmentPath: how.government.path,
      stage: stageOf(snapshot),
      snapshot,
      version: 1,
      createdBy: how.user.id,
      assignee: how.user.id,
      createdAt: how.now.toISOString(),
      updatedAt: how.now.toISOString(),
      ...factColumns(def, snapshot),
    };
    await this.db.transaction(async (m) => {
      if (how.reserveNumber) await this.numbers.reserve(m, row.id, how.reserveNumber);
      await this.cases.insert(m, row);
      await this.cases.addAssignee(m, row.id, how.user.id, row.createdAt);
      await this.audit.append(m, {
        caseId: row.id,
        seq: 1,
        type: how.type,
        actorId: how.user.id,
        actorRole: how.role,
        occurredAt: how.occurred.recorded,
        recordedAt: how.now.toISOString(),
        data: how.data,
      });
    });
    return row;
  }

  async send(user: Principal, id: string, body: SendEventDto, lang: Language): Promise<CaseView> {
    return this.queries.view(user, await this.apply(user, id, body.expectedVersion, [body]), lang);
  }

  /** 导入意见: comments received elsewhere, recorded as RECORD_COMMENT events in date order, all or none. */
  async importComments(user: Principal, id: string, body: ImportCommentsDto, lang: Language): Promise<CaseView> {
    const events = [...body.comments]
      .sort((a, b) => a.receivedOn.localeCompare(b.receivedOn))
      .map((c) => ({
        type: 'RECORD_COMMENT',
        occurredAt: c.receivedOn,
        data: { content: c.content, ...(c.submitter ? { submitter: c.submitter } : {}) },
      }));
    return this.queries.view(user, await this.apply(user, id, body.expectedVersion, events), lang);
  }

  /**
   * Apply events to one case in one transaction: each is validated, authorized, judged by the
   * procedure and recorded with its own version and audit event; one refusal refuses them all.
   */
  async apply(
    user: Principal,
    id: string,
    expectedVersion: number,
    sent: { type: string; occurredAt?: string; data?: Record<string, unknown> }[],
  ): Promise<CaseEntity> {
    const now = new Date();
    // judged on the row read inside the write transaction: one read, and no decision on stale data
    return this.commit(id, expectedVersion, user.id, now, async (m, row) => {
      if (!canRead(user, row)) throw (await this.cases.isCopiedTo(m, id, user.id)) ? copyIsReadOnly() : unreadable(user, row);
      const def = procedureOf(row.procedure, row.procedureVersion);
      const sponsored = await this.cases.sponsored(id, user.id, m);
      const events: PreparedEvent[] = sent.map((e) => {
        const eventDef = def.events[e.type];
        if (!eventDef || !EVENT_DATA[e.type]) throw unknownEvent(def, e.type, Object.keys(def.events));
        const data = { ...validateAs(EVENT_DATA[e.type], e.data ?? {}, 'data') } as Record<string, unknown>;
        const occurred = resolveOccurredAt(e.occurredAt, now);
        const allowed = authorize(user, row, row.snapshot.context, eventDef, sponsored);
        if ('code' in allowed) throw notPermitted(allowed, eventDef);
        return { type: e.type, data, occurred, role: allowed.role };
      });
      // a decision started under a catalogue item: was it in the published catalogue that day?
      for (const e of events) {
        if (e.type === 'APPROVE_START' && typeof e.data.catalogueItemId === 'string') {
          e.assigned = { catalogue: await this.catalogue.listing(m, e.data.catalogueItemId, e.occurred.date, row.governmentId) };
        }
      }
      return events;
    });
  }

  /**
   * Judge and record events on one case in one transaction, compare-and-swap on `version`: each
   * event gets its own version and audit row; one refusal refuses them all.
   */
  private async commit(
    id: string,
    expectedVersion: number,
    actorId: string,
    now: Date,
    prepare: (m: EntityManager, row: CaseEntity) => Promise<PreparedEvent[]>,
  ): Promise<CaseEntity> {
    const env = await ruleEnv(this.calendar, now);
    return this.db.transaction(async (m) => {
      const fresh = await this.cases.byId(m, id);
      if (!fresh) throw caseNotFound(id);
      const events = await prepare(m, fresh);
      if (fresh.version !== expectedVersion) throw versionConflict(fresh.version, expectedVersion);
      const def = procedureOf(fresh.procedure, fresh.procedureVersion);
      let current = fresh;
      for (const e of events) {
        const assigned = {
          ...e.assigned,
          ...(e.type === 'PUBLISH_DOCUMENT' ? { documentNumber: await this.numbers.allocate(m, current, e.occurred.date) } : {}),
          // every comment a receipt (回执编号), unique across the system, given inside this transaction
          ...(e.type === 'RECORD_COMMENT' && !e.assigned?.receipt ? { receipt: await allocateReceipt(m, e.occurred.date) } : {}),
        };
        const ev: ProcedureEvent = { type: e.type, data: e.data, meta: { occurredAt: e.occurred.date, actorId, env, assigned } };
        const decision = decide(def, current.snapshot, ev);
        if (!decision.accepted) throw refused(decision.blockers);
        const version = current.version + 1;
        const updatedAt = now.toISOString();
        const changes = {
          snapshot: decision.snapshot,
          stage: decision.stage,
          version,
          updatedAt,
          ...factColumns(def, decision.snapshot, current),
        };
        await this.cases.compareAndSwap(m, current, changes, expectedVersion);
        if (assigned.receipt) {
          await keepReceipt(m, { ...current, ...changes }, assigned.receipt, String(e.data.content), e.occurred.date);
        }
        await this.audit.append(m, {
          caseId: id,
          seq: version,
          type: e.type,
          actorId,
          actorRole: e.role,
          occurredAt: e.occurred.recorded,
          recordedAt: updatedAt,
          data: { ...e.data, ...assigned },
        });
        const before = current;
        current = { ...current, ...changes };
        await this.notices.afterEvent(m, current, {
          type: e.type,
          seq: version,
          actorId,
          data: e.data,
          commentsBefore: commentCount(before),
          commentsAfter: commentCount(current),
        });
        if (e.type === 'RECORD_FILING') {
          // filed with the government above: its filing reviewers receive it
          const filing = await receiveFiling(m, current, e.occurred.date, env.calendar);
          if (filing) {
            const reviewers = (await this.notices.activeUsers(m, filing.toGovernmentId)).filter((u) => u.roles.includes('filingReviewer'));
            await this.notices.give(
              m,
              current,
              'FILING_RECEIVED',
              text(`收到报送备案的「${current.title}」，请登记`, `"${current.title}" was filed with you: register it`),
              `filing:${filing.id}:received`,
              reviewers.map((u) => u.id),
            );
          }
        }
      }
      return current;
    });
  }

  /**
   * Move one case onto another version of its procedure (an admin's migration, see
   * ProcedureMigrationsService): compare-and-swap like an event, with its own audit event, inside
   * the caller's transaction.
   */
  async moveToVersion(
    m: EntityManager,
    row: CaseEntity,
    to: ProcedureDefinition,
    snapshot: StoredSnapshot,
    actorId: string,
    data: object,
    now: Date,
  ): Promise<void> {
    await this.recordAct(m, row, {
      type: 'PROCEDURE_MIGRATED',
      actorId,
      role: 'admin',
      data,
      changes: { procedureVersion: to.version, snapshot, stage: stageOf(snapshot), ...factColumns(to, snapshot, row) },
      now,
    });
  }

  /**
   * Record an act on a case beside its procedure's events (a migration, a transfer, a copy, an
   * urge) inside the caller's transaction: compare-and-swap like an event, with its own version
   * and audit event in the case's chain. Returns the row as it is after it.
   */
  async recordAct(
    m: EntityManager,
    row: CaseEntity,
    act: { type: string; actorId: string; role: Role; data: object; changes: Partial<CaseEntity>; now: Date; occurredAt?: string },
  ): Promise<CaseEntity> {
    const version = row.version + 1;
    const at = act.now.toISOString();
    const changes = { ...act.changes, version, updatedAt: at };
    await this.cases.compareAndSwap(m, row, changes, row.version);
    await this.audit.append(m, {
      caseId: row.id,
      seq: version,
      type: act.type,
      actorId: act.actorId,
      actorRole: act.role,
      occurredAt: act.occurredAt ?? at,
      recordedAt: at,
      data: act.data,
    });
    return { ...row, ...changes };
  }

  /**
   * A citizen's comment from the public consultation page: recorded as RECORD_COMMENT by the
   * public, judged like any other (within the period), retried on a concurrent change. Returns
   * the comment it landed on: a new one, or the identical one it was counted on.
   */
  async recordPublicComment(
    id: string,
    data: { content: string; submitter?: string },
  ): Promise<{ comment: CommentRecord; receipt: string }> {
    const now = new Date();
    const occurred = { date: shanghaiDate(now), recorded: now.toISOString() };
    for (let attempt = 0; ; attempt++) {
      const row = await this.cases.versionOf(id);
      if (!row) throw caseNotFound(id);
      let receipt = '';
      try {
        const saved = await this.commit(id, row.version, PUBLIC_ACTOR, now, async (m) => {
          receipt = await allocateReceipt(m, occurred.date);
          return [{ type: 'RECORD_COMMENT', data, occurred, role: 'public', assigned: { receipt } }];
        });
        const comments = (saved.snapshot.context as { publicComment?: { comments: CommentRecord[] } }).publicComment?.comments ?? [];
        return { comment: identicalComment(comments, data.content)!, receipt };
      } catch (e) {
        if (!(e instanceof DomainError && e.code === ErrorCode.VERSION_CONFLICT) || attempt >= 4) throw e;
      }
    }
  }

  /** An event Docket sends itself (the scheduler's), judged and recorded like any other. */
  async sendAsSystem(id: string, expectedVersion: number, type: string, occurredAt: string): Promise<CaseEntity> {
    const now = new Date();
    return this.commit(id, expectedVersion, SYSTEM_ACTOR, now, async () => [
      { type, data: {}, occurred: { date: occurredAt, recorded: occurredAt }, role: 'system' },
    ]);
  }
}
