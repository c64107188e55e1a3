/**
 * The engine: pure functions from (procedure, stored snapshot, event) to a new snapshot or the
 * reasons for refusal. No I/O; the server persists what these return.
 */
import { createEmptyActor, getNextTransitions, initialTransition, type AnyActorScope, type AnyMachineSnapshot } from 'xstate';
import { majorDecision } from './major-decision';
import { majorDecisionV2 } from './major-decision.v2';
import { normativeDocument } from './normative-document';
import { checkRules, fieldHints, withEdition } from './shared/kit';
import { rulebookEditions, rulebookOn } from './rulebook';
import type { ProcedureFacts } from './shared/facts';
import { resolveSender } from './shared/procedure';
import type { Blocker, CaseBase, ProcedureDefinition, ProcedureEvent, ProcedureId, Role, StoredSnapshot } from './shared/procedure';
import type { IsoDate } from './shared/dates';
import { Text, text } from './shared/text';

export type { StoredSnapshot } from './shared/procedure';

/**
 * Every released version of each procedure, oldest first. A released version is never edited:
 * cases keep the version they started under, and `fixtures/` holds snapshots of every version
 * that the tests restore and advance. A change of the law is a new version, with the day it takes
 * effect and, if open cases may move onto it, its migration.
 */
export const releases: Record<ProcedureId, readonly ProcedureDefinition[]> = {
  'major-decision': [majorDecision, majorDecisionV2],
  'normative-document': [normativeDocument],
};

export const PROCEDURE_IDS = Object.keys(releases) as ProcedureId[];

/** The newest version of each procedure. */
export const procedures = Object.fromEntries(PROCEDURE_IDS.map((id) => [id, releases[id][releases[id].length - 1]])) as Record<
  ProcedureId,
  ProcedureDefinition
>;

/** The version a case runs on. */
export function procedureOf(id: ProcedureId | string, version: number): ProcedureDefinition {
  const def = Object.hasOwn(releases, id) ? releases[id as ProcedureId].find((d) => d.version === version) : undefined;
  if (!def) throw new Error(`no version ${version} of procedure ${id}`);
  return def;
}

/** The version a case started on `date` starts under: the newest in force that day. */
export function procedureFor(id: ProcedureId, date: IsoDate): ProcedureDefinition {
  const versions = releases[id];
  let found = versions[0];
  for (const v of versions) if (v.effectiveFrom <= date) found = v;
  return found;
}

type MachineSnapshot = ReturnType<ProcedureDefinition['machine']['resolveState']>;

/**
 * One inert actor scope for every transition. xstate's pure `transition()` does the same but
 * builds a throwaway actor (and computes the machine's initial state) on every call, which was
 * a third of an event's time. The machines' actions are all `assign`: nothing is deferred.
 */
const emptyActor = createEmptyActor();
export const INERT_SCOPE = {
  self: emptyActor,
  system: emptyActor.system,
  id: '',
  sessionId: 'docket',
  logger: () => undefined,
  defer: () => undefined,
  stopChild: () => undefined,
  emit: () => undefined,
  actionExecutor: () => undefined,
} as unknown as AnyActorScope;

/** The pure transition of a procedure machine. */
export function step(def: ProcedureDefinition, snapshot: AnyMachineSnapshot, ev: ProcedureEvent): AnyMachineSnapshot {
  // the machines differ in context type; XState's Any* types stand for all of them
  // eslint-disable-next-line @typescript-eslint/no-unsafe-argument
  return def.machine.transition(snapshot, ev, INERT_SCOPE) as AnyMachineSnapshot;
}

export function restore(def: ProcedureDefinition, stored: StoredSnapshot): MachineSnapshot {
  return def.machine.resolveState({ value: stored.value as never, context: stored.context });
}

function persist(def: ProcedureDefinition, snapshot: MachineSnapshot): StoredSnapshot {
  return def.machine.getPersistedSnapshot(snapshot) as unknown as StoredSnapshot;
}

export function start(def: ProcedureDefinition, input: Record<string, unknown>): StoredSnapshot {
  const [snapshot] = initialTransition(def.machine, input);
  return withOpeningEdition(persist(def, snapshot));
}

/** A new case records the edition of the rules in force the day it opens. */
function withOpeningEdition(stored: StoredSnapshot): StoredSnapshot {
  const c = stored.context;
  return { ...stored, context: { ...c, rulebooks: withEdition(c.rulebooks, rulebookOn(c.jurisdiction, c.createdAt).edition) } };
}

/** The top-level state id: the procedure's stage. */
export function stageOf(stored: Pick<StoredSnapshot, 'value'>): string {
  const v = stored.value;
  return typeof v === 'string' ? v : Object.keys(v as object)[0];
}

/** Event types the current state handles, whatever their guards say. */
export function eventsHandledNow(snapshot: MachineSnapshot): Set<string> {
  const types = new Set<string>();
  for (const t of getNextTransitions(snapshot)) {
    const type: string = t.eventType;
    if (type && !type.startsWith('xstate.')) types.add(type);
  }
  return types;
}

/** The stages where a case of this version is closed (its final states). */
export function closedStages(def: ProcedureDefinition): string[] {
  return Object.entries(def.machine.root.states)
    .filter(([, node]) => node.type === 'final')
    .map(([id]) => id);
}

/** The stage and, where it has them, the named sub-states the case is in now. */
export function whereNow(def: ProcedureDefinition, snapshot: MachineSnapshot, stored: StoredSnapshot): Text {
  const stage = def.stages[stageOf(stored)] ?? text(stageOf(stored), stageOf(stored));
  const subs = Object.values(snapshot.getMeta() as Record<string, { label?: Text }>)
    .map((m) => m?.label)
    .filter((l): l is Text => Boolean(l));
  if (!subs.length) return stage;
  return text(`${stage.zh}（${subs.map((l) => l.zh).join('；')}）`, `${stage.en} (${subs.map((l) => l.en).join('; ')})`);
}

function wrongStage(def: ProcedureDefinition, snapshot: MachineSnapshot, stored: StoredSnapshot, type: string): Blocker {
  const ev = def.events[type];
  const now = whereNow(def, snapshot, stored);
  return {
    code: 'NOT_ALLOWED_IN_STAGE',
    message: text(`案件当前处于「${now.zh}」，不能「${ev.label.zh}」`, `the case is at: ${now.en}; "${ev.label.en}" is not possible now`),
    legalBasis: ev.basis,
  };
}

export type Decision = { accepted: true; snapshot: StoredSnapshot; stage: string } | { accepted: false; blockers: Blocker[] };

/** Judge one event against the case: the new snapshot, or every rule it breaks. */
export function decide(def: ProcedureDefinition, stored: StoredSnapshot, ev: ProcedureEvent): Decision {
  const snapshot = restore(def, stored);
  if (!def.events[ev.type]) throw new Error(`unknown event ${ev.type} for ${def.id}`);
  if (!eventsHandledNow(snapshot).has(ev.type)) return { accepted: false, blockers: [wrongStage(def, snapshot, stored, ev.type)] };
  const blockers = checkRules(def.events, snapshot.context as CaseBase, ev);
  if (blockers.length) return { accepted: false, blockers };
  const next = step(def, snapshot, ev);
  if (next.context === snapshot.context && JSON.stringify(next.value) === JSON.stringify(snapshot.value)) {
    // every rule held but no transition was taken: the routing data matched no branch
    return { accepted: false, blockers: [wrongStage(def, snapshot, stored, ev.type)] };
  }
  const persisted = persist(def, next);
  return { accepted: true, snapshot: persisted, stage: stageOf(persisted) };
}

/**
 * What can be done now, for every event of the procedure: whether the stage handles it, and the
 * rules on the case that already stand in its way (rules on the event's data are judged when sent).
 */
export function preview(
  def: ProcedureDefinition,
  stored: StoredSnapshot,
  meta: ProcedureEvent['meta'],
): { type: string; blockers: Blocker[]; hints: Record<string, Text> }[] {
  const snapshot = restore(def, stored);
  const handled = eventsHandledNow(snapshot);
  return Object.entries(def.events).map(([type]) => {
    if (!handled.has(type)) return { type, blockers: [wrongStage(def, snapshot, stored, type)], hints: {} };
    const ev = { type, data: {}, meta };
    const context = snapshot.context as CaseBase;
    return { type, blockers: checkRules(def.events, context, ev, true), hints: fieldHints(def.events, context, ev) };
  });
}

/** What supervision needs to know of the case now (see ProcedureFacts). */
export function factsOf(def: ProcedureDefinition, stored: StoredSnapshot): ProcedureFacts {
  const c = stored.context;
  return def.facts(c, stageOf(stored), rulebookOn(c.jurisdiction, c.lastEventDate));
}

/**
 * The rulebook editions that judged the case's steps. Snapshots from before editions were
 * recorded get the editions in force between their first and latest event.
 */
export function rulebooksOf(stored: StoredSnapshot): string[] {
  const c = stored.context;
  if (c.rulebooks) return c.rulebooks;
  const first = rulebookOn(c.jurisdiction, c.createdAt);
  return rulebookEditions[c.jurisdiction]
    .filter((e) => e === first || (e.effectiveFrom > c.createdAt && e.effectiveFrom <= c.lastEventDate))
    .map((e) => e.edition);
}

/**
 * The roles that have something to do in the current state (for inboxes), whatever the rules say
 * yet; an optional event (a withdrawal, a return) does not make the case wait for its sender.
 */
export function rolesAwaited(def: ProcedureDefinition, stored: StoredSnapshot): Role[] {
  const roles = new Set<Role>();
  for (const type of eventsHandledNow(restore(def, stored))) {
    const ev = def.events[type];
    if (ev && !ev.system && !ev.optional) roles.add(resolveSender(ev.by, stored.context));
  }
  return [...roles].sort();
}

/** A stored snapshot for a case that enters the procedure at `value` with `context` (e.g. a registered document). */
export function enterAt(def: ProcedureDefinition, value: string, context: CaseBase): StoredSnapshot {
  return withOpeningEdition(persist(def, def.machine.resolveState({ value, context })));
}

export type MigrationPlan = { movable: true; snapshot: StoredSnapshot; stage: string } | { movable: false; reason: Text };

/**
 * Where a case of version `from` would stand in version `to`, by the mapping declared with `to`;
 * or why it cannot move. Pure: the server's dry run and its real run both ask this.
 */
export function planMigration(to: ProcedureDefinition, from: number, stored: StoredSnapshot): MigrationPlan {
  if (to.migration?.from !== from) {
    return {
      movable: false,
      reason: text(
        `第 ${to.version} 版未规定第 ${from} 版案件如何迁移`,
        `version ${to.version} declares no migration from version ${from}`,
      ),
    };
  }
  const mapped = to.migration.map(stored);
  if ('refused' in mapped) return { movable: false, reason: mapped.refused };
  const snapshot = persist(to, to.machine.resolveState({ value: mapped.value as never, context: mapped.context }));
  return { movable: true, snapshot, stage: stageOf(snapshot) };
}
