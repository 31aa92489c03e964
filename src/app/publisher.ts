/**
 * The publisher: the store-backed curated source, the cache of the built feeds, and the WebSub pinger, which
 * listens to curate's "these items' public documents changed" (see create-app.ts, where it subscribes).
 */
import type { Db } from '../db/index.js';
import type { HttpClient } from '../fetcher/index.js';
import type { Logger } from '../log/create-logger.js';
import { createCuratedSource } from '../publish/curated-source.js';
import { createFeedCache, feedUrlsForEntry, pingHub, type CuratedSource, type FeedCache, type SiteInfo } from '../publish/index.js';

/** The public site's identity: its address (links and feed ids) and the WebSub hub its feeds name. */
export function siteInfo(baseUrl: string, websubHub: string | null): SiteInfo {
  return {
    title: 'prayerwire',
    description: 'World news, curated for informed prayer',
    baseUrl: baseUrl.replace(/\/$/, ''),
    websubHub,
    language: 'en',
  };
}

export interface Publisher {
  source: CuratedSource;
  cache: FeedCache;
  site: SiteInfo;
  /** Tells the WebSub hub (when one is configured) which feeds these items' changes touched; never throws. */
  announce(itemIds: number[]): void;
}

export interface PublisherParts {
  db: Db;
  site: SiteInfo;
  /** The HTTP client in force (a settings reload replaces it). */
  http: () => HttpClient;
  log: Logger;
}

export function createPublisher(parts: PublisherParts): Publisher {
  const { site, log } = parts;
  const source = createCuratedSource(parts.db);
  const announce = (itemId: number) => {
    if (!site.websubHub) return;
    const entry = source.getEntry(itemId);
    if (!entry) return;
    void pingHub(parts.http(), site.websubHub, feedUrlsForEntry(site, entry)).then((r) => {
      if (!r.ok) log.warn({ hub: site.websubHub, error: r.error }, 'WebSub hub ping failed');
    });
  };
  return {
    source,
    cache: createFeedCache(source, site),
    site,
    announce: (itemIds) => itemIds.forEach(announce),
  };
}
