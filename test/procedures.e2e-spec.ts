import { caseDriver, useCounty } from './harness';

describe('both procedures end to end over HTTP', () => {
  const { b, tokens, d } = useCounty();

  it('carries a major decision from proposed to concluded through all three consultation tracks', async () => {
    let c = await d.create('official', {
      procedure: 'major-decision',
      title: '泗阳县城区公共停车设施建设方案',
      department: 'fgw',
      occurredAt: '2023-02-01',
      problem: '停车难',
      reasons: '群众反映强烈',
      preliminaryPlan: '新建停车场',
    });
    expect(c).toMatchObject({ procedure: 'major-decision', procedureVersion: 1, stage: 'proposed', version: 1 });
    c = await d.ok('secretariat', c, 'APPROVE_START', '2023-02-03', { catalogueItemId: '2023-01' });
    c = await d.ok('official', c, 'FINISH_DRAFT', '2023-02-10', { draftSummary: '草案', specialized: true, stabilityRisk: true });
    expect(c.stage).toBe('consultation');
    expect(c.state).toEqual({
      consultation: { publicParticipation: 'notOpened', expertArgumentation: 'pending', riskAssessment: 'pending' },
    });

    c = await d.ok('official', c, 'OPEN_PUBLIC_COMMENT', '2023-02-13', {
      draftText: '草案全文及起草说明',
      startDate: '2023-02-13',
      endDate: '2023-03-15',
      channels: ['县政府网站', '泗阳日报'],
    });
    c = await d.ok('official', c, 'RECORD_COMMENT', '2023-02-20', { content: '建议增加充电桩', submitter: '市民甲' });
    c = await d.ok('official', c, 'RECORD_COMMENT', '2023-02-21', { content: '收费应当公开' });
    expect(c.comments.map((x) => x.id)).toEqual(['c1', 'c2']);
    c = await d.ok('official', c, 'HOLD_HEARING', '2023-03-01', {
      noticeDate: '2023-02-20',
      hearingDate: '2023-03-01',
      recordRef: '听证笔录-1',
    });
    c = await d.ok('official', c, 'RECORD_EXPERT_ARGUMENTATION', '2023-03-02', {
      experts: [
        { name: '张教授', affiliation: '南京大学', conflictOfInterest: false },
        { name: '李工', affiliation: '省规划院', conflictOfInterest: false },
      ],
      opinionSummary: '方案可行，建议分期实施',
      adoptionSummary: '已采纳分期实施建议',
    });
    c = await d.ok('official', c, 'RECORD_RISK_ASSESSMENT', '2023-03-03', {
      riskLevel: 'high',
      controllable: false,
      measures: '暂无',
      assessor: '县社会稳定风险评估中心',
    });
    c = await d.ok('official', c, 'RECORD_RISK_ASSESSMENT', '2023-03-08', {
      riskLevel: 'medium',
      controllable: true,
      measures: '分期实施，设过渡期',
      draftAdjustment: '调整收费标准并设过渡期',
      assessor: '县社会稳定风险评估中心',
    });
    c = await d.ok('official', c, 'DISPOSE_COMMENT', '2023-03-10', { commentId: 'c1', disposition: 'adopted', reason: '纳入方案' });
    c = await d.ok('official', c, 'CLOSE_PUBLIC_COMMENT', '2023-03-16');
    c = await d.ok('official', c, 'DISPOSE_COMMENT', '2023-03-16', {
      commentId: 'c2',
      disposition: 'partly-adopted',
      reason: '收费标准另行公示',
    });
    c = await d.ok('official', c, 'COMPLETE_PUBLIC_PARTICIPATION', '2023-03-17');
    expect(c.record.publicComment.summary).toContain('共收到意见 2 条，采纳 1 条，部分采纳 1 条');
    expect(c.state).toEqual({ consultation: { publicParticipation: 'done', expertArgumentation: 'done', riskAssessment: 'done' } });

    // 7 working days counted after 2023-03-17 (a Friday): due 2023-03-28 at the earliest
    c = await d.ok('official', c, 'SUBMIT_FOR_LEGALITY_REVIEW', '2023-03-17', { reviewDueDate: '2023-03-28' });
    expect(c.stage).toBe('legalityReview');
    c = await d.ok('reviewer', c, 'ISSUE_LEGALITY_OPINION', '2023-03-24', {
      conclusion: 'lawful-with-revisions',
      opinion: '第五条表述需修改',
    });
    c = await d.ok('official', c, 'CONFIRM_REVISIONS', '2023-03-27', { revisionNote: '已修改第五条' });
    expect(c.stage).toBe('collectiveDecision');
    c = await d.ok('secretariat', c, 'RECORD_COLLECTIVE_DECISION', '2023-04-03', {
      meetingType: 'standing',
      meetingDate: '2023-04-03',
      outcome: 'approved',
      dissentingOpinions: ['王委员：建议缓建'],
      headOverrodeMajority: false,
    });
    c = await d.ok('secretariat', c, 'REPORT_TO_PARTY_COMMITTEE', '2023-04-06', { reference: '泗政请〔2023〕5号' });
    c = await d.ok('secretariat', c, 'PUBLISH_DECISION', '2023-04-10', {
      channels: ['泗阳县人民政府公报', '县政府网站'],
      adoptionExplanation: '公众意见采纳 1 条、部分采纳 1 条；专家分期实施建议已采纳',
    });
    c = await d.ok('secretariat', c, 'ARCHIVE', '2023-04-20', { archiveNumber: 'JC-2023-001' });
    expect(c.stage).toBe('implementing');
    c = await d.ok('official', c, 'REPORT_IMPLEMENTATION', '2023-07-01', { summary: '一期工程已开工' });
    c = await d.ok('secretariat', c, 'SUSPEND', '2023-07-10', { orderedBy: '县长', reason: '汛期安全' });
    expect(c.state).toEqual({ implementing: 'suspended' });
    c = await d.ok('secretariat', c, 'RESUME', '2023-08-01', { orderedBy: '县长' });
    c = await d.ok('official', c, 'START_POST_EVALUATION', '2023-11-01', { evaluator: '第三方评估机构' });
    c = await d.ok('official', c, 'RECORD_POST_EVALUATION', '2023-12-01', { conclusion: '效果良好' });
    c = await d.ok('secretariat', c, 'CONCLUDE', '2023-12-20');
    expect(c).toMatchObject({ stage: 'concluded', state: 'concluded', version: 27 });
    expect(c.actions.every((a) => !a.allowed)).toBe(true);

    const history = await b.http.get(`/api/cases/${c.id}/history`).set('Authorization', `Bearer ${tokens.supervisor}`).expect(200);
    expect(history.body).toHaveLength(27);
    expect(history.body[0]).toMatchObject({ seq: 1, type: 'CASE_CREATED', actorRole: 'official' });
    expect(history.body[18]).toMatchObject({
      seq: 19,
      type: 'REPORT_TO_PARTY_COMMITTEE',
      actorRole: 'secretariat',
      occurredAt: '2023-04-06',
    });
  });

  it('carries a normative document from drafting to in force, with its unified number', async () => {
    let c = await d.create('official', {
      procedure: 'normative-document',
      title: '泗阳县城市停车管理办法',
      department: 'fgw',
      occurredAt: '2023-05-04',
      affectsPublicRights: true,
      marketRelated: false,
      interim: false,
      issuingOrgan: 'government',
    });
    expect(c.stage).toBe('drafting');
    c = await d.ok('official', c, 'OPEN_PUBLIC_COMMENT', '2023-05-05', {
      draftText: '草案全文及起草说明',
      startDate: '2023-05-05',
      endDate: '2023-05-16',
      channels: ['县政府网站'],
    });
    c = await d.ok('official', c, 'RECORD_COMMENT', '2023-05-08', { content: '夜间停车应免费' });
    c = await d.ok('official', c, 'CLOSE_PUBLIC_COMMENT', '2023-05-17');
    c = await d.ok('official', c, 'DISPOSE_COMMENT', '2023-05-17', {
      commentId: 'c1',
      disposition: 'not-adopted',
      reason: '与上位法收费规定不符',
    });
    c = await d.ok('official', c, 'COMPLETE_PUBLIC_PARTICIPATION', '2023-05-18', { summary: '收到 1 条意见，未采纳，理由已公开' });
    c = await d.ok('official', c, 'SUBMIT_FOR_LEGALITY_REVIEW', '2023-05-18', { reviewDueDate: '2023-05-26' });
    c = await d.ok('reviewer', c, 'ISSUE_LEGALITY_OPINION', '2023-05-25', { conclusion: 'lawful', opinion: '合法' });
    expect(c.stage).toBe('collectiveDeliberation');
    c = await d.ok('secretariat', c, 'RECORD_COLLECTIVE_DELIBERATION', '2023-06-01', {
      meetingType: 'standing',
      meetingDate: '2023-06-01',
      outcome: 'approved',
    });
    c = await d.ok('secretariat', c, 'PUBLISH_DOCUMENT', '2023-06-05', { channels: ['县政府网站'], effectiveDate: '2023-07-01' });
    expect(c).toMatchObject({
      stage: 'filing',
      documentNumber: '泗政规〔2023〕1号',
      effectiveDate: '2023-07-01',
      validUntil: '2028-06-30',
    });
    expect(c.record.publication.filingDeadline).toBe('2023-07-05');
    c = await d.ok('secretariat', c, 'RECORD_FILING', '2023-06-20', { filedWith: '宿迁市人民政府' });
    expect(c).toMatchObject({ stage: 'inForce', version: 11 });
    expect(c.record.filing).toMatchObject({ late: false });

    // the next government document of 2023 gets the next number, never a used one
    let c2 = await d.create('official2', {
      procedure: 'normative-document',
      title: '泗阳县政府投资项目管理办法',
      department: 'fgw',
      occurredAt: '2023-08-01',
      affectsPublicRights: false,
      marketRelated: false,
      interim: true,
      issuingOrgan: 'government',
    });
    c2 = await d.ok('official2', c2, 'SUBMIT_FOR_LEGALITY_REVIEW', '2023-08-01', { reviewDueDate: '2023-08-10' });
    c2 = await d.ok('reviewer', c2, 'ISSUE_LEGALITY_OPINION', '2023-08-08', { conclusion: 'lawful', opinion: '合法' });
    c2 = await d.ok('secretariat', c2, 'RECORD_COLLECTIVE_DELIBERATION', '2023-08-15', {
      meetingType: 'plenary',
      meetingDate: '2023-08-15',
      outcome: 'approved',
    });
    c2 = await d.ok('secretariat', c2, 'PUBLISH_DOCUMENT', '2023-08-20', { channels: ['县政府网站'], effectiveDate: '2023-09-01' });
    expect(c2).toMatchObject({ documentNumber: '泗政规〔2023〕2号', validUntil: '2025-08-31' });
  });

  it('names the first altered audit row in /api/audit/verify', async () => {
    const verify = () => b.http.get('/api/audit/verify').set('Authorization', `Bearer ${tokens.supervisor}`).expect(200);
    const before = await verify();
    expect(before.body).toMatchObject({ ok: true, firstBrokenEventId: null });
    expect(before.body.checkedEvents).toBeGreaterThanOrEqual(27 + 11 + 5);

    const [victim] = (await b.sql(`SELECT id, data FROM audit_events WHERE type = 'RECORD_COMMENT' ORDER BY id LIMIT 1`)) as {
      id: number;
      data: string;
    }[];
    await b.sql('UPDATE audit_events SET data = ? WHERE id = ?', [victim.data.replace('充电桩', '加油站'), victim.id]);

    const after = await verify();
    expect(after.body).toMatchObject({ ok: false, checkedEvents: before.body.checkedEvents, firstBrokenEventId: Number(victim.id) });
  });
});

describe('refusal log', () => {
  const { b, tokens } = useCounty();

  it('keeps each refused write apart from the case, readable by supervisors only', async () => {
    const d = caseDriver(b, tokens);
    const c = await d.create('official', { procedure: 'major-decision', title: '测试', department: 'fgw', occurredAt: '2023-01-05' });
    await d.send('official', c, 'APPROVE_START', '2023-01-06').expect(403);
    const log = await b.http.get('/api/audit/refusals').set('Authorization', `Bearer ${tokens.supervisor}`).expect(200);
    expect(log.body[0]).toMatchObject({ method: 'POST', status: 403, code: 'FORBIDDEN', path: `/api/cases/${c.id}/events` });
    await b.http.get('/api/audit/refusals').set('Authorization', `Bearer ${tokens.official}`).expect(403);
    expect((await d.get('official', c.id)).version).toBe(1);
  });
});

describe('importing comments', () => {
  const { b, tokens } = useCounty();

  it('records comments received elsewhere as events, in date order, all or none', async () => {
    const d = caseDriver(b, tokens);
    let c = await d.create('official', {
      procedure: 'normative-document',
      title: '导入测试',
      department: 'fgw',
      occurredAt: '2023-05-04',
      affectsPublicRights: true,
      marketRelated: false,
      interim: false,
      issuingOrgan: 'government',
    });
    c = await d.ok('official', c, 'OPEN_PUBLIC_COMMENT', '2023-05-05', {
      draftText: '草案全文及起草说明',
      startDate: '2023-05-05',
      endDate: '2023-05-16',
      channels: ['信函'],
    });
    const auth = { Authorization: `Bearer ${tokens.official}` };
    // one comment dated after the period: the whole import is refused and nothing changes
    const refused = await b.http
      .post(`/api/cases/${c.id}/comments/import`)
      .set(auth)
      .send({
        expectedVersion: c.version,
        comments: [
          { content: '意见甲', receivedOn: '2023-05-08' },
          { content: '意见乙', receivedOn: '2023-05-20' },
        ],
      })
      .expect(422);
    expect(refused.body.blockers[0].code).toBe('COMMENT_OUTSIDE_PERIOD');
    expect((await d.get('official', c.id)).version).toBe(c.version);

    const res = await b.http
      .post(`/api/cases/${c.id}/comments/import`)
      .set(auth)
      .send({
        expectedVersion: c.version,
        comments: [
          { content: '意见乙', submitter: '县律师协会', receivedOn: '2023-05-10' },
          { content: '意见甲', receivedOn: '2023-05-08' },
        ],
      })
      .expect(200);
    expect(res.body.version).toBe(c.version + 2);
    expect(res.body.comments.map((x: { id: string; content: string }) => `${x.id}:${x.content}`)).toEqual(['c1:意见甲', 'c2:意见乙']);
    const verify = await b.http.get('/api/audit/verify').set(auth).expect(200);
    expect(verify.body).toMatchObject({ ok: true, checkedEvents: 4, firstBrokenEventId: null });
  });
});
