/**
 * A feeds.yml reload that changes the settings swaps the HTTP client while polls and extractions are on the wire.
 * Those are cancelled, not failed: nothing is counted against the feed or the item, and the next try succeeds.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractItems } from '../../src/ingest/extract-items.js';
import { silentLogger } from '../../src/log/create-logger.js';
import { openApp, type App } from '../../src/app/index.js';
import { pollOnce } from '../../src/poller/index.js';
import { listFeeds } from '../../src/store/feeds.js';
import { getItemRow, listItems } from '../../src/store/items.js';
import { startFixtureServer, type FixtureServer } from '../helpers/fixture-server.js';

let server: FixtureServer;
let ctx: App;

beforeAll(async () => {
  server = await startFixtureServer({
    '/page': { file: 'pages/wp-kim-putin-summit/source.html', contentType: 'text/html; charset=utf-8', delayMs: 300 },
  });
  server.setRoute('/feed.xml', {
    body: `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><link>http://x/</link><description>d</description><item><title>One</title><link>${server.url('/page')}</link><guid>one</guid><description>Teaser […]</description></item></channel></rss>`,
    contentType: 'application/rss+xml',
    delayMs: 300,
  });
  const dir = mkdtempSync(join(tmpdir(), 'pw-reload-'));
  const config = join(dir, 'feeds.yml');
  writeFileSync(
    config,
    `settings:\n  allowPrivateNetworks: true\n  timeout: 5s\n  extractWorkers: 1\nfeeds:\n  - name: A\n    url: ${server.url('/feed.xml')}\n    extract: always\n`,
  );
  ctx = openApp({ config, db: join(dir, 'test.db') }, { log: silentLogger() });
});

afterAll(async () => {
  await ctx?.close();
  await server?.close();
});

async function reloadWhileInFlight(): Promise<void> {
  while (server.inFlight === 0) await new Promise((done) => setTimeout(done, 5));
  ctx.reload({ ...ctx.current().config, settings: { ...ctx.current().config.settings, userAgent: `${ctx.current().config.settings.userAgent} reloaded` } });
}

describe('a settings reload during a poll and an extraction', () => {
  it('does not count the cancelled poll as a failure of the feed', async () => {
    const [outcomes] = await Promise.all([pollOnce(ctx.ingest), reloadWhileInFlight()]);
    expect(outcomes[0]?.status).not.toBe('error');
    const feed = listFeeds(ctx.db)[0]!;
    expect(feed).toMatchObject({ errorCount: 0, lastErrorCode: null });
    expect(Date.parse(feed.nextPollAt!) - Date.now()).toBeLessThanOrEqual(1000);
    expect((await pollOnce(ctx.ingest))[0]).toMatchObject({ status: 'ok', newItemIds: [expect.any(Number)] });
  }, 20_000);

  it('leaves a cancelled extraction pending, to be done on the next try', async () => {
    const id = listItems(ctx.db).items[0]!.id;
    const [outcomes] = await Promise.all([extractItems(ctx.extraction), reloadWhileInFlight()]);
    expect(outcomes).toEqual([{ itemId: id, status: 'cancelled', reason: expect.stringContaining('cancelled') }]);
    expect(getItemRow(ctx.db, id)).toMatchObject({ extraction_status: 'pending', extraction_attempts: 0 });
    expect(await extractItems(ctx.extraction)).toEqual([{ itemId: id, status: 'done', mergedInto: null }]);
  }, 20_000);
});
