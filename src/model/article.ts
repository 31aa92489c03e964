/** Plain type of an extracted article, as the extractor returns it and the store keeps it. No I/O here. */

/** A readable article pulled out of a page. Every URL is absolute; `html` is sanitized. */
export interface Article {
  title: string;
  /** Sanitized article HTML (shared sanitizer, base URL = page URL). */
  html: string;
  /** Plain text, paragraphs separated by blank lines. */
  text: string;
  excerpt: string;
  byline: string | null;
  /** UTC ISO 8601 (`2024-06-26T00:00:00.000Z`) or null. */
  publishedAt: string | null;
  siteName: string | null;
  imageUrl: string | null;
  /** Lower-case BCP 47-ish tag: `en`, `pt-br`. */
  lang: string | null;
  wordCount: number;
  /** At ~230 words per minute, at least 1. */
  readingTimeMinutes: number;
  canonicalUrl: string | null;
  /** The article's own prayer list ("Please join us in prayer for the following: …"), else []. */
  prayerPoints: string[];
}
