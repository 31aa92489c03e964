/**
 * Curated feed serving benchmark: `/feed.xml` (50 entries) from `publicRoutes` on @hono/node-server, against a bare
 * node:http server answering the same bytes with the same headers (and a plain string-compare 304). autocannon,
 * 10 connections, 5 s a run, median of 3 runs, for the 200 path and the 304 path (If-None-Match).
 * Each server runs in its own child process so it gets a core of its own and autocannon (here) the other.
 * Run: `node bin/run-ts.mjs bench/feeds.ts`. Target: ratio >= 0.8 on both paths.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import autocannon from 'autocannon';
import { publicRoutes } from '../src/web/public/routes.js';
import { MemorySource, SITE } from '../tests/publish/memory-source.js';
import { makeEntry } from '../tests/publish/sample-entries.js';
import { median } from './stats.js';

export interface FeedBenchRow {
  path: '200' | '304';
  honoReqPerSec: number;
  bareReqPerSec: number;
  /** honoReqPerSec / bareReqPerSec. */
  ratio: number;
}

const CONNECTIONS = 10;
const DURATION_S = 5;
const RUNS = 3;

function benchApp() {
  const entries = Array.from({ length: 50 }, (_, i) => makeEntry(i + 1, { republish: i % 3 === 0 ? 'full' : i % 3 === 1 ? 'excerpt' : 'link' }));
  return publicRoutes({ source: new MemorySource(entries), site: SITE });
}

/** Child mode: start one server and print its port. */
async function serveChild(kind: 'hono' | 'bare'): Promise<void> {
  const app = benchApp();
  if (kind === 'hono') {
    const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, (info) => console.log(`PORT ${info.port}`));
    process.on('SIGTERM', () => server.close(() => process.exit(0)));
    return;
  }
  const res = await app.request('/feed.xml');
  const body = Buffer.from(await res.arrayBuffer());
  const headers: Record<string, string> = {};
  res.headers.forEach((v, k) => (headers[k] = v));
  const etag = headers.etag!;
  const notModified = Object.fromEntries(Object.entries(headers).filter(([k]) => !['content-type', 'content-length'].includes(k)));
  const server = createServer((req, out) => {
    if (req.headers['if-none-match'] === etag) {
      out.writeHead(304, notModified).end();
      return;
    }
    out.writeHead(200, headers).end(body);
  });
  server.listen(0, '127.0.0.1', () => console.log(`PORT ${(server.address() as AddressInfo).port}`));
  process.on('SIGTERM', () => server.close(() => process.exit(0)));
}

async function startChild(kind: 'hono' | 'bare'): Promise<{ child: ChildProcess; url: string }> {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  const child = spawn(process.execPath, [join(root, 'bin/run-ts.mjs'), join(root, 'bench/feeds.ts'), '--serve', kind], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /PORT (\d+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.on('exit', (code) => reject(new Error(`${kind} server exited with ${code}`)));
  });
  return { child, url: `http://127.0.0.1:${port}/feed.xml` };
}

async function rate(url: string, headers: Record<string, string>, expectStatus: number): Promise<number> {
  const result = await autocannon({ url, connections: CONNECTIONS, duration: DURATION_S, headers });
  const wrong = result.non2xx - (expectStatus === 304 ? result.requests.total : 0);
  if (expectStatus === 200 && result.non2xx > 0) throw new Error(`${url}: ${result.non2xx} non-2xx answers`);
  if (expectStatus === 304 && Math.abs(wrong) > CONNECTIONS) throw new Error(`${url}: expected 304s only`);
  return result.requests.average;
}

/** Run the benchmark; one row per path. */
export async function benchFeeds(): Promise<FeedBenchRow[]> {
  const hono = await startChild('hono');
  const bare = await startChild('bare');
  try {
    // autocannon sends no Accept-Encoding: compare the identity representations.
    const identity = { headers: { 'accept-encoding': 'identity' } };
    const etag = (await fetch(hono.url, identity)).headers.get('etag')!;
    const bareEtag = (await fetch(bare.url, identity)).headers.get('etag');
    if (etag !== bareEtag) throw new Error('the two servers do not serve the same document');
    const rows: FeedBenchRow[] = [];
    for (const [path, headers, status] of [['200', {}, 200], ['304', { 'if-none-match': etag }, 304]] as const) {
      const honoRates: number[] = [];
      const bareRates: number[] = [];
      await rate(hono.url, headers, status); // warm-up (JIT)
      await rate(bare.url, headers, status);
      for (let i = 0; i < RUNS; i++) {
        // Interleaved so drift on the machine affects both alike.
        honoRates.push(await rate(hono.url, headers, status));
        bareRates.push(await rate(bare.url, headers, status));
      }
      const h = median(honoRates);
      const b = median(bareRates);
      rows.push({ path, honoReqPerSec: Math.round(h), bareReqPerSec: Math.round(b), ratio: Math.round((h / b) * 100) / 100 });
    }
    return rows;
  } finally {
    hono.child.kill('SIGTERM');
    bare.child.kill('SIGTERM');
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const serveAt = process.argv.indexOf('--serve');
  if (serveAt > 0) {
    await serveChild(process.argv[serveAt + 1] === 'bare' ? 'bare' : 'hono');
  } else {
    for (const r of await benchFeeds()) {
      console.log(`/feed.xml ${r.path}: publicRoutes ${r.honoReqPerSec} req/s, bare node:http ${r.bareReqPerSec} req/s, ratio ${r.ratio} (target >= 0.8)`);
    }
  }
}
