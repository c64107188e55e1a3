// Citizens' comments on the case page, in a real browser (Debian's Chromium driven by
// playwright-core) against the real built server: three identical citizen comments are one row
// marked 相同意见 3 条 (the citizen repeating one on the public page is told so), and the official ticks several similar comments and disposes of them in one
// act, on a desktop and on a phone. The API only sets up and cross-checks. Screenshots go to
// test-output/screenshots/.
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { expectVisible, launchChromium, Person, SHOTS, textOf, tid, todayInShanghai } from './browser-harness';
import { bootApp, Booted, caseDriver, CaseBody, setUpCounty, Tokens } from './harness';

jest.setTimeout(120_000);

interface Comment {
  id: string;
  count?: number;
  disposition?: { disposition: string; reason: string };
}

describe('comments in the browser: duplicate counts and group disposition', () => {
  let b: Booted;
  let tokens: Tokens;
  let browser: Browser;
  let d: ReturnType<typeof caseDriver>;
  let c: CaseBody;
  const people: Person[] = [];
  let address = 0;

  const signIn = async (username: string, phone = false) => {
    const p = await Person.signIn(browser, b.baseUrl, username, phone);
    people.push(p);
    return p;
  };

  /** A citizen's comment from an address of their own (the throttle counts each address). */
  const citizen = (content: string, submitter?: string) =>
    b.http
      .post(`/api/public/consultations/${c.id}/comments`)
      .set('X-Forwarded-For', `203.0.113.${++address}`)
      .send({ content, ...(submitter ? { submitter } : {}) })
      .expect(201);

  beforeAll(async () => {
    [b, browser] = await Promise.all([bootApp({ DOCKET_TRUST_PROXY: 'loopback' }), launchChromium()]);
    tokens = await setUpCounty(b);
    d = caseDriver(b, tokens);
    const today = todayInShanghai();
    const draft = await d.create('official', {
      procedure: 'normative-document',
      title: '泗阳县城市停车管理办法（征求意见稿）',
      department: 'fgw',
      affectsPublicRights: true,
      marketRelated: false,
      interim: false,
      issuingOrgan: 'government',
    });
    const [y, m, day] = today.split('-').map(Number);
    const end = new Date(Date.UTC(y, m - 1, day + 40)).toISOString().slice(0, 10);
    c = await d.ok('official', draft, 'OPEN_PUBLIC_COMMENT', today, {
      draftText: '草案全文及起草说明',
      startDate: today,
      endDate: end,
      channels: ['县政府网站'],
    });
    await citizen('建议夜间路边停车免费', '市民甲');
    await citizen('建议夜间路边停车 免费');
    await citizen('建议在学校周边增设临时停车位', '家长代表');
    await citizen('学校门口接送孩子没有地方停车，建议增设停车位');
    await citizen('建议学校附近设置限时停车区');
    await citizen('建议公布停车收费资金的使用情况', '居民丙');
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await b?.close();
  });

  afterEach(async () => {
    const open = people.splice(0);
    for (const p of open) await p.close();
  });

  /** The comments section alone, without the sticky top bar or a passing message over it. */
  const shotOfComments = (p: Person, name: string) =>
    p.el('record-public-comment').screenshot({
      path: join(SHOTS, `${name}.png`),
      style: '.topbar, .el-message { visibility: hidden !important; }',
    });

  const commentsOf = async () => (await d.get('supervisor', c.id)).comments as Comment[];

  it('0. a citizen sending a comment identical to one received is told it joined that comment', async () => {
    const person = await Person.open(browser, b.baseUrl);
    people.push(person);
    await person.goto('/public');
    const item = person.page.locator(`${tid('consultation')}[data-consultation-id="${c.id}"]`);
    await item.locator(tid('comment-content')).fill('建议夜间路边停车免费');
    await item.locator(tid('comment-submitter')).fill('市民乙');
    await item.locator(tid('comment-submit')).click();
    const receipt = await textOf(item.locator(tid('comment-success')));
    expect(receipt).toContain('与此前收到的意见（意见编号 c1）内容相同，已合并登记');
    await item.locator(tid('comment-success')).screenshot({ path: join(SHOTS, '19-public-comment-merged.png') });
  });

  it('1. desktop: the duplicate count beside the comment; three similar comments ticked and disposed of in one act', async () => {
    const off = await signIn('official');
    await off.goto(`/cases/${c.id}`);
    await off.el('comments-table').waitFor();
    await expect(textOf(off.el('comments-heading'))).resolves.toBe('收到的意见（共 7 条，相同意见合并后 5 项）');
    const first = off.page.locator(`${tid('comments-table')} tr`, { has: off.page.getByText('建议夜间路边停车免费') });
    await expect(textOf(first.locator(tid('comment-count')))).resolves.toBe('相同意见 3 条');
    await expect(off.page.locator(tid('comment-count')).count()).resolves.toBe(1);

    // nothing ticked: nothing to dispose of together
    await expect(off.el('comments-dispose-selected').isDisabled()).resolves.toBe(true);
    for (const id of ['c2', 'c3', 'c4']) await off.page.locator(`${tid('comment-select')}[data-comment-id="${id}"]`).click();
    await expect(textOf(off.el('comments-dispose-selected'))).resolves.toBe('一并处理所选 3 条意见');
    await shotOfComments(off, '20-comments-ticked-desktop');
    await off.el('comments-dispose-selected').click();
    await off.el('event-form-DISPOSE_COMMENT').waitFor();
    // the first ticked is the comment, the others go with it
    await expect(textOf(off.el('formitem-commentId'))).resolves.toContain('c2');
    const also = await textOf(off.el('formitem-alsoCommentIds'));
    expect(also).toContain('一并处理的其他意见');
    expect(also).toMatch(/c3[\s\S]*c4/);
    await off.choose('field-disposition', 'partly-adopted');
    await off.page.fill(tid('field-reason'), '在学校周边设置限时临时停车区，不增设固定停车位');
    await off.page.locator('.el-dialog').screenshot({ path: join(SHOTS, '20-comments-group-dialog-desktop.png') });
    await off.confirm('DISPOSE_COMMENT');

    const table = await textOf(off.el('comments-table'));
    expect(table.match(/部分采纳/g)).toHaveLength(3);
    expect(table.match(/在学校周边设置限时临时停车区/g)).toHaveLength(3);
    // one act in the case's history
    await expect(off.page.locator(`${tid('history-item')}[data-type="DISPOSE_COMMENT"]`).count()).resolves.toBe(1);
    await shotOfComments(off, '20-comments-group-desktop');

    expect((await commentsOf()).map((x) => [x.id, x.count, x.disposition?.disposition])).toEqual([
      ['c1', 3, undefined],
      ['c2', undefined, 'partly-adopted'],
      ['c3', undefined, 'partly-adopted'],
      ['c4', undefined, 'partly-adopted'],
      ['c5', undefined, undefined],
    ]);
  });

  it('2. phone: the count on the card; two comments ticked and disposed of together', async () => {
    const off = await signIn('official', true);
    await off.goto(`/cases/${c.id}`);
    const card = off.page.locator(`${tid('comment-row')}[data-comment-id="c1"]`);
    await expect(textOf(card.locator(tid('comment-count')))).resolves.toBe('相同意见 3 条');
    // disposed comments have no box to tick
    await expect(off.page.locator(`${tid('comment-select')}[data-comment-id="c2"]`).count()).resolves.toBe(0);
    for (const id of ['c1', 'c5']) await off.page.locator(`${tid('comment-select')}[data-comment-id="${id}"]`).click();
    await expect(textOf(off.el('comments-dispose-selected'))).resolves.toBe('一并处理所选 2 条意见');
    await shotOfComments(off, '21-comments-ticked-phone');
    await off.el('comments-dispose-selected').click();
    await off.el('event-form-DISPOSE_COMMENT').waitFor();
    await off.choose('field-disposition', 'adopted');
    await off.page.fill(tid('field-reason'), '夜间路边停车免费并公开收费资金使用情况');
    await off.confirm('DISPOSE_COMMENT');
    await expectVisible(card.getByText('夜间路边停车免费并公开收费资金使用情况'));
    await off.checkPhoneLayout(false);
    await shotOfComments(off, '21-comments-group-phone');

    const comments = await commentsOf();
    expect(comments.every((x) => x.disposition)).toBe(true);
    expect(comments.filter((x) => x.disposition?.disposition === 'adopted').map((x) => x.id)).toEqual(['c1', 'c5']);
    // nothing is left to tick, so no group bar
    await expect(off.el('comments-group-bar').count()).resolves.toBe(0);
  });
});
