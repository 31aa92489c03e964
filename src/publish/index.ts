/** Curated feeds: the contract with the store, feed/OPML builders, the cache, WebSub. */
export type { CuratedEntry, CuratedSource, SiteInfo, FeedFormat } from './types.js';
export { buildCuratedFeed, COUNTRY_SCHEME, type BuildFeedOptions } from './build-curated-feed.js';
export { buildOpml } from './build-opml.js';
export { createFeedCache, type FeedCache, type CachedDocument } from './feed-cache.js';
export { feedUrl, feedUrlsForEntry, pageUrl, itemUrl } from './feed-urls.js';
export { pingHub, type HubPingResult } from './websub.js';
