import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { defaultMetadataStorage } = require('class-transformer/cjs/storage') as typeof import('class-transformer/types/storage');
import { validationMetadatasToSchemas } from 'class-validator-jsonschema';
import { diagramOf, Language, ProcedureId, procedureOf, procedures, releases, ROLES, Text } from '../../workflows';
import { ROLE_ZH } from '../cases/access';
import { EVENT_DATA } from '../cases/dto/event-data.dto';
import { type Coding, compress } from '../common/content-coding';

type Schema = Record<string, unknown>;

const pick = (t: Text, lang: Language) => t[lang];

const REF = '#/definitions/';

/** The names of the definitions a schema refers to, directly or through each other. */
function referenced(schema: unknown, all: Record<string, Schema>, found = new Set<string>()): Set<string> {
  if (Array.isArray(schema)) for (const s of schema) referenced(s, all, found);
  else if (schema && typeof schema === 'object') {
    for (const [k, v] of Object.entries(schema)) {
      if (k === '$ref' && typeof v === 'string' && v.startsWith(REF)) {
        const name = v.slice(REF.length);
        if (!found.has(name) && all[name]) {
          found.add(name);
          referenced(all[name], all, found);
        }
      } else referenced(v, all, found);
    }
  }
  return found;
}

/** The schema without the fields that have no effect in this procedure (the server still accepts them). */
function withoutFields(schema: Schema, names: readonly string[]): Schema {
  if (!names.length) return schema;
  const properties = Object.fromEntries(
    Object.entries((schema.properties ?? {}) as Record<string, unknown>).filter(([k]) => !names.includes(k)),
  );
  const required = ((schema.required ?? []) as string[]).filter((k) => !names.includes(k));
  return { ...schema, properties, ...(schema.required ? { required } : {}) };
}

/**
 * A JSON answer computed once: its text and a strong ETag (the SHA-256 of the text), and the text
 * compressed, each coding made the first time a client accepts it and kept (no request after pays).
 */
export interface Cached {
  body: string;
  etag: string;
  encoded: Partial<Record<Coding, Buffer>>;
}

function cached(value: unknown): Cached {
  const body = JSON.stringify(value);
  return { body, etag: `"${createHash('sha256').update(body).digest('base64url')}"`, encoded: {} };
}

/** The answer's body in `coding` (compressed once), and its ETag: a strong one names one coding's bytes. */
export function encodedAnswer(a: Cached, coding: Coding): { body: Buffer; etag: string } {
  const body = (a.encoded[coding] ??= compress(a.body, coding));
  return { body, etag: `${a.etag.slice(0, -1)}-${coding}"` };
}

/**
 * What clients need to draw a procedure and build its forms, all derived from the definitions:
 * stages and the diagram from the machine, each event's sender and basis from its table entry,
 * and each event's data as JSON Schema from the very class-validator classes the server checks
 * with, so client-side validation matches the server's.
 */
@Injectable()
export class ProceduresService {
  private schemas?: Record<string, Schema>;
  /** descriptions depend only on the code, the version and the language: made once each */
  private readonly answers = new Map<string, Cached>();

  /** `describe` as JSON text with its ETag, or of every procedure when `ids` lists them. */
  answer(key: string, make: () => unknown): Cached {
    let a = this.answers.get(key);
    if (!a) {
      a = cached(make());
      this.answers.set(key, a);
    }
    return a;
  }

  private dataSchemas(): Record<string, Schema> {
    this.schemas ??= validationMetadatasToSchemas({
      refPointerPrefix: '#/definitions/',
      // reads @Type(() => ExpertDto) so nested arrays point at their item schema
      classTransformerMetadataStorage: defaultMetadataStorage,
      additionalConverters: {
        isIsoDate: { type: 'string', format: 'date' },
        isDateOrInstant: { type: 'string', format: 'date-time-or-date' },
      },
    }) as Record<string, Schema>;
    return this.schemas;
  }

  /** A version of the procedure (the newest unless told), with the list of all its versions. */
  describe(id: ProcedureId, lang: Language, version?: number) {
    const def = version === undefined ? procedures[id] : procedureOf(id, version);
    const schemas = this.dataSchemas();
    const diagram = diagramOf(def);
    return {
      id: def.id,
      version: def.version,
      effectiveFrom: def.effectiveFrom,
      changes: def.changes ? pick(def.changes, lang) : null,
      versions: releases[id].map((v) => ({
        version: v.version,
        effectiveFrom: v.effectiveFrom,
        changes: v.changes ? pick(v.changes, lang) : null,
        migratesFrom: v.migration?.from ?? null,
      })),
      label: pick(def.label, lang),
      stages: Object.entries(def.stages).map(([stage, label]) => ({ id: stage, label: pick(label, lang) })),
      diagram: {
        nodes: diagram.nodes.map((n) => ({ ...n, label: pick(n.label, lang) })),
        edges: diagram.edges.map((e) => ({ ...e, label: pick(e.label, lang) })),
        stageEdges: diagram.stageEdges.map((e) => ({ ...e, label: pick(e.label, lang) })),
      },
      events: Object.entries(def.events).map(([type, ev]) => {
        const dataClass = EVENT_DATA[type];
        const own = withoutFields(schemas[dataClass.name] ?? { type: 'object', properties: {} }, ev.inert ?? []);
        // each schema stands alone with only the definitions it refers to (not all 56 of them, 39 times over)
        const refs = [...referenced(own, schemas)].sort();
        return {
          type,
          label: pick(ev.label, lang),
          /** a role, or `issuing-organ` when a department-issued document's own staff send it */
          by: typeof ev.by === 'function' ? 'issuing-organ' : ev.by,
          system: Boolean(ev.system),
          legalBasis: pick(ev.basis, lang),
          schema: {
            ...own,
            additionalProperties: false,
            ...(refs.length ? { definitions: Object.fromEntries(refs.map((r) => [r, schemas[r]])) } : {}),
          },
        };
      }),
      roles: ROLES.map((r) => ({ id: r, label: lang === 'zh' ? ROLE_ZH[r] : r })),
    };
  }
}
