/**
 * Test helpers for the workflow specs: the packaged working-day calendar, event builders and a
 * small immutable driver over the pure engine. Free of jest globals so that it type-checks with
 * the build configuration too.
 */
import { packagedHolidayYears } from './shared/holiday-package';
import { decide, Decision, start, stageOf, StoredSnapshot } from './engine';
import { WorkingCalendar } from './shared/calendar';
import type { IsoDate } from './shared/dates';
import type { Blocker, ProcedureDefinition, ProcedureEvent } from './shared/procedure';

/** The calendar the server builds from the `chinese-days` package (2004–2026). */
export const calendar = new WorkingCalendar(packagedHolidayYears());

/** "Today" for every test event unless a test says otherwise: after every date the specs use. */
export const TODAY: IsoDate = '2025-06-30';

export interface EventExtras {
  actorId?: string;
  today?: IsoDate;
  documentNumber?: string;
  /** whether APPROVE_START's catalogue item stood in the published catalogue (as the server looks it up); default true */
  listed?: boolean;
}

/** A procedure event as the server hands it to the engine. */
export function makeEvent(type: string, data: Record<string, unknown>, occurredAt: IsoDate, extras: EventExtras = {}): ProcedureEvent {
  return {
    type,
    data,
    meta: {
      occurredAt,
      actorId: extras.actorId ?? 'user-official',
      env: { calendar, today: extras.today ?? TODAY },
      assigned: {
        ...(extras.documentNumber ? { documentNumber: extras.documentNumber } : {}),
        ...(type === 'APPROVE_START' && typeof data.catalogueItemId === 'string'
          ? { catalogue: { itemId: data.catalogueItemId, listed: extras.listed ?? true } }
          : {}),
      },
    },
  };
}

/** A deep copy of what is stored, to compare before and after a refused event. */
export const frozenCopy = (stored: StoredSnapshot): StoredSnapshot => JSON.parse(JSON.stringify(stored));

export const codesOf = (blockers: readonly Blocker[]): string[] => blockers.map((b) => b.code);

/** One step of a scripted path: [type, data, occurredAt, extras?]. */
export type Step = [type: string, data: Record<string, unknown>, occurredAt: IsoDate, extras?: EventExtras];

/**
 * An immutable handle on one stored case: `send` returns a new handle (and throws, naming the
 * blockers, when the engine refuses), `attempt` returns the engine's raw decision.
 */
export class TestCase<C = Record<string, unknown>> {
  constructor(
    readonly def: ProcedureDefinition,
    readonly stored: StoredSnapshot,
  ) {}

  static start<C>(def: ProcedureDefinition, input: object): TestCase<C> {
    return new TestCase<C>(def, start(def, { ...input }));
  }

  get stage(): string {
    return stageOf(this.stored);
  }

  get value(): unknown {
    return this.stored.value;
  }

  get context(): C {
    return this.stored.context as unknown as C;
  }

  attempt(type: string, data: Record<string, unknown>, occurredAt: IsoDate, extras?: EventExtras): Decision {
    return decide(this.def, this.stored, makeEvent(type, data, occurredAt, extras));
  }

  send(type: string, data: Record<string, unknown>, occurredAt: IsoDate, extras?: EventExtras): TestCase<C> {
    const d = this.attempt(type, data, occurredAt, extras);
    if (!d.accepted) {
      throw new Error(`${type} on ${occurredAt} refused in ${JSON.stringify(this.value)}: ${codesOf(d.blockers).join(', ')}`);
    }
    return new TestCase<C>(this.def, d.snapshot);
  }

  run(steps: readonly Step[]): TestCase<C> {
    return steps.reduce<TestCase<C>>((c, [type, data, on, extras]) => c.send(type, data, on, extras), this);
  }

  /** The same case with its stored context patched: for states no lawful path reaches. */
  withContext(patch: Partial<C>): TestCase<C> {
    return new TestCase<C>(this.def, { ...this.stored, context: { ...this.stored.context, ...patch } as never });
  }
}
