import { ApiProperty } from '@nestjs/swagger';

// The answers of /api/notifications, as classes the Swagger CLI plugin describes.

/** What a notification tells: each kind has its cause. */
export const NOTIFICATION_TYPES = [
  'ASSIGNED',
  'COMMENT_RECEIVED',
  'COPIED',
  'DEADLINE_APPROACHING',
  'FILING_HELD',
  'FILING_RECEIVED',
  'FILING_REGISTERED',
  'FILING_REVIEWED',
  'OPINION_ISSUED',
  'OVERDUE',
  'RETURNED_FOR_CORRECTION',
  'SUBMITTED_FOR_REVIEW',
  'URGED',
  'WITHDRAWN',
] as const;
export type NotificationType = (typeof NOTIFICATION_TYPES)[number];

export class NotificationItem {
  id: string;
  @ApiProperty({ enum: NOTIFICATION_TYPES, enumName: 'NotificationType' })
  type: NotificationType;
  /** the case it leads to */
  caseId: string;
  caseTitle: string;
  message: string;
  createdAt: string;
  read: boolean;
}

export class NotificationList {
  /** how many of the user's notifications are unread, all pages together */
  unread: number;
  /** newest first */
  items: NotificationItem[];
  page: number;
  pageSize: number;
  total: number;
}

export class UnreadCount {
  unread: number;
}
