/**
 * The read pool: worker threads with read-only connections to the same WAL file answer the inbox's reads exactly as
 * the main connection does, see the main connection's commits, and leave the main thread free for writes while a
 * slow read runs.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, type App } from '../../src/app/index.js';
import { createReadPool, inProcessReads, type ReadPool } from '../../src/app/read-pool/index.js';
import { inTransaction } from '../../src/db/index.js';
import { silentLogger } from '../../src/log/create-logger.js';
import type { ParsedItem } from '../../src/parser/types.js';
import { setItemStatus } from '../../src/store/curation.js';
import { listFeeds } from '../../src/store/feeds.js';
import { applyFeedItems } from '../../src/store/items.js';
import { mulberry32 } from '../helpers/prng.js';

const WORDS = 'church pastor prayer arrest village believers government police court prison refugees famine flood election'.split(' ');
const COUNTRIES = ['KP', 'NG', 'CN', 'IR', 'IN'];
const ITEMS = 20_000;

let dir: string;
let app: App;
let pool: ReadPool;

/** `total` items over the feeds, every one mentioning "prayer"; statuses and country tags spread over them. */
function seed(total: number): void {
  const r = mulberry32(7);
  const feeds = listFeeds(app.db);
  const start = Date.parse('2025-01-01T00:00:00Z');
  inTransaction(app.db, () => {
    for (let n = 0; n < total; n++) {
      const feed = feeds[n % feeds.length]!;
      const words = Array.from({ length: 8 }, () => WORDS[Math.floor(r() * WORDS.length)]!);
      const title = `${words.slice(0, 5).join(' ')} report ${n}`;
      const summary = `${words.join(' ')} and prayer in the region, day ${n}.`;
      const hash = createHash('sha256').update(title + summary).digest('hex');
      const item: ParsedItem = {
        key: hash, guid: `g${n}`, url: `https://feed${feed.id}.example/${n}`, title, summary, contentHtml: null, author: null,
        publishedAt: new Date(start + r() * 3e10).toISOString(), updatedAt: null, categories: [], imageUrl: null, contentHash: hash,
      };
      applyFeedItems(app.db, feed.id, [item], '2026-01-01T00:00:00.000Z', () => 'skipped');
    }
    const tag = app.db.prepare("INSERT INTO item_countries (item_id, code, source, added_by, added_at) VALUES (?, ?, 'curator', 't', '2026-01-01T00:00:00Z')");
    for (let id = 1; id <= total; id++) {
      if (id % 5 === 0) setItemStatus(app.db, id, 'dismissed', '2026-01-02T00:00:00.000Z');
      if (id % 3 === 0) tag.run(id, COUNTRIES[id % COUNTRIES.length]);
    }
  });
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'pw-read-pool-'));
  const config = join(dir, 'feeds.yml');
  writeFileSync(config, 'feeds:\n  - name: News A\n    url: https://a.example/feed.xml\n  - name: Ministry B\n    url: https://b.example/feed.xml\n    kind: ministry\n');
  app = openApp({ config, db: join(dir, 'test.db') }, { log: silentLogger() });
  seed(ITEMS);
  pool = createReadPool({ file: app.db.name, size: 2 });
}, 120_000);

afterAll(async () => {
  await pool?.close();
  await app?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the read pool', () => {
  it('answers every read as the main connection does, for a set of filters', async () => {
    const local = inProcessReads(app.db);
    const filters = [
      {},
      { status: 'new' as const },
      { country: 'kp' },
      { kind: 'ministry' as const, status: 'dismissed' as const },
      { feed: 'News A', since: '2025-06-01T00:00:00.000Z', until: '2025-12-01T00:00:00.000Z' },
      { search: 'prayer' },
      { search: 'famine flood', country: 'NG' },
      { search: 'report 1234' },
      { search: 'no-such-word' },
    ];
    for (const filter of filters) {
      const page = await local.run('listItems', { ...filter, limit: 20 });
      expect(await pool.run('listItems', { ...filter, limit: 20 }), JSON.stringify(filter)).toEqual(page);
      if (page.nextCursor) expect(await pool.run('listItems', { ...filter, limit: 20, cursor: page.nextCursor })).toEqual(await local.run('listItems', { ...filter, limit: 20, cursor: page.nextCursor }));
      const { status: _s, ...others } = filter as { status?: string };
      expect(await pool.run('countItemsByStatus', others)).toEqual(await local.run('countItemsByStatus', others));
      const ids = page.items.map((i) => i.id);
      expect(await pool.run('highlightItems', ids, 'prayer')).toEqual(await local.run('highlightItems', ids, 'prayer'));
      if (ids[3]) expect(await pool.run('adjacentItems', ids[3], filter)).toEqual(await local.run('adjacentItems', ids[3], filter));
    }
    expect(await pool.run('listTaggedCountries')).toEqual(await local.run('listTaggedCountries'));
    expect((await pool.run('countItemsByStatus', {})).all).toBe(ITEMS);
  });

  it("sees the main connection's commits on its next read", async () => {
    const before = await pool.run('countItemsByStatus', { search: 'prayer' });
    setItemStatus(app.db, 1, 'published', '2026-01-03T00:00:00.000Z');
    const after = await pool.run('countItemsByStatus', { search: 'prayer' });
    expect(after.published).toBe(before.published + 1);
    expect((await pool.run('listItems', { status: 'published' })).items.map((i) => i.id)).toContain(1);
  });

  it('rejects a read that fails in a worker, and keeps serving', async () => {
    await expect(pool.run('adjacentItems', 1, { since: 'x', until: 'y', search: '"' })).resolves.toBeTruthy();
    // @ts-expect-error: a read that is not in the table
    await expect(pool.run('dropEverything')).rejects.toThrow();
    expect((await pool.run('listItems', { limit: 1 })).items).toHaveLength(1);
  });

  it('leaves the main thread free: a write completes while slow searches are in flight', async () => {
    // Distinct filters, so no count comes from a cache: each is a search over every item.
    const slow = Array.from({ length: 24 }, (_, k) => pool.run('countItemsByStatus', { search: 'prayer', since: `2024-01-${String(k + 1).padStart(2, '0')}` }));
    let settled = 0;
    for (const p of slow) void p.then(() => settled++);
    while (pool.stats().busy === 0) await new Promise((r) => setImmediate(r));
    const t0 = performance.now();
    setItemStatus(app.db, 2, 'published', '2026-01-04T00:00:00.000Z');
    const writeMs = performance.now() - t0;
    const settledAtWrite = settled;
    const counts = await Promise.all(slow);
    expect(settledAtWrite).toBeLessThan(slow.length);
    expect(writeMs).toBeLessThan(1000);
    expect(counts.every((c) => c.all === ITEMS)).toBe(true);

    // On the main thread (the in-process path), the same searches run before anything else can.
    const local = inProcessReads(app.db);
    let localSettled = 0;
    const inline = Array.from({ length: 3 }, (_, k) => local.run('countItemsByStatus', { search: 'prayer', until: `2030-01-0${k + 1}` }).then(() => localSettled++));
    await Promise.resolve();
    setItemStatus(app.db, 3, 'published', '2026-01-04T00:00:00.000Z');
    expect(localSettled).toBe(3);
    await Promise.all(inline);
  });

  it('a read past its deadline rejects and its worker is replaced', async () => {
    const strict = createReadPool({ file: app.db.name, size: 1, timeoutMs: 1 });
    try {
      await expect(strict.run('countItemsByStatus', { search: 'prayer', since: '2020-02-02' })).rejects.toMatchObject({ code: 'timeout' });
      expect(strict.stats()).toMatchObject({ timeouts: 1, restarts: 1 });
    } finally {
      await strict.close();
    }
    await expect(strict.run('listTaggedCountries')).rejects.toMatchObject({ code: 'closed' });
  });
});
