/**
 * A feed item with a 9.5 MiB title, polled over 127.0.0.1: the stored title is capped, the cut is logged once with
 * the feed and the item URL, and the curators' inbox page stays small.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../src/accounts/index.js';
import { openApp, type App } from '../../src/app/index.js';
import { ITEM_FIELD_LIMITS } from '../../src/parser/index.js';
import { pollOnce } from '../../src/poller/index.js';
import { listFeeds } from '../../src/store/feeds.js';
import { listItems } from '../../src/store/items.js';
import { buildWebApp } from '../../src/app/index.js';
import { startFixtureServer, type FixtureServer } from '../helpers/fixture-server.js';

const ORIGIN = 'http://localhost';
let server: FixtureServer;
let ctx: App;
const logLines: string[] = [];

beforeAll(async () => {
  server = await startFixtureServer({});
  const huge = 'Pray for the church in Nigeria '.repeat(Math.ceil((9.5 * 1024 * 1024) / 31));
  const rss = `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Big</title><link>${server.url('/')}</link>
    <item><title>${huge}</title><link>${server.url('/huge')}</link><guid>huge</guid><description>Huge title.</description></item>
    <item><title>An ordinary report</title><link>${server.url('/ordinary')}</link><guid>ordinary</guid><description>Fine.</description></item>
  </channel></rss>`;
  server.setRoute('/feed.xml', { body: rss, contentType: 'application/rss+xml' });
  const dir = mkdtempSync(join(tmpdir(), 'pw-long-'));
  const config = join(dir, 'feeds.yml');
  writeFileSync(config, `settings:\n  allowPrivateNetworks: true\n  timeout: 30s\n  maxFeedSize: 52428800\nfeeds:\n  - name: big\n    url: ${server.url('/feed.xml')}\n    extract: never\n`);
  ctx = openApp({ config, db: join(dir, 'test.db') }, { log: pino({ level: 'info' }, { write: (line: string) => void logLines.push(line) }) });
  await pollOnce(ctx.ingest);
}, 120_000);

afterAll(async () => {
  await ctx?.close();
  await server?.close();
});

describe('an item with a 9.5 MiB title', () => {
  it('is stored with its title capped', () => {
    const titles = listItems(ctx.db).items.map((i) => i.title);
    expect(titles).toHaveLength(2);
    expect(Math.max(...titles.map((t) => t.length))).toBeLessThanOrEqual(ITEM_FIELD_LIMITS.title);
    expect(titles).toContain('An ordinary report');
  });

  it('logs the cut once, with the feed id and the item URL', async () => {
    const cuts = () => logLines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.msg === 'item fields over their length caps were cut');
    expect(cuts()).toHaveLength(1);
    expect(cuts()[0]).toMatchObject({ feedId: listFeeds(ctx.db)[0]!.id, url: server.url('/huge'), truncated: [{ field: 'title', limit: ITEM_FIELD_LIMITS.title }] });
    const [again] = await pollOnce(ctx.ingest);
    expect(again).toMatchObject({ status: 'ok', newItemIds: [] });
    expect(cuts()).toHaveLength(1);
  }, 60_000);

  it('leaves the inbox page small', async () => {
    const app = buildWebApp(ctx, { startedAt: Date.now(), baseUrl: ORIGIN }).web;
    const password = 'curator secret password';
    await createUser(ctx.db, { name: 'cara', role: 'curator', password }, { scrypt: { N: 1024, r: 8, p: 1 } });
    const login = await app.request(`${ORIGIN}/login`, {
      method: 'POST',
      body: new URLSearchParams({ name: 'cara', password, next: '/inbox' }),
      headers: { Origin: ORIGIN, 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    const cookie = login.headers.getSetCookie()[0]!.split(';')[0]!;
    const inbox = await app.request(`${ORIGIN}/inbox`, { headers: { Cookie: cookie } });
    expect(inbox.status).toBe(200);
    const page = await inbox.text();
    expect(page).toContain('An ordinary report');
    expect(page.length).toBeLessThan(100_000);
    const api = await app.request(`${ORIGIN}/api/items`, { headers: { Cookie: cookie } });
    expect((await api.text()).length).toBeLessThan(100_000);
  });
});
