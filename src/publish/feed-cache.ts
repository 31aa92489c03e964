/**
 * Rendered documents (feeds, OPML, pages) kept in memory with everything HTTP needs, so a request costs a version
 * check and a map lookup. A document is rendered again only when `source.version()` has changed since it was made.
 *
 * @example
 * const cache = createFeedCache(source, site);
 * const doc = cache.feed('rss', { limit: 50 });   // doc.body, doc.gzip, doc.br, doc.etag, doc.lastModified
 */
import { createHash } from 'node:crypto';
import { brotliCompressSync, constants as zlibConstants, gzipSync } from 'node:zlib';
import { buildCuratedFeed, newestUpdate } from './build-curated-feed.js';
import { buildOpml } from './build-opml.js';
import { feedUrl } from './feed-urls.js';
import type { CuratedSource, FeedFormat, SiteInfo } from './types.js';

/** A rendered document and its HTTP metadata. Immutable once made. */
export interface CachedDocument {
  /** Identity bytes. */
  body: Buffer;
  /** Made on first use, then kept. */
  readonly gzip: Buffer;
  readonly br: Buffer;
  /** Strong ETag of the identity bytes, quoted. The gzip/br variants use `etagFor`. */
  etag: string;
  /** The opaque part of the ETag (no quotes), shared by all encodings' tags. */
  hash: string;
  /** HTTP date. */
  lastModified: string;
  /** Last-Modified in epoch milliseconds, whole seconds. */
  lastModifiedMs: number;
  contentType: string;
  /** Headers sent with it besides the caching ones (CSP on pages, `Vary: Accept` on negotiated ones). */
  headers: Record<string, string>;
  /** `source.version()` this was rendered at. */
  version: number;
}

/** What a renderer returns. `lastModified` null means "when it was rendered". */
export interface RenderedDocument {
  body: string;
  contentType: string;
  lastModified: Date | null;
  headers?: Record<string, string>;
}

/** Content-Type of each kind of document we serve. */
export const CONTENT_TYPES: Record<FeedFormat | 'opml' | 'html', string> = {
  rss: 'application/rss+xml; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
  json: 'application/feed+json; charset=utf-8',
  opml: 'text/x-opml; charset=utf-8',
  html: 'text/html; charset=utf-8',
};
/** Plain JSON responses such as `/countries` (not a JSON Feed). */
export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

export interface FeedCacheOptions {
  /** Documents kept at most (the least recently rendered dropped first). Default 512. */
  maxEntries?: number;
  /** Clock, for tests. */
  now?: () => number;
}

export interface FeedCache {
  /** The document under `key`, rendered by `render` if missing or made at an older version. */
  get(key: string, render: () => RenderedDocument): CachedDocument;
  /** A curated feed (whole, or one country's). */
  feed(format: FeedFormat, options: { limit: number; country?: { code: string; name: string } }): CachedDocument;
  /** The OPML subscription list. */
  opml(): CachedDocument;
  /** `source.listCountries()`, fetched once per version. */
  countries(): { code: string; name: string; count: number }[];
  /** Documents currently held. */
  size(): number;
}

/** The ETag for `doc` as sent with `encoding`: distinct per content-coding, as strong validators must be. */
export function etagFor(doc: CachedDocument, encoding: 'identity' | 'gzip' | 'br'): string {
  return encoding === 'identity' ? doc.etag : `"${doc.hash}-${encoding === 'gzip' ? 'gz' : 'br'}"`;
}

/** Compress and hash a rendered document. */
export function makeDocument(rendered: RenderedDocument, version: number, fallbackTime: number): CachedDocument {
  const body = Buffer.from(rendered.body, 'utf8');
  const hash = createHash('sha256').update(body).digest('base64url').slice(0, 32);
  const lastModifiedMs = Math.floor((rendered.lastModified?.getTime() ?? fallbackTime) / 1000) * 1000;
  // Compressed copies are made on first request for that encoding, not for every rendered document: a reader
  // cycling ?limit= through countries and formats makes us render, not compress twice at high quality.
  let gzip: Buffer | undefined;
  let br: Buffer | undefined;
  return {
    body,
    get gzip() {
      return (gzip ??= gzipSync(body, { level: 6 }));
    },
    get br() {
      return (br ??= brotliCompressSync(body, {
        params: {
          [zlibConstants.BROTLI_PARAM_QUALITY]: 6,
          [zlibConstants.BROTLI_PARAM_MODE]: zlibConstants.BROTLI_MODE_TEXT,
          [zlibConstants.BROTLI_PARAM_SIZE_HINT]: body.length,
        },
      }));
    },
    etag: `"${hash}"`,
    hash,
    lastModified: new Date(lastModifiedMs).toUTCString(),
    lastModifiedMs,
    contentType: rendered.contentType,
    headers: rendered.headers ?? {},
    version,
  };
}

/** Create the cache over a store. */
export function createFeedCache(source: CuratedSource, site: SiteInfo, options: FeedCacheOptions = {}): FeedCache {
  const maxEntries = options.maxEntries ?? 512;
  const now = options.now ?? Date.now;
  const docs = new Map<string, CachedDocument>();
  let countryList: { version: number; list: { code: string; name: string; count: number }[] } | null = null;

  function get(key: string, render: () => RenderedDocument): CachedDocument {
    const version = source.version();
    const held = docs.get(key);
    if (held && held.version === version) return held;
    let doc = makeDocument(render(), version, now());
    if (held) {
      if (held.hash === doc.hash) {
        doc = { ...held, version }; // same bytes: keep the validators clients already have
      } else if (doc.lastModifiedMs <= held.lastModifiedMs) {
        // Content changed without a newer date (an entry left the list): Last-Modified must still move forward.
        const moved = Math.max(Math.floor(now() / 1000) * 1000, held.lastModifiedMs + 1000);
        doc = { ...doc, lastModifiedMs: moved, lastModified: new Date(moved).toUTCString() };
      }
      docs.delete(key);
    }
    docs.set(key, doc);
    while (docs.size > maxEntries) {
      const oldest = docs.keys().next().value;
      if (oldest === undefined) break;
      docs.delete(oldest);
    }
    return doc;
  }

  function countries(): { code: string; name: string; count: number }[] {
    const version = source.version();
    if (!countryList || countryList.version !== version) countryList = { version, list: source.listCountries() };
    return countryList.list;
  }

  function feed(format: FeedFormat, opts: { limit: number; country?: { code: string; name: string } }): CachedDocument {
    const code = opts.country?.code.toUpperCase();
    return get(`feed:${format}:${code ?? '*'}:${opts.limit}`, () => {
      const entries = source.listEntries({ ...(code ? { country: code } : {}), limit: opts.limit });
      const body = buildCuratedFeed(entries, {
        format, site, selfUrl: feedUrl(site, format, code), ...(opts.country ? { country: { code: code!, name: opts.country.name } } : {}),
      });
      return { body, contentType: CONTENT_TYPES[format], lastModified: newestUpdate(entries) };
    });
  }

  function opml(): CachedDocument {
    return get('opml', () => ({ body: buildOpml(site, countries()), contentType: CONTENT_TYPES.opml, lastModified: null }));
  }

  return { get, feed, opml, countries, size: () => docs.size };
}
