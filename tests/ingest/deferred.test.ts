/**
 * A host's Retry-After defers its other feeds, never beyond the longest interval (settings.maxInterval), and leaves
 * the extraction of its other pages pending: the fetcher reports such a refusal as 'deferred', not as a timeout.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/log/create-logger.js';
import { openApp, type App } from '../../src/app/index.js';
import { pollOnce } from '../../src/poller/index.js';
import { extractItems } from '../../src/ingest/extract-items.js';
import { listFeeds } from '../../src/store/feeds.js';
import { getItemRow, listItems } from '../../src/store/items.js';
import { faults, startFixtureServer, type FixtureServer } from '../helpers/fixture-server.js';

let server: FixtureServer | undefined;
let ctx: App | undefined;

afterAll(async () => {
  await ctx?.close();
  await server?.close();
});

function openWith(feeds: string, settings = ''): App {
  const dir = mkdtempSync(join(tmpdir(), 'pw-deferred-'));
  const config = join(dir, 'feeds.yml');
  writeFileSync(config, `settings:\n  allowPrivateNetworks: true\n  timeout: 2s\n  concurrency: 1\n${settings}feeds:\n${feeds}`);
  return openApp({ config, db: join(dir, 'test.db') }, { log: silentLogger() });
}

describe('a host asking for a very long wait', () => {
  it('defers its other feeds to the cap at most', async () => {
    server = await startFixtureServer({ '/busy.xml': faults.status(429, { 'retry-after': String(30 * 86_400) }), '/other.xml': { file: 'ingest/rdf.xml' } });
    ctx = openWith(`  - name: first\n    url: ${server.url('/busy.xml')}\n  - name: second\n    url: ${server.url('/other.xml')}\n`, '  maxInterval: 1d\n');
    const outcomes = await pollOnce(ctx.ingest);
    expect(outcomes.map((o) => o.status)).toEqual(['error', 'deferred']);
    expect(outcomes[1]?.error).toBeNull();
    const second = listFeeds(ctx.db).find((f) => f.name === 'second')!;
    expect(second).toMatchObject({ errorCount: 0, lastErrorCode: null });
    for (const feed of listFeeds(ctx.db)) expect(Date.parse(feed.nextPollAt!) - Date.now()).toBeLessThanOrEqual(86_400_000);
    await ctx.close();
    ctx = undefined;
    await server.close();
    server = undefined;
  });

  it('leaves the extraction of its other pages pending, with nothing recorded against them', async () => {
    server = await startFixtureServer({ '/busy/1': faults.status(429, { 'retry-after': '3600' }), '/busy/2': faults.status(429, { 'retry-after': '3600' }) });
    const items = ['1', '2'].map((n) => `<item><title>Story ${n}</title><link>${server!.url(`/busy/${n}`)}</link><guid>s${n}</guid><description>Teaser</description></item>`);
    server.setRoute('/feed.xml', {
      body: `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><link>http://x/</link><description>d</description>${items.join('')}</channel></rss>`,
      contentType: 'application/rss+xml',
    });
    ctx = openWith(`  - name: A\n    url: ${server.url('/feed.xml')}\n    extract: always\n`);
    await pollOnce(ctx.ingest);
    const byTitle = new Map(listItems(ctx.db).items.map((i) => [i.title, i.id]));
    const [first, second] = [byTitle.get('Story 1')!, byTitle.get('Story 2')!];
    // The first page's 429 is the page's answer: a failure. The second is never asked for: deferred, still pending.
    expect(await extractItems(ctx.extraction, { itemIds: [first] })).toMatchObject([{ itemId: first, status: 'failed', code: 'http_status' }]);
    const [outcome] = await extractItems(ctx.extraction, { itemIds: [second] });
    expect(outcome).toMatchObject({ itemId: second, status: 'deferred', reason: expect.stringContaining('Retry-After') });
    expect(outcome?.status === 'deferred' && outcome.retryAfterMs).toBeGreaterThan(3_000_000);
    expect(getItemRow(ctx.db, second)).toMatchObject({ extraction_status: 'pending', extraction_attempts: 0, extraction_code: null });
    expect(server.requests.filter((r) => r.path === '/busy/2')).toHaveLength(0);
  });
});
