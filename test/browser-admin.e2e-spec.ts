// The admin's pages and the case search in a real browser (Debian's Chromium driven by
// playwright-core), against the real built server seeded with Siyang County's demo: the admin
// makes a department and a user in it through 部门管理 and 用户管理 (bad input told in Chinese beside
// its field), the new user signs in to their workbench; an official finds a demo case by a word of
// its title and by its document number on the case list, at phone width. The API only sets up and
// cross-checks. Screenshots: test-output/screenshots/{admin-users,admin-departments,cases-search}-*.png.
import type { Browser } from 'playwright-core';
import { expectValue, expectVisible, launchChromium, Person, textOf, tid } from './browser-harness';
import { bootApp, Booted, CaseBody } from './harness';

jest.setTimeout(240_000);

const DEMO_PASSWORD = 'demo-pass-123';
const ADMIN_PASSWORD = 'Keeper-of-records-9';
const NEW_PASSWORD = 'Shui-Wu-9x7q';

interface Summary {
  id: string;
  title: string;
}

describe('admin pages and case search in the browser', () => {
  let b: Booted;
  let browser: Browser;
  const people: Person[] = [];

  const signIn = async (username: string, shownAs: string, phone = false, password = DEMO_PASSWORD) => {
    const p = await Person.signIn(browser, b.baseUrl, username, phone, { password, shownAs });
    people.push(p);
    return p;
  };
  const asAdmin = (phone = false) => signIn('admin', '系统管理员', phone, ADMIN_PASSWORD);
  const token = async (username: string, password = DEMO_PASSWORD) =>
    ((await b.http.post('/api/auth/login').send({ username, password }).expect(200)).body as { accessToken: string }).accessToken;

  /** wait until the element shows this text (the list is asked again after each change) */
  const shows = (p: Person, testid: string, text: string) => p.page.locator(tid(testid)).filter({ hasText: text }).first().waitFor();
  /** the error Element Plus shows under a form field */
  const fieldError = (p: Person, testid: string) => p.page.locator(`.el-form-item:has(${tid(testid)}) .el-form-item__error`);

  beforeAll(async () => {
    [b, browser] = await Promise.all([
      bootApp({ DOCKET_SEED: 'demo', DOCKET_DEMO_PASSWORD: DEMO_PASSWORD, DOCKET_ADMIN_PASSWORD: ADMIN_PASSWORD }),
      launchChromium(),
    ]);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await b?.close();
  });

  afterEach(async () => {
    for (const p of people.splice(0)) await p.close();
  });

  it('the admin makes a department and a user in it; the new user signs in to their workbench', async () => {
    const admin = await asAdmin();
    await admin.el('nav-admin-departments').click();
    await admin.page.waitForURL('**/admin/departments');
    await expectVisible(admin.el('admin-department-fgw'));
    await expect(textOf(admin.el('admin-department-fgw'))).resolves.toBe('县发展和改革委员会');

    // a code that is not letters and digits, then one already in use: told beside the field
    await admin.el('admin-department-new').click();
    await admin.el('department-name').fill('县水务局');
    await admin.el('department-code').fill('水务局');
    await admin.el('department-save').click();
    await expect(textOf(fieldError(admin, 'department-code'))).resolves.toContain('部门代码只能由字母、数字');
    await admin.el('department-code').fill('fgw');
    await admin.el('department-save').click();
    await expect(textOf(fieldError(admin, 'department-code'))).resolves.toBe('部门代码已被“县发展和改革委员会”使用，请另取一个');
    await admin.page.waitForTimeout(300); // the dialog's opening animation, for the picture
    await admin.shot('admin-departments-error-desktop', { fullPage: false });
    await admin.el('department-code').fill('swj');
    await admin.el('department-prefix').fill('泗水规');
    await admin.el('department-save').click();
    await admin.dialogClosed();
    await expect(textOf(admin.el('admin-department-swj'))).resolves.toBe('县水务局');
    const departments = (await b.http.get('/api/departments').set({ Authorization: `Bearer ${await token('admin', ADMIN_PASSWORD)}` }))
      .body as { id: string; name: string; documentPrefix: string | null }[];
    expect(departments.find((d) => d.id === 'swj')).toEqual({
      id: 'swj',
      name: '县水务局',
      documentPrefix: '泗水规',
      governmentId: 'county-government',
    });
    await admin.shot('admin-departments-desktop');

    // another name for it: the code stays
    await admin.el('admin-department-edit-swj').click();
    await expect(admin.el('department-code').isDisabled()).resolves.toBe(true);
    await admin.el('department-name').fill('县水利局');
    await admin.el('department-save').click();
    await admin.dialogClosed();
    await expect(textOf(admin.el('admin-department-swj'))).resolves.toBe('县水利局');

    await admin.el('nav-admin-users').click();
    await admin.page.waitForURL('**/admin/users');
    await expect(textOf(admin.el('admin-user-zjj_official'))).resolves.toBe('县住建局 承办人员');
    const zjjRow = admin.page.locator('.el-table__row', { has: admin.el('admin-user-zjj_official') });
    await expect(textOf(zjjRow)).resolves.toMatch(/zjj_official\s+承办人员\s+县住房和城乡建设局/);

    // nothing filled in: each field says what it needs
    await admin.el('admin-user-new').click();
    await admin.el('user-save').click();
    await expect(textOf(fieldError(admin, 'user-display-name'))).resolves.toBe('请填写姓名');
    await expect(textOf(fieldError(admin, 'user-username'))).resolves.toBe('请填写用户名');
    await expect(textOf(fieldError(admin, 'user-password'))).resolves.toBe('请填写初始密码');
    await expect(textOf(fieldError(admin, 'user-roles'))).resolves.toBe('请至少选择一个角色');

    // a short password, and an official without a department
    await admin.el('user-display-name').fill('水利局 承办人员');
    await admin.el('user-username').fill('zjj_official');
    await admin.el('user-password').fill('abc');
    await admin.el('user-role-official').click();
    await admin.el('user-save').click();
    await expect(textOf(fieldError(admin, 'user-password'))).resolves.toContain('密码太短');
    await expect(textOf(fieldError(admin, 'user-department'))).resolves.toBe('承办人员必须选择所属部门');
    await admin.choose('user-department', 'swj');

    // long enough but not to the rule: the server's words, beside the field
    await admin.el('user-password').fill('abcdefgh');
    await admin.el('user-save').click();
    await fieldError(admin, 'user-password').filter({ hasText: '连续或重复的字符' }).waitFor();

    // a username already taken (the demo's zjj_official): the server's refusal, beside the field
    await admin.el('user-password').fill(NEW_PASSWORD);
    await admin.el('user-save').click();
    await expect(textOf(fieldError(admin, 'user-username'))).resolves.toContain('用户名 zjj_official 已被使用');
    await admin.page.waitForTimeout(300);
    await admin.shot('admin-users-error-desktop', { fullPage: false });

    await admin.el('user-username').fill('slj_official');
    await admin.el('user-save').click();
    await admin.dialogClosed();
    await expect(textOf(admin.el('admin-user-slj_official'))).resolves.toBe('水利局 承办人员');
    const row = admin.page.locator('.el-table__row', { has: admin.el('admin-user-slj_official') });
    await expect(textOf(row)).resolves.toMatch(/slj_official\s+承办人员\s+县水利局/);

    // and a second duty: also a legality reviewer
    await admin.el('admin-user-edit-slj_official').click();
    await admin.el('duty-role-reviewer').click();
    await admin.el('duty-save').click();
    await admin.dialogClosed();
    await expect(textOf(row)).resolves.toMatch(/承办人员、合法性审查人员\s+县水利局/);
    await admin.shot('admin-users-desktop');

    const fresh = await signIn('slj_official', '水利局 承办人员', false, NEW_PASSWORD);
    await expect(textOf(fresh.el('current-role'))).resolves.toBe('县水利局 · 承办人员、合法性审查人员');
    await expectVisible(fresh.el('nav-workbench'));
    await expect(fresh.page.locator(tid('nav-admin-users')).count()).resolves.toBe(0);
    // the admin's pages are not theirs
    await fresh.goto('/admin/users');
    await fresh.page.waitForURL('**/workbench');
  });

  it('the admin pages at phone width', async () => {
    const admin = await asAdmin(true);
    await admin.goto('/admin/users');
    await expectVisible(admin.el('admin-user-zjj_official'));
    await admin.checkPhoneLayout();
    await admin.shot('admin-users-phone');
    await admin.el('admin-user-new').click();
    await admin.el('user-save').click();
    await expect(textOf(fieldError(admin, 'user-username'))).resolves.toBe('请填写用户名');
    await admin.page.waitForTimeout(300);
    await admin.shot('admin-users-new-phone', { fullPage: false });
    await admin.goto('/admin/departments');
    await expectVisible(admin.el('admin-department-fgw'));
    await admin.checkPhoneLayout();
    await admin.shot('admin-departments-phone');
    // the menu offers both pages
    await admin.el('menu-toggle').click();
    await expectVisible(admin.page.locator(`${tid('menu-drawer')} ${tid('nav-admin-users')}`));
    await expectVisible(admin.page.locator(`${tid('menu-drawer')} ${tid('nav-admin-departments')}`));
  });

  it.each([
    ['phone', true],
    ['desktop', false],
  ] as const)('an official finds a demo case by a word of its title and by its document number (%s)', async (size, phone) => {
    // a case of the official's with a document number, as the API gives it
    const auth = { Authorization: `Bearer ${await token('fgw_official')}` };
    const list = (await b.http.get('/api/cases?pageSize=200').set(auth).expect(200)).body as { items: Summary[] };
    let numbered: CaseBody | undefined;
    for (const c of list.items) {
      const full = (await b.http.get(`/api/cases/${c.id}`).set(auth).expect(200)).body as CaseBody;
      if (full.documentNumber) {
        numbered = full;
        break;
      }
    }
    expect(numbered).toBeDefined();
    const c = numbered!;
    const word = c.title.replace(/^泗阳县/, '').slice(0, 4);

    const p = await signIn('fgw_official', '县发改委 承办人员', phone);
    await p.goto('/cases');
    await expectVisible(p.el('case-search'));
    await p.page
      .locator(`${tid('case-link')}:visible`)
      .first()
      .waitFor();
    const total = await textOf(p.el('case-total'));
    const search = p.el('case-search');
    await expect(search.getAttribute('placeholder')).resolves.toContain('按名称、文号');

    // a word of its title: it is among what is found, and everything found has the word
    await search.fill(word);
    await p.page.waitForURL((u) => u.searchParams.get('q') === word);
    await p.page.waitForLoadState('networkidle');
    await p.page
      .locator(`${tid('case-link')}[data-case-id="${c.id}"]`)
      .first()
      .waitFor();
    const titles = await p.page.locator(`${tid('case-link')}:visible`).allInnerTexts();
    expect(titles.length).toBeGreaterThan(0);
    for (const t of titles) expect(t).toContain(word);
    await p.shot(`cases-search-${size}`);
    if (phone) await p.checkPhoneLayout();

    // refresh: the words and what they found stay
    await p.page.reload();
    await expectValue(p.el('case-search'), word);
    await p.page
      .locator(`${tid('case-link')}[data-case-id="${c.id}"]`)
      .first()
      .waitFor();

    // its document number: that case alone
    await search.fill(c.documentNumber!);
    await p.page.waitForURL((u) => u.searchParams.get('q') === c.documentNumber);
    await shows(p, 'case-total', '共 1 件');
    await p.page
      .locator(`${tid('case-link')}[data-case-id="${c.id}"]`)
      .first()
      .waitFor();
    await p.shot(`cases-search-number-${size}`);

    // back from the case: the search is still there
    await p.openCase(c.id);
    await p.page.goBack();
    await expectValue(p.el('case-search'), c.documentNumber!);
    await shows(p, 'case-total', '共 1 件');
    await p.page
      .locator(`${tid('case-link')}[data-case-id="${c.id}"]`)
      .first()
      .waitFor();

    // words no case has: said so
    await search.fill('没有这样的案件名称');
    await shows(p, 'case-list', '没有找到与“没有这样的案件名称”相符的案件');
    await shows(p, 'case-total', '共 0 件');
    await p.shot(`cases-search-empty-${size}`);

    // the clear button: every case again
    await search.click();
    await p.page.locator(`.el-input:has(${tid('case-search')}) .el-input__clear`).click();
    await expectValue(search, '');
    await p.page.waitForURL((u) => !u.searchParams.has('q'));
    await shows(p, 'case-total', total);
  });
});
