// Office work in a real browser (Debian's Chromium driven by playwright-core), against the real
// built server seeded with Siyang County's demo: the workbench's four lists, the bell, transfer
// (转办), copies (抄送) and urging (催办) on the case page and the overdue lists, and the two ways a
// submission for legality review ends without an opinion (退回补正 by the reviewer, 撤回送审 by the
// official). Each step is done as a person would, through the pages, in a Chinese and an English
// browser (the pages, and the server's words they show, are Chinese in both); the API
// only sets up and cross-checks. Screenshots go to test-output/screenshots/office-{zh,en}-*.png.
import { findWorkday } from 'chinese-days';
import type { Browser } from 'playwright-core';
import { cn, expectVisible, launchChromium, Person, PHONE, textOf, tid, todayInShanghai, untilText } from './browser-harness';
import { bootApp, Booted, CaseBody } from './harness';

jest.setTimeout(180_000);

const DEMO_PASSWORD = 'demo-pass-123';
/** the demo's users as the top bar names them */
const NAMES = {
  fgw_official: '县发改委 承办人员',
  zjj_official: '县住建局 承办人员',
  zjj_official2: '县住建局 承办人员（二）',
  reviewer: '县司法局 合法性审查人员',
  secretariat: '县政府办公室',
  supervisor: '县委依法治县办 监督人员',
} as const;
type Who = keyof typeof NAMES;

const plusDays = (iso: string, n: number) => {
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
};

/** the little of the page's DOM the test reads (the tests' TypeScript has no DOM library) */
interface PageGlobals {
  document: { getAnimations(): { playState: string }[] };
}

interface Colleague {
  id: string;
  displayName: string;
}
interface Notification {
  id: string;
  type: string;
  caseId: string;
  read: boolean;
  message: string;
}

describe.each([
  ['zh-CN', 'zh'],
  ['en-US', 'en'],
] as const)('office work in a %s browser', (locale, lang) => {
  let b: Booted;
  let browser: Browser;
  const tokens = {} as Record<Who, string>;
  const ids = {} as Record<Who, string>;
  const people: Person[] = [];
  const today = todayInShanghai();
  const shot = (p: Person, name: string) => p.shot(`office-${lang}-${name}`);
  /** a dialog (or dropdown) over the page: what the window shows */
  const shotWindow = async (p: Person, name: string) => {
    // once its opening animation has ended
    await p.page.waitForFunction(() =>
      (globalThis as unknown as PageGlobals).document.getAnimations().every((a) => a.playState !== 'running'),
    );
    await p.shot(`office-${lang}-${name}`, { fullPage: false });
  };

  const signIn = async (who: Who, phone = false) => {
    const p = await Person.signIn(browser, b.baseUrl, who, phone, { password: DEMO_PASSWORD, shownAs: NAMES[who], locale });
    people.push(p);
    return p;
  };

  /** The API as `who`, in Chinese as the pages ask whatever the browser's language, so its words match theirs. */
  const call = async <T>(who: Who, method: 'get' | 'post', path: string, body?: object): Promise<T> => {
    const req = b.http[method](path).set({ Authorization: `Bearer ${tokens[who]}` });
    const res = body ? await req.send(body) : await req;
    if (res.status >= 300) throw new Error(`${method.toUpperCase()} ${path} answered ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as T;
  };
  const getCase = (who: Who, id: string) => call<CaseBody>(who, 'get', `/api/cases/${id}`);
  const send = (who: Who, c: CaseBody, type: string, occurredAt: string, data: object = {}) =>
    call<CaseBody>(who, 'post', `/api/cases/${c.id}/events`, { type, expectedVersion: c.version, occurredAt, data });
  const notifications = (who: Who) => call<{ unread: number; items: Notification[] }>(who, 'get', '/api/notifications?pageSize=100');

  /** A county-government normative document of `who`'s department that affects no one's rights: it goes straight to review. */
  const draft = (who: Who, title: string) =>
    call<CaseBody>(who, 'post', '/api/cases', {
      procedure: 'normative-document',
      title,
      department: who.startsWith('zjj') ? 'zjj' : 'fgw',
      affectsPublicRights: false,
      marketRelated: false,
      interim: false,
      issuingOrgan: 'government',
    });
  const submitted = async (who: Who, title: string) =>
    send(who, await draft(who, title), 'SUBMIT_FOR_LEGALITY_REVIEW', today, { reviewDueDate: findWorkday(8, today) });

  /** The bell shows this many unread. */
  const bellShows = (p: Person, n: number) => p.page.locator(`${tid('bell')}[data-unread="${n}"]`).waitFor();

  beforeAll(async () => {
    [b, browser] = await Promise.all([bootApp({ DOCKET_SEED: 'demo', DOCKET_DEMO_PASSWORD: DEMO_PASSWORD }), launchChromium()]);
    for (const who of Object.keys(NAMES) as Who[]) {
      const res = await b.http.post('/api/auth/login').send({ username: who, password: DEMO_PASSWORD }).expect(200);
      tokens[who] = res.body.accessToken as string;
    }
    const directory = await call<Colleague[]>('supervisor', 'get', '/api/users/directory');
    for (const who of Object.keys(NAMES) as Who[]) ids[who] = directory.find((c) => c.displayName === NAMES[who])!.id;
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await b?.close();
  });

  afterEach(async () => {
    const open = people.splice(0);
    for (const p of open) await p.close();
  });

  it('1. an official transfers a case to a colleague of the department and copies it; the colleague finds it in 待办', async () => {
    const c = await draft('zjj_official', '泗阳县物业服务收费管理办法');
    const off = await signIn('zjj_official');
    // the workbench: four tabs with their counts; 我发起的 lists the demo's cases of this official
    const mine = await call<{ total: number }>('zjj_official', 'get', '/api/cases?view=mine&pageSize=1');
    await untilText(off.el('view-count-mine'), String(mine.total));
    await expect(textOf(off.el('view-tab-todo'))).resolves.toContain('待办');
    await off.page.locator(`${tid('view-todo')} ${tid('case-link')}[data-case-id="${c.id}"]`).waitFor();
    await expect(textOf(off.el('view-todo').locator(tid('case-assignee')))).resolves.toBe(NAMES.zjj_official);
    await shot(off, '01-workbench-todo');
    await off.el('view-tab-mine').click();
    await off.page
      .locator(`${tid('view-mine')} ${tid('case-link')}`)
      .first()
      .waitFor();
    await shot(off, '01-workbench-mine');

    await off.el('view-tab-todo').click();
    await off.openCase(c.id, tid('view-todo'));
    await expect(textOf(off.el('case-assignee'))).resolves.toBe(NAMES.zjj_official);
    // 转办: a colleague of the department, with the reason
    await off.el('act-ASSIGN').click();
    await off.el('act-form-ASSIGN').waitFor();
    await off.el('act-submit').click();
    await expect(textOf(off.el('formitem-act-assignee').locator('.el-form-item__error'))).resolves.toBe('请选择转办给谁');
    await expect(textOf(off.el('formitem-act-reason').locator('.el-form-item__error'))).resolves.toBe('请填写转办理由');
    await off.choose('act-assignee', ids.zjj_official2);
    // only the department's other official is offered
    await expect(off.page.locator(`${tid(`act-assignee-${ids.fgw_official}`)}`).count()).resolves.toBe(0);
    await off.page.fill(tid('act-reason'), '工作调整，由住建局承办人员（二）继续承办');
    await shotWindow(off, '01-transfer-dialog');
    await off.el('act-submit').click();
    await off.el('act-form-ASSIGN').waitFor({ state: 'detached' });
    await off.dialogClosed();
    await off.page.locator(tid('case-assignee'), { hasText: NAMES.zjj_official2 }).waitFor();
    const assigned = off.page.locator(`${tid('history-item')}[data-type="ASSIGNED"]`);
    await expect(textOf(assigned)).resolves.toContain(`${NAMES.zjj_official} → ${NAMES.zjj_official2}`);
    await expect(textOf(assigned)).resolves.toContain('转办理由：工作调整，由住建局承办人员（二）继续承办');
    await expect(textOf(assigned.locator(tid('history-actor')))).resolves.toBe(NAMES.zjj_official);
    // no longer in charge: no 转办 for them; still an official of the department, they may copy it
    await expect(off.el('act-ASSIGN').count()).resolves.toBe(0);

    // 抄送: several people, with a note
    await off.el('act-COPY').click();
    await off.el('act-form-COPY').waitFor();
    await off.el('act-copy-users').click();
    await off.page.locator(`${tid(`act-copy-users-${ids.secretariat}`)}:visible`).click();
    await off.page.locator(`${tid(`act-copy-users-${ids.supervisor}`)}:visible`).click();
    await off.page.fill(tid('act-note'), '请知悉');
    await shotWindow(off, '01-copy-dialog');
    await off.el('act-submit').click();
    await off.el('act-form-COPY').waitFor({ state: 'detached' });
    await off.dialogClosed();
    const copies = await textOf(off.el('case-copies'));
    expect(copies).toMatch(/^抄送（仅供知悉）：/);
    for (const who of ['secretariat', 'supervisor'] as const) expect(copies).toContain(NAMES[who]);
    const copied = off.page.locator(`${tid('history-item')}[data-type="COPIED"]`);
    await expect(textOf(copied)).resolves.toMatch(
      new RegExp(`抄送给：(${NAMES.secretariat}、${NAMES.supervisor}|${NAMES.supervisor}、${NAMES.secretariat})`),
    );
    await expect(textOf(copied)).resolves.toContain('附言：请知悉');
    await shot(off, '01-case-transferred-and-copied');

    // the colleague: told by the bell, finds it in 待办
    const told = (await notifications('zjj_official2')).unread;
    expect(told).toBeGreaterThanOrEqual(1);
    const col = await signIn('zjj_official2');
    await bellShows(col, told);
    await col.page.locator(`${tid('view-todo')} ${tid('case-link')}[data-case-id="${c.id}"]`).waitFor();
    await expect(textOf(col.el('view-count-todo'))).resolves.toBe('1');
    await shot(col, '01-colleague-workbench');
    await col.openCase(c.id, tid('view-todo'));
    await expectVisible(col.el('act-ASSIGN'));
    await expectVisible(col.el('action-SUBMIT_FOR_LEGALITY_REVIEW'));
    await shot(col, '01-colleague-case');

    const after = await getCase('zjj_official2', c.id);
    expect(after.assignee).toEqual({ id: ids.zjj_official2, displayName: NAMES.zjj_official2 });
    expect(after.copies.map((x) => x.userId).sort()).toEqual([ids.secretariat, ids.supervisor].sort());
  });

  it('2. a supervisor urges an overdue case from the overdue list and from the case; its official sees the bell go up and opens it', async () => {
    // set-up: a document whose comment period ended in October and was never closed: overdue, the official's step
    let c = await call<CaseBody>('fgw_official', 'post', '/api/cases', {
      procedure: 'normative-document',
      title: '泗阳县城市道路挖掘管理办法',
      department: 'fgw',
      occurredAt: '2026-09-01',
      affectsPublicRights: true,
      marketRelated: false,
      interim: false,
      issuingOrgan: 'government',
    });
    c = await send('fgw_official', c, 'OPEN_PUBLIC_COMMENT', '2026-09-01', {
      startDate: '2026-09-01',
      endDate: '2026-10-30',
      channels: ['县政府网站'],
      draftText: '第一条 为加强城市道路挖掘管理，制定本办法。',
    });
    expect(c.due).toMatchObject({ date: '2026-10-30', overdue: true });

    const off = await signIn('fgw_official');
    const before = (await notifications('fgw_official')).unread;
    await bellShows(off, before);

    const sup = await signIn('supervisor');
    await sup.el('goto-supervision').click();
    await sup.page.waitForURL('**/supervision**');
    const row = sup.page.locator(`${tid('overdue-cases')} ${tid('case-urge')}[data-case-id="${c.id}"]`);
    await row.waitFor();
    await shot(sup, '02-supervision-overdue');
    await row.click();
    await sup.el('act-form-URGE').waitFor();
    await expect(textOf(sup.el('act-case-title'))).resolves.toBe('泗阳县城市道路挖掘管理办法');
    await sup.el('act-submit').click();
    await expect(textOf(sup.el('formitem-act-message').locator('.el-form-item__error'))).resolves.toBe('请填写催办意见');
    await sup.page.fill(tid('act-message'), '征求意见期已于10月30日届满，请尽快结束征求意见并处理意见');
    await shotWindow(sup, '02-urge-dialog');
    await sup.el('act-submit').click();
    await sup.el('act-form-URGE').waitFor({ state: 'detached' });
    await sup.dialogClosed();

    // the official's bell counts it on their next page
    await off.el('nav-cases').click();
    await off.page.waitForURL('**/cases');
    await bellShows(off, before + 1);
    await off.el('bell').click();
    const urged = off.page.locator(`${tid('bell-panel')} ${tid('notification')}[data-type="URGED"][data-read="false"]`).first();
    await urged.waitFor();
    await expect(textOf(urged.locator(tid('notification-message')))).resolves.toContain('征求意见期已于10月30日届满');
    await expect(textOf(urged)).resolves.toContain('催办');
    await shotWindow(off, '02-bell-open');
    await urged.locator(tid('notification-open')).click();
    await off.page.waitForURL(`**/cases/${c.id}`);
    await off.el('case-title').waitFor();
    await bellShows(off, before);
    const entry = off.page.locator(`${tid('history-item')}[data-type="URGED"]`);
    await expect(textOf(entry)).resolves.toContain('催办意见：征求意见期已于10月30日届满，请尽快结束征求意见并处理意见');
    await expect(textOf(entry)).resolves.toContain(`催办对象：${NAMES.fgw_official}`);
    await expect(textOf(entry.locator(tid('history-actor')))).resolves.toBe(NAMES.supervisor);
    // and at the top of the case, until a step of the procedure answers it
    await expect(textOf(off.el('case-urged'))).resolves.toContain(`督办提示：${NAMES.supervisor}于`);
    await expect(textOf(off.el('case-urged-message'))).resolves.toBe('征求意见期已于10月30日届满，请尽快结束征求意见并处理意见');
    await shot(off, '02-official-case-urged');

    // 催办 again from the case page, with a date to answer by
    const respondBy = plusDays(today, 7);
    await sup.goto(`/cases/${c.id}`);
    await sup.el('case-title').waitFor();
    await sup.el('act-URGE').click();
    await sup.el('act-form-URGE').waitFor();
    await sup.page.fill(tid('act-message'), '请于答复期限前书面说明办理进展');
    await sup.fillDate('act-respond-by', respondBy);
    await sup.el('act-submit').click();
    await sup.el('act-form-URGE').waitFor({ state: 'detached' });
    await sup.dialogClosed();
    await sup.page
      .locator(`${tid('history-item')}[data-type="URGED"]`)
      .nth(1)
      .waitFor();
    await expect(textOf(sup.page.locator(`${tid('history-item')}[data-type="URGED"]`).first())).resolves.toContain(
      `答复期限：${cn(respondBy)}`,
    );
    await expect(textOf(sup.el('case-urged'))).resolves.toContain('（已催办 2 次）');
    await expect(textOf(sup.el('case-urged-respond-by'))).resolves.toBe(`请于 ${cn(respondBy)} 前答复办理情况。`);
    await shot(sup, '02-supervisor-case-urged');
    // the case list of overdue cases offers 催办 too
    await sup.goto('/cases?overdue=true');
    await sup.page.locator(`${tid('case-list')} ${tid('case-urge')}[data-case-id="${c.id}"]`).waitFor();
    await shot(sup, '02-cases-overdue');

    // the notifications page: the unread one first in 未读, marked read from its row
    await off.goto('/notifications');
    await off.el('notifications-filter-unread').click();
    await off.page.waitForURL('**/notifications?unread=true');
    const unread = off.page.locator(`${tid('notifications-list')} ${tid('notification')}[data-type="URGED"]`).first();
    await expect(textOf(unread)).resolves.toContain('请于答复期限前书面说明办理进展');
    await shot(off, '02-notifications-unread');
    await unread.locator(tid('notification-read')).click();
    await bellShows(off, before);
    await off.el('notifications-filter-all').click();
    await off.page
      .locator(`${tid('notifications-list')} ${tid('notification')}[data-type="URGED"][data-read="true"]`)
      .nth(1)
      .waitFor();
    await shot(off, '02-notifications-all');
    const n = await notifications('fgw_official');
    expect(n.items.filter((x) => x.type === 'URGED' && x.caseId === c.id).map((x) => x.read)).toEqual([true, true]);
  });

  it('3. a reviewer returns a package for correction with the missing materials; the official reads what is missing', async () => {
    const c = await submitted('zjj_official', '泗阳县建筑垃圾管理办法');
    const rev = await signIn('reviewer');
    // the case page offers 退回补正 beside 出具审查意见
    await rev.goto(`/cases/${c.id}`);
    await expectVisible(rev.el('action-ISSUE_LEGALITY_OPINION'));
    await expectVisible(rev.el('action-RETURN_FOR_CORRECTION'));
    await shot(rev, '03-reviewer-case');

    // and so does the review queue, from the case's row
    await rev.el('nav-review').click();
    await rev.page.waitForURL('**/review');
    const back = rev.page.locator(`${tid('review-return')}[data-case-id="${c.id}"]`);
    await back.waitFor();
    await shot(rev, '03-review-queue');
    await back.click();
    await rev.el('event-form-RETURN_FOR_CORRECTION').waitFor();
    await expect(textOf(rev.el('event-case-title'))).resolves.toBe('泗阳县建筑垃圾管理办法');
    // the reason is a text area; the missing materials are entered item by item
    await expect(rev.el('field-reason').evaluate((e) => e.tagName)).resolves.toBe('TEXTAREA');
    await rev.page.fill(tid('field-reason'), '送审材料不齐全，请补齐后重新送审。');
    await rev.page.fill(tid('field-missingItems-0'), '起草说明');
    await rev.el('field-missingItems-add').click();
    await rev.page.fill(tid('field-missingItems-1'), '制定依据对照表');
    // Enter starts the next item
    await rev.el('field-missingItems-1').press('Enter');
    await rev.page.locator(`${tid('field-missingItems-2')}:focus`).waitFor();
    await rev.page.keyboard.type('征求意见情况说明');
    await expect(rev.el('field-missingItems-2').inputValue()).resolves.toBe('征求意见情况说明');
    await shotWindow(rev, '03-return-form');
    await rev.el('event-submit').click();
    await rev.el('event-form-RETURN_FOR_CORRECTION').waitFor({ state: 'detached' });
    await rev.dialogClosed();
    await rev.page.locator(`${tid('review-open')}[data-case-id="${c.id}"]`).waitFor({ state: 'detached' });

    const drafting = (await getCase('zjj_official', c.id)).stageLabel;
    const off = await signIn('zjj_official');
    await off.el('bell').click();
    const note = off.page.locator(`${tid('bell-panel')} ${tid('notification')}[data-type="RETURNED_FOR_CORRECTION"]`).first();
    await expect(textOf(note)).resolves.toContain('送审材料不齐全，请补齐后重新送审。');
    await note.locator(tid('notification-open')).click();
    await off.page.waitForURL(`**/cases/${c.id}`);
    await off.el('case-title').waitFor();
    expect(await off.stage()).toBe(`${drafting}（已退回补正，待补齐材料后重新送审）`);
    await expect(textOf(off.el('case-returned'))).resolves.toContain('需补正的材料：起草说明；制定依据对照表；征求意见情况说明');
    const record = off.el('record-legality');
    await expectVisible(record.locator(tid('legality-returned')));
    await expect(record.locator(tid('legality-missing-item')).allInnerTexts()).resolves.toEqual([
      '起草说明',
      '制定依据对照表',
      '征求意见情况说明',
    ]);
    const entry = off.page.locator(`${tid('history-item')}[data-type="RETURN_FOR_CORRECTION"]`);
    await expect(textOf(entry)).resolves.toContain('退回理由：送审材料不齐全，请补齐后重新送审。');
    await expect(textOf(entry.locator(tid('history-actor')))).resolves.toBe(NAMES.reviewer);
    await shot(off, '03-official-case-returned');
    expect((await getCase('zjj_official', c.id)).record.legalityReview[0].returned).toMatchObject({
      reason: '送审材料不齐全，请补齐后重新送审。',
      missingItems: ['起草说明', '制定依据对照表', '征求意见情况说明'],
    });
  });

  it('4. an official withdraws a submission before the opinion and resubmits it', async () => {
    const c = await submitted('fgw_official', '泗阳县政府投资项目代建管理办法');
    const off = await signIn('fgw_official');
    await off.goto(`/cases/${c.id}`);
    await off.openAction('WITHDRAW_SUBMISSION');
    await expect(off.el('field-reason').evaluate((e) => e.tagName)).resolves.toBe('TEXTAREA');
    await off.page.fill(tid('field-reason'), '起草说明需补充测算依据，撤回修改后重新送审');
    await shotWindow(off, '04-withdraw-form');
    await off.confirm('WITHDRAW_SUBMISSION');
    const drafting = await getCase('fgw_official', c.id);
    expect(drafting.stage).toBe('drafting');
    expect(await off.stage()).toBe(drafting.stageLabel);
    await expectVisible(off.el('record-legality').locator(tid('legality-withdrawn')));
    await expect(textOf(off.page.locator(`${tid('history-item')}[data-type="WITHDRAW_SUBMISSION"]`))).resolves.toContain(
      '撤回理由：起草说明需补充测算依据，撤回修改后重新送审',
    );
    await shot(off, '04-case-withdrawn');

    await off.openAction('SUBMIT_FOR_LEGALITY_REVIEW');
    await off.fillDate('field-reviewDueDate', findWorkday(8, today));
    await off.confirm('SUBMIT_FOR_LEGALITY_REVIEW');
    const again = await getCase('fgw_official', c.id);
    expect(again.stage).toBe('legalityReview');
    expect(await off.stage()).toBe(again.stageLabel);
    await expect(off.el('record-legality').locator(tid('legality-round')).count()).resolves.toBe(2);
    await shot(off, '04-case-resubmitted');
    // the reviewers were told of the withdrawal
    expect((await notifications('reviewer')).items.some((n) => n.type === 'WITHDRAWN' && n.caseId === c.id)).toBe(true);
  });

  it('5. on a phone (390×844): the workbench tabs, the bell, the case page acts and the notifications', async () => {
    const col = await signIn('zjj_official2', true);
    await col.checkPhoneLayout();
    await expectVisible(col.el('view-tab-copied'));
    await col.page
      .locator(`${tid('view-todo')} ${tid('case-card')}`)
      .first()
      .waitFor();
    await shot(col, '05-phone-workbench');
    await col.el('view-tab-mine').click();
    await expectVisible(col.el('view-mine'));
    await col.checkPhoneLayout(false);

    // the bell's dropdown fits the screen
    await col.el('bell').click();
    const panel = col.page.locator(`.el-popper:has(${tid('bell-panel')})`);
    await expectVisible(panel);
    await col.page.locator(`${tid('bell-panel')} ${tid('notification')}[data-type="ASSIGNED"]`).waitFor();
    const box = (await panel.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width + 1);
    await shotWindow(col, '05-phone-bell');
    await col.el('bell-all').click();
    await col.page.waitForURL('**/notifications');
    await col.el('notifications-list').waitFor();
    await col.checkPhoneLayout();
    await shot(col, '05-phone-notifications');

    // the case transferred to them in step 1: its acts, and the transfer form fits
    const todo = await call<{ items: { id: string }[] }>('zjj_official2', 'get', '/api/cases?view=todo');
    await col.goto(`/cases/${todo.items[0].id}`);
    await col.el('case-title').waitFor();
    await col.checkPhoneLayout();
    await expectVisible(col.el('act-ASSIGN'));
    await expectVisible(col.el('act-COPY'));
    await shot(col, '05-phone-case');
    await col.el('act-COPY').click();
    await col.el('act-form-COPY').waitFor();
    const dialog = (await col.page.locator(`.el-dialog:has(${tid('act-form-COPY')})`).boundingBox())!;
    expect(dialog.x).toBeGreaterThanOrEqual(0);
    expect(dialog.x + dialog.width).toBeLessThanOrEqual(PHONE.width + 1);
    await expectVisible(col.el('act-submit'));
    await shotWindow(col, '05-phone-copy-dialog');
    await col.el('act-cancel').click();
    await col.dialogClosed();

    // a supervisor on a phone: the cases copied to them, and 催办 on an overdue card
    const sup = await signIn('supervisor', true);
    await sup.el('view-tab-copied').click();
    await sup.page
      .locator(`${tid('view-copied')} ${tid('case-card')}`)
      .first()
      .waitFor();
    await sup.checkPhoneLayout(false);
    await shot(sup, '05-phone-supervisor-copied');
    await sup.el('view-tab-todo').click();
    await sup.page
      .locator(`${tid('view-todo')} ${tid('case-urge')}`)
      .first()
      .click();
    await sup.el('act-form-URGE').waitFor();
    await expectVisible(sup.el('act-submit'));
    await shotWindow(sup, '05-phone-urge-dialog');
    await sup.el('act-cancel').click();
    await sup.dialogClosed();
    await sup.goto('/cases?overdue=true');
    await sup.page
      .locator(`${tid('case-list')} ${tid('case-urge')}`)
      .first()
      .waitFor();
    await sup.checkPhoneLayout();
    await shot(sup, '05-phone-cases-overdue');
    await sup.goto('/supervision');
    await sup.page
      .locator(`${tid('overdue-cases')} ${tid('case-urge')}`)
      .first()
      .waitFor();
    await sup.checkPhoneLayout();
    await shot(sup, '05-phone-supervision');

    const rev = await signIn('reviewer', true);
    await rev.goto('/review');
    await rev.page
      .locator(`${tid('review-return')}`)
      .first()
      .waitFor();
    await rev.checkPhoneLayout();
    await shot(rev, '05-phone-review-queue');
  });
});
