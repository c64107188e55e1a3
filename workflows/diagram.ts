/**
 * The procedure as a diagram, generated from the machine itself (never drawn by hand): every
 * stage, its named sub-states and parallel tracks, and the transitions between stages with the
 * events that take them.
 */
import type { AnyStateNode } from 'xstate';
import type { ProcedureDefinition } from './shared/procedure';
import type { Text } from './shared/text';

export interface DiagramNode {
  /** state path below the root, e.g. `consultation.publicParticipation.open` */
  id: string;
  parent: string | null;
  kind: 'atomic' | 'compound' | 'parallel' | 'final' | 'history';
  label: Text;
}

export interface DiagramEdge {
  from: string;
  to: string;
  event: string;
  label: Text;
}

export interface Diagram {
  nodes: DiagramNode[];
  /** transitions between different states, any depth */
  edges: DiagramEdge[];
  /** the same, folded to the top-level stages (what a stage-by-stage diagram draws) */
  stageEdges: DiagramEdge[];
}

export function diagramOf(def: ProcedureDefinition): Diagram {
  const nodes: DiagramNode[] = [];
  const edges: DiagramEdge[] = [];
  const pathOf = (n: AnyStateNode) => n.path.join('.');
  const stageOf = (path: string) => path.split('.')[0];
  const walk = (n: AnyStateNode, parent: string | null) => {
    const id = pathOf(n);
    const meta = (n.meta ?? {}) as { label?: Text };
    const stage = n.path.length === 1 ? def.stages[n.key] : undefined;
    nodes.push({ id, parent, kind: n.type, label: stage ?? meta.label ?? { zh: n.key, en: n.key } });
    for (const [eventType, transitions] of n.transitions) {
      const ev = def.events[eventType];
      if (!ev) continue;
      for (const t of transitions) {
        for (const target of t.target ?? []) {
          const to = pathOf(target);
          if (to !== id && !edges.some((e) => e.from === id && e.to === to && e.event === eventType)) {
            edges.push({ from: id, to, event: eventType, label: ev.label });
          }
        }
      }
    }
    for (const child of Object.values(n.states)) walk(child, n.path.length ? id : null);
  };
  for (const stage of Object.values(def.machine.root.states)) walk(stage, null);
  const stageEdges: DiagramEdge[] = [];
  for (const e of edges) {
    const from = stageOf(e.from);
    const to = stageOf(e.to);
    if (from !== to && !stageEdges.some((s) => s.from === from && s.to === to && s.event === e.event)) {
      stageEdges.push({ from, to, event: e.event, label: e.label });
    }
  }
  return { nodes, edges, stageEdges };
}
