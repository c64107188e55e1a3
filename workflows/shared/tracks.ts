/**
 * Tracks: the regions of a stage whose steps run side by side (the major decision's consultation:
 * public participation, expert argumentation, risk assessment…). A version of a procedure lists
 * its tracks; each says its region's states and when it is done, and the stage ends only when
 * every track is.
 */

/** A state of a track's region, as the machine config writes it (`label`, `step`, `stepWhen`). */
export type TrackState = object;

export interface Track<C> {
  /** the region's name in the stage (and its guard: `<name>Done`) */
  name: string;
  /** the track requires nothing more: checked on entering the region, so a track the case does not need is done from the start */
  done: (context: C) => boolean;
  /** the state the region starts in */
  initial: string;
  /** the region's states besides `done` (the final state, added here); `done` is a target they may name */
  states: Record<string, TrackState>;
}

const guardOf = (name: string) => `${name}Done`;

/** The guards the regions' states use: `<name>Done` for each track. */
export function trackGuards<C>(tracks: readonly Track<C>[]): Record<string, (args: { context: C }) => boolean> {
  return Object.fromEntries(tracks.map((t) => [guardOf(t.name), ({ context }: { context: C }) => t.done(context)]));
}

/** The tracks as the regions of one parallel state, each leaving its first state for `done` once its guard holds. */
export function trackRegions<C>(tracks: readonly Track<C>[]) {
  return Object.fromEntries(
    tracks.map((t) => [
      t.name,
      {
        initial: t.initial,
        states: {
          ...t.states,
          [t.initial]: { ...t.states[t.initial], always: { guard: guardOf(t.name), target: 'done' } },
          done: { type: 'final' as const },
        },
      },
    ]),
  );
}
