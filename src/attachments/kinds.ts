import { text, type Text } from '../../workflows';

/** What an attachment is in the case file. */
export const ATTACHMENT_KINDS = ['drafting-explanation', 'draft', 'expert-report', 'risk-report', 'meeting-minutes', 'other'] as const;
export type AttachmentKind = (typeof ATTACHMENT_KINDS)[number];

export const KIND_LABELS: Record<AttachmentKind, Text> = {
  'drafting-explanation': text('起草说明', 'Drafting explanation'),
  draft: text('送审稿', 'Draft for review'),
  'expert-report': text('专家论证报告', 'Expert report'),
  'risk-report': text('风险评估报告', 'Risk assessment report'),
  'meeting-minutes': text('会议纪要', 'Meeting minutes'),
  other: text('其他材料', 'Other'),
};

export const isAttachmentKind = (v: unknown): v is AttachmentKind =>
  typeof v === 'string' && (ATTACHMENT_KINDS as readonly string[]).includes(v);
