/**
 * The contract between the store (which knows what curators published) and everything that turns published entries
 * into bytes on the wire: curated feeds, OPML, the public HTML pages. No I/O here.
 */

/** One published (or retracted) item as readers see it. */
export interface CuratedEntry {
  itemId: number;
  /** Stable id assigned at first publish, never changes: a tag URI like `tag:prayerwire.example,2026-11-25:item/42`. */
  guid: string;
  title: string;
  /** Link to the original article. */
  url: string;
  /** When we published it (UTC ISO). */
  publishedAt: string;
  /** Last correction (UTC ISO) or null. */
  updatedAt: string | null;
  status: 'published' | 'retracted';
  retractedAt: string | null;
  retractionReason: string | null;
  countries: { code: string; name: string }[];
  prayerNote: {
    points: string[];
    scripture: string | null;
    /** sanitized HTML rendered from the curator's Markdown */
    html: string | null;
  };
  /** Every source that carried the story, the primary first. */
  sources: { name: string; siteUrl: string | null; feedUrl: string }[];
  republish: 'link' | 'excerpt' | 'full';
  /** Plain-text summary/article text; the excerpt is cut from this. */
  text: string;
  /** Sanitized article HTML or null. */
  html: string | null;
  imageUrl: string | null;
  author: string | null;
}

/** What the web layer needs from the store. Implemented by the store engineer. */
export interface CuratedSource {
  /** Published and retracted entries, newest publishedAt first; retracted ones only within `retractedWindowDays` (default 30). */
  listEntries(filter: { country?: string; limit: number }): CuratedEntry[];
  getEntry(itemId: number): CuratedEntry | null;
  /** Countries with at least one published entry, with counts. */
  listCountries(): { code: string; name: string; count: number }[];
  /** A number that changes whenever anything published changes (publish, correct, retract): cache key. */
  version(): number;
}

/** The public site the feeds and pages describe. `baseUrl` has no trailing slash requirement: both forms work. */
export interface SiteInfo {
  title: string;
  description: string;
  baseUrl: string;
  websubHub: string | null;
  language: string;
}

/** The three curated feed formats. */
export type FeedFormat = 'rss' | 'atom' | 'json';
