// The county's words for everything the API names by a code, in the page's language (the words
// themselves are in web/src/i18n/areas/labels.ts). Each map below reads the current language on
// every lookup, so a page that shows a label follows a change of language.
import { i18n, pageLanguage } from '../i18n';
import labels from '../i18n/areas/labels';
import type { Role } from './api';

type Words = typeof labels.zh;

function words(): Words {
  return pageLanguage() === 'en-US' ? (labels.en as Words) : labels.zh;
}

/** A map that answers from the current language's words. */
function live<T extends object>(pick: (w: Words) => T): T {
  return new Proxy({} as T, {
    get: (_t, key) => Reflect.get(pick(words()), key) as unknown,
    has: (_t, key) => key in pick(words()),
    ownKeys: () => Reflect.ownKeys(pick(words())),
    getOwnPropertyDescriptor: (_t, key) => {
      const d = Reflect.getOwnPropertyDescriptor(pick(words()), key);
      return d ? { ...d, configurable: true } : undefined;
    },
  });
}

export const ROLE_LABELS: Record<string, string> = live((w) => w.role);

export const roleLabel = (r: string) => ROLE_LABELS[r] ?? r;
export const rolesLabel = (roles: readonly Role[]) => roles.map(roleLabel).join(i18n.global.t('common.listJoin'));

export const PROCEDURE_LABELS: Record<string, string> = live((w) => w.procedure);

export const procedureLabel = (p: string) => PROCEDURE_LABELS[p] ?? p;

/** Labels of the data fields of every event (and of the records that keep them). */
export const FIELD_LABELS: Record<string, string> = live((w) => w.field);

/** Where the same field means something else in one event. */
const EVENT_FIELD_LABELS: Record<string, Record<string, string>> = live((w) => w.eventField);

export function fieldLabel(name: string, eventType?: string): string {
  return (eventType && EVENT_FIELD_LABELS[eventType]?.[name]) || FIELD_LABELS[name] || name;
}

/** Help shown under a field, where the law says something the official should know. */
export const FIELD_HELP: Record<string, string> = live((w) => w.help);

/** Labels of enumerated values, by field. */
export const ENUM_LABELS: Record<string, Record<string, string>> = live((w) => w.enum);

export function enumLabel(field: string, value: unknown): string {
  const v = String(value);
  return ENUM_LABELS[field]?.[v] ?? v;
}

/** Audit event types that are not events of a procedure. */
export const EXTRA_EVENT_LABELS: Record<string, string> = live((w) => w.extraEvent);

/** What an attachment is in the case file, in the order the panel offers them. */
export const ATTACHMENT_KIND_LABELS: Record<string, string> = live((w) => w.attachmentKind);

/** Procedure events that send a case back a step: their buttons are told apart from the ones that carry it on. */
export const GOING_BACK = new Set(['WITHDRAW_SUBMISSION', 'RETURN_FOR_CORRECTION']);

/** What a notification is about, in a word or two. */
export const NOTIFICATION_LABELS: Record<string, string> = live((w) => w.notification);

/** The tag colour of a notification: the ones that press for action stand out. */
export const NOTIFICATION_TAG: Record<string, 'danger' | 'warning' | 'primary' | 'info' | 'success'> = {
  OVERDUE: 'danger',
  URGED: 'danger',
  DEADLINE_APPROACHING: 'warning',
  RETURNED_FOR_CORRECTION: 'warning',
  WITHDRAWN: 'warning',
  ASSIGNED: 'primary',
  SUBMITTED_FOR_REVIEW: 'primary',
  OPINION_ISSUED: 'success',
  COPIED: 'info',
  COMMENT_RECEIVED: 'info',
  FILING_RECEIVED: 'primary',
  FILING_HELD: 'warning',
  FILING_REGISTERED: 'info',
  FILING_REVIEWED: 'success',
};

/** Editions of the rules, for an event whose case does not name it (the case's own list comes first). */
export const RULEBOOK_LABELS: Record<string, string> = live((w) => w.rulebook);

/** `第 2 版` */
export const versionLabel = (v: number | null | undefined) =>
  v === null || v === undefined ? '' : words().version.replace('{v}', String(v));

/** Parallel tracks of a decision's consultation stage. */
export const TRACK_LABELS: Record<string, string> = live((w) => w.track);

export const DECISION_LABELS: Record<string, string> = live((w) => w.decision);

/** Refusal codes in plain words (the inbox lists only the codes of refused requests). */
export const CODE_LABELS: Record<string, string> = live((w) => w.code);

/**
 * The rules behind a refusal, in short words: the refusal log keeps only their codes (the case
 * page, where the request is made, shows each rule's full message and article).
 */
export const BLOCKER_LABELS: Record<string, string> = live((w) => w.blocker);
