import { procedureOf, procedures, StoredSnapshot } from '../engine';
import releasedDocuments from '../fixtures/normative-document.v1.json';
import type { MajorDecisionContext } from '../major-decision';
import type { NormativeDocumentContext } from '../normative-document';
import { codesOf, EventExtras, frozenCopy, Step, TestCase } from '../testing';
import { adoptionSummary, commentKey, identicalComment, PUBLIC_ACTOR } from './public-comment';

/** A citizen on the public consultation page (no account). */
const CITIZEN: EventExtras = { actorId: PUBLIC_ACTOR };

type Doc = TestCase<NormativeDocumentContext>;

const opened = (): Doc =>
  TestCase.start<NormativeDocumentContext>(procedures['normative-document'], {
    title: '泗阳县城镇住房保障管理办法',
    department: 'dept-housing',
    jurisdiction: 'jiangsu',
    occurredAt: '2023-03-20',
    affectsPublicRights: true,
    marketRelated: false,
    interim: false,
    issuingOrgan: 'government',
  }).send(
    'OPEN_PUBLIC_COMMENT',
    { draftText: '草案全文及起草说明', startDate: '2023-03-31', endDate: '2023-04-12', channels: ['县政府网站'] },
    '2023-03-31',
  );

const comment = (content: string, on: string, extras?: EventExtras, submitter?: string): Step => [
  'RECORD_COMMENT',
  { content, ...(submitter ? { submitter } : {}) },
  on,
  extras,
];

const comments = (c: Doc) => c.context.publicComment!.comments;

function expectRefused(c: Doc, step: Step, codes: string[]) {
  const before = frozenCopy(c.stored);
  const d = c.attempt(...step);
  if (d.accepted) throw new Error('accepted');
  expect(codesOf(d.blockers)).toEqual(codes);
  expect(c.stored).toEqual(before);
  return d;
}

describe('identical comments (what counts as the same text)', () => {
  it.each([
    ['full-width letters, digits and punctuation', '建议把限速调到４０ｋｍ／ｈ，并增设ＬＥＤ标志', '建议把限速调到40km/h,并增设LED标志'],
    ['spaces, the ideographic space and line breaks', '建议 明确\n过渡期', '建议明确过渡期'],
    ['leading and trailing whitespace', '  建议明确过渡期\u3000', '建议明确过渡期'],
    ['invisible formatting characters', '建议\u200b明确\ufeff过渡期', '建议明确过渡期'],
  ])('the same after normalisation: %s', (_what, a, b) => {
    expect(commentKey(a)).toBe(commentKey(b));
  });

  it.each([
    ['one character more', '建议明确过渡期', '建议明确过渡期。'],
    ['a different word', '建议明确过渡期', '建议延长过渡期'],
    ['letter case', 'Use LED signs', 'use led signs'],
  ])('not the same: %s (exact, not fuzzy)', (_what, a, b) => {
    expect(commentKey(a)).not.toBe(commentKey(b));
  });

  it('finds the first identical comment of a list', () => {
    const list = [
      { id: 'c1', content: '另一条意见', receivedOn: '2023-04-01' },
      { id: 'c2', content: '建议 明确过渡期', receivedOn: '2023-04-01' },
    ];
    expect(identicalComment(list, '建议明确过渡期')?.id).toBe('c2');
    expect(identicalComment(list, '建议明确过渡期限')).toBeUndefined();
  });
});

describe('identical comments from the public consultation page are recorded once', () => {
  it('three identical citizen comments are one comment with count 3', () => {
    const c = opened().run([
      comment('建议明确过渡期', '2023-04-03', CITIZEN, '市民甲'),
      comment('建议明确 过渡期', '2023-04-04', CITIZEN),
      comment('建议明确过渡期', '2023-04-05', CITIZEN, '市民乙'),
      comment('建议放宽申请条件', '2023-04-05', CITIZEN),
    ]);
    expect(comments(c)).toEqual([
      { id: 'c1', content: '建议明确过渡期', submitter: '市民甲', receivedOn: '2023-04-03', count: 3 },
      { id: 'c2', content: '建议放宽申请条件', receivedOn: '2023-04-05' },
    ]);
    // the case still records the later submission's date
    expect(c.context.lastEventDate).toBe('2023-04-05');
  });

  it('an official recording letters keeps each one, identical or not (each submitter is on record)', () => {
    const c = opened().run([
      comment('建议明确过渡期', '2023-04-03', undefined, '县律师协会'),
      comment('建议明确过渡期', '2023-04-03', undefined, '县工商联'),
    ]);
    expect(comments(c).map((x) => [x.id, x.submitter, x.count])).toEqual([
      ['c1', '县律师协会', undefined],
      ['c2', '县工商联', undefined],
    ]);
  });

  it('a citizen repeating a comment an official recorded joins it', () => {
    const c = opened().run([
      comment('建议明确过渡期', '2023-04-03', undefined, '县律师协会'),
      comment('建议明确过渡期', '2023-04-04', CITIZEN),
    ]);
    expect(comments(c)).toEqual([{ id: 'c1', content: '建议明确过渡期', submitter: '县律师协会', receivedOn: '2023-04-03', count: 2 }]);
  });

  it('joining a comment already disposed of keeps its disposition: nothing new awaits the official', () => {
    const c = opened().run([
      comment('建议明确过渡期', '2023-04-03', CITIZEN),
      ['DISPOSE_COMMENT', { commentId: 'c1', disposition: 'adopted', reason: '已增加过渡期条款' }, '2023-04-04'],
      comment('建议明确过渡期', '2023-04-05', CITIZEN),
      ['CLOSE_PUBLIC_COMMENT', {}, '2023-04-13'],
    ]);
    expect(comments(c)[0]).toMatchObject({ count: 2, disposition: { disposition: 'adopted' } });
    expect(c.attempt('COMPLETE_PUBLIC_PARTICIPATION', {}, '2023-04-14').accepted).toBe(true);
  });

  it('a comment identical to one of an earlier round is a new comment of the new round', () => {
    const first = opened().run([comment('建议明确过渡期', '2023-04-03', CITIZEN)]);
    // a new round (as OPEN_PUBLIC_COMMENT leaves it after a redraft): the earlier round's comments are kept apart
    const again = first
      .withContext({
        earlierPublicComments: [first.context.publicComment!],
        publicComment: { ...first.context.publicComment!, comments: [] },
      })
      .send(...comment('建议明确过渡期', '2023-04-04', CITIZEN));
    expect(comments(again)).toEqual([{ id: 'c1', content: '建议明确过渡期', receivedOn: '2023-04-04' }]);
    expect(again.context.earlierPublicComments[0].comments).toHaveLength(1);
  });

  it('a citizen comment outside the period is still refused', () => {
    const c = opened().send(...comment('建议明确过渡期', '2023-04-03', CITIZEN));
    expectRefused(c, comment('建议明确过渡期', '2023-04-13', CITIZEN), ['COMMENT_OUTSIDE_PERIOD']);
  });

  it('the adoption summary says how many identical comments each one stands for', () => {
    const c = opened().run([
      comment('建议明确过渡期', '2023-04-03', CITIZEN),
      comment('建议明确过渡期', '2023-04-04', CITIZEN),
      comment('建议明确过渡期', '2023-04-05', CITIZEN),
      comment('建议放宽申请条件', '2023-04-05', CITIZEN, '李某'),
      ['CLOSE_PUBLIC_COMMENT', {}, '2023-04-13'],
      ['DISPOSE_COMMENT', { commentId: 'c1', disposition: 'adopted', reason: '已增加过渡期条款' }, '2023-04-13'],
      ['DISPOSE_COMMENT', { commentId: 'c2', disposition: 'not-adopted', reason: '与上位法不符' }, '2023-04-13'],
      ['COMPLETE_PUBLIC_PARTICIPATION', {}, '2023-04-14'],
    ]);
    expect(c.context.publicComment!.summary!.split('\n')).toEqual([
      '共收到意见 4 条（内容相同的意见合并为一项处理，共 2 项），采纳 3 条，部分采纳 0 条，未采纳 1 条。',
      '1. 建议明确过渡期（相同意见 3 条） —— 采纳（已增加过渡期条款）',
      '2. 李某：建议放宽申请条件 —— 未采纳（与上位法不符）',
    ]);
  });

  it('without identical comments the summary reads as it always has', () => {
    expect(
      adoptionSummary([
        {
          id: 'c1',
          content: '建议放宽申请条件',
          submitter: '李某',
          receivedOn: '2023-04-03',
          disposition: { disposition: 'partly-adopted', reason: '放宽收入线', disposedOn: '2023-04-13' },
        },
      ]),
    ).toBe('共收到意见 1 条，采纳 0 条，部分采纳 1 条，未采纳 0 条。\n1. 李某：建议放宽申请条件 —— 部分采纳（放宽收入线）');
  });
});

describe('a group of similar comments disposed of in one act', () => {
  const withComments = (n: number): Doc =>
    opened().run(Array.from({ length: n }, (_, i) => comment(`关于停车收费的意见之${i + 1}`, '2023-04-03', CITIZEN)));

  it('one DISPOSE_COMMENT gives each comment of the group the disposition and the reason', () => {
    const c = withComments(4).send(
      'DISPOSE_COMMENT',
      { commentId: 'c1', alsoCommentIds: ['c2', 'c4'], disposition: 'partly-adopted', reason: '收费标准分时段设定' },
      '2023-04-06',
    );
    const disposition = { disposition: 'partly-adopted', reason: '收费标准分时段设定', disposedOn: '2023-04-06' };
    expect(comments(c).map((x) => [x.id, x.disposition])).toEqual([
      ['c1', disposition],
      ['c2', disposition],
      ['c3', undefined],
      ['c4', disposition],
    ]);
  });

  it('after a group disposition of all, the participation completes and the summary lists each comment', () => {
    const c = withComments(3).run([
      ['CLOSE_PUBLIC_COMMENT', {}, '2023-04-13'],
      ['DISPOSE_COMMENT', { commentId: 'c2', alsoCommentIds: ['c1', 'c3'], disposition: 'not-adopted', reason: '另行研究' }, '2023-04-13'],
      ['COMPLETE_PUBLIC_PARTICIPATION', {}, '2023-04-14'],
    ]);
    expect(c.context.publicComment!.summary!.split('\n')).toEqual([
      '共收到意见 3 条，采纳 0 条，部分采纳 0 条，未采纳 3 条。',
      '1. 关于停车收费的意见之1 —— 未采纳（另行研究）',
      '2. 关于停车收费的意见之2 —— 未采纳（另行研究）',
      '3. 关于停车收费的意见之3 —— 未采纳（另行研究）',
    ]);
  });

  it('works the same in the major decision, refused there on its own basis (Decree 713 Art. 14)', () => {
    const opened = TestCase.start<MajorDecisionContext>(procedureOf('major-decision', 1), {
      title: '泗阳县城区停车设施建设与收费调整方案',
      department: 'dept-housing',
      jurisdiction: 'jiangsu',
      occurredAt: '2023-02-01',
      problem: '城区停车难',
      reasons: '群众反映强烈',
      preliminaryPlan: '新建公共停车场并调整收费',
    }).run([
      ['APPROVE_START', {}, '2023-02-06', { actorId: 'u-secretariat' }],
      ['FINISH_DRAFT', { draftSummary: '草案及起草说明', specialized: false, stabilityRisk: false }, '2023-02-20'],
      [
        'OPEN_PUBLIC_COMMENT',
        { draftText: '草案全文及起草说明', startDate: '2023-03-01', endDate: '2023-03-31', channels: ['县政府网站'] },
        '2023-03-01',
      ],
      comment('建议增加停车位', '2023-03-10', CITIZEN),
      comment('建议增加停车位', '2023-03-11', CITIZEN),
      comment('反对提高收费', '2023-03-12', CITIZEN),
    ]);
    expect(opened.context.publicComment!.comments.map((x) => [x.id, x.count])).toEqual([
      ['c1', 2],
      ['c2', undefined],
    ]);
    const disposed = opened.send(
      'DISPOSE_COMMENT',
      { commentId: 'c1', alsoCommentIds: ['c2'], disposition: 'not-adopted', reason: '收费标准按成本核定' },
      '2023-03-20',
    );
    expect(disposed.context.publicComment!.comments.every((x) => x.disposition?.reason === '收费标准按成本核定')).toBe(true);
    const refusal = opened.attempt(
      'DISPOSE_COMMENT',
      { commentId: 'c1', alsoCommentIds: ['c3'], disposition: 'adopted', reason: '采纳' },
      '2023-03-20',
    );
    if (refusal.accepted) throw new Error('accepted');
    expect(refusal.blockers[0].legalBasis.zh).toContain('第十四条');
  });

  it('unknown ids are refused, each named, and nothing changes', () => {
    const d = expectRefused(
      withComments(2),
      ['DISPOSE_COMMENT', { commentId: 'c1', alsoCommentIds: ['c2', 'c7', 'c9'], disposition: 'adopted', reason: '采纳' }, '2023-04-06'],
      ['COMMENT_NOT_FOUND'],
    );
    expect(d.blockers[0]).toMatchObject({ notFound: true });
    expect(d.blockers[0].message.zh).toBe('没有编号为 c7、c9 的意见');
    expect(d.blockers[0].message.en).toBe('no comment with id c7, c9');
    expect(d.blockers[0].legalBasis.zh).toContain('国办发〔2018〕37号');
  });

  it('an id listed twice (or the first comment listed again) is refused, named, and nothing changes', () => {
    const c = withComments(3);
    const twice = expectRefused(
      c,
      [
        'DISPOSE_COMMENT',
        { commentId: 'c1', alsoCommentIds: ['c2', 'c3', 'c2', 'c1'], disposition: 'adopted', reason: '采纳' },
        '2023-04-06',
      ],
      ['COMMENT_LISTED_TWICE'],
    );
    expect(twice.blockers[0].message.zh).toBe('意见 c1、c2 在本次处理中重复列出');
    expect(twice.blockers[0].notFound).toBeUndefined();
  });

  it('a single comment is disposed of as before (alsoCommentIds is optional)', () => {
    const c = withComments(2).send('DISPOSE_COMMENT', { commentId: 'c2', disposition: 'adopted', reason: '采纳' }, '2023-04-06');
    expect(comments(c).map((x) => x.disposition?.disposition)).toEqual([undefined, 'adopted']);
  });
});

describe('snapshots stored by the released code (without counts or groups)', () => {
  const stored = (name: string) =>
    new TestCase<NormativeDocumentContext>(
      procedureOf('normative-document', 1),
      (releasedDocuments as { name: string; snapshot: unknown }[]).find((f) => f.name === name)!.snapshot as StoredSnapshot,
    );

  it('an open period takes identical citizen comments as one', () => {
    const c = stored('public comment open').run([
      comment('建议放宽申请条件', '2023-04-03', CITIZEN),
      comment('建议放宽申请条件', '2023-04-04', CITIZEN),
    ]);
    expect(comments(c)).toEqual([{ id: 'c1', content: '建议放宽申请条件', receivedOn: '2023-04-03', count: 2 }]);
  });

  it('a closed period takes a group disposition, refuses an unknown id in it, and completes with the summary as before', () => {
    const closed = stored('public comment closed');
    expectRefused(
      closed,
      ['DISPOSE_COMMENT', { commentId: 'c1', alsoCommentIds: ['c2'], disposition: 'adopted', reason: '采纳' }, '2023-04-13'],
      ['COMMENT_NOT_FOUND'],
    );
    const done = closed.run([
      ['DISPOSE_COMMENT', { commentId: 'c1', alsoCommentIds: [], disposition: 'partly-adopted', reason: '放宽收入线' }, '2023-04-13'],
      ['COMPLETE_PUBLIC_PARTICIPATION', {}, '2023-04-14'],
    ]);
    expect(done.context.publicComment!.summary).toBe(
      '共收到意见 1 条，采纳 0 条，部分采纳 1 条，未采纳 0 条。\n1. 建议放宽申请条件 —— 部分采纳（放宽收入线）',
    );
  });
});
