/**
 * The parts of the app that a feeds.yml reload replaces: the configuration, the HTTP client built from its settings,
 * and the ingest and extraction deps over them. One immutable object; a reload builds the next one and the
 * composition root swaps its single reference (see create-app.ts), so a poll or extraction that started keeps a
 * consistent snapshot and the next one sees the new settings.
 */
import type { Db } from '../db/index.js';
import { shouldExtract } from '../extractor/index.js';
import { createHttpClient, type HttpClient } from '../fetcher/index.js';
import type { ArticleExtractor, ExtractDeps } from '../ingest/extract-items.js';
import type { IngestDeps } from '../ingest/refresh-feed.js';
import { refreshCountrySuggestions } from '../ingest/suggest-item-countries.js';
import type { Logger } from '../log/create-logger.js';
import type { PipelineMetrics } from '../metrics/index.js';
import type { Config } from '../model/feed.js';

export interface Runtime {
  readonly config: Config;
  readonly http: HttpClient;
  readonly ingest: IngestDeps;
  readonly extract: ExtractDeps;
}

/** What stays across reloads. */
export interface RuntimeShared {
  db: Db;
  log: Logger;
  extractor: ArticleExtractor;
  /** Where polls and extractions are counted (absent: not counted). */
  metrics?: PipelineMetrics;
}

export function createHttpClientFor(config: Config): HttpClient {
  const s = config.settings;
  return createHttpClient({
    userAgent: s.userAgent,
    concurrency: s.concurrency,
    perHost: s.perHost,
    allowPrivateNetworks: s.allowPrivateNetworks,
    timeoutMs: s.timeoutMs,
  });
}

/** The runtime for `config`, on `http` (a new client from the settings when not given). */
export function createRuntime(config: Config, shared: RuntimeShared, http: HttpClient = createHttpClientFor(config)): Runtime {
  const { db, log, extractor, metrics } = shared;
  const ingest: IngestDeps = {
    db,
    http,
    settings: config.settings,
    log,
    initialExtraction: (feed, item) => (item.url && shouldExtract(item, feed.extract) ? 'pending' : 'skipped'),
    onItemsUpdated: (ids) => ids.forEach((id) => refreshCountrySuggestions(db, id)),
    ...(metrics ? { metrics } : {}),
  };
  const extract: ExtractDeps = { db, http, settings: config.settings, log, extractor, ...(metrics ? { metrics } : {}) };
  return Object.freeze({ config, http, ingest: Object.freeze(ingest), extract: Object.freeze(extract) });
}

/** Do two configurations differ in their settings (so the HTTP client must be rebuilt)? */
export function settingsDiffer(a: Config, b: Config): boolean {
  return JSON.stringify(a.settings) !== JSON.stringify(b.settings);
}
