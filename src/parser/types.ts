/** The one shared shape every feed format is adapted to (the entry itself, `ParsedItem`, is a model type). */
import type { ParsedItem, TruncatedField } from '../model/item.js';

export type { ParsedItem, TruncatedField };

export type FeedFormat = 'rss' | 'rdf' | 'atom' | 'json';

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
