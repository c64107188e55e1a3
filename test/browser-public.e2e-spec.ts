// The public consultation pages in a real browser, as a citizen on a phone and on a desktop: the
// list of drafts open now, a draft's own page with its text, a comment sent and its receipt
// (回执编号) looked up; and a draft whose participation is complete (driven through the API on a
// period that is over: one open today cannot also be over today), whose page publishes the
// adoption summary without naming anyone. The official's open-comment form asks for the draft
// text, and starts from the earlier text when a period is reopened after a return.
import type { Browser } from 'playwright-core';
import { expectVisible, foreignWords, launchChromium, Person, textOf, tid, todayInShanghai, visibleText } from './browser-harness';
import { bootApp, Booted, caseDriver, CaseBody, setUpCounty, Tokens } from './harness';

jest.setTimeout(150_000);

const DRAFT =
  '第一条 为规范城市供水管理，保障供水安全，制定本办法。\n第二条 供水企业应当每月公布水质检测结果。\n起草说明：本办法依据有关法律法规起草。';
const EARLIER = '第一条 为规范物业管理，制定本办法。\n起草说明：首次征求意见稿。';

describe('the public consultation pages in the browser', () => {
  let b: Booted;
  let tokens: Tokens;
  let browser: Browser;
  let d: ReturnType<typeof caseDriver>;
  let open: CaseBody;
  let done: CaseBody;
  let returned: CaseBody;
  let doneReceipt = '';
  const people: Person[] = [];

  const person = async (phone: boolean) => {
    const p = await Person.open(browser, b.baseUrl, phone);
    people.push(p);
    return p;
  };

  beforeAll(async () => {
    [b, browser] = await Promise.all([bootApp(), launchChromium()]);
    tokens = await setUpCounty(b);
    d = caseDriver(b, tokens);
    const doc = {
      procedure: 'normative-document',
      department: 'fgw',
      affectsPublicRights: true,
      marketRelated: false,
      interim: false,
      issuingOrgan: 'government',
    };
    const today = todayInShanghai();
    const [y, m, day] = today.split('-').map(Number);
    const end = new Date(Date.UTC(y, m - 1, day + 40)).toISOString().slice(0, 10);
    open = await d.create('official', { ...doc, title: '泗阳县城乡供水管理办法（征求意见稿）' });
    open = await d.ok('official', open, 'OPEN_PUBLIC_COMMENT', today, {
      draftText: DRAFT,
      startDate: today,
      endDate: end,
      channels: ['县政府网站'],
    });

    // a draft of 2023 whose participation is complete: two letters recorded by the official, each handled
    done = await d.create('official', { ...doc, title: '泗阳县物业管理办法', occurredAt: '2023-03-20' });
    done = await d.ok('official', done, 'OPEN_PUBLIC_COMMENT', '2023-03-31', {
      draftText: EARLIER,
      startDate: '2023-03-31',
      endDate: '2023-04-12',
      channels: ['县政府网站'],
    });
    done = await d.ok('official', done, 'RECORD_COMMENT', '2023-04-03', {
      content: '建议明确物业费公示的时间和方式',
      submitter: '众兴街道居民张某',
    });
    done = await d.ok('official', done, 'RECORD_COMMENT', '2023-04-04', { content: '建议取消小区停车费', submitter: '王某 13800000000' });
    doneReceipt = (done.comments as { receipt: string }[])[0].receipt;
    done = await d.ok('official', done, 'CLOSE_PUBLIC_COMMENT', '2023-04-13');
    done = await d.ok('official', done, 'DISPOSE_COMMENT', '2023-04-13', {
      commentId: 'c1',
      disposition: 'adopted',
      reason: '已在第八条中规定每季度公示',
    });
    done = await d.ok('official', done, 'DISPOSE_COMMENT', '2023-04-13', {
      commentId: 'c2',
      disposition: 'not-adopted',
      reason: '停车收费另有专门规定',
    });
    done = await d.ok('official', done, 'COMPLETE_PUBLIC_PARTICIPATION', '2023-04-14');

    // a draft returned for correction after its comment period: to be put out for comment again
    returned = await d.create('official', { ...doc, title: '泗阳县住房保障管理办法', occurredAt: '2023-03-20' });
    returned = await d.ok('official', returned, 'OPEN_PUBLIC_COMMENT', '2023-03-31', {
      draftText: EARLIER,
      startDate: '2023-03-31',
      endDate: '2023-04-12',
      channels: ['县政府网站'],
    });
    returned = await d.ok('official', returned, 'CLOSE_PUBLIC_COMMENT', '2023-04-13');
    returned = await d.ok('official', returned, 'COMPLETE_PUBLIC_PARTICIPATION', '2023-04-14');
    returned = await d.ok('official', returned, 'SUBMIT_FOR_LEGALITY_REVIEW', '2023-04-17', { reviewDueDate: '2023-04-24' });
    returned = await d.ok('reviewer', returned, 'RETURN_FOR_CORRECTION', '2023-04-19', {
      reason: '缺少起草说明',
      missingItems: ['起草说明'],
    });
  }, 150_000);

  afterAll(async () => {
    await browser?.close();
    await b?.close();
  });

  afterEach(async () => {
    for (const p of people.splice(0)) await p.close();
  });

  for (const phone of [true, false]) {
    const size = phone ? 'phone' : 'desktop';

    it(`${size}: a citizen reads a draft, comments, gets a receipt and looks it up`, async () => {
      const citizen = await person(phone);
      await citizen.goto('/public');
      const item = citizen.page.locator(`${tid('consultation')}[data-consultation-id="${open.id}"]`);
      await item.waitFor();
      if (phone) await citizen.checkPhoneLayout(false);
      await citizen.shot(`public-list-${size}`);
      await item.locator(tid('consultation-link')).click();
      await citizen.page.waitForURL(`**/public/consultations/${open.id}`);
      // the draft's own page, not the list
      await citizen.el('receipt-lookup').waitFor();
      await expect(citizen.el('consultation-link').count()).resolves.toBe(0);
      await expect(citizen.el('consultation-count').count()).resolves.toBe(0);
      await expect(textOf(citizen.el('consultation-title'))).resolves.toBe('泗阳县城乡供水管理办法（征求意见稿）');
      await expect(citizen.el('consultation-draft').innerText()).resolves.toBe(DRAFT);
      await expect(citizen.el('consultation-status').count()).resolves.toBe(0);

      await citizen.el('comment-content').fill(phone ? '建议水质检测结果在小区公告栏同时张贴' : '建议增加停水提前通知的时限要求');
      await citizen.el('comment-submitter').fill('居民李某');
      await citizen.el('comment-submit').click();
      const receipt = await textOf(citizen.el('comment-receipt'));
      expect(receipt).toMatch(/^YJ-\d{8}-[0-9A-Z]{8}$/);
      await expect(textOf(citizen.el('comment-success'))).resolves.toContain('请记下回执编号');
      if (phone) await citizen.checkPhoneLayout(false);
      await citizen.shot(`public-draft-receipt-${size}`);

      // looked up on the same page: the comment itself, its handling to come
      await citizen.el('receipt-input').fill(receipt);
      await citizen.el('receipt-search').click();
      await expect(textOf(citizen.el('receipt-content'))).resolves.toBe(
        phone ? '建议水质检测结果在小区公告栏同时张贴' : '建议增加停水提前通知的时限要求',
      );
      await expect(textOf(citizen.el('receipt-status'))).resolves.toContain('征求意见期间');
      expect(await citizen.el('receipt-result').innerText()).not.toContain('居民李某');
      await citizen.el('receipt-result').scrollIntoViewIfNeeded();
      await citizen.shot(`public-receipt-open-${size}`);
      const official = (await d.get('official', open.id)).comments as { receipt?: string; content: string }[];
      expect(official.find((c) => c.receipt === receipt)?.content).toBeDefined();
    });

    it(`${size}: a completed draft's page publishes the adoption summary, naming no one; the receipt tells how it was handled`, async () => {
      const citizen = await person(phone);
      await citizen.goto(`/public/consultations/${done.id}`);
      await citizen.el('adoption-summary').waitFor();
      await expect(textOf(citizen.el('consultation-status'))).resolves.toContain('意见采纳情况见下');
      await expect(citizen.el('consultation-draft').innerText()).resolves.toBe(EARLIER);
      await expect(textOf(citizen.el('adoption-totals'))).resolves.toContain('共收到意见 2 条，采纳 1 条，部分采纳 0 条，未采纳 1 条');
      const rows = citizen.el('adoption-comment');
      await expect(rows.count()).resolves.toBe(2);
      await expect(textOf(rows.nth(0))).resolves.toMatch(
        /建议明确物业费公示的时间和方式[\s\S]*采纳[\s\S]*理由：已在第八条中规定每季度公示/,
      );
      await expect(textOf(rows.nth(1).locator(tid('adoption-disposition')))).resolves.toBe('未采纳');
      // no comment form on a period that is over
      await expect(citizen.el('comment-form').count()).resolves.toBe(0);
      const words = await visibleText(citizen.page);
      expect(words).not.toMatch(/张某|王某|1380/);
      expect(foreignWords(words)).toEqual([]);
      if (phone) await citizen.checkPhoneLayout(false);
      await citizen.shot(`public-adoption-${size}`);

      await citizen.el('receipt-input').fill(doneReceipt);
      await citizen.el('receipt-search').click();
      await expect(textOf(citizen.el('receipt-disposition'))).resolves.toBe('处理结果：采纳（理由：已在第八条中规定每季度公示）');
      expect(await citizen.el('receipt-result').innerText()).not.toMatch(/停车|张某/);
      await citizen.el('receipt-result').scrollIntoViewIfNeeded();
      await citizen.shot(`public-receipt-completed-${size}`);

      // a receipt that does not exist says so in plain words
      await citizen.el('receipt-input').fill('YJ-20230101-ABCDEFGH');
      await citizen.el('receipt-search').click();
      await expect(textOf(citizen.el('receipt-problem'))).resolves.toBe('没有查到该回执编号的意见，请核对后重新输入');
    });
  }

  it('the official: the open-comment form asks for the draft text, and starts from the earlier text after a return', async () => {
    const off = await Person.signIn(browser, b.baseUrl, 'official');
    people.push(off);
    const fresh = await d.create('official', {
      procedure: 'normative-document',
      title: '泗阳县城市照明管理办法',
      department: 'fgw',
      affectsPublicRights: true,
      marketRelated: false,
      interim: false,
      issuingOrgan: 'government',
    });
    await off.goto(`/cases/${fresh.id}`);
    await off.openAction('OPEN_PUBLIC_COMMENT');
    await expect(off.page.locator(`${tid('field-draftText')} textarea, textarea${tid('field-draftText')}`).count()).resolves.toBe(1);
    await expect(off.page.locator(`${tid('formitem-draftText')}.is-required`).count()).resolves.toBe(1);
    await off.el('event-submit').click();
    await expect(textOf(off.page.locator(`${tid('formitem-draftText')} .el-form-item__error`))).resolves.toBe('请填写草案文本');
    await off.shot('public-official-open-form-desktop', { fullPage: false });
    await off.cancel();

    await off.goto(`/cases/${returned.id}`);
    await off.openAction('OPEN_PUBLIC_COMMENT');
    const box = off.page.locator(`${tid('field-draftText')} textarea, textarea${tid('field-draftText')}`).first();
    await expect(box.inputValue()).resolves.toBe(EARLIER);
    await expectVisible(box);
    await off.shot('public-official-reopen-form-desktop', { fullPage: false });
  });
});
