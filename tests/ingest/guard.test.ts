/** The SSRF guard seen from a poll: a refused autodiscovery hop is reported naming the page and the feed it advertised. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchUrl } from '../../src/fetcher/index.js';
import { silentLogger } from '../../src/log/create-logger.js';
import { openApp, type App } from '../../src/app/index.js';
import { pollOnce } from '../../src/poller/index.js';
import { listFeeds } from '../../src/store/feeds.js';
import { startFixtureServer, type FixtureServer } from '../helpers/fixture-server.js';
import { testOptions } from '../fetcher/options.js';

let server: FixtureServer;
let ctx: App;
/** The app's ingest deps on a client that lets `localhost` through but no loopback literal. */
const ingest = () => ({
  ...ctx.ingest(),
  http: { fetch: (url: string, o?: object) => fetchUrl(url, { ...testOptions, ...o, allowPrivateNetworks: false, allowedPrivateHosts: ['localhost'] }), close: () => {} },
});

beforeAll(async () => {
  server = await startFixtureServer({ '/feed.xml': { file: 'ingest/rss2.xml', contentType: 'application/rss+xml' } });
  // The page is reached by name (localhost, let through for this test); the feed it advertises is a loopback literal.
  server.setRoute('/home.html', {
    body: `<!doctype html><html><head><link rel="alternate" type="application/rss+xml" href="${server.url('/feed.xml')}"></head><body>Hi</body></html>`,
    contentType: 'text/html',
  });
  const dir = mkdtempSync(join(tmpdir(), 'pw-guard-'));
  const config = join(dir, 'feeds.yml');
  const port = new URL(server.origin).port;
  writeFileSync(config, `settings:\n  timeout: 2s\nfeeds:\n  - name: ministry\n    url: http://localhost:${port}/home.html\n    extract: never\n`);
  ctx = openApp({ config, db: join(dir, 'test.db') }, { log: silentLogger() });
});

afterAll(async () => {
  await ctx?.close();
  await server?.close();
});

describe('a refused autodiscovery hop', () => {
  it('fails the poll with a message naming the page, the advertised feed and the refused address', async () => {
    const [outcome] = await pollOnce(ingest);
    const page = `http://localhost:${new URL(server.origin).port}/home.html`;
    expect(outcome).toMatchObject({ status: 'error', error: { code: 'blocked' } });
    const message = outcome!.error!.message;
    expect(message).toContain(`autodiscovery (${page} advertises ${server.url('/feed.xml')})`);
    expect(message).toContain('Refused to connect to 127.0.0.1: loopback address');
    expect(message).not.toMatch(/allowPrivateNetworks/);
    expect(listFeeds(ctx.db)[0]!.lastError).toBe(message);
    expect(server.requests.map((r) => r.path)).toEqual(['/home.html']);
  });
});
