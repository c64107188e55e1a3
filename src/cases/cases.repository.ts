import { FilingEntity } from '../filings/filing.entity';
import { caseScopeSql, type GovernmentScope } from '../governments/scope';
import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { Brackets, EntityManager, In, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { Principal } from '../auth/principal';
import { UserEntity } from '../users/user.entity';
import { CaseCopyEntity } from './case-copy.entity';
import type { CaseListView } from './cases.response';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { procedureOf, Role } from '../../workflows';
import { RefusalEntity } from '../audit/refusal.entity';
import { Db } from '../database/db.service';
import { execute, param, Rows } from '../database/sql';
import { DepartmentEntity } from '../users/department.entity';
import { actsForOneDepartment } from './access';
import { FACTS_VERSION, factColumns, overdueSql } from './case-facts';
import { CaseEntity } from './case.entity';
import { chargedSql, holderSql } from './holder';
import { AppConfig } from '../config/config';
import { SUMMARY_COLUMNS, SummaryRow } from './case.view';
import { versionConflict } from './cases.errors';

/** The case rows, read and compare-and-swapped with plain SQL on the hot path. */
const CASES = new Rows(CaseEntity);
const COPIES = new Rows(CaseCopyEntity);
const USERS = new Rows(UserEntity);

const SUMMARY_SELECT = SUMMARY_COLUMNS.map((col) => `c.${col}`);

export interface CaseFilter {
  procedure?: string;
  stage?: string;
  department?: string;
  /** overdue cases charged to this department (`chargedSql`: the one holding the step) */
  heldBy?: string;
  year?: number;
  overdue?: 'true' | 'false';
  /** a part of the title, document number or id, as the user typed it */
  q?: string;
  /** one of the user's own lists, and the user */
  view?: CaseListView;
  /** the governments the list covers; none: whatever else it asks (a user's copies are theirs to read) */
  government?: GovernmentScope;
  me: Pick<Principal, 'id' | 'roles' | 'department' | 'governmentId'>;
  page: number;
  pageSize: number;
}

/**
 * The condition of a user's own list: 待办 (a step of theirs awaits: an official's in charge,
 * a reviewer's not sponsored, the secretariat's; a supervisor's are the overdue cases), 已办 (they
 * acted on it after creating it), 我发起的 (they created it), 抄送我的 (copied to them).
 */
export function viewFilter(
  view: CaseListView,
  me: Pick<Principal, 'id' | 'roles' | 'department' | 'governmentId'>,
  today: string,
): [string, ObjectLiteral] {
  const params = { me: me.id, today, dept: me.department, gov: me.governmentId };
  switch (view) {
    case 'mine':
      return ['c.created_by = :me', params];
    case 'copied':
      return ['c.id IN (SELECT cc.case_id FROM case_copies cc WHERE cc.user_id = :me)', params];
    case 'done':
      return ["c.id IN (SELECT a.case_id FROM audit_events a WHERE a.actor_id = :me AND a.type <> 'CASE_CREATED')", params];
    case 'todo': {
      const parts: string[] = [];
      if (me.roles.includes('official'))
        parts.push("(c.awaiting_roles LIKE '%,official,%' AND c.department = :dept AND COALESCE(c.assignee, c.created_by) = :me)");
      if (me.roles.includes('reviewer'))
        parts.push(
          "(c.awaiting_roles LIKE '%,reviewer,%' AND c.government_id = :gov AND c.created_by <> :me " +
            'AND c.id NOT IN (SELECT ca.case_id FROM case_assignees ca WHERE ca.user_id = :me) ' +
            "AND c.id NOT IN (SELECT a.case_id FROM audit_events a WHERE a.actor_id = :me AND a.actor_role = 'official'))",
        );
      if (me.roles.includes('secretariat')) parts.push("(c.awaiting_roles LIKE '%,secretariat,%' AND c.government_id = :gov)");
      if (me.roles.includes('supervisor')) parts.push(`(${overdueSql()})`);
      return [parts.length ? `(${parts.join(' OR ')})` : '1 = 0', params];
    }
  }
}

/** The user's words as a LIKE pattern matching them anywhere, literally: `%`, `_` and `\` are escaped with `\`. */
export function containsPattern(words: string): string {
  return `%${words.toLowerCase().replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
}

/**
 * The search condition: the words in the title, the document number or the id, any letter case.
 * `ESCAPE '\'` is spelt out: SQLite has no default escape character, and it reads the same on PostgreSQL.
 */
export function searchFilter(words: string): [string, ObjectLiteral] {
  const like = (col: string) => `LOWER(${col}) LIKE :q ESCAPE '\\'`;
  return [`(${like('c.title')} OR ${like('c.document_number')} OR ${like('c.id')})`, { q: containsPattern(words) }];
}

/** Every read and write of the cases table (and the lookups beside it) the cases module makes. */
@Injectable()
export class CasesRepository implements OnApplicationBootstrap {
  constructor(
    private readonly db: Db,
    private readonly config: AppConfig,
  ) {}

  /** The summaries the query selects, each with the department holding its step (`holderSql`). */
  private async summaries(qb: SelectQueryBuilder<CaseEntity>): Promise<SummaryRow[]> {
    const { raw, entities } = await qb.addSelect(holderSql(), 'held_by').getRawAndEntities<{ c_id: string; held_by: string | null }>();
    const heldBy = new Map(raw.map((r) => [r.c_id, r.held_by ?? null]));
    return entities.map((e) => ({ ...e, heldBy: heldBy.get(e.id) ?? null }));
  }

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

  /** The case row, inside the caller's transaction. */
  byId(m: EntityManager, id: string): Promise<CaseEntity | null> {
    return CASES.byId(m, id);
  }

  /** The case row, read on its own. */
  find(id: string): Promise<CaseEntity | null> {
    return this.db.read((m) => CASES.byId(m, id));
  }

  /** The case's current version, to send an event on it (null when unknown). */
  versionOf(id: string): Promise<Pick<CaseEntity, 'id' | 'version'> | null> {
    return this.db.read((m) => m.findOne(CaseEntity, { where: { id }, select: { id: true, version: true } }));
  }

  insert(m: EntityManager, row: CaseEntity): Promise<unknown> {
    return m.insert(CaseEntity, row as QueryDeepPartialEntity<CaseEntity>);
  }

  /**
   * UPDATE … WHERE version = the row's: when another writer moved it on first (PostgreSQL runs
   * transactions side by side), refuse with where the case is now against what the caller expected.
   */
  async compareAndSwap(m: EntityManager, row: Pick<CaseEntity, 'id' | 'version'>, changes: Partial<CaseEntity>, expected: number) {
    if ((await CASES.updateIfVersion(m, row.id, row.version, changes)) !== 1) {
      const now = await CASES.byId(m, row.id, ['version']);
      throw versionConflict(now?.version ?? row.version, expected);
    }
  }

  /**
   * Is this user a sponsor of the case: its creator, anyone who has been in charge of it, or the
   * sender of any official's event on it? (separation of duties)
   */
  async sponsored(caseId: string, userId: string, m?: EntityManager): Promise<boolean> {
    if (!m) return this.db.read((r) => this.sponsored(caseId, userId, r));
    const p = (i: number) => param(m, i);
    const sql =
      `SELECT 1 AS x FROM audit_events WHERE case_id = ${p(1)} AND actor_id = ${p(2)} AND actor_role = 'official' ` +
      `UNION SELECT 1 AS x FROM case_assignees WHERE case_id = ${p(3)} AND user_id = ${p(4)}`;
    return (await execute(m, sql, [caseId, userId, caseId, userId])).records.length > 0;
  }

  /** Did this user send a reviewer's event on the case? (they may not then be put in charge of it) */
  async reviewed(m: EntityManager, caseId: string, userId: string): Promise<boolean> {
    const sql = `SELECT 1 AS x FROM audit_events WHERE case_id = ${param(m, 1)} AND actor_id = ${param(m, 2)} AND actor_role = 'reviewer' LIMIT 1`;
    return (await execute(m, sql, [caseId, userId])).records.length > 0;
  }

  /** Record that this user is (and so has been) in charge of the case. */
  async addAssignee(m: EntityManager, caseId: string, userId: string, since: string): Promise<void> {
    const p = (i: number) => param(m, i);
    await execute(m, `INSERT INTO case_assignees (case_id, user_id, since) VALUES (${p(1)}, ${p(2)}, ${p(3)}) ON CONFLICT DO NOTHING`, [
      caseId,
      userId,
      since,
    ]);
  }

  /** Was the case copied to this user (抄送)? */
  /** Was the case filed with the government of this filing reviewer (who reads what they review)? */
  async isFiledWith(caseId: string, user: Pick<Principal, 'roles' | 'governmentId'>): Promise<boolean> {
    if (!user.roles.includes('filingReviewer')) return false;
    return this.db.read((m) => m.existsBy(FilingEntity, { caseId, toGovernmentId: user.governmentId }));
  }

  async isCopiedTo(m: EntityManager | undefined, caseId: string, userId: string): Promise<boolean> {
    if (!m) return this.db.read((r) => this.isCopiedTo(r, caseId, userId));
    return m.existsBy(CaseCopyEntity, { caseId, userId });
  }

  /** Whom the case was copied to, first first. */
  copiesOf(caseId: string): Promise<CaseCopyEntity[]> {
    return this.db.read((m) => COPIES.where(m, 'caseId', [caseId], { orderBy: ['copiedAt', 'userId'] }));
  }

  /** Display names of these users, by id. */
  async names(ids: (string | null)[]): Promise<Map<string, string>> {
    const wanted = [...new Set(ids.filter((i): i is string => !!i))];
    if (wanted.length === 0) return new Map();
    const users = await this.db.read((m) => USERS.where(m, 'id', wanted, { columns: ['id', 'displayName'] }));
    return new Map(users.map((u) => [u.id, u.displayName]));
  }

  /** The titles of these cases (those that exist), by id. */
  async titles(ids: string[]): Promise<Map<string, string>> {
    const wanted = [...new Set(ids)];
    if (wanted.length === 0) return new Map();
    const rows = await this.db.read((m) => m.find(CaseEntity, { where: { id: In(wanted) }, select: { id: true, title: true } }));
    return new Map(rows.map((r) => [r.id, r.title]));
  }

  /** The government a department is of; null when there is no such department. */
  async departmentGovernment(id: string): Promise<string | null> {
    return (await this.db.read((m) => m.findOne(DepartmentEntity, { where: { id } })))?.governmentId ?? null;
  }

  /** One page of summaries and the count of all that match; overdue ones by due date, the rest latest first. */
  list(f: CaseFilter, today: string): Promise<[SummaryRow[], number]> {
    return this.db.read(async (m) => {
      const qb = m
        .createQueryBuilder(CaseEntity, 'c')
        .select(SUMMARY_SELECT)
        .orderBy(f.overdue ? 'c.due_date' : 'c.updated_at', f.overdue ? 'ASC' : 'DESC')
        .skip((f.page - 1) * f.pageSize)
        .take(f.pageSize);
      if (f.government) {
        const g = caseScopeSql(f.government);
        qb.andWhere(g.sql, g.params);
      }
      if (f.procedure) qb.andWhere('c.procedure = :p', { p: f.procedure });
      if (f.stage) qb.andWhere('c.stage = :s', { s: f.stage });
      if (f.department) qb.andWhere('c.department = :d', { d: f.department });
      if (f.heldBy) qb.andWhere(`${chargedSql()} = :heldBy`, { heldBy: f.heldBy });
      if (f.year) qb.andWhere('c.report_year = :y', { y: f.year });
      if (f.overdue === 'true') qb.andWhere(overdueSql(), { today });
      if (f.overdue === 'false') qb.andWhere(`(c.due_date IS NULL OR NOT (${overdueSql()}))`, { today });
      if (f.view) qb.andWhere(...viewFilter(f.view, f.me, today));
      if (f.q?.trim()) qb.andWhere(...searchFilter(f.q.trim()));
      return [await this.summaries(qb.clone()), await qb.getCount()];
    });
  }

  /** Cases of the user's government awaiting one of these roles (the official's only in their department), overdue first. */
  awaiting(roles: Role[], me: Pick<Principal, 'department' | 'governmentId'>, today: string): Promise<SummaryRow[]> {
    const department = me.department;
    return this.db.read((m) => {
      const qb = m.createQueryBuilder(CaseEntity, 'c').select(SUMMARY_SELECT).where('c.government_id = :gov', { gov: me.governmentId });
      qb.andWhere(
        new Brackets((w) => {
          for (const role of roles) {
            const cond = `c.awaiting_roles LIKE :r_${role}` + (actsForOneDepartment(role) ? ' AND c.department = :dept' : '');
            w.orWhere(cond, { [`r_${role}`]: `%,${role},%`, dept: department });
          }
        }),
      );
      return this.summaries(
        qb
          .orderBy(`CASE WHEN ${overdueSql()} THEN 0 ELSE 1 END`, 'ASC')
          .addOrderBy('c.due_date', 'ASC')
          .addOrderBy('c.updated_at', 'DESC')
          .setParameter('today', today)
          .take(200),
      );
    });
  }

  /** Every overdue case of these governments, soonest due first. */
  overdue(today: string, government: GovernmentScope): Promise<SummaryRow[]> {
    const g = caseScopeSql(government);
    return this.db.read((m) =>
      this.summaries(
        m
          .createQueryBuilder(CaseEntity, 'c')
          .select(SUMMARY_SELECT)
          .where(overdueSql(), { today })
          .andWhere(g.sql, g.params)
          .orderBy('c.due_date', 'ASC')
          .take(200),
      ),
    );
  }

  /** The user's latest refused requests. */
  refusalsOf(userId: string): Promise<RefusalEntity[]> {
    return this.db.read((m) => m.find(RefusalEntity, { where: { userId }, order: { id: 'DESC' }, take: 20 }));
  }
}
