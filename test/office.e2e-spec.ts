/**
 * Office work (办文) on a case beside its procedure: the person in charge (承办人) and transfer
 * (转办) within the department, copies (抄送) that let a user read but never act, urging (催办)
 * by supervisors, and the four lists (待办 / 已办 / 我发起的 / 抄送我的). Each act is in the case's
 * history and audit chain; a refused one changes nothing; separation of duties holds throughout.
 */
import { CaseBody, expectAuditIntact, PASSWORD, Tokens, useCounty } from './harness';

type Who = keyof Tokens;

describe('office work: transfer, copies, urging, lists', () => {
  const { b, tokens, d, bearer } = useCounty();
  const ids = {} as Record<Who, string>;

  beforeAll(async () => {
    const users = (await b.http.get('/api/users').set(bearer('admin')).expect(200)).body as { id: string; username: string }[];
    for (const u of users) ids[u.username as Who] = u.id;
  });

  /** A fgw normative document (no effect on public rights) sent for legality review: awaiting the reviewer. */
  async function inReview(title: string, who: 'official' | 'official2' = 'official'): Promise<CaseBody> {
    const c = await d.create(who, {
      procedure: 'normative-document',
      title,
      department: 'fgw',
      occurredAt: '2023-03-01',
      affectsPublicRights: false,
      marketRelated: false,
      interim: false,
      issuingOrgan: 'government',
    });
    return d.ok(who, c, 'SUBMIT_FOR_LEGALITY_REVIEW', '2023-03-01', { reviewDueDate: '2023-03-10' });
  }

  const draft = (title: string, who: Who = 'official') =>
    d.create(who, {
      procedure: 'normative-document',
      title,
      department: 'fgw',
      occurredAt: '2023-03-01',
      affectsPublicRights: false,
      marketRelated: false,
      interim: false,
      issuingOrgan: 'government',
    });

  const assign = (who: Who, id: string, body: object) => b.http.post(`/api/cases/${id}/assign`).set(bearer(who)).send(body);
  const copy = (who: Who, id: string, body: object) => b.http.post(`/api/cases/${id}/copies`).set(bearer(who)).send(body);
  const urge = (who: Who, id: string, body: object) => b.http.post(`/api/cases/${id}/urge`).set(bearer(who)).send(body);
  const history = async (id: string) =>
    (await b.http.get(`/api/cases/${id}/history`).set(bearer('secretariat')).expect(200)).body as {
      type: string;
      actorId: string;
      actorRole: string;
      data: Record<string, unknown>;
    }[];
  const list = async (who: Who, view: string) =>
    ((await b.http.get(`/api/cases?view=${view}&pageSize=200`).set(bearer(who)).expect(200)).body as { items: { id: string }[] }).items.map(
      (i) => i.id,
    );
  const notices = async (who: Who) =>
    (
      (await b.http.get('/api/notifications?pageSize=100').set(bearer(who)).expect(200)).body as {
        items: { type: string; caseId: string; message: string }[];
      }
    ).items;

  describe('the person in charge and transfer (转办)', () => {
    it('a new case is in the charge of its creator', async () => {
      const c = await draft('承办人默认为创建人');
      expect(c.assignee).toEqual({ id: ids.official, displayName: 'official' });
      expect(c.acts.find((a) => a.type === 'ASSIGN')).toMatchObject({ allowed: true });
    });

    it('transfers to a colleague of the same department, with the reason in the history', async () => {
      const c = await draft('转办给同部门同事');
      const res = await assign('official', c.id, { userId: ids.official2, reason: '工作调整，由同事承办' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ version: c.version + 1, assignee: { id: ids.official2 } });
      const last = (await history(c.id)).at(-1)!;
      expect(last).toMatchObject({
        type: 'ASSIGNED',
        actorId: ids.official,
        actorRole: 'official',
        data: { userId: ids.official2, from: ids.official, reason: '工作调整，由同事承办' },
      });
      expect((await notices('official2')).filter((n) => n.caseId === c.id)).toEqual([
        expect.objectContaining({ type: 'ASSIGNED', message: expect.stringContaining('工作调整') }),
      ]);
      // the former person in charge may no longer transfer it; the new one may
      const again = await assign('official', c.id, { userId: ids.official, reason: '收回' });
      expect(again.status).toBe(403);
      expect((await d.get('official2', c.id)).acts.find((a) => a.type === 'ASSIGN')!.allowed).toBe(true);
    });

    it('refuses a transfer to another department, and changes nothing', async () => {
      const c = await draft('不能转办到其他部门');
      const res = await assign('official', c.id, { userId: ids.zjjOfficial, reason: '转住建局' });
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('FORBIDDEN');
      expect(res.body.blockers[0].code).toBe('OTHER_DEPARTMENT');
      const after = await d.get('official', c.id);
      expect(after).toMatchObject({ version: c.version, assignee: { id: ids.official } });
      expect((await history(c.id)).map((e) => e.type)).toEqual(['CASE_CREATED']);
    });

    it('refuses bad input with 400: unknown user, no reason, unknown field', async () => {
      const c = await draft('转办参数校验');
      expect((await assign('official', c.id, { userId: '00000000-0000-4000-8000-000000000000', reason: 'x' })).status).toBe(400);
      expect((await assign('official', c.id, { userId: ids.official2 })).status).toBe(400);
      expect((await assign('official', c.id, { userId: ids.official2, reason: 'x', extra: 1 })).status).toBe(400);
      expect((await assign('official', c.id, { userId: ids.official, reason: '本人' })).status).toBe(400);
      expect((await assign('official', '00000000-0000-4000-8000-000000000000', { userId: ids.official2, reason: 'x' })).status).toBe(404);
      expect((await d.get('official', c.id)).version).toBe(c.version);
    });

    it('the secretariat may transfer; an official of the department who is not in charge may not', async () => {
      const c = await draft('办公室转办');
      expect((await assign('official2', c.id, { userId: ids.official2, reason: '我来' })).status).toBe(403);
      const res = await assign('secretariat', c.id, { userId: ids.official2, reason: '办公室调度' });
      expect(res.status).toBe(200);
      expect((await history(c.id)).at(-1)).toMatchObject({ type: 'ASSIGNED', actorRole: 'secretariat' });
    });

    it('separation of duties: the person in charge cannot review; a reviewer of the case cannot be put in charge', async () => {
      // put in charge: a sponsor, so no legality review by them
      const c = await inReview('承办人不得审查');
      await assign('official', c.id, { userId: ids.reviewerOfficial, reason: '移交' }).expect(200);
      const opinion = await d.send('reviewerOfficial', await d.get('reviewerOfficial', c.id), 'ISSUE_LEGALITY_OPINION', '2023-03-08', {
        conclusion: 'lawful',
        opinion: '合法',
      });
      expect(opinion.status).toBe(403);
      expect(opinion.body.code).toBe('SEPARATION_OF_DUTIES');

      // reviewed it: never then in charge of it
      const other = await inReview('审查人不得承办');
      await d.ok('reviewerOfficial', other, 'ISSUE_LEGALITY_OPINION', '2023-03-08', {
        conclusion: 'lawful-with-revisions',
        opinion: '修改',
      });
      const res = await assign('official', other.id, { userId: ids.reviewerOfficial, reason: '移交' });
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('SEPARATION_OF_DUTIES');
    });
  });

  it('someone who has been in charge stays a sponsor: handed on again, they still cannot review it', async () => {
    const c = await inReview('曾任承办人不得审查');
    await assign('secretariat', c.id, { userId: ids.reviewerOfficial, reason: '临时承办' }).expect(200);
    await assign('secretariat', c.id, { userId: ids.official, reason: '交回' }).expect(200);
    const now = await d.get('reviewerOfficial', c.id);
    expect(now.assignee!.id).toBe(ids.official);
    const opinion = await d.send('reviewerOfficial', now, 'ISSUE_LEGALITY_OPINION', '2023-03-08', {
      conclusion: 'lawful',
      opinion: '合法',
    });
    expect(opinion.status).toBe(403);
    expect(opinion.body.code).toBe('SEPARATION_OF_DUTIES');
    expect(await list('reviewerOfficial', 'todo')).not.toContain(c.id);
  });

  describe('copies (抄送)', () => {
    it('a copied user of another department reads the case and its history, and is refused every event', async () => {
      const c = await draft('抄送住建局知悉');
      expect((await b.http.get(`/api/cases/${c.id}`).set(bearer('zjjOfficial'))).status).toBe(403);
      const res = await copy('official', c.id, { userIds: [ids.zjjOfficial], note: '请知悉' });
      expect(res.status).toBe(200);
      expect(res.body.copies).toEqual([expect.objectContaining({ userId: ids.zjjOfficial, copiedBy: ids.official, note: '请知悉' })]);

      const read = await d.get('zjjOfficial', c.id);
      expect(read.actions.every((a) => !a.allowed)).toBe(true);
      expect(read.acts.every((a) => !a.allowed)).toBe(true);
      await b.http.get(`/api/cases/${c.id}/history`).set(bearer('zjjOfficial')).expect(200);
      for (const type of ['OPEN_PUBLIC_COMMENT', 'SUBMIT_FOR_LEGALITY_REVIEW']) {
        const sent = await d.send('zjjOfficial', read, type, '2023-03-02', { reviewDueDate: '2023-03-10' });
        expect(sent.status).toBe(403);
      }
      expect((await assign('zjjOfficial', c.id, { userId: ids.zjjOfficial, reason: 'x' })).status).toBe(403);
      expect((await copy('zjjOfficial', c.id, { userIds: [ids.secretariat] })).status).toBe(403);
      expect((await d.get('official', c.id)).version).toBe(res.body.version);

      expect(await list('zjjOfficial', 'copied')).toContain(c.id);
      expect((await history(c.id)).at(-1)).toMatchObject({ type: 'COPIED', data: { userIds: [ids.zjjOfficial], note: '请知悉' } });
      expect((await notices('zjjOfficial')).filter((n) => n.caseId === c.id).map((n) => n.type)).toEqual(['COPIED']);
    });

    it('refuses a copy to the same users again (409), to unknown users (400), and by someone who may not copy (403)', async () => {
      const c = await draft('重复抄送');
      await copy('official', c.id, { userIds: [ids.secretariat] }).expect(200);
      expect((await copy('official', c.id, { userIds: [ids.secretariat] })).status).toBe(409);
      expect((await copy('official', c.id, { userIds: ['00000000-0000-4000-8000-000000000000'] })).status).toBe(400);
      expect((await copy('official', c.id, { userIds: [] })).status).toBe(400);
      expect((await copy('reviewer', c.id, { userIds: [ids.zjjOfficial] })).status).toBe(403);
      // the supervisor may copy
      await copy('supervisor', c.id, { userIds: [ids.zjjOfficial] }).expect(200);
    });
  });

  describe('urging (催办)', () => {
    it('a supervisor urges the holder of the step; everyone else is refused', async () => {
      const c = await inReview('督办审查进度');
      for (const who of ['official', 'reviewer', 'secretariat'] as const) {
        const res = await urge(who, c.id, { message: '请加快' });
        expect(res.status).toBe(403);
      }
      expect((await d.get('official', c.id)).version).toBe(c.version);

      const respondBy = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(Date.now() + 7 * 86_400_000));
      const res = await urge('supervisor', c.id, { message: '请于一周内出具审核意见', respondBy });
      expect(res.status).toBe(200);
      const urged = (await history(c.id)).at(-1)!;
      expect(urged).toMatchObject({
        type: 'URGED',
        actorId: ids.supervisor,
        actorRole: 'supervisor',
        data: { message: '请于一周内出具审核意见', respondBy },
      });
      // the step is the reviewer's: reviewers who did not sponsor it are told, the sponsor is not
      expect(urged.data.holders).toEqual(expect.arrayContaining([ids.reviewer]));
      expect(urged.data.holders).not.toContain(ids.official);
      expect((await notices('reviewer')).filter((n) => n.caseId === c.id && n.type === 'URGED')).toHaveLength(1);
      expect((await notices('official')).filter((n) => n.caseId === c.id && n.type === 'URGED')).toHaveLength(0);
    });

    it('refuses an answer date in the past (400) and a case with nothing awaiting anyone (422)', async () => {
      const c = await inReview('催办参数');
      expect((await urge('supervisor', c.id, { message: '请加快', respondBy: '2023-01-01' })).status).toBe(400);
      expect((await urge('supervisor', c.id, { message: '' })).status).toBe(400);
      let t = await d.ok('reviewer', c, 'ISSUE_LEGALITY_OPINION', '2023-03-08', { conclusion: 'lawful', opinion: '合法' });
      t = await d.ok('secretariat', t, 'RECORD_COLLECTIVE_DELIBERATION', '2023-03-15', {
        meetingType: 'standing',
        meetingDate: '2023-03-15',
        outcome: 'rejected',
      });
      expect(t.stage).toBe('terminated');
      const res = await urge('supervisor', c.id, { message: '请加快' });
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('PROCEDURE_VIOLATION');
      expect((await d.get('supervisor', c.id)).acts.find((a) => a.type === 'URGE')).toMatchObject({ allowed: false });
    });
  });

  it('a long reason is kept whole in the history and quoted shortly in the notice', async () => {
    const c = await inReview('退回理由很长');
    const reason = '材料不全：'.padEnd(1500, '缺');
    await d.ok('reviewer', c, 'RETURN_FOR_CORRECTION', '2023-03-03', { reason });
    expect((await history(c.id)).at(-1)!.data.reason).toBe(reason);
    const notice = (await notices('official')).find((n) => n.caseId === c.id && n.type === 'RETURNED_FOR_CORRECTION')!;
    expect(notice.message.length).toBeLessThan(300);
  });

  it('urging a step nobody active holds is refused: transfer it first', async () => {
    const c = await draft('承办人已停用');
    // the person in charge leaves: nobody holds the official's step
    const leaver = (
      await b.http
        .post('/api/users')
        .set(bearer('admin'))
        .send({ username: 'leaver', password: PASSWORD, displayName: '离职人员', roles: ['official'], department: 'fgw' })
        .expect(201)
    ).body as { id: string };
    await assign('official', c.id, { userId: leaver.id, reason: '交接' }).expect(200);
    await b.http.delete(`/api/users/${leaver.id}`).set(bearer('admin')).expect(204);
    const res = await urge('supervisor', c.id, { message: '请加快' });
    expect(res.status).toBe(422);
    expect(res.body.blockers[0].code).toBe('NO_ONE_HOLDS_THE_STEP');
    await assign('secretariat', c.id, { userId: ids.official2, reason: '人员离职，改由同事承办' }).expect(200);
    await urge('supervisor', c.id, { message: '请加快' }).expect(200);
  });

  describe('the four lists', () => {
    it('待办 / 已办 / 我发起的 / 抄送我的 hold what each user has to do, did, started and was given', async () => {
      const mine = await draft('列表：起草中');
      const review = await inReview('列表：送审中');
      const handed = await draft('列表：已转办');
      await assign('official', handed.id, { userId: ids.official2, reason: '转办' }).expect(200);
      await copy('official', mine.id, { userIds: [ids.supervisor] }).expect(200);

      // the official: started all three; a draft of theirs awaits them; the handed-on one awaits official2
      const officialMine = await list('official', 'mine');
      expect(officialMine).toEqual(expect.arrayContaining([mine.id, review.id, handed.id]));
      const officialTodo = await list('official', 'todo');
      expect(officialTodo).toContain(mine.id);
      expect(officialTodo).not.toContain(handed.id);
      expect(officialTodo).not.toContain(review.id);
      expect(await list('official2', 'todo')).toContain(handed.id);
      expect(await list('official2', 'mine')).not.toContain(handed.id);
      // 已办: sent something after creating it (the submission, the transfer, the copy)
      expect(await list('official', 'done')).toEqual(expect.arrayContaining([review.id, handed.id, mine.id]));
      expect(await list('official2', 'done')).not.toContain(handed.id);

      // the reviewer: the case in review awaits them; the reviewer who sponsored nothing sees it too
      expect(await list('reviewer', 'todo')).toContain(review.id);
      expect(await list('reviewer', 'todo')).not.toContain(mine.id);
      expect(await list('supervisor', 'copied')).toEqual([mine.id]);

      // another department's official sees none of it
      for (const view of ['todo', 'done', 'mine', 'copied']) {
        const seen = await list('zjjOfficial', view);
        expect(seen).not.toContain(mine.id);
        expect(seen).not.toContain(handed.id);
      }
      expect((await b.http.get('/api/cases?view=everything').set(bearer('official'))).status).toBe(400);
    });
  });

  it('every act is in the audit chain, and the chain verifies', async () => {
    await expectAuditIntact(b, tokens.supervisor);
  });
});
