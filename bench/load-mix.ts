/**
 * Load-mix benchmark (issue 11, defect 7): the real server (`startServer`, in a child process so the load
 * generator does not share its thread) over 100,000 items, under three kinds of load at once for a bounded time:
 * 200 autocannon connections of GET /api/items (newest, filters, a common-word search in ~40% of items, a rare
 * search), an admin's "poll now" in a loop (a loopback fixture feed with a few new entries per poll), and 8 curators
 * saving prayer notes (PATCH /api/items/:id). Per kind: p50 / p95 / p99 latency, timeouts (10 s client timeout),
 * errors, requests/s. Run twice: with the reads on the main thread (PRAYERWIRE_READ_WORKERS=0, as before the read
 * pool) and with the read pool. Baselines in the same run: a bare node:http server answering a page-sized JSON body
 * to the same connections, and the read mix alone against the idle server.
 * Loopback only; targets: 0 timeouts, PATCH p99 < 200 ms, reads p99 < 500 ms (on 2 cores).
 * Run: `node bin/run-ts.mjs bench/load-mix.ts [seconds] [items]`.
 */
import autocannon from 'autocannon';
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { createApiToken, createUser } from '../src/accounts/index.js';
import { openApp } from '../src/app/index.js';
import { startServer } from '../src/app/server.js';
import { silentLogger } from '../src/log/create-logger.js';
import { FEEDS, seedItems } from './inbox.js';
import { percentile } from './stats.js';

export interface LoadMixRow {
  name: string;
  requests: number;
  perSec: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Client timeouts (10 s) and errors (connection errors, statuses >= 300); null on a per-kind read row. */
  timeouts: number | null;
  errors: number | null;
}

const CURATORS = 8;
const CONNECTIONS = 200;
const TIMEOUT_SEC = 10;
const COMMON = 'prayer';

/** The read mix: four autocannon instances of 50 connections each, every one cycling its own paths. */
const READS: { name: string; paths: string[] }[] = [
  { name: 'GET /api/items newest', paths: ['/api/items', '/api/items?limit=20'] },
  { name: 'GET /api/items filters', paths: ['/api/items?status=new', '/api/items?country=KP', '/api/items?kind=ministry&status=new', '/api/items?since=2026-03-01&until=2026-04-01', '/api/items?feed=Feed%207'] },
  { name: `GET /api/items search common "${COMMON}"`, paths: [`/api/items?q=${COMMON}`, `/api/items?q=${COMMON}&status=new`, `/api/items?q=church%20${COMMON}`] },
  { name: 'GET /api/items search rare', paths: ['/api/items?q=report%2077777', '/api/items?q=report%201234', '/api/items?q=famine&country=EG'] },
];

/** A loopback feed per configured feed; each request carries 30 entries, 3 of them new since the previous one. */
function startFixtureFeeds(): Promise<{ server: Server; port: number }> {
  const served = new Map<number, number>();
  const server = createServer((req, res) => {
    const f = Number(/^\/feed\/(\d+)\.xml$/.exec(req.url ?? '')?.[1] ?? -1);
    if (f < 0) return void res.writeHead(404).end();
    const turn = (served.get(f) ?? 0) + 1;
    served.set(f, turn);
    const items = Array.from({ length: 30 }, (_, k) => {
      const i = turn * 3 + k;
      const d = new Date(Date.UTC(2026, 10, 20) + i * 60_000).toUTCString();
      return `<item><title>Loadmix ${f}-${i}: church leaders ask for ${COMMON} after flood</title><link>https://loadmix${f}.example/n/${i}</link><guid>lm-${f}-${i}</guid><pubDate>${d}</pubDate><description>Believers in the region gathered for ${COMMON} as aid arrived; entry ${i} of feed ${f}.</description></item>`;
    });
    res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' });
    res.end(`<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Loadmix ${f}</title><link>https://loadmix${f}.example/</link><description>x</description>${items.join('')}</channel></rss>`);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, port: (server.address() as { port: number }).port })));
}

/** A child process running `args` that prints `{"port":N}` on its first line when it listens. */
async function startChild(args: string[], env = process.env): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'], env });
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`server child exited (${code})`)));
  });
  return { child, port: (JSON.parse(line) as { port: number }).port };
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

function summarize(name: string, latencies: number[], seconds: number, timeouts: number | null, errors: number | null): LoadMixRow {
  return {
    name,
    requests: latencies.length,
    perSec: latencies.length / seconds,
    p50Ms: percentile(latencies, 50),
    p95Ms: percentile(latencies, 95),
    p99Ms: percentile(latencies, 99),
    maxMs: latencies.reduce((a, b) => Math.max(a, b), 0),
    timeouts,
    errors,
  };
}

/**
 * The read mix for `seconds` against `port`: one autocannon instance whose connections cycle every kind's paths in
 * turn (separate instances per kind would measure the order they connected in: a saturated server serves the
 * connections it accepted first). A row for all reads (timeouts and errors are only counted per instance), then
 * one per kind, told apart by the path of each answered request.
 */
function runReads(port: number, token: string, seconds: number, label: string, reads = READS): Promise<LoadMixRow[]> {
  const kindOf = new Map(reads.flatMap((kind) => kind.paths.map((path) => [path, kind.name] as const)));
  const rounds = Math.max(...reads.map((k) => k.paths.length));
  const paths = Array.from({ length: rounds }, (_, r) => reads.map((k) => k.paths[r % k.paths.length]!)).flat();
  const latencies = new Map<string, number[]>(reads.map((k) => [k.name, []]));
  const all: number[] = [];
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: `http://127.0.0.1:${port}`,
        connections: CONNECTIONS,
        duration: seconds,
        timeout: TIMEOUT_SEC,
        headers: { authorization: `Bearer ${token}` },
        requests: paths.map((path) => ({ method: 'GET', path })),
      },
      (err, result) => {
        if (err) return reject(err as Error);
        resolve([
          summarize(`${label}all reads`, all, seconds, result.timeouts, result.errors - result.timeouts + result.non2xx),
          ...(reads.length > 1 ? reads.map((k) => summarize(`${label}${k.name}`, latencies.get(k.name)!, seconds, null, null)) : []),
        ]);
      },
    );
    instance.on('response', (client, status, _bytes, ms) => {
      if (status >= 300) return;
      all.push(ms);
      // The request just answered (autocannon moves its iterator on when it sends the next one).
      const path = (client as unknown as { requestIterator?: { currentRequest?: { path?: string } } }).requestIterator?.currentRequest?.path;
      const kind = path ? kindOf.get(path) : undefined;
      if (kind) latencies.get(kind)!.push(ms);
    });
  });
}

/** Runs `once` in a loop until `deadline`, timing each call; a call over the client timeout counts as one. */
async function loop(deadline: number, once: (i: number) => Promise<Response>): Promise<{ latencies: number[]; timeouts: number; errors: number }> {
  const out = { latencies: [] as number[], timeouts: 0, errors: 0 };
  for (let i = 0; Date.now() < deadline; i++) {
    const t0 = performance.now();
    try {
      const res = await once(i);
      await res.arrayBuffer();
      if (res.ok) out.latencies.push(performance.now() - t0);
      else out.errors++;
    } catch (err) {
      if ((err as Error).name === 'TimeoutError') out.timeouts++;
      else out.errors++;
    }
  }
  return out;
}

/** The mix for `seconds`: the read mix, "poll now" in a loop and the curators' saves, all at once. */
async function runMix(port: number, adminToken: string, curators: { token: string; ids: number[] }[], seconds: number, label: string): Promise<LoadMixRow[]> {
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + seconds * 1000;
  const signal = () => AbortSignal.timeout(TIMEOUT_SEC * 1000);
  const polls = loop(deadline, (i) =>
    fetch(`${base}/api/feeds/${(i % FEEDS) + 1}/poll`, { method: 'POST', headers: { authorization: `Bearer ${adminToken}` }, signal: signal() }),
  );
  const patches = curators.map((cur, k) =>
    loop(deadline, (i) =>
      fetch(`${base}/api/items/${cur.ids[i % cur.ids.length]}`, {
        method: 'PATCH',
        headers: { authorization: `Bearer ${cur.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ prayerNote: { text: `Curator ${k} asks for prayer, draft ${i}.`, points: [`Point ${i}`] } }),
        signal: signal(),
      }),
    ),
  );
  const [reads, pollOut, ...patchOuts] = await Promise.all([runReads(port, adminToken, seconds, label), polls, ...patches]);
  const sum = (f: (p: { timeouts: number; errors: number }) => number) => patchOuts.reduce((a, p) => a + f(p), 0);
  return [
    ...reads,
    summarize(`${label}PATCH /api/items/:id (${curators.length} curators)`, patchOuts.flatMap((p) => p.latencies), seconds, sum((p) => p.timeouts), sum((p) => p.errors)),
    summarize(`${label}POST /api/feeds/:id/poll (loop)`, pollOut.latencies, seconds, pollOut.timeouts, pollOut.errors),
  ];
}

export async function benchLoadMix(opts: { seconds?: number; items?: number } = {}): Promise<LoadMixRow[]> {
  const seconds = opts.seconds ?? 30;
  const total = opts.items ?? 100_000;
  const dir = mkdtempSync(join(tmpdir(), 'pw-bench-loadmix-'));
  const feeds = await startFixtureFeeds();
  const children: ChildProcess[] = [];
  try {
    const config = join(dir, 'feeds.yml');
    const dbFile = join(dir, 'bench.db');
    writeFileSync(
      config,
      `settings:\n  allowPrivateNetworks: true\n  interval: 24h\nfeeds:\n${Array.from(
        { length: FEEDS },
        (_, f) => `  - name: Feed ${f}\n    url: http://127.0.0.1:${feeds.port}/feed/${f}.xml\n    kind: ${f % 3 ? 'news' : 'ministry'}\n    extract: never\n`,
      ).join('')}`,
    );
    // The database, the accounts and the items each curator edits, before the server opens it.
    const ctx = openApp({ config, db: dbFile }, { log: silentLogger() });
    const scrypt = { scrypt: { N: 1024, r: 8, p: 1 } };
    let adminToken: string;
    const curators: { token: string; ids: number[] }[] = [];
    try {
      seedItems(ctx, total, { word: COMMON, share: 0.21 });
      const admin = await createUser(ctx.db, { name: 'admin', role: 'admin', password: 'benchmark password' }, scrypt);
      adminToken = createApiToken(ctx.db, admin.id);
      const newIds = ctx.db.prepare("SELECT id FROM items WHERE status = 'new' ORDER BY sort_at DESC LIMIT ?").pluck().all(CURATORS * 40) as number[];
      for (let k = 0; k < CURATORS; k++) {
        const user = await createUser(ctx.db, { name: `curator${k}`, role: 'curator', password: 'benchmark password' }, scrypt);
        curators.push({ token: createApiToken(ctx.db, user.id), ids: newIds.filter((_, j) => j % CURATORS === k) });
      }
      // Every item through its last ingest step, as in a database in use (else the server's start catches up on them).
      ctx.db.prepare("UPDATE items SET finished_at = '2026-01-01T00:00:00.000Z'").run();
      // Nothing due: the scheduled poller stays quiet, the load's own "poll now" is the only polling.
      ctx.db.prepare("UPDATE feeds SET next_poll_at = '2999-01-01T00:00:00.000Z'").run();
      const share = ctx.db.prepare(`SELECT COUNT(*) FROM items_fts WHERE items_fts MATCH '"${COMMON}"'`).pluck().get() as number;
      console.log(`${total} items, "${COMMON}" in ${((100 * share) / total).toFixed(0)}%`);
    } finally {
      await ctx.close();
    }

    // Baseline 1: bare node:http answering a body the size of a page of items, same connections, same client.
    const bare = await startChild(['-e', BARE_SERVER]);
    children.push(bare.child);
    const baseSeconds = Math.max(3, Math.round(seconds / 6));
    const [bareRow] = await runReads(bare.port, adminToken, baseSeconds, 'baseline: bare node:http, ', [{ name: 'fixed 25 KB JSON', paths: ['/'] }]);
    await stopChild(bare.child);

    const rows: LoadMixRow[] = [bareRow!];
    // The same load on the server with its reads on the main thread (PRAYERWIRE_READ_WORKERS=0), then with the read pool.
    for (const variant of [{ label: 'main-thread reads', workers: '0' }, { label: 'read pool', workers: '2' }]) {
      const env = { ...process.env };
      if (variant.workers) env.PRAYERWIRE_READ_WORKERS = variant.workers;
      else delete env.PRAYERWIRE_READ_WORKERS;
      const server = await startChild([fileURLToPath(new URL('../bin/run-ts.mjs', import.meta.url)), fileURLToPath(import.meta.url), '--serve', config, dbFile], env);
      children.push(server.child);
      // Baseline: the same read mix against the idle server (no writes, no polls).
      rows.push(...(await runReads(server.port, adminToken, Math.max(5, Math.round(seconds / 3)), `${variant.label}, idle: `)));
      rows.push(...(await runMix(server.port, adminToken, curators, seconds, `${variant.label}, mix: `)));
      await stopChild(server.child);
    }
    return rows;
  } finally {
    for (const child of children) await stopChild(child);
    await new Promise((r) => feeds.server.close(r));
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The bare baseline server: a fixed JSON body of about a page of items (~25 KB). */
const BARE_SERVER = `
const body = JSON.stringify({ items: Array.from({ length: 50 }, (_, i) => ({ id: i, title: 'x'.repeat(120), summary: 'y'.repeat(300) })), nextCursor: null });
const s = require('node:http').createServer((req, res) => { res.writeHead(200, { 'content-type': 'application/json' }); res.end(body); });
s.listen(0, '127.0.0.1', () => console.log(JSON.stringify({ port: s.address().port })));
process.on('SIGTERM', () => process.exit(0));
`;

/** `--serve CONFIG DB`: the server child. Prints its port, stops on SIGTERM. */
async function serveChild(config: string, db: string): Promise<void> {
  const running = await startServer({ paths: { config, db }, port: 0, host: '127.0.0.1', poll: true, logLevel: 'warn', announce: () => {} });
  console.log(JSON.stringify({ port: running.port }));
  process.once('SIGTERM', () => void running.stop().then(() => process.exit(0)));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  if (process.argv[2] === '--serve') await serveChild(process.argv[3]!, process.argv[4]!);
  else {
    const rows = await benchLoadMix({ seconds: Number(process.argv[2]) || undefined, items: Number(process.argv[3]) || undefined });
    console.table(rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'number' && !Number.isInteger(v) ? Number(v.toFixed(1)) : v]))));
  }
}
