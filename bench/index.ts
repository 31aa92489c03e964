/**
 * `npm run bench`: every benchmark in turn, each in its own process (so one's peak RSS is not another's), printed
 * as a table and written to bench/results/<name>.json. Figures are ratios against a baseline measured in the same
 * run (bare rss-parser, bare jsdom + Readability, bare node:http…). `npm run bench -- ingest feeds` runs only those.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const BENCHES: Record<string, () => Promise<object[]>> = {
  ingest: async () => (await import('./ingest.js')).benchIngest(),
  parser: async () => (await import('./parser.js')).benchParser(),
  fetcher: async () => (await import('./fetcher.js')).benchFetcher(),
  extract: async () => (await import('./extract.js')).benchExtract(),
  countries: async () => (await import('./countries.js')).benchCountries(),
  feeds: async () => (await import('./feeds.js')).benchFeeds(),
  inbox: async () => (await import('./inbox.js')).benchInbox(),
  'load-mix': async () => (await import('./load-mix.js')).benchLoadMix(),
};

const outDir = fileURLToPath(new URL('./results/', import.meta.url));
const round = (row: object) =>
  Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === 'number' && !Number.isInteger(v) ? Number(v.toFixed(2)) : v]));

const child = process.env.PRAYERWIRE_BENCH_CHILD;
if (child) {
  // In the child: run one benchmark and write its rows.
  const rows = await BENCHES[child]!();
  writeFileSync(`${outDir}${child}.json`, JSON.stringify({ name: child, at: new Date().toISOString(), node: process.version, rows }, null, 2));
} else {
  mkdirSync(outDir, { recursive: true });
  const chosen = process.argv.slice(2).filter((a) => a in BENCHES);
  let failed = 0;
  for (const name of chosen.length ? chosen : Object.keys(BENCHES)) {
    console.log(`\n== ${name} ==`);
    const started = Date.now();
    const run = spawnSync(process.execPath, [fileURLToPath(new URL('../bin/run-ts.mjs', import.meta.url)), fileURLToPath(import.meta.url)], {
      env: { ...process.env, PRAYERWIRE_BENCH_CHILD: name },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    if (run.status !== 0) {
      failed++;
      console.log(`${name} failed (exit ${run.status})`);
      continue;
    }
    const { rows } = JSON.parse(readFileSync(`${outDir}${name}.json`, 'utf8')) as { rows: object[] };
    console.table(rows.map(round));
    console.log(`(${((Date.now() - started) / 1000).toFixed(1)} s; written to bench/results/${name}.json)`);
  }
  process.exitCode = failed ? 1 : 0;
}
