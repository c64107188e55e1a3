import { ApiProperty } from '@nestjs/swagger';
import type { ProcedureId, Role } from '../../workflows';

// The answers of /api/procedures and its migrations, as classes the Swagger CLI plugin describes.

export class ProcedureVersionInfo {
  version: number;
  effectiveFrom: string;
  changes: string | null;
  /** the version whose open cases may be moved onto this one, if it declares a migration */
  migratesFrom: number | null;
}

export class StageInfo {
  id: string;
  label: string;
}

export class DiagramNode {
  id: string;
  parent: string | null;
  kind: 'atomic' | 'compound' | 'parallel' | 'final' | 'history';
  label: string;
}

export class DiagramEdge {
  from: string;
  to: string;
  event: string;
  label: string;
}

export class ProcedureDiagram {
  nodes: DiagramNode[];
  edges: DiagramEdge[];
  stageEdges: DiagramEdge[];
}

export class ProcedureEventDef {
  type: string;
  label: string;
  /** the role that sends it */
  by: string;
  system: boolean;
  legalBasis: string;
  /** the JSON Schema (draft-07) of the event's data, standing alone with its own definitions */
  @ApiProperty({ type: 'object', additionalProperties: true })
  schema: object;
}

export class RoleInfo {
  id: Role;
  label: string;
}

export class Procedure {
  id: ProcedureId;
  version: number;
  effectiveFrom: string;
  changes: string | null;
  versions: ProcedureVersionInfo[];
  label: string;
  stages: StageInfo[];
  diagram: ProcedureDiagram;
  events: ProcedureEventDef[];
  roles: RoleInfo[];
}

export class MovableCase {
  id: string;
  title: string;
  department: string;
  fromStage: string;
  toStage: string;
}

export class UnmovableCase {
  id: string;
  title: string;
  department: string;
  stage: string;
  reason: string;
}

/** What moving open cases onto a newer version of their procedure would do (the dry run): which cases can move and which cannot, and why. */
export class MigrationPlan {
  procedure: string;
  fromVersion: number;
  toVersion: number;
  changes: string | null;
  legalBasis: string;
  movable: MovableCase[];
  refused: UnmovableCase[];
}

export class MovedCase {
  id: string;
  title: string;
  fromStage: string;
  toStage: string;
}

export class UnmovedCase {
  id: string;
  title: string;
  stage: string;
  reason: string;
}

/** A migration an admin ran (stages are the procedure's stage ids). */
export class MigrationRecord {
  id: string;
  procedure: string;
  fromVersion: number;
  toVersion: number;
  justification: string;
  legalBasis: string;
  actorId: string;
  at: string;
  moved: MovedCase[];
  refused: UnmovedCase[];
}

/** The migration run, with the plan it followed. */
export class MigrationRun extends MigrationRecord {
  plan: MigrationPlan;
}
