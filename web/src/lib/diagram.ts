// The procedure diagram's layout, computed from the diagram the server generates from the machine:
// which stages form the main path, which are outcomes beside it, and where a case stands.
import { i18n } from '../i18n';
import type { Action, Blocker, DiagramEdge, HistoryEvent, Procedure } from './api';
import { enumLabel, TRACK_LABELS } from './labels';

export type StageStatus = 'done' | 'current' | 'blocked' | 'todo';

export interface StageBox {
  id: string;
  label: string;
  status: StageStatus;
  /** the stage the case is in (its status is then `current`, or `blocked`) */
  current: boolean;
  /** the event that leads from the previous box to this one */
  via?: string;
  /** why the way into this stage is blocked now */
  blockers: Blocker[];
  /** where the case stands inside the current stage (sub-state), or the parallel tracks */
  detail?: string;
  tracks?: { id: string; label: string; state: string; done: boolean }[];
}

export interface SideEdge {
  from: string;
  to: string;
  label: string;
  kind: 'back' | 'outcome';
}

export interface DiagramLayout {
  main: StageBox[];
  outcomes: StageBox[];
  side: SideEdge[];
}

/**
 * Codes that only say "not now" or "not you": they are not the law standing in the way
 * (NO_REVISION_ASKED: there is no legality opinion asking for a revision to record).
 */
export const ROUTINE_CODES = new Set(['NOT_ALLOWED_IN_STAGE', 'FORBIDDEN', 'NO_REVISION_ASKED']);

export const substantive = (blockers: Blocker[]) => blockers.filter((b) => !ROUTINE_CODES.has(b.code));

/**
 * The main path: the longest chain of forward transitions (in the order the procedure declares its
 * stages) through stages that are not final; final stages are drawn as outcomes beside it.
 */
export function mainPath(proc: Procedure): string[] {
  const order = proc.stages.map((s) => s.id);
  const finals = new Set(proc.diagram.nodes.filter((n) => n.parent === null && n.kind === 'final').map((n) => n.id));
  const forward = (e: DiagramEdge) => order.indexOf(e.to) > order.indexOf(e.from) && !finals.has(e.to) && !finals.has(e.from);
  const edges = proc.diagram.stageEdges.filter(forward);
  const memo = new Map<string, string[]>();
  const longest = (from: string): string[] => {
    const known = memo.get(from);
    if (known) return known;
    let best: string[] = [from];
    for (const e of edges.filter((x) => x.from === from)) {
      const rest = longest(e.to);
      if (rest.length + 1 > best.length) best = [from, ...rest];
    }
    memo.set(from, best);
    return best;
  };
  const targets = new Set(edges.map((e) => e.to));
  const starts = order.filter((s) => !targets.has(s) && !finals.has(s));
  let path: string[] = [];
  for (const s of starts) {
    const p = longest(s);
    if (p.length > path.length) path = p;
  }
  return path;
}

function nodeLabel(proc: Procedure, id: string): string {
  return proc.diagram.nodes.find((n) => n.id === id)?.label ?? id;
}

/** The stages the case has left through an event of its history. */
function leftStages(proc: Procedure, history: HistoryEvent[]): Set<string> {
  const left = new Set<string>();
  const types = new Set(history.map((h) => h.type));
  for (const e of proc.diagram.stageEdges) if (types.has(e.event)) left.add(e.from);
  return left;
}

function trackState(
  proc: Procedure,
  stage: string,
  track: string,
  sub: string,
  record: Record<string, unknown>,
): { state: string; done: boolean } {
  if (sub !== 'done') return { state: nodeLabel(proc, `${stage}.${track}.${sub}`), done: false };
  // a track not required is done from the start: say so rather than "completed"
  if (track === 'publicParticipation' && record.publicCommentExemption)
    return { state: i18n.global.t('diagram.trackState.exempt'), done: true };
  if (track === 'expertArgumentation' && !record.expertArgumentation)
    return { state: i18n.global.t('diagram.trackState.notNeeded'), done: true };
  if (track === 'riskAssessment' && !(Array.isArray(record.riskAssessments) && record.riskAssessments.length)) {
    return { state: i18n.global.t('diagram.trackState.notNeeded'), done: true };
  }
  if (track === 'fairCompetition' && Array.isArray(record.fairCompetitionReviews) && record.fairCompetitionReviews.length) {
    const latest = record.fairCompetitionReviews[record.fairCompetitionReviews.length - 1] as { conclusion?: string };
    return { state: i18n.global.t('diagram.trackState.doneWith', { conclusion: enumLabel('conclusion', latest.conclusion) }), done: true };
  }
  return { state: i18n.global.t('diagram.trackState.done'), done: true };
}

/**
 * The furthest stage along the main path the case has ever left: after going back (an unlawful
 * opinion, a meeting asking for revision) the stages before it keep what was done there.
 */
function furthestLeft(path: string[], left: Set<string>): number {
  return path.reduce((far, id, i) => (left.has(id) ? Math.max(far, i) : far), -1);
}

/**
 * The current stage is blocked when nothing the stage offers is open (to the viewer, or to
 * someone else in another role) and the law says why: its steps' substantive reasons.
 */
function currentBlockers(actions: Action[]): Blocker[] {
  const ofStage = actions.filter((a) => !a.blockers.some((b) => ROUTINE_CODES.has(b.code) && !PERSONAL.has(b.code)));
  if (ofStage.some((a) => a.blockers.every((b) => PERSONAL.has(b.code)))) return [];
  return dedupe(ofStage.flatMap((a) => substantive(a.blockers).filter((b) => !PERSONAL.has(b.code))));
}

/** Codes that say a step is someone else's: still open to the case. */
const PERSONAL = new Set(['FORBIDDEN', 'SEPARATION_OF_DUTIES']);

/**
 * Everything the diagram draws for one case (or for no case: the bare procedure). A stage ahead
 * of the current one is not started (grey), never blocked: only the stage the case is in can be
 * blocked, when none of its steps may be taken.
 */
export function layout(
  proc: Procedure,
  current?: { stage: string; state: unknown; actions: Action[]; record: Record<string, unknown> },
  history: HistoryEvent[] = [],
): DiagramLayout {
  const path = mainPath(proc);
  const onPath = new Set(path);
  const left = leftStages(proc, history);
  const currentIndex = current ? path.indexOf(current.stage) : -1;
  // done before the case went back: kept (e.g. the public comment, after an unlawful opinion)
  const reached = Math.max(currentIndex, furthestLeft(path, left));

  const box = (id: string, via?: string): StageBox => {
    const label = proc.stages.find((s) => s.id === id)?.label ?? nodeLabel(proc, id);
    let status: StageStatus = 'todo';
    let blockers: Blocker[] = [];
    if (current) {
      const i = path.indexOf(id);
      if (id === current.stage) {
        blockers = currentBlockers(current.actions);
        status = blockers.length ? 'blocked' : 'current';
      } else if (left.has(id) && (currentIndex < 0 || (i >= 0 && i < reached))) status = 'done';
    }
    const b: StageBox = { id, label, status, current: id === current?.stage, via, blockers };
    if (current && id === current.stage) {
      const value = current.state;
      const inner = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[id] : undefined;
      if (typeof inner === 'string') b.detail = nodeLabel(proc, `${id}.${inner}`);
      else if (typeof inner === 'object' && inner !== null) {
        b.tracks = Object.entries(inner as Record<string, unknown>).map(([track, sub]) => ({
          id: track,
          label: TRACK_LABELS[track] ?? nodeLabel(proc, `${id}.${track}`),
          ...trackState(proc, id, track, String(sub), current.record),
        }));
      }
    }
    return b;
  };

  const main = path.map((id, i) => {
    const via = i > 0 ? proc.diagram.stageEdges.find((e) => e.from === path[i - 1] && e.to === id)?.label : undefined;
    return box(id, via);
  });
  const outcomeIds = proc.stages.map((s) => s.id).filter((id) => !onPath.has(id));
  const outcomes = outcomeIds.map((id) => box(id));
  const side: SideEdge[] = [];
  for (const e of proc.diagram.stageEdges) {
    const fromI = path.indexOf(e.from);
    const toI = path.indexOf(e.to);
    const label = i18n.global.t('diagram.sideEdge', { from: stageName(proc, e.from), to: stageName(proc, e.to), event: e.label });
    if (fromI >= 0 && toI >= 0 && toI < fromI) side.push({ from: e.from, to: e.to, label, kind: 'back' });
    else if (toI < 0) side.push({ from: e.from, to: e.to, label, kind: 'outcome' });
  }
  return { main, outcomes, side };
}

function stageName(proc: Procedure, id: string): string {
  return proc.stages.find((s) => s.id === id)?.label ?? id;
}

function dedupe(blockers: Blocker[]): Blocker[] {
  const seen = new Set<string>();
  return blockers.filter((b) => {
    const k = `${b.code}|${b.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
