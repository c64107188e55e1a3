// What every browser test shares: Debian's Chromium driven by playwright-core (never a downloaded
// browser), one person at one window (sign in, click, fill, take screenshots), and the checks a
// page must pass on a phone. Screenshots go to test-output/screenshots/.
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { PASSWORD } from './harness';

export const CHROMIUM = process.env.DOCKET_CHROMIUM ?? '/usr/bin/chromium';
export const SHOTS = resolve(__dirname, '../test-output/screenshots');
export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 390, height: 844 };

export const tid = (id: string) => `[data-testid="${id}"]`;
/** `2023-06-05` → `2023年6月5日`, as a person types it into a date field */
export const cn = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
};
export const todayInShanghai = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());

/** One person at one browser window: signs in, clicks, fills, takes screenshots. */
export class Person {
  readonly dialogs: string[] = [];
  readonly errors: string[] = [];
  private constructor(
    readonly context: BrowserContext,
    readonly page: Page,
    private readonly baseUrl: string,
    readonly phone: boolean,
  ) {
    page.on('dialog', (d) => {
      this.dialogs.push(`${d.type()}: ${d.message()}`);
      void d.dismiss();
    });
    page.on('pageerror', (e) => this.errors.push(e.message));
    // a Content-Security-Policy violation (an inline script, an eval, a foreign source) fails the test like a thrown error
    page.on('console', (m) => {
      if (/Content[- ]Security[- ]Policy/i.test(m.text())) this.errors.push(`CSP: ${m.text()}`);
    });
  }

  /** A window at desktop or phone size; `locale` is the browser's language (its Accept-Language), zh-CN unless said. */
  static async open(browser: Browser, baseUrl: string, phone = false, locale = 'zh-CN'): Promise<Person> {
    const context = await browser.newContext({
      viewport: phone ? PHONE : DESKTOP,
      isMobile: phone,
      hasTouch: phone,
      deviceScaleFactor: 1,
      locale,
      timezoneId: 'Asia/Shanghai',
    });
    context.setDefaultTimeout(15_000);
    return new Person(context, await context.newPage(), baseUrl, phone);
  }

  /**
   * Signs in on the login page and lands on the workbench, where the top bar shows `shownAs` (the
   * user's display name; the test users' are their usernames).
   */
  static async signIn(
    browser: Browser,
    baseUrl: string,
    username: string,
    phone = false,
    { password = PASSWORD, shownAs = username, locale }: { password?: string; shownAs?: string; locale?: string } = {},
  ): Promise<Person> {
    const p = await Person.open(browser, baseUrl, phone, locale);
    await p.page.goto(`${baseUrl}/login`);
    await p.page.fill(tid('login-username'), username);
    await p.page.fill(tid('login-password'), password);
    await p.page.click(tid('login-submit'));
    await p.page.waitForURL('**/workbench');
    await p.page.locator(tid('current-user')).getByText(shownAs).first().waitFor();
    return p;
  }

  el(id: string): Locator {
    return this.page.locator(tid(id));
  }

  async goto(path: string) {
    await this.page.goto(`${this.baseUrl}${path}`);
  }

  /** Open `path` and wait until the page has settled (see `settled`). */
  async read(path: string) {
    await this.goto(path);
    await settled(this.page);
  }

  /**
   * A full-page screenshot, after the page has settled (no loading mask, no pending requests);
   * `fullPage: false` for what the window shows (a dialog over a long page).
   */
  async shot(name: string, { fullPage = true }: { fullPage?: boolean } = {}) {
    await this.page.waitForLoadState('networkidle');
    await this.page
      .locator('.el-loading-mask')
      .first()
      .waitFor({ state: 'detached', timeout: 5_000 })
      .catch(() => undefined);
    await this.page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage });
  }

  async fillDate(id: string, iso: string) {
    const input = this.page.locator(`${tid(id)} input`);
    await input.fill(cn(iso));
    await input.press('Enter');
    await expectValue(input, cn(iso));
  }

  async choose(id: string, value: string) {
    await this.el(id).click();
    await this.page.locator(`${tid(`${id}-${value}`)}:visible`).click();
  }

  /** Opens a case from a list on the page by its id. */
  async openCase(caseId: string, within = 'body') {
    await this.page
      .locator(`${within} ${tid('case-link')}[data-case-id="${caseId}"]`)
      .first()
      .click();
    await this.page.waitForURL(`**/cases/${caseId}`);
    await this.el('case-title').waitFor();
  }

  /** Opens the event dialog of an allowed action from its button on the case page. */
  async openAction(type: string) {
    await this.el(`action-${type}`).click();
    await this.el(`event-form-${type}`).waitFor();
  }

  /** Confirms the open event dialog and waits until the case page shows the result. */
  async confirm(type: string) {
    const recorded = this.page.locator(`${tid('history-item')}[data-type="${type}"]`);
    const before = await recorded.count();
    await this.el('event-submit').click();
    await this.el(`event-form-${type}`).waitFor({ state: 'detached' });
    await this.dialogClosed();
    // the event appears in 办理记录
    await recorded.nth(before).waitFor();
  }

  /** Confirms the open event dialog and expects the law's refusal shown in it. */
  async confirmRefused(code: string): Promise<Locator> {
    await this.el('event-submit').click();
    const blocker = this.page.locator(`.el-dialog ${tid('blockers')} ${tid('blocker')}[data-code="${code}"]`);
    await blocker.waitFor();
    return blocker;
  }

  /** Closes the open event dialog without sending it. */
  async cancel() {
    await this.el('event-cancel').click();
    await this.dialogClosed();
  }

  /** No dialog or drawer is left on the page (its closing animation has ended). */
  async dialogClosed() {
    await this.page.locator('.el-overlay:visible').first().waitFor({ state: 'detached' });
  }

  async stage(): Promise<string> {
    return (await this.el('case-stage').innerText()).trim();
  }

  /** The page fits a phone: no sideways scrolling, the menu opens from its toggle. */
  async checkPhoneLayout(withMenu = true) {
    const width = Number(await this.page.evaluate('document.documentElement.scrollWidth'));
    expect(width).toBeLessThanOrEqual(PHONE.width + 1);
    if (!withMenu) return;
    await expectVisible(this.el('menu-toggle'));
    await expect(this.page.locator(`${tid('nav-workbench')}:visible`).count()).resolves.toBe(0);
    await this.el('menu-toggle').click();
    await expectVisible(this.page.locator(`${tid('menu-drawer')} ${tid('nav-workbench')}`).first());
    await this.page.keyboard.press('Escape');
    await this.dialogClosed();
  }

  async close() {
    expect(this.errors).toEqual([]);
    await this.context.close();
  }
}

/** the little of the page's DOM the language check reads (the tests' TypeScript has no DOM library) */
interface TextGlobals {
  document: {
    body: { innerText: string };
    head: { appendChild(e: unknown): void };
    createElement(tag: 'style'): { textContent: string; remove(): void };
    querySelectorAll(
      s: string,
    ): ArrayLike<{ getAttribute(a: string): string | null; checkVisibility?(o?: { visibilityProperty?: boolean }): boolean }>;
  };
}

/**
 * Wait until a page has stopped changing: no request for a while, and the same text twice in a
 * row. Waiting for the network alone is not enough on a busy machine: between a page's script
 * arriving and the requests it makes (the departments' names, say), the network can be idle for
 * longer than the browser's idle window.
 */
export async function settled(page: Page, rounds = 20): Promise<void> {
  let before = '';
  for (let i = 0; i < rounds; i++) {
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(250);
    const now = await visibleText(page);
    if (i > 0 && now === before) return;
    before = now;
  }
}

/**
 * What a person reads on the page: its rendered text, and the placeholders, labels and titles of
 * what is visible (a hidden dialog's words are not read). With `pageWordsOnly`, what users and
 * the records wrote (titles, names, comments: elements marked `translate="no"`) is left out, so
 * only the page's own words remain.
 */
export async function visibleText(page: Page, { pageWordsOnly = false }: { pageWordsOnly?: boolean } = {}): Promise<string> {
  return page.evaluate((skip) => {
    const d = (globalThis as unknown as TextGlobals).document;
    const hide = skip ? d.createElement('style') : null;
    if (hide) {
      hide.textContent = '[translate="no"], [translate="no"] * { visibility: hidden !important; }';
      d.head.appendChild(hide);
    }
    const attrs: string[] = [];
    const els = d.querySelectorAll('[placeholder], [aria-label], [title]');
    for (let i = 0; i < els.length; i++) {
      const el = els[i];
      if (el.checkVisibility && !el.checkVisibility({ visibilityProperty: true })) continue;
      for (const a of ['placeholder', 'aria-label', 'title']) {
        const v = el.getAttribute(a);
        if (v) attrs.push(v);
      }
    }
    const text = [d.body.innerText, ...attrs].join('\n');
    hide?.remove();
    return text;
  }, pageWordsOnly);
}

/**
 * Words the Chinese pages show in Latin letters on purpose: the product's name, English as the
 * language switch names it, and the names of file formats and programs an official knows them by (Word, Excel, docx, pdf…).
 */
export const LATIN_ALLOWED =
  /^(Docket|English|Windows|Word|Excel|PowerPoint|WPS|OFD|doc|docx|xls|xlsx|ppt|pptx|pdf|zip|txt|jpg|jpeg|png)$/i;

/** Chinese on a page that should be English from end to end, outside what users wrote. */
export function chineseWords(text: string): string[] {
  return [...new Set(text.match(/[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]+/g) ?? [])];
}

/** Latin words on a page that should be Chinese from end to end (codes in capitals with underscores are named on purpose). */
export function foreignWords(text: string): string[] {
  const words = text.match(/[A-Za-z][A-Za-z_]+/g) ?? [];
  return [...new Set(words.filter((w) => !LATIN_ALLOWED.test(w) && !/^[A-Z][A-Z0-9_]+$/.test(w)))];
}

export async function expectVisible(l: Locator) {
  await l.waitFor({ state: 'visible' });
  expect(await l.isVisible()).toBe(true);
}

export async function expectValue(l: Locator, value: string) {
  await expect(l.inputValue()).resolves.toBe(value);
}

/** Wait until `l` reads exactly `text` (a count, say, that shows 0 until its list has loaded). */
export async function untilText(l: Locator, text: string): Promise<void> {
  const escaped = text.replace(/[.*+?^$|()[\]{}\\]/g, '\\$&');
  await l
    .filter({ hasText: new RegExp(`^\\s*${escaped}\\s*$`) })
    .first()
    .waitFor();
}

export async function textOf(l: Locator): Promise<string> {
  await l.first().waitFor();
  return (await l.first().innerText()).trim();
}

/** Debian's Chromium, headless; screenshots' folder made. Fails with how to install it when it is missing. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium is missing at ${CHROMIUM}: the browser tests need Debian's chromium ` +
        '(apt-get install -y chromium fonts-noto-cjk); .ci/run installs it.',
    );
  }
  mkdirSync(SHOTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}
