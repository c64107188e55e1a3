// Overdue charged to whoever holds the step, on the supervisor's page, in a real browser (Debian's
// Chromium driven by playwright-core) against the real built server seeded with Siyang County's
// demo: its one overdue case, zjj's document whose legality review was due 2024-05-15, counts
// against the review body (县司法局) and not against zjj, which drafted it; the figure opens the
// list of the cases behind it, which names that case and who holds it now. On a desktop and on a
// phone. Screenshots go to test-output/screenshots/supervision-holder-{desktop,phone}.png (and -table-,
// -cases-, the table's row and the list it opens).
import type { Browser } from 'playwright-core';
import { foreignWords, launchChromium, Person, textOf, tid, visibleText } from './browser-harness';
import { bootApp, Booted } from './harness';

jest.setTimeout(180_000);

const DEMO_PASSWORD = 'demo-pass-123';
const REVIEW = '泗阳县城镇老旧小区改造管理办法';

describe('the supervisor sees an overdue legality review charged to the review body', () => {
  let b: Booted;
  let browser: Browser;
  const people: Person[] = [];

  beforeAll(async () => {
    [b, browser] = await Promise.all([bootApp({ DOCKET_SEED: 'demo', DOCKET_DEMO_PASSWORD: DEMO_PASSWORD }), launchChromium()]);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await b?.close();
  });

  afterEach(async () => {
    for (const p of people.splice(0)) await p.close();
  });

  it.each([
    ['desktop', false],
    ['phone', true],
  ] as const)('on the supervision page and the list it opens (%s)', async (size, phone) => {
    const p = await Person.signIn(browser, b.baseUrl, 'supervisor', phone, { password: DEMO_PASSWORD, shownAs: '县委依法治县办 监督人员' });
    people.push(p);
    await p.goto('/supervision');
    const table = p.el('department-table');
    await table.getByText('逾期（按当前办理单位）').waitFor();
    // the review body's row counts the overdue review; zjj, which drafted it, counts none
    await expect(textOf(p.el('department-overdue-sfj'))).resolves.toBe('1');
    await expect(textOf(p.el('department-overdue-zjj'))).resolves.toBe('0');
    await expect(textOf(table.locator('tr', { has: p.el('department-overdue-sfj') }))).resolves.toContain('县司法局');
    // the page says whom it is charged to, in plain words
    await expect(textOf(p.page.locator('body'))).resolves.toContain('合法性审查逾期计入审查机构');
    // the overdue list on the page says who holds the case now
    const held = p.page.locator(`${tid('overdue-cases')} ${tid('case-held-by')}`);
    await expect(textOf(held)).resolves.toBe('现由县司法局办理');
    expect(foreignWords(await visibleText(p.page))).toEqual([]);
    if (phone) await p.checkPhoneLayout();
    await p.shot(`supervision-holder-${size}`);
    // and the table's row, as the window shows it
    await p.el('department-table').scrollIntoViewIfNeeded();
    await p.shot(`supervision-holder-table-${size}`, { fullPage: false });

    // the figure opens the cases behind it: exactly that case, drafted by zjj, held by 县司法局
    await p.el('department-overdue-sfj').click();
    await p.page.waitForURL((u) => u.pathname === '/cases' && u.searchParams.get('department') === 'sfj');
    expect(new URL(p.page.url()).searchParams.get('overdue')).toBe('true');
    await p.el('case-total').getByText('共 1 件').waitFor();
    const list = p.el('case-list');
    await expect(p.page.locator(`${tid('case-list')} ${tid('case-link')}`).allInnerTexts()).resolves.toEqual([REVIEW]);
    await expect(textOf(list)).resolves.toContain('县住房和城乡建设局');
    await expect(textOf(list.locator(tid('case-held-by')))).resolves.toBe('现由县司法局办理');
    expect(foreignWords(await visibleText(p.page))).toEqual([]);
    await p.shot(`supervision-holder-cases-${size}`);
  });
});
