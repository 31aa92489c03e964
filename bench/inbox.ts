/**
 * Inbox benchmark: server time of GET /api/items (the inbox's query) at 100,000 items for every filter
 * combination, first page and a later page (cursor). p50 / p95 over repeated requests, against the same run's
 * baseline: the bare newest-first SELECT of 50 rows through better-sqlite3.
 * Run: `node bin/run-ts.mjs bench/inbox.ts [items]`.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApiToken, createUser } from '../src/accounts/index.js';
import { inTransaction } from '../src/db/index.js';
import { silentLogger } from '../src/log/create-logger.js';
import { buildWebApp, openApp } from '../src/app/index.js';
import type { ParsedItem } from '../src/parser/types.js';
import { listFeeds } from '../src/store/feeds.js';
import { applyFeedItems } from '../src/store/items.js';
import { percentile } from './stats.js';

export interface InboxBenchRow {
  name: string;
  p50Ms: number;
  p95Ms: number;
  rows: number;
  ratioP95ToBaseline: number;
}

export const FEEDS = 50;
const COUNTRIES = ['KP', 'RU', 'NG', 'CN', 'IR', 'IN', 'PK', 'SD', 'ER', 'MM', 'AF', 'SY', 'IQ', 'VN', 'UA', 'ET', 'SO', 'LY', 'YE', 'EG'];
const WORDS = 'church pastor prayer persecution arrest village attack believers government police court prison refugees aid famine flood election summit pact missile sanctions freedom worship convert mission school hospital border ceasefire'.split(' ');

function rand(seed: number) {
  let s = seed;
  return () => ((s = (s * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
}

/**
 * Stores `total` generated items across the app's feeds (realistic short texts from WORDS), then sets statuses
 * (20% dismissed, 10% published) and country tags (60%, skewed). `common` adds one word to that share of summaries.
 */
export function seedItems(ctx: ReturnType<typeof openApp>, total: number, common?: { word: string; share: number }) {
  const r = rand(42);
  const feeds = listFeeds(ctx.db);
  const start = Date.parse('2025-01-01T00:00:00Z');
  const span = Date.parse('2026-11-25T00:00:00Z') - start;
  const perFeed = Math.ceil(total / FEEDS);
  for (const [f, feed] of feeds.entries()) {
    const items: ParsedItem[] = [];
    for (let i = 0; i < perFeed && f * perFeed + i < total; i++) {
      const n = f * perFeed + i;
      const words = Array.from({ length: 8 }, () => WORDS[Math.floor(r() * WORDS.length)]!);
      const title = `${words.slice(0, 5).join(' ')} report ${n}`;
      const extra = common && r() < common.share ? ` ${common.word}` : '';
      const summary = `${words.join(' ')}${extra} in the region, said a statement on day ${n}.`;
      const hash = createHash('sha256').update(title + summary).digest('hex');
      items.push({
        key: hash, guid: `g${n}`, url: `https://bench${f}.example/${n}`, title, summary, contentHtml: null, author: null,
        publishedAt: new Date(start + r() * span).toISOString(), updatedAt: null, categories: [], imageUrl: null, contentHash: hash,
      });
    }
    inTransaction(ctx.db, () => applyFeedItems(ctx.db, feed.id, items, new Date().toISOString(), () => 'skipped'));
  }
  inTransaction(ctx.db, () => {
    const ids = ctx.db.prepare('SELECT id FROM items').pluck().all() as number[];
    const status = ctx.db.prepare('UPDATE items SET status = ? WHERE id = ?');
    const tag = ctx.db.prepare("INSERT OR IGNORE INTO item_countries (item_id, code, source, added_by, added_at) VALUES (?, ?, 'curator', 'bench', '2026-01-01T00:00:00Z')");
    for (const id of ids) {
      const x = r();
      if (x < 0.2) status.run('dismissed', id);
      else if (x < 0.3) status.run('published', id);
      if (r() < 0.6) tag.run(id, COUNTRIES[Math.floor(r() ** 2 * COUNTRIES.length)]!);
    }
  });
  ctx.db.exec('ANALYZE');
}

export async function benchInbox(opts: { items?: number; runs?: number } = {}): Promise<InboxBenchRow[]> {
  const total = opts.items ?? 100_000;
  const runs = opts.runs ?? 40;
  const dir = mkdtempSync(join(tmpdir(), 'pw-bench-inbox-'));
  const config = join(dir, 'feeds.yml');
  writeFileSync(
    config,
    `feeds:\n${Array.from({ length: FEEDS }, (_, f) => `  - name: Feed ${f}\n    url: https://bench${f}.example/feed\n    kind: ${f % 3 ? 'news' : 'ministry'}\n`).join('')}`,
  );
  const ctx = openApp({ config, db: join(dir, 'bench.db') }, { log: silentLogger() });
  try {
    seedItems(ctx, total);
    const user = await createUser(ctx.db, { name: 'bench', role: 'curator', password: 'benchmark password' }, { scrypt: { N: 1024, r: 8, p: 1 } });
    const token = createApiToken(ctx.db, user.id);
    const { web } = buildWebApp(ctx, { baseUrl: 'http://bench.local' });
    const headers = { authorization: `Bearer ${token}` };
    const time = async (query: string) => {
      const t0 = performance.now();
      const res = await web.request(`http://bench.local/api/items?${query}`, { headers });
      const body = (await res.json()) as { items: unknown[]; nextCursor: string | null };
      return { ms: performance.now() - t0, body };
    };
    /** The curator's HTML inbox page: the list plus counts per status, countries, highlights and story peers. */
    const timePage = async (query: string) => {
      const t0 = performance.now();
      const res = await web.request(`http://bench.local/inbox?status=all&${query}`, { headers });
      const html = await res.text();
      if (res.status !== 200) throw new Error(`inbox page answered ${res.status}`);
      return { ms: performance.now() - t0, html };
    };
    const baselineStmt = ctx.db.prepare('SELECT id, title, url, sort_at, status FROM items ORDER BY sort_at DESC, id DESC LIMIT 50');
    const baseline: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      baselineStmt.all();
      baseline.push(performance.now() - t0);
    }
    const base95 = Math.max(percentile(baseline, 95), 0.001);
    const combos: [string, string][] = [
      ['no filter', ''],
      ['status=new', 'status=new'],
      ['country=KP', 'country=KP'],
      ['rare country=EG', 'country=EG'],
      ['feed', 'feed=Feed%207'],
      ['kind=ministry', 'kind=ministry'],
      ['date range (one month)', 'since=2026-03-01&until=2026-04-01'],
      ['search "prayer"', 'q=prayer'],
      ['search rare "report 77777"', 'q=report%2077777'],
      ['status+country+kind', 'status=new&country=NG&kind=news'],
      ['search+status+country+date', 'q=church&status=new&country=RU&since=2026-01-01'],
      ['all filters', 'q=pastor&status=new&country=CN&kind=ministry&feed=Feed%203&since=2025-06-01&until=2026-11-01'],
    ];
    const rows: InboxBenchRow[] = [{ name: 'baseline: bare SELECT newest 50 (better-sqlite3)', p50Ms: percentile(baseline, 50), p95Ms: base95, rows: 50, ratioP95ToBaseline: 1 }];
    for (const [name, query] of combos) {
      await time(query);
      const first: number[] = [];
      const next: number[] = [];
      let count = 0;
      let cursor: string | null = null;
      for (let i = 0; i < runs; i++) {
        const r1 = await time(query);
        first.push(r1.ms);
        count = r1.body.items.length;
        cursor = r1.body.nextCursor;
        if (cursor) next.push((await time(`${query}&cursor=${encodeURIComponent(cursor)}`)).ms);
      }
      rows.push({ name: `API ${name}`, p50Ms: percentile(first, 50), p95Ms: percentile(first, 95), rows: count, ratioP95ToBaseline: percentile(first, 95) / base95 });
      if (next.length) rows.push({ name: `API ${name}, next page`, p50Ms: percentile(next, 50), p95Ms: percentile(next, 95), rows: count, ratioP95ToBaseline: percentile(next, 95) / base95 });
      const page: number[] = [];
      for (let i = 0; i < runs; i++) page.push((await timePage(query)).ms);
      rows.push({ name: `inbox page ${name}`, p50Ms: percentile(page, 50), p95Ms: percentile(page, 95), rows: count, ratioP95ToBaseline: percentile(page, 95) / base95 });
    }
    return rows;
  } finally {
    await ctx.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const rows = await benchInbox({ items: Number(process.argv[2]) || undefined });
  console.table(rows.map((r) => ({ ...r, p50Ms: r.p50Ms.toFixed(2), p95Ms: r.p95Ms.toFixed(2), ratioP95ToBaseline: r.ratioP95ToBaseline.toFixed(1) })));
}
