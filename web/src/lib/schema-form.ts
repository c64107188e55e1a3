// Forms built from the JSON Schema the server publishes for each event's data (generated from its
// own validation classes), and checked with ajv before sending, with the problems in Chinese.
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { FieldProblem, JsonSchema } from './api';
import { ENUM_LABELS, FIELD_HELP, fieldLabel } from './labels';

export type FieldKind = 'text' | 'textarea' | 'switch' | 'select' | 'date' | 'lines' | 'rows';

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
    return { ...base, kind: 'lines', minItems: s.minItems, maxLength: item.maxLength };
  }
  if (s.format === 'date') return { ...base, kind: 'date' };
  const long = (s.maxLength ?? Infinity) > LONG_TEXT;
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

const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv, ['date']);
// the server's "a date or an instant" (occurredAt)
ajv.addFormat('date-time-or-date', /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/);

const compiled = new WeakMap<JsonSchema, ValidateFunction>();

function validatorFor(schema: JsonSchema): ValidateFunction {
  let v = compiled.get(schema);
  if (!v) {
    v = ajv.compile(schema);
    compiled.set(schema, v);
  }
  return v;
}

/** Field path (`experts.0.name`) → the problem in Chinese. */
export type FieldErrors = Record<string, string>;

function specAt(path: string, fields: FieldSpec[]): { label: string; spec?: FieldSpec } {
  const parts = path.split('.');
  let spec = fields.find((f) => f.name === parts[0]);
  let label = spec?.label ?? parts[0];
  if (spec?.kind === 'rows' && parts.length >= 3) {
    const inner = spec.itemFields?.find((f) => f.name === parts[2]);
    label = `第 ${Number(parts[1]) + 1} 位${spec.label}的${inner?.label ?? parts[2]}`;
    spec = inner;
  } else if (spec?.kind === 'lines' && parts.length >= 2) {
    label = `${spec.label}第 ${Number(parts[1]) + 1} 项`;
  }
  return { label, spec };
}

const labelAt = (path: string, fields: FieldSpec[]) => specAt(path, fields).label;

function messageOf(e: ErrorObject, label: string, spec?: FieldSpec): string {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required':
      return spec?.kind === 'date' || spec?.kind === 'select' ? `请选择${label}` : `请填写${label}`;
    case 'minLength':
      return Number(p.limit) <= 1 ? `请填写${label}` : `${label}至少 ${String(p.limit)} 个字`;
    case 'maxLength':
      return `${label}不能超过 ${String(p.limit)} 个字`;
    case 'format':
      return `请选择正确的日期`;
    case 'enum':
      return `请从列表中选择${label}`;
    case 'minItems':
      return Number(p.limit) <= 1 ? `请至少填写一项${label}` : `${label}至少填写 ${String(p.limit)} 项`;
    case 'maxItems':
      return `${label}最多 ${String(p.limit)} 项`;
    case 'type':
      return `${label}的填写格式不正确`;
    case 'additionalProperties':
      return `含有不应填写的内容：${String(p.additionalProperty)}`;
    default:
      return `${label}不符合要求`;
  }
}

/** Check `data` against the event's schema; the problems by field path, empty when it passes. */
export function validate(schema: JsonSchema, data: unknown, fields: FieldSpec[]): FieldErrors {
  const v = validatorFor(schema);
  if (v(data)) return {};
  const errors: FieldErrors = {};
  for (const e of v.errors ?? []) {
    let path = e.instancePath.replace(/^\//, '').replace(/\//g, '.');
    if (e.keyword === 'required') path = path ? `${path}.${String(e.params.missingProperty)}` : String(e.params.missingProperty);
    const key = path || '_';
    const { label, spec } = specAt(path, fields);
    errors[key] ??= messageOf(e, label, spec);
  }
  return errors;
}

/** The server's 400 field problems (`data.experts.0.name`), named in Chinese. */
export function serverFieldErrors(problems: FieldProblem[], fields: FieldSpec[], prefix = 'data.'): FieldErrors {
  const errors: FieldErrors = {};
  for (const p of problems) {
    const path = p.field.startsWith(prefix) ? p.field.slice(prefix.length) : p.field;
    errors[path] = `${labelAt(path, fields)}填写不符合要求`;
  }
  return errors;
}
