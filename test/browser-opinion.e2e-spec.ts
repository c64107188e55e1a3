// After an unlawful legality opinion, in a real browser (Debian's Chromium driven by
// playwright-core) against the real built server: the official sees the opinion at the top of the
// case page with what to do next, the diagram keeps the finished public comment done and does not
// mark the legality review 受阻, resubmission is refused until the revision is recorded, and the
// official records it and resubmits from the notice, on a desktop and on a phone. A fresh draft's
// diagram shows the legality review not started, not blocked. The API only sets up and
// cross-checks. Screenshots go to test-output/screenshots/opinion-*.png.
import type { Browser, Locator } from 'playwright-core';
import { DESKTOP, expectVisible, launchChromium, Person, PHONE, textOf, tid } from './browser-harness';
import { bootApp, Booted, caseDriver, CaseBody, setUpCounty, Tokens } from './harness';

jest.setTimeout(180_000);

const OPINION = '第五条设定的行政许可超出上位法授权，不合法，请删除后重新送审。';

describe('an unlawful opinion on the case page', () => {
  let b: Booted;
  let tokens: Tokens;
  let browser: Browser;
  let d: ReturnType<typeof caseDriver>;
  const people: Person[] = [];

  const signIn = async (username: string, phone = false) => {
    const p = await Person.signIn(browser, b.baseUrl, username, phone);
    people.push(p);
    return p;
  };

  const draft = (title: string) =>
    d.create('official', {
      procedure: 'normative-document',
      title,
      department: 'fgw',
      occurredAt: '2023-03-20',
      affectsPublicRights: true,
      marketRelated: false,
      interim: false,
      issuingOrgan: 'government',
    });

  /** A document whose public comment is finished, submitted for legality review on 2023-04-17. */
  async function underReview(title: string): Promise<CaseBody> {
    let c = await draft(title);
    c = await d.ok('official', c, 'OPEN_PUBLIC_COMMENT', '2023-03-31', {
      startDate: '2023-03-31',
      endDate: '2023-04-12',
      channels: ['县政府网站'],
      draftText: '草案全文及起草说明',
    });
    c = await d.ok('official', c, 'CLOSE_PUBLIC_COMMENT', '2023-04-13');
    c = await d.ok('official', c, 'COMPLETE_PUBLIC_PARTICIPATION', '2023-04-14');
    return d.ok('official', c, 'SUBMIT_FOR_LEGALITY_REVIEW', '2023-04-17', { reviewDueDate: '2023-04-24' });
  }

  beforeAll(async () => {
    [b, browser] = await Promise.all([bootApp(), launchChromium()]);
    tokens = await setUpCounty(b);
    d = caseDriver(b, tokens);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await b?.close();
  });

  afterEach(async () => {
    const open = people.splice(0);
    for (const p of open) await p.close();
  });

  /** The element is wholly in the window as the page opens, without scrolling. */
  async function inFirstView(l: Locator, viewport: { height: number }) {
    await expectVisible(l);
    const box = await l.boundingBox();
    expect(box).not.toBeNull();
    expect(box!.y).toBeGreaterThanOrEqual(0);
    expect(box!.y + box!.height).toBeLessThanOrEqual(viewport.height);
  }

  /** What the official sees first: the opinion, who gave it and when, the next step and its button. */
  async function expectOpinionOnTop(off: Person) {
    const viewport = off.phone ? PHONE : DESKTOP;
    const notice = off.el('case-opinion');
    await inFirstView(notice, viewport);
    await expect(notice.getAttribute('data-revised')).resolves.toBe('false');
    await expect(textOf(off.el('case-opinion-title'))).resolves.toBe('合法性审核意见：不合法');
    await expect(textOf(off.el('case-opinion-text'))).resolves.toBe(OPINION);
    await expect(textOf(notice)).resolves.toContain('2023年4月21日');
    await expect(textOf(off.el('case-opinion-next'))).resolves.toBe(
      '下一步：请按合法性审核意见修改草案，记录修改情况后重新报送合法性审核。',
    );
    await inFirstView(off.el('opinion-action-CONFIRM_REVISIONS'), viewport);
    // resubmission is not offered before the revision is recorded
    await expect(off.el('opinion-action-SUBMIT_FOR_LEGALITY_REVIEW').count()).resolves.toBe(0);
    await expect(off.el('action-SUBMIT_FOR_LEGALITY_REVIEW').count()).resolves.toBe(0);
    expect(await off.stage()).toBe('起草（合法性审核意见：不合法，待修改）');
  }

  /** The diagram keeps the finished public comment, and the legality review ahead is not blocked. */
  async function expectDiagramKeepsWhatWasDone(off: Person) {
    await expect(off.el('stage-drafting').getAttribute('data-status')).resolves.toBe('current');
    await expect(off.el('stage-publicComment').getAttribute('data-status')).resolves.toBe('done');
    await expect(textOf(off.el('stage-publicComment'))).resolves.toContain('已完成');
    await expect(off.el('stage-legalityReview').getAttribute('data-status')).resolves.toBe('todo');
    await expect(textOf(off.el('stage-legalityReview'))).resolves.toContain('未开始');
    await expect(textOf(off.el('procedure-diagram'))).resolves.not.toContain('受阻');
  }

  /** Records the revision from the notice, then resubmits from it: the notice goes. */
  async function reviseAndResubmit(off: Person, c: CaseBody, name: string) {
    // the law's refusal, where the page lists what cannot be done yet
    const refusal = off.el('blocked-SUBMIT_FOR_LEGALITY_REVIEW').locator('[data-code="REVISION_NOT_RECORDED"]');
    await expect(textOf(refusal)).resolves.toContain('请按审查意见修改草案，并记录修改情况后再重新送审');
    await expect(textOf(refusal)).resolves.toContain(
      '依据：国办发〔2018〕115号（起草单位应当根据合法性审核意见对规范性文件作必要的修改或者补充）',
    );
    const refused = await d.send('official', c, 'SUBMIT_FOR_LEGALITY_REVIEW', '2023-04-24', { reviewDueDate: '2023-05-05' }).expect(422);
    expect(refused.body.blockers.map((x: { code: string }) => x.code)).toEqual(['REVISION_NOT_RECORDED']);

    await off.el('opinion-action-CONFIRM_REVISIONS').click();
    await off.el('event-form-CONFIRM_REVISIONS').waitFor();
    await off.page.fill(tid('field-revisionNote'), '已删除第五条设定的行政许可，改为备案管理。');
    await off.fillDate('field-occurredAt', '2023-04-24');
    await off.shot(`opinion-${name}-revision-form`, { fullPage: false });
    await off.confirm('CONFIRM_REVISIONS');

    const notice = off.el('case-opinion');
    await off.page.locator(`${tid('case-opinion')}[data-revised="true"]`).waitFor();
    await expect(textOf(off.el('case-opinion-revised'))).resolves.toBe(
      '已于 2023年4月24日 记录修改情况：已删除第五条设定的行政许可，改为备案管理。',
    );
    await expect(textOf(off.el('case-opinion-next'))).resolves.toBe('下一步：请重新报送合法性审核。');
    expect(await off.stage()).toBe('起草（合法性审核意见：不合法，已记录修改情况，待重新送审）');
    await expect(off.el('stage-publicComment').getAttribute('data-status')).resolves.toBe('done');
    await inFirstView(off.el('opinion-action-SUBMIT_FOR_LEGALITY_REVIEW'), off.phone ? PHONE : DESKTOP);
    await off.shot(`opinion-${name}-revised`);

    await off.el('opinion-action-SUBMIT_FOR_LEGALITY_REVIEW').click();
    await off.el('event-form-SUBMIT_FOR_LEGALITY_REVIEW').waitFor();
    await off.fillDate('field-reviewDueDate', '2023-05-05');
    await off.fillDate('field-occurredAt', '2023-04-24');
    await off.confirm('SUBMIT_FOR_LEGALITY_REVIEW');
    await notice.waitFor({ state: 'detached' });
    expect(await off.stage()).toBe('合法性审核');
    await expect(off.el('stage-legalityReview').getAttribute('data-status')).resolves.toBe('current');
    await expect(off.el('stage-publicComment').getAttribute('data-status')).resolves.toBe('done');
    await off.shot(`opinion-${name}-resubmitted`);

    const after = await d.get('official', c.id);
    expect(after.stage).toBe('legalityReview');
    expect(after.record.legalityReview).toHaveLength(2);
    expect(after.record.legalityReview[0].revisionsConfirmed).toEqual({
      note: '已删除第五条设定的行政许可，改为备案管理。',
      confirmedOn: '2023-04-24',
    });
  }

  it('desktop: the reviewer finds it unlawful in the page; the official sees it first, records the revision, resubmits', async () => {
    const c = await underReview('泗阳县城市停车管理办法');
    const rev = await signIn('reviewer');
    await rev.goto(`/cases/${c.id}`);
    await rev.el('case-title').waitFor();
    await rev.openAction('ISSUE_LEGALITY_OPINION');
    await rev.choose('field-conclusion', 'unlawful');
    await rev.page.fill(tid('field-opinion'), OPINION);
    await rev.fillDate('field-occurredAt', '2023-04-21');
    await rev.confirm('ISSUE_LEGALITY_OPINION');
    expect(await rev.stage()).toBe('起草（合法性审核意见：不合法，待修改）');
    // the reviewer reads the same notice, without the sponsor's buttons
    await expectVisible(rev.el('case-opinion'));
    await expect(rev.el('opinion-action-CONFIRM_REVISIONS').count()).resolves.toBe(0);

    const off = await signIn('official');
    await off.goto(`/cases/${c.id}`);
    await off.el('case-title').waitFor();
    await expectOpinionOnTop(off);
    await expectDiagramKeepsWhatWasDone(off);
    await off.shot('opinion-desktop-first-view', { fullPage: false });
    await off.shot('opinion-desktop-back-in-drafting');
    await reviseAndResubmit(off, await d.get('official', c.id), 'desktop');
  });

  it('phone: the same, on a phone', async () => {
    let c = await underReview('泗阳县户外广告设置管理办法');
    c = await d.ok('reviewer', c, 'ISSUE_LEGALITY_OPINION', '2023-04-21', { conclusion: 'unlawful', opinion: OPINION });
    const off = await signIn('official', true);
    await off.goto(`/cases/${c.id}`);
    await off.el('case-title').waitFor();
    await expectOpinionOnTop(off);
    await expectDiagramKeepsWhatWasDone(off);
    await off.checkPhoneLayout(false);
    await off.shot('opinion-phone-first-view', { fullPage: false });
    await off.shot('opinion-phone-back-in-drafting');
    await reviseAndResubmit(off, c, 'phone');
  });

  it('a major decision: the consultation stays done; the revision, the redraft and the resubmission from the notice', async () => {
    let c = await d.create('official', {
      procedure: 'major-decision',
      title: '县城区停车设施建设方案',
      department: 'fgw',
      occurredAt: '2023-01-05',
      problem: '停车难',
    });
    c = await d.ok('secretariat', c, 'APPROVE_START', '2023-01-10', { catalogueItemId: '2023-01' });
    c = await d.ok('official', c, 'FINISH_DRAFT', '2023-02-01', {
      draftSummary: '决策草案及起草说明',
      specialized: false,
      stabilityRisk: false,
    });
    c = await d.ok('official', c, 'EXEMPT_PUBLIC_COMMENT', '2023-02-06', { reason: '涉及国家秘密，依法不予公开' });
    c = await d.ok('official', c, 'SUBMIT_FOR_LEGALITY_REVIEW', '2023-03-15', { reviewDueDate: '2023-03-27' });
    c = await d.ok('reviewer', c, 'ISSUE_LEGALITY_OPINION', '2023-03-24', {
      conclusion: 'unlawful',
      opinion: '收费标准超越县级政府权限。',
    });

    const off = await signIn('official');
    await off.goto(`/cases/${c.id}`);
    await off.el('case-title').waitFor();
    await inFirstView(off.el('case-opinion'), DESKTOP);
    await expect(textOf(off.el('case-opinion-title'))).resolves.toBe('合法性审查意见：不合法');
    expect(await off.stage()).toBe('草案起草（合法性审查意见：不合法，待修改）');
    await expect(off.el('stage-consultation').getAttribute('data-status')).resolves.toBe('done');
    await expect(off.el('stage-legalityReview').getAttribute('data-status')).resolves.toBe('todo');
    await expect(textOf(off.el('procedure-diagram'))).resolves.not.toContain('受阻');
    await expectVisible(off.el('opinion-action-FINISH_DRAFT'));

    await off.el('opinion-action-CONFIRM_REVISIONS').click();
    await off.el('event-form-CONFIRM_REVISIONS').waitFor();
    await off.page.fill(tid('field-revisionNote'), '收费标准改由县发展改革委报市级审批。');
    await off.fillDate('field-occurredAt', '2023-03-27');
    await off.confirm('CONFIRM_REVISIONS');
    await expect(textOf(off.el('case-opinion-next'))).resolves.toBe('下一步：请完成修改后的草案，再重新报送合法性审查。');

    await off.el('opinion-action-FINISH_DRAFT').click();
    await off.el('event-form-FINISH_DRAFT').waitFor();
    await off.page.fill(tid('field-draftSummary'), '修改后的决策草案及起草说明');
    await off.fillDate('field-occurredAt', '2023-03-27');
    await off.confirm('FINISH_DRAFT');
    expect(await off.stage()).toContain('（合法性审查意见：不合法，已记录修改情况，待重新送审）');
    await expect(textOf(off.el('case-opinion-next'))).resolves.toBe('下一步：请重新报送合法性审查。');
    await expect(off.el('stage-consultation').getAttribute('data-status')).resolves.toBe('current');
    await expect(off.el('track-publicParticipation').getAttribute('data-done')).resolves.toBe('true');
    await off.shot('opinion-desktop-decision-redrafted');

    await off.el('opinion-action-SUBMIT_FOR_LEGALITY_REVIEW').click();
    await off.el('event-form-SUBMIT_FOR_LEGALITY_REVIEW').waitFor();
    await off.fillDate('field-reviewDueDate', '2023-04-10');
    await off.fillDate('field-occurredAt', '2023-03-28');
    await off.confirm('SUBMIT_FOR_LEGALITY_REVIEW');
    await off.el('case-opinion').waitFor({ state: 'detached' });
    expect(await off.stage()).toBe('合法性审查');
    await expect(off.el('stage-consultation').getAttribute('data-status')).resolves.toBe('done');
  });

  it('a fresh draft: the legality review ahead is not started, not blocked, though it cannot be submitted yet', async () => {
    const c = await draft('泗阳县物业服务收费管理办法');
    for (const phone of [false, true]) {
      const off = await signIn('official', phone);
      await off.goto(`/cases/${c.id}`);
      await off.el('procedure-diagram').waitFor();
      await expect(off.el('stage-drafting').getAttribute('data-status')).resolves.toBe('current');
      await expect(off.el('stage-legalityReview').getAttribute('data-status')).resolves.toBe('todo');
      await expect(textOf(off.el('stage-legalityReview'))).resolves.toContain('未开始');
      await expect(textOf(off.el('procedure-diagram'))).resolves.not.toContain('受阻');
      await expect(off.el('case-opinion').count()).resolves.toBe(0);
      expect(await off.stage()).toBe('起草');
      // why it cannot be submitted yet is said where the page lists what cannot be done
      await expect(off.el('blocked-SUBMIT_FOR_LEGALITY_REVIEW').locator('[data-code="PUBLIC_COMMENT_INCOMPLETE"]').count()).resolves.toBe(
        1,
      );
      // and nothing says there is a revision to record
      await expect(off.el('blocked-CONFIRM_REVISIONS').count()).resolves.toBe(0);
      await off.shot(`opinion-${phone ? 'phone' : 'desktop'}-fresh-draft`);
    }
  });
});
