/**
 * The composition root: the one place that builds the parts and wires them together. Every command opens the app
 * here (`openStore` for the account commands, `openApp` for the rest); `serve` adds the poller, the extraction
 * queue and the web app (server.ts, over `buildWebApp`).
 *
 *   config -> db -> runtime (HTTP client, ingest and extraction deps; swapped as one on reload)
 *          -> curator --events--> publisher (curated source, feed cache, WebSub pinger)
 *          -> workspace and accounts ports -> web app
 *
 * @example
 * const app = openApp({ config: 'feeds.yml', db: 'data/prayerwire.db' }, { log });
 * await pollOnce(app.ingest);
 * await app.close();
 */
import { availableParallelism } from 'node:os';
import { loadConfig } from '../config/index.js';
import { createCurateEvents, createCurator } from '../curate/index.js';
import { closeDatabase, createStorageHealth, databaseSizeBytes, describeStorageProblemPublicly, openDatabase, type Db, type StorageHealth } from '../db/index.js';
import { createExtractorPool, type ExtractorPool } from '../extractor/index.js';
import type { ArticleExtractor, ExtractDeps } from '../ingest/extract-items.js';
import type { IngestDeps } from '../ingest/refresh-feed.js';
import { refreshCountrySuggestions } from '../ingest/suggest-item-countries.js';
import { createLogger, type Logger } from '../log/create-logger.js';
import { createAppMetrics, type AppMetrics, type PollerStatus } from '../metrics/index.js';
import type { Config } from '../model/feed.js';
import type { AccountsPort, OperationsPort, Workspace } from '../ports/index.js';
import { countDueFeeds } from '../store/feed-counts.js';
import { syncFeeds, type SyncResult } from '../store/feeds.js';
import { listUnfinishedItemIds, markItemsFinished } from '../store/items.js';
import { groupStories } from '../stories/group-stories.js';
import { createWebApp, type WebApp } from '../web/app.js';
import { storageErrorHandler } from '../web/storage-unavailable.js';
import { createAccountsPort } from './accounts.js';
import { createOperations } from './operations.js';
import { createPublisher, siteInfo, type Publisher } from './publisher.js';
import { createRuntime, createHttpClientFor, settingsDiffer, type Runtime } from './runtime.js';
import { createReadPool, inProcessReads, type ReadPool, type Reads } from './read-pool/index.js';
import { createWorkspace } from './workspace.js';

export interface Paths {
  config: string;
  db: string;
}

export interface App {
  readonly db: Db;
  readonly log: Logger;
  /** The configuration, HTTP client and deps in force: one immutable object, replaced as a whole by `reload`. */
  current(): Runtime;
  /** The ingest deps in force (what pollOnce / startPoller take). */
  readonly ingest: () => IngestDeps;
  /** The extraction deps in force (what extractItems / startExtractionQueue take); the worker pool starts on first use. */
  readonly extraction: () => ExtractDeps;
  readonly accounts: AccountsPort;
  /** Counters and timings of polls, extractions and requests, and scrape-time readings (served on /metrics). */
  readonly metrics: AppMetrics;
  /**
   * The last step for new items, once their extraction is over: country suggestions from the final text (article
   * or feed summary), then story grouping; recorded, so a crash before it is caught up. Returns how many joined a story.
   */
  finishNewItems(itemIds: number[]): number;
  /** Finishes items a crash or stop left unfinished (not those still waiting for extraction). */
  finishOwedItems(): number;
  /**
   * Where the inbox's heavier reads run: with `workers` > 0, a pool of that many worker threads with read-only
   * connections to the database file (started on the first call, closed with the app); with 0, or an in-memory
   * database, on the main connection in this thread.
   */
  reads(workers: number): Reads;
  /** Applies a new feeds.yml: syncs the feeds table, and swaps in a new runtime (a new HTTP client when the settings changed). */
  reload(config: Config): void;
  /**
   * Whether the database takes writes, as the poller, the extraction queue and the web find out (storage errors
   * are logged once and pause the writers; /health shows it).
   */
  readonly storage: StorageHealth;
  /**
   * Cancels the work in flight, for a quick stop: closes the HTTP client (fetches end 'aborted') and the extractor
   * pool (pages end 'cancelled'), so polls are deferred and items stay pending, nothing recorded as failed.
   * The database stays open for the writes that are finishing; `close()` follows.
   */
  cancel(): void;
  /** Cancels what is in flight, checkpoints the write-ahead log into the file (TRUNCATE) and closes the database. */
  close(): Promise<void>;
}

export interface OpenAppOptions {
  log?: Logger;
  /** Apply feeds.yml to the feeds table on opening (default true; `export` only reads). */
  syncFeeds?: boolean;
  /** Pauses of the writers when the database cannot be written; default 5 s doubling to 5 min. */
  storageBackoff?: { initialMs: number; maxMs: number };
}

function describeSync(file: string, s: SyncResult): string {
  const parts = [
    s.added.length ? `${s.added.length} feed${s.added.length > 1 ? 's' : ''} added${s.added.length <= 3 ? ` (${s.added.join(', ')})` : ''}` : '',
    s.changed.length ? `changed: ${s.changed.join(', ')}` : '',
    s.removed.length ? `removed (disabled, items kept): ${s.removed.join(', ')}` : '',
  ].filter(Boolean);
  return `${file}: ${parts.join('; ') || 'no feed changed'}`;
}

/** The database alone, migrated (the account commands: no feeds.yml needed). */
export function openStore(dbPath: string): Db {
  return openDatabase(dbPath);
}

/**
 * The database with feeds.yml applied when it loads; a broken or missing feeds.yml is ignored, so read-only views
 * (`feeds`, `items`, `item`) still show what the database holds.
 */
export function openStoreLenient(paths: Paths): Db {
  const db = openDatabase(paths.db);
  try {
    syncFeeds(db, loadConfig(paths.config).feeds);
  } catch {
    // Read-only views still work without a valid feeds.yml.
  }
  return db;
}

/** Loads feeds.yml, opens the database and builds the runtime. Throws ConfigError / MigrationError. */
export function openApp(paths: Paths, options: OpenAppOptions = {}): App {
  const config = loadConfig(paths.config);
  const log = options.log ?? createLogger();
  const db = openDatabase(paths.db);
  if (options.syncFeeds !== false) {
    const sync = syncFeeds(db, config.feeds);
    if (sync.added.length || sync.changed.length || sync.removed.length) log.info(describeSync(config.file, sync));
  }
  let pool: ExtractorPool | null = null;
  let cancelled = false;
  const extractor: ArticleExtractor = {
    extract(html, url) {
      if (cancelled) return Promise.resolve({ ok: false, code: 'cancelled', message: `prayerwire is stopping; ${url} was not extracted` });
      const { settings } = runtime.config;
      pool ??= createExtractorPool({ size: settings.extractWorkers || availableParallelism(), timeoutMs: settings.extractTimeoutMs });
      return pool.extract(html, url);
    },
  };
  const metrics = createAppMetrics();
  let readPool: ReadPool | null = null;
  const shared = { db, log, extractor, metrics };
  // The one reference a reload swaps.
  let runtime = createRuntime(config, shared, createHttpClientFor(config));

  metrics.readFrom({
    httpClient: () => runtime.http.stats(),
    dueFeeds: () => countDueFeeds(db, new Date().toISOString()),
    databaseBytes: () => databaseSizeBytes(db),
  });

  const app: App = {
    db,
    log,
    metrics,
    storage: createStorageHealth({ file: db.name, log, initialBackoffMs: options.storageBackoff?.initialMs, maxBackoffMs: options.storageBackoff?.maxMs }),
    current: () => runtime,
    ingest: () => runtime.ingest,
    extraction: () => runtime.extract,
    accounts: createAccountsPort(db),
    finishNewItems(ids) {
      for (const id of ids) refreshCountrySuggestions(db, id);
      const joined = groupStories(db, ids);
      markItemsFinished(db, ids, new Date().toISOString());
      return joined;
    },
    finishOwedItems() {
      const owed = listUnfinishedItemIds(db);
      return owed.length ? app.finishNewItems(owed) : 0;
    },
    reads(workers) {
      if (workers <= 0 || db.memory) return inProcessReads(db);
      readPool ??= createReadPool({ file: db.name, size: workers });
      return readPool;
    },
    reload(next) {
      const result = syncFeeds(db, next.feeds);
      const previous = runtime;
      const settingsChanged = settingsDiffer(next, previous.config);
      runtime = createRuntime(next, shared, settingsChanged ? createHttpClientFor(next) : previous.http);
      // Closed after the swap: requests still on the old client are cancelled (and retried), none starts on it.
      if (settingsChanged) previous.http.close();
      log.info(`${describeSync(next.file, result)}${settingsChanged ? '; settings changed' : ''} (reloaded)`);
    },
    cancel() {
      cancelled = true;
      runtime.http.close();
      void pool?.close();
    },
    async close() {
      app.cancel();
      await pool?.close();
      await readPool?.close();
      const checkpoint = closeDatabase(db);
      if (checkpoint) log.warn({ err: checkpoint }, `could not fold the write-ahead log into ${db.name} (${checkpoint.message}); SQLite replays it at the next start`);
    },
  };
  return app;
}

export interface WebAppOptions {
  /** Public URL of this server when settings.baseUrl is not set (http://localhost:PORT). */
  baseUrl: string;
  startedAt?: number;
  /** "Poll now" through the running poller (absent: the feed is only marked due). */
  pollNow?: (feedId: number) => Promise<unknown> | null;
  /** The running poller's status, for /healthz (absent: this process does not poll; null: not started yet). */
  pollerStatus?: () => PollerStatus | null;
  /** Worker threads for the inbox's heavier reads (default 0: on the main connection; the server passes `defaultReadWorkers()`). */
  readWorkers?: number;
}

/** Read workers for a server: PRAYERWIRE_READ_WORKERS when set (0: reads on the main thread), else 0 until the
 * search plan is bounded (the pool alone let abandoned reads starve new ones under the load-mix bench). */
export function defaultReadWorkers(env: NodeJS.ProcessEnv = process.env): number {
  const set = env.PRAYERWIRE_READ_WORKERS?.trim();
  if (set && /^\d{1,2}$/.test(set)) return Number(set);
  return 0;
}

export interface BuiltWebApp {
  web: WebApp;
  /** /healthz and /metrics (also served on settings.metricsListen). */
  operations: OperationsPort;
  publisher: Publisher;
  /** The port the curators' pages and API work against. */
  workspace: Workspace;
}

/**
 * The publisher, the curator (its changes announced to the publisher), the workspace port and the web app over an
 * open app. The site (base URL, WebSub hub) is read once, here: changing them in feeds.yml needs a restart.
 */
export function buildWebApp(app: App, options: WebAppOptions): BuiltWebApp {
  const { settings } = app.current().config;
  const site = siteInfo(settings.baseUrl ?? options.baseUrl, settings.websubHub);
  const publisher = createPublisher({ db: app.db, site, http: () => app.current().http, log: app.log });
  const events = createCurateEvents((err) => app.log.error({ err }, 'a listener of curator changes failed'));
  events.onPublishedChange(publisher.announce);
  const currentSettings = () => app.current().config.settings;
  const curator = createCurator({ db: app.db, settings: currentSettings, idHost: new URL(site.baseUrl).hostname, events });
  const workspace = createWorkspace({
    db: app.db,
    curator,
    settings: currentSettings,
    site,
    pollNow: options.pollNow,
    reads: app.reads(options.readWorkers ?? 0),
    storage: () => app.storage.status(),
  });
  const operations = createOperations(app, { pollerStatus: options.pollerStatus });
  const web = createWebApp({
    workspace,
    accounts: app.accounts,
    publisher,
    trustProxy: settings.trustProxy,
    startedAt: options.startedAt ?? Date.now(),
    operations,
  });
  // A write the database refuses (full, read-only, ...) answers 503 with a sentence, not a bare 500; it is logged
  // once (with the file and what to do) and pauses the poller and the extraction queue.
  web.onError(
    storageErrorHandler(
      (err) => {
        const storage = app.storage.report(err);
        return storage ? { code: storage.code, message: describeStorageProblemPublicly(storage.problem, storage.code) } : null;
      },
      (err, request) => {
        // A client that went away mid-request (or a connection closed by a stop) is not an error of ours.
        if (!request.signal.aborted) app.log.error({ err }, 'request failed');
      },
    ),
  );
  return { web, operations, publisher, workspace };
}
