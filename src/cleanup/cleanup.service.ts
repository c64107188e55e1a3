import { governmentScope, governmentSql, seesGovernment } from '../governments/scope';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager, In } from 'typeorm';
import { Blocker, Language, law, shanghaiDate, Text, text, zhDate } from '../../workflows';
import type { Principal } from '../auth/principal';
import { CaseEntity } from '../cases/case.entity';
import { CaseCommands } from '../cases/cases.commands';
import { DomainError, ErrorCode } from '../common/domain-error';
import { Db } from '../database/db.service';
import { CleanupEntity, CleanupItemEntity } from './cleanup.entity';
import type { CleanupDetail, CleanupSummary } from './cleanup.response';

export const CLEANUP_DECISIONS = ['continue', 'amend', 'repeal'] as const;
export type CleanupDecision = (typeof CLEANUP_DECISIONS)[number];
export const ISSUING_ORGANS = ['government', 'department'] as const;
export type IssuingOrgan = (typeof ISSUING_ORGANS)[number];

const CLEANUP_BASIS = law.local('规范性文件清理', 'clean-up');
const RECORD_BASIS = text('过程记录规则：发生时间不得晚于当前时间', 'Process record: never dated in the future');

/** The event a decision sends to the document when the campaign completes (`continue` sends none). */
const EVENT_OF: Record<CleanupDecision, string | null> = { continue: null, amend: 'START_AMENDMENT', repeal: 'REPEAL' };

/** SQLite allows a bounded number of bound parameters per statement: insert items in chunks. */
const INSERT_CHUNK = 200;

const byNumber = new Intl.Collator('zh', { numeric: true });

const cleanupNotFound = (id: string) => DomainError.notFound(text(`清理活动 ${id} 不存在`, `no clean-up campaign ${id}`));

function violation(code: string, message: Text, legalBasis: Text = CLEANUP_BASIS, details?: unknown): DomainError {
  const blocker: Blocker = { code, message, legalBasis };
  return new DomainError(ErrorCode.PROCEDURE_VIOLATION, message, details, [blocker]);
}

/** A date-only `occurredAt`, never in the future (Asia/Shanghai). */
function notInFuture(date: string, today: string): string {
  if (date > today) {
    throw violation('OCCURRED_IN_FUTURE', text(`发生时间 ${date} 晚于当前时间`, `occurredAt ${date} is in the future`), RECORD_BASIS);
  }
  return date;
}

const documentLabel = (i: CleanupItemEntity) => `${i.documentNumber}《${i.title}》`;

/** What a campaign's decisions come to: the counts of its summary. */
export type CleanupCounts = Pick<CleanupSummary, 'total' | 'continued' | 'amended' | 'repealed' | 'undecided'>;

function countsOf(items: CleanupItemEntity[]): CleanupCounts {
  const count = (d: CleanupDecision | null) => items.filter((i) => i.decision === d).length;
  return { total: items.length, continued: count('continue'), amended: count('amend'), repealed: count('repeal'), undecided: count(null) };
}

function summaryOf(c: CleanupEntity, items: CleanupItemEntity[]): CleanupSummary {
  return {
    id: c.id,
    name: c.name,
    cutoffDate: c.cutoffDate,
    issuingOrgan: c.issuingOrgan,
    createdOn: c.createdOn,
    completedOn: c.completedOn,
    resultReference: c.resultReference,
    ...countsOf(items),
  };
}

function viewOf(c: CleanupEntity, items: CleanupItemEntity[]): CleanupDetail {
  const sorted = [...items].sort((a, b) => byNumber.compare(a.documentNumber, b.documentNumber) || a.caseId.localeCompare(b.caseId));
  return {
    ...summaryOf(c, items),
    items: sorted.map((i) => ({
      caseId: i.caseId,
      documentNumber: i.documentNumber,
      title: i.title,
      decision: i.decision as CleanupDecision | null,
      reason: i.reason,
      decidedOn: i.decidedOn,
    })),
  };
}

/** What a campaign needs of a case's snapshot context. */
interface DocumentFacts {
  issuingOrgan?: string;
  publication?: { documentNumber?: string; publishedOn?: string } | null;
}

/**
 * 规范性文件清理: a campaign lists every normative document of one issuing organ in force and
 * published on or before the cutoff date (registered ones included), records a decision for each
 * (continue / amend / repeal), and on completion repeals or starts the amendment of the documents
 * through their procedure, as the secretariat member who completes it.
 */
@Injectable()
export class CleanupService {
  constructor(
    private readonly db: Db,
    private readonly cases: CaseCommands,
  ) {}

  async create(
    user: Principal,
    input: { name: string; cutoffDate: string; issuingOrgan?: IssuingOrgan; occurredAt?: string },
  ): Promise<CleanupDetail> {
    const today = shanghaiDate(new Date());
    const createdOn = notInFuture(input.occurredAt ?? today, today);
    if (input.cutoffDate > createdOn) {
      throw violation(
        'CLEANUP_CUTOFF_AFTER_START',
        text(
          `清理截止日期 ${zhDate(input.cutoffDate)} 晚于清理启动日期 ${zhDate(createdOn)}`,
          `the cutoff date ${input.cutoffDate} is after the day the campaign starts (${createdOn})`,
        ),
      );
    }
    const cleanup: CleanupEntity = {
      id: randomUUID(),
      name: input.name,
      cutoffDate: input.cutoffDate,
      issuingOrgan: input.issuingOrgan ?? 'government',
      governmentPath: user.governmentPath,
      createdBy: user.id,
      createdOn,
      completedOn: null,
      resultReference: null,
    };
    return this.db.transaction(async (m) => {
      // the documents of the secretariat's own government
      const inForce = await m.find(CaseEntity, {
        where: { procedure: 'normative-document', stage: 'inForce', governmentId: user.governmentId },
      });
      const items: CleanupItemEntity[] = [];
      for (const c of inForce) {
        const facts = c.snapshot.context as DocumentFacts;
        const publishedOn = facts.publication?.publishedOn;
        if (facts.issuingOrgan !== cleanup.issuingOrgan || !publishedOn || publishedOn > cleanup.cutoffDate) continue;
        items.push({
          cleanupId: cleanup.id,
          caseId: c.id,
          documentNumber: facts.publication?.documentNumber ?? '',
          title: c.title,
          decision: null,
          reason: null,
          decidedOn: null,
        });
      }
      await m.insert(CleanupEntity, cleanup);
      for (let at = 0; at < items.length; at += INSERT_CHUNK) await m.insert(CleanupItemEntity, items.slice(at, at + INSERT_CHUNK));
      return viewOf(cleanup, items);
    });
  }

  /** Campaigns, with their counts; with `year`, those whose cutoff date falls in that year. */
  async list(user: Principal, year?: number): Promise<CleanupSummary[]> {
    const g = governmentSql(governmentScope(user), 'c.government_path');
    return this.db.read(async (m) => {
      const qb = m
        .createQueryBuilder(CleanupEntity, 'c')
        .where(g.sql, g.params)
        .orderBy('c.cutoff_date', 'ASC')
        .addOrderBy('c.created_on', 'ASC');
      if (year !== undefined) {
        const y = String(year).padStart(4, '0');
        qb.andWhere('c.cutoff_date >= :from AND c.cutoff_date <= :to', { from: `${y}-01-01`, to: `${y}-12-31` });
      }
      const cleanups = await qb.getMany();
      if (cleanups.length === 0) return [];
      const items = await m.find(CleanupItemEntity, { where: { cleanupId: In(cleanups.map((c) => c.id)) } });
      return cleanups.map((c) =>
        summaryOf(
          c,
          items.filter((i) => i.cleanupId === c.id),
        ),
      );
    });
  }

  async get(user: Principal, id: string): Promise<CleanupDetail> {
    return this.db.read(async (m) => {
      const { cleanup, items } = await this.load(m, id, user);
      return viewOf(cleanup, items);
    });
  }

  /** Record (or change) the decision on one document of a campaign that is not completed. */
  async decide(
    user: Principal,
    id: string,
    input: { caseId: string; decision: CleanupDecision; reason: string; occurredAt?: string },
  ): Promise<CleanupDetail> {
    const today = shanghaiDate(new Date());
    return this.db.transaction(async (m) => {
      const { cleanup, items } = await this.load(m, id, user, 'act');
      const item = items.find((i) => i.caseId === input.caseId);
      if (!item) {
        throw DomainError.notFound(
          text(
            `文件 ${input.caseId} 不在清理活动「${cleanup.name}」中`,
            `document ${input.caseId} is not in the clean-up campaign "${cleanup.name}"`,
          ),
        );
      }
      this.refuseIfCompleted(cleanup);
      const decidedOn = notInFuture(input.occurredAt ?? today, today);
      if (decidedOn < cleanup.createdOn) {
        throw violation(
          'DECIDED_BEFORE_CLEANUP',
          text(
            `清理决定日期 ${zhDate(decidedOn)} 早于清理启动日期 ${zhDate(cleanup.createdOn)}`,
            `the decision date ${decidedOn} is before the campaign started (${cleanup.createdOn})`,
          ),
        );
      }
      const changes = { decision: input.decision, reason: input.reason, decidedOn };
      await m.update(CleanupItemEntity, { cleanupId: id, caseId: input.caseId }, changes);
      Object.assign(item, changes);
      return viewOf(cleanup, items);
    });
  }

  /**
   * Complete the campaign once every document has a decision: repeal (REPEAL) or start the
   * amendment (START_AMENDMENT) of each document so decided, through its procedure and as the
   * calling user, then record the result. A document no longer in force is left as it is, so a
   * completion interrupted half-way can be retried.
   */
  async complete(
    user: Principal,
    id: string,
    input: { resultReference: string; occurredAt: string },
    lang: Language,
  ): Promise<CleanupDetail> {
    const { cleanup, items } = await this.db.read((m) => this.load(m, id, user, 'act'));
    this.refuseIfCompleted(cleanup);
    const undecided = items.filter((i) => !i.decision);
    if (undecided.length) {
      const names = undecided.map(documentLabel).join('、');
      throw violation(
        'CLEANUP_UNDECIDED',
        text(
          `尚有 ${undecided.length} 件文件未作出清理决定：${names}`,
          `${undecided.length} document(s) have no clean-up decision yet: ${names}`,
        ),
        CLEANUP_BASIS,
        { undecided: undecided.map((i) => ({ caseId: i.caseId, documentNumber: i.documentNumber, title: i.title })) },
      );
    }
    const completedOn = notInFuture(input.occurredAt, shanghaiDate(new Date()));
    if (completedOn < cleanup.createdOn) {
      throw violation(
        'COMPLETED_BEFORE_CLEANUP',
        text(
          `清理结果公布日期 ${zhDate(completedOn)} 早于清理启动日期 ${zhDate(cleanup.createdOn)}`,
          `the result date ${completedOn} is before the campaign started (${cleanup.createdOn})`,
        ),
      );
    }
    for (const item of items) {
      const type = EVENT_OF[item.decision as CleanupDecision];
      if (!type) continue;
      const row = await this.db.read((m) => m.findOne(CaseEntity, { where: { id: item.caseId } }));
      // already repealed or amending (an earlier, interrupted completion), or no longer in force
      if (!row || row.stage !== 'inForce') continue;
      await this.cases.send(
        user,
        item.caseId,
        { type, expectedVersion: row.version, occurredAt: completedOn, data: { reason: item.reason ?? '' } },
        lang,
      );
    }
    return this.db.transaction(async (m) => {
      await m
        .createQueryBuilder()
        .update(CleanupEntity)
        .set({ completedOn, resultReference: input.resultReference })
        .where('id = :id AND completed_on IS NULL', { id })
        .execute();
      const done = await this.load(m, id, user, 'act');
      return viewOf(done.cleanup, done.items);
    });
  }

  private refuseIfCompleted(cleanup: CleanupEntity): void {
    if (cleanup.completedOn) {
      throw violation(
        'CLEANUP_COMPLETED',
        text(
          `清理活动「${cleanup.name}」已于 ${zhDate(cleanup.completedOn)} 完成，清理决定不能再更改`,
          `the clean-up campaign "${cleanup.name}" was completed on ${cleanup.completedOn}; its decisions can no longer change`,
        ),
      );
    }
  }

  /** A campaign the user sees (another government's is none of theirs: 404); to act on, their own government's. */
  private async load(
    m: EntityManager,
    id: string,
    user: Principal,
    mode: 'read' | 'act' = 'read',
  ): Promise<{ cleanup: CleanupEntity; items: CleanupItemEntity[] }> {
    const cleanup = await m.findOne(CleanupEntity, { where: { id } });
    if (!cleanup || !seesGovernment(user, cleanup.governmentPath)) throw cleanupNotFound(id);
    if (mode === 'act' && cleanup.governmentPath !== user.governmentPath)
      throw new DomainError(ErrorCode.FORBIDDEN, text('只能办理本级政府的清理活动', "you act only on your own government's clean-ups"));
    const items = await m.find(CleanupItemEntity, { where: { cleanupId: id } });
    return { cleanup, items };
  }
}
