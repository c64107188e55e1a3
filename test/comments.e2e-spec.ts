/**
 * Spam makes no work: identical citizen comments on one consultation are recorded once (each
 * citizen still gets a receipt, and the comment counts them), also when they arrive at the same
 * moment; and the official disposes of a group of similar comments in one act, each still listed
 * in the adoption summary. Refused group dispositions name the wrong ids and change nothing.
 */
import type { Response } from 'supertest';
import { CaseBody, expectAuditIntact, useCounty } from './harness';

jest.setTimeout(60_000);

interface Comment {
  id: string;
  content: string;
  submitter?: string;
  receivedOn: string;
  count?: number;
  disposition?: { disposition: string; reason: string; disposedOn: string };
}
interface HistoryEvent {
  type: string;
  actorRole: string;
  data: Record<string, unknown>;
}

/** The Asia/Shanghai date `days` from now. */
function shanghaiDay(days = 0): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(Date.now() + days * 86_400_000),
  );
}

describe('comments: identical ones recorded once, similar ones disposed of together', () => {
  const { b, tokens, d, bearer } = useCounty({ DOCKET_TRUST_PROXY: 'loopback' });
  // each citizen posts from an address of their own (the throttle allows 5 a minute from one)
  let address = 0;
  const citizen = () => `198.51.100.${++address}`;

  const post = (caseId: string, content: string, submitter?: string) =>
    b.http
      .post(`/api/public/consultations/${caseId}/comments`)
      .set('X-Forwarded-For', citizen())
      .send({ content, ...(submitter ? { submitter } : {}) });

  /** A normative document whose comment period is open today (so citizens can comment). */
  async function openToday(title: string): Promise<CaseBody> {
    const draft = await d.create('official', {
      procedure: 'normative-document',
      title,
      department: 'fgw',
      affectsPublicRights: true,
      marketRelated: false,
      interim: false,
      issuingOrgan: 'government',
    });
    return d.ok('official', draft, 'OPEN_PUBLIC_COMMENT', shanghaiDay(), {
      draftText: '草案全文及起草说明',
      startDate: shanghaiDay(),
      endDate: shanghaiDay(40),
      channels: ['县政府网站'],
    });
  }

  const read = (id: string) => d.get('supervisor', id);
  const commentsOf = async (id: string) => (await read(id)).comments as Comment[];
  const history = async (id: string) =>
    (await b.http.get(`/api/cases/${id}/history`).set(bearer('supervisor')).expect(200)).body as HistoryEvent[];

  /** What a refused request must leave as it was. */
  async function state(id: string) {
    const c = await read(id);
    return { version: c.version, record: c.record, events: (await history(id)).length };
  }

  it('three identical citizen comments are one comment counted 3 times; each citizen gets a receipt', async () => {
    const c = await openToday('泗阳县城市停车管理办法（征求意见稿）');
    const receipts: Response[] = [];
    // the same text, in the ways people type it: another spacing, full-width digits and punctuation
    for (const [content, submitter] of [
      ['建议夜间停车免费，时间为22:00至次日7:00', '市民甲'],
      ['建议夜间停车免费， 时间为２２：００至次日７：００', undefined],
      ['  建议夜间停车免费，时间为22:00至次日7:00\n', '市民乙'],
    ] as const) {
      receipts.push(await post(c.id, content, submitter));
    }
    const other = await post(c.id, '建议增设新能源汽车充电车位');

    const receipt = expect.stringMatching(/^YJ-\d{8}-[0-9A-Z]{8}$/);
    expect(receipts.map((r) => [r.status, r.body])).toEqual([
      [201, { received: true, commentId: 'c1', receipt, merged: false }],
      [201, { received: true, commentId: 'c1', receipt, merged: true }],
      [201, { received: true, commentId: 'c1', receipt, merged: true }],
    ]);
    // each citizen a receipt of their own
    expect(new Set(receipts.map((r) => (r.body as { receipt: string }).receipt)).size).toBe(3);
    expect([other.status, other.body]).toEqual([201, { received: true, commentId: 'c2', receipt, merged: false }]);

    // one comment to dispose of, not three; the first one's text and submitter are kept
    const comments = await commentsOf(c.id);
    expect(comments.map((x) => ({ id: x.id, content: x.content, submitter: x.submitter, count: x.count }))).toEqual([
      { id: 'c1', content: '建议夜间停车免费，时间为22:00至次日7:00', submitter: '市民甲', count: 3 },
      { id: 'c2', content: '建议增设新能源汽车充电车位', submitter: undefined, count: undefined },
    ]);
    // every submission is still on the audit trail, by the public
    const recorded = (await history(c.id)).filter((e) => e.type === 'RECORD_COMMENT');
    expect(recorded).toHaveLength(4);
    expect(recorded.every((e) => e.actorRole === 'public')).toBe(true);
    await expectAuditIntact(b, tokens.supervisor);
  });

  it('identical comments posted at the same moment are still one comment', async () => {
    const c = await openToday('泗阳县共享单车管理办法（征求意见稿）');
    for (const [round, at] of [
      ['建议规定共享单车停放区域', 2],
      ['建议限制共享单车投放总量', 2],
      ['建议企业承担乱停放的清理费用', 4],
    ] as const) {
      const results = await Promise.all(Array.from({ length: at }, () => post(c.id, round)));
      expect(results.map((r) => r.status)).toEqual(Array(at).fill(201));
      // one receipt made the comment, the others joined it
      expect(new Set(results.map((r) => r.body.commentId)).size).toBe(1);
      expect(results.filter((r) => r.body.merged === false)).toHaveLength(1);
    }
    const comments = await commentsOf(c.id);
    expect(comments.map((x) => [x.id, x.content, x.count])).toEqual([
      ['c1', '建议规定共享单车停放区域', 2],
      ['c2', '建议限制共享单车投放总量', 2],
      ['c3', '建议企业承担乱停放的清理费用', 4],
    ]);
    // created, opened and one version per submission
    expect((await read(c.id)).version).toBe(2 + 8);
    await expectAuditIntact(b, tokens.supervisor);
  });

  it('an official recording the same text from two letters keeps both: each submitter is on record', async () => {
    const c = await d.openForComment('泗阳县户外广告设置管理办法');
    const res = await b.http
      .post(`/api/cases/${c.id}/comments/import`)
      .set(bearer('official'))
      .send({
        expectedVersion: c.version,
        comments: [
          { content: '建议明确过渡期', submitter: '县律师协会', receivedOn: '2023-06-01' },
          { content: '建议明确过渡期', submitter: '县工商联', receivedOn: '2023-06-01' },
        ],
      })
      .expect(200);
    expect((res.body as CaseBody).comments.map((x) => [x.id, (x as Comment).submitter, (x as Comment).count])).toEqual([
      ['c1', '县律师协会', undefined],
      ['c2', '县工商联', undefined],
    ]);
  });

  /** A comment period of 2023 (closed since) with `n` comments imported by the official. */
  async function withComments(title: string, n: number): Promise<CaseBody> {
    const c = await d.openForComment(title);
    const res = await b.http
      .post(`/api/cases/${c.id}/comments/import`)
      .set(bearer('official'))
      .send({
        expectedVersion: c.version,
        comments: Array.from({ length: n }, (_, i) => ({
          content: `关于收费标准的意见之${i + 1}`,
          submitter: `来信人${i + 1}`,
          receivedOn: '2023-06-01',
        })),
      })
      .expect(200);
    return res.body as CaseBody;
  }

  it('a group of similar comments is disposed of in one event; the adoption summary lists each', async () => {
    let c = await withComments('泗阳县城市道路停车收费办法', 4);
    const before = await state(c.id);
    c = await d.ok('official', c, 'DISPOSE_COMMENT', '2023-06-05', {
      commentId: 'c1',
      alsoCommentIds: ['c2', 'c4'],
      disposition: 'partly-adopted',
      reason: '收费标准改为分时段设定',
    });
    // one act: one version, one audit event naming the whole group
    expect(c.version).toBe(before.version + 1);
    const events = await history(c.id);
    expect(events).toHaveLength(before.events + 1);
    expect(events[events.length - 1]).toMatchObject({
      type: 'DISPOSE_COMMENT',
      data: { commentId: 'c1', alsoCommentIds: ['c2', 'c4'], disposition: 'partly-adopted' },
    });
    const disposed = { disposition: 'partly-adopted', reason: '收费标准改为分时段设定', disposedOn: '2023-06-05' };
    expect((c.comments as Comment[]).map((x) => [x.id, x.disposition])).toEqual([
      ['c1', disposed],
      ['c2', disposed],
      ['c3', undefined],
      ['c4', disposed],
    ]);

    // the one left keeps public participation open until it is disposed of
    c = await d.ok('official', c, 'CLOSE_PUBLIC_COMMENT', '2023-12-16');
    const early = await d.send('official', c, 'COMPLETE_PUBLIC_PARTICIPATION', '2023-12-18');
    expect(early.status).toBe(422);
    expect(early.body.blockers[0]).toMatchObject({ code: 'COMMENTS_UNDISPOSED', message: expect.stringContaining('c3') });
    c = await d.ok('official', c, 'DISPOSE_COMMENT', '2023-12-18', { commentId: 'c3', disposition: 'not-adopted', reason: '与上位法不符' });
    c = await d.ok('official', c, 'COMPLETE_PUBLIC_PARTICIPATION', '2023-12-18');
    expect(String(c.record.publicComment.summary).split('\n')).toEqual([
      '共收到意见 4 条，采纳 0 条，部分采纳 3 条，未采纳 1 条。',
      '1. 来信人1：关于收费标准的意见之1 —— 部分采纳（收费标准改为分时段设定）',
      '2. 来信人2：关于收费标准的意见之2 —— 部分采纳（收费标准改为分时段设定）',
      '3. 来信人3：关于收费标准的意见之3 —— 未采纳（与上位法不符）',
      '4. 来信人4：关于收费标准的意见之4 —— 部分采纳（收费标准改为分时段设定）',
    ]);
  });

  it('the citizens’ merged comment is disposed of with its neighbours while the period is open', async () => {
    const c = await openToday('泗阳县农贸市场管理办法（征求意见稿）');
    for (const text of ['建议延长营业时间', '建议延长营业时间', '建议延长营业时间至晚十点']) await post(c.id, text);
    const now = await read(c.id);
    const done = await d.ok('official', now, 'DISPOSE_COMMENT', shanghaiDay(), {
      commentId: 'c1',
      alsoCommentIds: ['c2'],
      disposition: 'adopted',
      reason: '营业时间延长至晚十点',
    });
    expect((done.comments as Comment[]).map((x) => [x.id, x.count, x.disposition?.disposition])).toEqual([
      ['c1', 2, 'adopted'],
      ['c2', undefined, 'adopted'],
    ]);
  });

  describe('a refused group disposition names the wrong ids and changes nothing', () => {
    let c: CaseBody;
    beforeAll(async () => {
      c = await withComments('泗阳县公共租赁住房管理办法', 3);
    });

    async function refused(data: Record<string, unknown>, status: number, code: string, lang?: string) {
      const before = await state(c.id);
      const req = b.http.post(`/api/cases/${c.id}/events`).set(bearer('official'));
      if (lang) req.set('Accept-Language', lang);
      const res = await req.send({ type: 'DISPOSE_COMMENT', expectedVersion: c.version, occurredAt: '2023-06-05', data });
      expect({ status: res.status, code: res.body.code }).toEqual({ status, code });
      expect(res.body.statusCode).toBe(status);
      expect(await state(c.id)).toEqual(before);
      expect((await commentsOf(c.id)).every((x) => !x.disposition)).toBe(true);
      return res;
    }
    const base = { disposition: 'adopted', reason: '采纳' };

    it('unknown ids: 404 NOT_FOUND naming each', async () => {
      const res = await refused({ ...base, commentId: 'c1', alsoCommentIds: ['c2', 'c7', 'c9'] }, 404, 'NOT_FOUND');
      expect(res.body.blockers).toEqual([
        { code: 'COMMENT_NOT_FOUND', message: '没有编号为 c7、c9 的意见', legalBasis: expect.stringContaining('国办发〔2018〕37号') },
      ]);
      expect(res.body.message).toBe('没有编号为 c7、c9 的意见');
      const en = await refused({ ...base, commentId: 'c8', alsoCommentIds: ['c1'] }, 404, 'NOT_FOUND', 'en');
      expect(en.body.message).toBe('no comment with id c8');
    });

    it('an id listed twice: 422 naming it', async () => {
      const res = await refused({ ...base, commentId: 'c1', alsoCommentIds: ['c2', 'c3', 'c2', 'c1'] }, 422, 'PROCEDURE_VIOLATION');
      expect(res.body.blockers).toEqual([
        {
          code: 'COMMENT_LISTED_TWICE',
          message: '意见 c1、c2 在本次处理中重复列出',
          legalBasis: expect.stringContaining('国办发〔2018〕37号'),
        },
      ]);
    });

    it('more than 200 further comments, or not a list of ids: 400 VALIDATION_FAILED', async () => {
      const many = Array.from({ length: 201 }, (_, i) => `c${i + 2}`);
      const res = await refused({ ...base, commentId: 'c1', alsoCommentIds: many }, 400, 'VALIDATION_FAILED');
      expect(JSON.stringify(res.body.details)).toContain('alsoCommentIds');
      await refused({ ...base, commentId: 'c1', alsoCommentIds: 'c2' }, 400, 'VALIDATION_FAILED');
      await refused({ ...base, commentId: 'c1', alsoCommentIds: [2, 3] }, 400, 'VALIDATION_FAILED');
      await refused({ ...base, commentId: 'c1', alsoCommentIds: [''] }, 400, 'VALIDATION_FAILED');
    });

    it('and the same group, correct, is accepted', async () => {
      const ok = await d.ok('official', c, 'DISPOSE_COMMENT', '2023-06-05', { ...base, commentId: 'c3', alsoCommentIds: ['c1', 'c2'] });
      expect((ok.comments as Comment[]).map((x) => x.disposition?.disposition)).toEqual(['adopted', 'adopted', 'adopted']);
    });
  });
});
