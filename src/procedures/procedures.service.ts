import { Injectable } from '@nestjs/common';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { defaultMetadataStorage } = require('class-transformer/cjs/storage') as typeof import('class-transformer/types/storage');
import { validationMetadatasToSchemas } from 'class-validator-jsonschema';
import { diagramOf, Language, ProcedureId, procedureOf, procedures, releases, ROLES, Text } from '../../workflows';
import { ROLE_ZH } from '../cases/access';
import { EVENT_DATA } from '../cases/dto/event-data.dto';

type Schema = Record<string, unknown>;

const pick = (t: Text, lang: Language) => t[lang];

/**
 * What clients need to draw a procedure and build its forms, all derived from the definitions:
 * stages and the diagram from the machine, each event's sender and basis from its table entry,
 * and each event's data as JSON Schema from the very class-validator classes the server checks
 * with, so client-side validation matches the server's.
 */
@Injectable()
export class ProceduresService {
  private schemas?: Record<string, Schema>;

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
        return {
          type,
          label: pick(ev.label, lang),
          /** a role, or `issuing-organ` when a department-issued document's own staff send it */
          by: typeof ev.by === 'function' ? 'issuing-organ' : ev.by,
          system: Boolean(ev.system),
          legalBasis: pick(ev.basis, lang),
          schema: { ...(schemas[dataClass.name] ?? { type: 'object', properties: {} }), additionalProperties: false, definitions: schemas },
        };
      }),
      roles: ROLES.map((r) => ({ id: r, label: lang === 'zh' ? ROLE_ZH[r] : r })),
    };
  }
}
