/**
 * What a phone downloads to show a page the first time (nothing in its cache): the real built
 * server on a SQLite file, Debian's headless Chromium at phone width, and the bytes the browser
 * reports per request over the DevTools protocol (Network.loadingFinished's encodedDataLength:
 * what came over the wire, headers included; Network.dataReceived's dataLength: the bodies once
 * decoded). /public and /login signed out; /workbench as an official and /supervision as the
 * supervisor, signed in first, then the cache emptied. Prints figures; asserts nothing.
 */
import type { CDPSession } from 'playwright-core';
import { launchChromium, Person } from '../test/browser-harness';
import { bootApp, setUpCounty } from '../test/harness';

interface Weight {
  page: string;
  requests: number;
  transferred: number;
  decoded: number;
  charts: boolean;
}

/** Counts every request of the page from now on, until `done()`. */
async function watch(cdp: CDPSession) {
  const urls = new Map<string, string>();
  const wire = new Map<string, number>();
  const body = new Map<string, number>();
  cdp.on('Network.requestWillBeSent', (e) => urls.set(e.requestId, e.request.url));
  cdp.on('Network.dataReceived', (e) => body.set(e.requestId, (body.get(e.requestId) ?? 0) + e.dataLength));
  cdp.on('Network.loadingFinished', (e) => wire.set(e.requestId, e.encodedDataLength));
  await cdp.send('Network.enable');
  await cdp.send('Network.clearBrowserCache');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  return (page: string): Weight => {
    const finished = [...wire.keys()];
    return {
      page,
      requests: finished.length,
      transferred: finished.reduce((s, id) => s + wire.get(id)!, 0),
      decoded: finished.reduce((s, id) => s + (body.get(id) ?? 0), 0),
      charts: finished.some((id) => /\/assets\/charts-[^/]*\.js/.test(urls.get(id) ?? '')),
    };
  };
}

async function main() {
  const b = await bootApp({ LOG_LEVEL: 'silent' });
  const browser = await launchChromium();
  try {
    await setUpCounty(b);
    const rows: Weight[] = [];
    const visit = async (path: string, signIn?: string) => {
      const p = signIn ? await Person.signIn(browser, b.baseUrl, signIn, true) : await Person.open(browser, b.baseUrl, true);
      try {
        const done = await watch(await p.context.newCDPSession(p.page));
        await p.read(path);
        rows.push(done(signIn ? `${path} (${signIn})` : path));
      } finally {
        await p.context.close();
      }
    };
    await visit('/public');
    await visit('/login');
    await visit('/workbench', 'official');
    await visit('/supervision', 'supervisor');

    const kb = (n: number) => (n / 1024).toFixed(1);
    console.log('\nFirst load on a phone (390×844), fresh cache\n');
    console.log('| page | requests | KB transferred | KB decoded | charts chunk |');
    console.log('|---|---:|---:|---:|---|');
    for (const r of rows)
      console.log(`| ${r.page} | ${r.requests} | ${kb(r.transferred)} | ${kb(r.decoded)} | ${r.charts ? 'loaded' : 'not loaded'} |`);
  } finally {
    await browser.close();
    await b.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
