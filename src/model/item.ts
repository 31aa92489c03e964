/** Plain types of a stored item: its review status, extraction state, and a feed entry as the store keeps it. No I/O here. */

/** Review states, in the inbox's tab order. */
export const ITEM_STATUSES = ['new', 'published', 'dismissed', 'retracted'] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];

export type ExtractionStatus = 'pending' | 'skipped' | 'done' | 'failed';

/** One feed entry, normalized: the shared shape every feed format is adapted to, and what the store keeps of it. */
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
