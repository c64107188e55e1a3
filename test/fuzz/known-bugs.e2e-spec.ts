import { caseDriver, Tokens, useCounty } from '../harness';
import { knownBug } from './fuzz-harness';

jest.setTimeout(120_000);

/**
 * Counterexamples the properties found, kept as fixed tests on a server of their own (some of
 * them change its state). Each states what the contract asks; `knownBug` marks those that still fail.
 */
describe('found by fuzzing: known bugs', () => {
  const { b, tokens } = useCounty();

  const post = (path: string, body: string, who: keyof Tokens, method = 'POST') =>
    fetch(b.baseUrl + path, { method, headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${tokens[who]}` }, body }).then(
      async (r) => ({ status: r.status, json: JSON.parse((await r.text()) || 'null') }),
    );
  const total = async () =>
    (await b.http.get('/api/cases').set('Authorization', `Bearer ${tokens.supervisor}`).expect(200)).body.total as number;

  // POST /api/cases {"procedure":"toString",...} → 500: CREATE_DTO[procedure] finds Object.prototype's members
  knownBug('POST /api/cases with procedure "toString" / "__proto__" / "hasOwnProperty" / "valueOf" is 400, not 500', async () => {
    for (const procedure of ['toString', '__proto__', 'hasOwnProperty', 'valueOf', 'isPrototypeOf', 'toLocaleString']) {
      const res = await post('/api/cases', JSON.stringify({ procedure, title: 't', department: 'fgw' }), 'official');
      expect({ procedure, status: res.status, code: res.json?.code }).toEqual({ procedure, status: 400, code: 'VALIDATION_FAILED' });
    }
  });

  // class-transformer recurses once per level: past ~2,500 levels the stack overflows (RangeError → 500)
  knownBug('a deeply nested body (5,000 levels, 10 kB) is 400, not 500, on every validated endpoint', async () => {
    const c = await caseDriver(b, tokens).create('official', {
      procedure: 'major-decision',
      title: 't',
      department: 'fgw',
      occurredAt: '2023-03-01',
    });
    const deep = '['.repeat(5000) + ']'.repeat(5000);
    const deepObject = '{"a":'.repeat(5000) + '1' + '}'.repeat(5000);
    const attempts: [string, string, keyof Tokens][] = [
      ['/api/cases', `{"procedure":"major-decision","title":"t","department":"fgw","x":${deep}}`, 'official'],
      [`/api/cases/${c.id}/events`, `{"type":"APPROVE_START","expectedVersion":1,"data":{"x":${deep}}}`, 'secretariat'],
      [`/api/cases/${c.id}/events`, `{"type":"APPROVE_START","expectedVersion":1,"data":${deepObject}}`, 'secretariat'],
      [`/api/cases/${c.id}/comments/import`, `{"expectedVersion":1,"comments":${deep}}`, 'official'],
      ['/api/users', `{"username":"deep","password":"Fuzz-pass-1","displayName":"d","roles":${deep}}`, 'admin'],
    ];
    const statuses = [];
    for (const [path, body, who] of attempts) statuses.push((await post(path, body, who)).status);
    expect(statuses).toEqual(attempts.map(() => 400));
  });

  // POST /api/cases {...valid..., "constructor": <10,000 levels>} → 500: canonicalJson recurses over the raw body
  knownBug('a body whose "constructor" key holds a deep value is 400, not 500', async () => {
    const deep = '['.repeat(10_000) + ']'.repeat(10_000);
    const res = await post('/api/cases', `{"procedure":"major-decision","title":"t","department":"fgw","constructor":${deep}}`, 'official');
    expect(res.status).toBe(400);
  });

  // Nest's ValidationPipe silently deletes __proto__ / prototype / constructor keys before validating, and class-transformer
  // skips __proto__ / constructor, so forbidNonWhitelisted never sees them: the request is accepted. POST /api/cases (validated
  // by validateAs, not by the pipe) then writes the raw body, keys included, into the audit trail (CASE_CREATED).
  knownBug(
    'unknown keys "__proto__", "prototype" and "constructor" are refused (400) like any unknown field, and nothing is stored',
    async () => {
      const before = await total();
      const statuses = [];
      for (const extra of ['"__proto__":{"polluted":1}', '"constructor":{"prototype":{"polluted":1}}']) {
        statuses.push(
          (await post('/api/cases', `{"procedure":"major-decision","title":"t","department":"fgw",${extra}}`, 'official')).status,
        );
      }
      const d = caseDriver(b, tokens);
      const c = await d.create('official', { procedure: 'major-decision', title: 't', department: 'fgw', occurredAt: '2023-03-01' });
      statuses.push(
        (
          await post(
            `/api/cases/${c.id}/events`,
            '{"type":"APPROVE_START","expectedVersion":1,"__proto__":{"x":1},"data":{}}',
            'secretariat',
          )
        ).status,
      );
      for (const key of ['__proto__', 'prototype', 'constructor']) {
        statuses.push((await b.http.get(`/api/cases?${key}=x`).set('Authorization', `Bearer ${tokens.supervisor}`)).status);
      }
      expect(statuses).toEqual([400, 400, 400, 400, 400, 400]);
      expect(await total()).toBe(before + 1);
    },
  );

  // the global ValidationPipe turns a `number` path parameter into Number(value) before ParseIntPipe sees it, and no range is checked:
  // POST /api/catalogues/1e3/items creates item "1000-01"; years -5 and 100000000000000000000 are taken as they are
  knownBug(
    'POST /api/catalogues/:year/items and PUT /api/calendar/:year take only a four-digit year: -5, 0, 10^20, 1e3, 0x7e7 are 400',
    async () => {
      const item = JSON.stringify({ title: '事项', department: 'fgw', addedOn: '2023-01-05' });
      const calendar = JSON.stringify({ holidays: [], makeUpWorkdays: [] });
      const statuses: Record<string, number> = {};
      for (const year of ['-5', '0', '99999999999999999999', '1e3', '0x7e7', '99999']) {
        statuses[`catalogue ${year}`] = (await post(`/api/catalogues/${year}/items`, item, 'secretariat')).status;
        statuses[`calendar ${year}`] = (await post(`/api/calendar/${year}`, calendar, 'admin', 'PUT')).status;
      }
      expect(Object.values(statuses).every((s) => s === 400) ? 'all 400' : statuses).toBe('all 400');
    },
  );

  // class-transformer's plainToInstance, called by validateAs on the raw body of POST /api/cases, throws
  // "Cannot read properties of undefined (reading 'constructor')" for an object whose own "constructor" is not a function
  knownBug('POST /api/cases with {"constructor": 1} nested anywhere in the body is 400, not 500', async () => {
    const statuses = [];
    for (const body of [
      '{"procedure":"major-decision","title":"t","department":"fgw","x":{"constructor":1}}',
      '{"procedure":"major-decision","title":{"constructor":1},"department":"fgw"}',
      '{"procedure":"major-decision","title":"t","department":"fgw","x":[{"constructor":"Object"}]}',
    ]) {
      statuses.push((await post('/api/cases', body, 'official')).status);
    }
    expect(statuses).toEqual([400, 400, 400]);
  });

  // ImportCommentsDto: @ValidateNested({ each: true }) lets an array stand for a comment; the service then sorts
  // by receivedOn and throws "Cannot read properties of undefined (reading 'localeCompare')"
  knownBug(
    'POST /api/cases/:id/comments/import with an array where a comment should be is 400 (each comment must be an object), not 500',
    async () => {
      const d = caseDriver(b, tokens);
      const c = await d.create('official', {
        procedure: 'normative-document',
        title: 't',
        department: 'fgw',
        affectsPublicRights: true,
        marketRelated: false,
        interim: false,
        issuingOrgan: 'government',
        occurredAt: '2023-03-01',
      });
      const open = await d.ok('official', c, 'OPEN_PUBLIC_COMMENT', '2023-03-02', {
        draftText: '草案全文及起草说明',
        startDate: '2023-03-02',
        endDate: '2023-04-20',
        channels: ['网站'],
      });
      const res = await post(
        `/api/cases/${open.id}/comments/import`,
        JSON.stringify({ expectedVersion: open.version, comments: [{ content: 'a', receivedOn: '2023-03-03' }, []] }),
        'official',
      );
      expect({ status: res.status, field: res.json?.details?.[0]?.field }).toEqual({ status: 400, field: 'comments' });
    },
  );

  // better-sqlite3 writes a lone surrogate into the title column as bytes that read back as three U+FFFD; the snapshot
  // (JSON, escaped) keeps it: the case answers with one title when created and another ever after
  knownBug('a title with a lone surrogate is refused (400), or read back as it was acknowledged', async () => {
    const res = await post('/api/cases', JSON.stringify({ procedure: 'major-decision', title: 'a\ud800b', department: 'fgw' }), 'official');
    if (res.status === 400) return;
    expect(res.status).toBe(201);
    const read = await b.http.get(`/api/cases/${res.json.id}`).set('Authorization', `Bearer ${tokens.official}`).expect(200);
    const list = await b.http.get('/api/cases?pageSize=200').set('Authorization', `Bearer ${tokens.official}`).expect(200);
    expect({ read: read.body.title, listed: list.body.items.find((c: { id: string }) => c.id === res.json.id).title }).toEqual({
      read: res.json.title,
      listed: res.json.title,
    });
  });

  // HolidayYearDto checks the pattern only
  knownBug('PUT /api/calendar/2023 with a holiday on 2023-02-30 is 400', async () => {
    const res = await post('/api/calendar/2023', JSON.stringify({ holidays: ['2023-02-30'], makeUpWorkdays: [] }), 'admin', 'PUT');
    expect(res.status).toBe(400);
  });

  // RegisterDocumentDto checks each date alone: a document "issued before Docket" may be published in 2999
  knownBug(
    'POST /api/cases/register-document refuses a publication date in the future and a validity ending before it begins',
    async () => {
      const base = { title: '登记', department: 'fgw', issuingOrgan: 'government', interim: false };
      const future = await post(
        '/api/cases/register-document',
        JSON.stringify({ ...base, documentNumber: '泗政规〔2999〕1号', publishedOn: '2999-01-01', effectiveDate: '2999-02-01' }),
        'secretariat',
      );
      const backwards = await post(
        '/api/cases/register-document',
        JSON.stringify({
          ...base,
          documentNumber: '泗政规〔2020〕7号',
          publishedOn: '2020-01-01',
          effectiveDate: '2020-02-01',
          validUntil: '2019-01-01',
        }),
        'secretariat',
      );
      expect([future.status, backwards.status].map((s) => s >= 400 && s < 500)).toEqual([true, true]);
    },
  );
});
