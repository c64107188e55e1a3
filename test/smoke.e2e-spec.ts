import { setUpCounty, useCounty } from './harness';

describe('boot', () => {
  const { b } = useCounty({}, { county: false });

  it('serves the OpenAPI document and refuses a request without a token', async () => {
    await b.http.get('/api/docs-json').expect(200);
    const res = await b.http.get('/api/cases').expect(401);
    expect(res.body).toMatchObject({ statusCode: 401, code: 'UNAUTHENTICATED' });
    await setUpCounty(b);
  });
});
