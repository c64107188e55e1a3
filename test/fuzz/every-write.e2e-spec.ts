/** Fuzzing what every write refuses: huge bodies, far dates, control characters (see fuzz-harness.ts for what every property checks). */
import fc from 'fast-check';
import { ancientDate, beforeRules, EVENT_DATA, hugeString, J, pastHorizon, Req, useFuzzWorld, Who } from './fuzz-harness';

jest.setTimeout(120_000);

describe('fuzzing: hostile input is refused with the contract error and changes nothing', () => {
  const { fixed, cleanup, refused, refusedNaming, property } = useFuzzWorld();

  it('huge bodies on every write are refused: 400 for a field too long, 413 PAYLOAD_TOO_LARGE past the 1 MB body limit', async () => {
    const writes: [string, string, Who][] = [
      ['POST', '/api/auth/login', 'none'],
      ['POST', '/api/users', 'admin'],
      ['PUT', '/api/departments/fgw', 'admin'],
      ['POST', '/api/cases', 'official'],
      ['POST', `/api/cases/{drafting}/events`, 'official'],
      ['POST', `/api/cases/{open}/comments/import`, 'official'],
      ['POST', '/api/cases/register-document', 'secretariat'],
      ['POST', '/api/catalogues/2030/items', 'secretariat'],
      ['POST', '/api/cleanups', 'secretariat'],
      ['PUT', '/api/calendar/2030', 'admin'],
    ];
    await property(
      fc.record({
        w: fc.constantFrom(...writes),
        s: hugeString,
        key: fc.constantFrom('title', 'name', 'content', 'password', 'data', 'x'),
      }),
      async ({ w: [method, path, who], s, key }) => {
        const p = path.replace('{drafting}', fixed.drafting.id).replace('{open}', fixed.open.id);
        await refused({ method, path: p, body: JSON.stringify({ [key]: s }), who }, [400, 413]);
      },
      20,
    );
  });

  // ───────────────────────────── far dates and huge numbers ─────────────────────────────

  it('far dates in every date field (year 1, 1000, 9999, +10000 years, before the rules, past the horizon) are 400 naming the field', async () => {
    type Target = { field: string; bad: fc.Arbitrary<string>; req: (date: string) => Req };
    const event = (c: keyof typeof fixed, type: string, data: Record<string, J>, who: Who = 'official') => ({
      method: 'POST',
      path: `/api/cases/${fixed[c].id}/events`,
      body: JSON.stringify({ type, expectedVersion: fixed[c].version, occurredAt: '2023-03-05', data }),
      who,
    });
    const planned = fc.oneof(beforeRules, pastHorizon);
    const inData = (c: keyof typeof fixed, type: string, key: string, who?: Who): Target => ({
      field: `data.${key}`,
      bad: planned,
      req: (date) => event(c, type, { ...EVENT_DATA[type], [key]: date }, who),
    });
    const register = (key: string, date: string): Req => ({
      method: 'POST',
      path: '/api/cases/register-document',
      who: 'secretariat',
      body: JSON.stringify({
        title: '远期文件',
        department: 'fgw',
        issuingOrgan: 'government',
        interim: false,
        documentNumber: '泗政规〔2019〕77号',
        publishedOn: '2019-01-10',
        effectiveDate: '2019-02-01',
        occurredAt: '2023-01-05',
        [key]: date,
      }),
    });
    const create = (procedure: string, date: string): Req => ({
      method: 'POST',
      path: '/api/cases',
      who: 'official',
      body: JSON.stringify(
        procedure === 'major-decision'
          ? { procedure, title: '远期', department: 'fgw', occurredAt: date }
          : {
              procedure,
              title: '远期',
              department: 'fgw',
              affectsPublicRights: false,
              marketRelated: false,
              interim: false,
              issuingOrgan: 'government',
              occurredAt: date,
            },
      ),
    });
    const post = (path: string, body: Record<string, J>, who: Who = 'secretariat'): Req => ({
      method: 'POST',
      path,
      body: JSON.stringify(body),
      who,
    });
    const targets: Target[] = [
      // a case is judged by its procedure's rules: Decree 713 from 2019-09-01, 国办发〔2018〕37号 from 2018-05-16
      { field: 'occurredAt', bad: fc.oneof(beforeRules, fc.constant('2019-08-31')), req: (date) => create('major-decision', date) },
      { field: 'occurredAt', bad: beforeRules, req: (date) => create('normative-document', date) },
      { field: 'occurredAt', bad: beforeRules.map((d) => `${d}T12:00:00+08:00`), req: (date) => create('major-decision', date) },
      // an event's date: before the rules is 400 (after today stays OCCURRED_IN_FUTURE, tested above)
      {
        field: 'occurredAt',
        bad: beforeRules,
        req: (date) => ({
          ...event('drafting', 'SUBMIT_FOR_LEGALITY_REVIEW', { reviewDueDate: '2023-03-20' }),
          body: JSON.stringify({
            type: 'SUBMIT_FOR_LEGALITY_REVIEW',
            expectedVersion: fixed.drafting.version,
            occurredAt: date,
            data: { reviewDueDate: '2023-03-20' },
          }),
        }),
      },
      inData('drafting', 'OPEN_PUBLIC_COMMENT', 'startDate'),
      inData('drafting', 'OPEN_PUBLIC_COMMENT', 'endDate'),
      inData('drafting', 'SUBMIT_FOR_LEGALITY_REVIEW', 'reviewDueDate'),
      inData('drafting', 'RECORD_COLLECTIVE_DELIBERATION', 'meetingDate', 'secretariat'),
      inData('drafting', 'PUBLISH_DOCUMENT', 'effectiveDate', 'secretariat'),
      inData('decision', 'HOLD_HEARING', 'hearingDate'),
      inData('decision', 'HOLD_HEARING', 'noticeDate'),
      inData('decision', 'RECORD_COLLECTIVE_DECISION', 'meetingDate', 'secretariat'),
      {
        field: 'comments.0.receivedOn',
        bad: planned,
        req: (date) =>
          post(
            `/api/cases/${fixed.open.id}/comments/import`,
            { expectedVersion: fixed.open.version, comments: [{ content: '意见', receivedOn: date }] },
            'official',
          ),
      },
      // documents issued before Docket may be older than the rules, not older than 1980
      { field: 'publishedOn', bad: ancientDate, req: (date) => register('publishedOn', date) },
      { field: 'effectiveDate', bad: fc.oneof(ancientDate, pastHorizon), req: (date) => register('effectiveDate', date) },
      { field: 'validUntil', bad: fc.oneof(ancientDate, pastHorizon), req: (date) => register('validUntil', date) },
      {
        field: 'cutoffDate',
        bad: fc.oneof(ancientDate, pastHorizon),
        req: (date) => post('/api/cleanups', { name: '清理', cutoffDate: date, occurredAt: '2023-01-05' }),
      },
      {
        field: 'occurredAt',
        bad: beforeRules,
        req: (date) => post('/api/cleanups', { name: '清理', cutoffDate: '2023-01-01', occurredAt: date }),
      },
      {
        field: 'occurredAt',
        bad: beforeRules,
        req: (date) =>
          post(`/api/cleanups/${cleanup.id}/decisions`, {
            caseId: fixed.inForce.id,
            decision: 'continue',
            reason: '理由',
            occurredAt: date,
          }),
      },
      {
        field: 'occurredAt',
        bad: beforeRules,
        req: (date) => post(`/api/cleanups/${cleanup.id}/complete`, { resultReference: '泗政发〔2023〕1号', occurredAt: date }),
      },
      {
        field: 'addedOn',
        bad: planned,
        req: (date) => post('/api/catalogues/2030/items', { title: '事项', department: 'fgw', addedOn: date }),
      },
      { field: 'publishedOn', bad: planned, req: (date) => post('/api/catalogues/2030/publish', { publishedOn: date }) },
      {
        field: 'holidays',
        bad: ancientDate,
        req: (date) => ({
          method: 'PUT',
          path: '/api/calendar/2030',
          who: 'admin',
          body: JSON.stringify({ holidays: [date], makeUpWorkdays: [] }),
        }),
      },
    ];
    await property(
      fc.integer({ min: 0, max: targets.length - 1 }).chain((i) => targets[i].bad.map((date) => ({ i, date }))),
      async ({ i, date }) => {
        await refusedNaming(targets[i].req(date), targets[i].field);
      },
    );
  });

  // ───────────────────────────── control characters (last: a server that accepts them changes the fixtures) ─────────────────────────────

  // NEEDS the control-character refusal being built on another branch: until it is merged, this property fails here
  it('text fields holding BEL, ESC or U+202E (right-to-left override) are 400 VALIDATION_FAILED and change nothing', async () => {
    const controlText = fc
      .tuple(
        fc.constantFrom('', '标题', 'abc '),
        fc.constantFrom('\u0007', '\u001b', '\u202e', '\u001b[31m', 'a\u202eb'),
        fc.constantFrom('', '办法', 'txt.exe'),
      )
      .map(([a, c, z]) => a + c + z);
    let n = 0;
    const targets: ((t: string) => Req)[] = [
      (t) => ({
        method: 'POST',
        path: '/api/cases',
        who: 'official',
        body: JSON.stringify({ procedure: 'major-decision', title: t, department: 'fgw', occurredAt: '2023-03-05' }),
      }),
      (t) => ({
        method: 'POST',
        path: '/api/cases',
        who: 'official',
        body: JSON.stringify({ procedure: 'major-decision', title: '决策', department: 'fgw', occurredAt: '2023-03-05', problem: t }),
      }),
      (t) => ({
        method: 'POST',
        path: '/api/cases/register-document',
        who: 'secretariat',
        body: JSON.stringify({
          title: t,
          department: 'fgw',
          issuingOrgan: 'government',
          interim: false,
          documentNumber: `泗政规〔2019〕${100 + ++n}号`,
          publishedOn: '2019-01-10',
          effectiveDate: '2019-02-01',
          occurredAt: '2023-01-05',
        }),
      }),
      (t) => ({
        method: 'POST',
        path: '/api/catalogues/2030/items',
        who: 'secretariat',
        body: JSON.stringify({ title: t, department: 'fgw', addedOn: '2023-01-05' }),
      }),
      (t) => ({
        method: 'POST',
        path: '/api/cleanups',
        who: 'secretariat',
        body: JSON.stringify({ name: t, cutoffDate: '2023-01-01', occurredAt: '2023-01-05' }),
      }),
      (t) => ({ method: 'PUT', path: '/api/departments/fgw', who: 'admin', body: JSON.stringify({ name: t }) }),
      (t) => ({
        method: 'POST',
        path: '/api/users',
        who: 'admin',
        body: JSON.stringify({ username: `fuzz_cc_${++n}`, password: '12345678', displayName: t, roles: ['supervisor'] }),
      }),
      (t) => ({
        method: 'POST',
        path: `/api/cases/${fixed.open.id}/events`,
        who: 'official',
        body: JSON.stringify({
          type: 'RECORD_COMMENT',
          expectedVersion: fixed.open.version,
          occurredAt: '2023-03-05',
          data: { content: t },
        }),
      }),
      (t) => ({
        method: 'POST',
        path: `/api/cases/${fixed.open.id}/comments/import`,
        who: 'official',
        body: JSON.stringify({
          expectedVersion: fixed.open.version,
          comments: [{ content: '意见', submitter: t, receivedOn: '2023-03-05' }],
        }),
      }),
    ];
    await property(fc.tuple(fc.integer({ min: 0, max: targets.length - 1 }), controlText), async ([i, t]) => {
      const res = await refused(targets[i](t), [400]);
      expect(res.json.code).toBe('VALIDATION_FAILED');
    });
  });
});
