// Governments and filing review in a real browser (Debian's Chromium driven by playwright-core),
// against the real built server seeded with the demo's province, city and two counties, in Chinese
// and in English: the city's supervisor opens 监督看板, sees 宿迁市 with both counties below, opens
// 沭阳县 (the address keeps it through reload, back and forward), one of its departments, and a
// Shuyang case; the city's filing reviewer holds a Siyang filing (refused first without a later
// date, the rule and its basis shown in the dialog), and the Siyang official then finds it as a
// task on the workbench, in the case's history and among the notices; a citizen reads the quarter's
// catalogue of filed documents. Every page read is checked for words of the other language.
// Screenshots: test-output/screenshots/governments-{zh,en}-*-{desktop,phone}.png.
import type { Browser } from 'playwright-core';
import { chineseWords, foreignWords, launchChromium, Person, settled, textOf, tid, untilText, visibleText } from './browser-harness';
import { bootApp, type Booted } from './harness';

jest.setTimeout(300_000);

const DEMO_PASSWORD = 'demo-pass-123';
const ADMIN_PASSWORD = 'Keeper-of-records-9';

const NAMES = {
  city_supervisor: '宿迁市委依法治市办 监督人员',
  city_filing: '宿迁市司法局 备案审查人员',
  fgw_official: '县发改委 承办人员',
  admin: '系统管理员',
} as const;
type Who = keyof typeof NAMES;

/** Shanghai's today plus `days`, as YYYY-MM-DD */
function dayFromToday(days: number): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

describe('governments and filing review in the browser', () => {
  let b: Booted;
  let browser: Browser;
  const people: Person[] = [];
  /** each language's own Siyang document, filed with the city and waiting there for registration */
  const filed: Record<'zh' | 'en', { caseId: string; filingId: string; title: string }> = {} as never;
  let shuyangCase: { id: string; title: string };

  const token = async (username: string, password = DEMO_PASSWORD) =>
    ((await b.http.post('/api/auth/login').send({ username, password }).expect(200)).body as { accessToken: string }).accessToken;

  /** A Siyang fgw normative document through legality review, deliberation and publication, filed with the city. */
  async function fileSiyangDocument(title: string): Promise<string> {
    const [official, reviewer, secretariat] = await Promise.all([token('fgw_official'), token('reviewer'), token('secretariat')]);
    const created = await b.http
      .post('/api/cases')
      .set({ Authorization: `Bearer ${official}` })
      .send({
        procedure: 'normative-document',
        title,
        department: 'fgw',
        occurredAt: '2023-03-01',
        affectsPublicRights: false,
        marketRelated: false,
        interim: false,
        issuingOrgan: 'government',
      })
      .expect(201);
    let c = created.body as { id: string; version: number };
    const steps: [string, string, string, Record<string, unknown>][] = [
      [official, 'SUBMIT_FOR_LEGALITY_REVIEW', '2023-03-06', { reviewDueDate: '2023-03-20' }],
      [reviewer, 'ISSUE_LEGALITY_OPINION', '2023-03-15', { conclusion: 'lawful', opinion: '合法' }],
      [
        secretariat,
        'RECORD_COLLECTIVE_DELIBERATION',
        '2023-03-22',
        { meetingType: 'standing', meetingDate: '2023-03-22', outcome: 'approved' },
      ],
      [secretariat, 'PUBLISH_DOCUMENT', '2023-03-28', { channels: ['泗阳县人民政府网站'], effectiveDate: '2023-04-01' }],
      [secretariat, 'RECORD_FILING', '2023-04-10', { filedWith: '宿迁市人民政府' }],
    ];
    for (const [who, type, occurredAt, data] of steps) {
      const res = await b.http
        .post(`/api/cases/${c.id}/events`)
        .set({ Authorization: `Bearer ${who}` })
        .send({ type, expectedVersion: c.version, occurredAt, data });
      if (res.status !== 200) throw new Error(`${type} refused: ${JSON.stringify(res.body)}`);
      c = res.body as { id: string; version: number };
    }
    return c.id;
  }

  beforeAll(async () => {
    [b, browser] = await Promise.all([
      bootApp({ DOCKET_SEED: 'demo', DOCKET_DEMO_PASSWORD: DEMO_PASSWORD, DOCKET_ADMIN_PASSWORD: ADMIN_PASSWORD }),
      launchChromium(),
    ]);
    // the demo leaves no filing waiting for registration: one for each language
    const reviewer = await token('city_filing');
    for (const [lang, title] of [
      ['zh', '泗阳县政府投资基金管理办法'],
      ['en', '泗阳县农村供水工程管理办法'],
    ] as const) {
      const caseId = await fileSiyangDocument(title);
      const received = (
        await b.http
          .get('/api/filings?status=received')
          .set({ Authorization: `Bearer ${reviewer}` })
          .expect(200)
      ).body as { id: string; caseId: string }[];
      const filing = received.find((f) => f.caseId === caseId);
      expect(filing).toBeDefined();
      filed[lang] = { caseId, filingId: filing!.id, title };
    }
    const city = await token('city_supervisor');
    const list = (
      await b.http
        .get('/api/cases?government=shuyang&department=sy-fgw&year=2023')
        .set({ Authorization: `Bearer ${city}` })
        .expect(200)
    ).body as { items: { id: string; title: string }[] };
    expect(list.items.length).toBeGreaterThan(0);
    shuyangCase = list.items[0];
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await b?.close();
  });

  afterEach(async () => {
    for (const p of people.splice(0)) await p.close();
  });

  describe.each([
    ['zh-CN', 'zh'],
    ['en-US', 'en'],
  ] as const)('in %s', (locale, lang) => {
    const size = (phone: boolean) => (phone ? 'phone' : 'desktop');
    const shot = (p: Person, name: string, opts?: { fullPage?: boolean }) => p.shot(`governments-${lang}-${name}-${size(p.phone)}`, opts);

    /** Signs in; in English, chooses English on the page (a phone has the switch in its menu). */
    async function signIn(who: Who, phone = false): Promise<Person> {
      const p = await Person.signIn(browser, b.baseUrl, who, phone, {
        password: who === 'admin' ? ADMIN_PASSWORD : DEMO_PASSWORD,
        shownAs: NAMES[who],
        locale,
      });
      people.push(p);
      if (lang === 'en') {
        if (phone) await p.el('menu-toggle').click();
        await p.page
          .locator(`${tid('language-en-US')}:visible`)
          .first()
          .click();
        await expect(p.page.locator('html').getAttribute('lang')).resolves.toBe('en-US');
        if (phone) {
          await p.page.keyboard.press('Escape');
          await p.dialogClosed();
        }
      }
      return p;
    }

    /** The page speaks the page's language only: no English on a Chinese page, no Chinese of its own on an English one. */
    async function oneLanguage(p: Person, where: string) {
      await settled(p.page);
      const words =
        lang === 'zh' ? foreignWords(await visibleText(p.page)) : chineseWords(await visibleText(p.page, { pageWordsOnly: true }));
      expect({ where, words }).toEqual({ where, words: [] });
    }

    /** types a date as a person does, in Chinese whatever the page's language (the field reads both) */
    async function typeDate(p: Person, testid: string, iso: string) {
      const [y, m, d] = iso.split('-').map(Number);
      const input = p.page.locator(`${tid(testid)} input`);
      await input.fill(`${y}年${m}月${d}日`);
      await input.press('Enter');
    }

    it('the city supervisor opens the city, then 沭阳县, its department and a Shuyang case', async () => {
      const p = await signIn('city_supervisor');
      await p.el('nav-supervision').click();
      await p.page.waitForURL('**/supervision');
      await p.choose('supervision-year', '2023');
      await expect(textOf(p.el('supervision-government-name'))).resolves.toBe('宿迁市人民政府');
      // both counties below the city, each with its figures
      await expect(textOf(p.el('government-open-county-government'))).resolves.toBe('泗阳县人民政府');
      await expect(textOf(p.el('government-open-shuyang'))).resolves.toBe('沭阳县人民政府');
      await expect(textOf(p.el('card-filings-received'))).resolves.toMatch(/\d/);
      await expect(textOf(p.page.locator(`${tid('filing-review-cards')} ~ ${tid('filing-limits-note')}`))).resolves.toContain(
        lang === 'zh' ? '待核对省级规定' : 'until checked against the provincial rules',
      );
      await oneLanguage(p, 'supervision of the city');
      await shot(p, 'supervision-city');

      // into 沭阳县: the page follows it, and the address keeps it
      const shown = p.el('supervision-government-name');
      await p.el('government-open-shuyang').click();
      await p.page.waitForURL(/government=shuyang/);
      await untilText(shown, '沭阳县人民政府');
      await expect(p.el('governments-panel').count()).resolves.toBe(0);
      await expect(textOf(p.el('government-trail'))).resolves.toMatch(/宿迁市人民政府\s*\/\s*沭阳县人民政府/);
      await p.page.reload();
      await untilText(shown, '沭阳县人民政府');
      await p.page.goBack();
      await p.page.waitForURL((u) => !u.search.includes('government='));
      await untilText(shown, '宿迁市人民政府');
      await p.el('government-open-county-government').waitFor();
      await p.page.goForward();
      await p.page.waitForURL(/government=shuyang/);
      await untilText(shown, '沭阳县人民政府');
      await oneLanguage(p, 'supervision of Shuyang');
      await shot(p, 'supervision-shuyang');

      // its department's cases of the year, and one of them
      await p.el('department-open-sy-fgw').click();
      await p.page.waitForURL(/\/cases\?.*department=sy-fgw/);
      await p.page
        .locator(`${tid('case-link')}[data-case-id="${shuyangCase.id}"]`)
        .first()
        .waitFor();
      await oneLanguage(p, 'the department cases');
      await shot(p, 'department-cases');
      await p.openCase(shuyangCase.id);
      await expect(textOf(p.el('case-title'))).resolves.toBe(shuyangCase.title);
      await oneLanguage(p, 'the Shuyang case');
      await shot(p, 'shuyang-case', { fullPage: false });
    });

    it('the city supervisor on a phone: the counties as cards, and one opened', async () => {
      const p = await signIn('city_supervisor', true);
      await p.goto('/supervision?year=2023');
      await expect(textOf(p.el('supervision-government-name'))).resolves.toBe('宿迁市人民政府');
      await p.el('government-row-shuyang').waitFor();
      await p.checkPhoneLayout();
      await oneLanguage(p, 'supervision on a phone');
      await shot(p, 'supervision-city');
      await p.el('government-open-shuyang').click();
      await p.page.waitForURL(/government=shuyang/);
      await untilText(p.el('supervision-government-name'), '沭阳县人民政府');
      await p.checkPhoneLayout();
      await shot(p, 'supervision-shuyang');
    });

    it('the filing reviewer holds a Siyang filing; the Siyang official sees it on the workbench and in the history', async () => {
      const { caseId, filingId, title } = filed[lang];
      const p = await signIn('city_filing');
      await p.el('nav-filings').click();
      await p.page.waitForURL('**/filings');
      await expect(p.page.locator(`${tid('nav-cases')}:visible`).count()).resolves.toBe(0);
      const row = p.page.locator('.el-table__row', { has: p.page.locator(`${tid('filing')}[data-filing-id="${filingId}"]`) });
      await expect(textOf(row)).resolves.toContain(title);
      await expect(textOf(row)).resolves.toContain('泗阳县人民政府');
      await expect(textOf(p.el('filing-limits-note'))).resolves.toContain(lang === 'zh' ? '待核对省级规定' : 'provincial rules');
      await oneLanguage(p, 'filings to register');
      await shot(p, 'filings');

      // 暂缓登记: nothing filled in, then a date not after today: refused, with the rule and its basis
      await row.locator(tid('filing-act-HOLD_FILING')).click();
      await p.el('event-form-HOLD_FILING').waitFor();
      await expect(textOf(p.el('event-subject'))).resolves.toContain(title);
      await p.el('event-submit').click();
      await p.page.locator(`${tid('formitem-reason')} .el-form-item__error`).waitFor();
      await p.el('field-reason').fill('缺少起草说明和合法性审核意见书，请补充后报送');
      await typeDate(p, 'field-correctBy', '2023-04-01');
      const blocker = await p.confirmRefused('HOLD_DATE_REQUIRED');
      await expect(textOf(blocker)).resolves.toContain(lang === 'zh' ? '国办发〔2018〕37号' : 'Circular [2018] No. 37');
      await oneLanguage(p, 'the refused hold');
      await p.page.waitForTimeout(300);
      await shot(p, 'hold-refused', { fullPage: false });
      const supplyBy = dayFromToday(14);
      await typeDate(p, 'field-correctBy', supplyBy);
      await p.el('event-submit').click();
      await p.el('event-form-HOLD_FILING').waitFor({ state: 'detached' });
      await p.dialogClosed();
      await p.el('filing-tab-held').click();
      const held = p.page.locator('.el-table__row', { has: p.page.locator(`${tid('filing')}[data-filing-id="${filingId}"]`) });
      await expect(textOf(held)).resolves.toContain('缺少起草说明');
      await oneLanguage(p, 'held filings');
      await shot(p, 'filings-held');

      // the review of Shuyang's registered filing, ordering a correction without its date: refused, not sent
      await p.el('filing-tab-registered').click();
      await p.page
        .locator(`${tid('filing-act-ISSUE_FILING_REVIEW')}:visible`)
        .first()
        .click();
      await p.el('event-form-ISSUE_FILING_REVIEW').waitFor();
      await p.choose('field-conclusion', 'correction-ordered');
      await p.el('field-opinion').fill('第五条与上位法规定不一致，应予改正。');
      await p.confirmRefused('CORRECTION_DATE_REQUIRED');
      await oneLanguage(p, 'the refused review');
      await p.page.waitForTimeout(300);
      await shot(p, 'review-refused', { fullPage: false });
      await p.cancel();

      // the Siyang official: the task on the workbench, the hold in the case's history, the notice
      const o = await signIn('fgw_official');
      const task = o.page.locator(`${tid('filing-task')}[data-case-id="${caseId}"]`);
      await expect(task.getAttribute('data-kind')).resolves.toBe('supply');
      await expect(textOf(task.locator(tid('filing-task-asked')))).resolves.toBe('缺少起草说明和合法性审核意见书，请补充后报送');
      await expect(textOf(task.locator(tid('filing-task-kind')))).resolves.toBe(lang === 'zh' ? '补充备案材料' : 'Supply filing materials');
      await expect(textOf(task.locator(tid('filing-task-due')))).resolves.toContain(
        lang === 'zh'
          ? `${Number(supplyBy.slice(0, 4))}年${Number(supplyBy.slice(5, 7))}月${Number(supplyBy.slice(8))}日`
          : supplyBy.slice(0, 4),
      );
      await oneLanguage(o, 'the workbench with its filing task');
      await shot(o, 'workbench-task');
      await task.locator(tid('case-link')).click();
      await o.page.waitForURL(`**/cases/${caseId}`);
      const entry = o.page.locator(`${tid('history-item')}[data-type="FILING_HELD"]`);
      await expect(textOf(entry)).resolves.toContain(lang === 'zh' ? '备案机关暂缓登记' : 'Filing held');
      await expect(textOf(entry)).resolves.toContain('缺少起草说明和合法性审核意见书');
      await expect(textOf(entry)).resolves.toContain(lang === 'zh' ? '补充期限' : 'Supply by');
      await oneLanguage(o, 'the case with the hold');
      await entry.scrollIntoViewIfNeeded();
      await shot(o, 'case-history', { fullPage: false });
      await o.goto('/notifications');
      const notice = o.page.locator(`${tid('notification')}[data-type="FILING_HELD"]`).filter({ hasText: title });
      await expect(textOf(notice)).resolves.toContain(lang === 'zh' ? '暂缓备案登记' : 'Filing held');
      await oneLanguage(o, 'the notices');
      await shot(o, 'notifications');
    });

    it('on a phone: the filing reviewer reads the filings, the official the task', async () => {
      const p = await signIn('city_filing', true);
      await p.goto('/filings?status=held');
      await p.page.locator(`${tid('filing')}[data-filing-id="${filed[lang].filingId}"]`).waitFor();
      await p.checkPhoneLayout();
      await oneLanguage(p, 'filings on a phone');
      await shot(p, 'filings-held');
      await p.goto('/workbench');
      await p.el('filings-summary').waitFor();
      await p.checkPhoneLayout();
      // its refused holds and reviews, above, are told in the page's language too
      await oneLanguage(p, 'the filing reviewer workbench');
      await shot(p, 'workbench-filing-reviewer');
      const o = await signIn('fgw_official', true);
      await o.page.locator(`${tid('filing-task')}[data-case-id="${filed[lang].caseId}"]`).waitFor();
      await o.checkPhoneLayout();
      await oneLanguage(o, 'the workbench on a phone');
      await shot(o, 'workbench-task');
    });

    it.each([false, true])('a citizen reads the catalogue of filed documents (phone: %s)', async (phone) => {
      const p = await Person.open(browser, b.baseUrl, phone, locale);
      people.push(p);
      await p.goto('/public');
      if (lang === 'en') await p.el('language-en-US').click();
      await p.el('public-filings-link').click();
      await p.page.waitForURL('**/public/filings**');
      await p.choose('public-filings-year', '2023');
      await p.choose('public-filings-quarter', '3');
      await p.page.waitForURL(/quarter=3/);
      const catalogue = p.el('public-filings');
      await catalogue.filter({ hasText: '沭阳县政府投资项目管理办法' }).waitFor();
      await expect(textOf(catalogue)).resolves.toContain('泗政规〔2023〕2号');
      await expect(textOf(p.el('public-filings-count'))).resolves.toMatch(/2/);
      // the address keeps the choice
      await p.page.reload();
      await catalogue.filter({ hasText: '泗阳县政府投资项目管理办法' }).waitFor();
      if (phone) await p.checkPhoneLayout(false);
      await oneLanguage(p, 'the catalogue of filings');
      await shot(p, 'public-filings');
      await p.goto('/public');
      await settled(p.page);
      await shot(p, 'public', { fullPage: false });
    });

    it.each([false, true])(
      'the admin reads the government of each department and user, and offers the new role (phone: %s)',
      async (phone) => {
        const p = await signIn('admin', phone);
        await p.goto('/admin/departments');
        await expect(textOf(p.el('admin-department-government-sy-fgw'))).resolves.toBe('沭阳县人民政府');
        if (phone) await p.checkPhoneLayout();
        await shot(p, 'admin-departments');
        await p.goto('/admin/users');
        await p.el('admin-user-city_filing').waitFor();
        if (!phone) await expect(textOf(p.el('admin-user-government-city_filing'))).resolves.toBe('宿迁市人民政府');
        if (phone) await p.checkPhoneLayout();
        await shot(p, 'admin-users');
        // a new user: the new role is offered, and a government's departments only
        await p.el('admin-user-new').click();
        await expect(textOf(p.el('user-role-filingReviewer'))).resolves.toBe(lang === 'zh' ? '备案审查人员' : 'Filing reviewer');
        await p.el('user-role-filingReviewer').click();
        await p.choose('user-government', 'suqian');
        await p.el('user-department').click();
        await p.page.locator(`${tid('user-department-sq-sfj')}:visible`).waitFor();
        await expect(p.page.locator(`${tid('user-department-fgw')}:visible`).count()).resolves.toBe(0);
        await p.page.keyboard.press('Escape');
        await p.page.waitForTimeout(300);
        await shot(p, 'admin-user-new', { fullPage: false });
      },
    );
  });
});
