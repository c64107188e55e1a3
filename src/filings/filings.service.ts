import { Injectable } from '@nestjs/common';
import { In, type EntityManager } from 'typeorm';
import {
  FILING_NEXT,
  FILING_REVIEW_RULES,
  filingBlockers,
  quarterSpan,
  shanghaiDate,
  text,
  type FilingAct,
  type FilingConclusion,
  type Language,
  zhDate,
} from '../../workflows';
import type { Principal } from '../auth/principal';
import { CalendarService } from '../calendar/calendar.service';
import { CaseNotices } from '../cases/case-notices';
import { CaseCommands } from '../cases/cases.commands';
import { refused } from '../cases/cases.errors';
import { CasesRepository } from '../cases/cases.repository';
import { inCharge } from '../cases/office-acts';
import { DomainError, ErrorCode } from '../common/domain-error';
import { validateAs } from '../common/validation';
import { Db } from '../database/db.service';
import { GovernmentEntity } from '../governments/government.entity';
import { FilingEntity } from './filing.entity';
import { FilingEventDto, HoldFilingData, IssueFilingReviewData, RegisterFilingData } from './filings.dto';
import type { Filing, FilingTask, PublicFilingCatalogue } from './filings.response';

const filingNotFound = (id: string) => DomainError.notFound(text(`备案 ${id} 不存在`, `no filing ${id}`));

const CONCLUSION_ZH: Record<FilingConclusion, string> = {
  'no-issue': '未发现问题',
  'suggest-amendment': '建议修改',
  'correction-ordered': '责令改正',
};
const CONCLUSION_EN: Record<FilingConclusion, string> = {
  'no-issue': 'no issue found',
  'suggest-amendment': 'amendment suggested',
  'correction-ordered': 'correction ordered',
};

/** The case's history names each act by this type. */
const CASE_ACT = { REGISTER_FILING: 'FILING_REGISTERED', HOLD_FILING: 'FILING_HELD', ISSUE_FILING_REVIEW: 'FILING_REVIEWED' } as const;

/**
 * Filing review at the receiving government (备案审查): its filing reviewers list what was filed
 * with it and register, hold or review each; every act is written into the filed document's case
 * (its history) and told to the filing government's official in charge and secretariat.
 */
@Injectable()
export class FilingsService {
  constructor(
    private readonly db: Db,
    private readonly cases: CasesRepository,
    private readonly commands: CaseCommands,
    private readonly notices: CaseNotices,
    private readonly calendar: CalendarService,
  ) {}

  /** The filings made with the reader's government (a filing reviewer's, a supervisor's there, the admin's: all). */
  async list(user: Principal, status?: string): Promise<Filing[]> {
    const today = shanghaiDate(new Date());
    return this.db.read(async (m) => {
      const qb = m.createQueryBuilder(FilingEntity, 'f').orderBy('f.received_on', 'DESC').addOrderBy('f.id').take(500);
      if (!user.roles.includes('admin')) qb.where('f.to_government_id = :gov', { gov: user.governmentId });
      if (status) qb.andWhere('f.status = :status', { status });
      const rows = await qb.getMany();
      return this.views(m, rows, today);
    });
  }

  private async views(m: EntityManager, rows: FilingEntity[], today: string): Promise<Filing[]> {
    const ids = [...new Set(rows.map((r) => r.fromGovernmentId))];
    const names = new Map((ids.length ? await m.find(GovernmentEntity, { where: { id: In(ids) } }) : []).map((g) => [g.id, g.name]));
    return rows.map((r) => ({
      id: r.id,
      caseId: r.caseId,
      title: r.title,
      documentNumber: r.documentNumber,
      status: r.status,
      fromGovernment: { id: r.fromGovernmentId, name: names.get(r.fromGovernmentId) ?? r.fromGovernmentId },
      toGovernmentId: r.toGovernmentId,
      receivedOn: r.receivedOn,
      dueOn: r.dueOn,
      overdue: r.dueOn !== null && r.dueOn < today,
      registeredOn: r.registeredOn,
      heldOn: r.heldOn,
      holdReason: r.holdReason,
      supplyBy: r.supplyBy,
      reviewedOn: r.reviewedOn,
      reviewedInTime: r.reviewedInTime,
      conclusion: r.conclusion,
      opinion: r.opinion,
      correctBy: r.correctBy,
      version: r.version,
    }));
  }

  /** REGISTER_FILING, HOLD_FILING or ISSUE_FILING_REVIEW by a filing reviewer of the government it was filed with. */
  async act(user: Principal, id: string, body: FilingEventDto, lang: Language): Promise<Filing> {
    void lang;
    if (!user.roles.includes('filingReviewer'))
      throw new DomainError(ErrorCode.FORBIDDEN, text('须由备案审查人员办理', 'only a filing reviewer may do this'));
    const now = new Date();
    const today = shanghaiDate(now);
    const data = (body.data ?? {}) as Record<string, unknown>;
    const act: FilingAct =
      body.type === 'HOLD_FILING'
        ? { type: body.type, occurredOn: today, ...validateAs(HoldFilingData, data) }
        : body.type === 'ISSUE_FILING_REVIEW'
          ? { type: body.type, occurredOn: today, ...validateAs(IssueFilingReviewData, data) }
          : { type: body.type, occurredOn: today, ...validateAs(RegisterFilingData, data) };
    const occurredAt = (data.occurredAt as string | undefined) ?? today;
    if (occurredAt > today)
      throw refused([
        {
          code: 'OCCURRED_IN_FUTURE',
          message: text(`办理日期 ${occurredAt} 晚于今日`, `occurredAt ${occurredAt} is in the future`),
          legalBasis: text('', ''),
        },
      ]);
    act.occurredOn = occurredAt;
    const calendar = await this.calendar.calendar();
    return this.db.transaction(async (m) => {
      const f = await m.findOne(FilingEntity, { where: { id } });
      // another government's filing is none of this reviewer's
      if (!f || f.toGovernmentId !== user.governmentId) throw filingNotFound(id);
      const blockers = filingBlockers(f, act);
      if (blockers.length) throw refused(blockers);
      const changes: Partial<FilingEntity> = { status: FILING_NEXT[act.type], version: f.version + 1, reviewerId: user.id };
      if (act.type === 'REGISTER_FILING') {
        Object.assign(changes, {
          registeredOn: act.occurredOn,
          dueOn: calendar.addWorkingDays(act.occurredOn, FILING_REVIEW_RULES.reviewWithin.value).value,
        });
      } else if (act.type === 'HOLD_FILING') {
        Object.assign(changes, { heldOn: act.occurredOn, holdReason: act.reason, supplyBy: act.correctBy, dueOn: null });
      } else {
        Object.assign(changes, {
          reviewedOn: act.occurredOn,
          reviewedInTime: f.dueOn === null || act.occurredOn <= f.dueOn,
          conclusion: act.conclusion,
          opinion: act.opinion,
          correctBy: act.conclusion === 'correction-ordered' ? act.correctBy : null,
          dueOn: null,
        });
      }
      const res = await m
        .createQueryBuilder()
        .update(FilingEntity)
        .set(changes)
        .where('id = :id AND version = :version', { id, version: f.version })
        .execute();
      if (!res.affected)
        throw new DomainError(
          ErrorCode.VERSION_CONFLICT,
          text('该备案已被他人办理，请刷新后重试', 'the filing changed meanwhile: reload and retry'),
        );
      const saved = { ...f, ...changes } as FilingEntity;
      await this.tellFilingGovernment(m, saved, act, user, now);
      return (await this.views(m, [saved], today))[0];
    });
  }

  /** Into the filed document's case: the act in its history, and a notice to its official in charge and its secretariat. */
  private async tellFilingGovernment(m: EntityManager, f: FilingEntity, act: FilingAct, user: Principal, now: Date): Promise<void> {
    const row = await this.cases.byId(m, f.caseId);
    if (!row) return;
    const data: Record<string, unknown> = { filingId: f.id, occurredOn: act.occurredOn };
    if (act.type === 'HOLD_FILING') Object.assign(data, { reason: act.reason, correctBy: act.correctBy });
    if (act.type === 'ISSUE_FILING_REVIEW')
      Object.assign(data, { conclusion: act.conclusion, opinion: act.opinion, ...(f.correctBy ? { correctBy: f.correctBy } : {}) });
    const saved = await this.commands.recordAct(m, row, {
      type: CASE_ACT[act.type],
      actorId: user.id,
      role: 'filingReviewer',
      data,
      changes: {},
      now,
      occurredAt: act.occurredOn,
    });
    const t = row.title;
    const message =
      act.type === 'REGISTER_FILING'
        ? text(`「${t}」已予备案登记`, `"${t}" was registered by the government it was filed with`)
        : act.type === 'HOLD_FILING'
          ? text(
              `「${t}」暂缓备案登记，请于 ${zhDate(act.correctBy)} 前补充：${act.reason}`,
              `"${t}" was held: supply by ${act.correctBy}: ${act.reason}`,
            )
          : act.conclusion === 'correction-ordered'
            ? text(
                `「${t}」备案审查结论：责令改正，请于 ${zhDate(f.correctBy)} 前修改或废止：${act.opinion}`,
                `"${t}": correction ordered, amend or repeal by ${f.correctBy}: ${act.opinion}`,
              )
            : text(`「${t}」备案审查结论：${CONCLUSION_ZH[act.conclusion!]}`, `"${t}": filing review: ${CONCLUSION_EN[act.conclusion!]}`);
    const secretariat = (await this.notices.activeUsers(m, row.governmentId))
      .filter((u) => u.roles.includes('secretariat'))
      .map((u) => u.id);
    const type = act.type === 'REGISTER_FILING' ? 'FILING_REGISTERED' : act.type === 'HOLD_FILING' ? 'FILING_HELD' : 'FILING_REVIEWED';
    await this.notices.give(m, saved, type, message, `seq:${saved.version}`, [...new Set([inCharge(row), ...secretariat])]);
  }

  /**
   * What the filing government still has to do about its filings: supply what a hold asked for
   * (until registered), or amend or repeal a document whose correction was ordered (while it is
   * still in force). An official sees their own department's.
   */
  tasks(user: Principal): Promise<FilingTask[]> {
    if (!user.roles.some((r) => r === 'secretariat' || r === 'official')) return Promise.resolve([]);
    return this.db.read(async (m) => {
      const qb = m
        .createQueryBuilder(FilingEntity, 'f')
        .innerJoin('cases', 'c', 'c.id = f.case_id')
        .innerJoin('governments', 'g', 'g.id = f.to_government_id')
        .select(['f.id AS "filingId"', 'f.case_id AS "caseId"', 'f.title AS title', 'f.status AS status', 'g.name AS "filedWith"'])
        .addSelect(['f.hold_reason AS "holdReason"', 'f.supply_by AS "supplyBy"', 'f.opinion AS opinion', 'f.correct_by AS "correctBy"'])
        .where('f.from_government_id = :gov', { gov: user.governmentId })
        .andWhere("(f.status = 'held' OR (f.conclusion = 'correction-ordered' AND c.stage = 'inForce'))")
        .orderBy('f.received_on')
        .take(200);
      if (!user.roles.includes('secretariat')) qb.andWhere('c.department = :dept', { dept: user.department });
      const rows = await qb.getRawMany<{
        filingId: string;
        caseId: string;
        title: string;
        status: string;
        filedWith: string;
        holdReason: string | null;
        supplyBy: string | null;
        opinion: string | null;
        correctBy: string | null;
      }>();
      return rows.map((r) =>
        r.status === 'held'
          ? {
              filingId: r.filingId,
              caseId: r.caseId,
              title: r.title,
              kind: 'supply' as const,
              asked: r.holdReason ?? '',
              dueOn: r.supplyBy ?? '',
              filedWith: r.filedWith,
            }
          : {
              filingId: r.filingId,
              caseId: r.caseId,
              title: r.title,
              kind: 'correct' as const,
              asked: r.opinion ?? '',
              dueOn: r.correctBy ?? '',
              filedWith: r.filedWith,
            },
      );
    });
  }

  /** 备案目录: the documents a government registered in a quarter, for anyone. */
  async publicCatalogue(governmentId: string, year: number, quarter: number): Promise<PublicFilingCatalogue> {
    const { from, to } = quarterSpan(year, quarter);
    return this.db.read(async (m) => {
      const g = await m.findOne(GovernmentEntity, { where: { id: governmentId } });
      if (!g) throw DomainError.notFound(text(`政府 ${governmentId} 不存在`, `no government ${governmentId}`));
      const rows = await m
        .createQueryBuilder(FilingEntity, 'f')
        .where('f.to_government_id = :gov AND f.registered_on BETWEEN :from AND :to', { gov: g.id, from, to })
        .orderBy('f.registered_on')
        .addOrderBy('f.id')
        .take(2000)
        .getMany();
      const ids = [...new Set(rows.map((r) => r.fromGovernmentId))];
      const names = new Map((ids.length ? await m.find(GovernmentEntity, { where: { id: In(ids) } }) : []).map((x) => [x.id, x.name]));
      return {
        government: { id: g.id, name: g.name },
        year,
        quarter,
        items: rows.map((r) => ({
          documentNumber: r.documentNumber,
          title: r.title,
          issuedBy: names.get(r.fromGovernmentId) ?? r.fromGovernmentId,
          receivedOn: r.receivedOn,
          registeredOn: r.registeredOn!,
        })),
      };
    });
  }
}
