/**
 * Extraction throughput: `node bin/run-ts.mjs bench/extract.ts [pages]` (default 500 pages of ~100 KB).
 *
 * Pages are the corpus articles padded like real news pages (inline scripts, styles, a mega-menu, HTML comments,
 * a comment section, trailing scripts) to ~100 KB. Measured, each the median of 3 runs:
 *   (a) baseline: bare jsdom + Readability in-process (what a naive implementation does),
 *   (b) the extractor pool with 1 worker,
 *   (c) the extractor pool with one worker per core,
 * with peak RSS of the whole process (workers included) and, for (c), RSS after the first 100 pages vs at the end.
 */
import { Readability } from '@mozilla/readability';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createExtractorPool, extractArticle } from '../src/extractor/index.js';
import { loadPageCases } from '../tests/extractor/page-cases.js';
import { median } from './stats.js';

export interface ExtractBenchRow {
  name: string;
  pagesPerSec: number;
  ratioToBaseline: number;
  peakRssMb: number;
  /** Pool runs: RSS after the first 100 pages and at the end of the last run (flat means no leak). */
  rssAfter100Mb?: number;
  rssEndMb?: number;
}

const TARGET_BYTES = 100_000;
const RUNS = 3;

interface BenchPage {
  html: string;
  url: string;
  base: string;
}

/** A set of `count` ~100 KB pages built from the corpus articles, each one different (no cache can help). */
export interface BenchPages {
  count: number;
  /** Page `i`, built on demand so the harness holds no 100 MB of strings that would dwarf the RSS being measured. */
  at(i: number): BenchPage;
}

export function buildBenchPages(count: number): BenchPages {
  const bases = loadPageCases().filter((c) => !c.expected.expectError);
  return {
    count,
    at(i) {
      const c = bases[i % bases.length]!;
      return { html: padPage(c.html, i), url: c.expected.url.replace(/\/?$/, `?p=${i}`), base: c.slug };
    },
  };
}

function padPage(html: string, seed: number): string {
  const script = `<script>(function(){var cfg=${JSON.stringify({ seed, items: Array.from({ length: 60 }, (_, k) => ({ id: k, label: `item ${k}`, url: `/section/${k}` })) })};window.__cfg=cfg;for(var i=0;i<cfg.items.length;i++){if(cfg.items[i].id<0){document.write('<p>never</p>')}}})();</script>\n`;
  const style = `<style>${Array.from({ length: 80 }, (_, k) => `.c${seed}-${k}{margin:${k}px;padding:${k % 7}px;color:#${(k * 4099).toString(16).padStart(6, '0').slice(0, 6)}}`).join('')}</style>\n`;
  const menu = `<nav class="mega-menu"><ul>${Array.from({ length: 120 }, (_, k) => `<li class="menu-item"><a href="/section/${k}">Section ${k}</a></li>`).join('')}</ul></nav>\n`;
  const comment = `<!-- cache: generated ${seed} ${'x'.repeat(400)} -->\n`;
  const comments = `<div id="comments" class="comments-area"><ol class="comment-list">${Array.from({ length: 15 }, (_, k) => `<li class="comment"><p><b>Reader ${k}</b> says: Thank you, praying for this today (${seed}).</p></li>`).join('')}</ol></div>\n`;
  let head = '';
  let body = menu + comment;
  let tail = comments;
  while (html.length + head.length + body.length + tail.length < TARGET_BYTES) {
    head += script + style;
    tail += comment + script;
    if (body.length < 20_000) body += menu;
  }
  return html.replace(/<\/head>/i, `${head}</head>`).replace(/<body([^>]*)>/i, `<body$1>${body}`).replace(/<\/body>/i, `${tail}</body>`);
}

type Jsdom = typeof import('jsdom');

/** (a): what a naive implementation does, for the ratio. */
function extractBaseline({ JSDOM, VirtualConsole }: Jsdom, html: string, url: string): number {
  const dom = new JSDOM(html, { url, virtualConsole: new VirtualConsole() });
  try {
    return new Readability(dom.window.document).parse()?.textContent?.length ?? 0;
  } finally {
    dom.window.close();
  }
}

function sampleRss(): { stop(): number } {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 20);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(peak, process.memoryUsage.rss());
    },
  };
}

const mb = (bytes: number): number => Math.round(bytes / 1_048_576);
const yieldTurn = (): Promise<void> => new Promise((r) => setImmediate(r));

async function runBaseline(pages: BenchPages): Promise<{ pps: number; peak: number }> {
  const jsdom = await import('jsdom'); // loaded only now, so the pool runs before it do not carry it
  const rates: number[] = [];
  const rss = sampleRss();
  for (let run = 0; run < RUNS; run++) {
    const t = performance.now();
    for (let i = 0; i < pages.count; i++) {
      const p = pages.at(i);
      extractBaseline(jsdom, p.html, p.url);
      await yieldTurn(); // lets jsdom free the closed window, and the RSS sampler run
    }
    rates.push(pages.count / ((performance.now() - t) / 1000));
  }
  return { pps: median(rates), peak: rss.stop() };
}

async function runPool(pages: BenchPages, size: number): Promise<{ pps: number; peak: number; after100: number; end: number }> {
  const pool = createExtractorPool({ size, timeoutMs: 30_000 });
  const rates: number[] = [];
  let after100 = 0;
  const rss = sampleRss();
  try {
    const warm = pages.at(0);
    await Promise.all(Array.from({ length: size }, () => pool.extract(warm.html, warm.url))); // workers up before the clock
    for (let run = 0; run < RUNS; run++) {
      const t = performance.now();
      let next = 0;
      let done = 0;
      const lane = async (): Promise<void> => {
        while (next < pages.count) {
          const p = pages.at(next++);
          const r = await pool.extract(p.html, p.url);
          if (!r.ok) throw new Error(`${p.base}: ${r.code} ${r.message}`);
          if (++done === 100 && run === 0) after100 = process.memoryUsage.rss();
        }
      };
      await Promise.all(Array.from({ length: size * 2 }, lane));
      rates.push(pages.count / ((performance.now() - t) / 1000));
    }
    return { pps: median(rates), peak: rss.stop(), after100, end: process.memoryUsage.rss() };
  } finally {
    await pool.close();
  }
}

/** True when every padded page extracts to the same text as its unpadded corpus page. */
function checkSameExtraction(pages: BenchPages): boolean {
  const cases = new Map(loadPageCases().map((c) => [c.slug, c]));
  const seen = new Set<string>();
  for (let i = 0; i < Math.min(pages.count, cases.size * 2); i++) {
    const p = pages.at(i);
    if (seen.has(p.base)) continue;
    seen.add(p.base);
    const c = cases.get(p.base)!;
    const plain = extractArticle(c.html, c.expected.url);
    const padded = extractArticle(p.html, c.expected.url);
    if (!plain.ok || !padded.ok || plain.article.text !== padded.article.text) return false;
  }
  return true;
}

/** Run the benchmark, print a table, and return its rows. */
export async function benchExtract(opts: { pages?: number } = {}): Promise<ExtractBenchRow[]> {
  const count = opts.pages ?? 500;
  const pages = buildBenchPages(count);
  const sample = Array.from({ length: Math.min(count, 20) }, (_, i) => pages.at(i).html.length);
  const avgKb = Math.round(sample.reduce((n, x) => n + x, 0) / sample.length / 1024);
  const cores = availableParallelism();
  const same = checkSameExtraction(pages);

  // Pools first, so their RSS is not inflated by what the in-process jsdom baseline leaves on this heap.
  const c = await runPool(pages, cores);
  const b = await runPool(pages, 1);
  const a = await runBaseline(pages);
  const row = (name: string, pps: number, peak: number, extra: Partial<ExtractBenchRow> = {}): ExtractBenchRow => ({
    name,
    pagesPerSec: Math.round(pps * 10) / 10,
    ratioToBaseline: Math.round((pps / a.pps) * 100) / 100,
    peakRssMb: mb(peak),
    ...extra,
  });
  const rows = [
    row('jsdom+readability in-process (baseline)', a.pps, a.peak),
    row('pool, 1 worker', b.pps, b.peak, { rssAfter100Mb: mb(b.after100), rssEndMb: mb(b.end) }),
    row(`pool, ${cores} workers`, c.pps, c.peak, { rssAfter100Mb: mb(c.after100), rssEndMb: mb(c.end) }),
  ];
  console.log(`extract: ${count} pages, ~${avgKb} KB each, ${cores} cores, median of ${RUNS} runs; same extraction padded vs plain on every corpus page: ${same}`);
  return rows;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const pages = Number(process.argv[2] ?? 500);
  console.table(await benchExtract({ pages: Number.isFinite(pages) && pages > 0 ? pages : 500 }));
}
