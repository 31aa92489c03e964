/**
 * The article extractor: page HTML -> clean Article. Pure (no network, no database).
 *
 * - `extractArticle(html, url)`: synchronous, in-process.
 * - `createExtractorPool()`: the same in worker threads, with a deadline per page and crash containment.
 * - `shouldExtract(item, policy)`: whether a feed item's page is worth extracting.
 */
export { extractArticle, MIN_WORDS } from './extract-article.js';
export { shouldExtract, TEASER_MAX_WORDS } from './should-extract.js';
export type { Article, DomChoice, ExtractErrorCode, ExtractOptions, ExtractResult } from './types.js';
export { createExtractorPool } from './pool.js';
export type { ExtractorPool, ExtractorPoolOptions, ExtractorPoolStats, WorkerTestHooks } from './pool.js';
