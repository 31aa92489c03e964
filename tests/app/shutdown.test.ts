/**
 * Issue 11, defect 3: SIGTERM stops a busy server within seconds. The real CLI runs as a child process against a
 * local fixture server whose feed and article pages hang (and whose pathological pages keep an extractor worker
 * busy); once polls and extractions are in flight, SIGTERM must end it within 10 s with code 0, the database intact,
 * checkpointed, and the unextracted items still `pending` (not failed), so the next start picks them up. A second
 * signal exits at once.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { startServer } from '../../src/app/server.js';
import { faults, startFixtureServer, type FixtureServer } from '../helpers/fixture-server.js';

const ROOT = resolve(import.meta.dirname, '../..');
const PATHOLOGICAL = readFileSync(join(ROOT, 'tests/fixtures/pages/pathological-deep-nesting/source.html'));
const GOOD_PAGE = readFileSync(join(ROOT, 'tests/fixtures/pages/wp-kim-putin-summit/source.html'));

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function rss(title: string, links: string[]): string {
  const items = links.map((link, i) => `<item><title>${title} story ${i + 1}</title><link>${link}</link><guid>${link}</guid><description>Summary ${i + 1} of ${title}.</description></item>`);
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>${title}</title><link>${links[0]}</link><description>x</description>${items.join('')}</channel></rss>`;
}

interface Busy {
  sources: FixtureServer;
  paths: { config: string; db: string };
  pageUrls: string[];
}

/** Feed A: 2 pathological pages (an extractor worker stays busy) and 6 that hang; feed B itself hangs. */
async function busySources(): Promise<Busy> {
  const sources = await startFixtureServer({ '/slow-feed.xml': faults.hang() });
  cleanups.push(() => sources.close());
  const pageUrls = Array.from({ length: 8 }, (_, i) => sources.url(`/a/${i + 1}`));
  sources.setRoute('/feed.xml', { body: rss('Feed A', pageUrls), contentType: 'application/rss+xml' });
  pageUrls.forEach((url, i) => sources.setRoute(new URL(url).pathname, i < 2 ? { body: PATHOLOGICAL, contentType: 'text/html' } : faults.hang()));
  const dir = mkdtempSync(join(tmpdir(), 'pw-shutdown-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const paths = { config: join(dir, 'feeds.yml'), db: join(dir, 'prayerwire.db') };
  writeFileSync(
    paths.config,
    `settings:\n  allowPrivateNetworks: true\n  timeout: 2m\n  extractTimeout: 2m\n  extractWorkers: 1\n  perHost: 8\n` +
      `feeds:\n  - name: A\n    url: ${sources.url('/feed.xml')}\n    extract: always\n  - name: B\n    url: ${sources.url('/slow-feed.xml')}\n`,
  );
  return { sources, paths, pageUrls };
}

interface Child {
  proc: ChildProcess;
  port: Promise<number>;
  lines: string[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
}

/** A port free right now (serve refuses --port 0). */
function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolvePort(port));
    });
  });
}

/** `prayerwire serve` from the sources, in a child process; its JSON log lines are collected. */
async function spawnServe(paths: { config: string; db: string }): Promise<Child> {
  const proc = spawn(process.execPath, ['bin/run-ts.mjs', 'tests/helpers/run-cli.ts', 'serve', '--port', String(await freePort()), '--host', '127.0.0.1', '--config', paths.config, '--db', paths.db], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  cleanups.push(() => void (proc.exitCode === null && proc.signalCode === null && proc.kill('SIGKILL')));
  const lines: string[] = [];
  const stderr: string[] = [];
  let resolvePort: (port: number) => void;
  let rejectPort: (err: Error) => void;
  const port = new Promise<number>((r, j) => ((resolvePort = r), (rejectPort = j)));
  let buffer = '';
  proc.stdout!.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    const parts = buffer.split('\n');
    buffer = parts.pop()!;
    for (const line of parts) {
      const msg = (JSON.parse(line) as { msg: string }).msg;
      lines.push(msg);
      const m = /listening on http:\/\/127\.0\.0\.1:(\d+)\//.exec(msg);
      if (m) resolvePort(Number(m[1]));
    }
  });
  proc.stderr!.on('data', (chunk: Buffer) => void stderr.push(chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((r) =>
    proc.once('exit', (code, signal) => {
      rejectPort(new Error(`serve exited (${code ?? signal}) before listening: ${stderr.join('')}`));
      r({ code, signal, at: Date.now() });
    }),
  );
  return { proc, port, lines, exited };
}

/** Holds an HTTP request open on the server: headers sent, body never finished (a busy keep-alive connection). */
function holdRequest(port: number): () => void {
  const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/login', headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': '1000', connection: 'keep-alive' } });
  req.on('error', () => {});
  req.write('name=a');
  return () => req.destroy();
}

async function untilBusy(sources: FixtureServer, pageUrls: string[]): Promise<void> {
  const hanging = pageUrls.slice(2).map((u) => new URL(u).pathname);
  await expect
    .poll(
      () => {
        const paths = new Set(sources.requests.map((r) => r.path));
        return paths.has('/a/1') && paths.has('/slow-feed.xml') && hanging.filter((p) => paths.has(p)).length >= 2;
      },
      { timeout: 40_000, interval: 100 },
    )
    .toBe(true);
}

describe('stopping prayerwire serve', () => {
  it('SIGTERM under load: exits 0 within 10 s, the database checkpointed and intact, unextracted items still pending', async () => {
    const { sources, paths, pageUrls } = await busySources();
    const child = await spawnServe(paths);
    const port = await child.port;
    cleanups.push(holdRequest(port));
    await untilBusy(sources, pageUrls);
    const sentAt = Date.now();
    child.proc.kill('SIGTERM');
    const killer = setTimeout(() => child.proc.kill('SIGKILL'), 15_000);
    const exit = await child.exited;
    clearTimeout(killer);

    expect(exit.signal).toBeNull();
    expect(exit.at - sentAt).toBeLessThan(10_000);
    expect(exit.code).toBe(0);
    expect(child.lines.filter((l) => /^SIGTERM received: stopping/.test(l))).toHaveLength(1);
    expect(child.lines.at(-1)).toMatch(/^stopped in [\d.]+ s$/);

    // Checkpointed: the write-ahead log was folded into the file.
    expect(!existsSync(`${paths.db}-wal`) || statSync(`${paths.db}-wal`).size === 0).toBe(true);
    const db = new Database(paths.db, { readonly: true });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      const items = db.prepare('SELECT url, extraction_status AS status, extraction_code AS code FROM items ORDER BY id').all() as { url: string; status: string; code: string | null }[];
      expect(items).toHaveLength(8);
      // The hanging pages were cancelled, not failed; the pathological ones were cancelled mid-extraction (or, on a
      // fast machine, finished on their own) but never recorded as crashed or aborted.
      expect(items.filter((i) => !pageUrls.slice(0, 2).includes(i.url)).map((i) => i.status)).toEqual(Array(6).fill('pending'));
      expect(items.filter((i) => ['crashed', 'aborted', 'internal'].includes(i.code ?? ''))).toEqual([]);
      const feeds = db.prepare('SELECT name, error_count AS errors, last_error_code AS code FROM feeds ORDER BY name').all();
      expect(feeds).toEqual([{ name: 'A', errors: 0, code: null }, { name: 'B', errors: 0, code: null }]);
    } finally {
      db.close();
    }

    // The next start picks the pending items up.
    pageUrls.forEach((url) => sources.setRoute(new URL(url).pathname, { body: GOOD_PAGE, contentType: 'text/html' }));
    sources.setRoute('/slow-feed.xml', { body: rss('Feed B', []), contentType: 'application/rss+xml' });
    const again = await startServer({ paths, port: 0, host: '127.0.0.1', poll: false, logLevel: 'silent', announce: () => {} });
    cleanups.push(() => again.stop());
    await expect
      .poll(() => (again.app.db.prepare("SELECT COUNT(*) FROM items WHERE extraction_status = 'pending'").pluck().get() as number), { timeout: 60_000, interval: 200 })
      .toBe(0);
  }, 120_000);

  it('a second signal exits at once (143 for SIGTERM), while the first stop is still under way', async () => {
    const { sources, paths, pageUrls } = await busySources();
    const child = await spawnServe(paths);
    const port = await child.port;
    // A request that never finishes keeps the orderly stop waiting for its grace period.
    cleanups.push(holdRequest(port));
    await untilBusy(sources, pageUrls);
    child.proc.kill('SIGTERM');
    await expect.poll(() => child.lines.some((l) => /^SIGTERM received: stopping/.test(l)), { timeout: 5000, interval: 20 }).toBe(true);
    const secondAt = Date.now();
    child.proc.kill('SIGTERM');
    const killer = setTimeout(() => child.proc.kill('SIGKILL'), 15_000);
    const exit = await child.exited;
    clearTimeout(killer);
    expect(exit).toMatchObject({ code: 143, signal: null });
    expect(exit.at - secondAt).toBeLessThan(1000);
    expect(child.lines.some((l) => /^SIGTERM again: exiting now/.test(l))).toBe(true);
  }, 120_000);
});
