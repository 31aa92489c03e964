/** The worker pool: same results as in-process, deadlines that really kill a spinning worker, crash containment. */
import { afterAll, describe, expect, it } from 'vitest';
import { createExtractorPool, extractArticle, type ExtractorPool } from '../../src/extractor/index.js';
import { checkPageResult, loadPageCases } from './page-cases.js';

const SPIN = 'prayerwire:test-spin';
const CRASH = 'prayerwire:test-crash';
const cases = loadPageCases();
const normal = cases.filter((c) => !c.expected.poolOnly);
const pathological = cases.find((c) => c.expected.poolOnly && c.expected.expectError === 'timeout')!;
const pools: ExtractorPool[] = [];
const open = (...args: Parameters<typeof createExtractorPool>): ExtractorPool => {
  const pool = createExtractorPool(...args);
  pools.push(pool);
  return pool;
};
afterAll(async () => {
  await Promise.all(pools.map((p) => p.close()));
});

describe('createExtractorPool', () => {
  it('extracts every corpus page in workers exactly as in-process, pages queued over 2 workers', async () => {
    const pool = open({ size: 2 });
    const results = await Promise.all(normal.map((c) => pool.extract(c.html, c.expected.url)));
    results.forEach((r, i) => {
      const c = normal[i]!;
      expect(checkPageResult(r, c.expected), c.slug).toEqual([]);
      expect(r).toEqual(extractArticle(c.html, c.expected.url));
    });
    expect(pool.stats()).toMatchObject({ size: 2, busy: 0, queued: 0, completed: normal.length, timeouts: 0, crashes: 0 });
  });

  // The deadline also bounds the good page after the restart (a fresh worker loads its DOM libraries): 5 s leaves
  // room for a busy machine, where a 400 ms deadline failed.
  it('terminates a spinning worker at the deadline, replaces it, and goes on with the queue', async () => {
    const pool = open({ size: 1, timeoutMs: 5000, testHooks: { spinMarker: SPIN } });
    const good = normal.find((c) => !c.expected.expectError)!;
    const [spun, after] = await Promise.all([pool.extract(pathological.html, pathological.expected.url), pool.extract(good.html, good.expected.url)]);
    expect(spun).toMatchObject({ ok: false, code: 'timeout' });
    expect(checkPageResult(after!, good.expected)).toEqual([]);
    expect(pool.stats()).toMatchObject({ timeouts: 1, restarts: 1, completed: 1, busy: 0 });
  });

  it('times out the pathological page for real (no test hook): deep nesting takes linkedom seconds', async () => {
    const pool = open({ size: 1, timeoutMs: 1000 });
    expect(await pool.extract(pathological.html, pathological.expected.url)).toMatchObject({ ok: false, code: 'timeout' });
  });

  it('resolves a crashed worker as crashed and replaces it', async () => {
    const pool = open({ size: 1, testHooks: { crashMarker: CRASH } });
    const good = normal.find((c) => !c.expected.expectError)!;
    const crashed = await pool.extract(`<html><body><p>${CRASH}</p></body></html>`, 'https://crash.example/');
    expect(crashed).toMatchObject({ ok: false, code: 'crashed' });
    expect(!crashed.ok && crashed.message).toContain('https://crash.example/');
    expect((await pool.extract(good.html, good.expected.url)).ok).toBe(true);
    expect(pool.stats()).toMatchObject({ crashes: 1, restarts: 1 });
  });

  it('gives up, instead of restarting forever, when workers cannot start', async () => {
    const pool = open({ size: 1, testHooks: { failStart: true } });
    const r = await pool.extract(normal[0]!.html, normal[0]!.expected.url);
    expect(r).toMatchObject({ ok: false, code: 'crashed' });
    expect(!r.ok && r.message).toMatch(/fail to start/);
    expect(pool.stats()).toMatchObject({ crashes: 3, restarts: 2 });
    expect(await pool.extract('<p>x</p>', 'https://x.example/')).toMatchObject({ ok: false, code: 'crashed' });
  });

  // Closing is prayerwire stopping, not the page's fault: 'cancelled' (kept pending), never 'crashed' (recorded).
  it('resolves running and queued pages as cancelled when closed, and refuses new ones the same way', async () => {
    const pool = open({ size: 1, timeoutMs: 60_000, testHooks: { spinMarker: SPIN } });
    const busy = pool.extract(pathological.html, pathological.expected.url);
    const queued = pool.extract(normal[0]!.html, normal[0]!.expected.url);
    expect(pool.stats().queued + pool.stats().busy).toBe(2);
    await pool.close();
    expect(await busy).toMatchObject({ ok: false, code: 'cancelled' });
    expect(await queued).toMatchObject({ ok: false, code: 'cancelled' });
    expect(await pool.extract('<p>x</p>', 'https://x.example/')).toMatchObject({ ok: false, code: 'cancelled' });
  });
});
