/**
 * Ingest benchmark: 500 feeds x 50 items served on loopback (20 addresses, by a child process), polled end to end
 * by prayerwire (fetch, parse, de-duplicate, store, FTS), first pass then a no-change pass (all 304).
 * Baseline in the same run: bare rss-parser `parseString` over the same feed texts (no network, no storage).
 * Run: `node bin/run-ts.mjs bench/ingest.ts [feeds] [items]`.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import Parser from 'rss-parser';
import { silentLogger } from '../src/log/create-logger.js';
import { openApp } from '../src/app/index.js';
import { pollOnce } from '../src/poller/index.js';

export interface IngestBenchRow {
  name: string;
  feeds: number;
  items: number;
  wallSec: number;
  itemsPerSec: number;
  ratioToBaseline: number | null;
  peakRssMb: number;
}

const HOSTS = 20;

async function startFeedServer(feeds: number, items: number) {
  const child = spawn(process.execPath, [fileURLToPath(new URL('./ingest-feed-server.mjs', import.meta.url)), String(feeds), String(items), String(HOSTS)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`feed server exited (${code})`)));
  });
  const { ports } = JSON.parse(line) as { ports: number[] };
  return { ports, stop: () => child.kill() };
}

async function fetchAll(urls: string[]): Promise<string[]> {
  return Promise.all(urls.map(async (u) => (await fetch(u)).text()));
}

function peakRssMb(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

export async function benchIngest(opts: { feeds?: number; items?: number } = {}): Promise<IngestBenchRow[]> {
  const feeds = opts.feeds ?? 500;
  const items = opts.items ?? 50;
  const server = await startFeedServer(feeds, items);
  const urls = Array.from({ length: feeds }, (_, f) => `http://127.0.0.${(f % HOSTS) + 1}:${server.ports[f % HOSTS]}/feed/${f}.xml`);
  const dir = mkdtempSync(join(tmpdir(), 'pw-bench-ingest-'));
  try {
    const config = join(dir, 'feeds.yml');
    writeFileSync(
      config,
      `settings:\n  allowPrivateNetworks: true\n  concurrency: 16\n  perHost: 2\n  timeout: 60s\nfeeds:\n${urls
        .map((u, f) => `  - name: bench-${f}\n    url: ${u}\n    extract: never\n`)
        .join('')}`,
    );
    const ctx = openApp({ config, db: join(dir, 'bench.db') }, { log: silentLogger() });
    const rows: IngestBenchRow[] = [];
    try {
      let t0 = performance.now();
      const first = await pollOnce(ctx.ingest);
      let wall = (performance.now() - t0) / 1000;
      const stored = first.reduce((n, o) => n + o.newItemIds.length, 0);
      const failed = first.filter((o) => o.status !== 'ok');
      if (failed.length || stored !== feeds * items) throw new Error(`first pass: ${failed.length} feeds failed, ${stored} items stored: ${failed[0]?.error?.message}`);
      rows.push({ name: 'prayerwire first pass (fetch+parse+store+FTS)', feeds, items: stored, wallSec: wall, itemsPerSec: stored / wall, ratioToBaseline: null, peakRssMb: peakRssMb() });
      t0 = performance.now();
      const second = await pollOnce(ctx.ingest);
      wall = (performance.now() - t0) / 1000;
      if (second.some((o) => o.status !== 'not_modified')) throw new Error('no-change pass: some feeds were not 304');
      rows.push({ name: 'prayerwire no-change pass (all 304)', feeds, items: 0, wallSec: wall, itemsPerSec: 0, ratioToBaseline: null, peakRssMb: peakRssMb() });
    } finally {
      await ctx.close();
    }
    // Baseline after our passes, so the peak RSS above is prayerwire's alone.
    const texts = await fetchAll(urls);
    const parser = new Parser();
    const baseRuns: number[] = [];
    for (let r = 0; r < 3; r++) {
      const t0 = performance.now();
      for (const t of texts) await parser.parseString(t);
      baseRuns.push((feeds * items) / ((performance.now() - t0) / 1000));
    }
    const baseline = baseRuns.sort((a, b) => a - b)[1]!;

    rows.unshift({ name: 'rss-parser parseString only (baseline)', feeds, items: feeds * items, wallSec: (feeds * items) / baseline, itemsPerSec: baseline, ratioToBaseline: 1, peakRssMb: peakRssMb() });
    for (const row of rows) if (row.itemsPerSec && row.ratioToBaseline !== 1) row.ratioToBaseline = row.itemsPerSec / baseline;
    return rows;
  } finally {
    server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const [feeds, items] = process.argv.slice(2).map(Number);
  const rows = await benchIngest({ feeds: feeds || undefined, items: items || undefined });
  console.table(rows.map((r) => ({ ...r, wallSec: r.wallSec.toFixed(2), itemsPerSec: Math.round(r.itemsPerSec), ratioToBaseline: r.ratioToBaseline?.toFixed(2) ?? '' })));
}
