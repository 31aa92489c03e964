/**
 * `prayerwire poll` on a first pass bigger than one extraction pass (10,000 pages): it completes and says how many
 * articles it left pending. (40,000 ids through the store and the extraction queue: tests/store/long-id-lists.test.ts
 * and tests/ingest/large-pass.test.ts.)
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/index.js';
import { openDatabase } from '../../src/db/index.js';
import { countItems } from '../../src/store/items.js';
import { startFixtureServer, type FixtureServer } from '../helpers/fixture-server.js';
import { largeRssFeed } from '../helpers/large-feed.js';

const COUNT = 10_200;
let server: FixtureServer;
let dir: string;

beforeAll(async () => {
  // The articles are not there (404): each extraction fails fast, which is all this test needs.
  server = await startFixtureServer({});
  server.setRoute('/many.xml', { body: largeRssFeed(COUNT, server.url('/reports')), contentType: 'application/rss+xml' });
  dir = mkdtempSync(join(tmpdir(), 'pw-poll-large-'));
});

afterAll(async () => server?.close());

describe('prayerwire poll with 10,200 new items', () => {
  it('stores every item, extracts one pass worth and reports the rest as pending', async () => {
    const config = join(dir, 'feeds.yml');
    writeFileSync(config, `settings:\n  allowPrivateNetworks: true\n  timeout: 60s\n  perHost: 8\n  maxFeedSize: 52428800\nfeeds:\n  - name: many\n    url: ${server.url('/many.xml')}\n    extract: always\n`);
    const stdout: string[] = [];
    const stderr: string[] = [];
    const db = join(dir, 'poll.db');
    const code = await main(['poll', '--config', config, '--db', db], {}, { out: (t) => stdout.push(t), err: (t) => stderr.push(t), isTTY: false });
    const out = stdout.join('\n');
    expect(code, stderr.join('\n')).toBe(0);
    expect(out).toMatch(/1 feeds polled, 10200 new items, 0 feeds failed/);
    expect(out).toMatch(/0 articles extracted, 10000 failed/);
    expect(out).toContain('200 articles left pending extraction; `prayerwire extract` continues with them');
    const check = openDatabase(db);
    try {
      expect(countItems(check)).toBe(COUNT);
    } finally {
      check.close();
    }
  }, 300_000);
});
