// the pages' modules it draws with name the browser's globals in their types
/// <reference lib="dom" />
/**
 * The case page's procedure diagram (web/src/lib/diagram.ts, pure), drawn from the real machines'
 * diagrams and the engine's preview of a case's actions: what was done stays done when the case
 * goes back, a stage ahead is never "blocked", only the current one is, when none of its steps
 * may be taken.
 */
import { diagramOf } from '../workflows/diagram';
import { preview, procedures, type ProcedureDefinition } from '../workflows';
import { codesOf, makeEvent, Step, TestCase } from '../workflows/testing';
import type { Action, HistoryEvent, Procedure } from '../web/src/lib/api';
import { layout } from '../web/src/lib/diagram';

const R = { actorId: 'u-reviewer' };

/** The procedure as GET /api/procedures describes it in Chinese (what the diagram reads). */
function described(def: ProcedureDefinition): Procedure {
  const d = diagramOf(def);
  return {
    stages: Object.entries(def.stages).map(([id, label]) => ({ id, label: label.zh })),
    diagram: {
      nodes: d.nodes.map((n) => ({ ...n, label: n.label.zh })),
      edges: d.edges.map((e) => ({ ...e, label: e.label.zh })),
      stageEdges: d.stageEdges.map((e) => ({ ...e, label: e.label.zh })),
    },
  } as unknown as Procedure;
}

/** The diagram of a case as its official sees it, with every step of its history. */
function drawn(def: ProcedureDefinition, c: TestCase, steps: Step[]) {
  const actions: Action[] = preview(def, c.stored, makeEvent('', {}, c.stored.context.lastEventDate).meta).map(({ type, blockers }) => {
    const by = def.events[type].by;
    const mine = by === 'official' || typeof by === 'function';
    const all = mine
      ? blockers
      : [{ code: 'FORBIDDEN', message: { zh: '不是您的职责', en: '' }, legalBasis: { zh: '', en: '' } }, ...blockers];
    return {
      type,
      hints: {},
      label: def.events[type].label.zh,
      allowed: all.length === 0,
      blockers: all.map((b) => ({ code: b.code, message: b.message.zh, legalBasis: b.legalBasis.zh })),
    };
  });
  const history = steps.map(([type, data], i) => ({ type, data, seq: i + 1 }) as unknown as HistoryEvent);
  const l = layout(
    described(def),
    { stage: c.stage, state: c.stored.value, actions, record: c.stored.context as Record<string, unknown> },
    history,
  );
  const status = Object.fromEntries([...l.main, ...l.outcomes].map((b) => [b.id, b.status]));
  return { l, status, actions };
}

describe('normative document diagram', () => {
  const def = procedures['normative-document'];
  const start = () =>
    TestCase.start<Record<string, unknown>>(def, {
      title: '泗阳县城镇住房保障管理办法',
      department: 'zjj',
      jurisdiction: 'jiangsu',
      occurredAt: '2023-03-20',
      affectsPublicRights: true,
      marketRelated: false,
      interim: false,
      issuingOrgan: 'government',
    });
  const toReview: Step[] = [
    [
      'OPEN_PUBLIC_COMMENT',
      { startDate: '2023-03-31', endDate: '2023-04-12', channels: ['县政府网站'], draftText: '草案全文' },
      '2023-03-31',
    ],
    ['CLOSE_PUBLIC_COMMENT', {}, '2023-04-13'],
    ['COMPLETE_PUBLIC_PARTICIPATION', {}, '2023-04-14'],
    ['SUBMIT_FOR_LEGALITY_REVIEW', { reviewDueDate: '2023-04-24' }, '2023-04-17'],
  ];
  const unlawful: Step = ['ISSUE_LEGALITY_OPINION', { conclusion: 'unlawful', opinion: '违法设定许可' }, '2023-04-21', R];

  it('a fresh case in drafting: the legality review ahead is not started, not blocked', () => {
    const c = start();
    const { status, actions } = drawn(def, c, []);
    // the law does stand in the way of submitting now…
    expect(codesOf(actions.find((a) => a.type === 'SUBMIT_FOR_LEGALITY_REVIEW')!.blockers as never)).toEqual(['PUBLIC_COMMENT_INCOMPLETE']);
    // …but that is what the drafting stage is for: nothing ahead is 受阻
    expect(status).toMatchObject({ drafting: 'current', publicComment: 'todo', legalityReview: 'todo', collectiveDeliberation: 'todo' });
    expect(Object.values(status)).not.toContain('blocked');
  });

  it('back in drafting after an unlawful opinion: the finished public comment stays done, the review is to do again', () => {
    const steps = [...toReview, unlawful];
    const c = start().run(steps);
    expect(c.stage).toBe('drafting');
    const { status } = drawn(def, c, steps);
    expect(status).toMatchObject({ drafting: 'current', publicComment: 'done', legalityReview: 'todo' });
    // the revision is recorded: still drafting, nothing else changes in the drawing
    const revised = c.send('CONFIRM_REVISIONS', { revisionNote: '删除第五条' }, '2023-04-24');
    const after = drawn(def, revised, [...steps, ['CONFIRM_REVISIONS', { revisionNote: '删除第五条' }, '2023-04-24']]);
    expect(after.status).toMatchObject({ drafting: 'current', publicComment: 'done', legalityReview: 'todo' });
  });

  it('resubmitted: the stages before it done, the review current', () => {
    const steps: Step[] = [
      ...toReview,
      unlawful,
      ['CONFIRM_REVISIONS', { revisionNote: '删除第五条' }, '2023-04-24'],
      ['SUBMIT_FOR_LEGALITY_REVIEW', { reviewDueDate: '2023-05-04' }, '2023-04-24'],
    ];
    const { status, l } = drawn(def, start().run(steps), steps);
    expect(status).toMatchObject({ drafting: 'done', publicComment: 'done', legalityReview: 'current' });
    expect(l.main.find((b) => b.id === 'legalityReview')?.current).toBe(true);
  });
});

describe('major decision diagram', () => {
  const def = procedures['major-decision'];
  const steps: Step[] = [
    ['APPROVE_START', {}, '2023-02-06', { actorId: 'u-secretariat' }],
    ['FINISH_DRAFT', { draftSummary: '草案', specialized: false, stabilityRisk: false }, '2023-02-20'],
    [
      'OPEN_PUBLIC_COMMENT',
      { startDate: '2023-03-01', endDate: '2023-03-31', channels: ['县政府网站'], draftText: '草案全文' },
      '2023-03-01',
    ],
  ];
  const start = () =>
    TestCase.start<Record<string, unknown>>(procedures['major-decision'], {
      title: '城区停车收费调整',
      department: 'fgw',
      jurisdiction: 'jiangsu',
      occurredAt: '2023-02-01',
    });

  it('consultation under way: the legality review ahead is not started, not blocked', () => {
    const c = start().run(steps);
    const { status } = drawn(def, c, steps);
    expect(status).toMatchObject({ proposed: 'done', drafting: 'done', consultation: 'current', legalityReview: 'todo' });
  });

  it('back in drafting after an unlawful opinion: the consultation stays done', () => {
    const all: Step[] = [
      ...steps,
      ['CLOSE_PUBLIC_COMMENT', {}, '2023-04-03'],
      ['COMPLETE_PUBLIC_PARTICIPATION', {}, '2023-04-06'],
      ['SUBMIT_FOR_LEGALITY_REVIEW', { reviewDueDate: '2023-04-19' }, '2023-04-10'],
      ['ISSUE_LEGALITY_OPINION', { conclusion: 'unlawful', opinion: '超越职权' }, '2023-04-18', R],
    ];
    const c = start().run(all);
    const { status } = drawn(def, c, all);
    expect(status).toMatchObject({ proposed: 'done', drafting: 'current', consultation: 'done', legalityReview: 'todo' });
  });
});

describe('the current stage', () => {
  const def = procedures['normative-document'];
  const proc = described(def);
  const blocker = (code: string) => ({ code, message: code, legalBasis: '依据' });
  const draw = (actions: Action[]) =>
    layout(proc, { stage: 'drafting', state: 'drafting', actions, record: {} }).main.find((b) => b.id === 'drafting')!;

  it('is blocked only when none of its steps may be taken, by anyone, and the law says why', () => {
    const submit = {
      type: 'SUBMIT_FOR_LEGALITY_REVIEW',
      label: '送请合法性审查',
      allowed: false,
      blockers: [blocker('PUBLIC_COMMENT_INCOMPLETE')],
      hints: {},
    };
    const open = { type: 'OPEN_PUBLIC_COMMENT', label: '发布征求意见', allowed: true, blockers: [], hints: {} };
    const elsewhere = {
      type: 'PUBLISH_DOCUMENT',
      label: '公布文件',
      allowed: false,
      blockers: [blocker('NOT_ALLOWED_IN_STAGE')],
      hints: {},
    };
    const nothingAsked = {
      type: 'CONFIRM_REVISIONS',
      label: '落实审查修改意见',
      allowed: false,
      blockers: [blocker('NO_REVISION_ASKED')],
      hints: {},
    };
    expect(draw([submit, open, elsewhere, nothingAsked])).toMatchObject({ status: 'current', current: true, blockers: [] });
    // another role's step is still open to the case
    const theirs = { ...open, allowed: false, blockers: [blocker('FORBIDDEN')] };
    expect(draw([submit, theirs]).status).toBe('current');
    const stuck = draw([submit, { ...open, allowed: false, blockers: [blocker('COMMENT_PERIOD_TOO_SHORT')] }, elsewhere, nothingAsked]);
    expect(stuck).toMatchObject({ status: 'blocked', current: true });
    expect(stuck.blockers.map((b) => b.code)).toEqual(['PUBLIC_COMMENT_INCOMPLETE', 'COMMENT_PERIOD_TOO_SHORT']);
  });
});
