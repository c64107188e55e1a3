// Procedure versions in a real browser (Debian's Chromium driven by playwright-core), against the
// real built server. Version 2 of the major-decision procedure (in force 2024-08-01) adds the fair
// competition review; decisions started before then run on version 1. The admin moves one of them
// onto version 2 through the 程序版本迁移 page (dry run, tick, justification, confirm), its official
// then finds the new step on the case page, a case left behind stays on version 1, and each case's
// history and the supervision page say under which version and rules it was judged. The API only
// sets up and cross-checks. Screenshots go to test-output/screenshots/.
import type { Browser } from 'playwright-core';
import { expectVisible, launchChromium, Person, PHONE, textOf, tid } from './browser-harness';
import { ADMIN_PASSWORD, bootApp, Booted, caseDriver, CaseBody, setUpCounty, Tokens } from './harness';

jest.setTimeout(120_000);

describe('procedure versions and migrations in the browser', () => {
  let b: Booted;
  let tokens: Tokens;
  let browser: Browser;
  let d: ReturnType<typeof caseDriver>;
  const people: Person[] = [];
  /** version 1 decisions at different stages, started before 2024-08-01 */
  const cases: Record<'proposed' | 'drafting' | 'moves' | 'stays' | 'legalityReview', CaseBody> = {} as never;
  const justification = '依据县政府常务会议纪要〔2024〕18号，条例施行后尚在征求意见阶段的决策一并开展公平竞争审查';

  const signIn = async (username: string, phone = false) => {
    const p =
      username === 'admin'
        ? await Person.signIn(browser, b.baseUrl, 'admin', phone, { password: ADMIN_PASSWORD, shownAs: '系统管理员' })
        : await Person.signIn(browser, b.baseUrl, username, phone);
    people.push(p);
    return p;
  };

  const start = (title: string, occurredAt: string) =>
    d.create('official', {
      procedure: 'major-decision',
      title,
      department: 'fgw',
      occurredAt,
      problem: '需要解决的问题',
      reasons: '决策理由',
    });
  /** approved and drafted without expert or risk track: in consultation, public participation not opened */
  const toConsultation = async (c: CaseBody, on: string) => {
    c = await d.ok('secretariat', c, 'APPROVE_START', on);
    return d.ok('official', c, 'FINISH_DRAFT', on, { draftSummary: '决策草案', specialized: false, stabilityRisk: false });
  };

  beforeAll(async () => {
    [b, browser] = await Promise.all([bootApp(), launchChromium()]);
    tokens = await setUpCounty(b);
    d = caseDriver(b, tokens);

    cases.proposed = await start('城区停车收费调整', '2024-06-03');
    cases.drafting = await d.ok('secretariat', await start('农贸市场改造提升', '2024-06-04'), 'APPROVE_START', '2024-06-05');
    cases.moves = await toConsultation(await start('老旧小区加装电梯补贴', '2024-06-06'), '2024-06-07');
    cases.stays = await toConsultation(await start('公交线路优化调整', '2024-06-11'), '2024-06-12');
    let review = await toConsultation(await start('中心城区道路改造', '2024-06-13'), '2024-06-14');
    review = await d.ok('official', review, 'EXEMPT_PUBLIC_COMMENT', '2024-06-17', { reason: '涉及国家秘密，依法不予公开' });
    cases.legalityReview = await d.ok('official', review, 'SUBMIT_FOR_LEGALITY_REVIEW', '2024-06-18', { reviewDueDate: '2024-06-28' });
    for (const c of Object.values(cases)) expect(c.procedureVersion).toBe(1);
    expect(cases.legalityReview.stage).toBe('legalityReview');
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await b?.close();
  });

  afterEach(async () => {
    const open = people.splice(0);
    for (const p of open) await p.close();
  });

  const versionOf = async (c: CaseBody) => (await d.get('supervisor', c.id)).procedureVersion;

  it('1. the admin runs the dry run, sees which cases can move and why one cannot, and moves the one ticked', async () => {
    const admin = await signIn('admin');
    await admin.el('nav-migrations').click();
    await admin.page.waitForURL('**/migrations');
    const info = await textOf(admin.el('migration-version-info'));
    expect(info).toContain('第 2 版');
    expect(info).toContain('2024年8月1日起施行');
    expect(info).toContain('公平竞争审查');
    await expectVisible(admin.el('migration-history-empty'));
    await admin.shot('10-migration-page');

    // the dry run: four cases can move, the one in legality review cannot, with the article why
    await admin.el('migration-dry-run').click();
    await admin.el('migration-plan').waitFor();
    await expect(textOf(admin.el('migration-legal-basis'))).resolves.toContain('《公平竞争审查条例》第二条');
    const movable = admin.el('migration-movable');
    for (const c of [cases.proposed, cases.drafting, cases.moves, cases.stays]) {
      await movable.locator(`${tid('case-link')}[data-case-id="${c.id}"]`).waitFor();
    }
    await expect(movable.locator(tid('case-link')).count()).resolves.toBe(4);
    const refused = admin.el('migration-refused');
    await expect(refused.locator(tid('case-link')).count()).resolves.toBe(1);
    await refused.locator(`${tid('case-link')}[data-case-id="${cases.legalityReview.id}"]`).waitFor();
    const reason = await textOf(refused.locator(`${tid('migration-refused-reason')}[data-case-id="${cases.legalityReview.id}"]`));
    expect(reason).toContain('合法性审查');
    expect(reason).toContain('第十四条');
    await admin.shot('10-migration-dry-run');

    // tick one case; without a justification the page refuses to run
    await admin.el(`migration-pick-${cases.moves.id}`).click();
    await expect(textOf(admin.el('migration-selected-count'))).resolves.toContain('已勾选 1 件案件');
    await admin.el('migration-run').click();
    await expect(textOf(admin.page.locator(`${tid('formitem-migration-justification')} .el-form-item__error`))).resolves.toBe(
      '请说明迁移的理由及依据',
    );
    await expectVisible(admin.el('migration-error'));
    await expect(admin.page.locator(`${tid('migration-confirm')}:visible`).count()).resolves.toBe(0);
    await admin.page.fill(tid('migration-justification'), '常务会议决定');
    await admin.el('migration-run').click();
    await expect(textOf(admin.page.locator(`${tid('formitem-migration-justification')} .el-form-item__error`))).resolves.toBe(
      '理由及依据至少 10 个字',
    );
    await admin.shot('10-migration-no-justification');
    expect(await versionOf(cases.moves)).toBe(1);

    // with the justification: confirm, run, the result
    await admin.page.fill(tid('migration-justification'), justification);
    await admin.el('migration-run').click();
    const confirm = admin.page.locator(`${tid('migration-confirm')}`);
    await expect(textOf(confirm.locator('.el-dialog__body'))).resolves.toContain('老旧小区加装电梯补贴');
    // the dialog has faded in
    // (a locator, not waitForFunction with a string, which the page's CSP refuses as eval)
    await admin.page.locator('.dialog-fade-enter-active').waitFor({ state: 'detached' });
    await admin.shot('10-migration-confirm');
    await admin.el('migration-confirm-submit').click();
    const result = admin.el('migration-result');
    await expect(textOf(result)).resolves.toContain('已将 1 件案件迁移到第 2 版');
    await result.locator(`${tid('migration-result-item')}[data-case-id="${cases.moves.id}"]`).waitFor();
    await admin.dialogClosed();

    // the past migrations list it, with the justification
    const record = admin.el('migration-record');
    await expect(record.count()).resolves.toBe(1);
    await expect(textOf(record.locator(tid('migration-record-justification')))).resolves.toBe(justification);
    await expect(textOf(record)).resolves.toContain('重大行政决策：第 1 版 → 第 2 版');
    await admin.shot('10-migration-done');

    // only the ticked case moved
    expect(await versionOf(cases.moves)).toBe(2);
    for (const c of [cases.proposed, cases.drafting, cases.stays, cases.legalityReview]) expect(await versionOf(c)).toBe(1);
  });

  it('2. its official sees the moved case on version 2 with the fair competition review to record; a case left behind stays on version 1', async () => {
    const off = await signIn('official');
    await off.goto(`/cases/${cases.moves.id}`);
    await off.el('case-title').waitFor();
    await expect(textOf(off.el('case-procedure-version'))).resolves.toMatch(/^按第 2 版办理规程（\d{4}年\d{1,2}月\d{1,2}日起施行）办理$/);
    await expect(textOf(off.el('case-procedure-changes'))).resolves.toContain('本版变化：增加公平竞争审查');
    await expect(textOf(off.el('case-rulebooks'))).resolves.toBe('适用规则：江苏省规定（2022年版）');
    await expectVisible(off.el('action-RECORD_FAIR_COMPETITION_REVIEW'));
    const track = off.el('track-fairCompetition');
    await expect(track.getAttribute('data-done')).resolves.toBe('false');
    await expect(textOf(track)).resolves.toContain('公平竞争审查');

    // the history shows the migration readably, with its justification and basis
    const migrated = off.page.locator(`${tid('history-item')}[data-type="PROCEDURE_MIGRATED"]`);
    await expect(migrated.count()).resolves.toBe(1);
    const migratedText = await textOf(migrated);
    expect(migratedText).toContain('程序版本迁移：第1版 → 第2版');
    expect(migratedText).toContain('系统管理员');
    expect(migratedText).toContain(`迁移理由及依据：${justification}`);
    expect(migratedText).toContain('《公平竞争审查条例》');
    expect(migratedText).toContain('适用规则：江苏省规定（2022年版）');
    await off.shot('11-case-moved-to-version-2');

    // the new step, through its form: the conclusions are offered in words
    await off.openAction('RECORD_FAIR_COMPETITION_REVIEW');
    await off.el('field-conclusion').click();
    const option = off.page.locator(`${tid('field-conclusion-not-applicable')}:visible`);
    await expect(textOf(option)).resolves.toBe('不涉及经营者经济活动，无需审查');
    await option.click();
    await off.page.fill(tid('field-summary'), '补贴对象为居民，不涉及经营者经济活动');
    await off.confirm('RECORD_FAIR_COMPETITION_REVIEW');
    await expect(textOf(off.el('fair-competition-conclusion'))).resolves.toBe('不涉及经营者经济活动，无需审查');
    await expect(textOf(off.el('track-fairCompetition'))).resolves.toContain('已完成');
    const body = await off.page.locator('body').innerText();
    expect(body).not.toMatch(/RECORD_FAIR_COMPETITION_REVIEW|PROCEDURE_MIGRATED|not-applicable|jiangsu-2022|fairCompetition/);
    await off.shot('11-case-fair-competition-recorded');

    // the case left behind: version 1, no fair competition review anywhere
    await off.goto(`/cases/${cases.stays.id}`);
    await off.el('case-title').waitFor();
    await off.el('procedure-diagram').waitFor();
    await expect(textOf(off.el('case-procedure-version'))).resolves.toMatch(
      /^按第 1 版办理规程（\d{4}年\d{1,2}月\d{1,2}日起施行）办理；现行为第 2 版，本案件按原版本继续办理$/,
    );
    await expect(off.el('case-procedure-changes').count()).resolves.toBe(0);
    await expect(textOf(off.el('case-rulebooks'))).resolves.toBe('适用规则：江苏省规定（2022年版）');
    await expectVisible(off.el('action-EXEMPT_PUBLIC_COMMENT'));
    await expect(off.el('action-RECORD_FAIR_COMPETITION_REVIEW').count()).resolves.toBe(0);
    await expect(off.el('blocked-RECORD_FAIR_COMPETITION_REVIEW').count()).resolves.toBe(0);
    await expect(off.el('track-fairCompetition').count()).resolves.toBe(0);
    await expect(off.page.locator(`${tid('history-item')}[data-type="PROCEDURE_MIGRATED"]`).count()).resolves.toBe(0);
    await expect(textOf(off.el('history'))).resolves.toContain('适用规则：江苏省规定（2022年版）');
    expect(await off.page.locator('body').innerText()).not.toContain('公平竞争审查');
    await off.shot('11-case-left-on-version-1');

    // the list says which cases run on the earlier version
    await off.goto('/cases?procedure=major-decision');
    await off.page.locator(`${tid('case-list')} ${tid('case-link')}[data-case-id="${cases.stays.id}"]`).waitFor();
    const rows = off.page.locator(`${tid('case-list')} tr:has(${tid('case-link')}[data-case-id="${cases.stays.id}"])`);
    await expect(textOf(rows)).resolves.toContain('按第 1 版办理规程（');
  });

  it('3. the supervisor reads which versions and rules the year was judged by, and the past migrations, read-only', async () => {
    const sup = await signIn('supervisor');
    await expect(sup.el('nav-migrations').count()).resolves.toBe(0);
    await sup.goto('/supervision?year=2024');
    const table = sup.el('rules-table');
    await table.locator(`${tid('rules-version')}[data-version="2"]`).waitFor();
    const text = await textOf(table);
    expect(text).toContain('重大行政决策');
    expect(text).toContain('第 1 版');
    expect(text).toContain('第 2 版');
    expect(text).toContain('江苏省规定（2022年版）');
    // the same counts as the report
    const report = (await b.http.get('/api/reports/compliance?year=2024').set('Authorization', `Bearer ${tokens.supervisor}`).expect(200))
      .body as { rules: { procedure: string; procedureVersion: number; cases: number }[] };
    const rows = await table.locator('tbody tr').allInnerTexts();
    expect(rows).toHaveLength(report.rules.length);
    for (const [i, r] of report.rules.entries()) {
      expect(rows[i]).toContain(`第 ${r.procedureVersion} 版`);
      expect(rows[i].trim().endsWith(String(r.cases))).toBe(true);
    }
    await sup.shot('12-supervision-rules');

    await sup.el('rules-migrations').click();
    await sup.page.waitForURL('**/migrations');
    const record = sup.el('migration-record');
    await expect(textOf(record.locator(tid('migration-record-justification')))).resolves.toBe(justification);
    await expect(sup.el('migration-dry-run').count()).resolves.toBe(0);
    await expect(sup.el('migration-run').count()).resolves.toBe(0);
    await sup.shot('12-supervisor-migrations-read-only');
  });

  it('4. the migration page fits a phone (390 px); a case that moved on since the dry run refuses the whole run', async () => {
    const admin = await signIn('admin', true);
    await admin.goto('/migrations');
    await admin.el('migration-version-info').waitFor();
    await admin.el('migration-dry-run').click();
    await admin.el('migration-plan').waitFor();
    // the moved case is on version 2 now: three can still move, the one in legality review cannot
    await expect(admin.el('migration-movable').locator(tid('migration-movable-row')).count()).resolves.toBe(3);
    await expect(admin.el('migration-refused').locator(tid('migration-refused-row')).count()).resolves.toBe(1);
    await expectVisible(admin.el(`migration-pick-${cases.stays.id}`));
    await admin.checkPhoneLayout();
    await expectVisible(admin.el('migration-run'));
    await admin.shot('13-phone-migration-dry-run');

    // the admin ticks a case; meanwhile its official sends it to legality review, where it can no longer move
    await admin.el(`migration-pick-${cases.stays.id}`).click();
    await admin.page.fill(tid('migration-justification'), justification);
    let stays = await d.ok('official', cases.stays, 'EXEMPT_PUBLIC_COMMENT', '2024-06-20', { reason: '涉及国家秘密，依法不予公开' });
    stays = await d.ok('official', stays, 'SUBMIT_FOR_LEGALITY_REVIEW', '2024-06-20', { reviewDueDate: '2024-07-02' });
    await admin.el('migration-run').click();
    await expectVisible(admin.el('migration-confirm-submit'));
    const dialog = (await admin.page.locator('.el-dialog:visible').boundingBox())!;
    expect(dialog.x).toBeGreaterThanOrEqual(0);
    expect(dialog.x + dialog.width).toBeLessThanOrEqual(PHONE.width + 1);
    await admin.el('migration-confirm-submit').click();
    const blocker = admin.page.locator(`${tid('migration-blockers')} ${tid('blocker')}[data-code="CASE_CANNOT_MIGRATE"]`);
    const why = await textOf(blocker);
    expect(why).toContain('公交线路优化调整');
    expect(why).toContain('合法性审查');
    expect(why).toContain('依据：《公平竞争审查条例》第二条');
    await expect(textOf(admin.el('migration-blockers'))).resolves.toContain('未迁移任何案件');
    await admin.dialogClosed();
    await admin.checkPhoneLayout(false);
    await admin.shot('13-phone-migration-refused');
    expect(await versionOf(stays)).toBe(1);
    await expect(admin.el('migration-record').count()).resolves.toBe(1);
  });
});
