// One language on every page: Chinese from end to end, whatever language the browser prefers.
// Every role signs in to Siyang County's demo in a Chinese and in an English browser (Debian's
// Chromium driven by playwright-core) and reads each of its pages, the case pages included, with
// their stages, actions, legal bases and refusals (the server's words); a Latin word on any of them
// fails the test, apart from the few shown on purpose (the product's name, file formats, codes).
// A reader who chooses English on the page (staff and citizens, desktop and phone) reads the same
// pages in English: a Chinese word outside what users and the records wrote (marked
// translate="no") fails. Screenshots go to test-output/screenshots/language-{zh,en,english}-*.png.
import type { Browser } from 'playwright-core';
import { OFFERED } from '../web/src/i18n/languages';
import { chineseWords, foreignWords, launchChromium, Person, textOf, tid, visibleText } from './browser-harness';
import { bootApp, Booted } from './harness';

jest.setTimeout(300_000);

const DEMO_PASSWORD = 'demo-pass-123';
const ADMIN_PASSWORD = 'Keeper-of-records-9';

/** each role's display name in the top bar, and the pages its menu offers */
const ROLES = {
  zjj_official: { shownAs: '县住建局 承办人员', pages: ['/workbench', '/cases', '/cases/new', '/notifications', '/public'] },
  reviewer: { shownAs: '县司法局 合法性审查人员', pages: ['/workbench', '/review', '/cases'] },
  secretariat: {
    shownAs: '县政府办公室',
    pages: ['/workbench', '/secretariat', '/secretariat/catalogue', '/secretariat/cleanups', '/cases'],
  },
  supervisor: { shownAs: '县委依法治县办 监督人员', pages: ['/workbench', '/supervision', '/cases'] },
  admin: { shownAs: '系统管理员', pages: ['/workbench', '/migrations', '/supervision', '/admin/users', '/admin/departments'] },
} as const;
type Who = keyof typeof ROLES;

interface Summary {
  id: string;
  stage: string;
}

describe.each([
  ['zh-CN', 'zh'],
  ['en-US', 'en'],
] as const)('every page in a %s browser speaks Chinese only', (locale, lang) => {
  let b: Booted;
  let browser: Browser;
  /** a case at each stage the demo has, read by whoever may read it */
  let caseIds: string[] = [];
  let cleanupId: string | undefined;
  /**
   * What the admin's pages show as it was typed, in Latin letters on purpose: usernames (what people
   * sign in with) and department codes. Read only on those pages, and taken out before the check.
   */
  let verbatim: string[] = [];

  beforeAll(async () => {
    [b, browser] = await Promise.all([
      bootApp({ DOCKET_SEED: 'demo', DOCKET_DEMO_PASSWORD: DEMO_PASSWORD, DOCKET_ADMIN_PASSWORD: ADMIN_PASSWORD }),
      launchChromium(),
    ]);
    const login = await b.http.post('/api/auth/login').send({ username: 'supervisor', password: DEMO_PASSWORD });
    const auth = { Authorization: `Bearer ${(login.body as { accessToken: string }).accessToken}` };
    const list = await b.http.get('/api/cases?pageSize=100').set(auth);
    const items = (list.body as { items: Summary[] }).items;
    const byStage = new Map<string, string>();
    for (const c of items) if (!byStage.has(c.stage)) byStage.set(c.stage, c.id);
    caseIds = [...byStage.values()];
    const cleanups = await b.http.get('/api/cleanups').set(auth);
    cleanupId = (cleanups.body as { id: string }[])[0]?.id;
    const admin = await b.http.post('/api/auth/login').send({ username: 'admin', password: ADMIN_PASSWORD });
    const adminAuth = { Authorization: `Bearer ${(admin.body as { accessToken: string }).accessToken}` };
    const users = (await b.http.get('/api/users').set(adminAuth)).body as { username: string }[];
    const departments = (await b.http.get('/api/departments').set(adminAuth)).body as { id: string }[];
    verbatim = [...users.map((u) => u.username), ...departments.map((d) => d.id)].sort((x, y) => y.length - x.length);
    expect(verbatim.length).toBeGreaterThan(10);
  });

  afterAll(async () => {
    await browser?.close();
    await b?.close();
  });

  it.each(Object.keys(ROLES) as Who[])('%s reads every page of its menu, and the cases', async (who) => {
    const role = ROLES[who];
    const p = await Person.signIn(browser, b.baseUrl, who, false, {
      password: who === 'admin' ? ADMIN_PASSWORD : DEMO_PASSWORD,
      shownAs: role.shownAs,
      locale,
    });
    const found: Record<string, string[]> = {};
    const read = async (path: string) => {
      await p.read(path);
      let text = await visibleText(p.page);
      if (path.startsWith('/admin/')) for (const v of verbatim) text = text.split(v).join(' ');
      const words = foreignWords(text);
      if (words.length) found[path] = words;
    };
    const pages: string[] = [...role.pages];
    if (who === 'supervisor' || who === 'zjj_official' || who === 'reviewer' || who === 'secretariat')
      pages.push(...caseIds.map((id) => `/cases/${id}`));
    if (who === 'secretariat' && cleanupId) pages.push(`/secretariat/cleanups/${cleanupId}`);
    for (const path of pages) await read(path);
    await p.shot(`language-${lang}-${who}`);
    expect(found).toEqual({});
    await p.close();
  });

  it('the check finds a mixed page: English words in text, placeholders and labels, not in what is hidden', async () => {
    const p = await Person.open(browser, b.baseUrl, false, locale);
    await p.page.setContent(
      '<p>当前阶段：Legality review</p><input placeholder="Search"><button aria-label="Close">×</button>' +
        '<div hidden>Hidden words</div><p>附件可为 PDF、Word（doc、docx）格式，错误代码 VERSION_CONFLICT</p>',
    );
    expect(foreignWords(await visibleText(p.page))).toEqual(['Legality', 'review', 'Search', 'Close']);
    await p.close();
  });

  it('a new document left without its name is told to fill in 文件名称, as its field is called', async () => {
    const p = await Person.signIn(browser, b.baseUrl, 'zjj_official', false, {
      password: DEMO_PASSWORD,
      shownAs: ROLES.zjj_official.shownAs,
      locale,
    });
    await p.goto('/cases/new');
    await p.el('new-case-procedure-normative-document').click();
    await p.el('new-case-submit').click();
    await expect(textOf(p.page.locator(`${tid('new-case-form')} .el-form-item__error`))).resolves.toBe('请填写文件名称');
    await p.el('new-case-procedure-major-decision').click();
    await p.el('new-case-submit').click();
    await expect(textOf(p.page.locator(`${tid('new-case-form')} .el-form-item__error`))).resolves.toBe('请填写决策事项名称');
    await p.shot(`language-${lang}-new-case-title-missing`);
    await p.close();
  });

  it('a citizen reads the public pages and the sign-in page in Chinese', async () => {
    const p = await Person.open(browser, b.baseUrl, true, locale);
    const found: Record<string, string[]> = {};
    const open = await b.http.get('/api/public/consultations');
    const consultations = (open.body as { id: string }[]).map((c) => `/public/${c.id}`);
    expect(consultations.length).toBeGreaterThan(0);
    for (const path of ['/public', ...consultations, '/login', '/no-such-page']) {
      await p.read(path);
      const words = foreignWords(await visibleText(p.page));
      if (words.length) found[path] = words;
    }
    await p.goto('/public');
    await p.shot(`language-${lang}-public-phone`);
    expect(found).toEqual({});
    await p.close();
  });
});

describe('the check for English pages', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('finds the Chinese of the page itself, not what users wrote', async () => {
    const p = await Person.open(browser, 'about:blank', false, 'en-US');
    await p.page.setContent(
      '<p>Stage: 合法性审核</p><p translate="no">泗阳县城市停车管理办法</p><input placeholder="搜索">' +
        '<p>Department: <span translate="no">县住建局</span></p><div hidden>隐藏</div>',
    );
    expect(chineseWords(await visibleText(p.page, { pageWordsOnly: true }))).toEqual(['合法性审核', '搜索']);
    await p.close();
  });
});

(OFFERED.includes('en-US') ? describe : describe.skip)('every page in English, once the reader chooses it', () => {
  let b: Booted;
  let browser: Browser;
  let caseIds: string[] = [];

  beforeAll(async () => {
    [b, browser] = await Promise.all([
      bootApp({ DOCKET_SEED: 'demo', DOCKET_DEMO_PASSWORD: DEMO_PASSWORD, DOCKET_ADMIN_PASSWORD: ADMIN_PASSWORD }),
      launchChromium(),
    ]);
    const login = await b.http.post('/api/auth/login').send({ username: 'supervisor', password: DEMO_PASSWORD });
    const auth = { Authorization: `Bearer ${(login.body as { accessToken: string }).accessToken}` };
    const list = await b.http.get('/api/cases?pageSize=100').set(auth);
    const byStage = new Map<string, string>();
    for (const c of (list.body as { items: Summary[] }).items) if (!byStage.has(c.stage)) byStage.set(c.stage, c.id);
    caseIds = [...byStage.values()];
  });

  afterAll(async () => {
    await browser?.close();
    await b?.close();
  });

  it.each(Object.keys(ROLES) as Who[])('%s reads every page of its menu in English', async (who) => {
    const role = ROLES[who];
    const p = await Person.signIn(browser, b.baseUrl, who, false, {
      password: who === 'admin' ? ADMIN_PASSWORD : DEMO_PASSWORD,
      shownAs: role.shownAs,
      locale: 'en-US',
    });
    await p.el('language-en-US').click();
    await expect(p.page.locator('html').getAttribute('lang')).resolves.toBe('en-US');
    const found: Record<string, string[]> = {};
    const pages: string[] = [...role.pages];
    if (who !== 'admin') pages.push(...caseIds.map((id) => `/cases/${id}`));
    for (const path of pages) {
      await p.read(path);
      const words = chineseWords(await visibleText(p.page, { pageWordsOnly: true }));
      if (words.length) found[path] = words;
      if (path === role.pages[1]) await p.shot(`language-english-${who}-menu-page`, { fullPage: false });
      if (path === pages[role.pages.length]) await p.shot(`language-english-${who}-case-top`, { fullPage: false });
    }
    await p.shot(`language-english-${who}`);
    expect(found).toEqual({});
    await p.close();
  });

  it('an official on a phone reads the workbench and a case in English', async () => {
    const p = await Person.signIn(browser, b.baseUrl, 'zjj_official', true, {
      password: DEMO_PASSWORD,
      shownAs: ROLES.zjj_official.shownAs,
      locale: 'en-US',
    });
    // a phone's top bar has no room for the switch: it is in the menu
    await p.el('menu-toggle').click();
    await p.el('language-en-US').click();
    const found: Record<string, string[]> = {};
    for (const path of ['/workbench', `/cases/${caseIds[0]}`]) {
      await p.read(path);
      const words = chineseWords(await visibleText(p.page, { pageWordsOnly: true }));
      if (words.length) found[path] = words;
      await p.shot(`language-english-phone-${path === '/workbench' ? 'workbench' : 'case'}`);
    }
    expect(found).toEqual({});
    await p.close();
  });

  it('a citizen on a phone chooses English and reads the public pages, the sign-in page and the not-found page in it', async () => {
    const p = await Person.open(browser, b.baseUrl, true, 'en-US');
    await p.goto('/public');
    await p.el('language-en-US').click();
    await expect(p.page.locator('html').getAttribute('lang')).resolves.toBe('en-US');
    const open = await b.http.get('/api/public/consultations');
    const consultations = (open.body as { id: string }[]).map((c) => `/public/${c.id}`);
    const found: Record<string, string[]> = {};
    for (const path of ['/public', ...consultations, '/login', '/no-such-page']) {
      await p.read(path);
      const words = chineseWords(await visibleText(p.page, { pageWordsOnly: true }));
      if (words.length) found[path] = words;
    }
    await p.goto('/public');
    await p.shot('language-english-public-phone');
    await p.goto(consultations[0]);
    await p.shot('language-english-consultation-phone');
    expect(found).toEqual({});
    await p.close();
  });
});
