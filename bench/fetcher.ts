/**
 * Fetcher benchmark, against the fixture server on 127.0.0.1 (same process, so absolute numbers are modest):
 * - requests/s of createHttpClient fetching a 12 KB gzip feed, 16 at once, against Node's global fetch (undici)
 *   doing the same, median of 3 runs after a warm-up;
 * - time and memory to refuse a 1 MB gzip bomb that inflates to 1 GB, with a 5 MB cap.
 * Run: `node bin/run-ts.mjs bench/fetcher.ts`.
 */
import { fileURLToPath } from 'node:url';
import { createHttpClient } from '../src/fetcher/index.js';
import { faults, startFixtureServer } from '../tests/helpers/fixture-server.js';
import { median } from './stats.js';

export interface FetcherBenchResult {
  name: string;
  value: number;
  unit: string;
  baseline?: number;
}

const REQUESTS = 2000;
const PARALLEL = 16;

/** Runs `one` REQUESTS times, PARALLEL at once; requests per second. */
async function requestsPerSecond(one: () => Promise<void>): Promise<number> {
  let left = REQUESTS;
  const start = process.hrtime.bigint();
  const worker = async (): Promise<void> => {
    while (left-- > 0) await one();
  };
  await Promise.all(Array.from({ length: PARALLEL }, worker));
  return REQUESTS / (Number(process.hrtime.bigint() - start) / 1e9);
}

async function medianRate(one: () => Promise<void>): Promise<number> {
  await requestsPerSecond(one);
  const rates: number[] = [];
  for (let i = 0; i < 3; i++) rates.push(await requestsPerSecond(one));
  return Math.round(median(rates));
}

/** Throughput of the shared client and the gzip-bomb refusal. */
export async function benchFetcher(): Promise<FetcherBenchResult[]> {
  const server = await startFixtureServer({
    '/feed.rss': { file: 'http/sample-feed.rss', gzip: true },
    '/bomb': faults.gzipBomb(1024 * 1024 * 1024),
  });
  try {
    const http = createHttpClient({ userAgent: 'bench', concurrency: PARALLEL, perHost: PARALLEL, allowPrivateNetworks: true, timeoutMs: 10_000 });
    const url = server.url('/feed.rss');
    const ours = await medianRate(async () => {
      const result = await http.fetch(url);
      if (!result.ok) throw new Error(result.message);
    });
    const undici = await medianRate(async () => {
      await (await fetch(url)).arrayBuffer();
    });
    const bomb = await measureBomb(http, server.url('/bomb'));
    http.close();
    return [
      { name: `createHttpClient, 12 KB gzip feed, ${PARALLEL} at once`, value: ours, unit: 'req/s', baseline: undici },
      { name: 'gzip bomb 1 MB -> 1 GB refused at a 5 MB cap: time', value: bomb.ms, unit: 'ms' },
      { name: 'gzip bomb: peak growth of RSS while refusing it', value: bomb.rssMb, unit: 'MB' },
    ];
  } finally {
    await server.close();
  }
}

async function measureBomb(http: ReturnType<typeof createHttpClient>, url: string): Promise<{ ms: number; rssMb: number }> {
  const before = process.memoryUsage().rss;
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 2);
  const start = process.hrtime.bigint();
  const result = await http.fetch(url, { maxBytes: 5 * 1024 * 1024 });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  if (result.ok || result.code !== 'too_large') throw new Error('the gzip bomb was not refused');
  return { ms: Math.round(ms), rssMb: Math.round((peak - before) / 1e5) / 10 };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  for (const r of await benchFetcher()) {
    const baseline = r.baseline === undefined ? '' : `; global fetch (undici) ${r.baseline} ${r.unit}`;
    console.log(`${r.name}: ${r.value} ${r.unit}${baseline}`);
  }
}
