import { ActionView, summaryOf, toCaseView } from './case.view';
import { commenting, drafting, normative, rowOf } from './cases.testing';

const open = commenting.send('RECORD_COMMENT', { content: '建议放宽申请条件', submitter: '李某' }, '2023-04-03');

const actions: ActionView[] = [{ type: 'CLOSE_PUBLIC_COMMENT', label: '结束征求意见', allowed: true, blockers: [], hints: {} }];

describe('toCaseView', () => {
  const row = rowOf(open);

  it("shows the stage and the time limit in the reader's language", () => {
    const zh = toCaseView(normative, row, actions, 'zh');
    const en = toCaseView(normative, row, actions, 'en');
    expect(zh.stageLabel).toBe(normative.stages[open.stage].zh);
    expect(en.stageLabel).toBe(normative.stages[open.stage].en);
    expect(en.due).toMatchObject({ date: '2023-04-12', code: 'COMMENT_PERIOD_END', provisional: false });
    expect(en.due?.label).not.toBe(zh.due?.label);
    expect(en.due?.legalBasis).toMatch(/\S/);
  });

  it('marks a passed comment period overdue', () => {
    expect(toCaseView(normative, row, actions, 'en').due?.overdue).toBe(true);
  });

  it("lists the round's comments and the actions it is given, with no document number before publication", () => {
    const view = toCaseView(normative, row, actions, 'en');
    expect(view.comments).toHaveLength(1);
    expect(view.comments[0]).toMatchObject({ content: '建议放宽申请条件' });
    expect(view.actions).toBe(actions);
    expect(view).not.toHaveProperty('documentNumber');
    expect(view.rulebooks[0].edition).toMatch(/^jiangsu-/);
  });

  it('shows no time limit for a case in drafting', () => {
    expect(toCaseView(normative, rowOf(drafting), [], 'zh').due).toBeNull();
  });
});

describe('summaryOf', () => {
  const row = { ...rowOf(open), heldBy: 'fgw' };

  it('names the department holding the step', () => {
    expect(summaryOf(row, 'zh', '2023-04-01').heldBy).toBe('fgw');
  });

  it('judges overdue against the day it is given', () => {
    expect(summaryOf(row, 'en', '2023-04-12').due?.overdue).toBe(false);
    expect(summaryOf(row, 'en', '2023-04-13').due?.overdue).toBe(true);
  });

  it("labels the stage and the time limit in the reader's language", () => {
    const s = summaryOf(row, 'en', '2023-04-01');
    expect(s.stageLabel).toBe(normative.stages[open.stage].en);
    expect(s.due?.label).toBe(normative.dueLabels.COMMENT_PERIOD_END.en);
  });

  it('keeps an unknown stage by its name, and shows no time limit when there is none', () => {
    const s = summaryOf({ ...row, stage: 'nowhere', dueDate: null }, 'zh', '2023-04-01');
    expect(s.stageLabel).toBe('nowhere');
    expect(s.due).toBeNull();
  });
});
