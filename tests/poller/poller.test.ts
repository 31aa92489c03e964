/** startPoller over real HTTP: a failure around one poll never wedges that feed or the schedule. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/log/create-logger.js';
import { openApp, type App } from '../../src/app/index.js';
import { startPoller, type RunningPoller } from '../../src/poller/index.js';
import { listFeeds } from '../../src/store/feeds.js';
import { startFixtureServer, type FixtureServer } from '../helpers/fixture-server.js';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setUp(): Promise<{ server: FixtureServer; ctx: App }> {
  const server = await startFixtureServer({ '/rss2.xml': { file: 'ingest/rss2.xml', contentType: 'application/rss+xml' } });
  cleanups.push(() => server.close());
  const dir = mkdtempSync(join(tmpdir(), 'pw-poller-'));
  const config = join(dir, 'feeds.yml');
  writeFileSync(config, `settings:\n  allowPrivateNetworks: true\n  timeout: 2s\nfeeds:\n  - name: rss\n    url: ${server.url('/rss2.xml')}\n    extract: never\n`);
  const ctx = openApp({ config, db: join(dir, 'test.db') }, { log: silentLogger() });
  cleanups.push(() => ctx.close());
  return { server, ctx };
}

describe('startPoller', () => {
  it('polls a feed again after the outcome handler threw for it', async () => {
    const { server, ctx } = await setUp();
    const feedId = listFeeds(ctx.db)[0]!.id;
    let calls = 0;
    const poller: RunningPoller = startPoller(ctx.ingest, () => {
      calls += 1;
      if (calls === 1) throw new Error('handler bug');
    });
    cleanups.push(() => poller.stop());
    const first = await poller.pollNow(feedId);
    expect(first).toMatchObject({ status: 'ok' });
    const second = await poller.pollNow(feedId);
    expect(second).toMatchObject({ status: 'ok' });
    expect(server.requests.filter((r) => r.path === '/rss2.xml')).toHaveLength(2);
    expect(calls).toBe(2);
  });
});
