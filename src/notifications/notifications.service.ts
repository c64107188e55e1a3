import { Injectable } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import { EntityManager, In, IsNull } from 'typeorm';
import type { Language, Text } from '../../workflows';
import { DomainError } from '../common/domain-error';
import { AppConfig } from '../config/config';
import { Db } from '../database/db.service';
import { execute, param } from '../database/sql';
import { UserEntity } from '../users/user.entity';
import { NotificationEntity } from './notification.entity';
import type { NotificationList, NotificationType, UnreadCount } from './notifications.response';
import { Channel, OutboxEntity } from './outbox.entity';

/** A notice to give some users about one case. */
export interface Notice {
  type: NotificationType;
  caseId: string;
  caseTitle: string;
  message: Text;
  /**
   * What makes it one of a kind for a user: written again (a second instance, a second run of
   * the deadline job) it is stored and delivered once. An event's notices use the event's place
   * in the case's chain; the deadline job's the due date they remind of.
   */
  key: string;
}

/** What a webhook receives: one notification, as JSON, signed (X-Docket-Signature). */
export interface WebhookBody {
  id: string;
  type: NotificationType;
  caseId: string;
  caseTitle: string;
  /** the page of the case, absolute when DOCKET_PUBLIC_URL is set */
  link: string;
  user: { id: string; username: string; displayName: string; email: string | null };
  message: { zh: string; en: string };
  createdAt: string;
}

/** What an e-mail holds. */
export interface MailBody {
  to: string;
  subject: string;
  text: string;
  /** stable per notification, so a mail sent twice is recognisably the same */
  messageId: string;
}

const MAX_PAGE_SIZE = 100;

/**
 * Notifications: stored per user in the transaction of what caused them, each with its outbox
 * rows for delivery beyond the page (a webhook, e-mail), so neither is lost by a crash and
 * neither is written twice (unique per user and key).
 */
@Injectable()
export class NotificationsService {
  constructor(
    private readonly db: Db,
    private readonly config: AppConfig,
  ) {}

  /** Give the notice to these users inside the caller's transaction; returns the ids of the ones newly stored. */
  async notify(m: EntityManager, notice: Notice, userIds: readonly string[], now = new Date()): Promise<string[]> {
    const ids = [...new Set(userIds)].filter((id) => id && id !== 'system' && id !== 'public');
    if (ids.length === 0) return [];
    // in one order on every instance, so two writing at once do not deadlock on each other's rows
    const users = await m.find(UserEntity, { where: { id: In(ids), deactivatedAt: IsNull() }, order: { id: 'ASC' } });
    const at = now.toISOString();
    const stored: string[] = [];
    for (const user of users) {
      const id = randomUUID();
      const p = (i: number) => param(m, i);
      const sql =
        'INSERT INTO notifications (id, user_id, type, case_id, message_zh, message_en, dedupe_key, created_at) ' +
        `VALUES (${p(1)}, ${p(2)}, ${p(3)}, ${p(4)}, ${p(5)}, ${p(6)}, ${p(7)}, ${p(8)}) ` +
        'ON CONFLICT (user_id, dedupe_key) DO NOTHING RETURNING id';
      const key = dedupeKey(notice.caseId, notice.type, notice.key);
      const inserted = await execute(m, sql, [id, user.id, notice.type, notice.caseId, notice.message.zh, notice.message.en, key, at]);
      if (inserted.records.length === 0) continue;
      stored.push(id);
      for (const [channel, body] of this.deliveries(id, notice, user, at)) {
        await m.insert(OutboxEntity, {
          id: randomUUID(),
          notificationId: id,
          channel,
          body,
          attempts: 0,
          nextAttemptAt: at,
          createdAt: at,
        });
      }
    }
    return stored;
  }

  /** The outbox rows a new notification gets: one per channel configured that reaches this user. */
  private deliveries(id: string, n: Notice, user: UserEntity, at: string): [Channel, string][] {
    const link = `${this.config.DOCKET_PUBLIC_URL ?? ''}/cases/${n.caseId}`;
    const out: [Channel, string][] = [];
    if (this.config.DOCKET_WEBHOOK_URL) {
      const body: WebhookBody = {
        id,
        type: n.type,
        caseId: n.caseId,
        caseTitle: n.caseTitle,
        link,
        user: { id: user.id, username: user.username, displayName: user.displayName, email: user.email },
        message: { zh: n.message.zh, en: n.message.en },
        createdAt: at,
      };
      out.push(['webhook', JSON.stringify(body)]);
    }
    if (this.config.DOCKET_SMTP_URL && user.email) {
      const mail: MailBody = {
        to: user.email,
        subject: `【Docket】${n.message.zh}`,
        text: `${user.displayName}：\n\n${n.message.zh}\n\n案件：${n.caseTitle}\n${link}\n\n${n.message.en}\n`,
        messageId: `<${id}@docket>`,
      };
      out.push(['email', JSON.stringify(mail)]);
    }
    return out;
  }

  /** The user's notifications, newest first, and how many are unread. */
  async list(
    userId: string,
    q: { page?: number; pageSize?: number; unread?: 'true' | 'false' },
    lang: Language,
  ): Promise<NotificationList> {
    const page = q.page ?? 1;
    const pageSize = Math.min(q.pageSize ?? 20, MAX_PAGE_SIZE);
    return this.db.read(async (m) => {
      const where = { userId, ...(q.unread === 'true' ? { readAt: IsNull() } : {}) };
      const [rows, total] = await m.findAndCount(NotificationEntity, {
        where,
        order: { createdAt: 'DESC', id: 'ASC' },
        skip: (page - 1) * pageSize,
        take: pageSize,
      });
      const unread = await m.countBy(NotificationEntity, { userId, readAt: IsNull() });
      const titles = await this.titles(m, [...new Set(rows.map((r) => r.caseId))]);
      return {
        unread,
        page,
        pageSize,
        total,
        items: rows.map((r) => ({
          id: r.id,
          type: r.type as NotificationType,
          caseId: r.caseId,
          caseTitle: titles.get(r.caseId) ?? '',
          message: lang === 'en' ? r.messageEn : r.messageZh,
          createdAt: r.createdAt,
          read: r.readAt !== null,
        })),
      };
    });
  }

  async unread(userId: string): Promise<UnreadCount> {
    return { unread: await this.db.read((m) => m.countBy(NotificationEntity, { userId, readAt: IsNull() })) };
  }

  /** Mark one of the user's notifications read (another user's is 404, as if unknown). */
  async markRead(userId: string, id: string): Promise<UnreadCount> {
    const at = new Date().toISOString();
    await this.db.transaction(async (m) => {
      const row = await m.findOneBy(NotificationEntity, { id, userId });
      if (!row) throw DomainError.notFound({ zh: `没有编号为 ${id} 的通知`, en: `no notification ${id}` });
      if (!row.readAt) await m.update(NotificationEntity, { id }, { readAt: at });
    });
    return this.unread(userId);
  }

  /** Mark all of the user's notifications read. */
  async markAllRead(userId: string): Promise<UnreadCount> {
    const at = new Date().toISOString();
    await this.db.transaction((m) => m.update(NotificationEntity, { userId, readAt: IsNull() }, { readAt: at }));
    return { unread: 0 };
  }

  private async titles(m: EntityManager, caseIds: string[]): Promise<Map<string, string>> {
    if (caseIds.length === 0) return new Map();
    const sql = `SELECT id, title FROM cases WHERE id IN (${caseIds.map((_, i) => param(m, i + 1)).join(', ')})`;
    const rows = (await execute(m, sql, caseIds)).records as { id: string; title: string }[];
    return new Map(rows.map((r) => [r.id, r.title]));
  }
}

/** The stored key: bounded in length whatever the parts. */
function dedupeKey(caseId: string, type: string, key: string): string {
  const raw = `${caseId}:${type}:${key}`;
  return raw.length <= 200 ? raw : `${type}:${createHash('sha256').update(raw).digest('hex')}`;
}
