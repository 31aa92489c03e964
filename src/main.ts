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
import { syncFeeds } from './store/feeds.js';

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
  /** Applies a new feeds.yml to the feeds table and to the running deps. */
  applyConfig(config: Config): void;
  close(): void;
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

export function openContext(paths: Paths, options: { log?: Logger } = {}): AppContext {
  const config = loadConfig(paths.config);
  const log = options.log ?? createLogger();
  const db = openDatabase(paths.db);
  let http = createHttpClientFor(config);
  const sync = syncFeeds(db, config.feeds);
  if (sync.added.length || sync.changed.length || sync.removed.length) log.info(sync, 'feeds.yml applied');
  const deps: IngestDeps = { db, http, settings: config.settings, log };
  const ctx: AppContext = {
    config,
    db,
    log,
    http,
    deps,
    applyConfig(next) {
      const result = syncFeeds(db, next.feeds);
      const settingsChanged = JSON.stringify(next.settings) !== JSON.stringify(ctx.config.settings);
      if (settingsChanged) {
        http.close();
        http = createHttpClientFor(next);
        ctx.http = http;
        deps.http = http;
      }
      deps.settings = next.settings;
      ctx.config = next;
      log.info({ ...result, settingsChanged }, `${next.file} reloaded`);
    },
    close() {
      http.close();
      db.close();
    },
  };
  return ctx;
}
