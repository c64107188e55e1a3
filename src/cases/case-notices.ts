import { Injectable, Logger } from '@nestjs/common';
import { EntityManager, IsNull } from 'typeorm';
import { addDays, PUBLIC_ACTOR, Role, text, Text, zhDate } from '../../workflows';
import { CalendarService } from '../calendar/calendar.service';
import { AppConfig } from '../config/config';
import { Db } from '../database/db.service';
import { execute, param } from '../database/sql';
import { Notice, NotificationsService } from '../notifications/notifications.service';
import { UserEntity } from '../users/user.entity';
import { overdueSql } from './case-facts';
import { CaseEntity } from './case.entity';
import { inCharge } from './office-acts';

/** What a case's row must hold to say who is told what. */
export type NoticeRow = Pick<CaseEntity, 'id' | 'title' | 'createdBy' | 'assignee' | 'awaitingRoles' | 'department' | 'governmentId'>;

/** An event just recorded on a case, as its notices need it. */
export interface RecordedEvent {
  type: string;
  seq: number;
  actorId: string;
  data: Record<string, unknown>;
  /** public comments on the case before and after it */
  commentsBefore?: number;
  commentsAfter?: number;
}

const NOTICE_COLUMNS = [
  'c.id',
  'c.title',
  'c.createdBy',
  'c.assignee',
  'c.awaitingRoles',
  'c.department',
  'c.governmentId',
  'c.dueDate',
  'c.dueCode',
];

/**
 * Who hears of what happens to a case, decided once: the person in charge (承办人) of the
 * official's steps, the reviewers who may review it, the secretariat; and the notices events,
 * office acts and the deadline job give them, written in the caller's transaction.
 */
@Injectable()
export class CaseNotices {
  private readonly logger = new Logger('Notices');

  constructor(
    private readonly db: Db,
    private readonly notifications: NotificationsService,
    private readonly calendar: CalendarService,
    private readonly config: AppConfig,
  ) {}

  /**
   * Whoever active holds the case's current step: for an official's step the person in charge; for the
   * reviewer's, every active reviewer of its government who did not sponsor it (separation of
   * duties); for the secretariat's, its government's secretariat.
   */
  async holders(m: EntityManager, row: NoticeRow): Promise<string[]> {
    const roles = row.awaitingRoles.split(',').filter(Boolean) as Role[];
    if (roles.length === 0) return [];
    const ids = new Set<string>();
    const active = await this.activeUsers(m, row.governmentId);
    const person = inCharge(row);
    if (roles.includes('official') && active.some((u) => u.id === person)) ids.add(person);
    const others = roles.filter((r) => r !== 'official');
    if (others.length) {
      const sponsors = others.includes('reviewer') ? await this.sponsors(m, row) : new Set<string>();
      for (const u of active) {
        if (others.some((r) => u.roles.includes(r) && !(r === 'reviewer' && sponsors.has(u.id)))) ids.add(u.id);
      }
    }
    return [...ids];
  }

  /** Users who sponsored the case: its creator, anyone who has been in charge of it, anyone who sent an official's event on it. */
  async sponsors(m: EntityManager, row: Pick<CaseEntity, 'id' | 'createdBy' | 'assignee'>): Promise<Set<string>> {
    const p = (i: number) => param(m, i);
    const sql =
      `SELECT DISTINCT actor_id AS id FROM audit_events WHERE case_id = ${p(1)} AND actor_role = 'official' ` +
      `UNION SELECT user_id AS id FROM case_assignees WHERE case_id = ${p(2)}`;
    const acted = (await execute(m, sql, [row.id, row.id])).records.map((r) => String(r.id));
    return new Set([row.createdBy, inCharge(row), ...acted]);
  }

  /** The active users of one government: those who act on its cases. */
  async activeUsers(m: EntityManager, governmentId: string): Promise<UserEntity[]> {
    return m.find(UserEntity, { where: { deactivatedAt: IsNull(), governmentId } });
  }

  /** Tell these users; the key makes the notice one of a kind per user. */
  give(m: EntityManager, row: Pick<CaseEntity, 'id' | 'title'>, type: Notice['type'], message: Text, key: string, userIds: string[]) {
    return this.notifications.notify(m, { type, caseId: row.id, caseTitle: row.title, message, key }, userIds);
  }

  /** The notices an event gives, once it is recorded (`row` as it is after it). */
  async afterEvent(m: EntityManager, row: NoticeRow, e: RecordedEvent): Promise<void> {
    const key = `seq:${e.seq}`;
    const t = row.title;
    const toInCharge = [inCharge(row)];
    switch (e.type) {
      case 'RECORD_COMMENT':
        // a citizen's comment that is new (an identical one is counted on the first, not told again)
        if (e.actorId === PUBLIC_ACTOR && (e.commentsAfter ?? 0) > (e.commentsBefore ?? 0)) {
          await this.give(
            m,
            row,
            'COMMENT_RECEIVED',
            text(`「${t}」收到一条公众意见`, `"${t}" received a public comment`),
            key,
            toInCharge,
          );
        }
        return;
      case 'ISSUE_LEGALITY_OPINION': {
        const c = String(e.data.conclusion);
        const zh = CONCLUSION_ZH[c] ?? c;
        await this.give(
          m,
          row,
          'OPINION_ISSUED',
          text(`「${t}」的合法性审查意见已出具：${zh}`, `"${t}": legality opinion issued (${c})`),
          key,
          toInCharge,
        );
        return;
      }
      case 'RETURN_FOR_CORRECTION': {
        const reason = clip(e.data.reason);
        await this.give(
          m,
          row,
          'RETURNED_FOR_CORRECTION',
          text(`「${t}」被退回补正：${reason}`, `"${t}" was returned for correction: ${reason}`),
          key,
          toInCharge,
        );
        return;
      }
      case 'SUBMIT_FOR_LEGALITY_REVIEW':
        await this.give(
          m,
          row,
          'SUBMITTED_FOR_REVIEW',
          text(
            `「${t}」已送请合法性审查，审查期限至 ${zhDate(String(e.data.reviewDueDate))}`,
            `"${t}" was submitted for legality review, due ${String(e.data.reviewDueDate)}`,
          ),
          key,
          await this.holders(m, row),
        );
        return;
      case 'WITHDRAW_SUBMISSION': {
        const reviewers = await this.holders(m, { ...row, awaitingRoles: ',reviewer,' });
        const reason = String(e.data.reason ?? '');
        await this.give(
          m,
          row,
          'WITHDRAWN',
          text(`「${t}」的送审已撤回：${reason}`, `"${t}": the submission was withdrawn: ${reason}`),
          key,
          reviewers,
        );
        return;
      }
      default:
        return;
    }
  }

  /**
   * The deadline job's notices: a reminder when a step's due date is at most
   * DOCKET_REMINDER_WORKING_DAYS working days away, and word on the first day it has passed; each
   * once per user and due date, however many instances run it and however often.
   */
  async remind(today: string): Promise<{ approaching: number; overdue: number }> {
    const cal = await this.calendar.calendar();
    const within = this.config.DOCKET_REMINDER_WORKING_DAYS;
    // a due date within N working days lies within 2N calendar days (weekends) and the longest holiday run
    const horizon = addDays(today, within * 2 + 14);
    let approaching = 0;
    let overdue = 0;
    for (const kind of ['approaching', 'overdue'] as const) {
      let after = '';
      for (;;) {
        const page = await this.db.read((m) => {
          const qb = m
            .createQueryBuilder(CaseEntity, 'c')
            .select(NOTICE_COLUMNS)
            .where("c.awaiting_roles <> '' AND c.id > :after", { after })
            .orderBy('c.id')
            .take(200);
          if (kind === 'overdue') qb.andWhere(overdueSql(), { today });
          else qb.andWhere("c.due_date >= :today AND c.due_date <= :horizon AND c.due_code <> 'VALIDITY_END'", { today, horizon });
          // an overdue case whose holders were told the day it passed is not looked at again every hour (the key
          // as notify writes it); reminders are few (due within the horizon), so each holder's own key decides
          if (kind === 'overdue') {
            qb.andWhere(
              "NOT EXISTS (SELECT 1 FROM notifications n WHERE n.case_id = c.id AND n.dedupe_key = c.id || ':OVERDUE:' || c.due_code || ':' || c.due_date)",
            );
          }
          return qb.getMany();
        });
        if (page.length === 0) break;
        for (const row of page) {
          const due = row.dueDate!;
          if (kind === 'approaching' && cal.workingDaysBetween(today, due).value > within) continue;
          const n = await this.db
            .transaction(async (m) => {
              const holders = await this.holders(m, row);
              const key = `${row.dueCode}:${due}`;
              if (kind === 'approaching') {
                return this.give(
                  m,
                  row,
                  'DEADLINE_APPROACHING',
                  text(`「${row.title}」将于 ${zhDate(due)} 到期，请及时办理`, `"${row.title}" is due on ${due}`),
                  key,
                  holders,
                );
              }
              // the case's own government's supervisors; those above read it in their lists and reports
              const supervisors = (await this.activeUsers(m, row.governmentId))
                .filter((u) => u.roles.includes('supervisor'))
                .map((u) => u.id);
              return this.give(
                m,
                row,
                'OVERDUE',
                text(`「${row.title}」已超过办理期限（${zhDate(due)}）`, `"${row.title}" is overdue (due ${due})`),
                key,
                [...holders, ...supervisors],
              );
            })
            // one case that cannot be told now (a lock, a deadlock with another instance) waits for the next run
            .catch((e: Error) => {
              this.logger.warn(`notices of case ${row.id} not given this run: ${e.message}`);
              return [] as string[];
            });
          if (n.length && kind === 'approaching') approaching++;
          if (n.length && kind === 'overdue') overdue++;
        }
        after = page[page.length - 1].id;
      }
    }
    return { approaching, overdue };
  }
}

/** A reason as a notice quotes it: the reader opens the case for the rest. */
function clip(value: unknown, max = 200): string {
  const s = String(value ?? '');
  return s.length > max ? `${s.slice(0, max)}…` : s;
}

const CONCLUSION_ZH: Record<string, string> = {
  lawful: '合法',
  'lawful-with-revisions': '修改后合法',
  unlawful: '不合法',
  exploratory: '探索性事项（附法律风险提示）',
};
