/**
 * Country matcher throughput: articles per second on one core for ~1,000-word articles built from the seed
 * texts (copied into the labelled fixture) plus filler from other labelled items; median of 5 runs.
 * Run: npx tsx bench/countries.ts   (or: node bin/run-ts.mjs bench/countries.ts)
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { suggestCountries, type SuggestInput } from '../src/countries/index.js';
import { buildCountryData } from '../src/countries/data.js';
import { loadIndicators } from '../src/countries/load-indicators.js';
import { compileMatcher } from '../src/countries/matcher.js';
import { median } from './stats.js';

export interface CountryBenchResult {
  name: string;
  articlesPerSec: number;
  wordsPerArticle: number;
  articlesPerRun: number;
  runs: number;
  medianRunMs: number;
}

interface Item {
  id: string;
  title: string;
  text: string;
}

const RUNS = 5;
const ARTICLES_PER_RUN = 1000;
const TARGET_WORDS = 1000;

function loadItems(): Item[] {
  const url = new URL('../tests/fixtures/countries/labelled.json', import.meta.url);
  return (JSON.parse(readFileSync(url, 'utf8')) as { items: Item[] }).items;
}

const words = (s: string): number => s.split(/\s+/).filter(Boolean).length;

/** Builds ~1,000-word articles: each seed text, then other items' texts appended until the target length. */
export function buildArticles(count: number): SuggestInput[] {
  const items = loadItems();
  const seeds = items.filter((i) => i.id.startsWith('seed-'));
  const filler = items.filter((i) => !i.id.startsWith('seed-'));
  const out: SuggestInput[] = [];
  for (let n = 0; n < count; n++) {
    const seed = seeds[n % seeds.length] as Item;
    const parts = [seed.text];
    let total = words(seed.text);
    for (let k = 0; total < TARGET_WORDS; k++) {
      const f = filler[(n * 7 + k) % filler.length] as Item;
      parts.push(f.text);
      total += words(f.text);
    }
    out.push({ title: seed.title, lead: parts.length > 1 ? (filler[n % filler.length] as Item).title : '', text: parts.join('\n\n') });
  }
  return out;
}

function measure(name: string, articles: SuggestInput[]): CountryBenchResult {
  for (const a of articles) suggestCountries(a); // warm-up: builds the matcher, lets the JIT settle
  const times: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    const t0 = performance.now();
    for (const a of articles) suggestCountries(a);
    times.push(performance.now() - t0);
  }
  const ms = median(times);
  const avgWords = articles.reduce((n, a) => n + words(`${a.title} ${a.lead ?? ''} ${a.text ?? ''}`), 0) / articles.length;
  return {
    name,
    articlesPerSec: Math.round((articles.length / ms) * 1000),
    wordsPerArticle: Math.round(avgWords),
    articlesPerRun: articles.length,
    runs: RUNS,
    medianRunMs: Math.round(ms * 10) / 10,
  };
}

/** Runs the benchmarks; each result's articlesPerSec is the median of 5 runs on this (single) thread. */
export async function benchCountries(): Promise<CountryBenchResult[]> {
  const articles = buildArticles(ARTICLES_PER_RUN);
  const full = measure('suggestCountries, ~1,000-word articles', articles);
  const short = measure(
    'suggestCountries, title + lead only',
    articles.map((a) => ({ title: a.title, ...(a.lead !== undefined ? { lead: a.lead } : {}) })),
  );
  const builds: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    const t0 = performance.now();
    compileMatcher(buildCountryData(loadIndicators()).indicators);
    builds.push(performance.now() - t0);
  }
  const buildMs = median(builds);
  return [
    full,
    short,
    { name: 'build data + compile matcher (once per process)', articlesPerSec: 0, wordsPerArticle: 0, articlesPerRun: 0, runs: RUNS, medianRunMs: Math.round(buildMs * 10) / 10 },
  ];
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const r of await benchCountries()) {
    console.log(
      `${r.name}: ${r.articlesPerSec ? `${r.articlesPerSec} articles/s, ` : ''}${r.wordsPerArticle ? `${r.wordsPerArticle} words/article, ` : ''}median run ${r.medianRunMs} ms`,
    );
  }
}
