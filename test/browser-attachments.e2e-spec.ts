// Attachments (附件) on the case page in a real browser (Debian's Chromium driven by playwright-core),
// against the real built server seeded with the demo: an official uploads a PDF as 送审稿, sees it
// listed by kind and in 办理记录, downloads it (the same bytes), and is refused an .exe with the
// reason; in a Chinese and an English browser (the page, and the server's words it shows, are
// Chinese in both), at desktop and phone size. Screenshots: attachments-{zh,en}-*.png.
import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { expectVisible, launchChromium, Person, textOf, tid } from './browser-harness';
import { bootApp, Booted, CaseBody } from './harness';

jest.setTimeout(180_000);

const DEMO_PASSWORD = 'demo-pass-123';
const NAMES = { fgw_official: '县发改委 承办人员', zjj_official: '县住建局 承办人员' } as const;
type Who = keyof typeof NAMES;

const PDF = Buffer.concat([
  Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n', 'latin1'),
  Buffer.alloc(3000, 9),
]);
const EXE = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'), Buffer.alloc(500)]);

describe.each([
  ['zh-CN', 'zh'],
  ['en-US', 'en'],
] as const)('attachments in a %s browser', (locale, lang) => {
  let b: Booted;
  let browser: Browser;
  const tokens = {} as Record<Who, string>;
  const people: Person[] = [];
  const shot = (p: Person, name: string) => p.shot(`attachments-${lang}-${name}`);

  const draft = async (who: Who, title: string): Promise<CaseBody> => {
    const res = await b.http
      .post('/api/cases')
      .set({ Authorization: `Bearer ${tokens[who]}` })
      .send({
        procedure: 'normative-document',
        title,
        department: who.startsWith('zjj') ? 'zjj' : 'fgw',
        affectsPublicRights: false,
        marketRelated: false,
        interim: false,
        issuingOrgan: 'government',
      });
    if (res.status !== 201) throw new Error(`create ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as CaseBody;
  };

  const signIn = async (who: Who, phone = false) => {
    const p = await Person.signIn(browser, b.baseUrl, who, phone, { password: DEMO_PASSWORD, shownAs: NAMES[who], locale });
    people.push(p);
    return p;
  };

  /** choose the kind and the file, press 上传 */
  async function uploadThrough(p: Person, kind: string, name: string, buffer: Buffer, mimeType: string) {
    await p.choose('attachment-kind', kind);
    await p.el('attachment-file').setInputFiles({ name, mimeType, buffer });
    await expect(textOf(p.el('attachment-chosen'))).resolves.toContain(name);
    await p.el('attachment-submit').click();
  }

  beforeAll(async () => {
    [b, browser] = await Promise.all([bootApp({ DOCKET_SEED: 'demo', DOCKET_DEMO_PASSWORD: DEMO_PASSWORD }), launchChromium()]);
    for (const who of Object.keys(NAMES) as Who[]) {
      const res = await b.http.post('/api/auth/login').send({ username: who, password: DEMO_PASSWORD }).expect(200);
      tokens[who] = res.body.accessToken as string;
    }
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
  ] as const)('on a %s: upload a PDF, see it listed, download the same bytes; an .exe is refused with the reason', async (size, phone) => {
    const c = await draft('fgw_official', `泗阳县城区停车管理办法（${size}）`);
    const p = await signIn('fgw_official', phone);
    await p.goto(`/cases/${c.id}`);
    await p.el('attachments').waitFor();
    await expectVisible(p.el('attachments-empty'));
    await expectVisible(p.el('attachment-upload'));

    await uploadThrough(p, 'draft', '停车管理办法（送审稿）.pdf', PDF, 'application/pdf');
    const item = p.page.locator(`${tid('attachment-group')}[data-kind="draft"] ${tid('attachment-item')}`);
    await item.waitFor();
    await expect(textOf(p.el('attachment-group').locator('h3'))).resolves.toBe('送审稿');
    await expect(textOf(item.locator(tid('attachment-download')))).resolves.toBe('停车管理办法（送审稿）.pdf');
    // in 办理记录 too, where it was added, with its SHA-256 (the page reloaded the case and its history)
    await p.page.locator(`${tid('history-item')}[data-type="ATTACHMENT_ADDED"] ${tid('history-attachment')}`).waitFor();
    await expect(
      textOf(p.page.locator(`${tid('history-item')}[data-type="ATTACHMENT_ADDED"] ${tid('history-attachment')}`)),
    ).resolves.toContain('【送审稿】停车管理办法（送审稿）.pdf');
    const listed = (
      await b.http
        .get(`/api/cases/${c.id}/attachments`)
        .set({ Authorization: `Bearer ${tokens.fgw_official}` })
        .expect(200)
    ).body as { sha256: string }[];
    await expect(textOf(item.locator(tid('attachment-sha256')))).resolves.toBe(`SHA-256：${listed[0].sha256}`);
    await shot(p, `${size}-1-uploaded`);

    const [dl] = await Promise.all([p.page.waitForEvent('download'), item.locator(tid('attachment-download')).click()]);
    expect(dl.suggestedFilename()).toBe('停车管理办法（送审稿）.pdf');
    expect(Buffer.compare(readFileSync((await dl.path())!), PDF)).toBe(0);

    await uploadThrough(p, 'other', 'setup.pdf', EXE, 'application/pdf');
    const refusal = p.el('attachment-refusal');
    await expectVisible(refusal);
    const said = await textOf(refusal);
    expect(said).toContain('「setup.pdf」未上传：文件格式不予接收');
    // the pages ask the server in Chinese whatever the browser's language
    expect(said).toContain('Windows 可执行程序（MZ）');
    await expect(p.page.locator(tid('attachment-item')).count()).resolves.toBe(1);
    await shot(p, `${size}-2-refused`);
    expect(p.errors).toEqual([]);
  });

  it("another department's official sees no upload and no attachment of the case they cannot read", async () => {
    const c = await draft('fgw_official', '泗阳县户外广告设置管理办法');
    const mine = await signIn('zjj_official');
    await mine.goto(`/cases/${c.id}`);
    await expectVisible(mine.el('case-error'));
    await expect(mine.page.locator(tid('attachment-upload')).count()).resolves.toBe(0);
  });
});
