// Record values as an official reads them: dates in Chinese, yes/no, enumerations in words.
import { cnDate } from './format';
import type { JsonSchema } from './api';
import { i18n } from '../i18n';
import { ENUM_LABELS, enumLabel, FIELD_LABELS, fieldLabel } from './labels';

export interface Row {
  label: string;
  value: string;
  /** long text kept with its line breaks */
  long?: boolean;
  /** shown as its author wrote it (a name, a reason, a document number), not in the page's words */
  verbatim?: boolean;
  testid?: string;
}

/** internal ids that mean nothing to a reader */
const HIDDEN_IDS = new Set(['reviewerId', 'actorId', 'itemId', 'migrationId', 'filingId']);

const DATE_FIELD = /(On|Date|Deadline)$|^(validUntil|on|createdAt|lastEventDate|correctBy|supplyBy|respondBy)$/;

export function show(field: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '';
  if (typeof value === 'boolean') return i18n.global.t(value ? 'common.yes' : 'common.no');
  if (Array.isArray(value)) return value.map((v) => show(field, v)).join(i18n.global.t('common.listJoin'));
  if (typeof value === 'string' && DATE_FIELD.test(field) && /^\d{4}-\d{2}-\d{2}/.test(value)) return cnDate(value);
  if (typeof value === 'string' && ENUM_LABELS[field]) return enumLabel(field, value);
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** Whether a value is shown as its author wrote it: free text, not a date, an enumeration or yes/no. */
export function isVerbatim(field: string, value: unknown): boolean {
  if (Array.isArray(value)) return value.some((v) => isVerbatim(field, v));
  if (typeof value !== 'string') return false;
  if (DATE_FIELD.test(field) && /^\d{4}-\d{2}-\d{2}/.test(value)) return false;
  return !ENUM_LABELS[field];
}

/** Rows for the given fields of an object, skipping empty ones; labels overridable. */
export function rowsOf(obj: unknown, fields: string[], labels: Record<string, string> = {}): Row[] {
  if (!obj || typeof obj !== 'object') return [];
  const o = obj as Record<string, unknown>;
  const rows: Row[] = [];
  for (const f of fields) {
    const v = show(f, o[f]);
    if (v === '') continue;
    rows.push({
      label: labels[f] ?? FIELD_LABELS[f] ?? f,
      value: v,
      long: typeof o[f] === 'string' && (o[f] as string).length > 60,
      verbatim: isVerbatim(f, o[f]),
    });
  }
  return rows;
}

/** Every field of an object, flattened one level deep (records the page has no special view for). */
export function allRows(obj: unknown, prefix = ''): Row[] {
  if (!obj || typeof obj !== 'object') return [];
  const rows: Row[] = [];
  for (const [k, v] of Object.entries(obj as Record<string, unknown>)) {
    if (HIDDEN_IDS.has(k)) continue;
    const label = `${prefix}${FIELD_LABELS[k] ?? k}`;
    if (v && typeof v === 'object' && !Array.isArray(v)) rows.push(...allRows(v, `${label} · `));
    else if (Array.isArray(v) && v.some((x) => x && typeof x === 'object')) {
      v.forEach((x, i) => rows.push(...allRows(x, `${label}${i18n.global.t('common.nth', { n: i + 1 })} · `)));
    } else {
      const s = show(k, v);
      if (s !== '') rows.push({ label, value: s, long: typeof v === 'string' && v.length > 60, verbatim: isVerbatim(k, v) });
    }
  }
  return rows;
}

function ordered(obj: Record<string, unknown>, schema?: JsonSchema): string[] {
  const order = Object.keys(schema?.properties ?? {});
  return [...order.filter((k) => k in obj), ...Object.keys(obj).filter((k) => !order.includes(k))];
}

function resolve(schema: JsonSchema | undefined, root: JsonSchema | undefined): JsonSchema | undefined {
  if (schema?.$ref) return root?.definitions?.[schema.$ref.replace('#/definitions/', '')];
  return schema;
}

/**
 * An event's data as rows, in the order its schema declares the fields, labelled as the event's
 * form labels them; a list of objects (experts) gives one line per item.
 */
export function dataRows(data: Record<string, unknown>, eventType?: string, schema?: JsonSchema): Row[] {
  const rows: Row[] = [];
  for (const k of ordered(data, schema)) {
    if (HIDDEN_IDS.has(k)) continue;
    const v = data[k];
    const label = fieldLabel(k, eventType);
    if (Array.isArray(v) && v.some((x) => x && typeof x === 'object')) {
      const itemSchema = resolve(resolve(schema?.properties?.[k], schema)?.items, schema);
      v.forEach((item, i) => {
        const o = item as Record<string, unknown>;
        const fields = ordered(o, itemSchema);
        const parts = fields.map((f) => i18n.global.t('common.pair', { label: fieldLabel(f), value: show(f, o[f]) }));
        rows.push({
          label: `${label}${i18n.global.t('common.nth', { n: i + 1 })}`,
          value: parts.join(i18n.global.t('common.partsJoin')),
          verbatim: fields.some((f) => isVerbatim(f, o[f])),
        });
      });
    } else if (v && typeof v === 'object' && !Array.isArray(v)) {
      rows.push(...allRows(v, `${label} · `));
    } else {
      const text = show(k, v);
      if (text !== '') rows.push({ label, value: text, long: typeof v === 'string' && v.length > 60, verbatim: isVerbatim(k, v) });
    }
  }
  return rows;
}
