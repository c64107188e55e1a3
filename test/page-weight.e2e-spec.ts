// The pages' weight on the wire: the build's precompressed copies sent by the request's
// Accept-Encoding (brotli first, then gzip, else the file itself) with the original's type and
// the long cache of hashed assets; index.html and the history routes as before; /api/procedures
// compressed from its cached copy and still revalidated with a 304; small API answers left alone;
// the chart library out of the pages' entry. Against the real built server (dist/, dist/web).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { get, type IncomingHttpHeaders } from 'node:http';
import { join, resolve } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { ADMIN_PASSWORD, bootApp, type Booted, login } from './harness';

const WEB = resolve(__dirname, '../dist/web');

/** A GET as bytes, undecoded (supertest and fetch both decode what they are sent). */
function raw(baseUrl: string, path: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }>((ok, fail) => {
    get(`${baseUrl}${path}`, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => ok({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', fail);
    }).on('error', fail);
  });
}

describe('page weight', () => {
  let b: Booted;
  let script: string;
  let style: string;
  let plain: Buffer;

  beforeAll(async () => {
    if (!existsSync(join(WEB, 'index.html')) || !readdirSync(join(WEB, 'assets')).some((f) => f.endsWith('.js.br')))
      throw new Error('dist/web is not built with its compressed copies: run `npx nest build && npx vite build` first');
    b = await bootApp();
    const page = (await b.http.get('/public').expect(200)).text;
    script = /src="(\/assets\/index-[^"]+\.js)"/.exec(page)![1];
    style = /href="(\/assets\/index-[^"]+\.css)"/.exec(page)![1];
    plain = readFileSync(join(WEB, script));
  });
  afterAll(() => b?.close());

  const expectAsset = (res: Awaited<ReturnType<typeof raw>>) => {
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(res.headers.vary).toMatch(/\bAccept-Encoding\b/);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(Number(res.headers['content-length'])).toBe(res.body.length);
  };

  it('a hashed asset asked with br comes back brotli, typed as JavaScript, cached for good', async () => {
    for (const accept of ['br', 'gzip, deflate, br, zstd', '*']) {
      const res = await raw(b.baseUrl, script, { 'Accept-Encoding': accept });
      expectAsset(res);
      expect(res.headers['content-encoding']).toBe('br');
      expect(res.body.length).toBeLessThan(plain.length / 2);
      expect(brotliDecompressSync(res.body).equals(plain)).toBe(true);
    }
  });

  it('with gzip only (or brotli refused) it comes back gzip', async () => {
    for (const accept of ['gzip', 'gzip, deflate', 'br;q=0, gzip;q=0.5']) {
      const res = await raw(b.baseUrl, script, { 'Accept-Encoding': accept });
      expectAsset(res);
      expect(res.headers['content-encoding']).toBe('gzip');
      expect(gunzipSync(res.body).equals(plain)).toBe(true);
    }
  });

  it('with no coding it accepts, the file itself', async () => {
    for (const headers of [
      {} as Record<string, string>,
      { 'Accept-Encoding': 'identity' },
      { 'Accept-Encoding': 'br;q=0, gzip;q=0' },
      { 'Accept-Encoding': 'deflate' },
    ]) {
      const res = await raw(b.baseUrl, script, headers);
      expectAsset(res);
      expect(res.headers['content-encoding']).toBeUndefined();
      expect(res.body.equals(plain)).toBe(true);
    }
  });

  it('a stylesheet keeps its type compressed; HEAD tells the compressed length', async () => {
    const css = await raw(b.baseUrl, style, { 'Accept-Encoding': 'br' });
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
    expect(css.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(css.body).equals(readFileSync(join(WEB, style)))).toBe(true);
    const head = await b.http.head(script).set('Accept-Encoding', 'br').expect(200);
    expect(head.headers['content-encoding']).toBe('br');
    expect(Number(head.headers['content-length'])).toBe(readFileSync(join(WEB, `${script}.br`)).length);
  });

  it('index.html and the history routes are unchanged: no-cache, html, not encoded', async () => {
    for (const path of ['/', '/public', '/cases/some-case', '/supervision']) {
      const res = await raw(b.baseUrl, path, { 'Accept-Encoding': 'gzip, deflate, br' });
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.headers['content-encoding']).toBeUndefined();
      expect(res.body.toString()).toContain('<div id="app">');
    }
    // an unknown asset is still a 404, an unknown API route still JSON
    expect((await raw(b.baseUrl, '/assets/missing-0000.js', { 'Accept-Encoding': 'br' })).status).toBe(404);
    expect((await b.http.get('/api/nothing-here').set('Accept-Encoding', 'br').expect(404)).headers['content-type']).toMatch(/json/);
  });

  it('/api/procedures comes compressed when asked, the same JSON, and still 304 on If-None-Match', async () => {
    const plainRes = await raw(b.baseUrl, '/api/procedures');
    expect(plainRes.headers['content-encoding']).toBeUndefined();
    const json = JSON.parse(plainRes.body.toString()) as unknown;
    for (const [accept, decode] of [
      ['gzip, deflate, br', brotliDecompressSync],
      ['gzip', gunzipSync],
    ] as const) {
      const res = await raw(b.baseUrl, '/api/procedures', { 'Accept-Encoding': accept });
      expect(res.status).toBe(200);
      expect(res.headers['content-encoding']).toBe(accept === 'gzip' ? 'gzip' : 'br');
      expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(res.headers.vary).toMatch(/\bAccept-Encoding\b/);
      expect(res.headers.vary).toMatch(/\bAccept-Language\b/);
      expect(res.headers['cache-control']).toBe('public, max-age=300');
      expect(Number(res.headers['content-length'])).toBe(res.body.length);
      expect(res.body.length).toBeLessThan(plainRes.body.length / 4);
      expect(JSON.parse(decode(res.body).toString())).toEqual(json);
      // each coding its own strong ETag, each revalidated
      expect(res.headers.etag).not.toBe(plainRes.headers.etag);
      const again = await raw(b.baseUrl, '/api/procedures', { 'Accept-Encoding': accept, 'If-None-Match': res.headers.etag! });
      expect(again.status).toBe(304);
      expect(again.body.length).toBe(0);
    }
    const again = await raw(b.baseUrl, '/api/procedures', { 'If-None-Match': plainRes.headers.etag! });
    expect(again.status).toBe(304);
    const one = await raw(b.baseUrl, '/api/procedures/major-decision', { 'Accept-Encoding': 'br' });
    expect(one.headers['content-encoding']).toBe('br');
    expect(
      (await raw(b.baseUrl, '/api/procedures/major-decision', { 'Accept-Encoding': 'br', 'If-None-Match': one.headers.etag! })).status,
    ).toBe(304);
  });

  it('the small answers of the API are not compressed (no cost on the hot path)', async () => {
    const token = await login(b, 'admin', ADMIN_PASSWORD);
    const me = await raw(b.baseUrl, '/api/me', { 'Accept-Encoding': 'gzip, deflate, br', Authorization: `Bearer ${token}` });
    expect(me.status).toBe(200);
    expect(me.headers['content-encoding']).toBeUndefined();
    expect(me.headers['cache-control']).toBe('no-store');
  });

  it('the pages’ entry neither preloads nor imports the charts chunk: the supervision page loads it when it draws', () => {
    const index = readFileSync(join(WEB, 'index.html'), 'utf8');
    expect(index).not.toMatch(/charts-/);
    expect(plain.toString()).not.toMatch(/from\s*"\.\/charts-/);
    const assets = readdirSync(join(WEB, 'assets'));
    const charts = assets.filter((f) => /^charts-.*\.js$/.test(f));
    expect(charts).toHaveLength(1);
    // only the supervision page's code names it, and as a dynamic import
    const naming = assets.filter((f) => f.endsWith('.js') && readFileSync(join(WEB, 'assets', f), 'utf8').includes(charts[0]));
    expect(naming.filter((f) => f !== charts[0]).every((f) => f.startsWith('SupervisionView-'))).toBe(true);
  });
});
