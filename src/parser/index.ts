/**
 * The feed parser: bytes -> ParsedFeed, pure (no network, no database).
 *
 * @example
 * import { parseFeed, ParseError } from '../parser/index.js';
 * try {
 *   const feed = await parseFeed(body, { url, contentType });
 * } catch (err) {
 *   if (err instanceof ParseError && err.code === 'html_page') console.log(err.discovered);
 * }
 */
export { parseFeed, type ParseContext } from './parse-feed.js';
export { decodeText, normalizeCharset, charsetFromContentType, type DecodeOptions, type DecodedText } from './decode-text.js';
export { discoverFeedLinks } from './discover-feed-links.js';
export { canonicalizeUrl, isTrackingParam } from './canonicalize-url.js';
export { parseFeedDate } from './parse-date.js';
export { itemKey, ITEM_FIELD_LIMITS, SUMMARY_MAX_CHARS, TITLE_FALLBACK_WORDS } from './normalize-item.js';
export { htmlToText } from './text.js';
export { ParseError, type FeedFormat, type ParsedFeed, type ParsedItem, type ParseErrorCode, type TruncatedField } from './types.js';
