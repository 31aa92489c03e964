/**
 * Wiring: config -> db -> http client -> ingest deps. The CLI entry is the only place that reads process.env and
 * hands the result here.
 */
import { loadConfig } from './config/index.js';
import { openDatabase, type Db } from './db/index.js';
import { createHttpClient } from './fetcher/index.js';
import type { IngestDeps } from './ingest/refresh-feed.js';
import { createLogger, type Logger } from './log/create-logger.js';
import type { Config } from './model/feed.js';
import { syncFeeds, type SyncResult } from './store/feeds.js';
import { createExtractorPool, shouldExtract, type ExtractorPool } from './extractor/index.js';
import type { ExtractDeps } from './ingest/extract-items.js';
import { refreshCountrySuggestions } from './ingest/suggest-item-countries.js';
import { groupStories } from './stories/group-stories.js';
import { listUnfinishedItemIds, markItemsFinished } from './store/items.js';
import { availableParallelism } from 'node:os';

export interface Paths {
  config: string;
  db: string;
}

export interface AppContext {
  config: Config;
  db: Db;
  log: Logger;
  http: ReturnType<typeof createHttpClient>;
  deps: IngestDeps;
  /** Dependencies of the extraction stage; the worker pool starts on first use. */
  extractDeps: ExtractDeps;
  /**
   * The last step for new items, once their extraction is over: country suggestions from the final text (article
   * or feed summary), then story grouping; recorded, so a crash before it is caught up. Returns how many joined a story.
   */
  finishNewItems(itemIds: number[]): number;
  /** Finishes items a crash or stop left unfinished (not those still waiting for extraction). */
  finishOwedItems(): number;
  /** Applies a new feeds.yml to the feeds table and to the running deps. */
  applyConfig(config: Config): void;
  close(): Promise<void>;
}

export function createHttpClientFor(config: Config) {
  const s = config.settings;
  return createHttpClient({
    userAgent: s.userAgent,
    concurrency: s.concurrency,
    perHost: s.perHost,
    allowPrivateNetworks: s.allowPrivateNetworks,
    timeoutMs: s.timeoutMs,
  });
}

function describeSync(file: string, s: SyncResult): string {
  const parts = [
    s.added.length ? `${s.added.length} feed${s.added.length > 1 ? 's' : ''} added${s.added.length <= 3 ? ` (${s.added.join(', ')})` : ''}` : '',
    s.changed.length ? `changed: ${s.changed.join(', ')}` : '',
    s.removed.length ? `removed (disabled, items kept): ${s.removed.join(', ')}` : '',
  ].filter(Boolean);
  return `${file}: ${parts.join('; ') || 'no feed changed'}`;
}

export function openContext(paths: Paths, options: { log?: Logger } = {}): AppContext {
  const config = loadConfig(paths.config);
  const log = options.log ?? createLogger();
  const db = openDatabase(paths.db);
  let http = createHttpClientFor(config);
  const sync = syncFeeds(db, config.feeds);
  if (sync.added.length || sync.changed.length || sync.removed.length) log.info(describeSync(config.file, sync));
  const deps: IngestDeps = {
    db,
    http,
    settings: config.settings,
    log,
    initialExtraction: (feed, item) => (item.url && shouldExtract(item, feed.extract) ? 'pending' : 'skipped'),
    onItemsUpdated: (ids) => ids.forEach((id) => refreshCountrySuggestions(db, id)),
  };
  let pool: ExtractorPool | null = null;
  const extractDeps: ExtractDeps = {
    db,
    http,
    settings: config.settings,
    log,
    extractor: {
      extract(html, url) {
        pool ??= createExtractorPool({
          size: ctx.config.settings.extractWorkers || availableParallelism(),
          timeoutMs: ctx.config.settings.extractTimeoutMs,
        });
        return pool.extract(html, url);
      },
    },
  };
  const ctx: AppContext = {
    config,
    db,
    log,
    http,
    deps,
    extractDeps,
    finishNewItems(ids) {
      for (const id of ids) refreshCountrySuggestions(db, id);
      const joined = groupStories(db, ids);
      markItemsFinished(db, ids, new Date().toISOString());
      return joined;
    },
    finishOwedItems() {
      const owed = listUnfinishedItemIds(db);
      return owed.length ? ctx.finishNewItems(owed) : 0;
    },
    applyConfig(next) {
      const result = syncFeeds(db, next.feeds);
      const settingsChanged = JSON.stringify(next.settings) !== JSON.stringify(ctx.config.settings);
      if (settingsChanged) {
        http.close();
        http = createHttpClientFor(next);
        ctx.http = http;
        deps.http = http;
        extractDeps.http = http;
      }
      deps.settings = next.settings;
      extractDeps.settings = next.settings;
      ctx.config = next;
      log.info(`${describeSync(next.file, result)}${settingsChanged ? '; settings changed' : ''} (reloaded)`);
    },
    async close() {
      http.close();
      await pool?.close();
      db.close();
    },
  };
  return ctx;
}
