// The web pages in a real browser (Debian's Chromium driven by playwright-core), against the real
// built server: each step done as a person would, through the pages; the API only sets up and
// cross-checks. Screenshots of every page visited go to test-output/screenshots/.
import { findWorkday } from 'chinese-days';
import type { Browser } from 'playwright-core';
import { cn, expectVisible, launchChromium, Person, PHONE, textOf, tid, todayInShanghai } from './browser-harness';
import { bootApp, Booted, caseDriver, setUpCounty, Tokens } from './harness';

jest.setTimeout(120_000);

describe('the web pages in a browser', () => {
  let b: Booted;
  let tokens: Tokens;
  let browser: Browser;
  let d: ReturnType<typeof caseDriver>;
  const people: Person[] = [];
  /** the normative document carried through the procedure */
  let caseId = '';
  const title = '泗阳县城市停车管理办法';
  /** the supervisor's 2023 figures before the document was published */
  const before = { published: '', filing: '' };

  const signIn = async (username: string, phone = false) => {
    const p = await Person.signIn(browser, b.baseUrl, username, phone);
    people.push(p);
    return p;
  };

  beforeAll(async () => {
    [b, browser] = await Promise.all([bootApp(), launchChromium()]);
    tokens = await setUpCounty(b);
    d = caseDriver(b, tokens);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await b?.close();
  });

  // every window signs out and closes after its step; the page must not have thrown
  afterEach(async () => {
    const open = people.splice(0);
    for (const p of open) await p.close();
  });

  it('0. the supervisor reads the 2023 dashboard before anything is published', async () => {
    const sup = await signIn('supervisor');
    await sup.shot('00-supervisor-workbench');
    await sup.el('goto-supervision').click();
    await sup.page.waitForURL('**/supervision**');
    await sup.choose('supervision-year', '2023');
    await sup.page.waitForURL('**/supervision?year=2023');
    await sup.page.waitForLoadState('networkidle');
    before.published = await textOf(sup.el('card-documents-published').locator('.card-value'));
    before.filing = await textOf(sup.el('card-filing-rate').locator('.card-detail'));
    expect(before).toEqual({ published: '0', filing: '已报备 / 已公布：0 / 0' });
    await sup.shot('00-supervision-2023-before');
  });

  it('1. an official takes a normative document from draft to legality review, through the pages', async () => {
    const off = await signIn('official');
    await expect(textOf(off.el('current-role'))).resolves.toContain('承办人员');
    await off.shot('01-official-workbench');

    // 新建案件: a government normative document that affects public rights
    await off.el('new-case').click();
    await off.page.waitForURL('**/cases/new');
    await off.el('new-case-procedure-normative-document').click();
    await off.page.fill(tid('new-case-title'), title);
    await off.el('new-case-issuing-organ-government').click();
    await expect(off.el('new-case-affects-public-rights').getAttribute('class')).resolves.toContain('is-checked');
    await off.fillDate('new-case-occurred-at', '2023-05-04');
    await off.shot('01-new-case-form');
    await off.el('new-case-submit').click();
    await off.page.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
    caseId = off.page.url().split('/').pop()!;
    await expect(textOf(off.el('case-title'))).resolves.toBe(title);
    expect(await off.stage()).toBe('起草');
    await off.shot('01-case-drafting');

    // 发布征求意见: a period of 6 working days is refused with its reason and article …
    await off.openAction('OPEN_PUBLIC_COMMENT');
    await off.fillDate('field-startDate', '2023-05-05');
    await off.fillDate('field-endDate', '2023-05-12');
    await off.page.fill(tid('field-channels'), '县政府网站\n泗阳日报');
    await off.page.fill(tid('field-draftText'), '第一条 为规范城市停车管理，制定本办法。');
    await off.fillDate('field-occurredAt', '2023-05-05');
    const tooShort = await off.confirmRefused('COMMENT_PERIOD_TOO_SHORT');
    await expect(textOf(tooShort)).resolves.toMatch(
      /不能办理的原因：征求意见期 2023年5月5日 至 2023年5月12日 仅 6 个工作日（起始日不计入），少于 7 个工作日；结束日期最早应为 2023年5月15日/,
    );
    await expect(textOf(tooShort)).resolves.toContain('依据：国办发〔2018〕37号');
    await off.shot('01-open-comment-refused-too-short');
    // … and 8 working days (to 2023-05-16) are accepted
    await off.fillDate('field-endDate', '2023-05-16');
    await off.confirm('OPEN_PUBLIC_COMMENT');
    expect(await off.stage()).toBe('公开征求意见');

    // 登记公众意见 received in 2023: judged as of today it lies outside the period, so the page
    // lists it under 暂不能办理 and offers to record it on the day it was received
    await expect(textOf(off.el('blocked-RECORD_COMMENT'))).resolves.toContain('不在征求意见期 2023年5月5日 至 2023年5月16日 内');
    await off.el('backfill-RECORD_COMMENT').click();
    await off.el('event-form-RECORD_COMMENT').waitFor();
    await off.page.fill(tid('field-content'), '建议夜间路边停车免费');
    await off.page.fill(tid('field-submitter'), '市民甲');
    await off.fillDate('field-occurredAt', '2023-05-08');
    await off.confirm('RECORD_COMMENT');
    await expect(textOf(off.el('comment-content'))).resolves.toBe('建议夜间路边停车免费');

    // 结束征求意见 (the day after its end date)
    await off.openAction('CLOSE_PUBLIC_COMMENT');
    await off.fillDate('field-occurredAt', '2023-05-17');
    await off.confirm('CLOSE_PUBLIC_COMMENT');

    // 处理 the comment from its row
    await off.el('comment-dispose').click();
    await off.el('event-form-DISPOSE_COMMENT').waitFor();
    await off.choose('field-disposition', 'not-adopted');
    await off.page.fill(tid('field-reason'), '与上位法收费规定不符');
    await off.fillDate('field-occurredAt', '2023-05-17');
    await off.confirm('DISPOSE_COMMENT');
    await expect(textOf(off.el('comments-table'))).resolves.toContain('未采纳');

    // 完成公众参与
    await off.openAction('COMPLETE_PUBLIC_PARTICIPATION');
    await off.page.fill(tid('field-summary'), '收到意见 1 条，未采纳，理由已公开');
    await off.fillDate('field-occurredAt', '2023-05-18');
    await off.confirm('COMPLETE_PUBLIC_PARTICIPATION');
    await off.shot('01-case-public-participation-done');

    // 送请合法性审查, due 6 working days later
    await off.openAction('SUBMIT_FOR_LEGALITY_REVIEW');
    await off.fillDate('field-reviewDueDate', '2023-05-26');
    await off.fillDate('field-occurredAt', '2023-05-18');
    await off.confirm('SUBMIT_FOR_LEGALITY_REVIEW');
    expect(await off.stage()).toBe('合法性审核');
    await expect(textOf(off.el('case-due'))).resolves.toContain('2023年5月26日');
    await off.shot('01-case-submitted-for-review');

    // cross-check through the API
    const c = await d.get('official', caseId);
    expect(c.stage).toBe('legalityReview');
    expect(c.comments).toMatchObject([{ id: 'c1', content: '建议夜间路边停车免费', disposition: { disposition: 'not-adopted' } }]);
  });

  it('2. the reviewer returns it as unlawful; the official sees why, and a too-short review time is refused', async () => {
    const rev = await signIn('reviewer');
    await rev.el('goto-review').click();
    await rev.page.waitForURL('**/review');
    const row = rev.page.locator(`${tid('review-queue')} tr:has(${tid('review-open')}[data-case-id="${caseId}"])`);
    await row.waitFor();
    await rev.shot('02-review-queue');
    await row.locator(tid('review-item-open')).click();
    await rev.page.waitForURL(`**/cases/${caseId}`);
    await rev.openAction('ISSUE_LEGALITY_OPINION');
    await rev.choose('field-conclusion', 'unlawful');
    await rev.page.fill(tid('field-opinion'), '第五条设定的停车收费标准超出上位法授权，不合法，请删除后重新送审。');
    await rev.fillDate('field-occurredAt', '2023-05-22');
    await rev.shot('02-review-opinion-form');
    await rev.confirm('ISSUE_LEGALITY_OPINION');
    expect(await rev.stage()).toBe('起草（合法性审核意见：不合法，待修改）');
    await rev.shot('02-case-returned-by-reviewer');

    const off = await signIn('official');
    await off.page.locator(`${tid('view-todo')} ${tid('case-link')}[data-case-id="${caseId}"]`).waitFor();
    await off.shot('02-official-workbench-returned');
    await off.openCase(caseId, tid('view-todo'));
    expect(await off.stage()).toBe('起草（合法性审核意见：不合法，待修改）');
    const legality = off.el('record-legality');
    await expect(textOf(legality.locator(tid('legality-conclusion')))).resolves.toBe('不合法');
    await expect(textOf(legality)).resolves.toContain('第五条设定的停车收费标准超出上位法授权，不合法，请删除后重新送审。');
    await off.shot('02-case-back-in-drafting');

    // the revision is recorded before the case goes back to the reviewer
    await off.el('opinion-action-CONFIRM_REVISIONS').click();
    await off.el('event-form-CONFIRM_REVISIONS').waitFor();
    await off.page.fill(tid('field-revisionNote'), '已删除第五条的停车收费标准。');
    await off.fillDate('field-occurredAt', '2023-05-24');
    await off.confirm('CONFIRM_REVISIONS');
    expect(await off.stage()).toBe('起草（合法性审核意见：不合法，已记录修改情况，待重新送审）');

    // resubmitting with 2 working days for the review is refused, with its article
    await off.openAction('SUBMIT_FOR_LEGALITY_REVIEW');
    await off.fillDate('field-reviewDueDate', '2023-05-26');
    await off.fillDate('field-occurredAt', '2023-05-24');
    const tooFast = await off.confirmRefused('REVIEW_TIME_OUT_OF_BOUNDS');
    await expect(textOf(tooFast)).resolves.toContain(
      '不能办理的原因：审查期限 2023年5月24日 至 2023年5月26日 仅 2 个工作日，少于 5 个工作日',
    );
    await expect(textOf(tooFast)).resolves.toContain('依据：国办发〔2018〕115号（合理确定审核时限）');
    await off.shot('02-resubmit-refused-too-short-review');
    // closing the form, the page keeps the refusal in view; nothing changed
    await off.cancel();
    await expect(
      textOf(off.page.locator(`${tid('blockers')} ${tid('blocker')}[data-code="REVIEW_TIME_OUT_OF_BOUNDS"]`)),
    ).resolves.toContain('依据：国办发〔2018〕115号');
    expect(await off.stage()).toBe('起草（合法性审核意见：不合法，已记录修改情况，待重新送审）');
    await off.shot('02-case-refusal-shown');
    expect((await d.get('official', caseId)).stage).toBe('drafting');
  });

  it('3. resubmitted, found lawful, deliberated, published with its unified number and filed', async () => {
    const off = await signIn('official');
    await off.goto(`/cases/${caseId}`);
    await off.openAction('SUBMIT_FOR_LEGALITY_REVIEW');
    await off.fillDate('field-reviewDueDate', '2023-06-02');
    await off.fillDate('field-occurredAt', '2023-05-24');
    await off.confirm('SUBMIT_FOR_LEGALITY_REVIEW');
    expect(await off.stage()).toBe('合法性审核');
    await off.shot('03-case-resubmitted');

    const rev = await signIn('reviewer');
    await rev.el('nav-review').click();
    await rev.page.waitForURL('**/review');
    await rev.page.locator(`${tid('review-open')}[data-case-id="${caseId}"]`).click();
    await rev.page.waitForURL(`**/cases/${caseId}`);
    await rev.openAction('ISSUE_LEGALITY_OPINION');
    await rev.choose('field-conclusion', 'lawful');
    await rev.page.fill(tid('field-opinion'), '已删除第五条，经审查合法。');
    await rev.fillDate('field-occurredAt', '2023-05-31');
    await rev.confirm('ISSUE_LEGALITY_OPINION');
    expect(await rev.stage()).toBe('集体审议');
    await expect(rev.el('legality-round').count()).resolves.toBe(2);
    await rev.shot('03-case-found-lawful');

    const sec = await signIn('secretariat');
    await sec.el('goto-secretariat').click();
    await sec.page.waitForURL('**/secretariat**');
    await sec.page.locator(`${tid('queue-meeting')} ${tid('case-link')}[data-case-id="${caseId}"]`).waitFor();
    await sec.shot('03-secretariat-meeting-queue');
    await sec.openCase(caseId, tid('queue-meeting'));

    await sec.openAction('RECORD_COLLECTIVE_DELIBERATION');
    await sec.choose('field-meetingType', 'standing');
    await sec.choose('field-outcome', 'approved');
    await sec.fillDate('field-meetingDate', '2023-06-01');
    await sec.fillDate('field-occurredAt', '2023-06-01');
    await sec.confirm('RECORD_COLLECTIVE_DELIBERATION');
    const meeting = await textOf(sec.el('meeting'));
    expect(meeting).toContain('常务会议');
    expect(meeting).toContain('通过');
    expect(await sec.stage()).toBe('统一编号公布');

    await sec.openAction('PUBLISH_DOCUMENT');
    await sec.page.fill(tid('field-channels'), '县政府网站\n泗阳县人民政府公报');
    await sec.fillDate('field-effectiveDate', '2023-07-01');
    await sec.fillDate('field-occurredAt', '2023-06-05');
    await sec.confirm('PUBLISH_DOCUMENT');
    await expect(textOf(sec.el('case-document-number'))).resolves.toBe('泗政规〔2023〕1号');
    await expect(textOf(sec.el('case-header'))).resolves.toContain('施行日期：2023年7月1日');
    expect(await sec.stage()).toBe('报送备案');
    await sec.shot('03-case-published');

    await sec.goto('/secretariat?tab=filing');
    await sec.page.locator(`${tid('queue-filing')} ${tid('case-link')}[data-case-id="${caseId}"]`).waitFor();
    await sec.shot('03-secretariat-filing-queue');
    await sec.openCase(caseId, tid('queue-filing'));
    await sec.openAction('RECORD_FILING');
    await sec.page.fill(tid('field-filedWith'), '宿迁市人民政府');
    await sec.fillDate('field-occurredAt', '2023-06-20');
    await sec.confirm('RECORD_FILING');
    expect(await sec.stage()).toBe('现行有效');
    await expect(textOf(sec.el('record-filing'))).resolves.toContain('宿迁市人民政府');
    await expect(sec.el('filing-late').count()).resolves.toBe(0);
    await sec.shot('03-case-in-force');

    const c = await d.get('secretariat', caseId);
    expect(c).toMatchObject({ stage: 'inForce', documentNumber: '泗政规〔2023〕1号', effectiveDate: '2023-07-01' });
    expect(c.record.filing).toMatchObject({ late: false });
  });

  it("4. the supervisor's 2023 dashboard changes, and its figures lead to the case", async () => {
    const sup = await signIn('supervisor');
    await sup.el('goto-supervision').click();
    await sup.choose('supervision-year', '2023');
    await sup.page.waitForURL('**/supervision?year=2023');
    await sup.page.waitForLoadState('networkidle');
    // the 2023 figures replace the default year's once their answer is in
    await sup.el('card-filing-rate').locator('.card-detail', { hasText: '1 / 1' }).waitFor();
    const published = await textOf(sup.el('card-documents-published').locator('.card-value'));
    const filing = await textOf(sup.el('card-filing-rate').locator('.card-detail'));
    expect({ published, filing }).not.toEqual(before);
    expect({ published, filing }).toEqual({ published: '1', filing: '已报备 / 已公布：1 / 1' });
    await expect(textOf(sup.el('card-filing-rate').locator('.card-value'))).resolves.toBe('100%');
    await expect(textOf(sup.el('audit-result'))).resolves.toBe('审计链完整');
    await sup.shot('04-supervision-2023-after');

    // the rate card lists what lowers the rate: nothing
    await sup.el('card-filing-rate').click();
    await expect(textOf(sup.el('drill-list'))).resolves.toContain('没有');

    // a bar of the stages chart (one bar: 文件·现行有效) opens the list of those cases
    const chart = sup.el('chart-stages').locator('canvas').first();
    await chart.scrollIntoViewIfNeeded();
    const box = (await chart.boundingBox())!;
    // grid: left 40, right 10, top 20, bottom 90; the only category's bar is centred, and grows
    // upwards from the axis while it is animated in: click just above its foot
    for (let attempt = 1; ; attempt++) {
      await sup.page.mouse.click(box.x + 40 + (box.width - 50) / 2, box.y + box.height - 90 - 8);
      const opened = await sup.page.waitForURL(/\/cases\?/, { timeout: 3_000 }).then(
        () => true,
        () => false,
      );
      if (opened) break;
      if (attempt === 3) throw new Error('clicking the bar of the stages chart did not open the list of its cases');
    }
    const url = new URL(sup.page.url());
    expect(Object.fromEntries(url.searchParams)).toMatchObject({ procedure: 'normative-document', stage: 'inForce', year: '2023' });
    await sup.page.locator(`${tid('case-list')} ${tid('case-link')}[data-case-id="${caseId}"]`).waitFor();
    await expect(textOf(sup.el('case-total'))).resolves.toContain('1');
    await sup.shot('04-drill-chart-stage-cases');

    // the published-documents card opens the year's documents, the case among them
    await sup.page.goBack();
    await sup.page.waitForURL('**/supervision?year=2023');
    await sup.el('card-documents-published').click();
    await sup.page.waitForURL(/\/cases\?/);
    expect(Object.fromEntries(new URL(sup.page.url()).searchParams)).toMatchObject({ procedure: 'normative-document', year: '2023' });
    await sup.openCase(caseId, tid('case-list'));
    await expect(textOf(sup.el('case-document-number'))).resolves.toBe('泗政规〔2023〕1号');
    await sup.shot('04-drill-case-page');
  });

  it('5. a citizen comments on an open consultation; markup in it stays plain text on the official page', async () => {
    // set-up through the API: a second document whose comment period is open today, 15 working days
    const today = todayInShanghai();
    let c2 = await d.create('official', {
      procedure: 'normative-document',
      title: '泗阳县城市绿化管理办法（征求意见稿）',
      department: 'fgw',
      affectsPublicRights: true,
      marketRelated: false,
      interim: false,
      issuingOrgan: 'government',
    });
    c2 = await d.ok('official', c2, 'OPEN_PUBLIC_COMMENT', today, {
      startDate: today,
      endDate: findWorkday(15, today),
      channels: ['县政府网站'],
      draftText: '第一条 为加强城市绿化管理，制定本办法。',
    });

    const citizen = await Person.open(browser, b.baseUrl);
    people.push(citizen);
    await citizen.goto('/login');
    await citizen.el('login-public-link').click();
    await citizen.page.waitForURL('**/public');
    const item = citizen.page.locator(`${tid('consultation')}[data-consultation-id="${c2.id}"]`);
    await expect(textOf(item.locator(tid('consultation-title')))).resolves.toBe('泗阳县城市绿化管理办法（征求意见稿）');
    await expect(textOf(item.locator(tid('consultation-end')))).resolves.toBe(cn(findWorkday(15, today)));
    await citizen.shot('05-public-consultations');
    const comment = '建议增加社区绿地<img src=x onerror=alert(1)>，并公开养护经费';
    await item.locator(tid('comment-content')).fill(comment);
    await item.locator(tid('comment-submitter')).fill('居民乙');
    await item.locator(tid('comment-submit')).click();
    await expect(textOf(item.locator(tid('comment-success')))).resolves.toMatch(/回执编号：YJ-\d{8}-[0-9A-Z]{8}/);
    await citizen.shot('05-public-comment-submitted');
    expect(await citizen.page.locator('img[src="x"]').count()).toBe(0);

    const off = await signIn('official');
    await off.goto(`/cases/${c2.id}`);
    const shown = off.el('comment-content');
    await expect(textOf(shown)).resolves.toBe(comment);
    await expect(off.el('comments-table').innerText()).resolves.toContain('居民乙');
    await expect(textOf(off.el('history'))).resolves.toContain('<img src=x onerror=alert(1)>');
    expect(await off.el('case-records').locator('img').count()).toBe(0);
    expect(await off.page.locator('img[src="x"]').count()).toBe(0);
    await off.shot('05-official-case-public-comment');
    expect(citizen.dialogs).toEqual([]);
    expect(off.dialogs).toEqual([]);
    expect((await d.get('official', c2.id)).comments).toMatchObject([{ id: 'c1', content: comment }]);
  });

  it('6. the key pages stay usable on a phone (390×844)', async () => {
    const consultation = (await b.http.get('/api/public/consultations').expect(200)).body as { id: string }[];
    expect(consultation).toHaveLength(1);
    const openId = consultation[0].id;

    const off = await signIn('official', true);
    await off.checkPhoneLayout();
    await expectVisible(off.el('new-case'));
    await off.shot('06-phone-workbench');

    await off.goto(`/cases/${openId}`);
    await off.el('case-title').waitFor();
    await off.checkPhoneLayout();
    await expectVisible(off.el('action-RECORD_COMMENT'));
    await expect(textOf(off.el('comment-row'))).resolves.toContain('<img src=x onerror=alert(1)>');
    await off.shot('06-phone-case');
    // the event form fits too
    await off.openAction('RECORD_COMMENT');
    await expectVisible(off.el('event-submit'));
    const dialogBox = (await off.page.locator('.el-dialog').boundingBox())!;
    expect(dialogBox.x).toBeGreaterThanOrEqual(0);
    expect(dialogBox.x + dialogBox.width).toBeLessThanOrEqual(PHONE.width + 1);
    await off.shot('06-phone-event-form');
    await off.cancel();

    const citizen = await Person.open(browser, b.baseUrl, true);
    people.push(citizen);
    await citizen.goto('/public');
    await citizen.el('consultation').waitFor();
    await citizen.checkPhoneLayout(false);
    await expectVisible(citizen.el('comment-submit'));
    await citizen.shot('06-phone-public');

    const sup = await signIn('supervisor', true);
    await sup.goto('/supervision?year=2023');
    await sup.el('card-documents-published').waitFor();
    await sup.page.waitForLoadState('networkidle');
    await sup.checkPhoneLayout();
    await expectVisible(sup.el('card-filing-rate'));
    await expectVisible(sup.el('supervision-year'));
    await sup.shot('06-phone-supervision');
  });
});
