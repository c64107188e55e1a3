import { docxText as readDocx } from './docx';
// The annual report on the supervisor's page, in a real browser (Debian's Chromium driven by
// playwright-core) against the real built server seeded with Siyang County's demo: the 2023
// paragraphs, a figure opening the cases behind it, and 下载 Word saving the same paragraphs as a
// .docx — in a Chinese and an English browser (the page asks the server in Chinese in both),
// on a desktop and on a phone. Screenshots go to test-output/screenshots/annual-{zh,en}-*.png.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { launchChromium, Person, SHOTS, textOf, tid } from './browser-harness';
import { bootApp, Booted } from './harness';
import type { components } from '../web/src/api/schema';

jest.setTimeout(180_000);

const DEMO_PASSWORD = 'demo-pass-123';
type Annual = components['schemas']['AnnualReport'];

describe.each([
  ['zh-CN', 'zh'],
  ['en-US', 'en'],
] as const)('the annual report in a %s browser', (locale, lang) => {
  let b: Booted;
  let browser: Browser;
  let token: string;
  const people: Person[] = [];

  beforeAll(async () => {
    [b, browser] = await Promise.all([bootApp({ DOCKET_SEED: 'demo', DOCKET_DEMO_PASSWORD: DEMO_PASSWORD }), launchChromium()]);
    const res = await b.http.post('/api/auth/login').send({ username: 'supervisor', password: DEMO_PASSWORD }).expect(200);
    token = res.body.accessToken as string;
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await b?.close();
  });

  afterEach(async () => {
    for (const p of people.splice(0)) await p.close();
  });

  const expected = async (): Promise<Annual> =>
    (
      await b.http
        .get('/api/reports/annual')
        .query({ year: 2023 })
        .set({ Authorization: `Bearer ${token}` })
        .expect(200)
    ).body as Annual;

  it.each([
    ['desktop', false],
    ['phone', true],
  ] as const)('reads 2023 and downloads it as Word (%s)', async (size, phone) => {
    const report = await expected();
    const p = await Person.signIn(browser, b.baseUrl, 'supervisor', phone, {
      password: DEMO_PASSWORD,
      shownAs: '县委依法治县办 监督人员',
      locale,
    });
    people.push(p);
    await p.goto('/supervision');
    await p.el('annual-year').click();
    await p.page.locator(`${tid('annual-year-2023')}:visible`).click();
    await p.page.locator(tid('annual-title')).getByText(report.title).waitFor();

    // the paragraphs, as the server wrote them
    const texts = await p.el('annual-text').allInnerTexts();
    expect(texts.map((x) => x.trim())).toEqual(report.paragraphs.map((x) => x.text));
    // Chinese in an English browser too: the pages ask the server in their own language
    expect(texts[0]).toContain('年内出台县政府行政规范性文件3件');
    expect(texts[1]).toContain('其中继续有效13件，应予修改1件，决定废止7件');
    expect(texts[2]).toBe('年内纳入重大行政决策事项目录4项，均已完成立案归档。');

    // a figure opens the cases behind it, each a link to its case
    const figure = p.page.locator(`${tid('annual-figure')}[data-key="documents.filingRate"]`);
    await expect(textOf(figure)).resolves.toContain('100%');
    await figure.click();
    const links = p.page.locator(`${tid('annual-figure-cases')} ${tid('annual-case')}`);
    await links.first().waitFor();
    expect((await links.allInnerTexts()).sort()).toEqual(report.figures['documents.filingRate'].cases.map((c) => c.title).sort());
    await p.shot(`annual-${lang}-${size}`);
    await p.el('annual-report').screenshot({ path: join(SHOTS, `annual-${lang}-${size}-panel.png`) });
    if (phone) await p.checkPhoneLayout(false);

    // 下载 Word: the same paragraphs in the .docx
    const [download] = await Promise.all([p.page.waitForEvent('download'), p.el('annual-download').click()]);
    expect(download.suggestedFilename()).toBe(`${report.title}.docx`);
    const file = await download.path();
    const body = await docxText(file);
    expect(body).toContain(report.title);
    for (const para of report.paragraphs) expect(body).toContain(para.text);

    // and the case behind a figure opens
    await links.first().click();
    await p.page.waitForURL('**/cases/*');
    await p.el('case-title').waitFor();
  });
});

/** The text of a downloaded .docx file. */
async function docxText(file: string): Promise<string> {
  return readDocx(readFileSync(file));
}
