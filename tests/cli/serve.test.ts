/** `prayerwire serve` for real: HTTP on 127.0.0.1, the poller, the setup link, and feeds.yml edits applied live. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeDemoConfig } from '../../src/cli/demo.js';
import { main } from '../../src/cli/index.js';
import { ListenError, startServer, type RunningServer } from '../../src/cli/serve.js';
import { startSampleSources, type SampleServer } from '../../src/demo/sample-sources.js';
import { listFeeds } from '../../src/store/feeds.js';

let samples: SampleServer;
let server: RunningServer;
let config: string;
const announced: string[] = [];

beforeAll(async () => {
  samples = await startSampleSources();
  const dir = mkdtempSync(join(tmpdir(), 'pw-serve-'));
  config = writeDemoConfig(dir, samples.feedUrls.slice(0, 2));
  server = await startServer({ paths: { config, db: join(dir, 'serve.db') }, port: 0, host: '127.0.0.1', poll: true, logLevel: 'silent', announce: (text) => announced.push(text) });
}, 30_000);
afterAll(async () => {
  await server?.stop();
  await samples?.close();
});

const url = (path: string) => `http://127.0.0.1:${server.port}${path}`;

describe('prayerwire serve', () => {
  it('offers a one-time setup link while no account exists', async () => {
    expect(server.setupLink).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${server.port}/setup/[\\w-]{20,}$`));
    expect(announced.join('')).toContain(server.setupLink);
    const page = await fetch(server.setupLink!);
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/admin/i);
  });

  it('polls on its schedule and reports health', async () => {
    await expect
      .poll(async () => ((await (await fetch(url('/health'))).json()) as { items: number }).items, { timeout: 20_000, interval: 200 })
      .toBeGreaterThan(0);
    const health = (await (await fetch(url('/health'))).json()) as { status: string; feeds: number; failingFeeds: unknown[] };
    expect(health).toMatchObject({ status: 'ok', feeds: 2, failingFeeds: [] });
  });

  it('serves the public feeds and pages', async () => {
    const feed = await fetch(url('/feed.xml'));
    expect(feed.status).toBe(200);
    expect(feed.headers.get('content-type')).toBe('application/rss+xml; charset=utf-8');
    expect((await fetch(url('/'))).status).toBe(200);
    expect((await fetch(url('/inbox'), { redirect: 'manual' })).status).toBe(302);
  });

  it('applies an edit to feeds.yml without a restart, and keeps running on a broken one', async () => {
    const original = readFileSync(config, 'utf8');
    const extra = samples.feedUrls[2]!;
    writeFileSync(config, `${original}  - name: ${extra.source.name}\n    url: ${extra.url}\n    kind: ${extra.source.kind}\n`);
    await expect.poll(() => listFeeds(server.app.db).map((f) => f.name), { timeout: 5000 }).toContain(extra.source.name);
    writeFileSync(config, `${original}  - name: Broken\n    url: not-a-url\n`);
    await new Promise((r) => setTimeout(r, 800));
    expect(listFeeds(server.app.db).map((f) => f.name)).toContain(extra.source.name);
    expect(listFeeds(server.app.db).map((f) => f.name)).not.toContain('Broken');
    expect((await fetch(url('/health'))).status).toBe(200);
  });

  it('says the port is taken, without a stack, and exits 1 when another server holds it', async () => {
    const other = mkdtempSync(join(tmpdir(), 'pw-serve-taken-'));
    const config = writeDemoConfig(other, samples.feedUrls.slice(0, 1));
    const second = startServer({ paths: { config, db: join(other, 'second.db') }, port: server.port, host: '127.0.0.1', poll: false, logLevel: 'silent', announce: () => {} });
    await expect(second).rejects.toBeInstanceOf(ListenError);
    await expect(second).rejects.toMatchObject({ code: 'address_in_use', message: expect.stringMatching(/already in use.*--port N or PORT/) });
    const err: string[] = [];
    const code = await main(['serve', '--port', String(server.port), '--host', '127.0.0.1', '--no-poll', '--config', config, '--db', join(other, 'third.db')], {}, { out: () => {}, err: (t) => err.push(t), isTTY: false });
    expect(code).toBe(1);
    expect(err.join('\n')).toBe(`Cannot listen on 127.0.0.1:${server.port}: the port is already in use (another prayerwire?). Stop that program, or pick another port with --port N or PORT.`);
    expect((await fetch(url('/health'))).status).toBe(200);
  });
});
