import { bootApp, Booted, setUpCounty } from './harness';

describe('boot', () => {
  let b: Booted;
  beforeAll(async () => {
    b = await bootApp();
  });
  afterAll(() => b.close());

  it('serves the OpenAPI document and refuses a request without a token', async () => {
    await b.http.get('/api/docs-json').expect(200);
    const res = await b.http.get('/api/cases').expect(401);
    expect(res.body).toMatchObject({ statusCode: 401, code: 'UNAUTHENTICATED' });
    await setUpCounty(b);
  });
});
