/**
 * Parser benchmark: items/s of parseFeed on the generated 2,000-item RSS feed, against bare rss-parser
 * `parseString` on the same decoded string (median of 5 runs each, after a warm-up).
 * Run: `node bin/run-ts.mjs bench/parser.ts`.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Parser from 'rss-parser';
import { parseFeed } from '../src/parser/index.js';

export interface BenchResult {
  name: string;
  itemsPerSec: number;
  baselineItemsPerSec: number;
  /** itemsPerSec / baselineItemsPerSec: 1 means parseFeed costs no more than bare rss-parser. */
  ratio: number;
}

const RUNS = 5;
const FIXTURE = join(dirname(fileURLToPath(import.meta.url)), '..', 'tests', 'fixtures', 'feeds', 'large-2000.xml');

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

async function itemsPerSecond(run: () => Promise<number>): Promise<number> {
  await run(); // warm-up: JIT and lazy module state
  const rates: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = process.hrtime.bigint();
    const items = await run();
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    rates.push(items / seconds);
  }
  return median(rates);
}

/** Measure parseFeed against bare rss-parser on the 2,000-item feed. */
export async function benchParser(): Promise<BenchResult[]> {
  const body = readFileSync(FIXTURE);
  const text = body.toString('utf8');
  const bare = new Parser();
  const context = { url: 'https://www.example-mission.org/feed.xml', contentType: 'application/rss+xml; charset=utf-8' };
  const baselineItemsPerSec = await itemsPerSecond(async () => (await bare.parseString(text)).items.length);
  const itemsPerSec = await itemsPerSecond(async () => (await parseFeed(body, context)).items.length);
  return [
    {
      name: 'parseFeed, 2,000-item RSS 2.0 (content:encoded, enclosures)',
      itemsPerSec: Math.round(itemsPerSec),
      baselineItemsPerSec: Math.round(baselineItemsPerSec),
      ratio: Math.round((itemsPerSec / baselineItemsPerSec) * 100) / 100,
    },
  ];
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  for (const r of await benchParser()) {
    console.log(`${r.name}: ${r.itemsPerSec} items/s; bare rss-parser ${r.baselineItemsPerSec} items/s; ratio ${r.ratio}`);
  }
}
