import { docxText } from './docx';
// The case page's 文书 panel in a real browser (Debian's Chromium driven by playwright-core)
// against the real built server: a published and filed normative document lists its five papers,
// the ones whose records do not exist greyed with the reason (in Chinese in either browser), and
// each available one downloads as a .docx that holds the case's title. zh-CN and en-US, desktop
// and phone. Screenshots go to test-output/screenshots/papers-{zh,en}-*.png.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { expectVisible, launchChromium, Person, SHOTS, textOf, tid } from './browser-harness';
import { approvedDocument, bootApp, Booted, caseDriver, CaseBody, setUpCounty } from './harness';

jest.setTimeout(180_000);

const TITLE = '泗阳县城市道路挖掘管理办法';

describe.each([
  ['zh-CN', 'zh'],
  ['en-US', 'en'],
] as const)('papers on the case page in a %s browser', (locale, lang) => {
  let b: Booted;
  let browser: Browser;
  let c: CaseBody;
  const people: Person[] = [];

  beforeAll(async () => {
    [b, browser] = await Promise.all([bootApp(), launchChromium()]);
    const tokens = await setUpCounty(b);
    const d = caseDriver(b, tokens);
    c = await approvedDocument(d, 'official', TITLE, {
      created: '2023-03-01',
      submitted: '2023-03-02',
      reviewDue: '2023-03-10',
      opinion: '2023-03-09',
      meeting: '2023-03-15',
    });
    c = await d.ok('secretariat', c, 'PUBLISH_DOCUMENT', '2023-03-20', { channels: ['县政府网站'], effectiveDate: '2023-04-01' });
    c = await d.ok('secretariat', c, 'RECORD_FILING', '2023-03-30', { filedWith: '宿迁市人民政府' });
  });

  afterAll(async () => {
    for (const p of people) await p.context.close().catch(() => undefined);
    await browser?.close();
    await b?.close();
  });

  it.each([
    ['desktop', false],
    ['phone', true],
  ] as const)('lists the papers and downloads each available one (%s)', async (size, phone) => {
    const p = await Person.signIn(browser, b.baseUrl, 'official', phone, { locale });
    people.push(p);
    await p.goto(`/cases/${c.id}`);
    const panel = p.el('papers');
    await expectVisible(panel);
    await expectVisible(p.el('paper-download-approval-form'));
    // no public comment on this document: the notice and the summary are greyed, with why
    expect(await p.el('paper-consultation-notice').getAttribute('data-available')).toBe('false');
    expect(await textOf(p.el('paper-reason-consultation-notice'))).toBe('尚未发布征求意见，无征求意见记录');
    expect(await p.el('paper-adoption-summary').getAttribute('data-available')).toBe('false');
    await p.shot(`papers-${lang}-${size}`);
    await panel.screenshot({ path: join(SHOTS, `papers-${lang}-${size}-panel.png`) });

    for (const kind of ['legality-opinion', 'filing-report', 'approval-form']) {
      const [download] = await Promise.all([p.page.waitForEvent('download'), p.el(`paper-download-${kind}`).click()]);
      expect(download.suggestedFilename()).toMatch(new RegExp(`^${TITLE}-.+\\.docx$`));
      const path = await download.path();
      const text = await docxText(readFileSync(path));
      expect(text).toContain(TITLE);
      expect(text).toContain('县发展和改革委员会');
      if (kind === 'filing-report') expect(text).toContain('泗政规〔2023〕1号');
    }
    expect(p.errors).toEqual([]);
    await expect(p.page.locator(tid('paper-download-consultation-notice')).count()).resolves.toBe(0);
  });
});
