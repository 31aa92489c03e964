/** A host's Retry-After defers its other feeds, never beyond the longest interval (settings.maxInterval). */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/log/create-logger.js';
import { openApp, type App } from '../../src/app/index.js';
import { pollOnce } from '../../src/poller/index.js';
import { listFeeds } from '../../src/store/feeds.js';
import { faults, startFixtureServer, type FixtureServer } from '../helpers/fixture-server.js';

let server: FixtureServer | undefined;
let ctx: App | undefined;

afterAll(async () => {
  await ctx?.close();
  await server?.close();
});

describe('a host asking for a very long wait', () => {
  it('defers its other feeds to the cap at most', async () => {
    server = await startFixtureServer({ '/busy.xml': faults.status(429, { 'retry-after': String(30 * 86_400) }), '/other.xml': { file: 'ingest/rdf.xml' } });
    const dir = mkdtempSync(join(tmpdir(), 'pw-deferred-'));
    const config = join(dir, 'feeds.yml');
    writeFileSync(
      config,
      `settings:\n  allowPrivateNetworks: true\n  timeout: 2s\n  concurrency: 1\n  maxInterval: 1d\nfeeds:\n  - name: first\n    url: ${server.url('/busy.xml')}\n  - name: second\n    url: ${server.url('/other.xml')}\n`,
    );
    ctx = openApp({ config, db: join(dir, 'test.db') }, { log: silentLogger() });
    const outcomes = await pollOnce(ctx.ingest);
    expect(outcomes.map((o) => o.status)).toEqual(['error', 'deferred']);
    for (const feed of listFeeds(ctx.db)) expect(Date.parse(feed.nextPollAt!) - Date.now()).toBeLessThanOrEqual(86_400_000);
  });
});
