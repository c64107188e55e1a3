import { and, assign } from 'xstate';
import { rulebookOn } from '../rulebook';
import { zhDate } from './dates';
import type { Blocker, CaseBase, EventDefinition, ProcedureEvent, Rule, RuleInput } from './procedure';
import { ruleBasis } from './procedure';
import { Text, text } from './text';

type Events<C> = Record<string, EventDefinition<C, unknown>>;

const RECORDING_RULES = text(
  '过程记录规则：事件按发生日期先后录入，发生日期不得晚于今日',
  'Process record: events are entered in the order they happened, never dated in the future',
);

/** Rules every event obeys, whatever the procedure (docs/contract.md, "Time"). */
const commonRules: Rule<CaseBase>[] = [
  {
    code: 'OCCURRED_IN_FUTURE',
    basis: RECORDING_RULES,
    check: ({ occurredAt, env }) =>
      occurredAt > env.today &&
      text(`发生日期 ${zhDate(occurredAt)} 晚于今日 ${zhDate(env.today)}`, `occurredAt ${occurredAt} is after today ${env.today}`),
  },
  {
    code: 'OCCURRED_BEFORE_LATEST_EVENT',
    basis: RECORDING_RULES,
    check: ({ occurredAt, context }) =>
      occurredAt < context.lastEventDate &&
      text(
        `发生日期 ${zhDate(occurredAt)} 早于本案最近一次事件的日期 ${zhDate(context.lastEventDate)}`,
        `occurredAt ${occurredAt} precedes the case's latest event (${context.lastEventDate})`,
      ),
  },
];

export function ruleInput<C extends CaseBase>(context: C, ev: ProcedureEvent): RuleInput<C, unknown> {
  return {
    context,
    data: ev.data,
    occurredAt: ev.meta.occurredAt,
    actorId: ev.meta.actorId,
    env: ev.meta.env,
    // the rules in force on the day of the step, whatever has changed since
    rulebook: rulebookOn(context.jurisdiction, ev.meta.occurredAt),
    assigned: ev.meta.assigned ?? {},
  };
}

/**
 * Every rule the event breaks. With `preview`, rules that read the event's data are skipped,
 * which is what a client sees before it fills in a form.
 */
export function checkRules<C extends CaseBase>(events: Events<C>, context: C, ev: ProcedureEvent, preview = false): Blocker[] {
  const def = events[ev.type];
  if (!def) return [];
  const input = ruleInput(context, ev);
  const rules: readonly Rule<C, unknown>[] = [...commonRules, ...(def.rules ?? [])];
  const blockers: Blocker[] = [];
  for (const rule of rules) {
    if (preview && rule.onData) continue;
    const message = rule.check(input);
    if (message) {
      blockers.push({
        code: rule.code,
        message,
        legalBasis: ruleBasis(rule, input.rulebook),
        ...(rule.notFound ? { notFound: true } : {}),
      });
    }
  }
  return blockers;
}

/** The event's field hints for an event sent with `ev`'s meta (see `EventDefinition.hints`). */
export function fieldHints<C extends CaseBase>(events: Events<C>, context: C, ev: ProcedureEvent): Record<string, Text> {
  const def = events[ev.type];
  return def?.hints ? def.hints(ruleInput(context, ev)) : {};
}

/** The editions of the rules that judged a case's steps, in the order they first did. */
export const withEdition = (editions: readonly string[] | undefined, edition: string): string[] =>
  editions?.includes(edition) ? [...editions] : [...(editions ?? []), edition];

/**
 * The guards and actions every procedure machine shares:
 * - `lawful`: every rule of the event's table entry holds;
 * - `dataIs`: routes on a field of the event's data (e.g. the legality opinion's conclusion);
 * - `apply`: records the event in the context with the table entry's pure reducer.
 */
export function procedureKit<C extends CaseBase>(events: Events<C>) {
  return {
    guards: {
      lawful: ({ context, event }: { context: C; event: ProcedureEvent }) => checkRules(events, context, event).length === 0,
      dataIs: ({ event }: { event: ProcedureEvent }, params: { field: string; value: unknown }) =>
        event.data[params.field] === params.value,
    },
    actions: {
      apply: assign<C, ProcedureEvent, undefined, ProcedureEvent, never>(({ context, event }) => {
        const def = events[event.type];
        const input = ruleInput(context, event);
        const next = def?.apply ? def.apply(context, input) : context;
        return { ...next, lastEventDate: event.meta.occurredAt, rulebooks: withEdition(context.rulebooks, input.rulebook.edition) };
      }),
    },
  };
}

/** A transition that obeys the law of its event and records it. */
export const step = (target?: string) => ({ target, guard: 'lawful' as const, actions: 'apply' as const });

/** A transition taken when `field` of the data equals `value` (after the event's rules hold). */
export const stepWhen = (field: string, value: unknown, target?: string) => ({
  target,
  guard: and(['lawful', { type: 'dataIs', params: { field, value } }]),
  actions: 'apply' as const,
});

/** A state's name, as the refusals and the web pages show it. */
export const label = (zh: string, en: string): { meta: { label: Text } } => ({ meta: { label: text(zh, en) } });
