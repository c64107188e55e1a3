/**
 * Versions of the procedures and editions of the rulebook.
 *
 * `fixtures/<procedure>.v<N>.json` are snapshots as each released version stored them, at many
 * points of the procedure, each with the event that came next. They are written once, by the
 * released code (version 1's by commit b9f53af), and never regenerated: every later change must
 * still restore them and advance them on their own version.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decide, planMigration, procedureFor, procedureOf, releases, restore, rulebooksOf, stageOf, StoredSnapshot } from './engine';
import { MajorDecisionV2Context } from './major-decision.v2';
import { rulebookEditions, rulebookOn, Rulebook } from './rulebook';
import { law, text } from './shared/text';
import { codesOf, makeEvent, Step, TestCase } from './testing';

interface Fixture {
  name: string;
  stage: string;
  snapshot: StoredSnapshot;
  next: Step;
}

/**
 * The draft text was enforced on every version after these fixtures were written (DRAFT_TEXT_MISSING:
 * 《重大行政决策程序暂行条例》第十五条, 国办发〔2018〕37号 — a call for comment publishes the draft
 * and its explanation, as the law always required): a fixture's first OPEN_PUBLIC_COMMENT, sent
 * without one, gets one here; that it is refused without is asserted below.
 */
const withDraftText = ([type, data, ...rest]: Step): Step =>
  type === 'OPEN_PUBLIC_COMMENT' && !(data as { draftText?: string }).draftText
    ? [type, { draftText: '草案全文及起草说明', ...data }, ...rest]
    : [type, data, ...rest];

const FIXTURES = join(__dirname, 'fixtures');
const fixtures = readdirSync(FIXTURES)
  .filter((f) => f.endsWith('.json'))
  .map((file) => {
    const [, procedure, version] = /^(.+)\.v(\d+)\.json$/.exec(file)!;
    return { file, procedure, version: Number(version), cases: JSON.parse(readFileSync(join(FIXTURES, file), 'utf8')) as Fixture[] };
  });

describe('every released version keeps working', () => {
  it('has fixtures for every released version of every procedure', () => {
    const released = Object.values(releases).flatMap((vs) => vs.map((v) => `${v.id}.v${v.version}.json`));
    expect(fixtures.map((f) => f.file).sort()).toEqual(released.sort());
  });

  for (const { file, procedure, version, cases } of fixtures) {
    describe(file, () => {
      const def = procedureOf(procedure, version);
      it.each(cases.map((c) => [c.name, c]))('restores "%s" and advances it on its own version', (_name, fixture) => {
        const c = fixture as Fixture;
        expect(stageOf(c.snapshot)).toBe(c.stage);
        expect(() => restore(def, c.snapshot)).not.toThrow();
        const [type, data, on, extras] = withDraftText(c.next);
        const d = decide(def, c.snapshot, makeEvent(type, data, on, extras));
        if (!d.accepted) throw new Error(`${type} refused: ${codesOf(d.blockers).join(', ')}`);
        expect(d.snapshot.context.lastEventDate).toBe(on);
        if (type === 'OPEN_PUBLIC_COMMENT' && !(c.next[1] as { draftText?: string }).draftText) {
          const without = decide(def, c.snapshot, makeEvent(...(c.next as [string, Record<string, unknown>, string])));
          expect(without.accepted === false && codesOf(without.blockers)).toEqual(['DRAFT_TEXT_MISSING']);
        }
      });
    });
  }
});

describe('major decision version 2: the fair competition review (Decree 783)', () => {
  const v1 = procedureOf('major-decision', 1);
  const v2 = procedureOf('major-decision', 2);
  const v1Fixtures = fixtures.find((f) => f.file === 'major-decision.v1.json')!.cases;

  it('a case takes the version in force the day it starts', () => {
    expect(procedureFor('major-decision', '2024-07-31').version).toBe(1);
    expect(procedureFor('major-decision', '2024-08-01').version).toBe(2);
    // the first version also carries cases recorded as started before it existed
    expect(procedureFor('major-decision', '2019-01-01').version).toBe(1);
  });

  it('a version 2 case cannot go to legality review before the review is on record; a breach keeps it open', () => {
    const start = TestCase.start<MajorDecisionV2Context>(v2, {
      title: '招商引资奖励办法',
      department: 'fgw',
      jurisdiction: 'jiangsu',
      occurredAt: '2024-09-02',
    }).run([
      ['APPROVE_START', {}, '2024-09-03'],
      ['FINISH_DRAFT', { draftSummary: '草案', specialized: false, stabilityRisk: false, marketRelated: true }, '2024-09-04'],
      ['EXEMPT_PUBLIC_COMMENT', { reason: '依法不予公开' }, '2024-09-05'],
    ]);
    const submit: Step = ['SUBMIT_FOR_LEGALITY_REVIEW', { reviewDueDate: '2024-09-23' }, '2024-09-09'];
    const refused = start.attempt(...submit);
    expect(refused.accepted).toBe(false);
    if (refused.accepted) return;
    expect(refused.blockers).toEqual([
      expect.objectContaining({ code: 'FAIR_COMPETITION_REVIEW_INCOMPLETE', legalBasis: law.fairCompetition(14) }),
    ]);

    const breach = start.send('RECORD_FAIR_COMPETITION_REVIEW', { conclusion: 'non-compliant', summary: '限定本地企业' }, '2024-09-06');
    expect(breach.value).toMatchObject({ consultation: { fairCompetition: 'pending' } });
    const again = breach.attempt(...submit);
    expect(again.accepted === false && again.blockers[0].message.zh).toContain('重新审查');

    const passed = breach.send(
      'RECORD_FAIR_COMPETITION_REVIEW',
      { conclusion: 'exception', summary: '扶持中小企业', implementationPeriod: '三年' },
      '2024-09-06',
    );
    expect(passed.value).toMatchObject({ consultation: { fairCompetition: 'done' } });
    expect(passed.send(...submit).stage).toBe('legalityReview');
    expect(passed.context.fairCompetitionReviews.map((r) => r.conclusion)).toEqual(['non-compliant', 'exception']);
  });

  it('a draft that does not concern business activity (or does not say, as version 1 clients send it) needs no review', () => {
    for (const data of [{ marketRelated: false }, {}]) {
      const c = TestCase.start<MajorDecisionV2Context>(v2, {
        title: '城区绿化提升方案',
        department: 'zjj',
        jurisdiction: 'jiangsu',
        occurredAt: '2024-09-02',
      }).run([
        ['APPROVE_START', {}, '2024-09-03'],
        ['FINISH_DRAFT', { draftSummary: '草案', specialized: false, stabilityRisk: false, ...data }, '2024-09-04'],
        ['EXEMPT_PUBLIC_COMMENT', { reason: '依法不予公开' }, '2024-09-05'],
      ]);
      expect(c.value).toMatchObject({ consultation: { fairCompetition: 'done' } });
      expect(c.context.draft?.marketRelated).toBe(false);
      expect(c.send('SUBMIT_FOR_LEGALITY_REVIEW', { reviewDueDate: '2024-09-23' }, '2024-09-09').stage).toBe('legalityReview');
    }
  });

  it('version 1 has no such event', () => {
    expect(v1.events.RECORD_FAIR_COMPETITION_REVIEW).toBeUndefined();
    expect(v2.events.RECORD_FAIR_COMPETITION_REVIEW.basis).toEqual(law.fairCompetition(14));
  });

  it('maps version 1 cases up to the consultation stage, adding the pending track; refuses the rest with the reason', () => {
    const expected: Record<string, boolean> = {
      proposed: true,
      drafting: true,
      consultation: true,
      legalityReview: false,
      collectiveDecision: false,
      partyReport: false,
      publication: false,
      archiving: false,
      implementing: false,
    };
    for (const f of v1Fixtures) {
      const plan = planMigration(v2, 1, f.snapshot);
      expect([f.name, plan.movable]).toEqual([f.name, expected[f.stage]]);
      if (plan.movable) {
        expect(plan.stage).toBe(f.stage);
        expect(plan.snapshot.context).toMatchObject({ ...f.snapshot.context, fairCompetitionReviews: [] });
        if (f.stage === 'consultation') expect(plan.snapshot.value).toMatchObject({ consultation: { fairCompetition: 'pending' } });
        // and the moved case advances on version 2
        const [type, data, on, extras] = withDraftText(f.next);
        const next = decide(v2, plan.snapshot, makeEvent(type, data, on, extras));
        if (type === 'SUBMIT_FOR_LEGALITY_REVIEW') {
          expect(next.accepted === false && codesOf(next.blockers)).toEqual(['FAIR_COMPETITION_REVIEW_INCOMPLETE']);
        } else {
          expect(next.accepted).toBe(true);
        }
      } else {
        expect(plan.reason.zh).toContain('第十四条');
      }
    }
  });

  it('refuses a closed case and a case of a version it does not migrate from', () => {
    const concluded = { ...v1Fixtures[0].snapshot, value: 'concluded', status: 'done' };
    const plan = planMigration(v2, 1, concluded);
    expect(plan.movable === false && plan.reason.zh).toBe('案件已办结');
    const fromV2 = planMigration(v2, 2, v1Fixtures[0].snapshot);
    expect(fromV2.movable).toBe(false);
  });
});

describe('rulebook editions: each step is judged by the rules in force the day it is taken', () => {
  // a hypothetical later Jiangsu edition that lengthens the decision comment period to 45 days from 2025-01-01
  const later: Rulebook = {
    ...rulebookEditions.jiangsu[0],
    edition: 'jiangsu-test-2025',
    name: text('假设的江苏省规定（测试）', 'Hypothetical Jiangsu edition (test)'),
    effectiveFrom: '2025-01-01',
    values: {
      ...rulebookEditions.jiangsu[0].values,
      decisionCommentMinDays: {
        ...rulebookEditions.jiangsu[0].values.decisionCommentMinDays,
        value: 45,
        basis: text('测试条款', 'test clause'),
      },
    },
  };
  const editions = rulebookEditions.jiangsu as Rulebook[];
  beforeAll(() => editions.push(later));
  afterAll(() => editions.pop());

  it('picks the edition in force on a date, the earliest for dates before any', () => {
    expect(rulebookOn('jiangsu', '2024-12-31').edition).toBe('jiangsu-2022');
    expect(rulebookOn('jiangsu', '2025-01-01').edition).toBe('jiangsu-test-2025');
    expect(rulebookOn('jiangsu', '2010-01-01').edition).toBe('jiangsu-2022');
    expect(rulebookOn('national', '2025-06-01').edition).toBe('national-2019');
  });

  const decision = (occurredAt: string) =>
    TestCase.start(procedureOf('major-decision', 1), { title: '决策', department: 'fgw', jurisdiction: 'jiangsu', occurredAt }).run([
      ['APPROVE_START', {}, occurredAt],
      ['FINISH_DRAFT', { draftSummary: '草案', specialized: false, stabilityRisk: false }, occurredAt],
    ]);

  it('a 30-day comment period opened under the old edition stands; opened under the new one it is refused, citing the new rule', () => {
    const old = decision('2024-11-01').send(
      'OPEN_PUBLIC_COMMENT',
      { draftText: '草案全文及起草说明', startDate: '2024-12-02', endDate: '2025-01-06', channels: ['县政府网站'] },
      '2024-12-02',
    );
    expect(old.stage).toBe('consultation');
    // the case was judged by the 2022 edition only, until a step is taken under the new one
    expect(rulebooksOf(old.stored)).toEqual(['jiangsu-2022']);
    const later = old.send('RECORD_COMMENT', { content: '意见' }, '2025-01-01');
    expect(rulebooksOf(later.stored)).toEqual(['jiangsu-2022', 'jiangsu-test-2025']);

    const fresh = decision('2025-02-03');
    const d = fresh.attempt(
      'OPEN_PUBLIC_COMMENT',
      { draftText: '草案全文及起草说明', startDate: '2025-02-03', endDate: '2025-03-05', channels: ['县政府网站'] },
      '2025-02-03',
    );
    expect(d.accepted).toBe(false);
    if (d.accepted) return;
    expect(d.blockers).toEqual([expect.objectContaining({ legalBasis: text('测试条款', 'test clause') })]);
    expect(d.blockers[0].message.zh).toContain('45');
  });

  it('a snapshot stored before editions were recorded gets the editions in force between its first and latest event', () => {
    const f = fixtures.find((x) => x.file === 'major-decision.v1.json')!.cases[0];
    expect(f.snapshot.context.rulebooks).toBeUndefined();
    expect(rulebooksOf(f.snapshot)).toEqual(['jiangsu-2022']);
    const spanning = { ...f.snapshot, context: { ...f.snapshot.context, lastEventDate: '2025-03-01' } };
    expect(rulebooksOf(spanning)).toEqual(['jiangsu-2022', 'jiangsu-test-2025']);
  });
});
