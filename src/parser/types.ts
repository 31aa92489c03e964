/** The one shared shape every feed format is adapted to. */

export type FeedFormat = 'rss' | 'rdf' | 'atom' | 'json';

export interface ParsedItem {
  /** Stable identity within the feed: sha256 hex of guid, else canonical url, else title+content. */
  key: string;
  guid: string | null;
  /** Canonical absolute URL (tracking params and fragment removed, host lower-cased), or null. */
  url: string | null;
  /** Plain text: entities decoded, tags stripped, whitespace folded. */
  title: string;
  /** Plain-text summary (from description/summary/content), may be empty. */
  summary: string;
  /** Sanitized HTML of the fullest content the feed carries, or null. */
  contentHtml: string | null;
  author: string | null;
  /** UTC ISO 8601, or null when missing or unparseable. */
  publishedAt: string | null;
  updatedAt: string | null;
  categories: string[];
  imageUrl: string | null;
  /** sha256 hex of title + summary + contentHtml: tells whether an item changed. */
  contentHash: string;
  /** Fields cut to their cap (ITEM_FIELD_LIMITS), when any was: ingest logs them once, with the feed and item URL. */
  truncated?: TruncatedField[];
}

/** One field cut at normalization: its name, its length before the cut, and the cap. */
export interface TruncatedField {
  field: string;
  length: number;
  limit: number;
}

export interface ParsedFeed {
  format: FeedFormat;
  /** Format and version: 'rss0.91', 'rss0.92', 'rss2.0', 'rss0.90' (RDF), 'rss1.0', 'atom0.3', 'atom1.0', 'json1.0', 'json1.1'. */
  version: string;
  title: string | null;
  siteUrl: string | null;
  description: string | null;
  language: string | null;
  /** RSS ttl, minutes. */
  ttlMinutes: number | null;
  /** sy:updatePeriod x sy:updateFrequency turned into minutes between updates. */
  updatePeriodMinutes: number | null;
  items: ParsedItem[];
  /** Non-fatal problems (recovered XML, skipped items). */
  warnings: string[];
}

export type ParseErrorCode = 'not_a_feed' | 'malformed' | 'empty' | 'html_page';

export class ParseError extends Error {
  constructor(
    readonly code: ParseErrorCode,
    message: string,
    /** For code 'html_page': feed URLs found by autodiscovery, absolute, in document order. */
    readonly discovered: string[] = [],
  ) {
    super(message);
    this.name = 'ParseError';
  }
}
