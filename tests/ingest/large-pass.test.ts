/**
 * A pass that finds more new items than SQLite allows parameters in one statement (32,766): a real 40,000-item feed
 * over 127.0.0.1, through the real poll and the extraction queue `serve` runs.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startExtractionQueue } from '../../src/ingest/extraction-queue.js';
import { openApp, type App } from '../../src/app/index.js';
import { pollOnce } from '../../src/poller/index.js';
import { countItems } from '../../src/store/items.js';
import { startFixtureServer, type FixtureServer } from '../helpers/fixture-server.js';
import { largeRssFeed } from '../helpers/large-feed.js';

const COUNT = 40_000;
let server: FixtureServer;
let ctx: App;
const logLines: string[] = [];

beforeAll(async () => {
  server = await startFixtureServer({});
  server.setRoute('/many.xml', { body: largeRssFeed(COUNT, server.url('/reports')), contentType: 'application/rss+xml' });
  const dir = mkdtempSync(join(tmpdir(), 'pw-large-'));
  const config = join(dir, 'feeds.yml');
  writeFileSync(config, `settings:\n  allowPrivateNetworks: true\n  timeout: 60s\n  maxFeedSize: 52428800\nfeeds:\n  - name: many\n    url: ${server.url('/many.xml')}\n    extract: never\n`);
  const log = pino({ level: 'info' }, { write: (line: string) => void logLines.push(line) });
  ctx = openApp({ config, db: join(dir, 'test.db') }, { log });
});

afterAll(async () => {
  await ctx?.close();
  await server?.close();
});

describe(`a poll that finds ${COUNT.toLocaleString('en')} new items`, () => {
  it('stores them all, and the extraction queue works through them without failing', async () => {
    const [outcome] = await pollOnce(ctx.ingest);
    expect(outcome).toMatchObject({ status: 'ok', error: null });
    expect(outcome!.newItemIds).toHaveLength(COUNT);
    expect(countItems(ctx.db)).toBe(COUNT);

    const delivered = new Set<number>();
    const queue = startExtractionQueue(ctx.extraction, (ids) => ids.forEach((id) => delivered.add(id)));
    queue.enqueue(outcome!.newItemIds);
    await queue.idle();
    await queue.stop();
    expect(logLines.filter((l) => /extraction queue failed|too many SQL variables/.test(l))).toEqual([]);
    expect(delivered.size).toBe(COUNT);
  }, 240_000);
});
