/**
 * Log lines about one feed or one item carry its id as a field (`feedId`, `itemId`), so a log collector can filter
 * by them: a failing feed and a failing page, polled and extracted over 127.0.0.1, logged as JSON lines.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, type App } from '../../src/app/index.js';
import { extractItems } from '../../src/ingest/extract-items.js';
import { pollOnce } from '../../src/poller/index.js';
import { listFeeds } from '../../src/store/feeds.js';
import { startFixtureServer, type FixtureServer } from '../helpers/fixture-server.js';

let server: FixtureServer;
let app: App;
const lines: Record<string, unknown>[] = [];

beforeAll(async () => {
  server = await startFixtureServer({});
  const rss = `<?xml version="1.0"?><rss version="2.0"><channel><title>Good</title><link>${server.url('/')}</link><description>d</description>
    <item><title>A report</title><link>${server.url('/gone-page')}</link><guid>g1</guid><description>Some text.</description></item>
    </channel></rss>`;
  server.setRoute('/good.xml', { body: rss, contentType: 'application/rss+xml' });
  server.setRoute('/broken.xml', { status: 500 });
  const dir = mkdtempSync(join(tmpdir(), 'pw-log-ids-'));
  const config = join(dir, 'feeds.yml');
  writeFileSync(config, `settings:\n  allowPrivateNetworks: true\nfeeds:\n  - name: Good\n    url: ${server.url('/good.xml')}\n    extract: always\n  - name: Broken\n    url: ${server.url('/broken.xml')}\n`);
  app = openApp({ config, db: join(dir, 'pw.db') }, { log: pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) }) });
}, 30_000);
afterAll(async () => {
  await app?.close();
  await server?.close();
});

describe('log lines', () => {
  it('name the feed by id on a failed poll, and the item by id on a failed extraction', async () => {
    const outcomes = await pollOnce(app.ingest);
    const broken = listFeeds(app.db).find((f) => f.name === 'Broken')!;
    const failure = lines.find((l) => l.level === 40 && l.code === 'http_status');
    expect(failure).toMatchObject({ feedId: broken.id, feed: 'Broken' });

    const itemId = outcomes.flatMap((o) => o.newItemIds)[0]!;
    expect(itemId).toBeGreaterThan(0);
    await extractItems(app.extraction, { itemIds: [itemId] });
    expect(lines.find((l) => typeof l.msg === 'string' && l.msg.startsWith('extraction failed'))).toMatchObject({ itemId, feed: 'Good' });
  });
});
