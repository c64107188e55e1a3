/**
 * Proof by enumeration (paths.spec.ts): every reachable state of a procedure machine, every
 * transition out of it, and the law's invariants checked on each.
 *
 * Events. The machines read dates from the event (`meta.occurredAt`) and from the case file, so
 * xstate/graph traverses *abstract* events `{type, variant}`: a variant names a payload ("comment
 * period of 10 days without a reason", "meeting held before the opinion") and computes its data
 * and date from the case it is sent to (the day after the latest event, the day after the end of
 * the comment period, ...). Every event type also gets a backdated and a future-dated variant. A
 * path of abstract events therefore replays to the same concrete states every time: every state
 * and step checked is one the real machine produced, never one stitched from different runs.
 *
 * States. Two states are the same when their value and a few facts of the case file are: what a
 * later guard or routing reads (comment counts and which are undisposed, tracks recorded, the
 * latest opinion or how the latest submission ended, review rounds capped at 2, ...) and what an
 * invariant reads (a passing opinion, an approved meeting, ...), so that no state that could
 * still break an invariant is merged into one that cannot. Dates are left out: they only ever
 * move forward. Loops (redraft after an unlawful opinion, a withdrawal, a return for correction
 * or a "revise" meeting, deferral, implementation reports) close on themselves
 * once their counts reach the cap, and RECORD_COMMENT is offered while a round has fewer than two
 * comments, which keeps the graph finite.
 *
 * Paths. `getShortestPaths` gives one path to every state; every transition is then taken from
 * the end of the path to its source; and every simple path up to a depth is walked from the
 * initial state. xstate's `getSimplePaths` is not used: it re-enumerates every simple path once
 * per target state, which on hundreds of states with interleaving consultation tracks does not
 * end in minutes.
 *
 * Free of jest globals, like testing.ts.
 */
import type { AnyMachineSnapshot, AnyStateMachine, EventObject, StateValue } from 'xstate';
import { getNextTransitions } from 'xstate';
import { getShortestPaths } from 'xstate/graph';
import { INERT_SCOPE, stageOf } from './engine';
import { checkRules } from './shared/kit';
import { expertArgumentationDone, latestRiskAssessment, riskAssessmentDone, type MajorDecisionContext } from './major-decision';
import type { MajorDecisionV2Context } from './major-decision.v2';
import type { NormativeDocumentContext } from './normative-document';
import { packagedHolidayYears } from './shared/holiday-package';
import { Reckoned, WorkingCalendar } from './shared/calendar';
import { addDays as countDays, type IsoDate } from './shared/dates';
import { latestSubmission, passingOpinion, type Submission, type WithLegalityReview } from './shared/legality-review';
import type { MeetingData, MeetingRecord } from './shared/meetings';
import type { Blocker, CaseBase, EventDefinition, ProcedureEvent } from './shared/procedure';
import { PUBLIC_ACTOR, undisposed, type OpenCommentData, type PublicComment, type WithPublicComment } from './shared/public-comment';
import { EventExtras, makeEvent } from './testing';

// ───────────────────────────── the model ─────────────────────────────

const days = new Map<string, IsoDate>();
/** `addDays`, remembered: the enumeration asks for the same few hundred dates again and again. */
const addDays = (date: IsoDate, n: number): IsoDate => {
  const key = `${date} ${n}`;
  let d = days.get(key);
  if (d === undefined) days.set(key, (d = countDays(date, n)));
  return d;
};

/**
 * The packaged working-day calendar (the one the server and testing.ts build), with its answers
 * remembered: the rules count working days on every guard evaluation, and the enumeration
 * evaluates guards a few hundred thousand times.
 */
class RememberingCalendar extends WorkingCalendar {
  private readonly answers = new Map<string, Reckoned<number> | Reckoned<IsoDate>>();

  private remember<T extends Reckoned<number> | Reckoned<IsoDate>>(key: string, compute: () => T): T {
    let a = this.answers.get(key) as T | undefined;
    if (a === undefined) this.answers.set(key, (a = compute()));
    return a;
  }

  override workingDaysBetween(start: IsoDate, end: IsoDate): Reckoned<number> {
    return this.remember(`between ${start} ${end}`, () => super.workingDaysBetween(start, end));
  }

  override addWorkingDays(start: IsoDate, n: number): Reckoned<IsoDate> {
    return this.remember(`add ${start} ${n}`, () => super.addWorkingDays(start, n));
  }

  override calendarDeadline(start: IsoDate, n: number): Reckoned<IsoDate> {
    return this.remember(`deadline ${start} ${n}`, () => super.calendarDeadline(start, n));
  }
}

export const calendar: WorkingCalendar = new RememberingCalendar(packagedHolidayYears());

/** "Today" for enumerated events: late enough for a document to expire (validity 5 years). */
export const FAR_TODAY: IsoDate = '2031-12-31';

/** An abstract event: which event, with which payload variant. */
export interface Move extends EventObject {
  type: string;
  variant: string;
}

/** A payload drawn for the case at hand. */
export interface Draw {
  data: Record<string, unknown>;
  occurredAt: IsoDate;
  extras?: EventExtras;
}

/** A named payload: `make` returns null when the variant makes no sense for this case (not offered). */
export interface Variant<C> {
  name: string;
  make: (c: C) => Draw | null;
}

/** Every event type gets two more variants, both refused by the common time rules. */
export const BACKDATED = 'backdated';
export const IN_THE_FUTURE = 'in-the-future';

/** A state of the machine as invariants see it. */
export interface View<C> {
  snapshot: AnyMachineSnapshot;
  value: StateValue;
  stage: string;
  context: C;
}

/** `null`: the invariant does not apply here; `true`: it applies and holds; a string: how it is broken. */
export type Verdict = null | true | string;

export interface Invariant<C> {
  name: string;
  /** checked on every state of every path */
  state?: (s: View<C>) => Verdict;
  /** checked on every step of every path (also refused ones) */
  step?: (prev: View<C>, event: ProcedureEvent, next: View<C>, blockers: readonly Blocker[]) => Verdict;
}

export interface ProcedureModel<C extends CaseBase> {
  name: string;
  machine: AnyStateMachine;
  input: Record<string, unknown>;
  /** the procedure's event table (its rules tell which guard refused what) */
  events: Record<string, EventDefinition<C, unknown>>;
  variants: Record<string, Variant<C>[]>;
  /** the facts of the case file that tell states apart (besides the state value), per stage */
  facts: (c: C, stage: string) => unknown;
  invariants: Invariant<C>[];
  /** depth of the exhaustive simple-path enumeration (0: none) */
  simplePathDepth: number;
  /** states not expanded further (they are still reached and checked) */
  stopWhen?: (s: View<C>) => boolean;
}

const viewOf = <C>(snapshot: AnyMachineSnapshot): View<C> => ({
  snapshot,
  value: snapshot.value,
  stage: stageOf({ value: snapshot.value as string | Record<string, unknown> }),
  context: snapshot.context as C,
});

/** The atomic states a state value is in, as dotted paths. */
export function leavesOf(value: StateValue): string[] {
  if (typeof value === 'string') return [value];
  return Object.entries(value).flatMap(([k, v]) => (v === undefined ? [k] : leavesOf(v).map((l) => `${k}.${l}`)));
}

/** Event types the state handles now (whatever the guards say). */
export function handledTypes(snapshot: AnyMachineSnapshot): string[] {
  const types = new Set<string>();
  for (const t of getNextTransitions(snapshot)) {
    if (t.eventType && !t.eventType.startsWith('xstate.')) types.add(t.eventType);
  }
  return [...types];
}

function baseDraw<C>(variants: Variant<C>[], c: C): Draw | null {
  for (const v of variants) {
    const d = v.make(c);
    if (d) return d;
  }
  return null;
}

function variantsFor<C extends CaseBase>(model: ProcedureModel<C>, type: string): Variant<C>[] {
  const list = model.variants[type];
  if (!list) throw new Error(`${model.name}: no payload variants for ${type} (a new event needs its variants in paths.testing.ts)`);
  return list;
}

/** The abstract events offered in a state: every variant of every handled event type. */
export function movesOf<C extends CaseBase>(model: ProcedureModel<C>, snapshot: AnyMachineSnapshot): Move[] {
  const c = snapshot.context as C;
  const moves: Move[] = [];
  for (const type of handledTypes(snapshot)) {
    const list = variantsFor(model, type);
    for (const v of list) if (v.make(c)) moves.push({ type, variant: v.name });
    if (baseDraw(list, c)) moves.push({ type, variant: BACKDATED }, { type, variant: IN_THE_FUTURE });
  }
  return moves;
}

/** The concrete event an abstract one stands for, in this state. */
export function concretize<C extends CaseBase>(model: ProcedureModel<C>, snapshot: AnyMachineSnapshot, move: Move): ProcedureEvent {
  const c = snapshot.context as C;
  const list = variantsFor(model, move.type);
  let draw: Draw | null;
  if (move.variant === BACKDATED || move.variant === IN_THE_FUTURE) {
    const base = baseDraw(list, c);
    if (!base) throw new Error(`${model.name}: ${move.type} has no variant for ${move.variant}`);
    draw =
      move.variant === BACKDATED
        ? { ...base, occurredAt: addDays(c.lastEventDate, -1) }
        : { ...base, extras: { ...base.extras, today: addDays(base.occurredAt, -1) } };
  } else {
    const v = list.find((x) => x.name === move.variant);
    draw = v ? v.make(c) : null;
    if (!draw) throw new Error(`${model.name}: variant ${move.type}/${move.variant} is not offered here`);
  }
  const ev = makeEvent(move.type, draw.data, draw.occurredAt, { today: FAR_TODAY, ...draw.extras });
  return { ...ev, meta: { ...ev.meta, env: { ...ev.meta.env, calendar } } };
}

const moveKey = (m: Move) => `${m.type}/${m.variant}`;

export function stateKey<C extends CaseBase>(model: ProcedureModel<C>, snapshot: AnyMachineSnapshot): string {
  return JSON.stringify([snapshot.value, model.facts(snapshot.context as C, viewOf<C>(snapshot).stage)]);
}

function step(machine: AnyStateMachine, snapshot: AnyMachineSnapshot, ev: ProcedureEvent): AnyMachineSnapshot {
  return machine.transition(snapshot, ev, INERT_SCOPE) as AnyMachineSnapshot;
}

/** The machine seen through abstract events: what xstate/graph traverses. */
function abstractLogic<C extends CaseBase>(model: ProcedureModel<C>) {
  return {
    config: model.machine.config,
    transition: (snapshot: AnyMachineSnapshot, move: Move) => step(model.machine, snapshot, concretize(model, snapshot, move)),
    getInitialSnapshot: (_scope: unknown, input: Record<string, unknown>) =>
      model.machine.getInitialSnapshot(INERT_SCOPE, input) as AnyMachineSnapshot,
    getPersistedSnapshot: (snapshot: AnyMachineSnapshot) => model.machine.getPersistedSnapshot(snapshot),
  };
}

// ───────────────────────────── the enumeration ─────────────────────────────

export interface Finding {
  invariant: string;
  message: string;
  /** the abstract events from the initial state, the last one being the step where it broke */
  path: string[];
}

export interface Exploration {
  procedure: string;
  /** reachable serialized states and transitions (the graph xstate/graph traverses) */
  states: number;
  transitions: number;
  paths: { shortest: number; transition: number; simple: number; total: number };
  /** events on the longest of the shortest paths; the depth simple paths were enumerated to */
  longest: number;
  simplePathDepth: number;
  /** concrete states and steps the invariants were checked on (with repetitions across paths) */
  checkedStates: number;
  checkedSteps: number;
  /** states whose replay along a path did not land where the graph said (abstraction leaks) */
  mismatches: string[];
  /** serialized states reached by replay but absent from the adjacency map */
  offMap: number;
  stages: Set<string>;
  /** every atomic or final state node reached, as its path (`consultation.riskAssessment.done`) */
  leaves: Set<string>;
  /** per event type: steps where it was accepted / refused */
  accepted: Map<string, number>;
  refused: Map<string, number>;
  /** every `EVENT_TYPE/RULE_CODE` that refused at least one event */
  blockerCodes: Set<string>;
  /** per invariant: how many times its premise applied and it held */
  held: Map<string, number>;
  violations: Finding[];
  violationCount: Map<string, number>;
  ms: number;
}

const MAX_FINDINGS_PER_INVARIANT = 3;

class Checker<C extends CaseBase> {
  readonly result: Exploration;

  constructor(private readonly model: ProcedureModel<C>) {
    this.result = {
      procedure: model.name,
      states: 0,
      transitions: 0,
      paths: { shortest: 0, transition: 0, simple: 0, total: 0 },
      longest: 0,
      simplePathDepth: model.simplePathDepth,
      checkedStates: 0,
      checkedSteps: 0,
      mismatches: [],
      offMap: 0,
      stages: new Set(),
      leaves: new Set(),
      accepted: new Map(),
      refused: new Map(),
      blockerCodes: new Set(),
      held: new Map(),
      violations: [],
      violationCount: new Map(),
      ms: 0,
    };
    for (const inv of model.invariants) this.result.held.set(inv.name, 0);
  }

  private verdict(name: string, v: Verdict, path: readonly Move[]) {
    if (v === null) return;
    if (v === true) {
      this.result.held.set(name, (this.result.held.get(name) ?? 0) + 1);
      return;
    }
    const n = (this.result.violationCount.get(name) ?? 0) + 1;
    this.result.violationCount.set(name, n);
    if (n <= MAX_FINDINGS_PER_INVARIANT) this.result.violations.push({ invariant: name, message: v, path: path.map(moveKey) });
  }

  checkState(s: AnyMachineSnapshot, path: readonly Move[]) {
    const view = viewOf<C>(s);
    this.result.checkedStates++;
    this.result.stages.add(view.stage);
    for (const leaf of leavesOf(s.value)) this.result.leaves.add(leaf);
    for (const inv of this.model.invariants) if (inv.state) this.verdict(inv.name, inv.state(view), path);
  }

  /** Send one abstract event, check the step and the state it leads to. */
  send(prev: AnyMachineSnapshot, move: Move, path: readonly Move[]): AnyMachineSnapshot {
    const ev = concretize(this.model, prev, move);
    const next = step(this.model.machine, prev, ev);
    const here = [...path, move];
    const changed = next.context !== prev.context || JSON.stringify(next.value) !== JSON.stringify(prev.value);
    const tally = changed ? this.result.accepted : this.result.refused;
    tally.set(move.type, (tally.get(move.type) ?? 0) + 1);
    const blockers = checkRules(this.model.events, prev.context as C, ev);
    for (const b of blockers) this.result.blockerCodes.add(`${ev.type}/${b.code}`);
    this.result.checkedSteps++;
    const [pv, nv] = [viewOf<C>(prev), viewOf<C>(next)];
    for (const inv of this.model.invariants) if (inv.step) this.verdict(inv.name, inv.step(pv, ev, nv, blockers), here);
    this.checkState(next, here);
    return next;
  }
}

/**
 * Enumerate the procedure with xstate/graph:
 *  - `getShortestPaths`: one shortest path to every reachable serialized state. The paths form a
 *    tree (each is the path to its predecessor plus one event), so each is replayed from its
 *    prefix's replayed state and every state of every path is checked;
 *  - every transition: at the end of each shortest path, every abstract event the state offers
 *    (the edges of the graph's adjacency map), each step and its target checked;
 *  - every simple path (no serialized state twice) up to `simplePathDepth` events, replayed from
 *    the initial state, which also follows non-representative concrete states.
 */
export function explore<C extends CaseBase>(model: ProcedureModel<C>): Exploration {
  const started = Date.now();
  const checker = new Checker(model);
  const r = checker.result;
  const logic = abstractLogic(model);
  const key = (s: AnyMachineSnapshot) => stateKey(model, s);
  const stopped = (s: AnyMachineSnapshot) => Boolean(model.stopWhen?.(viewOf<C>(s)));
  const shortest = getShortestPaths(logic, {
    input: model.input,
    events: (s: AnyMachineSnapshot) => movesOf(model, s),
    serializeState: key,
    serializeEvent: moveKey,
    limit: 1_000_000,
    stopWhen: (s: AnyMachineSnapshot) => stopped(s),
  });
  const keys = new Set(shortest.map((p) => key(p.state)));
  r.states = keys.size;

  // 1. every shortest path, replayed from its prefix
  const initial = logic.getInitialSnapshot(null, model.input);
  const replayed = new Map<string, AnyMachineSnapshot>();
  const ends: { snapshot: AnyMachineSnapshot; path: Move[] }[] = [];
  for (const p of [...shortest].sort((a, b) => a.steps.length - b.steps.length)) {
    const moves = p.steps.slice(1).map((s) => s.event);
    const prefix = moves.slice(0, -1);
    let s: AnyMachineSnapshot;
    if (!moves.length) {
      s = initial;
      checker.checkState(s, []);
    } else {
      const from = replayed.get(prefix.map(moveKey).join(' → '));
      if (!from) throw new Error(`the shortest path to ${key(p.state)} does not extend another`);
      s = checker.send(from, moves[moves.length - 1], prefix);
    }
    replayed.set(moves.map(moveKey).join(' → '), s);
    if (key(s) !== key(p.state)) r.mismatches.push(`${moves.map(moveKey).join(' → ')} replays to ${key(s)}, not ${key(p.state)}`);
    ends.push({ snapshot: s, path: moves });
    r.paths.shortest++;
    r.longest = Math.max(r.longest, moves.length);
  }

  // 2. every transition, from the end of the shortest path to its source
  for (const { snapshot, path } of ends) {
    if (stopped(snapshot)) continue;
    for (const move of movesOf(model, snapshot)) {
      const next = checker.send(snapshot, move, path);
      if (!keys.has(key(next))) r.mismatches.push(`${path.map(moveKey).join(' → ')} → ${moveKey(move)} leaves the graph`);
      r.transitions++;
      r.paths.transition++;
    }
  }

  // 3. simple paths up to a depth, each a concrete replay from the initial state
  const onPath = new Set<string>();
  const walk = (s: AnyMachineSnapshot, path: Move[]) => {
    const k = key(s);
    if (!keys.has(k)) r.offMap++;
    onPath.add(k);
    r.paths.simple++;
    if (path.length < model.simplePathDepth && !stopped(s)) {
      for (const move of movesOf(model, s)) {
        const next = checker.send(s, move, path);
        if (!onPath.has(key(next))) walk(next, [...path, move]);
      }
    }
    onPath.delete(k);
  };
  if (model.simplePathDepth > 0) walk(initial, []);

  r.paths.total = r.paths.shortest + r.paths.transition + r.paths.simple;
  r.ms = Date.now() - started;
  return r;
}

/** Several explorations of one procedure (e.g. one per set of document flags) as one. */
export function merge(procedure: string, parts: readonly Exploration[]): Exploration {
  const sum = (f: (r: Exploration) => number) => parts.reduce((n, r) => n + f(r), 0);
  const addUp = (f: (r: Exploration) => Map<string, number>) => {
    const m = new Map<string, number>();
    for (const r of parts) for (const [k, n] of f(r)) m.set(k, (m.get(k) ?? 0) + n);
    return m;
  };
  return {
    procedure,
    states: sum((r) => r.states),
    transitions: sum((r) => r.transitions),
    longest: Math.max(...parts.map((r) => r.longest)),
    simplePathDepth: Math.max(...parts.map((r) => r.simplePathDepth)),
    paths: {
      shortest: sum((r) => r.paths.shortest),
      transition: sum((r) => r.paths.transition),
      simple: sum((r) => r.paths.simple),
      total: sum((r) => r.paths.total),
    },
    checkedStates: sum((r) => r.checkedStates),
    checkedSteps: sum((r) => r.checkedSteps),
    mismatches: parts.flatMap((r) => r.mismatches),
    offMap: sum((r) => r.offMap),
    stages: new Set(parts.flatMap((r) => [...r.stages])),
    leaves: new Set(parts.flatMap((r) => [...r.leaves])),
    accepted: addUp((r) => r.accepted),
    refused: addUp((r) => r.refused),
    blockerCodes: new Set(parts.flatMap((r) => [...r.blockerCodes])),
    held: addUp((r) => r.held),
    violations: parts.flatMap((r) => r.violations.map((v) => ({ ...v, message: `${r.procedure}: ${v.message}` }))),
    violationCount: addUp((r) => r.violationCount),
    ms: sum((r) => r.ms),
  };
}

/** One line for the console. */
export function summary(r: Exploration): string {
  const broken = [...r.violationCount].map(([k, n]) => `${k} ×${n}`).join('; ') || 'none';
  return (
    `${r.procedure}: ${r.states} states, ${r.transitions} transitions (longest shortest path ${r.longest} events); ` +
    `${r.paths.total} paths = ${r.paths.shortest} shortest + ${r.paths.transition} one per transition + ` +
    `${r.paths.simple} simple paths of ≤ ${r.simplePathDepth} events; ` +
    `${r.checkedStates} states and ${r.checkedSteps} steps checked in ${r.ms} ms` +
    `${r.offMap ? ` (${r.offMap} simple-path states outside the graph)` : ''}; violations: ${broken}`
  );
}

// ───────────────────────────── payload variants ─────────────────────────────

const S: EventExtras = { actorId: 'u-secretariat' };
const R: EventExtras = { actorId: 'u-reviewer' };

/** The day after the case's latest event: every lawful variant moves time forward. */
export const nextDay = (c: CaseBase): IsoDate => addDays(c.lastEventDate, 1);
const maxDate = (a: IsoDate, b: IsoDate) => (a >= b ? a : b);
const workingDaysAfter = (d: IsoDate, n: number) => calendar.addWorkingDays(d, n).value;

const v = <C>(name: string, make: (c: C) => Draw | null): Variant<C> => ({ name, make });

/** Public comment, shared by both procedures; `periods` are where they differ. */
export function publicCommentVariants<C extends WithPublicComment>(periods: Record<string, (start: IsoDate) => Partial<OpenCommentData>>) {
  const open = (name: string, startOffset: number, period: (start: IsoDate) => Partial<OpenCommentData>) =>
    v<C>(name, (c) => {
      const occurredAt = nextDay(c);
      const startDate = addDays(occurredAt, startOffset);
      return {
        occurredAt,
        data: {
          draftText: '草案全文及起草说明',
          startDate,
          endDate: addDays(startDate, 40),
          channels: ['县政府网站'],
          ...period(startDate),
        },
      };
    });
  const pc = (c: C) => c.publicComment;
  const dispose = (name: string, id: string, disposition: string) =>
    v<C>(name, (c) => {
      if (name !== 'no-such-comment' && !pc(c)?.comments.some((x) => x.id === id)) return null;
      return { occurredAt: nextDay(c), data: { commentId: id, disposition, reason: '理由' } };
    });
  return {
    OPEN_PUBLIC_COMMENT: [
      ...Object.entries(periods).map(([name, period]) => open(name, 0, period)),
      open('end-before-start', 0, (start) => ({ endDate: start })),
      open('starts-before-opening', -1, () => ({})),
      // no text given: refused on a first round, the earlier round's carried forward on a reopened one
      v<C>('without-draft-text', (c) => {
        const occurredAt = nextDay(c);
        return { occurredAt, data: { startDate: occurredAt, endDate: addDays(occurredAt, 40), channels: ['县政府网站'] } };
      }),
    ],
    // at most two comments a round
    RECORD_COMMENT: [
      v<C>('within-period', (c) => {
        const p = pc(c);
        if (!p || p.comments.length >= 2) return null;
        return { occurredAt: maxDate(nextDay(c), p.startDate), data: { content: '建议明确过渡期', submitter: '县律师协会' } };
      }),
      // a citizen repeating the first comment on the public page: counted on it, no new comment
      v<C>('identical-from-public', (c) => {
        const p = pc(c);
        const first = p?.comments[0];
        if (!p || !first) return null;
        return { occurredAt: maxDate(nextDay(c), p.startDate), data: { content: first.content }, extras: { actorId: PUBLIC_ACTOR } };
      }),
      v<C>('after-period', (c) => {
        const p = pc(c);
        if (!p || p.comments.length >= 2) return null;
        return { occurredAt: maxDate(nextDay(c), addDays(p.endDate, 1)), data: { content: '逾期意见' } };
      }),
    ],
    DISPOSE_COMMENT: [
      dispose('c1', 'c1', 'adopted'),
      dispose('c2', 'c2', 'not-adopted'),
      dispose('no-such-comment', 'c9', 'adopted'),
      // a group in one act: both comments, one of them unknown, one listed twice
      ...(
        [
          ['c1-with-c2', ['c2']],
          ['c1-with-unknown', ['c9']],
          ['c1-listed-twice', ['c1']],
        ] as const
      ).map(([name, also]) =>
        v<C>(name, (c) => {
          if (!pc(c)?.comments.some((x) => x.id === 'c1') || (name === 'c1-with-c2' && !pc(c)!.comments.some((x) => x.id === 'c2')))
            return null;
          return {
            occurredAt: nextDay(c),
            data: { commentId: 'c1', alsoCommentIds: [...also], disposition: 'partly-adopted', reason: '理由' },
          };
        }),
      ),
    ],
    CLOSE_PUBLIC_COMMENT: [
      v<C>('after-end', (c) => ({ occurredAt: maxDate(nextDay(c), addDays(pc(c)!.endDate, 1)), data: {} })),
      v<C>('before-end', (c) => (nextDay(c) <= pc(c)!.endDate ? { occurredAt: nextDay(c), data: {} } : null)),
    ],
    COMPLETE_PUBLIC_PARTICIPATION: [v<C>('summary-generated', (c) => ({ occurredAt: nextDay(c), data: {} }))],
  };
}

/** Legality review, shared; `dueDates` are where the procedures differ. */
export function legalityReviewVariants<C extends WithLegalityReview>(dueDates: Record<string, number>) {
  const opinion = (name: string, conclusion: string, legalRiskStatement?: string) =>
    v<C>(name, (c) => ({
      occurredAt: nextDay(c),
      data: { conclusion, opinion: '审查意见', ...(legalRiskStatement ? { legalRiskStatement } : {}) },
      extras: R,
    }));
  return {
    SUBMIT_FOR_LEGALITY_REVIEW: Object.entries(dueDates).map(([name, n]) =>
      v<C>(name, (c) => ({ occurredAt: nextDay(c), data: { reviewDueDate: workingDaysAfter(nextDay(c), n) } })),
    ),
    ISSUE_LEGALITY_OPINION: [
      opinion('lawful', 'lawful'),
      opinion('lawful-with-revisions', 'lawful-with-revisions'),
      opinion('unlawful', 'unlawful'),
      opinion('exploratory', 'exploratory', '存在一定法律风险'),
      opinion('exploratory-without-risk-statement', 'exploratory'),
    ],
    CONFIRM_REVISIONS: [v<C>('confirmed', (c) => ({ occurredAt: nextDay(c), data: { revisionNote: '已按意见修改' } }))],
    WITHDRAW_SUBMISSION: [
      v<C>('with-reason', (c) => ({ occurredAt: nextDay(c), data: { reason: '需补充风险评估材料' } })),
      v<C>('blank-reason', (c) => ({ occurredAt: nextDay(c), data: { reason: '  ' } })),
    ],
    RETURN_FOR_CORRECTION: [
      v<C>('missing-items', (c) => ({ occurredAt: nextDay(c), data: { reason: '送审材料不全', missingItems: ['起草说明'] }, extras: R })),
      v<C>('blank-reason', (c) => ({ occurredAt: nextDay(c), data: { reason: ' ' }, extras: R })),
    ],
  };
}

/** Collective meetings, shared: outcomes and the ways a meeting record can be wrong. */
export function meetingVariants<C extends WithLegalityReview>(
  outcomes: string[],
  meetingType: (c: C) => string,
  wrongType: (c: C) => string,
) {
  const meeting = (name: string, patch: (c: C, on: IsoDate) => Partial<Record<keyof MeetingData, unknown>> | null) =>
    v<C>(name, (c) => {
      const occurredAt = nextDay(c);
      const p = patch(c, occurredAt);
      if (!p) return null;
      return { occurredAt, extras: S, data: { meetingType: meetingType(c), meetingDate: occurredAt, outcome: 'approved', ...p } };
    });
  const opinionDate = (c: C) => latestSubmission(c)?.opinion?.issuedOn;
  return [
    ...outcomes.map((outcome) => meeting(outcome, () => ({ outcome }))),
    meeting('approved-wrong-meeting-type', (c) => ({ meetingType: wrongType(c) })),
    meeting('approved-meeting-not-held-yet', (_c, on) => ({ meetingDate: addDays(on, 1) })),
    meeting('approved-meeting-before-opinion', (c) => {
      const d = opinionDate(c);
      return d ? { meetingDate: addDays(d, -1) } : null;
    }),
    meeting('approved-meeting-on-opinion-date', (c) => {
      const d = opinionDate(c);
      return d ? { meetingDate: d } : null;
    }),
    meeting('approved-head-overrode-without-reasons', () => ({ headOverrodeMajority: true })),
    meeting('approved-head-overrode-with-reasons', () => ({ headOverrodeMajority: true, headReasons: '紧急情况' })),
  ];
}

const ASSESSOR = '县社会稳定风险评估中心';
const EXPERT_AFFILIATION = '南京大学';

export const majorDecisionVariants: Record<string, Variant<MajorDecisionContext>[]> = {
  APPROVE_START: [
    v('in-catalogue', (c) => ({ occurredAt: nextDay(c), data: { catalogueItemId: 'SY-2023-01' }, extras: S })),
    v('outside-catalogue', (c) => ({ occurredAt: nextDay(c), data: {}, extras: S })),
  ],
  FINISH_DRAFT: [
    ['ordinary', false, false],
    ['specialized', true, false],
    ['stability-risk', false, true],
    ['specialized-and-stability-risk', true, true],
  ].map(([name, specialized, stabilityRisk]) =>
    v(name as string, (c) => ({ occurredAt: nextDay(c), data: { draftSummary: '决策草案及起草说明', specialized, stabilityRisk } })),
  ),
  ...publicCommentVariants<MajorDecisionContext>({
    '40-days': () => ({}),
    '10-days-with-reason': (start) => ({ endDate: addDays(start, 10), shortenedReason: '防汛工作紧迫' }),
    '10-days-without-reason': (start) => ({ endDate: addDays(start, 10) }),
  }),
  EXEMPT_PUBLIC_COMMENT: [v('withheld', (c) => ({ occurredAt: nextDay(c), data: { reason: '涉及国家秘密' } }))],
  HOLD_HEARING: [
    v('noticed-10-days-before', (c) => ({
      occurredAt: nextDay(c),
      data: { hearingDate: nextDay(c), noticeDate: addDays(nextDay(c), -10), recordRef: 'TZ-1' },
    })),
    v('noticed-3-days-before', (c) => ({
      occurredAt: nextDay(c),
      data: { hearingDate: nextDay(c), noticeDate: addDays(nextDay(c), -3), recordRef: 'TZ-2' },
    })),
    v('not-held-yet', (c) => ({
      occurredAt: nextDay(c),
      data: { hearingDate: addDays(nextDay(c), 3), noticeDate: addDays(nextDay(c), -10), recordRef: 'TZ-3' },
    })),
  ],
  RECORD_EXPERT_ARGUMENTATION: [false, true].map((conflictOfInterest) =>
    v(conflictOfInterest ? 'expert-with-conflict-of-interest' : 'independent-experts', (c) => ({
      occurredAt: nextDay(c),
      data: {
        experts: [{ name: '张教授', affiliation: EXPERT_AFFILIATION, conflictOfInterest }],
        opinionSummary: '方案总体可行',
        adoptionSummary: '专家意见均已采纳',
      },
    })),
  ),
  RECORD_RISK_ASSESSMENT: [
    ['controllable', true, undefined],
    ['controllable-after-adjusting-the-draft', true, '分步实施'],
    ['not-controllable', false, undefined],
  ].map(([name, controllable, draftAdjustment]) =>
    v(name as string, (c) => ({
      occurredAt: nextDay(c),
      data: {
        riskLevel: controllable ? 'medium' : 'high',
        controllable,
        measures: '加强宣传解释',
        assessor: ASSESSOR,
        ...(draftAdjustment ? { draftAdjustment } : {}),
      },
    })),
  ),
  ...legalityReviewVariants<MajorDecisionContext>({ 'due-in-10-working-days': 10, 'due-in-5-working-days': 5 }),
  RECORD_COLLECTIVE_DECISION: meetingVariants<MajorDecisionContext>(
    ['approved', 'rejected', 'revise', 'deferred'],
    () => 'standing',
    () => 'office',
  ),
  REPORT_TO_PARTY_COMMITTEE: [v('reported', (c) => ({ occurredAt: nextDay(c), data: { reference: '泗政请〔2023〕5号' }, extras: S }))],
  PUBLISH_DECISION: [
    ['with-adoption-explanation', { channels: ['县政府网站'], adoptionExplanation: '意见采纳情况说明' }],
    ['without-adoption-explanation', { channels: ['县政府网站'] }],
    ['withheld-lawfully', { channels: [], withheldReason: '依法不予公开' }],
    ['without-channel', { channels: [], adoptionExplanation: '意见采纳情况说明' }],
  ].map(([name, data]) => v(name as string, (c) => ({ occurredAt: nextDay(c), data: data as Record<string, unknown>, extras: S }))),
  ARCHIVE: [v('numbered', (c) => ({ occurredAt: nextDay(c), data: { archiveNumber: 'JC-2023-001' }, extras: S }))],
  REPORT_IMPLEMENTATION: [v('report', (c) => ({ occurredAt: nextDay(c), data: { summary: '一期建成' } }))],
  SUSPEND: [v('ordered', (c) => ({ occurredAt: nextDay(c), data: { orderedBy: '县长', reason: '突发事件' }, extras: S }))],
  RESUME: [v('ordered', (c) => ({ occurredAt: nextDay(c), data: { orderedBy: '县长' }, extras: S }))],
  START_POST_EVALUATION: [
    ['independent-evaluator', '第三方评估机构'],
    ['pre-decision-risk-assessor', ASSESSOR],
    ['pre-decision-expert', EXPERT_AFFILIATION],
  ].map(([name, evaluator]) => v(name, (c) => ({ occurredAt: nextDay(c), data: { evaluator } }))),
  RECORD_POST_EVALUATION: [v('recorded', (c) => ({ occurredAt: nextDay(c), data: { conclusion: '实施效果良好' } }))],
  CONCLUDE: [v('concluded', (c) => ({ occurredAt: nextDay(c), data: {}, extras: S }))],
};

/** Version 2 adds the fair competition review: a pass, a breach, and an exception without its period (Decree 783 Art. 12). */
export const majorDecisionV2Variants: Record<string, Variant<MajorDecisionV2Context>[]> = {
  ...(majorDecisionVariants as Record<string, Variant<MajorDecisionV2Context>[]>),
  FINISH_DRAFT: [
    ['ordinary', false, false, false],
    ['market-related', false, false, true],
    ['specialized-and-stability-risk', true, true, false],
    ['all-three', true, true, true],
  ].map(([name, specialized, stabilityRisk, marketRelated]) =>
    v(name as string, (c) => ({
      occurredAt: nextDay(c),
      data: { draftSummary: '决策草案及起草说明', specialized, stabilityRisk, marketRelated },
    })),
  ),
  RECORD_FAIR_COMPETITION_REVIEW: [
    v('compliant', (c) => ({ occurredAt: nextDay(c), data: { conclusion: 'compliant', summary: '未发现排除、限制竞争的内容' } })),
    v('non-compliant', (c) => ({ occurredAt: nextDay(c), data: { conclusion: 'non-compliant', summary: '限定本地企业参与' } })),
    v('exception-without-period', (c) => ({ occurredAt: nextDay(c), data: { conclusion: 'exception', summary: '扶持中小企业' } })),
  ],
};

export const normativeDocumentVariants: Record<string, Variant<NormativeDocumentContext>[]> = {
  ...publicCommentVariants<NormativeDocumentContext>({
    '40-days': () => ({}),
    '7-working-days': (start) => ({ endDate: workingDaysAfter(start, 7) }),
    '6-working-days': (start) => ({ endDate: workingDaysAfter(start, 6) }),
  }),
  ...legalityReviewVariants<NormativeDocumentContext>({
    'due-in-10-working-days': 10,
    'due-in-3-working-days': 3,
    'due-in-20-working-days': 20,
  }),
  RECORD_COLLECTIVE_DELIBERATION: meetingVariants<NormativeDocumentContext>(
    ['approved', 'rejected', 'revise', 'deferred'],
    (c) => (c.issuingOrgan === 'department' ? 'office' : 'standing'),
    (c) => (c.issuingOrgan === 'department' ? 'standing' : 'office'),
  ),
  PUBLISH_DOCUMENT: [
    ['effective-in-30-days', ['县政府网站'], 30],
    ['effective-on-publication', ['县政府网站'], 0],
    ['effective-before-publication', ['县政府网站'], -1],
    ['without-channel', [], 30],
  ].map(([name, channels, offset]) =>
    v(name as string, (c) => ({
      occurredAt: nextDay(c),
      data: { channels, effectiveDate: addDays(nextDay(c), offset as number) },
      extras: { ...S, documentNumber: '泗政规〔2023〕1号' },
    })),
  ),
  RECORD_FILING: [
    v('on-time', (c) => ({ occurredAt: nextDay(c), data: { filedWith: '市人民政府' }, extras: S })),
    v('late', (c) => ({
      occurredAt: maxDate(nextDay(c), addDays(c.publication?.filingDeadline ?? c.lastEventDate, 1)),
      data: { filedWith: '市人民政府' },
      extras: S,
    })),
  ],
  REPEAL: [v('repealed', (c) => ({ occurredAt: nextDay(c), data: { reason: '清理决定废止' }, extras: S }))],
  START_AMENDMENT: [v('amending', (c) => ({ occurredAt: nextDay(c), data: { reason: '清理决定修改' }, extras: S }))],
  EXPIRE: [
    v('after-validity', (c) => ({
      occurredAt: maxDate(nextDay(c), addDays(c.publication?.validUntil ?? c.lastEventDate, 1)),
      data: {},
      extras: S,
    })),
    v('while-valid', (c) => {
      const until = c.publication?.validUntil;
      return until && nextDay(c) <= until ? { occurredAt: nextDay(c), data: {}, extras: S } : null;
    }),
  ],
};

// ───────────────────────────── what tells states apart ─────────────────────────────
//
// Two kinds of facts, and nothing else: what a later guard or routing reads (so merged states
// behave alike from then on), and what an invariant reads (so a state that could break one is
// never merged into one that cannot). A fact stops mattering once no way back leads to where it
// is read: after the collective decision, the draft's flags, the review rounds and the meetings
// are settled; what the invariants need of them is kept as a yes/no.

const cap = (n: number, max: number) => Math.min(n, max);

function commentFacts(pc: PublicComment | null) {
  if (!pc) return null;
  if (pc.completedOn) return 'completed';
  return { status: pc.closedOn ? 'closed' : 'open', comments: pc.comments.length, undisposed: undisposed(pc).map((x) => x.id) };
}

/** How a submission's review ended: its conclusion, withdrawn or returned; null while under review. */
const endedAs = (s: Submission) => s.opinion?.conclusion ?? (s.withdrawn ? 'withdrawn' : s.returned ? 'returned' : null);

const latestFacts = (c: WithLegalityReview) => {
  const s = latestSubmission(c);
  return s ? [endedAs(s), Boolean(s.revisionsConfirmed)] : null;
};

/**
 * Review rounds, capped at 2. A first round that ended without an opinion (withdrawn or
 * returned: nothing later reads which) is told apart from one an unlawful opinion ended, so that
 * the way back and the resubmission with its own period are walked; so is a first round still
 * under review (only ever in the review stage, unless a machine lost a withdrawal or a return).
 * Later rounds merge again.
 */
const reviewRounds = (c: WithLegalityReview) => {
  const n = c.legalityReview.length;
  if (n !== 1) return cap(n, 2);
  const first = endedAs(c.legalityReview[0]);
  if (first === null) return '1, under review';
  return first === 'withdrawn' || first === 'returned' ? '1, ended without an opinion' : 1;
};

const approvedIn = (meetings: readonly MeetingRecord[]) => meetings.some((m) => m.outcome === 'approved');

const DECISION_BEFORE_REVIEW = ['proposed', 'drafting', 'consultation'];
const DECISION_AFTER_DECIDING = ['partyReport', 'publication', 'archiving', 'implementing', 'concluded', 'terminated'];

export function majorDecisionFacts(c: MajorDecisionContext, stage: string) {
  const common = {
    comment: commentFacts(c.publicComment),
    exempted: Boolean(c.publicCommentExemption),
    expert: Boolean(c.expertArgumentation),
    risk: latestRiskAssessment(c)?.controllable ?? null,
    passing: Boolean(passingOpinion(c)),
    approved: approvedIn(c.collectiveDecisions),
  };
  if (DECISION_AFTER_DECIDING.includes(stage)) {
    const pe = c.implementation.postEvaluation;
    return {
      ...common,
      tracksDone: expertArgumentationDone(c) && riskAssessmentDone(c),
      partyReport: Boolean(c.partyReport),
      published: Boolean(c.publication),
      archived: Boolean(c.archive),
      reports: cap(c.implementation.reports.length, 1),
      postEvaluation: pe ? (pe.recordedOn ? 'recorded' : 'started') : null,
    };
  }
  const rounds = reviewRounds(c);
  if (DECISION_BEFORE_REVIEW.includes(stage)) {
    return { ...common, rounds, draft: stage === 'consultation' && c.draft && [c.draft.specialized, c.draft.stabilityRisk] };
  }
  return { ...common, rounds, latest: latestFacts(c) };
}

/** Version 2: also the fair competition review, as far as it tells states apart. */
export function majorDecisionV2Facts(c: MajorDecisionV2Context, stage: string) {
  const latest = c.fairCompetitionReviews[c.fairCompetitionReviews.length - 1];
  return { ...majorDecisionFacts(c, stage), marketRelated: c.draft?.marketRelated ?? null, fairCompetition: latest?.conclusion ?? null };
}

export function normativeDocumentFacts(c: NormativeDocumentContext, stage: string) {
  return {
    comment: commentFacts(c.publicComment),
    earlierComments: cap(c.earlierPublicComments.length, 1),
    rounds: reviewRounds(c),
    passing: Boolean(passingOpinion(c)),
    approved: approvedIn(c.deliberations),
    ...(['legalityReview', 'collectiveDeliberation'].includes(stage) ? { latest: latestFacts(c) } : {}),
    published: Boolean(c.publication),
    filed: Boolean(c.filing),
    ending: c.ending?.kind ?? null,
  };
}
