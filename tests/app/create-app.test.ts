/** The composition root: a reload swaps one immutable runtime; snapshots already handed out keep their settings. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openApp, type App } from '../../src/app/index.js';
import { silentLogger } from '../../src/log/create-logger.js';

let app: App | undefined;
let dir: string;

afterEach(async () => {
  await app?.close();
  rmSync(dir, { recursive: true, force: true });
});

function open(): App {
  dir = mkdtempSync(join(tmpdir(), 'pw-app-'));
  const config = join(dir, 'feeds.yml');
  writeFileSync(config, 'settings:\n  timeout: 5s\nfeeds:\n  - name: A\n    url: https://example.org/feed.xml\n');
  app = openApp({ config, db: join(dir, 'test.db') }, { log: silentLogger() });
  return app;
}

describe('openApp', () => {
  it('on a settings change, swaps in a new runtime and closes the old client; old snapshots stay as they were', async () => {
    const a = open();
    const before = a.current();
    const ingest = a.ingest();
    expect(ingest).toBe(before.ingest);
    expect(a.extraction().http).toBe(before.http);
    a.reload({ ...before.config, settings: { ...before.config.settings, timeoutMs: 7000 } });
    const after = a.current();
    expect(after).not.toBe(before);
    expect(after.http).not.toBe(before.http);
    expect(a.ingest().settings.timeoutMs).toBe(7000);
    expect(a.extraction().settings.timeoutMs).toBe(7000);
    expect(ingest.settings.timeoutMs).toBe(5000);
    expect(Object.isFrozen(after) && Object.isFrozen(after.ingest)).toBe(true);
    expect(await before.http.fetch('https://example.org/')).toMatchObject({ ok: false, code: 'aborted' });
  });

  it('keeps the HTTP client when only the feeds changed', () => {
    const a = open();
    const before = a.current();
    a.reload({ ...before.config, feeds: [] });
    expect(a.current().http).toBe(before.http);
    expect(a.current().config.feeds).toEqual([]);
  });
});
