/**
 * Every shortcut Docket must refuse, over HTTP against the real built server: the status, the
 * error `code`, the blockers (each with `code`, `message`, `legalBasis`), and that the refused
 * request changed nothing (same version, state, record and number of history events).
 *
 * docs/contract.md: "Cases", "Events", "Time"; docs/procedures.md.
 */
import { createHmac, randomUUID } from 'node:crypto';
import type { Response } from 'supertest';
import { CaseBody, Tokens, useCounty } from './harness';

type Who = keyof Tokens;
type Ref = { id: string; version: number };

const CJK = /[\u4e00-\u9fff]/;

/** The Asia/Shanghai date `days` from now. */
function shanghaiDay(days = 0): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(Date.now() + days * 86_400_000),
  );
}

/** A syntactically valid HS256 JWT for an existing-looking subject, signed with the wrong secret. */
function forgedToken(): string {
  const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const head = b64({ alg: 'HS256', typ: 'JWT' });
  const body = b64({ sub: '1', iat: Math.floor(Date.now() / 1000), exp: Math.floor(Date.now() / 1000) + 3600 });
  const sig = createHmac('sha256', 'not-the-server-secret-not-the-server-secret').update(`${head}.${body}`).digest('base64url');
  return `${head}.${body}.${sig}`;
}

describe('refusals: every shortcut is refused and changes nothing', () => {
  const { b, tokens, d, bearer } = useCounty();

  // ───────────────────────────── helpers ─────────────────────────────

  /** What must not change when a request is refused. */
  async function snapshot(id: string) {
    const c = (await b.http.get(`/api/cases/${id}`).set(bearer('supervisor')).expect(200)).body as CaseBody;
    const h = await b.http.get(`/api/cases/${id}/history`).set(bearer('supervisor')).expect(200);
    expect(Array.isArray(h.body)).toBe(true);
    return { version: c.version, stage: c.stage, state: c.state, record: c.record, historyLength: (h.body as unknown[]).length };
  }

  async function expectUnchanged(id: string, before: Awaited<ReturnType<typeof snapshot>>) {
    const after = await snapshot(id);
    expect(after.version).toBe(before.version);
    expect(after.stage).toBe(before.stage);
    expect(after.state).toEqual(before.state);
    expect(after.historyLength).toBe(before.historyLength);
    expect(after.record).toEqual(before.record);
  }

  /** The contract's error shape: `{statusCode, code, message, details?, blockers?}`. */
  function expectError(res: Response, status: number, code: string, blockerCodes?: string[]) {
    expect({ status: res.status, code: res.body?.code }).toEqual({ status, code });
    expect(res.body.statusCode).toBe(status);
    expect(typeof res.body.message).toBe('string');
    expect(res.body.message.length).toBeGreaterThan(0);
    if (status === 422) {
      expect(Array.isArray(res.body.blockers)).toBe(true);
      expect(res.body.blockers.length).toBeGreaterThan(0);
    }
    if (res.body.blockers !== undefined) {
      for (const bl of res.body.blockers) {
        expect(typeof bl.code).toBe('string');
        expect(typeof bl.message).toBe('string');
        expect(typeof bl.legalBasis).toBe('string');
        expect(bl.code.length * bl.message.length * bl.legalBasis.length).toBeGreaterThan(0);
      }
    }
    if (blockerCodes) {
      expect((res.body.blockers ?? []).map((x: { code: string }) => x.code)).toEqual(expect.arrayContaining(blockerCodes));
    }
  }

  /** Run a request that must be refused: check the refusal, then that the case did not change. */
  async function refuse(id: string, request: () => PromiseLike<Response>, status: number, code: string, blockerCodes?: string[]) {
    const before = await snapshot(id);
    const res = await request();
    expectError(res, status, code, blockerCodes);
    await expectUnchanged(id, before);
    return res;
  }

  /** Send an event that must be refused (with the case's current version). */
  function refuseEvent(
    who: Who,
    c: Ref,
    type: string,
    occurredAt: string,
    data: Record<string, unknown>,
    status: number,
    code: string,
    blockerCodes?: string[],
  ) {
    return refuse(c.id, () => d.send(who, c, type, occurredAt, data), status, code, blockerCodes);
  }

  const action = (c: CaseBody, type: string) => {
    const a = c.actions.find((x) => x.type === type);
    if (!a) throw new Error(`no action ${type} in ${c.actions.map((x) => x.type).join(', ')}`);
    return a;
  };

  // A major decision's dates, in order: created 01-05, started 01-10, drafted 02-01, consultation
  // from 02-06, submitted 03-15 (due 03-27: 8 working days), opinion 03-24, meeting 04-03.
  async function newDecision(creator: Who = 'official', title = '县城区停车设施建设方案') {
    return d.create(creator, { procedure: 'major-decision', title, department: 'fgw', occurredAt: '2023-01-05', problem: '停车难' });
  }
  async function inDrafting(creator: Who = 'official') {
    const c = await newDecision(creator);
    return d.ok('secretariat', c, 'APPROVE_START', '2023-01-10', { catalogueItemId: '2023-01' });
  }
  async function inConsultation(opts: { specialized?: boolean; stabilityRisk?: boolean; creator?: Who; drafter?: Who } = {}) {
    const c = await inDrafting(opts.creator ?? 'official');
    return d.ok(opts.drafter ?? opts.creator ?? 'official', c, 'FINISH_DRAFT', '2023-02-01', {
      draftSummary: '决策草案及起草说明',
      specialized: opts.specialized ?? false,
      stabilityRisk: opts.stabilityRisk ?? false,
    });
  }
  async function inLegalityReview(opts: { creator?: Who; drafter?: Who } = {}) {
    let c = await inConsultation(opts);
    c = await d.ok('official', c, 'EXEMPT_PUBLIC_COMMENT', '2023-02-06', { reason: '涉及国家秘密，依法不予公开' });
    c = await d.ok('official', c, 'SUBMIT_FOR_LEGALITY_REVIEW', '2023-03-15', { reviewDueDate: '2023-03-27' });
    expect(c.stage).toBe('legalityReview');
    return c;
  }
  async function inCollectiveDecision() {
    let c = await inLegalityReview();
    c = await d.ok('reviewer', c, 'ISSUE_LEGALITY_OPINION', '2023-03-24', { conclusion: 'lawful', opinion: '合法' });
    expect(c.stage).toBe('collectiveDecision');
    return c;
  }
  /** A decision whose comment period (02-06 .. 03-08, 30 days) is open, with comment c1 received 02-10. */
  async function withOpenComment() {
    let c = await inConsultation();
    c = await d.ok('official', c, 'OPEN_PUBLIC_COMMENT', '2023-02-06', {
      draftText: '草案全文及起草说明',
      startDate: '2023-02-06',
      endDate: '2023-03-08',
      channels: ['县政府网站'],
    });
    c = await d.ok('official', c, 'RECORD_COMMENT', '2023-02-10', { content: '建议增加充电桩', submitter: '市民甲' });
    expect(c.comments.map((x) => x.id)).toEqual(['c1']);
    return c;
  }
  async function newDocument(flags: { affectsPublicRights?: boolean; marketRelated?: boolean; interim?: boolean } = {}) {
    return d.create('official', {
      procedure: 'normative-document',
      title: '县公共资源交易管理办法',
      department: 'fgw',
      occurredAt: '2023-01-05',
      affectsPublicRights: flags.affectsPublicRights ?? false,
      marketRelated: flags.marketRelated ?? false,
      interim: flags.interim ?? false,
      issuingOrgan: 'government',
    });
  }

  // ───────────────────────────── 1–3 public comment ─────────────────────────────

  it('1. refuses to close a comment period on or before its end date (COMMENT_PERIOD_NOT_ENDED)', async () => {
    let c = await withOpenComment();
    await refuseEvent('official', c, 'CLOSE_PUBLIC_COMMENT', '2023-02-20', {}, 422, 'PROCEDURE_VIOLATION', ['COMMENT_PERIOD_NOT_ENDED']);
    await refuseEvent('official', c, 'CLOSE_PUBLIC_COMMENT', '2023-03-08', {}, 422, 'PROCEDURE_VIOLATION', ['COMMENT_PERIOD_NOT_ENDED']);
    // the day after the end date it closes
    c = await d.ok('official', c, 'CLOSE_PUBLIC_COMMENT', '2023-03-09');
    expect(c.state).toMatchObject({ consultation: { publicParticipation: 'closed' } });
  });

  it('2a. refuses a normative document comment period of 6 working days across 清明 2023 (COMMENT_PERIOD_TOO_SHORT)', async () => {
    const c = await newDocument({ affectsPublicRights: true });
    // 2023-03-31 (Fri) → 2023-04-11 (Tue): 04-03, 04-04, [04-05 清明], 04-06, 04-07, 04-10, 04-11 = 6 working days
    await refuseEvent(
      'official',
      c,
      'OPEN_PUBLIC_COMMENT',
      '2023-03-31',
      { draftText: '草案全文及起草说明', startDate: '2023-03-31', endDate: '2023-04-11', channels: ['县政府网站'] },
      422,
      'PROCEDURE_VIOLATION',
      ['COMMENT_PERIOD_TOO_SHORT'],
    );
    // one more working day is enough
    const ok = await d.ok('official', c, 'OPEN_PUBLIC_COMMENT', '2023-03-31', {
      draftText: '草案全文及起草说明',
      startDate: '2023-03-31',
      endDate: '2023-04-12',
      channels: ['县政府网站'],
    });
    expect(ok.stage).toBe('publicComment');
  });

  it('2b. refuses a major decision comment period under 30 days without a stated reason', async () => {
    const c = await inConsultation();
    // 2023-03-01 + 30 days = 2023-03-31 (a Friday): 03-30 is one day short
    const short = { draftText: '草案全文及起草说明', startDate: '2023-03-01', endDate: '2023-03-30', channels: ['县政府网站'] };
    await refuseEvent('official', c, 'OPEN_PUBLIC_COMMENT', '2023-03-01', short, 422, 'PROCEDURE_VIOLATION', ['COMMENT_PERIOD_TOO_SHORT']);
    // a blank reason is no reason
    await refuseEvent(
      'official',
      c,
      'OPEN_PUBLIC_COMMENT',
      '2023-03-01',
      { ...short, shortenedReason: '   ' },
      422,
      'PROCEDURE_VIOLATION',
      ['COMMENT_PERIOD_TOO_SHORT'],
    );
    // a stated reason allows the shorter period
    const ok = await d.ok('official', c, 'OPEN_PUBLIC_COMMENT', '2023-03-01', { ...short, shortenedReason: '防汛工程，情况紧急' });
    expect(ok.state).toMatchObject({ consultation: { publicParticipation: 'open' } });
  });

  it('3. refuses to finish public participation while a comment has no disposition (COMMENTS_UNDISPOSED)', async () => {
    let c = await withOpenComment();
    c = await d.ok('official', c, 'RECORD_COMMENT', '2023-02-11', { content: '收费应当公开' });
    c = await d.ok('official', c, 'DISPOSE_COMMENT', '2023-03-01', { commentId: 'c1', disposition: 'adopted', reason: '已增加' });
    c = await d.ok('official', c, 'CLOSE_PUBLIC_COMMENT', '2023-03-09');
    await refuseEvent('official', c, 'COMPLETE_PUBLIC_PARTICIPATION', '2023-03-10', {}, 422, 'PROCEDURE_VIOLATION', [
      'COMMENTS_UNDISPOSED',
    ]);
    // the case view shows it too
    const view = await d.get('official', c.id);
    expect(action(view, 'COMPLETE_PUBLIC_PARTICIPATION')).toMatchObject({ allowed: false });
    expect(action(view, 'COMPLETE_PUBLIC_PARTICIPATION').blockers.map((x) => x.code)).toContain('COMMENTS_UNDISPOSED');
    c = await d.ok('official', c, 'DISPOSE_COMMENT', '2023-03-10', { commentId: 'c2', disposition: 'not-adopted', reason: '已有规定' });
    c = await d.ok('official', c, 'COMPLETE_PUBLIC_PARTICIPATION', '2023-03-10');
    expect(c.state).toMatchObject({ consultation: { publicParticipation: 'done' } });
  });

  // ───────────────────────────── 4 legality review cannot be skipped ─────────────────────────────

  it('4a. refuses the collective decision while the case is still in consultation (NOT_ALLOWED_IN_STAGE)', async () => {
    const c = await inConsultation();
    await refuseEvent(
      'secretariat',
      c,
      'RECORD_COLLECTIVE_DECISION',
      '2023-02-10',
      { meetingType: 'standing', meetingDate: '2023-02-10', outcome: 'approved' },
      422,
      'PROCEDURE_VIOLATION',
      ['NOT_ALLOWED_IN_STAGE'],
    );
  });

  it('4b. refuses SUBMIT_FOR_LEGALITY_REVIEW with every required track undone, one blocker per track', async () => {
    const c = await inConsultation({ specialized: true, stabilityRisk: true });
    const res = await refuseEvent(
      'official',
      c,
      'SUBMIT_FOR_LEGALITY_REVIEW',
      '2023-03-15',
      { reviewDueDate: '2023-03-27' },
      422,
      'PROCEDURE_VIOLATION',
      ['PUBLIC_PARTICIPATION_INCOMPLETE', 'EXPERT_ARGUMENTATION_MISSING', 'RISK_ASSESSMENT_INCOMPLETE'],
    );
    expect(res.body.blockers).toHaveLength(3);
    // the actions in the case view say the same for the official
    const view = await d.get('official', c.id);
    const submit = action(view, 'SUBMIT_FOR_LEGALITY_REVIEW');
    expect(submit.allowed).toBe(false);
    expect(submit.blockers.map((x) => x.code).sort()).toEqual(
      ['EXPERT_ARGUMENTATION_MISSING', 'PUBLIC_PARTICIPATION_INCOMPLETE', 'RISK_ASSESSMENT_INCOMPLETE'].sort(),
    );
    for (const bl of submit.blockers) {
      expect(bl.message).toMatch(CJK);
      expect(bl.legalBasis).toMatch(CJK);
    }
    // and the meeting is not on offer in this stage
    const meeting = action(view, 'RECORD_COLLECTIVE_DECISION');
    expect(meeting.allowed).toBe(false);
    expect(meeting.blockers.map((x) => x.code)).toContain('NOT_ALLOWED_IN_STAGE');
  });

  it('4c. the case view: SUBMIT_FOR_LEGALITY_REVIEW blocked by PUBLIC_PARTICIPATION_INCOMPLETE alone when only that track is open', async () => {
    const c = await inConsultation();
    const view = await d.get('official', c.id);
    const submit = action(view, 'SUBMIT_FOR_LEGALITY_REVIEW');
    expect(submit.allowed).toBe(false);
    expect(submit.blockers.map((x) => x.code)).toEqual(['PUBLIC_PARTICIPATION_INCOMPLETE']);
    await refuseEvent(
      'official',
      c,
      'SUBMIT_FOR_LEGALITY_REVIEW',
      '2023-03-15',
      { reviewDueDate: '2023-03-27' },
      422,
      'PROCEDURE_VIOLATION',
      ['PUBLIC_PARTICIPATION_INCOMPLETE'],
    );
    // what the official may do now is allowed
    expect(action(view, 'EXEMPT_PUBLIC_COMMENT').allowed).toBe(true);
    expect(action(view, 'OPEN_PUBLIC_COMMENT').allowed).toBe(true);
  });

  // ───────────────────────────── 5 separation of duties ─────────────────────────────

  it('5. a reviewer who sponsored the case cannot issue its legality opinion (SEPARATION_OF_DUTIES); another reviewer can', async () => {
    // reviewerOfficial created the case
    const created = await inLegalityReview({ creator: 'reviewerOfficial' });
    const opinion = { conclusion: 'lawful', opinion: '合法' };
    await refuseEvent('reviewerOfficial', created, 'ISSUE_LEGALITY_OPINION', '2023-03-24', opinion, 403, 'SEPARATION_OF_DUTIES', [
      'SEPARATION_OF_DUTIES',
    ]);
    const view = await d.get('reviewerOfficial', created.id);
    const issue = action(view, 'ISSUE_LEGALITY_OPINION');
    expect(issue.allowed).toBe(false);
    expect(issue.blockers.map((x) => x.code)).toContain('SEPARATION_OF_DUTIES');
    // the plain reviewer sees it allowed and may issue it
    expect(action(await d.get('reviewer', created.id), 'ISSUE_LEGALITY_OPINION').allowed).toBe(true);
    const done = await d.ok('reviewer', created, 'ISSUE_LEGALITY_OPINION', '2023-03-24', opinion);
    expect(done.stage).toBe('collectiveDecision');

    // sending any official's event also makes one a sponsor: official created, reviewerOfficial drafted
    const drafted = await inLegalityReview({ creator: 'official', drafter: 'reviewerOfficial' });
    await refuseEvent('reviewerOfficial', drafted, 'ISSUE_LEGALITY_OPINION', '2023-03-24', opinion, 403, 'SEPARATION_OF_DUTIES', [
      'SEPARATION_OF_DUTIES',
    ]);

    // a reviewer-official who took no part in the case has the reviewer's permission (union of roles)
    const untouched = await inLegalityReview({ creator: 'official' });
    const ok = await d.ok('reviewerOfficial', untouched, 'ISSUE_LEGALITY_OPINION', '2023-03-24', opinion);
    expect(ok.stage).toBe('collectiveDecision');
  });

  // ───────────────────────────── 6 departments ─────────────────────────────

  it('6a. an official of another department can neither read nor act on a case (403 FORBIDDEN)', async () => {
    const c = await newDecision();
    await refuse(c.id, () => b.http.get(`/api/cases/${c.id}`).set(bearer('zjjOfficial')), 403, 'FORBIDDEN');
    await refuse(c.id, () => b.http.get(`/api/cases/${c.id}/history`).set(bearer('zjjOfficial')), 403, 'FORBIDDEN');
    const drafting = await d.ok('secretariat', c, 'APPROVE_START', '2023-01-10');
    await refuseEvent(
      'zjjOfficial',
      drafting,
      'FINISH_DRAFT',
      '2023-02-01',
      { draftSummary: '草案', specialized: false, stabilityRisk: false },
      403,
      'FORBIDDEN',
    );
    // the same department's second official may
    const ok = await d.ok('official2', drafting, 'FINISH_DRAFT', '2023-02-01', {
      draftSummary: '草案',
      specialized: false,
      stabilityRisk: false,
    });
    expect(ok.stage).toBe('consultation');
  });

  it('6b. an official cannot create a case for another department; non-officials cannot create at all', async () => {
    const count = async (department: string) =>
      (await b.http.get(`/api/cases?department=${department}`).set(bearer('supervisor')).expect(200)).body.total as number;
    const before = { zjj: await count('zjj'), fgw: await count('fgw') };
    const body = { procedure: 'major-decision', title: '越权创建', department: 'zjj', occurredAt: '2023-01-05' };
    expectError(await b.http.post('/api/cases').set(bearer('official')).send(body), 403, 'FORBIDDEN');
    expectError(await b.http.post('/api/cases').set(bearer('supervisor')).send(body), 403, 'FORBIDDEN');
    expectError(
      await b.http
        .post('/api/cases')
        .set(bearer('secretariat'))
        .send({ ...body, department: 'fgw' }),
      403,
      'FORBIDDEN',
    );
    expectError(
      await b.http
        .post('/api/cases')
        .set(bearer('reviewer'))
        .send({ ...body, department: 'sfj' }),
      403,
      'FORBIDDEN',
    );
    expect({ zjj: await count('zjj'), fgw: await count('fgw') }).toEqual(before);
  });

  // ───────────────────────────── 7 collective decision ─────────────────────────────

  it('7. refuses a head overruling the majority without reasons, and an office meeting for a decision', async () => {
    let c = await inCollectiveDecision();
    const meeting = { meetingType: 'standing', meetingDate: '2023-04-03', outcome: 'approved' };
    await refuseEvent(
      'secretariat',
      c,
      'RECORD_COLLECTIVE_DECISION',
      '2023-04-03',
      { ...meeting, headOverrodeMajority: true },
      422,
      'PROCEDURE_VIOLATION',
      ['HEAD_REASONS_REQUIRED'],
    );
    await refuseEvent(
      'secretariat',
      c,
      'RECORD_COLLECTIVE_DECISION',
      '2023-04-03',
      { ...meeting, headOverrodeMajority: true, headReasons: '  ' },
      422,
      'PROCEDURE_VIOLATION',
      ['HEAD_REASONS_REQUIRED'],
    );
    await refuseEvent(
      'secretariat',
      c,
      'RECORD_COLLECTIVE_DECISION',
      '2023-04-03',
      { ...meeting, meetingType: 'office' },
      422,
      'PROCEDURE_VIOLATION',
      ['MEETING_TYPE_NOT_ALLOWED'],
    );
    c = await d.ok('secretariat', c, 'RECORD_COLLECTIVE_DECISION', '2023-04-03', {
      ...meeting,
      headOverrodeMajority: true,
      headReasons: '事关民生，时间紧迫',
      dissentingOpinions: ['建议暂缓'],
    });
    expect(c.stage).toBe('partyReport');
  });

  // ───────────────────────────── 8 concurrency ─────────────────────────────

  it('8. refuses a stale expectedVersion (409 VERSION_CONFLICT)', async () => {
    const c = await inDrafting();
    const data = { draftSummary: '草案', specialized: false, stabilityRisk: false };
    const stale = await refuseEvent(
      'official',
      { id: c.id, version: c.version - 1 },
      'FINISH_DRAFT',
      '2023-02-01',
      data,
      409,
      'VERSION_CONFLICT',
    );
    expect(stale.body.details).toMatchObject({ currentVersion: c.version });
    await refuseEvent('official', { id: c.id, version: c.version + 1 }, 'FINISH_DRAFT', '2023-02-01', data, 409, 'VERSION_CONFLICT');
    expect((await d.ok('official', c, 'FINISH_DRAFT', '2023-02-01', data)).version).toBe(c.version + 1);
  });

  // ───────────────────────────── 9 validation ─────────────────────────────

  it('9. refuses unknown fields, unknown event types and wrong types (400 VALIDATION_FAILED)', async () => {
    const c = await inDrafting();
    const good = { draftSummary: '草案', specialized: false, stabilityRisk: false };
    const post = (body: unknown) => () =>
      b.http
        .post(`/api/cases/${c.id}/events`)
        .set(bearer('official'))
        .send(body as object);
    const base = { type: 'FINISH_DRAFT', expectedVersion: c.version, occurredAt: '2023-02-01' };

    // unknown field in data
    const unknownData = await refuse(c.id, post({ ...base, data: { ...good, extra: 'x' } }), 400, 'VALIDATION_FAILED');
    expect(JSON.stringify(unknownData.body.details)).toContain('extra');
    // unknown field at the top level
    const unknownTop = await refuse(c.id, post({ ...base, data: good, comment: 'x' }), 400, 'VALIDATION_FAILED');
    expect(JSON.stringify(unknownTop.body.details ?? unknownTop.body.message)).toContain('comment');
    // unknown event types: not in the vocabulary, malformed, or of the other procedure
    await refuse(c.id, post({ ...base, type: 'SKIP_TO_DECISION', data: {} }), 400, 'VALIDATION_FAILED');
    await refuse(c.id, post({ ...base, type: 'finish_draft', data: good }), 400, 'VALIDATION_FAILED');
    await refuse(
      c.id,
      post({ ...base, type: 'PUBLISH_DOCUMENT', data: { channels: ['网站'], effectiveDate: '2023-03-01' } }),
      400,
      'VALIDATION_FAILED',
    );
    await refuse(c.id, post({ ...base, type: 'RECORD_COLLECTIVE_DELIBERATION', data: {} }), 400, 'VALIDATION_FAILED');
    // wrong types
    const wrong = await refuse(c.id, post({ ...base, data: { ...good, specialized: 'yes' } }), 400, 'VALIDATION_FAILED');
    expect(JSON.stringify(wrong.body.details)).toContain('specialized');
    await refuse(c.id, post({ ...base, data: { ...good, draftSummary: 42 } }), 400, 'VALIDATION_FAILED');
    await refuse(c.id, post({ ...base, data: { specialized: false, stabilityRisk: false } }), 400, 'VALIDATION_FAILED'); // required field missing
    await refuse(c.id, post({ ...base, expectedVersion: String(c.version), data: good }), 400, 'VALIDATION_FAILED');
    await refuse(c.id, post({ type: 'FINISH_DRAFT', occurredAt: '2023-02-01', data: good }), 400, 'VALIDATION_FAILED'); // no expectedVersion
    await refuse(c.id, post({ ...base, occurredAt: '2023-02-30', data: good }), 400, 'VALIDATION_FAILED'); // no such date
    await refuse(c.id, post({ ...base, occurredAt: 'yesterday', data: good }), 400, 'VALIDATION_FAILED');
    await refuse(c.id, post({ ...base, data: 'FINISH' }), 400, 'VALIDATION_FAILED');
    await refuse(c.id, post({ ...base, data: [good] }), 400, 'VALIDATION_FAILED');
    // an event without data fields refuses any field
    let open = await withOpenComment();
    await refuse(
      open.id,
      () =>
        b.http
          .post(`/api/cases/${open.id}/events`)
          .set(bearer('official'))
          .send({ type: 'CLOSE_PUBLIC_COMMENT', expectedVersion: open.version, occurredAt: '2023-03-09', data: { early: true } }),
      400,
      'VALIDATION_FAILED',
    );
    // nested: an expert without the conflictOfInterest declaration, or with an unknown field
    open = await inConsultation({ specialized: true });
    const expert = { name: '张教授', affiliation: '南京大学', conflictOfInterest: false };
    const arg = { opinionSummary: '可行', adoptionSummary: '已采纳' };
    await refuseEvent(
      'official',
      open,
      'RECORD_EXPERT_ARGUMENTATION',
      '2023-02-10',
      { ...arg, experts: [{ name: '张教授', affiliation: '南京大学' }] },
      400,
      'VALIDATION_FAILED',
    );
    await refuseEvent(
      'official',
      open,
      'RECORD_EXPERT_ARGUMENTATION',
      '2023-02-10',
      { ...arg, experts: [{ ...expert, fee: 1000 }] },
      400,
      'VALIDATION_FAILED',
    );
    // a malformed JSON body and a wrong disposition value
    await refuse(
      c.id,
      () =>
        b.http
          .post(`/api/cases/${c.id}/events`)
          .set(bearer('official'))
          .set('Content-Type', 'application/json')
          .send('{"type": "FINISH_DRAFT",'),
      400,
      'VALIDATION_FAILED',
    );
  });

  it('9b. refuses a case body with unknown or mistyped fields (400 VALIDATION_FAILED)', async () => {
    const count = async () => (await b.http.get('/api/cases?department=fgw').set(bearer('supervisor')).expect(200)).body.total as number;
    const before = await count();
    const decision = { procedure: 'major-decision', title: '测试', department: 'fgw', occurredAt: '2023-01-05' };
    const doc = {
      procedure: 'normative-document',
      title: '测试',
      department: 'fgw',
      occurredAt: '2023-01-05',
      affectsPublicRights: true,
      marketRelated: false,
      interim: false,
      issuingOrgan: 'government',
    };
    const create = (body: object) => b.http.post('/api/cases').set(bearer('official')).send(body);
    expectError(await create({ ...decision, priority: 'high' }), 400, 'VALIDATION_FAILED');
    expectError(await create({ ...decision, procedure: 'budget' }), 400, 'VALIDATION_FAILED');
    expectError(await create({ ...doc, affectsPublicRights: 'yes' }), 400, 'VALIDATION_FAILED');
    const { interim: _i, ...noInterim } = doc;
    expectError(await create(noInterim), 400, 'VALIDATION_FAILED');
    expectError(await create({ ...doc, issuingOrgan: 'party' }), 400, 'VALIDATION_FAILED');
    // a decision has no document flags
    expectError(await create({ ...decision, affectsPublicRights: true }), 400, 'VALIDATION_FAILED');
    expect(await count()).toBe(before);
  });

  // ───────────────────────────── 10 expert and risk ─────────────────────────────

  it('10a. refuses an expert who declared a conflict of interest (EXPERT_CONFLICT_OF_INTEREST)', async () => {
    let c = await inConsultation({ specialized: true });
    const data = {
      experts: [
        { name: '张教授', affiliation: '南京大学', conflictOfInterest: false },
        { name: '王总', affiliation: '县城投公司', conflictOfInterest: true },
      ],
      opinionSummary: '方案可行',
      adoptionSummary: '已采纳',
    };
    const res = await refuseEvent('official', c, 'RECORD_EXPERT_ARGUMENTATION', '2023-02-10', data, 422, 'PROCEDURE_VIOLATION', [
      'EXPERT_CONFLICT_OF_INTEREST',
    ]);
    expect(res.body.blockers.find((x: { code: string }) => x.code === 'EXPERT_CONFLICT_OF_INTEREST').message).toContain('王总');
    c = await d.ok('official', c, 'RECORD_EXPERT_ARGUMENTATION', '2023-02-10', { ...data, experts: [data.experts[0]] });
    expect(c.state).toMatchObject({ consultation: { expertArgumentation: 'done' } });
  });

  it('10b. a risk assessed as not controllable blocks submission until reassessed (RISK_ASSESSMENT_INCOMPLETE)', async () => {
    let c = await inConsultation({ stabilityRisk: true });
    c = await d.ok('official', c, 'EXEMPT_PUBLIC_COMMENT', '2023-02-06', { reason: '涉及国家秘密，依法不予公开' });
    c = await d.ok('official', c, 'RECORD_RISK_ASSESSMENT', '2023-02-20', {
      riskLevel: 'high',
      controllable: false,
      measures: '暂无有效措施',
    });
    expect(c.state).toMatchObject({ consultation: { riskAssessment: 'pending' } });
    const res = await refuseEvent(
      'official',
      c,
      'SUBMIT_FOR_LEGALITY_REVIEW',
      '2023-03-15',
      { reviewDueDate: '2023-03-27' },
      422,
      'PROCEDURE_VIOLATION',
      ['RISK_ASSESSMENT_INCOMPLETE'],
    );
    expect(res.body.blockers.map((x: { code: string }) => x.code)).toEqual(['RISK_ASSESSMENT_INCOMPLETE']);
    const view = await d.get('official', c.id);
    expect(action(view, 'SUBMIT_FOR_LEGALITY_REVIEW').allowed).toBe(false);
    expect(action(view, 'SUBMIT_FOR_LEGALITY_REVIEW').blockers.map((x) => x.code)).toEqual(['RISK_ASSESSMENT_INCOMPLETE']);
    // a reassessment must say how the draft was adjusted
    await refuseEvent(
      'official',
      c,
      'RECORD_RISK_ASSESSMENT',
      '2023-03-01',
      { riskLevel: 'medium', controllable: true, measures: '分期实施' },
      422,
      'PROCEDURE_VIOLATION',
      ['REASSESSMENT_NEEDS_DRAFT_ADJUSTMENT'],
    );
    c = await d.ok('official', c, 'RECORD_RISK_ASSESSMENT', '2023-03-01', {
      riskLevel: 'medium',
      controllable: true,
      measures: '分期实施',
      draftAdjustment: '设过渡期',
    });
    c = await d.ok('official', c, 'SUBMIT_FOR_LEGALITY_REVIEW', '2023-03-15', { reviewDueDate: '2023-03-27' });
    expect(c.stage).toBe('legalityReview');
  });

  // ───────────────────────────── 11 review time ─────────────────────────────

  it('11a. refuses a decision review due date under 7 working days (REVIEW_TIME_OUT_OF_BOUNDS)', async () => {
    let c = await inConsultation();
    c = await d.ok('official', c, 'EXEMPT_PUBLIC_COMMENT', '2023-02-06', { reason: '涉及国家秘密，依法不予公开' });
    // 03-15 → 03-23: 6 working days
    await refuseEvent(
      'official',
      c,
      'SUBMIT_FOR_LEGALITY_REVIEW',
      '2023-03-15',
      { reviewDueDate: '2023-03-23' },
      422,
      'PROCEDURE_VIOLATION',
      ['REVIEW_TIME_OUT_OF_BOUNDS'],
    );
    // a due date before the submission itself
    await refuseEvent(
      'official',
      c,
      'SUBMIT_FOR_LEGALITY_REVIEW',
      '2023-03-15',
      { reviewDueDate: '2023-03-01' },
      422,
      'PROCEDURE_VIOLATION',
      ['REVIEW_TIME_OUT_OF_BOUNDS'],
    );
    // 09-27 → 10-09 spans National Day 2023: 09-28, 10-07, 10-08 (调休), 10-09 = 4 working days for 12 calendar days
    await refuseEvent(
      'official',
      c,
      'SUBMIT_FOR_LEGALITY_REVIEW',
      '2023-09-27',
      { reviewDueDate: '2023-10-09' },
      422,
      'PROCEDURE_VIOLATION',
      ['REVIEW_TIME_OUT_OF_BOUNDS'],
    );
    // exactly 7 is enough: 03-15 → 03-24
    c = await d.ok('official', c, 'SUBMIT_FOR_LEGALITY_REVIEW', '2023-03-15', { reviewDueDate: '2023-03-24' });
    expect(c.record.legalityReview[0]).toMatchObject({ workingDaysGiven: 7 });
  });

  it('11b. refuses a document review due date over 15 working days (REVIEW_TIME_OUT_OF_BOUNDS)', async () => {
    let c = await newDocument({ affectsPublicRights: false });
    // 03-15 → 04-10: 17 working days (清明 04-05 not counted)
    await refuseEvent(
      'official',
      c,
      'SUBMIT_FOR_LEGALITY_REVIEW',
      '2023-03-15',
      { reviewDueDate: '2023-04-10' },
      422,
      'PROCEDURE_VIOLATION',
      ['REVIEW_TIME_OUT_OF_BOUNDS'],
    );
    // and under 5: 03-15 → 03-21 = 4
    await refuseEvent(
      'official',
      c,
      'SUBMIT_FOR_LEGALITY_REVIEW',
      '2023-03-15',
      { reviewDueDate: '2023-03-21' },
      422,
      'PROCEDURE_VIOLATION',
      ['REVIEW_TIME_OUT_OF_BOUNDS'],
    );
    // exactly 15: 03-15 → 04-06
    c = await d.ok('official', c, 'SUBMIT_FOR_LEGALITY_REVIEW', '2023-03-15', { reviewDueDate: '2023-04-06' });
    expect(c.stage).toBe('legalityReview');
  });

  // ───────────────────────────── 12 time ─────────────────────────────

  it('12. refuses a future occurredAt and one before the latest event (422 PROCEDURE_VIOLATION)', async () => {
    let c = await newDecision(); // created 2023-01-05
    await refuseEvent('secretariat', c, 'APPROVE_START', '2999-01-01', {}, 422, 'PROCEDURE_VIOLATION');
    await refuseEvent('secretariat', c, 'APPROVE_START', shanghaiDay(1), {}, 422, 'PROCEDURE_VIOLATION');
    await refuseEvent('secretariat', c, 'APPROVE_START', new Date(Date.now() + 600_000).toISOString(), {}, 422, 'PROCEDURE_VIOLATION');
    // before the case was created
    await refuseEvent('secretariat', c, 'APPROVE_START', '2023-01-04', {}, 422, 'PROCEDURE_VIOLATION', ['OCCURRED_BEFORE_LATEST_EVENT']);
    // 2023-01-04 23:59 in Shanghai is still the day before; 2023-01-04T16:30Z is 2023-01-05 00:30 in Shanghai
    await refuseEvent('secretariat', c, 'APPROVE_START', '2023-01-04T23:59:00+08:00', {}, 422, 'PROCEDURE_VIOLATION', [
      'OCCURRED_BEFORE_LATEST_EVENT',
    ]);
    c = await d.ok('secretariat', c, 'APPROVE_START', '2023-01-04T16:30:00Z');
    c = await d.ok('official', c, 'FINISH_DRAFT', '2023-02-01', { draftSummary: '草案', specialized: false, stabilityRisk: true });
    c = await d.ok('official', c, 'RECORD_RISK_ASSESSMENT', '2023-03-01', { riskLevel: 'low', controllable: true, measures: '宣传解释' });
    // checked across parallel regions: the public participation track may not be dated before the risk assessment
    await refuseEvent('official', c, 'EXEMPT_PUBLIC_COMMENT', '2023-02-20', { reason: '依法不予公开' }, 422, 'PROCEDURE_VIOLATION', [
      'OCCURRED_BEFORE_LATEST_EVENT',
    ]);
    // the same day is fine
    c = await d.ok('official', c, 'EXEMPT_PUBLIC_COMMENT', '2023-03-01', { reason: '依法不予公开' });
    expect(c.state).toMatchObject({ consultation: { publicParticipation: 'done', riskAssessment: 'done' } });
    // a future case creation is refused too
    const count = async () => (await b.http.get('/api/cases?department=fgw').set(bearer('supervisor')).expect(200)).body.total as number;
    const before = await count();
    expectError(
      await b.http
        .post('/api/cases')
        .set(bearer('official'))
        .send({ procedure: 'major-decision', title: '未来', department: 'fgw', occurredAt: '2999-01-01' }),
      422,
      'PROCEDURE_VIOLATION',
    );
    expect(await count()).toBe(before);
  });

  // ───────────────────────────── 13 identity ─────────────────────────────

  it('13a. any unknown case id is 404 NOT_FOUND', async () => {
    const count = async () => (await b.http.get('/api/cases').set(bearer('supervisor')).expect(200)).body.total as number;
    const before = await count();
    for (const id of ['nope', randomUUID(), '0', '1', '00000000-0000-0000-0000-000000000000', "x'%20OR%20'1'%3D'1", 'null']) {
      expectError(await b.http.get(`/api/cases/${id}`).set(bearer('supervisor')), 404, 'NOT_FOUND');
      expectError(await b.http.get(`/api/cases/${id}/history`).set(bearer('supervisor')), 404, 'NOT_FOUND');
      expectError(
        await b.http
          .post(`/api/cases/${id}/events`)
          .set(bearer('secretariat'))
          .send({ type: 'APPROVE_START', expectedVersion: 1, occurredAt: '2023-01-10', data: {} }),
        404,
        'NOT_FOUND',
      );
      // whoever asks: an official too
      expectError(await b.http.get(`/api/cases/${id}`).set(bearer('official')), 404, 'NOT_FOUND');
    }
    expect(await count()).toBe(before);
  });

  it('13b. a missing or bad token is 401 UNAUTHENTICATED', async () => {
    const c = await newDecision();
    const event = { type: 'APPROVE_START', expectedVersion: c.version, occurredAt: '2023-01-10', data: {} };
    await refuse(c.id, () => b.http.get(`/api/cases/${c.id}`), 401, 'UNAUTHENTICATED');
    await refuse(c.id, () => b.http.post(`/api/cases/${c.id}/events`).send(event), 401, 'UNAUTHENTICATED');
    for (const header of [
      'Bearer not-a-token',
      `Bearer ${forgedToken()}`,
      `Basic ${Buffer.from('secretariat:test-pass-123').toString('base64')}`,
      'Bearer',
      `bearer${tokens.secretariat}`,
    ]) {
      await refuse(c.id, () => b.http.post(`/api/cases/${c.id}/events`).set('Authorization', header).send(event), 401, 'UNAUTHENTICATED');
    }
    // a token with a tampered payload
    const [h, , s] = tokens.secretariat.split('.');
    const tampered = `${h}.${Buffer.from(JSON.stringify({ sub: 'admin' })).toString('base64url')}.${s}`;
    await refuse(
      c.id,
      () => b.http.post(`/api/cases/${c.id}/events`).set('Authorization', `Bearer ${tampered}`).send(event),
      401,
      'UNAUTHENTICATED',
    );
    expectError(
      await b.http.post('/api/cases').send({ procedure: 'major-decision', title: 'x', department: 'fgw' }),
      401,
      'UNAUTHENTICATED',
    );
  });

  it('13c. the wrong role is 403 FORBIDDEN; a supervisor changes nothing', async () => {
    const c = await newDecision();
    // an official cannot approve the start
    await refuseEvent('official', c, 'APPROVE_START', '2023-01-10', {}, 403, 'FORBIDDEN', ['FORBIDDEN']);
    // a reviewer cannot either, nor the secretariat finish a draft
    await refuseEvent('reviewer', c, 'APPROVE_START', '2023-01-10', {}, 403, 'FORBIDDEN');
    // a supervisor sends nothing
    await refuseEvent('supervisor', c, 'APPROVE_START', '2023-01-10', {}, 403, 'FORBIDDEN');
    const drafting = await d.ok('secretariat', c, 'APPROVE_START', '2023-01-10');
    const draft = { draftSummary: '草案', specialized: false, stabilityRisk: false };
    await refuseEvent('secretariat', drafting, 'FINISH_DRAFT', '2023-02-01', draft, 403, 'FORBIDDEN');
    await refuseEvent('supervisor', drafting, 'FINISH_DRAFT', '2023-02-01', draft, 403, 'FORBIDDEN');
    const review = await inLegalityReview();
    await refuseEvent(
      'supervisor',
      review,
      'ISSUE_LEGALITY_OPINION',
      '2023-03-24',
      { conclusion: 'lawful', opinion: '合法' },
      403,
      'FORBIDDEN',
    );
    await refuseEvent(
      'official',
      review,
      'ISSUE_LEGALITY_OPINION',
      '2023-03-24',
      { conclusion: 'lawful', opinion: '合法' },
      403,
      'FORBIDDEN',
    );
    // the supervisor's view offers nothing
    const view = await d.get('supervisor', review.id);
    expect(view.actions.length).toBeGreaterThan(0);
    expect(view.actions.filter((a) => a.allowed)).toEqual([]);
    // EXPIRE is Docket's own (scheduler) event: no user may send it
    const doc = await newDocument();
    await refuseEvent('secretariat', doc, 'EXPIRE', '2023-02-01', {}, 403, 'FORBIDDEN');
    await refuseEvent('admin', doc, 'EXPIRE', '2023-02-01', {}, 403, 'FORBIDDEN');
  });

  // ───────────────────────────── 14 unknown comment ─────────────────────────────

  it('14. DISPOSE_COMMENT with an unknown commentId is 404 NOT_FOUND', async () => {
    const c = await withOpenComment();
    const res = await refuseEvent(
      'official',
      c,
      'DISPOSE_COMMENT',
      '2023-02-20',
      { commentId: 'c99', disposition: 'adopted', reason: '采纳' },
      404,
      'NOT_FOUND',
      ['COMMENT_NOT_FOUND'],
    );
    expect(res.body.message).toContain('c99');
    await refuseEvent(
      'official',
      c,
      'DISPOSE_COMMENT',
      '2023-02-20',
      { commentId: randomUUID(), disposition: 'adopted', reason: '采纳' },
      404,
      'NOT_FOUND',
    );
    // and the known one is disposed
    const ok = await d.ok('official', c, 'DISPOSE_COMMENT', '2023-02-20', { commentId: 'c1', disposition: 'adopted', reason: '采纳' });
    expect(ok.comments[0].disposition).toMatchObject({ disposition: 'adopted' });
  });

  // ───────────────────────────── 15 language ─────────────────────────────

  it('15. messages are Chinese by default and English with Accept-Language: en', async () => {
    const c = await withOpenComment();
    const close = (lang?: string) => () => {
      const req = b.http.post(`/api/cases/${c.id}/events`).set(bearer('official'));
      if (lang) req.set('Accept-Language', lang);
      return req.send({ type: 'CLOSE_PUBLIC_COMMENT', expectedVersion: c.version, occurredAt: '2023-03-01', data: {} });
    };
    const zh = await refuse(c.id, close(), 422, 'PROCEDURE_VIOLATION', ['COMMENT_PERIOD_NOT_ENDED']);
    expect(zh.body.message).toMatch(CJK);
    expect(zh.body.blockers[0].message).toMatch(CJK);
    expect(zh.body.blockers[0].legalBasis).toMatch(CJK);
    const zhCN = await refuse(c.id, close('zh-CN,zh;q=0.9,en;q=0.8'), 422, 'PROCEDURE_VIOLATION');
    expect(zhCN.body.message).toMatch(CJK);
    for (const lang of ['en', 'en-US,en;q=0.9']) {
      const en = await refuse(c.id, close(lang), 422, 'PROCEDURE_VIOLATION', ['COMMENT_PERIOD_NOT_ENDED']);
      expect(en.body.message).not.toMatch(CJK);
      expect(en.body.blockers[0].message).not.toMatch(CJK);
      expect(en.body.blockers[0].message).toContain('2023-03-08');
      expect(en.body.blockers[0].legalBasis).not.toMatch(CJK);
    }
    // other refusals too: 403, 404, 409, 400, 401
    const others: [() => PromiseLike<Response>, number, string][] = [
      [() => b.http.get(`/api/cases/${c.id}`).set(bearer('zjjOfficial')), 403, 'FORBIDDEN'],
      [() => b.http.get(`/api/cases/${randomUUID()}`).set(bearer('official')), 404, 'NOT_FOUND'],
      [() => d.send('official', { id: c.id, version: c.version - 1 }, 'CLOSE_PUBLIC_COMMENT', '2023-03-09'), 409, 'VERSION_CONFLICT'],
      [() => d.send('official', c, 'FINISH_DRAFT', '2023-03-09', { specialized: 'yes' }), 400, 'VALIDATION_FAILED'],
      [() => b.http.get(`/api/cases/${c.id}`), 401, 'UNAUTHENTICATED'],
    ];
    for (const [req, status, code] of others) {
      const zhRes = await refuse(c.id, req, status, code);
      expect(zhRes.body.message).toMatch(CJK);
      const enRes = await refuse(
        c.id,
        () => (req() as unknown as { set: (k: string, v: string) => PromiseLike<Response> }).set('Accept-Language', 'en'),
        status,
        code,
      );
      expect(enRes.body.message).not.toMatch(CJK);
    }
    // the case view's actions follow the language too
    const viewEn = (await b.http.get(`/api/cases/${c.id}`).set(bearer('official')).set('Accept-Language', 'en').expect(200))
      .body as CaseBody;
    const blocked = action(viewEn, 'RECORD_COLLECTIVE_DECISION');
    expect(blocked.allowed).toBe(false);
    expect(blocked.blockers[0].message).not.toMatch(CJK);
    const viewZh = await d.get('official', c.id);
    expect(action(viewZh, 'RECORD_COLLECTIVE_DECISION').blockers[0].message).toMatch(CJK);
  });

  // ───────────────────────────── 16 stages ─────────────────────────────

  it('16a. ARCHIVE and PUBLISH in the wrong stage are NOT_ALLOWED_IN_STAGE', async () => {
    const proposed = await newDecision();
    await refuseEvent('secretariat', proposed, 'ARCHIVE', '2023-01-10', { archiveNumber: 'A-1' }, 422, 'PROCEDURE_VIOLATION', [
      'NOT_ALLOWED_IN_STAGE',
    ]);
    await refuseEvent(
      'secretariat',
      proposed,
      'PUBLISH_DECISION',
      '2023-01-10',
      { channels: ['县政府网站'], adoptionExplanation: '无' },
      422,
      'PROCEDURE_VIOLATION',
      ['NOT_ALLOWED_IN_STAGE'],
    );

    let c = await inCollectiveDecision();
    await refuseEvent('secretariat', c, 'PUBLISH_DECISION', '2023-04-03', { channels: ['县政府网站'] }, 422, 'PROCEDURE_VIOLATION', [
      'NOT_ALLOWED_IN_STAGE',
    ]);
    c = await d.ok('secretariat', c, 'RECORD_COLLECTIVE_DECISION', '2023-04-03', {
      meetingType: 'standing',
      meetingDate: '2023-04-03',
      outcome: 'approved',
    });
    expect(c.stage).toBe('partyReport');
    await refuseEvent('secretariat', c, 'ARCHIVE', '2023-04-10', { archiveNumber: 'A-1' }, 422, 'PROCEDURE_VIOLATION', [
      'NOT_ALLOWED_IN_STAGE',
    ]);
    await refuseEvent('secretariat', c, 'PUBLISH_DECISION', '2023-04-10', { channels: ['县政府网站'] }, 422, 'PROCEDURE_VIOLATION', [
      'NOT_ALLOWED_IN_STAGE',
    ]);
    c = await d.ok('secretariat', c, 'REPORT_TO_PARTY_COMMITTEE', '2023-04-10', { reference: '泗政请〔2023〕1号' });
    await refuseEvent('secretariat', c, 'ARCHIVE', '2023-04-17', { archiveNumber: 'A-1' }, 422, 'PROCEDURE_VIOLATION', [
      'NOT_ALLOWED_IN_STAGE',
    ]);
    c = await d.ok('secretariat', c, 'PUBLISH_DECISION', '2023-04-17', { channels: ['县政府网站'] });
    expect(c.stage).toBe('archiving');
    await refuseEvent('secretariat', c, 'PUBLISH_DECISION', '2023-04-18', { channels: ['县政府网站'] }, 422, 'PROCEDURE_VIOLATION', [
      'NOT_ALLOWED_IN_STAGE',
    ]);
    c = await d.ok('secretariat', c, 'ARCHIVE', '2023-04-20', { archiveNumber: 'A-2023-01' });
    expect(c.stage).toBe('implementing');
    await refuseEvent('secretariat', c, 'ARCHIVE', '2023-04-21', { archiveNumber: 'A-2023-02' }, 422, 'PROCEDURE_VIOLATION', [
      'NOT_ALLOWED_IN_STAGE',
    ]);
  });

  it('16b. a refused PUBLISH_DOCUMENT gives its number back: the first real publication is 〔2023〕1号', async () => {
    let c = await newDocument({ affectsPublicRights: false });
    const publish = { channels: ['县政府网站'], effectiveDate: '2023-05-01' };
    await refuseEvent('secretariat', c, 'PUBLISH_DOCUMENT', '2023-03-01', publish, 422, 'PROCEDURE_VIOLATION', ['NOT_ALLOWED_IN_STAGE']);
    c = await d.ok('official', c, 'SUBMIT_FOR_LEGALITY_REVIEW', '2023-03-15', { reviewDueDate: '2023-03-24' });
    await refuseEvent('secretariat', c, 'PUBLISH_DOCUMENT', '2023-03-16', publish, 422, 'PROCEDURE_VIOLATION', ['NOT_ALLOWED_IN_STAGE']);
    // a document's opinion cannot be exploratory
    await refuseEvent(
      'reviewer',
      c,
      'ISSUE_LEGALITY_OPINION',
      '2023-03-20',
      { conclusion: 'exploratory', opinion: '探索', legalRiskStatement: '有风险' },
      422,
      'PROCEDURE_VIOLATION',
      ['EXPLORATORY_NOT_ALLOWED'],
    );
    c = await d.ok('reviewer', c, 'ISSUE_LEGALITY_OPINION', '2023-03-20', { conclusion: 'lawful', opinion: '合法' });
    // a government document's deliberation cannot be an office meeting
    await refuseEvent(
      'secretariat',
      c,
      'RECORD_COLLECTIVE_DELIBERATION',
      '2023-03-27',
      { meetingType: 'office', meetingDate: '2023-03-27', outcome: 'approved' },
      422,
      'PROCEDURE_VIOLATION',
      ['MEETING_TYPE_NOT_ALLOWED'],
    );
    c = await d.ok('secretariat', c, 'RECORD_COLLECTIVE_DELIBERATION', '2023-03-27', {
      meetingType: 'standing',
      meetingDate: '2023-03-27',
      outcome: 'approved',
    });
    await refuseEvent(
      'secretariat',
      c,
      'PUBLISH_DOCUMENT',
      '2023-04-03',
      { ...publish, effectiveDate: '2023-04-01' },
      422,
      'PROCEDURE_VIOLATION',
      ['EFFECTIVE_BEFORE_PUBLICATION'],
    );
    c = await d.ok('secretariat', c, 'PUBLISH_DOCUMENT', '2023-04-03', publish);
    expect(c.documentNumber).toBe('泗政规〔2023〕1号');
    await refuseEvent('secretariat', c, 'PUBLISH_DOCUMENT', '2023-04-04', publish, 422, 'PROCEDURE_VIOLATION', ['NOT_ALLOWED_IN_STAGE']);
  });

  it('16c. an unlawful opinion sends the case back to drafting; no collective decision until a new passing opinion', async () => {
    let c = await inLegalityReview();
    const meeting = { meetingType: 'standing', meetingDate: '2023-03-20', outcome: 'approved' };
    await refuseEvent('secretariat', c, 'RECORD_COLLECTIVE_DECISION', '2023-03-20', meeting, 422, 'PROCEDURE_VIOLATION', [
      'NOT_ALLOWED_IN_STAGE',
    ]);
    c = await d.ok('reviewer', c, 'ISSUE_LEGALITY_OPINION', '2023-03-24', { conclusion: 'unlawful', opinion: '超越法定权限' });
    expect(c.stage).toBe('drafting');
    // consultation records are kept
    expect(c.record.publicCommentExemption).toMatchObject({ reason: expect.any(String) });
    const m2 = { ...meeting, meetingDate: '2023-03-27' };
    await refuseEvent('secretariat', c, 'RECORD_COLLECTIVE_DECISION', '2023-03-27', m2, 422, 'PROCEDURE_VIOLATION', [
      'NOT_ALLOWED_IN_STAGE',
    ]);
    const view = await d.get('secretariat', c.id);
    expect(action(view, 'RECORD_COLLECTIVE_DECISION').allowed).toBe(false);

    c = await d.ok('official', c, 'FINISH_DRAFT', '2023-04-03', { draftSummary: '修改后的草案', specialized: false, stabilityRisk: false });
    expect(c.stage).toBe('consultation');
    await refuseEvent(
      'secretariat',
      c,
      'RECORD_COLLECTIVE_DECISION',
      '2023-04-03',
      { ...meeting, meetingDate: '2023-04-03' },
      422,
      'PROCEDURE_VIOLATION',
      ['NOT_ALLOWED_IN_STAGE'],
    );
    // resubmission waits for the revision the opinion calls for (Art. 28), then the reviewer gets the case again
    await refuseEvent(
      'official',
      c,
      'SUBMIT_FOR_LEGALITY_REVIEW',
      '2023-04-04',
      { reviewDueDate: '2023-04-14' },
      422,
      'PROCEDURE_VIOLATION',
      ['REVISION_NOT_RECORDED'],
    );
    c = await d.ok('official', c, 'CONFIRM_REVISIONS', '2023-04-04', { revisionNote: '删除超越法定权限的条款' });
    expect(c.stage).toBe('consultation');
    c = await d.ok('official', c, 'SUBMIT_FOR_LEGALITY_REVIEW', '2023-04-04', { reviewDueDate: '2023-04-14' });
    expect(c.stage).toBe('legalityReview');
    // resubmitted but without a new opinion: still impossible
    await refuseEvent(
      'secretariat',
      c,
      'RECORD_COLLECTIVE_DECISION',
      '2023-04-10',
      { ...meeting, meetingDate: '2023-04-10' },
      422,
      'PROCEDURE_VIOLATION',
      ['NOT_ALLOWED_IN_STAGE'],
    );
    // lawful-with-revisions waits for the revisions
    c = await d.ok('reviewer', c, 'ISSUE_LEGALITY_OPINION', '2023-04-12', { conclusion: 'lawful-with-revisions', opinion: '修改第三条' });
    await refuseEvent(
      'secretariat',
      c,
      'RECORD_COLLECTIVE_DECISION',
      '2023-04-13',
      { ...meeting, meetingDate: '2023-04-13' },
      422,
      'PROCEDURE_VIOLATION',
      ['NOT_ALLOWED_IN_STAGE'],
    );
    c = await d.ok('official', c, 'CONFIRM_REVISIONS', '2023-04-14', { revisionNote: '已修改第三条' });
    expect(c.stage).toBe('collectiveDecision');
    // a meeting held before the opinion does not count
    await refuseEvent(
      'secretariat',
      c,
      'RECORD_COLLECTIVE_DECISION',
      '2023-04-17',
      { ...meeting, meetingDate: '2023-04-11' },
      422,
      'PROCEDURE_VIOLATION',
      ['MEETING_BEFORE_LEGALITY_OPINION'],
    );
    c = await d.ok('secretariat', c, 'RECORD_COLLECTIVE_DECISION', '2023-04-17', { ...meeting, meetingDate: '2023-04-17' });
    expect(c.stage).toBe('partyReport');
  });

  it('the audit chain is intact after all these refusals', async () => {
    const res = await b.http.get('/api/audit/verify').set(bearer('supervisor')).expect(200);
    expect(res.body).toMatchObject({ ok: true, firstBrokenEventId: null });
    expect(res.body.checkedEvents).toBeGreaterThan(0);
  });
});
