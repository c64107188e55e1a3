/**
 * The public side of a consultation: a comment period opens only with its draft text (and a period
 * reopened after a return carries the earlier text forward); every comment gets a receipt
 * (回执编号) unique across the system that finds that comment and nothing else; each draft has a
 * public page that, once the participation is complete, publishes the adoption summary without
 * naming who sent what.
 */
import { CaseBody, useCounty } from './harness';

jest.setTimeout(90_000);

/** The Asia/Shanghai date `days` from now. */
function shanghaiDay(days = 0): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(Date.now() + days * 86_400_000),
  );
}

interface Receipt {
  received: boolean;
  commentId: string;
  receipt: string;
  merged: boolean;
}
interface Lookup {
  receipt: string;
  consultationId: string;
  title: string;
  content: string;
  receivedOn: string;
  status: string;
  disposition: { disposition: string; reason: string; disposedOn: string } | null;
}
interface Page {
  id: string;
  title: string;
  draftText: string;
  status: string;
  adoption?: {
    completedOn: string;
    total: number;
    adopted: number;
    partlyAdopted: number;
    notAdopted: number;
    comments: { id: string; content: string; count: number; disposition: { disposition: string; reason: string } | null }[];
  };
}

const DOC = {
  procedure: 'normative-document',
  department: 'fgw',
  affectsPublicRights: true,
  marketRelated: false,
  interim: false,
  issuingOrgan: 'government',
};

describe('public receipts, draft pages and the draft text', () => {
  const { b, d, bearer } = useCounty({ DOCKET_TRUST_PROXY: 'loopback' });
  let address = 0;
  const citizen = () => `198.51.100.${++address}`;
  const post = (caseId: string, content: string, submitter?: string) =>
    b.http
      .post(`/api/public/consultations/${caseId}/comments`)
      .set('X-Forwarded-For', citizen())
      .send({ content, ...(submitter ? { submitter } : {}) });
  const lookUp = (receipt: string, from = citizen()) =>
    b.http.get(`/api/public/receipts/${encodeURIComponent(receipt)}`).set('X-Forwarded-For', from);
  const page = (id: string) => b.http.get(`/api/public/consultations/${id}`);
  const history = async (id: string) =>
    ((await b.http.get(`/api/cases/${id}/history`).set(bearer('supervisor')).expect(200)).body as unknown[]).length;

  async function openToday(title: string, draftText = `${title}\n第一条 为规范管理，制定本办法。`): Promise<CaseBody> {
    const draft = await d.create('official', { ...DOC, title });
    return d.ok('official', draft, 'OPEN_PUBLIC_COMMENT', shanghaiDay(), {
      draftText,
      startDate: shanghaiDay(),
      endDate: shanghaiDay(40),
      channels: ['县政府网站'],
    });
  }

  describe('the draft text (Decree 713 Art. 15, 国办发〔2018〕37号)', () => {
    it('a document opened for comment without any draft text is refused, naming its basis, and nothing changes', async () => {
      const draft = await d.create('official', { ...DOC, title: '泗阳县无草案文本的办法', occurredAt: '2023-03-01' });
      const period = { startDate: '2023-03-02', endDate: '2023-04-20', channels: ['县政府网站'] };
      for (const data of [period, { ...period, draftText: '   ' }]) {
        const res = await d.send('official', draft, 'OPEN_PUBLIC_COMMENT', '2023-03-02', data).expect(422);
        expect(res.body.code).toBe('PROCEDURE_VIOLATION');
        expect(res.body.blockers).toEqual([
          expect.objectContaining({ code: 'DRAFT_TEXT_MISSING', legalBasis: '国办发〔2018〕37号（公开征求意见应当公布文件草案及其说明）' }),
        ]);
      }
      expect((await d.get('official', draft.id)).version).toBe(draft.version);
      // the form the page builds asks for it: the event's schema lists it as required
      const procedure = (await b.http.get('/api/procedures/normative-document').expect(200)).body as {
        events: { type: string; schema: { required?: string[] } }[];
      };
      expect(procedure.events.find((e) => e.type === 'OPEN_PUBLIC_COMMENT')!.schema.required).toContain('draftText');
    });

    it('a decision opened for comment without it is refused under Art. 15', async () => {
      let c = await d.create('official', {
        procedure: 'major-decision',
        title: '泗阳县无草案的决策',
        department: 'fgw',
        occurredAt: '2023-01-05',
        problem: '停车难',
      });
      c = await d.ok('secretariat', c, 'APPROVE_START', '2023-01-10');
      c = await d.ok('official', c, 'FINISH_DRAFT', '2023-02-01', { draftSummary: '决策草案', specialized: false, stabilityRisk: false });
      const res = await d
        .send('official', c, 'OPEN_PUBLIC_COMMENT', '2023-02-06', {
          startDate: '2023-02-06',
          endDate: '2023-03-08',
          channels: ['县政府网站'],
        })
        .expect(422);
      expect(res.body.blockers.map((x: { code: string; legalBasis: string }) => [x.code, x.legalBasis])).toEqual([
        ['DRAFT_TEXT_MISSING', '《重大行政决策程序暂行条例》第十五条（公布决策草案及其说明）'],
      ]);
    });

    it('a period reopened after a return for correction starts from the earlier text and carries it forward', async () => {
      const draft = await d.create('official', { ...DOC, title: '泗阳县退回后再次征求意见的办法', occurredAt: '2023-03-20' });
      const text = '第一条 为规范住房保障，制定本办法。\n起草说明：依据有关规定起草。';
      // a first round has nothing to start from
      const opening = (await d.get('official', draft.id)).actions as {
        type: string;
        allowed: boolean;
        prefill?: Record<string, unknown>;
      }[];
      expect(opening.find((a) => a.type === 'OPEN_PUBLIC_COMMENT')).toMatchObject({ allowed: true });
      expect(opening.find((a) => a.type === 'OPEN_PUBLIC_COMMENT')!.prefill).toBeUndefined();
      let c = await d.ok('official', draft, 'OPEN_PUBLIC_COMMENT', '2023-03-31', {
        draftText: text,
        startDate: '2023-03-31',
        endDate: '2023-04-12',
        channels: ['县政府网站'],
      });
      c = await d.ok('official', c, 'CLOSE_PUBLIC_COMMENT', '2023-04-13');
      c = await d.ok('official', c, 'COMPLETE_PUBLIC_PARTICIPATION', '2023-04-14');
      c = await d.ok('official', c, 'SUBMIT_FOR_LEGALITY_REVIEW', '2023-04-17', { reviewDueDate: '2023-04-24' });
      c = await d.ok('reviewer', c, 'RETURN_FOR_CORRECTION', '2023-04-19', { reason: '缺少起草说明', missingItems: ['起草说明'] });
      expect(c.stage).toBe('drafting');
      const actions = (await d.get('official', c.id)).actions as { type: string; allowed: boolean; prefill?: Record<string, unknown> }[];
      expect(actions.find((a) => a.type === 'OPEN_PUBLIC_COMMENT')).toMatchObject({ allowed: true, prefill: { draftText: text } });
      c = await d.ok('official', c, 'OPEN_PUBLIC_COMMENT', '2023-04-20', {
        startDate: '2023-04-20',
        endDate: '2023-05-10',
        channels: ['县政府网站'],
      });
      const record = c.record as { publicComment: { draftText: string; openedOn: string }; earlierPublicComments: { draftText: string }[] };
      expect(record.publicComment).toMatchObject({ draftText: text, openedOn: '2023-04-20' });
      expect(record.earlierPublicComments.map((r) => r.draftText)).toEqual([text]);
      // the public page of the draft shows the text carried forward
      expect(((await page(c.id).expect(200)).body as Page).draftText).toBe(text);
    });
  });

  describe('receipts', () => {
    it('are unique across drafts, find their own comment and say nothing of its sender', async () => {
      const parking = await openToday('泗阳县城市停车管理办法（回执）');
      const water = await openToday('泗阳县城乡供水管理办法（回执）');
      const r1 = (await post(parking.id, '建议夜间停车免费', '王某，电话13800000000').expect(201)).body as Receipt;
      const r2 = (await post(water.id, '建议公布水质检测结果', '李某').expect(201)).body as Receipt;
      // the same comment number in both drafts, never the same receipt
      expect([r1.commentId, r2.commentId]).toEqual(['c1', 'c1']);
      expect(r1.receipt).toMatch(/^YJ-\d{8}-[0-9A-Z]{8}$/);
      expect(r1.receipt.slice(3, 11)).toBe(shanghaiDay().replace(/-/g, ''));
      expect(r2.receipt).not.toBe(r1.receipt);
      // an identical comment is counted on the first one, with a receipt of its own that finds it
      const r3 = (await post(parking.id, '建议 夜间停车免费', '赵某').expect(201)).body as Receipt;
      expect(r3).toMatchObject({ commentId: 'c1', merged: true });
      expect(new Set([r1.receipt, r2.receipt, r3.receipt]).size).toBe(3);

      const one = (await lookUp(r1.receipt).expect(200)).body as Lookup;
      expect(one).toEqual({
        receipt: r1.receipt,
        consultationId: parking.id,
        title: '泗阳县城市停车管理办法（回执）',
        content: '建议夜间停车免费',
        receivedOn: shanghaiDay(),
        status: 'open',
        disposition: null,
      });
      expect(((await lookUp(r2.receipt).expect(200)).body as Lookup).content).toBe('建议公布水质检测结果');
      expect(((await lookUp(r3.receipt.toLowerCase()).expect(200)).body as Lookup).consultationId).toBe(parking.id);
      for (const r of [r1, r2, r3])
        expect(JSON.stringify((await lookUp(r.receipt).expect(200)).body)).not.toMatch(/王某|李某|赵某|1380|submitter/);

      // the official's case page lists the receipt with the comment
      const comments = (await d.get('official', parking.id)).comments as { id: string; receipt?: string }[];
      expect(comments).toEqual([expect.objectContaining({ id: 'c1', receipt: r1.receipt })]);
    });

    it('an unknown or malformed receipt is 404 in plain words; look-ups are rate-limited per address', async () => {
      for (const r of ['YJ-20230101-ABCDEFGH', 'c2', 'YJ-2023', "'; DROP TABLE comment_receipts; --"]) {
        const res = await lookUp(r);
        expect([r, res.status, res.body.code]).toEqual([r, 404, 'NOT_FOUND']);
        expect(res.body.message).toBe('没有该回执编号的意见，请核对后重新输入');
      }
      const from = citizen();
      for (let i = 0; i < 20; i++) expect((await lookUp('YJ-20230101-ABCDEFGH', from)).status).toBe(404);
      expect((await lookUp('YJ-20230101-ABCDEFGH', from)).status).toBe(429);
    });
  });

  describe('the draft page and the adoption summary', () => {
    it('publishes how each comment was handled only once the participation is complete, without its sender', async () => {
      const draft = await d.create('official', { ...DOC, title: '泗阳县物业管理办法（采纳情况）', occurredAt: '2023-03-20' });
      let c = await d.ok('official', draft, 'OPEN_PUBLIC_COMMENT', '2023-03-31', {
        draftText: '第一条 为规范物业管理，制定本办法。',
        startDate: '2023-03-31',
        endDate: '2023-04-12',
        channels: ['县政府网站'],
      });
      c = await d.ok('official', c, 'RECORD_COMMENT', '2023-04-03', { content: '建议明确物业费公示', submitter: '众兴街道居民张某' });
      c = await d.ok('official', c, 'RECORD_COMMENT', '2023-04-04', { content: '建议取消停车费', submitter: '县律师协会' });
      const [first, second] = c.comments as { id: string; receipt: string }[];
      expect(first.receipt).toMatch(/^YJ-20230403-/);
      expect(second.receipt).toMatch(/^YJ-20230404-/);

      // the period is over, the comments are being handled: the page shows the text, no summary yet
      let shown = (await page(c.id).expect(200)).body as Page;
      expect(shown).toMatchObject({ status: 'closed', draftText: '第一条 为规范物业管理，制定本办法。' });
      expect(shown.adoption).toBeUndefined();
      c = await d.ok('official', c, 'CLOSE_PUBLIC_COMMENT', '2023-04-13');
      c = await d.ok('official', c, 'DISPOSE_COMMENT', '2023-04-13', { commentId: 'c1', disposition: 'adopted', reason: '已增加第八条' });
      expect(((await lookUp(first.receipt).expect(200)).body as Lookup).disposition).toBeNull();
      c = await d.ok('official', c, 'DISPOSE_COMMENT', '2023-04-13', {
        commentId: 'c2',
        disposition: 'not-adopted',
        reason: '停车收费另有规定',
      });
      shown = (await page(c.id).expect(200)).body as Page;
      expect(shown.adoption).toBeUndefined();
      expect(((await lookUp(second.receipt).expect(200)).body as Lookup).disposition).toBeNull();

      c = await d.ok('official', c, 'COMPLETE_PUBLIC_PARTICIPATION', '2023-04-14');
      const res = await page(c.id).expect(200);
      shown = res.body as Page;
      expect(shown.status).toBe('completed');
      expect(shown.adoption).toEqual({
        completedOn: '2023-04-14',
        total: 2,
        adopted: 1,
        partlyAdopted: 0,
        notAdopted: 1,
        comments: [
          {
            id: 'c1',
            content: '建议明确物业费公示',
            receivedOn: '2023-04-03',
            count: 1,
            disposition: { disposition: 'adopted', reason: '已增加第八条', disposedOn: '2023-04-13' },
          },
          {
            id: 'c2',
            content: '建议取消停车费',
            receivedOn: '2023-04-04',
            count: 1,
            disposition: { disposition: 'not-adopted', reason: '停车收费另有规定', disposedOn: '2023-04-13' },
          },
        ],
      });
      expect(res.text).not.toMatch(/张某|律师协会|submitter|receipt|YJ-/);
      // the receipt now tells its holder how their comment was handled, and only theirs
      expect((await lookUp(first.receipt).expect(200)).body as Lookup).toMatchObject({
        status: 'completed',
        content: '建议明确物业费公示',
        disposition: { disposition: 'adopted', reason: '已增加第八条', disposedOn: '2023-04-13' },
      });
      expect(JSON.stringify((await lookUp(first.receipt)).body)).not.toMatch(/停车|张某/);
    });

    it('a draft not yet out for comment has no public page, and a page changes nothing', async () => {
      const draft = await d.create('official', { ...DOC, title: '泗阳县尚未征求意见的办法' });
      const before = await history(draft.id);
      for (const id of [draft.id, '00000000-0000-4000-8000-000000000000', 'not-a-case']) {
        const res = await page(id);
        expect([id, res.status, res.body.code]).toEqual([id, 404, 'NOT_FOUND']);
      }
      // opened to start tomorrow: not public before its first day
      await d.ok('official', draft, 'OPEN_PUBLIC_COMMENT', shanghaiDay(), {
        draftText: '草案',
        startDate: shanghaiDay(1),
        endDate: shanghaiDay(40),
        channels: ['县政府网站'],
      });
      expect((await page(draft.id)).status).toBe(404);
      expect(await history(draft.id)).toBe(before + 1);
    });
  });
});
