/**
 * `npm run bench`: every benchmark in turn, each printed as a table and written to bench/results/<name>.json.
 * Figures are ratios against a baseline measured in the same run (bare rss-parser, bare jsdom + Readability,
 * bare node:http…). `npm run bench -- ingest feeds` runs only the named ones.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { benchCountries } from './countries.js';
import { benchExtract } from './extract.js';
import { benchFeeds } from './feeds.js';
import { benchFetcher } from './fetcher.js';
import { benchIngest } from './ingest.js';
import { benchInbox } from './inbox.js';
import { benchParser } from './parser.js';

const BENCHES: Record<string, () => Promise<object[]>> = {
  ingest: () => benchIngest(),
  parser: () => benchParser(),
  fetcher: () => benchFetcher(),
  extract: () => benchExtract(),
  countries: () => benchCountries(),
  feeds: () => benchFeeds(),
  inbox: () => benchInbox(),
};

const chosen = process.argv.slice(2).filter((a) => a in BENCHES);
const names = chosen.length ? chosen : Object.keys(BENCHES);
const outDir = fileURLToPath(new URL('./results/', import.meta.url));
mkdirSync(outDir, { recursive: true });
const round = (row: object) =>
  Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === 'number' && !Number.isInteger(v) ? Number(v.toFixed(2)) : v]));

for (const name of names) {
  console.log(`\n== ${name} ==`);
  const started = Date.now();
  const rows = await BENCHES[name]!();
  console.table(rows.map(round));
  writeFileSync(`${outDir}${name}.json`, JSON.stringify({ name, at: new Date().toISOString(), node: process.version, rows }, null, 2));
  console.log(`(${((Date.now() - started) / 1000).toFixed(1)} s; written to bench/results/${name}.json)`);
}
