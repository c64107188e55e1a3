// Forms built from the JSON Schema the server publishes for each event's data (generated from its
// own validation classes), and checked before sending, with the problems in the page language. The check is
// a small interpreter of the keywords the server emits: a compiling validator (ajv) generates code
// with new Function, which the pages' Content-Security-Policy (no 'unsafe-eval') refuses.
import type { FieldProblem, JsonSchema } from './api';
import { i18n } from '../i18n';
import { ENUM_LABELS, FIELD_HELP, fieldLabel } from './labels';

const t = i18n.global.t;

export type FieldKind = 'text' | 'textarea' | 'switch' | 'select' | 'date' | 'lines' | 'items' | 'rows';

export interface FieldSpec {
  name: string;
  label: string;
  kind: FieldKind;
  required: boolean;
  help?: string;
  maxLength?: number;
  options?: { value: string; label: string }[];
  /** the fields of one row, for arrays of objects (experts) */
  itemFields?: FieldSpec[];
  minItems?: number;
}

/** Strings longer than this get a multi-line box. */
const LONG_TEXT = 500;

/** Fields written as sentences, whatever their length: a multi-line box. */
const MULTILINE = new Set(['reason']);

/** Lists of texts entered item by item (a line each, with 添加一项), not as one box of lines. */
const ITEM_LISTS = new Set(['missingItems']);

function resolve(schema: JsonSchema, root: JsonSchema): JsonSchema {
  if (schema.$ref) {
    const name = schema.$ref.replace('#/definitions/', '');
    return root.definitions?.[name] ?? {};
  }
  return schema;
}

function fieldOf(name: string, raw: JsonSchema, required: boolean, root: JsonSchema, eventType?: string): FieldSpec {
  const s = resolve(raw, root);
  const base = { name, label: fieldLabel(name, eventType), required, help: FIELD_HELP[name] };
  if (s.type === 'boolean') return { ...base, kind: 'switch' };
  if (s.enum) {
    return { ...base, kind: 'select', options: s.enum.map((v) => ({ value: v, label: ENUM_LABELS[name]?.[v] ?? v })) };
  }
  if (s.type === 'array') {
    const item = resolve(s.items ?? {}, root);
    if (item.type === 'object' || item.properties) {
      return { ...base, kind: 'rows', itemFields: fieldsOf(item, root, eventType), minItems: s.minItems };
    }
    return { ...base, kind: ITEM_LISTS.has(name) ? 'items' : 'lines', minItems: s.minItems, maxLength: item.maxLength };
  }
  if (s.format === 'date') return { ...base, kind: 'date' };
  const long = (s.maxLength ?? Infinity) > LONG_TEXT || MULTILINE.has(name);
  return { ...base, kind: long ? 'textarea' : 'text', maxLength: s.maxLength };
}

/** The fields of an object schema, in the order the server declares them. */
export function fieldsOf(schema: JsonSchema, root: JsonSchema = schema, eventType?: string): FieldSpec[] {
  const s = resolve(schema, root);
  const required = new Set(s.required ?? []);
  return Object.entries(s.properties ?? {}).map(([name, prop]) => fieldOf(name, prop, required.has(name), root, eventType));
}

/** A fresh value for a field: false for switches, one empty row for required rows, else empty. */
export function emptyValue(f: FieldSpec): unknown {
  switch (f.kind) {
    case 'switch':
      return false;
    case 'rows':
      return f.required ? [emptyRow(f)] : [];
    case 'lines':
      return '';
    case 'items':
      // one empty line to type the first item into
      return [''];
    default:
      return '';
  }
}

export function emptyRow(f: FieldSpec): Record<string, unknown> {
  return Object.fromEntries((f.itemFields ?? []).map((i) => [i.name, emptyValue(i)]));
}

export function emptyModel(fields: FieldSpec[]): Record<string, unknown> {
  return Object.fromEntries(fields.map((f) => [f.name, emptyValue(f)]));
}

/**
 * The form's values as the event's data: lines split into a list, and optional fields left empty
 * are not sent at all (the server would refuse an empty text where it wants one or none).
 */
export function toData(fields: FieldSpec[], model: Record<string, unknown>): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const f of fields) {
    let v = model[f.name];
    if (f.kind === 'lines') {
      v = String(v ?? '')
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean);
    } else if (f.kind === 'items') {
      v = ((v as unknown[]) ?? []).map((x) => String(x ?? '').trim()).filter(Boolean);
    } else if (f.kind === 'rows') {
      v = ((v as Record<string, unknown>[]) ?? []).map((row) => toData(f.itemFields ?? [], row));
    } else if (typeof v === 'string' && f.kind !== 'textarea') {
      v = v.trim();
    }
    // nothing typed: not sent, so a required field is reported as missing ("请填写…")
    if (v === null || v === undefined || (typeof v === 'string' && v.trim() === '')) continue;
    if (Array.isArray(v) && v.length === 0 && !f.required) continue;
    data[f.name] = v;
  }
  return data;
}

// ───────────────────────── validation ─────────────────────────

/** One broken rule, named as ajv names them: the keyword, where (a JSON pointer) and its parameters. */
interface SchemaError {
  keyword: string;
  instancePath: string;
  params: Record<string, unknown>;
}

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const FORMATS: Record<string, (s: string) => boolean> = {
  // a real calendar date, YYYY-MM-DD
  date: (s) => {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
    if (!m) return false;
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
    return mo >= 1 && mo <= 12 && d >= 1 && d <= (mo === 2 && !leap ? 28 : DAYS_IN_MONTH[mo - 1]);
  },
  // the server's "a date or an instant" (occurredAt)
  'date-time-or-date': (s) => /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/.test(s),
  uuid: (s) => /^[0-9a-f]{8}-(?:[0-9a-f]{4}-){3}[0-9a-f]{12}$/i.test(s),
};

const patterns = new Map<string, RegExp>();
const patternOf = (p: string) => {
  let r = patterns.get(p);
  if (!r) patterns.set(p, (r = new RegExp(p, 'u')));
  return r;
};

function typeMatches(type: string, v: unknown): boolean {
  switch (type) {
    case 'string':
      return typeof v === 'string';
    case 'boolean':
      return typeof v === 'boolean';
    case 'integer':
      return Number.isInteger(v);
    case 'number':
      return typeof v === 'number' && Number.isFinite(v);
    case 'array':
      return Array.isArray(v);
    case 'object':
      return typeof v === 'object' && v !== null && !Array.isArray(v);
    case 'null':
      return v === null;
    default:
      return true;
  }
}

function check(raw: JsonSchema, v: unknown, root: JsonSchema, path: string, out: SchemaError[]): void {
  const s = resolve(raw, root);
  const fail = (keyword: string, params: Record<string, unknown> = {}): void => {
    out.push({ keyword, instancePath: path, params });
  };
  const types = s.type === undefined ? [] : Array.isArray(s.type) ? s.type : [s.type];
  if (types.length && !types.some((t) => typeMatches(t, v))) return fail('type', { type: s.type });
  if (s.enum && !s.enum.some((e) => e === v)) fail('enum', { allowedValues: s.enum });
  if (typeof v === 'string') {
    const length = [...v].length;
    if (s.minLength !== undefined && length < s.minLength) fail('minLength', { limit: s.minLength });
    if (s.maxLength !== undefined && length > s.maxLength) fail('maxLength', { limit: s.maxLength });
    if (s.pattern !== undefined && !patternOf(s.pattern).test(v)) fail('pattern', { pattern: s.pattern });
    if (s.format !== undefined && FORMATS[s.format] && !FORMATS[s.format](v)) fail('format', { format: s.format });
  }
  if (typeof v === 'number') {
    if (s.minimum !== undefined && v < s.minimum) fail('minimum', { limit: s.minimum });
    if (s.maximum !== undefined && v > s.maximum) fail('maximum', { limit: s.maximum });
  }
  if (Array.isArray(v)) {
    if (s.minItems !== undefined && v.length < s.minItems) fail('minItems', { limit: s.minItems });
    if (s.maxItems !== undefined && v.length > s.maxItems) fail('maxItems', { limit: s.maxItems });
    if (s.items) v.forEach((item, i) => check(s.items!, item, root, `${path}/${i}`, out));
  }
  if (typeof v === 'object' && v !== null && !Array.isArray(v)) {
    const obj = v as Record<string, unknown>;
    for (const name of s.required ?? []) if (!(name in obj)) fail('required', { missingProperty: name });
    for (const [name, value] of Object.entries(obj)) {
      const prop = s.properties?.[name];
      if (prop) check(prop, value, root, `${path}/${name}`, out);
      else if (s.additionalProperties === false) fail('additionalProperties', { additionalProperty: name });
    }
  }
}

/** Field path (`experts.0.name`) → the problem in the page language. */
export type FieldErrors = Record<string, string>;

function specAt(path: string, fields: FieldSpec[]): { label: string; spec?: FieldSpec } {
  const parts = path.split('.');
  let spec = fields.find((f) => f.name === parts[0]);
  let label = spec?.label ?? parts[0];
  if (spec?.kind === 'rows' && parts.length >= 3) {
    const inner = spec.itemFields?.find((f) => f.name === parts[2]);
    label = t('form.rowField', { n: Number(parts[1]) + 1, label: spec.label, inner: inner?.label ?? parts[2] });
    spec = inner;
  } else if ((spec?.kind === 'lines' || spec?.kind === 'items') && parts.length >= 2) {
    label = t('form.lineOf', { label: spec.label, n: Number(parts[1]) + 1 });
  }
  return { label, spec };
}

const labelAt = (path: string, fields: FieldSpec[]) => specAt(path, fields).label;

function messageOf(e: SchemaError, label: string, spec?: FieldSpec): string {
  const p = e.params;
  switch (e.keyword) {
    case 'required':
      return spec?.kind === 'date' || spec?.kind === 'select' ? t('form.pleaseChoose', { label }) : t('form.pleaseFill', { label });
    case 'minLength':
      return Number(p.limit) <= 1 ? t('form.pleaseFill', { label }) : t('form.minLength', { label, limit: String(p.limit) });
    case 'maxLength':
      return t('form.maxLength', { label, limit: String(p.limit) });
    case 'format':
      return t('form.badDate');
    case 'enum':
      return t('form.fromList', { label });
    case 'minItems':
      return Number(p.limit) <= 1 ? t('form.atLeastOne', { label }) : t('form.minItems', { label, limit: String(p.limit) });
    case 'maxItems':
      return t('form.maxItems', { label, limit: String(p.limit) });
    case 'type':
      return t('form.badType', { label });
    case 'additionalProperties':
      return t('form.extra', { name: String(p.additionalProperty) });
    default:
      return t('form.notAllowed', { label });
  }
}

/** Check `data` against the event's schema; the problems by field path, empty when it passes. */
export function validate(schema: JsonSchema, data: unknown, fields: FieldSpec[]): FieldErrors {
  const found: SchemaError[] = [];
  check(schema, data, schema, '', found);
  const errors: FieldErrors = {};
  for (const e of found) {
    let path = e.instancePath.replace(/^\//, '').replace(/\//g, '.');
    if (e.keyword === 'required') path = path ? `${path}.${String(e.params.missingProperty)}` : String(e.params.missingProperty);
    const key = path || '_';
    const { label, spec } = specAt(path, fields);
    errors[key] ??= messageOf(e, label, spec);
  }
  return errors;
}

/** The server's 400 field problems (`data.experts.0.name`), named in the page language. */
export function serverFieldErrors(problems: FieldProblem[], fields: FieldSpec[], prefix = 'data.'): FieldErrors {
  const errors: FieldErrors = {};
  for (const p of problems) {
    const path = p.field.startsWith(prefix) ? p.field.slice(prefix.length) : p.field;
    errors[path] = t('form.serverRefused', { label: labelAt(path, fields) });
  }
  return errors;
}
