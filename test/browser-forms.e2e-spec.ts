// The event forms as a new official meets them, in a real browser (Debian's Chromium driven by
// playwright-core) against the real built server: a field that changes nothing in a procedure is
// not offered; a refusal writes its dates the Chinese way, names the earliest valid end date and
// shows right by the button, even on a phone; the review-time hint names the working days; a
// date typed into 登记公众意见 is the date recorded; the secretariat's counts agree; the history
// names people; a refusal listed on the workbench names its case. The API only sets up and
// cross-checks. Screenshots go to test-output/screenshots/ (forms-*).
import type { Browser, Locator } from 'playwright-core';
import { cn, expectVisible, launchChromium, Person, PHONE, textOf, tid, todayInShanghai } from './browser-harness';
import { bootApp, Booted, caseDriver, CaseBody, setUpCounty, Tokens } from './harness';

jest.setTimeout(180_000);

const daysFrom = (iso: string, n: number) => {
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
};

/** Whether the element lies wholly inside the window (asked a few times while the dialog settles). */
async function inViewport(l: Locator, height: number): Promise<boolean> {
  for (let i = 0; i < 20; i++) {
    const box = await l.boundingBox();
    if (box && box.y >= 0 && box.y + box.height <= height + 1) return true; // a pixel's rounding
    await new Promise((r) => setTimeout(r, 100));
  }
  const box = await l.boundingBox();
  throw new Error(`not in the window (height ${height}): ${JSON.stringify(box)}`);
}

/** A dialog's opening animation has ended (a screenshot during it shows the page through it). */
const settled = (p: Person) => p.page.locator('.dialog-fade-enter-active').first().waitFor({ state: 'detached' });

describe('forms in the browser: fields, refusals, hints, dates, counts, names', () => {
  let b: Booted;
  let tokens: Tokens;
  let browser: Browser;
  let d: ReturnType<typeof caseDriver>;
  const people: Person[] = [];
  const today = todayInShanghai();
  const cases: Record<string, CaseBody> = {};

  const signIn = async (username: string, phone = false) => {
    const p = await Person.signIn(browser, b.baseUrl, username, phone);
    people.push(p);
    return p;
  };
  const document = (title: string, occurredAt: string, affectsPublicRights = true) =>
    d.create('official', {
      procedure: 'normative-document',
      title,
      department: 'fgw',
      occurredAt,
      affectsPublicRights,
      marketRelated: false,
      interim: false,
      issuingOrgan: 'government',
    });
  const decision = (title: string, occurredAt: string) =>
    d.create('official', {
      procedure: 'major-decision',
      title,
      department: 'fgw',
      occurredAt,
      problem: '需要解决的问题',
      reasons: '决策理由',
    });

  beforeAll(async () => {
    [b, browser] = await Promise.all([bootApp(), launchChromium()]);
    tokens = await setUpCounty(b);
    d = caseDriver(b, tokens);
    cases.document = await document('泗阳县城市停车管理办法', '2023-05-04');
    let md = await d.ok('secretariat', await decision('城区停车收费调整', '2024-06-03'), 'APPROVE_START', '2024-06-04');
    cases.decision = await d.ok('official', md, 'FINISH_DRAFT', '2024-06-05', {
      draftSummary: '决策草案',
      specialized: false,
      stabilityRisk: false,
    });
    cases.review = await document('泗阳县农贸市场管理办法', '2023-03-01', false);
    const start = daysFrom(today, -10);
    cases.comments = await d.ok('official', await document('泗阳县养犬管理办法', start), 'OPEN_PUBLIC_COMMENT', start, {
      startDate: start,
      endDate: daysFrom(today, 40),
      channels: ['县政府网站'],
      draftText: '草案全文及起草说明',
    });
    // awaiting the office: a proposal to approve
    md = await decision('老旧小区加装电梯补贴', '2024-06-06');
    cases.proposed = md;
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await b?.close();
  });

  afterEach(async () => {
    const open = people.splice(0);
    for (const p of open) await p.close();
  });

  it('1. the normative document offers no 缩短期限理由 (nothing in its procedure yields to it); the major decision does', async () => {
    const off = await signIn('official');
    await off.goto(`/cases/${cases.document.id}`);
    await off.el('case-title').waitFor();
    await off.openAction('OPEN_PUBLIC_COMMENT');
    await expectVisible(off.el('formitem-endDate'));
    await expect(off.el('formitem-shortenedReason').count()).resolves.toBe(0);
    await settled(off);
    await off.shot('forms-open-comment-normative', { fullPage: false });
    await off.cancel();

    await off.goto(`/cases/${cases.decision.id}`);
    await off.el('case-title').waitFor();
    await off.openAction('OPEN_PUBLIC_COMMENT');
    await expectVisible(off.el('formitem-shortenedReason'));
    await expect(textOf(off.el('formitem-shortenedReason'))).resolves.toContain('缩短期限理由');
    await settled(off);
    await off.shot('forms-open-comment-major', { fullPage: false });
    await off.cancel();
  });

  for (const phone of [true, false]) {
    it(`2. a too-short period is refused in Chinese dates with the earliest end date, by the button (${phone ? 'phone' : 'desktop'})`, async () => {
      const off = await signIn('official', phone);
      await off.goto(`/cases/${cases.document.id}`);
      await off.el('case-title').waitFor();
      await off.openAction('OPEN_PUBLIC_COMMENT');
      await off.fillDate('field-startDate', '2023-05-05');
      await off.fillDate('field-endDate', '2023-05-12');
      await off.page.fill(tid('field-channels'), '县政府网站');
      await off.page
        .locator(`${tid('field-draftText')} textarea, textarea${tid('field-draftText')}`)
        .first()
        .fill('草案全文及起草说明');
      await off.fillDate('field-occurredAt', '2023-05-05');
      const blocker = await off.confirmRefused('COMMENT_PERIOD_TOO_SHORT');
      await expect(textOf(blocker)).resolves.toContain(
        '征求意见期 2023年5月5日 至 2023年5月12日 仅 6 个工作日（起始日不计入），少于 7 个工作日；结束日期最早应为 2023年5月15日',
      );
      // no date the ISO way in what the official reads
      expect(await textOf(off.el('event-problem'))).not.toMatch(/\d{4}-\d{2}-\d{2}/);
      // the refusal and the button are both on screen, without scrolling
      const height = phone ? PHONE.height : 800;
      await expect(inViewport(off.el('event-problem'), height)).resolves.toBe(true);
      await expect(inViewport(off.el('event-submit'), height)).resolves.toBe(true);
      await off.shot(`forms-too-short-${phone ? 'phone' : 'desktop'}`, { fullPage: false });
      await off.cancel();

      // the workbench lists the refusal, naming its case
      await off.goto('/workbench');
      const named = off.page.locator(`${tid('refusal')} ${tid('refusal-case')}`).first();
      await expect(textOf(named)).resolves.toBe('「泗阳县城市停车管理办法」');
      await off.shot(`forms-workbench-refusal-${phone ? 'phone' : 'desktop'}`);
    });
  }

  it('3. the review-time hint names the working days and the earliest and latest due date', async () => {
    for (const phone of [false, true]) {
      const off = await signIn('official', phone);
      await off.goto(`/cases/${cases.review.id}`);
      await off.el('case-title').waitFor();
      await off.openAction('SUBMIT_FOR_LEGALITY_REVIEW');
      const hint = await textOf(off.el('formitem-reviewDueDate'));
      expect(hint).toContain('须给予审查机构 5 至 15 个工作日的审查时间（送审当日不计入）');
      expect(hint).toContain(`${cn(today)}送审的，审查期限最早为 `);
      expect(hint).toMatch(/最早为 \d{4}年\d{1,2}月\d{1,2}日，最迟为 \d{4}年\d{1,2}月\d{1,2}日/);
      await settled(off);
      await off.shot(`forms-review-hint-${phone ? 'phone' : 'desktop'}`, { fullPage: false });
      await off.cancel();
    }
  });

  it('4. a date typed into 登记公众意见 the ISO way is the date recorded, not today', async () => {
    const off = await signIn('official');
    await off.goto(`/cases/${cases.comments.id}`);
    await off.el('case-title').waitFor();
    await off.openAction('RECORD_COMMENT');
    await expect(textOf(off.el('formitem-occurredAt'))).resolves.toContain('收到日期');
    await off.page.fill(tid('field-content'), '建议划定遛狗时段');
    const received = daysFrom(today, -3);
    // typed as 2026-11-29, then on to the next field: the picker alone would drop it
    await off.page.locator(`${tid('field-occurredAt')} input`).fill(received);
    await off.page.locator(tid('field-content')).click();
    await expect(off.page.locator(`${tid('field-occurredAt')} input`).inputValue()).resolves.toBe(cn(received));
    await off.shot('forms-record-comment', { fullPage: false });
    await off.confirm('RECORD_COMMENT');
    const after = await d.get('official', cases.comments.id);
    const comments = after.record.publicComment.comments as { content: string; receivedOn: string }[];
    expect(comments.map((c) => [c.content, c.receivedOn])).toEqual([['建议划定遛狗时段', received]]);
  });

  it('5. the secretariat: the workbench count of 待办 is the sum of the office queues', async () => {
    for (const phone of [false, true]) {
      const sec = await signIn('secretariat', phone);
      // once 待办 has loaded (there is a proposal to approve)
      await sec.page
        .locator(tid('view-count-todo'))
        .filter({ hasText: /^[1-9]\d*$/ })
        .waitFor();
      const todo = Number(await textOf(sec.el('view-count-todo')));
      expect(todo).toBeGreaterThan(0);
      await sec.goto('/secretariat');
      await sec.el('secretariat-total').waitFor();
      await expect(textOf(sec.el('secretariat-total'))).resolves.toContain(`共有 ${todo} 件案件`);
      const tabs = sec.page.locator(`[data-testid^="queue-tab-"]`);
      let sum = 0;
      for (const t of await tabs.all()) sum += Number(/（(\d+)）/.exec(await textOf(t))?.[1] ?? 'NaN');
      expect(sum).toBe(todo);
      await expect(textOf(sec.el('queue-tab-start'))).resolves.toBe('待同意启动（1）');
      await sec.shot(`forms-secretariat-${phone ? 'phone' : 'desktop'}`);
    }
  });

  it('6. the history names the person who acted, with their role, to someone of another office', async () => {
    const sec = await signIn('secretariat');
    await sec.goto(`/cases/${cases.decision.id}`);
    await sec.el('case-title').waitFor();
    const actors = await sec.page.locator(tid('history-actor')).allInnerTexts();
    // FINISH_DRAFT, APPROVE_START, 立项 — newest first
    expect(actors).toEqual(['official（承办人员）', 'secretariat（政府办公室）', 'official（承办人员）']);
    await sec.shot('forms-history');
  });
});
