/** SQL for article extraction state on `items`, and merging two items found to be one article. */
import type { Db } from '../db/index.js';
import { inTransaction } from '../db/index.js';
import type { Article } from '../model/article.js';
import { stmt } from './statements.js';

export interface ExtractionCandidate {
  id: number;
  url: string;
  feed: string;
}

export interface ExtractionQuery {
  itemIds?: number[];
  feed?: string;
  /** Include items whose extraction failed before. */
  retryFailed?: boolean;
  limit?: number;
}

/** Items waiting for extraction (pending, or failed with retryFailed), oldest first. Items without a URL are never candidates. */
export function listExtractionCandidates(db: Db, q: ExtractionQuery = {}): ExtractionCandidate[] {
  const statuses = q.retryFailed ? "('pending', 'failed')" : "('pending')";
  const where = [`i.extraction_status IN ${statuses}`, 'i.url IS NOT NULL'];
  const params: unknown[] = [];
  if (q.itemIds) {
    if (!q.itemIds.length) return [];
    // One JSON parameter, whatever the number of ids (a parameter each would stop at SQLite's 32,766).
    where.push('i.id IN (SELECT value FROM json_each(?))');
    params.push(JSON.stringify(q.itemIds));
  }
  if (q.feed) {
    where.push('f.name = ? COLLATE NOCASE');
    params.push(q.feed);
  }
  params.push(q.limit ?? 10_000);
  return stmt(
    db,
    `SELECT i.id, i.url, (SELECT f2.name FROM item_sources s2 JOIN feeds f2 ON f2.id = s2.feed_id WHERE s2.item_id = i.id
        ORDER BY s2.first_seen_at LIMIT 1) AS feed
     FROM items i ${q.feed ? 'JOIN item_sources s ON s.item_id = i.id JOIN feeds f ON f.id = s.feed_id' : ''}
     WHERE ${where.join(' AND ')} GROUP BY i.id ORDER BY i.id LIMIT ?`,
  ).all(...params) as ExtractionCandidate[];
}

/** How many of these items still wait for extraction (what a `poll` leaves for `prayerwire extract`). */
export function countPendingExtraction(db: Db, itemIds: number[]): number {
  if (!itemIds.length) return 0;
  return stmt(db, "SELECT COUNT(*) FROM items WHERE extraction_status = 'pending' AND id IN (SELECT value FROM json_each(?))")
    .pluck()
    .get(JSON.stringify(itemIds)) as number;
}

/** Forces an item back into the queue (`prayerwire extract --item ID`). */
export function markExtractionPending(db: Db, itemId: number): boolean {
  return stmt(db, "UPDATE items SET extraction_status = 'pending' WHERE id = ? AND url IS NOT NULL").run(itemId).changes > 0;
}

export function recordExtractionFailure(db: Db, itemId: number, f: { code: string; reason: string; finalUrl: string | null; at: string }): void {
  stmt(
    db,
    `UPDATE items SET extraction_status = 'failed', extraction_code = ?, extraction_reason = ?, final_url = COALESCE(?, final_url),
       extraction_attempts = extraction_attempts + 1, extracted_at = ? WHERE id = ?`,
  ).run(f.code, f.reason, f.finalUrl, f.at, itemId);
}

export interface ExtractionSaved {
  /** The item the article now lives on: another item when its canonical URL showed the two are one article. */
  itemId: number;
  mergedInto: number | null;
}

/**
 * Stores an extracted article. When the page's canonical URL is another item's URL, the two are one article: this
 * item's sources move to that one and this item goes (only while nobody has curated it; otherwise both stay).
 */
export function recordExtractionSuccess(db: Db, itemId: number, article: Article, finalUrl: string, at: string): ExtractionSaved {
  return inTransaction(db, () => {
    const canonical = article.canonicalUrl;
    if (canonical) {
      const other = stmt(db, 'SELECT id FROM items WHERE url = ? AND id != ?').get(canonical, itemId) as { id: number } | undefined;
      const self = stmt(db, "SELECT status FROM items WHERE id = ?").get(itemId) as { status: string } | undefined;
      if (other && self?.status === 'new') {
        mergeItemInto(db, itemId, other.id);
        saveArticle(db, other.id, article, finalUrl, at, true);
        return { itemId: other.id, mergedInto: other.id };
      }
      if (!other) stmt(db, 'UPDATE items SET url = ? WHERE id = ?').run(canonical, itemId);
    }
    saveArticle(db, itemId, article, finalUrl, at, false);
    return { itemId, mergedInto: null };
  });
}

function saveArticle(db: Db, itemId: number, a: Article, finalUrl: string, at: string, onlyIfMissing: boolean): void {
  stmt(
    db,
    `UPDATE items SET extraction_status = 'done', extraction_code = NULL, extraction_reason = NULL,
       extraction_attempts = extraction_attempts + 1, extracted_at = @at, final_url = @finalUrl, canonical_url = @canonical,
       article_html = @html, article_text = @text, byline = @byline, site_name = @siteName, lang = @lang,
       word_count = @wordCount, reading_minutes = @reading, article_published_at = @publishedAt,
       image_url = COALESCE(image_url, @image), prayer_points = @points
     WHERE id = @id ${onlyIfMissing ? "AND extraction_status != 'done'" : ''}`,
  ).run({
    id: itemId,
    at,
    finalUrl,
    canonical: a.canonicalUrl,
    html: a.html,
    text: a.text,
    byline: a.byline,
    siteName: a.siteName,
    lang: a.lang,
    wordCount: a.wordCount,
    reading: a.readingTimeMinutes,
    publishedAt: a.publishedAt,
    image: a.imageUrl,
    points: JSON.stringify(a.prayerPoints),
  });
}

/** Moves every source of `fromId` to `toId` and deletes `fromId`. Call inside a transaction. */
export function mergeItemInto(db: Db, fromId: number, toId: number): void {
  // A source's identity is (feed, entry key), so moving it is an update of its item id.
  stmt(db, 'UPDATE item_sources SET item_id = ? WHERE item_id = ?').run(toId, fromId);
  stmt(db, 'DELETE FROM items WHERE id = ?').run(fromId);
}
