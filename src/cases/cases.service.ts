import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Brackets, EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import {
  Assigned,
  Blocker,
  CommentRecord,
  enterAt,
  identicalComment,
  ProcedureDefinition,
  registeredContext,
  rulebookOn,
  StoredSnapshot,
  Role,
  decide,
  Language,
  preview,
  procedureFor,
  procedureOf,
  ProcedureEvent,
  ProcedureId,
  PUBLIC_ACTOR,
  RuleEnv,
  shanghaiDate,
  stageOf,
  start,
  text,
} from '../../workflows';
import { AuditService } from '../audit/audit.service';
import { RefusalEntity } from '../audit/refusal.entity';
import type { Principal } from '../auth/principal';
import { CalendarService } from '../calendar/calendar.service';
import { CatalogueService } from '../catalogue/catalogue.service';
import { DepartmentEntity } from '../users/department.entity';
import { DomainError, ErrorCode } from '../common/domain-error';
import { validateAs } from '../common/validation';
import { AppConfig } from '../config/config';
import { Db } from '../database/db.service';
import { execute, param, Rows } from '../database/sql';
import { authorize, canRead, SEPARATION_BASIS } from './access';
import { FACTS_VERSION, factColumns, isOverdue, overdueSql } from './case-facts';
import { CaseEntity } from './case.entity';
import { CaseView, toCaseView } from './case.view';
import { DocumentNumbers } from './document-numbers';
import { CREATE_DTO, ImportCommentsDto, ListCasesQuery, RegisterDocumentDto, SendEventDto } from './dto/case.dto';
import { EVENT_DATA } from './dto/event-data.dto';

const SUMMARY_COLUMNS = [
  'id',
  'procedure',
  'procedureVersion',
  'title',
  'department',
  'stage',
  'version',
  'updatedAt',
  'reportYear',
  'dueDate',
  'dueCode',
  'dueProvisional',
  'overdueSince',
] as const;

/** A case as lists and inboxes show it: where it stands and what time limit applies. */
function summaryOf(r: Pick<CaseEntity, (typeof SUMMARY_COLUMNS)[number]>, lang: Language, today: string) {
  const def = procedureOf(r.procedure, r.procedureVersion);
  return {
    id: r.id,
    procedure: r.procedure,
    procedureVersion: r.procedureVersion,
    title: r.title,
    department: r.department,
    stage: r.stage,
    stageLabel: def.stages[r.stage]?.[lang] ?? r.stage,
    version: r.version,
    updatedAt: r.updatedAt,
    reportYear: r.reportYear,
    due: r.dueDate
      ? {
          date: r.dueDate,
          code: r.dueCode,
          label: def.dueLabels[r.dueCode ?? '']?.[lang] ?? r.dueCode,
          provisional: r.dueProvisional,
          overdue: isOverdue(r.dueDate, r.dueCode, today),
          overdueSince: r.overdueSince,
        }
      : null,
  };
}

/** The actor id of Docket's own events. */
export const SYSTEM_ACTOR = 'system';

interface PreparedEvent {
  type: string;
  data: Record<string, unknown>;
  occurred: { date: string; recorded: string };
  role: Role | 'system' | 'public';
  assigned?: Assigned;
}

const versionConflict = (actual: number, expected: number) =>
  new DomainError(
    ErrorCode.VERSION_CONFLICT,
    text(
      `案件已被他人更新（当前版本 ${actual}，请求基于版本 ${expected}），请刷新后重试`,
      `the case is at version ${actual}, not ${expected}: reload and retry`,
    ),
    { currentVersion: actual },
  );

/** The case rows, read and compare-and-swapped with plain SQL on the hot path. */
const CASES = new Rows(CaseEntity);

const cannotRead = () =>
  new DomainError(ErrorCode.FORBIDDEN, text('承办人员只能查看本部门的案件', "an official sees only their own department's cases"));

const caseNotFound = (id: string) => DomainError.notFound(text(`案件 ${id} 不存在`, `no case ${id}`));

const refused = (blockers: Blocker[]) =>
  blockers.some((b) => b.notFound)
    ? new DomainError(ErrorCode.NOT_FOUND, blockers[0].message, undefined, blockers)
    : new DomainError(
        ErrorCode.PROCEDURE_VIOLATION,
        text('不符合法定程序，操作被拒绝', 'refused: the procedure does not allow this'),
        undefined,
        blockers,
      );

const futureRefusal = (given: string) =>
  refused([
    {
      code: 'OCCURRED_IN_FUTURE',
      message: text(`发生时间 ${given} 晚于当前时间`, `occurredAt ${given} is in the future`),
      legalBasis: text('过程记录规则：发生时间不得晚于当前时间', 'Process record: never dated in the future'),
    },
  ]);

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
 * Cases: create, read, and advance them. One event = load the case → pure transition →
 * persist the snapshot and its audit event in one transaction, compare-and-swap on `version`.
 */
@Injectable()
export class CasesService implements OnApplicationBootstrap {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
    private readonly calendar: CalendarService,
    private readonly numbers: DocumentNumbers,
    private readonly config: AppConfig,
    private readonly catalogue: CatalogueService,
  ) {}

  /** Rows written before the current derivation of facts (or before facts existed) get them now. */
  async onApplicationBootstrap(): Promise<void> {
    for (;;) {
      const stale = await this.db.read((m) =>
        m.createQueryBuilder(CaseEntity, 'c').where('c.facts_version < :v', { v: FACTS_VERSION }).take(500).getMany(),
      );
      if (stale.length === 0) return;
      await this.db.transaction(async (m) => {
        for (const row of stale) {
          const def = procedureOf(row.procedure, row.procedureVersion);
          await m.update(CaseEntity, { id: row.id }, factColumns(def, row.snapshot, row) as QueryDeepPartialEntity<CaseEntity>);
        }
      });
    }
  }

  private async env(now: Date): Promise<RuleEnv> {
    return { calendar: await this.calendar.calendar(), today: shanghaiDate(now) };
  }

  async create(user: Principal, body: Record<string, unknown>, lang: Language): Promise<CaseView> {
    const procedure = body?.procedure as ProcedureId;
    if (typeof procedure !== 'string' || !Object.hasOwn(CREATE_DTO, procedure)) {
      throw new DomainError(
        ErrorCode.VALIDATION_FAILED,
        text(`procedure 须为 ${Object.keys(CREATE_DTO).join(' 或 ')}`, `procedure must be one of ${Object.keys(CREATE_DTO).join(', ')}`),
        [{ field: 'procedure', problems: ['unknown procedure'] }],
      );
    }
    const dto = validateAs(CREATE_DTO[procedure], body) as unknown as Record<string, unknown> & {
      department: string;
      title: string;
      occurredAt?: string;
    };
    if (!user.roles.includes('official') || user.department !== dto.department) {
      throw new DomainError(
        ErrorCode.FORBIDDEN,
        text('承办人员只能为本部门创建案件', 'an official creates cases for their own department only'),
      );
    }
    const now = new Date();
    const occurred = resolveOccurredAt(dto.occurredAt, now);
    // the version in force the day the case starts; it keeps that version until an admin migrates it
    const def = procedureFor(procedure, occurred.date);
    const { procedure: _p, occurredAt: _o, ...input } = dto;
    const snapshot = start(def, { ...input, jurisdiction: this.config.DOCKET_JURISDICTION, occurredAt: occurred.date });
    const row = await this.insertCase(def, snapshot, { user, role: 'official', type: 'CASE_CREATED', occurred, data: body, now });
    return this.view(user, row, lang);
  }

  /**
   * 登记: a normative document that predates Docket enters directly as in force (flag
   * `registered`), so clean-up campaigns cover it; reports leave it out of procedural rates.
   */
  async register(user: Principal, dto: RegisterDocumentDto, lang: Language): Promise<CaseView> {
    const now = new Date();
    const occurred = resolveOccurredAt(dto.occurredAt, now);
    if (dto.publishedOn > occurred.date) throw futureRefusal(dto.publishedOn);
    const invalid = (field: string, zh: string, en: string) =>
      new DomainError(ErrorCode.VALIDATION_FAILED, text(zh, en), [{ field, problems: [en] }]);
    if (dto.effectiveDate < dto.publishedOn)
      throw invalid('effectiveDate', '施行日期不能早于公布日期', 'effectiveDate precedes publishedOn');
    if (dto.validUntil && dto.validUntil < dto.effectiveDate)
      throw invalid('validUntil', '有效期截止日期不能早于施行日期', 'validUntil precedes effectiveDate');
    if (!(await this.db.read((m) => m.existsBy(DepartmentEntity, { id: dto.department })))) {
      throw invalid('department', `部门 ${dto.department} 不存在`, `no department ${dto.department}`);
    }
    const def = procedureFor('normative-document', dto.publishedOn);
    const jurisdiction = this.config.DOCKET_JURISDICTION;
    const { occurredAt: _o, ...input } = dto;
    const context = registeredContext({ ...input, jurisdiction, occurredAt: occurred.date }, rulebookOn(jurisdiction, occurred.date));
    const snapshot = enterAt(def, 'inForce', context);
    const row = await this.insertCase(def, snapshot, {
      user,
      role: 'secretariat',
      type: 'DOCUMENT_REGISTERED',
      occurred,
      data: dto,
      now,
      reserveNumber: dto.documentNumber,
    });
    return this.view(user, row, lang);
  }

  /** A new case row and its first audit event, in one transaction. */
  private async insertCase(
    def: ProcedureDefinition,
    snapshot: StoredSnapshot,
    how: { user: Principal; role: Role; type: string; occurred: { recorded: string }; data: object; now: Date; reserveNumber?: string },
  ): Promise<CaseEntity> {
    const row: CaseEntity = {
      id: randomUUID(),
      procedure: def.id,
      procedureVersion: def.version,
      title: snapshot.context.title,
      department: snapshot.context.department,
      stage: stageOf(snapshot),
      snapshot,
      version: 1,
      createdBy: how.user.id,
      createdAt: how.now.toISOString(),
      updatedAt: how.now.toISOString(),
      ...factColumns(def, snapshot),
    };
    await this.db.transaction(async (m) => {
      if (how.reserveNumber) await this.numbers.reserve(m, row.id, how.reserveNumber);
      await m.insert(CaseEntity, row as QueryDeepPartialEntity<CaseEntity>);
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

  /** The case as the user may see it, or 404 / 403. */
  async get(user: Principal, id: string, lang: Language): Promise<CaseView> {
    return this.view(user, await this.readable(user, id), lang);
  }

  /** The case row if this user may read it: 404 when unknown, 403 for another department's official. */
  async readable(user: Principal, id: string): Promise<CaseEntity> {
    const row = await this.db.read((m) => CASES.byId(m, id));
    if (!row) throw caseNotFound(id);
    if (!canRead(user, row)) throw cannotRead();
    return row;
  }

  /** The case's audit trail; each event names the rulebook edition in force the day it happened, which judged it. */
  async history(user: Principal, id: string) {
    return this.historyOf(await this.readable(user, id));
  }

  async historyOf(row: CaseEntity) {
    const events = await this.audit.history(row.id);
    const jurisdiction = row.snapshot.context.jurisdiction;
    return events.map((e) => ({
      ...e,
      data: JSON.parse(e.data) as unknown,
      rulebook: rulebookOn(jurisdiction, e.occurredAt.length === 10 ? e.occurredAt : shanghaiDate(new Date(e.occurredAt))).edition,
    }));
  }

  /** Cases the user may read, filtered and paginated; `overdue` = the current stage's time limit has passed. */
  async list(user: Principal, q: ListCasesQuery, lang: Language) {
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? 50;
    const onlyOwn = !user.roles.some((r) => r !== 'official');
    if (onlyOwn && q.department && q.department !== user.department) {
      throw new DomainError(
        ErrorCode.FORBIDDEN,
        text('承办人员只能查看本部门的案件', "an official sees only their own department's cases"),
      );
    }
    const department = onlyOwn ? user.department : q.department;
    const today = shanghaiDate(new Date());
    const [rows, total] = await this.db.read((m) => {
      const qb = m
        .createQueryBuilder(CaseEntity, 'c')
        .select(SUMMARY_COLUMNS.map((col) => `c.${col}`))
        .orderBy(q.overdue ? 'c.due_date' : 'c.updated_at', q.overdue ? 'ASC' : 'DESC')
        .skip((page - 1) * pageSize)
        .take(pageSize);
      if (q.procedure) qb.andWhere('c.procedure = :p', { p: q.procedure });
      if (q.stage) qb.andWhere('c.stage = :s', { s: q.stage });
      if (department) qb.andWhere('c.department = :d', { d: department });
      if (q.year) qb.andWhere('c.report_year = :y', { y: q.year });
      if (q.overdue === 'true') qb.andWhere(overdueSql(), { today });
      if (q.overdue === 'false') qb.andWhere(`(c.due_date IS NULL OR NOT (${overdueSql()}))`, { today });
      return qb.getManyAndCount();
    });
    return { page, pageSize, total, items: rows.map((r) => summaryOf(r, lang, today)) };
  }

  /**
   * 待办: what awaits the user (cases in a state where one of their roles has something to do,
   * an official's only in their department), overdue first; everything overdue for supervisors;
   * and the user's latest refused requests.
   */
  async inbox(user: Principal, lang: Language) {
    const today = shanghaiDate(new Date());
    const roles = user.roles.filter((r) => r !== 'supervisor' && r !== 'admin');
    const awaiting = roles.length
      ? await this.db.read((m) => {
          const qb = m.createQueryBuilder(CaseEntity, 'c').select(SUMMARY_COLUMNS.map((col) => `c.${col}`));
          qb.where(
            new Brackets((w) => {
              for (const role of roles) {
                const cond = `c.awaiting_roles LIKE :r_${role}` + (role === 'official' ? ' AND c.department = :dept' : '');
                w.orWhere(cond, { [`r_${role}`]: `%,${role},%`, dept: user.department });
              }
            }),
          );
          return qb
            .orderBy(`CASE WHEN ${overdueSql()} THEN 0 ELSE 1 END`, 'ASC')
            .addOrderBy('c.due_date', 'ASC')
            .addOrderBy('c.updated_at', 'DESC')
            .setParameter('today', today)
            .take(200)
            .getMany();
        })
      : [];
    const overdue = user.roles.includes('supervisor')
      ? await this.db.read((m) =>
          m
            .createQueryBuilder(CaseEntity, 'c')
            .select(SUMMARY_COLUMNS.map((col) => `c.${col}`))
            .where(overdueSql(), { today })
            .orderBy('c.due_date', 'ASC')
            .take(200)
            .getMany(),
        )
      : awaiting.filter((c) => isOverdue(c.dueDate, c.dueCode, today));
    const refused = await this.db.read((m) => m.find(RefusalEntity, { where: { userId: user.id }, order: { id: 'DESC' }, take: 20 }));
    return {
      awaiting: awaiting.map((r) => summaryOf(r, lang, today)),
      overdue: overdue.map((r) => summaryOf(r, lang, today)),
      refused: refused.map((r) => ({
        at: r.at,
        method: r.method,
        path: r.path,
        status: r.status,
        code: r.code,
        message: r.message,
        blockers: r.blockers,
      })),
    };
  }

  /** Did this user create the case or send any official's event on it? (separation of duties) */
  private async sponsored(m: EntityManager, caseId: string, userId: string): Promise<boolean> {
    const sql = `SELECT 1 AS x FROM audit_events WHERE case_id = ${param(m, 1)} AND actor_id = ${param(m, 2)} AND actor_role = 'official' LIMIT 1`;
    return (await execute(m, sql, [caseId, userId])).records.length > 0;
  }

  async send(user: Principal, id: string, body: SendEventDto, lang: Language): Promise<CaseView> {
    return this.view(user, await this.apply(user, id, body.expectedVersion, [body]), lang);
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
    return this.view(user, await this.apply(user, id, body.expectedVersion, events), lang);
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
      if (!canRead(user, row)) throw cannotRead();
      const def = procedureOf(row.procedure, row.procedureVersion);
      const sponsored = await this.sponsored(m, id, user.id);
      const events: PreparedEvent[] = sent.map((e) => {
        const eventDef = def.events[e.type];
        if (!eventDef || !EVENT_DATA[e.type]) {
          throw new DomainError(
            ErrorCode.VALIDATION_FAILED,
            text(`「${def.label.zh}」程序没有 ${e.type} 这一事项`, `${def.id} has no event ${e.type}`),
            [{ field: 'type', problems: [`one of ${Object.keys(def.events).join(', ')}`] }],
          );
        }
        const data = { ...validateAs(EVENT_DATA[e.type], e.data ?? {}, 'data') } as Record<string, unknown>;
        const occurred = resolveOccurredAt(e.occurredAt, now);
        const allowed = authorize(user, row, row.snapshot.context, eventDef, sponsored);
        if ('code' in allowed) {
          throw new DomainError(allowed.code, allowed.message, undefined, [
            {
              code: allowed.code,
              message: allowed.message,
              legalBasis: allowed.code === ErrorCode.SEPARATION_OF_DUTIES ? SEPARATION_BASIS : eventDef.basis,
            },
          ]);
        }
        return { type: e.type, data, occurred, role: allowed.role };
      });
      // a decision started under a catalogue item: was it in the published catalogue that day?
      for (const e of events) {
        if (e.type === 'APPROVE_START' && typeof e.data.catalogueItemId === 'string') {
          e.assigned = { catalogue: await this.catalogue.listing(m, e.data.catalogueItemId, e.occurred.date) };
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
    const env = await this.env(now);
    return this.db.transaction(async (m) => {
      const fresh = await CASES.byId(m, id);
      if (!fresh) throw caseNotFound(id);
      const events = await prepare(m, fresh);
      if (fresh.version !== expectedVersion) throw versionConflict(fresh.version, expectedVersion);
      const def = procedureOf(fresh.procedure, fresh.procedureVersion);
      let current = fresh;
      for (const e of events) {
        const assigned = {
          ...e.assigned,
          ...(e.type === 'PUBLISH_DOCUMENT' ? { documentNumber: await this.numbers.allocate(m, current, e.occurred.date) } : {}),
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
        if ((await CASES.updateIfVersion(m, id, current.version, changes)) !== 1) {
          // another instance committed first (PostgreSQL runs transactions side by side): report where the case is now
          const now = await CASES.byId(m, id, ['version']);
          throw versionConflict(now?.version ?? current.version, expectedVersion);
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
        current = { ...current, ...changes };
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
    const version = row.version + 1;
    const at = now.toISOString();
    const changes = {
      procedureVersion: to.version,
      snapshot,
      stage: stageOf(snapshot),
      version,
      updatedAt: at,
      ...factColumns(to, snapshot, row),
    };
    if ((await CASES.updateIfVersion(m, row.id, row.version, changes)) !== 1) {
      const moved = await CASES.byId(m, row.id, ['version']);
      throw versionConflict(moved?.version ?? row.version, row.version);
    }
    await this.audit.append(m, {
      caseId: row.id,
      seq: version,
      type: 'PROCEDURE_MIGRATED',
      actorId,
      actorRole: 'admin',
      occurredAt: at,
      recordedAt: at,
      data,
    });
  }

  /**
   * A citizen's comment from the public consultation page: recorded as RECORD_COMMENT by the
   * public, judged like any other (within the period), retried on a concurrent change. Returns
   * the comment it landed on: a new one, or the identical one it was counted on.
   */
  async recordPublicComment(id: string, data: { content: string; submitter?: string }): Promise<CommentRecord> {
    const now = new Date();
    const occurred = { date: shanghaiDate(now), recorded: now.toISOString() };
    for (let attempt = 0; ; attempt++) {
      const row = await this.db.read((m) => m.findOne(CaseEntity, { where: { id }, select: { id: true, version: true } }));
      if (!row) throw caseNotFound(id);
      try {
        const saved = await this.commit(id, row.version, PUBLIC_ACTOR, now, async () => [
          { type: 'RECORD_COMMENT', data, occurred, role: 'public' },
        ]);
        const comments = (saved.snapshot.context as { publicComment?: { comments: CommentRecord[] } }).publicComment?.comments ?? [];
        return identicalComment(comments, data.content)!;
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

  /** The case with the actions this user may take now, each with what stands in its way. */
  private async view(user: Principal, row: CaseEntity, lang: Language): Promise<CaseView> {
    const def = procedureOf(row.procedure, row.procedureVersion);
    const now = new Date();
    const meta = { occurredAt: shanghaiDate(now), actorId: user.id, env: await this.env(now) };
    const sponsored = user.roles.includes('reviewer') ? await this.db.read((m) => this.sponsored(m, row.id, user.id)) : false;
    const actions = preview(def, row.snapshot, meta).map(({ type, blockers }) => {
      const eventDef = def.events[type];
      const allowed = authorize(user, row, row.snapshot.context, eventDef, sponsored);
      const all: Blocker[] =
        'code' in allowed
          ? [
              {
                code: allowed.code,
                message: allowed.message,
                legalBasis: allowed.code === ErrorCode.SEPARATION_OF_DUTIES ? SEPARATION_BASIS : eventDef.basis,
              },
              ...blockers,
            ]
          : blockers;
      return {
        type,
        label: eventDef.label[lang],
        allowed: all.length === 0,
        blockers: all.map((b) => ({ code: b.code, message: b.message[lang], legalBasis: b.legalBasis[lang] })),
      };
    });
    return toCaseView(def, row, actions, lang);
  }
}
