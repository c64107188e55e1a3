import Ajv from 'ajv';
import { shanghaiDate } from '../workflows';
import { bootApp, Booted, caseDriver, filedDocument, setUpCounty, Tokens } from './harness';

type Schema = Record<string, any>;

/**
 * An OpenAPI 3.0 schema as strict JSON Schema: `nullable` becomes a null alternative, refs point
 * into `definitions`, and an object with declared properties admits no others, so an answer
 * with a field the document does not name fails as surely as one missing a required field.
 */
function strict(s: Schema): Schema {
  if (typeof s !== 'object' || s === null) return s;
  if (Array.isArray(s)) return s.map(strict);
  const out: Schema = {};
  for (const [k, v] of Object.entries(s)) {
    if (k === '$ref') out.$ref = String(v).replace('#/components/schemas/', '#/definitions/');
    else if (k === 'properties') out.properties = Object.fromEntries(Object.entries(v as Schema).map(([p, ps]) => [p, strict(ps)]));
    else if (k === 'description' || k === 'nullable') continue;
    else out[k] = typeof v === 'object' ? strict(v) : v;
  }
  if (out.type === 'object' && out.properties && out.additionalProperties === undefined) out.additionalProperties = false;
  return s.nullable ? { anyOf: [{ type: 'null' }, out] } : out;
}

describe('the OpenAPI document describes what the server answers', () => {
  let b: Booted;
  let tokens: Tokens;
  let doc: Schema;
  let definitions: Schema;
  const ajv = new Ajv({ strict: false, allErrors: true });
  const checked = new Set<string>();

  beforeAll(async () => {
    b = await bootApp();
    tokens = await setUpCounty(b);
    doc = (await b.http.get('/api/docs-json').expect(200)).body;
    definitions = Object.fromEntries(Object.entries(doc.components.schemas).map(([k, v]) => [k, strict(v as Schema)]));
  });
  afterAll(() => b.close());

  /** Call the route as `who` and check the answer against the operation's declared success schema. */
  async function answer(who: keyof Tokens | null, method: 'get' | 'post', path: string, route: string, body?: object) {
    let req = method === 'get' ? b.http.get(path) : b.http.post(path).send(body ?? {});
    if (who) req = req.set('Authorization', `Bearer ${tokens[who]}`);
    const res = await req;
    if (res.status !== 200 && res.status !== 201) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
    const declared = doc.paths[route]?.[method]?.responses?.[String(res.status)]?.content?.['application/json']?.schema;
    expect({ route, method, declared: declared !== undefined }).toEqual({ route, method, declared: true });
    const validate = ajv.compile({ ...strict(declared), definitions });
    const ok = validate(res.body);
    expect({ route, errors: ok ? [] : validate.errors }).toEqual({ route, errors: [] });
    checked.add(`${method.toUpperCase()} ${route}`);
    return res.body;
  }

  it('a case through its comment period, and every page the officials read', async () => {
    const d = caseDriver(b, tokens);
    // open today, so the public page lists it and takes a comment
    const today = shanghaiDate(new Date());
    const draft = await d.create('official', {
      procedure: 'normative-document',
      title: '城区停车收费管理办法',
      department: 'fgw',
      affectsPublicRights: true,
      marketRelated: false,
      interim: false,
      issuingOrgan: 'government',
    });
    const c = await d.ok('official', draft, 'OPEN_PUBLIC_COMMENT', today, {
      draftText: '草案全文及起草说明',
      startDate: today,
      endDate: shanghaiDate(new Date(Date.now() + 40 * 86_400_000)),
      channels: ['县政府网站'],
    });
    await answer(null, 'get', '/api/public/consultations', '/api/public/consultations');
    await answer(null, 'get', `/api/public/consultations/${c.id}`, '/api/public/consultations/{id}');
    await answer(null, 'post', `/api/public/consultations/${c.id}/comments`, '/api/public/consultations/{id}/comments', {
      content: '建议延长夜间免费停车时段',
      submitter: '市民',
    });
    const view = await answer('official', 'get', `/api/cases/${c.id}`, '/api/cases/{id}');
    expect(view.comments).toHaveLength(1);
    await answer('official', 'get', `/api/cases/${c.id}/history`, '/api/cases/{id}/history');
    await answer('official', 'get', '/api/cases', '/api/cases');
    await answer('official', 'get', '/api/cases/inbox', '/api/cases/inbox');
    await answer('official', 'get', '/api/me', '/api/me');
    await answer(null, 'get', '/api/procedures', '/api/procedures');
    await answer(null, 'get', '/api/procedures/normative-document', '/api/procedures/{id}');
    await answer('supervisor', 'get', '/api/reports/compliance?year=2023', '/api/reports/compliance');
    await answer('supervisor', 'get', '/api/reports/by-department?year=2023', '/api/reports/by-department');
    await answer('supervisor', 'get', '/api/reports/stages', '/api/reports/stages');
    await answer('supervisor', 'get', '/api/reports/annual?year=2023', '/api/reports/annual');
    await answer('supervisor', 'get', '/api/audit/verify', '/api/audit/verify');
    await answer('supervisor', 'get', '/api/audit/refusals', '/api/audit/refusals');
    await answer('supervisor', 'get', '/api/audit/refusals/counts', '/api/audit/refusals/counts');
    await answer('secretariat', 'get', '/api/catalogues/2023', '/api/catalogues/{year}');
    await answer('secretariat', 'get', '/api/cleanups', '/api/cleanups');
    await answer('official', 'get', '/api/calendar/2023', '/api/calendar/{year}');
    await answer('admin', 'get', '/api/users', '/api/users');
    await answer('admin', 'get', '/api/departments', '/api/departments');
    await answer('admin', 'get', '/api/procedures/normative-document/migrations', '/api/procedures/{id}/migrations');
    await answer('admin', 'post', '/api/deadlines/run', '/api/deadlines/run');
    // office work
    const users = (await answer('admin', 'get', '/api/users', '/api/users')) as unknown as { id: string; username: string }[];
    const id = (name: string) => users.find((u) => u.username === name)!.id;
    await answer('official', 'get', '/api/users/directory', '/api/users/directory');
    await answer('official', 'post', `/api/cases/${c.id}/copies`, '/api/cases/{id}/copies', {
      userIds: [id('supervisor')],
      note: '请知悉',
    });
    await answer('official', 'post', `/api/cases/${c.id}/assign`, '/api/cases/{id}/assign', {
      userId: id('official2'),
      reason: '工作调整',
    });
    await answer('supervisor', 'post', `/api/cases/${c.id}/urge`, '/api/cases/{id}/urge', { message: '请尽快办理' });
    await answer('official2', 'get', '/api/cases?view=todo', '/api/cases');
    await answer('official2', 'get', '/api/notifications', '/api/notifications');
    await answer('official2', 'get', '/api/notifications/unread', '/api/notifications/unread');
    await answer('official2', 'post', '/api/notifications/read-all', '/api/notifications/read-all');
    expect(checked.size).toBe(31);
  });

  it('governments and filing review: every answer as the document declares it', async () => {
    const admin = { Authorization: `Bearer ${tokens.admin}` };
    // a city over a second county of its own (the first government keeps its departments where it is)
    await b.http
      .put('/api/governments/oa-city')
      .set(admin)
      .send({ name: '某市人民政府', level: 'city', documentPrefix: '某政规', jurisdiction: 'jiangsu' })
      .expect(200);
    await b.http
      .put('/api/governments/oa-county')
      .set(admin)
      .send({ name: '某县人民政府', level: 'county', parentId: 'oa-city', documentPrefix: '某县政规', jurisdiction: 'jiangsu' })
      .expect(200);
    await b.http.put('/api/departments/oa-fgw').set(admin).send({ name: '某县发改委', governmentId: 'oa-county' }).expect(200);
    await b.http.put('/api/departments/oa-sfj').set(admin).send({ name: '某县司法局', governmentId: 'oa-county' }).expect(200);
    const people: Record<string, Record<string, unknown>> = {
      oaOfficial: { roles: ['official'], department: 'oa-fgw' },
      oaReviewer: { roles: ['reviewer'], department: 'oa-sfj' },
      oaSecretariat: { roles: ['secretariat'], governmentId: 'oa-county' },
      oaFiling: { roles: ['filingReviewer'], governmentId: 'oa-city' },
    };
    const more = tokens as unknown as Record<string, string>;
    for (const [username, u] of Object.entries(people)) {
      await b.http
        .post('/api/users')
        .set(admin)
        .send({ username, password: 'test-pass-123', displayName: username, ...u })
        .expect(201);
      more[username] = (await b.http.post('/api/auth/login').send({ username, password: 'test-pass-123' }).expect(200)).body.accessToken;
    }
    const d = caseDriver(b, { ...tokens, official: more.oaOfficial, reviewer: more.oaReviewer, secretariat: more.oaSecretariat });
    const c = await filedDocument(d, 'oa-fgw', '某县管理办法', '某市人民政府');
    const as = (who: string) => who as keyof Tokens;
    await answer('admin', 'get', '/api/governments', '/api/governments');
    await answer(null, 'get', '/api/public/governments', '/api/public/governments');
    const filings = (await answer(as('oaFiling'), 'get', '/api/filings', '/api/filings')) as unknown as { id: string }[];
    await answer(as('oaFiling'), 'post', `/api/filings/${filings[0].id}/events`, '/api/filings/{id}/events', {
      type: 'HOLD_FILING',
      data: { occurredAt: '2023-04-12', reason: '缺少起草说明', correctBy: '2023-04-26' },
    });
    await answer(as('oaSecretariat'), 'get', '/api/filings/tasks', '/api/filings/tasks');
    await answer(as('oaFiling'), 'post', `/api/filings/${filings[0].id}/events`, '/api/filings/{id}/events', {
      type: 'REGISTER_FILING',
      data: { occurredAt: '2023-04-14' },
    });
    await answer(null, 'get', '/api/public/filings?government=oa-city&year=2023&quarter=2', '/api/public/filings');
    await answer(as('oaOfficial'), 'get', `/api/cases/${c.id}/history`, '/api/cases/{id}/history');
    await answer('admin', 'get', '/api/reports/compliance?year=2023&government=oa-city', '/api/reports/compliance');
    await answer('admin', 'get', '/api/catalogues/2023', '/api/catalogues/{year}');
  });
});
