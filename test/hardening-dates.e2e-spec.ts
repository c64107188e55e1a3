/**
 * Far dates and huge numbers: every date a client sends lies between the earliest rules Docket
 * holds and a bounded horizon, every number in a query is a plain bounded integer, and a request
 * carrying one that is not is refused at once, with the field and the allowed range, changing
 * nothing and keeping no one else waiting.
 */
import type { Response } from 'supertest';
import { zhDate } from '../workflows';
import { CaseBody, useCounty } from './harness';

/** The Asia/Shanghai date `years` from today (or from `days` days from today). */
function shanghaiYearsAhead(years: number, days = 0): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(Date.now() + days * 86_400_000),
  );
  const [y, m, d] = today.split('-').map(Number);
  const last = new Date(Date.UTC(y + years, m, 0)).getUTCDate();
  return `${y + years}-${String(m).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** 国办发〔2018〕37号, the first rules Docket holds (the normative-document procedure's first version). */
const RULES_BEGIN = '2018-05-16';
/** Decree 713, the major-decision procedure's first version. */
const DECISIONS_BEGIN = '2019-09-01';

describe('hardening: far dates and huge numbers are refused at once and change nothing', () => {
  const { b, d, bearer } = useCounty();
  /** 10 years from today: the planned dates' upper end */
  const HORIZON = 'horizon';

  async function snapshot(id: string) {
    const c = (await b.http.get(`/api/cases/${id}`).set(bearer('supervisor')).expect(200)).body as CaseBody;
    const h = await b.http.get(`/api/cases/${id}/history`).set(bearer('supervisor')).expect(200);
    return { version: c.version, stage: c.stage, state: c.state, record: c.record, history: (h.body as unknown[]).length };
  }
  const caseCount = async () => (await b.http.get('/api/cases').set(bearer('supervisor')).expect(200)).body.total as number;

  /** 400 VALIDATION_FAILED naming `field` and the allowed range, its dates written the Chinese way (2018年5月16日). */
  function expectOutOfRange(res: Response, field: string, iso: string, isoUntil?: string) {
    // Chinese writes 2018年5月16日, English keeps 2018-05-16
    const zh = /[\u4e00-\u9fff]/.test(String(res.body?.message));
    const day = (date: string) => (zh ? zhDate(date) : date);
    const from = day(iso);
    const until = isoUntil === HORIZON || isoUntil === undefined ? isoUntil : day(isoUntil);
    expect({ status: res.status, code: res.body?.code }).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
    expect(res.body.statusCode).toBe(400);
    expect(res.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
    const message = res.body.message as string;
    expect(message).toContain(field);
    expect(message).toContain(from);
    if (until === HORIZON) {
      // today may turn over in Shanghai between the request and this line
      const ends = [shanghaiYearsAhead(10), shanghaiYearsAhead(10, -1)].map(day);
      expect(ends.some((end) => message.includes(end)) ? 'the horizon' : message).toBe('the horizon');
    } else if (until) expect(message).toContain(until);
  }

  /** A normative document in drafting that affects no public rights: it may go straight to legality review. */
  const draft = (occurredAt = '2023-03-01', affectsPublicRights = false) =>
    d.create('official', {
      procedure: 'normative-document',
      title: '县城市停车管理办法',
      department: 'fgw',
      affectsPublicRights,
      marketRelated: false,
      interim: false,
      issuingOrgan: 'government',
      occurredAt,
    });

  /** Send an event in Chinese and in English; both refused as out of range, the case unchanged. */
  async function refuseEvent(c: CaseBody, type: string, data: Record<string, unknown>, field: string, from: string, until?: string) {
    const before = await snapshot(c.id);
    for (const lang of ['zh', 'en']) {
      const res = await d.send('official', c, type, '2023-03-02', data).set('Accept-Language', lang);
      expectOutOfRange(res, field, from, until);
      if (lang === 'zh') expect(res.body.message).toMatch(/[\u4e00-\u9fff]/);
      else expect(res.body.message).not.toMatch(/[\u4e00-\u9fff]/);
    }
    expect(await snapshot(c.id)).toEqual(before);
  }

  it('SUBMIT_FOR_LEGALITY_REVIEW with reviewDueDate 9999-12-30 or 9999-12-31 is 400 naming the field and its range; nothing changes', async () => {
    const c = await draft();
    for (const reviewDueDate of ['9999-12-30', '9999-12-31']) {
      await refuseEvent(c, 'SUBMIT_FOR_LEGALITY_REVIEW', { reviewDueDate }, 'data.reviewDueDate', RULES_BEGIN, HORIZON);
    }
    // a due date within the horizon is judged by the procedure as before
    const ok = await d.ok('official', c, 'SUBMIT_FOR_LEGALITY_REVIEW', '2023-03-02', { reviewDueDate: '2023-03-20' });
    expect(ok.stage).toBe('legalityReview');
  });

  it('a comment period of 1000 years, or one that began before the rules, is 400; nothing changes', async () => {
    const c = await draft('2023-03-01', true);
    await refuseEvent(
      c,
      'OPEN_PUBLIC_COMMENT',
      { draftText: '草案全文及起草说明', startDate: '2023-03-02', endDate: '3023-03-02', channels: ['县政府网站'] },
      'data.endDate',
      RULES_BEGIN,
      HORIZON,
    );
    await refuseEvent(
      c,
      'OPEN_PUBLIC_COMMENT',
      { draftText: '草案全文及起草说明', startDate: '1000-01-01', endDate: '2023-04-20', channels: ['县政府网站'] },
      'data.startDate',
      RULES_BEGIN,
    );
  });

  it('a case dated 1000-01-01, or before its procedure took effect, is refused; nothing is created', async () => {
    const before = await caseCount();
    const decision = { procedure: 'major-decision', title: '决策', department: 'fgw' };
    const document = { ...decision, procedure: 'normative-document', affectsPublicRights: false, marketRelated: false, interim: false };
    const attempts: [Record<string, unknown>, string][] = [
      [{ ...decision, occurredAt: '1000-01-01' }, DECISIONS_BEGIN],
      [{ ...decision, occurredAt: '1000-01-01T08:00:00+08:00' }, DECISIONS_BEGIN],
      [{ ...decision, occurredAt: '2019-08-31' }, DECISIONS_BEGIN],
      [{ ...document, issuingOrgan: 'government', occurredAt: '1000-01-01' }, RULES_BEGIN],
      [{ ...document, issuingOrgan: 'government', occurredAt: '2018-05-15' }, RULES_BEGIN],
    ];
    for (const [body, from] of attempts) {
      for (const lang of ['zh', 'en']) {
        const res = await b.http.post('/api/cases').set(bearer('official')).set('Accept-Language', lang).send(body);
        expectOutOfRange(res, 'occurredAt', from);
      }
    }
    expect(await caseCount()).toBe(before);
    // the first day of each procedure is accepted
    await d.create('official', { ...decision, occurredAt: DECISIONS_BEGIN });
    await d.create('official', { ...document, issuingOrgan: 'government', occurredAt: RULES_BEGIN });
    expect(await caseCount()).toBe(before + 2);
  });

  it('an event dated before the rules is 400 naming occurredAt; far future stays 422 OCCURRED_IN_FUTURE', async () => {
    const c = await draft();
    const before = await snapshot(c.id);
    const old = await d.send('official', c, 'SUBMIT_FOR_LEGALITY_REVIEW', '1000-01-01', { reviewDueDate: '2023-03-20' });
    expectOutOfRange(old, 'occurredAt', RULES_BEGIN);
    const far = await d.send('official', c, 'SUBMIT_FOR_LEGALITY_REVIEW', '9999-12-31', { reviewDueDate: '2023-03-20' });
    expect({ status: far.status, code: far.body.code, blocker: far.body.blockers?.[0]?.code }).toEqual({
      status: 422,
      code: 'PROCEDURE_VIOLATION',
      blocker: 'OCCURRED_IN_FUTURE',
    });
    expect(await snapshot(c.id)).toEqual(before);
  });

  it('?page=1e21 and other odd numbers in a query are 400 naming the parameter', async () => {
    const odd = ['1e21', '9007199254740993', '-1', '1.5', '0x10', '1e3', '99999999999999999999', '+1', ' 1'];
    const queries: [string, string][] = [
      ['/api/cases', 'page'],
      ['/api/cases', 'pageSize'],
      ['/api/cases', 'year'],
      ['/api/reports/compliance', 'year'],
      ['/api/reports/by-department', 'year'],
      ['/api/reports/stages', 'year'],
      ['/api/cleanups', 'year'],
      ['/api/audit/refusals', 'limit'],
    ];
    const failures: string[] = [];
    for (const [path, param] of queries) {
      for (const value of odd) {
        const res = await b.http.get(`${path}?${param}=${encodeURIComponent(value)}`).set(bearer('supervisor'));
        const named = (res.body?.details ?? []).some((x: { field: string }) => x.field === param);
        if (res.status !== 400 || res.body.code !== 'VALIDATION_FAILED' || !named)
          failures.push(`${path}?${param}=${value} → ${res.status}`);
      }
    }
    expect(failures).toEqual([]);
    // far years are refused too, in the query and in the path
    for (const path of ['/api/cases?year=9999', '/api/reports/compliance?year=1000', '/api/cleanups?year=9999', '/api/catalogues/9999']) {
      const res = await b.http.get(path).set(bearer('supervisor'));
      expect({ path, status: res.status, code: res.body.code }).toEqual({ path, status: 400, code: 'VALIDATION_FAILED' });
    }
    const calendar = await b.http
      .put('/api/calendar/2999')
      .set(bearer('admin'))
      .send({ holidays: ['2999-01-01'], makeUpWorkdays: [] });
    expect({ status: calendar.status, code: calendar.body.code }).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
    // plain numbers still work
    const page = await b.http.get('/api/cases?page=2&pageSize=1&year=2023').set(bearer('supervisor')).expect(200);
    expect({ page: page.body.page, pageSize: page.body.pageSize }).toEqual({ page: 2, pageSize: 1 });
  });

  it('a request sent while a far-date request is in flight is answered; the far one is refused', async () => {
    const c = await draft();
    const before = await snapshot(c.id);
    const far = d.send('official', c, 'SUBMIT_FOR_LEGALITY_REVIEW', '2023-03-02', { reviewDueDate: '9999-12-30' });
    const others = [
      b.http.get('/api/procedures'),
      b.http.get('/api/cases?pageSize=1').set(bearer('supervisor')),
      b.http.get('/api/public/consultations'),
    ];
    const [farRes, ...otherRes] = await Promise.all([far, ...others]);
    expect(farRes.status).toBe(400);
    expect(otherRes.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(await snapshot(c.id)).toEqual(before);
  });

  it('every other date a client sends is bounded: catalogue, clean-up, comments import, register-document', async () => {
    const sec = bearer('secretariat');
    const far = '9999-12-31';
    const items = (await b.http.get('/api/catalogues/2024').set(sec).expect(200)).body;
    const cat = await b.http.post('/api/catalogues/2024/items').set(sec).send({ title: '事项', department: 'fgw', addedOn: far });
    expectOutOfRange(cat, 'addedOn', RULES_BEGIN, HORIZON);
    const pub = await b.http.post('/api/catalogues/2024/publish').set(sec).send({ publishedOn: '1000-01-01' });
    expectOutOfRange(pub, 'publishedOn', RULES_BEGIN, HORIZON);
    expect((await b.http.get('/api/catalogues/2024').set(sec).expect(200)).body).toEqual(items);

    const cleanups = (await b.http.get('/api/cleanups').set(sec).expect(200)).body;
    const cleanup = await b.http.post('/api/cleanups').set(sec).send({ name: '清理', cutoffDate: '1000-01-01', occurredAt: '2023-01-05' });
    expectOutOfRange(cleanup, 'cutoffDate', '1980-01-01');
    expect((await b.http.get('/api/cleanups').set(sec).expect(200)).body).toEqual(cleanups);

    const open = await d.openForComment('导入');
    const before = await snapshot(open.id);
    const imported = await b.http
      .post(`/api/cases/${open.id}/comments/import`)
      .set(bearer('official'))
      .send({ expectedVersion: open.version, comments: [{ content: '意见', receivedOn: far }] });
    expectOutOfRange(imported, 'comments.0.receivedOn', RULES_BEGIN, HORIZON);
    expect(await snapshot(open.id)).toEqual(before);

    // a document registered from before Docket may be older than the rules, but not older than the law county governments issue them under
    const total = await caseCount();
    const register = (body: Record<string, unknown>) =>
      b.http
        .post('/api/cases/register-document')
        .set(sec)
        .send({ title: '旧文件', department: 'fgw', issuingOrgan: 'government', interim: false, occurredAt: '2023-01-05', ...body });
    const ancient = await register({ documentNumber: '泗政规〔1000〕1号', publishedOn: '1000-01-01', effectiveDate: '1000-02-01' });
    expectOutOfRange(ancient, 'publishedOn', '1980-01-01');
    const endless = await register({
      documentNumber: '泗政规〔2015〕1号',
      publishedOn: '2015-01-01',
      effectiveDate: '2015-02-01',
      validUntil: far,
    });
    expectOutOfRange(endless, 'validUntil', '1980-01-01', HORIZON);
    expect(await caseCount()).toBe(total);
    await register({ documentNumber: '泗政规〔2015〕2号', publishedOn: '2015-01-01', effectiveDate: '2015-02-01' }).expect(201);
  });
});
