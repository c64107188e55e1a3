// 备案审查 as the pages show it: a filing's acts as forms the event dialog draws (their data's
// schema as the server checks it, src/filings/filings.dto.ts), what each status allows, and a
// filing's due date in the shape the due tag reads.
import { i18n } from '../i18n';
import type { DueSummary, Filing, FilingStatus, JsonSchema, ProcedureEventDef } from './api';
import { todayIso } from './format';

export type FilingAct = 'REGISTER_FILING' | 'HOLD_FILING' | 'ISSUE_FILING_REVIEW';

/** The statuses in the order a filing goes through them, as the inbox's tabs list them. */
export const FILING_TABS: FilingStatus[] = ['received', 'held', 'registered', 'reviewed'];

/** The acts each status allows (a held filing is registered once what was missing is supplied). */
export const ACTS_IN: Record<FilingStatus, FilingAct[]> = {
  received: ['REGISTER_FILING', 'HOLD_FILING'],
  held: ['REGISTER_FILING'],
  registered: ['ISSUE_FILING_REVIEW'],
  reviewed: [],
};

const DATE: JsonSchema = { type: 'string', format: 'date' };

const SCHEMAS: Record<FilingAct, JsonSchema> = {
  REGISTER_FILING: { type: 'object', properties: {} },
  HOLD_FILING: {
    type: 'object',
    properties: { reason: { type: 'string', minLength: 1, maxLength: 2000 }, correctBy: DATE },
    required: ['reason', 'correctBy'],
  },
  ISSUE_FILING_REVIEW: {
    type: 'object',
    properties: {
      conclusion: { type: 'string', enum: ['no-issue', 'suggest-amendment', 'correction-ordered'] },
      opinion: { type: 'string', minLength: 1, maxLength: 5000 },
      correctBy: DATE,
    },
    required: ['conclusion', 'opinion'],
  },
};

/** The filing acts as the filed document's history records them (`FILING_HELD`…): their data's fields in the act's order. */
const RECORDED: Record<string, FilingAct> = {
  FILING_REGISTERED: 'REGISTER_FILING',
  FILING_HELD: 'HOLD_FILING',
  FILING_REVIEWED: 'ISSUE_FILING_REVIEW',
};
export const recordedFilingSchema = (eventType: string): JsonSchema | undefined =>
  RECORDED[eventType] ? SCHEMAS[RECORDED[eventType]] : undefined;

/** A filing act as the event dialog takes an event: its words in the page's language. */
export function filingAct(type: FilingAct): ProcedureEventDef {
  const t = i18n.global.t;
  return {
    type,
    by: 'filingReviewer',
    system: false,
    label: t(`filings.act.${type}`),
    legalBasis: t(type === 'ISSUE_FILING_REVIEW' ? 'filings.basisReview' : 'filings.basis'),
    schema: SCHEMAS[type],
  };
}

/** Help under the act's fields, where the form alone does not say it. */
export function filingHints(type: FilingAct): Record<string, string> {
  const t = i18n.global.t;
  const occurredAt = t(type === 'ISSUE_FILING_REVIEW' ? 'filings.hint.reviewedAt' : 'filings.hint.occurredAt');
  if (type === 'HOLD_FILING') return { reason: t('filings.hint.holdReason'), correctBy: t('filings.hint.supplyBy'), occurredAt };
  if (type === 'ISSUE_FILING_REVIEW') return { opinion: t('filings.hint.opinion'), correctBy: t('filings.hint.correctBy'), occurredAt };
  return { occurredAt };
}

/** The date the reviewer's next step is due by (registration, then review), for the due tag; none once held or reviewed. */
export function filingDue(f: Filing): DueSummary | null {
  if (!f.dueOn || (f.status !== 'received' && f.status !== 'registered')) return null;
  return { date: f.dueOn, overdue: f.overdue, overdueSince: f.overdue ? f.dueOn : null, provisional: false, code: null, label: '' };
}

/** A hold whose date to supply by has passed: the filing government is late. */
export const supplyLate = (f: Filing) => f.status === 'held' && Boolean(f.supplyBy && f.supplyBy < todayIso());
