/** SQL for `items` and `item_sources`: de-duplicated storage of feed entries, listing and reading. */
import type { Db } from '../db/index.js';
import type { ExtractionStatus, ItemStatus, ParsedItem } from '../model/item.js';
import { stmt } from './statements.js';

export type { ExtractionStatus, ItemStatus };

export interface ApplyResult {
  /** Items seen for the first time, with their new ids. */
  newItems: { id: number; item: ParsedItem }[];
  /** Entries whose content changed since the last poll. */
  updated: number;
  /** Items whose content changed since the last poll. */
  updatedItemIds: number[];
  /** Entries that joined an item already known from another feed (or another entry of this one). */
  merged: number;
  unchanged: number;
}

interface SourceKeyRow {
  item_id: number;
  content_hash: string;
  url: string | null;
}

/**
 * Stores one feed's parsed entries. Identity: (feed, entry key) first, so the same guid updates its item when the
 * content changed and a dismissed item is never brought back; then the canonical URL, so the same story from
 * another feed becomes one item with several sources. Call inside the poll's transaction.
 */
export function applyFeedItems(
  db: Db,
  feedId: number,
  items: ParsedItem[],
  seenAt: string,
  initialExtraction: (item: ParsedItem) => ExtractionStatus,
): ApplyResult {
  const result: ApplyResult = { newItems: [], updated: 0, updatedItemIds: [], merged: 0, unchanged: 0 };
  const findSource = stmt(db, 'SELECT item_id, content_hash, url FROM item_sources WHERE feed_id = ? AND entry_key = ?');
  const findByUrl = stmt(db, 'SELECT id FROM items WHERE url = ?');
  const findFeedSource = stmt(db, 'SELECT entry_key, content_hash FROM item_sources WHERE feed_id = ? AND item_id = ?');
  const keysNow = new Set(items.map((i) => i.key));
  for (const item of items) {
    const source = findSource.get(feedId, item.key) as SourceKeyRow | undefined;
    if (source) {
      const moved = item.url !== null && item.url !== source.url;
      if (moved) followNewUrl(db, source.item_id, source.url, item.url!);
      if (source.content_hash === item.contentHash) {
        if (moved) updateSource(db, feedId, item, seenAt);
        result.unchanged++;
      } else {
        updateItemContent(db, source.item_id, item, seenAt);
        updateSource(db, feedId, item, seenAt);
        result.updated++;
        result.updatedItemIds.push(source.item_id);
      }
      continue;
    }
    const existing = item.url ? (findByUrl.get(item.url) as { id: number } | undefined) : undefined;
    if (existing) {
      // The same URL from this feed under a key it no longer carries: the feed changed the entry's guid (some
      // change it on every poll). Re-key that source instead of adding one more per poll.
      const own = findFeedSource.all(feedId, existing.id) as { entry_key: string; content_hash: string }[];
      const stale = own.find((o) => !keysNow.has(o.entry_key));
      if (stale) {
        rekeySource(db, feedId, stale.entry_key, item, seenAt);
        if (stale.content_hash === item.contentHash) result.unchanged++;
        else {
          updateItemContent(db, existing.id, item, seenAt);
          result.updated++;
          result.updatedItemIds.push(existing.id);
        }
        continue;
      }
      insertSource(db, existing.id, feedId, item, seenAt);
      result.merged++;
      continue;
    }
    const id = insertItem(db, item, seenAt, initialExtraction(item));
    insertSource(db, id, feedId, item, seenAt);
    result.newItems.push({ id, item });
  }
  return result;
}

/** The feed-derived columns of an item, as named parameters for its INSERT and UPDATE. */
function contentParams(item: ParsedItem, seenAt: string) {
  return {
    title: item.title,
    summary: item.summary,
    contentHtml: item.contentHtml,
    author: item.author,
    imageUrl: item.imageUrl,
    categories: JSON.stringify(item.categories),
    publishedAt: item.publishedAt,
    updatedAt: item.updatedAt,
    contentHash: item.contentHash,
    seenAt,
  };
}

function insertItem(db: Db, item: ParsedItem, seenAt: string, extraction: ExtractionStatus): number {
  const info = stmt(
    db,
    `INSERT INTO items (url, title, summary, content_html, author, image_url, categories, published_at, source_updated_at,
       first_seen_at, sort_at, content_hash, extraction_status, created_at, updated_at)
     VALUES (@url, @title, @summary, @contentHtml, @author, @imageUrl, @categories, @publishedAt, @updatedAt,
       @seenAt, @sortAt, @contentHash, @extraction, @seenAt, @seenAt)`,
  ).run({ ...contentParams(item, seenAt), url: item.url, sortAt: item.publishedAt ?? seenAt, extraction });
  return Number(info.lastInsertRowid);
}

function updateItemContent(db: Db, itemId: number, item: ParsedItem, seenAt: string): void {
  stmt(
    db,
    `UPDATE items SET title = @title, summary = @summary, content_html = @contentHtml, author = COALESCE(@author, author),
       image_url = COALESCE(@imageUrl, image_url), categories = @categories,
       published_at = COALESCE(@publishedAt, published_at), source_updated_at = @updatedAt,
       sort_at = COALESCE(@publishedAt, published_at, first_seen_at), content_hash = @contentHash, updated_at = @seenAt
     WHERE id = @id`,
  ).run({ ...contentParams(item, seenAt), id: itemId });
}

function insertSource(db: Db, itemId: number, feedId: number, item: ParsedItem, seenAt: string): void {
  stmt(
    db,
    `INSERT INTO item_sources (item_id, feed_id, entry_key, guid, url, title, published_at, content_hash, first_seen_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(itemId, feedId, item.key, item.guid, item.url, item.title, item.publishedAt, item.contentHash, seenAt, seenAt);
}

function updateSource(db: Db, feedId: number, item: ParsedItem, seenAt: string): void {
  stmt(
    db,
    `UPDATE item_sources SET guid = ?, url = ?, title = ?, published_at = ?, content_hash = ?, updated_at = ?
     WHERE feed_id = ? AND entry_key = ?`,
  ).run(item.guid, item.url, item.title, item.publishedAt, item.contentHash, seenAt, feedId, item.key);
}

/**
 * An entry kept its key but changed its URL (a fixed slug, http -> https): the item follows when its URL was this
 * entry's old one, unless the new URL is already another item's (UNIQUE url; the two stay apart rather than fail
 * the poll). A URL set by extraction (the page's canonical) is left alone.
 */
function followNewUrl(db: Db, itemId: number, oldUrl: string | null, newUrl: string): void {
  const taken = stmt(db, 'SELECT 1 FROM items WHERE url = ? AND id != ?').get(newUrl, itemId);
  if (taken) return;
  stmt(db, 'UPDATE items SET url = ? WHERE id = ? AND (url IS ? OR url IS NULL)').run(newUrl, itemId, oldUrl);
}

function rekeySource(db: Db, feedId: number, oldKey: string, item: ParsedItem, seenAt: string): void {
  stmt(
    db,
    `UPDATE item_sources SET entry_key = ?, guid = ?, url = ?, title = ?, published_at = ?, content_hash = ?, updated_at = ?
     WHERE feed_id = ? AND entry_key = ?`,
  ).run(item.key, item.guid, item.url, item.title, item.publishedAt, item.contentHash, seenAt, feedId, oldKey);
}

export interface ItemSource {
  feedId: number;
  feed: string;
  kind: string;
  guid: string | null;
  url: string | null;
  title: string;
  publishedAt: string | null;
  firstSeenAt: string;
}

export interface ItemSummary {
  id: number;
  title: string;
  url: string | null;
  /** Name of the first feed that carried it. */
  feed: string;
  sources: string[];
  publishedAt: string | null;
  firstSeenAt: string;
  status: ItemStatus;
  summary: string;
  extractionStatus: ExtractionStatus;
  /** Accepted country codes. */
  countries: string[];
  storyId: number | null;
}

export interface ItemFilter {
  status?: ItemStatus;
  feed?: string;
  country?: string;
  kind?: 'news' | 'ministry';
  search?: string;
  since?: string;
  until?: string;
  limit?: number;
  /** Opaque cursor from a previous page. */
  cursor?: string | null;
}

export interface ItemPage {
  items: ItemSummary[];
  nextCursor: string | null;
}

interface ItemListRow {
  id: number;
  title: string;
  url: string | null;
  published_at: string | null;
  first_seen_at: string;
  sort_at: string;
  status: ItemStatus;
  summary: string;
  extraction_status: ExtractionStatus;
  story_id: number | null;
  feeds: string;
  countries: string;
}

function encodeCursor(row: { sort_at: string; id: number }): string {
  return Buffer.from(`${row.sort_at}|${row.id}`).toString('base64url');
}

function decodeCursor(cursor: string): { sortAt: string; id: number } | null {
  const [sortAt, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  return sortAt && id && /^\d+$/.test(id) ? { sortAt, id: Number(id) } : null;
}

/**
 * Turns free text into an FTS5 query (every word, the last one as a prefix, as a search box is typed), quoted so
 * user input never breaks the MATCH syntax.
 */
export function toFtsQuery(text: string): string | null {
  const terms = text.match(/[\p{L}\p{N}_]+/gu);
  return terms?.length ? terms.map((t, i) => (i === terms.length - 1 ? `"${t}"*` : `"${t}"`)).join(' ') : null;
}

export interface FilterSql {
  where: string[];
  params: Record<string, unknown>;
}

/** The WHERE terms of an item filter (every field but cursor and limit): one definition for the list and its counts. */
export function itemFilterSql(filter: Omit<ItemFilter, 'cursor' | 'limit'>): FilterSql {
  const where: string[] = [];
  const params: Record<string, unknown> = {};
  if (filter.status) {
    where.push('i.status = @status');
    params.status = filter.status;
  }
  if (filter.feed || filter.kind) {
    const conds = ['s.item_id = i.id'];
    if (filter.feed) conds.push('f.name = @feed COLLATE NOCASE');
    if (filter.kind) conds.push('f.kind = @kind');
    where.push(`EXISTS (SELECT 1 FROM item_sources s JOIN feeds f ON f.id = s.feed_id WHERE ${conds.join(' AND ')})`);
    params.feed = filter.feed;
    params.kind = filter.kind;
  }
  if (filter.country) {
    where.push('EXISTS (SELECT 1 FROM item_countries c WHERE c.item_id = i.id AND c.code = @country)');
    params.country = filter.country.toUpperCase();
  }
  const q = filter.search ? toFtsQuery(filter.search) : null;
  if (q) {
    where.push('i.id IN (SELECT rowid FROM items_fts WHERE items_fts MATCH @q)');
    params.q = q;
  }
  if (filter.since) {
    where.push('i.sort_at >= @since');
    params.since = filter.since;
  }
  if (filter.until) {
    where.push('i.sort_at < @until');
    params.until = filter.until;
  }
  return { where, params };
}

/** Items newest first (by publication, else first-seen time), filtered, with keyset paging. */
export function listItems(db: Db, filter: ItemFilter = {}): ItemPage {
  const { where, params } = itemFilterSql(filter);
  const cursor = filter.cursor ? decodeCursor(filter.cursor) : null;
  if (cursor) {
    where.push('(i.sort_at < @cSort OR (i.sort_at = @cSort AND i.id < @cId))');
    params.cSort = cursor.sortAt;
    params.cId = cursor.id;
  }
  const limit = Math.min(Math.max(filter.limit ?? 50, 1), 500);
  params.limit = limit + 1;
  const sql = `SELECT i.id, i.title, i.url, i.published_at, i.first_seen_at, i.sort_at, i.status, i.summary, i.extraction_status, i.story_id,
      (SELECT json_group_array(code) FROM (SELECT code FROM item_countries c WHERE c.item_id = i.id ORDER BY added_at, code)) AS countries,
      (SELECT json_group_array(name) FROM (SELECT f.name FROM item_sources s JOIN feeds f ON f.id = s.feed_id
         WHERE s.item_id = i.id ORDER BY s.first_seen_at, f.name)) AS feeds
    FROM items i ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
    ORDER BY i.sort_at DESC, i.id DESC LIMIT @limit`;
  const rows = stmt(db, sql).all(params) as ItemListRow[];
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    items: page.map((r) => {
      const sources = JSON.parse(r.feeds) as string[];
      return {
        id: r.id,
        title: r.title,
        url: r.url,
        feed: sources[0] ?? '',
        sources,
        publishedAt: r.published_at,
        firstSeenAt: r.first_seen_at,
        status: r.status,
        summary: r.summary,
        extractionStatus: r.extraction_status,
        countries: JSON.parse(r.countries) as string[],
        storyId: r.story_id,
      };
    }),
    nextCursor: rows.length > limit && last ? encodeCursor(last) : null,
  };
}

export interface ItemRow {
  id: number;
  url: string | null;
  title: string;
  summary: string;
  content_html: string | null;
  author: string | null;
  image_url: string | null;
  categories: string;
  published_at: string | null;
  source_updated_at: string | null;
  first_seen_at: string;
  sort_at: string;
  status: ItemStatus;
  extraction_status: ExtractionStatus;
  extraction_code: string | null;
  extraction_reason: string | null;
  extraction_attempts: number;
  extracted_at: string | null;
  final_url: string | null;
  canonical_url: string | null;
  article_html: string | null;
  article_text: string | null;
  byline: string | null;
  site_name: string | null;
  lang: string | null;
  word_count: number | null;
  reading_minutes: number | null;
  article_published_at: string | null;
  prayer_points: string;
  story_id: number | null;
  updated_at: string;
}

export function getItemRow(db: Db, id: number): ItemRow | null {
  return (stmt(db, 'SELECT * FROM items WHERE id = ?').get(id) as ItemRow | undefined) ?? null;
}

export function listItemSources(db: Db, itemId: number): ItemSource[] {
  return (
    stmt(
      db,
      `SELECT s.feed_id AS feedId, f.name AS feed, f.kind, s.guid, s.url, s.title, s.published_at AS publishedAt,
         s.first_seen_at AS firstSeenAt
       FROM item_sources s JOIN feeds f ON f.id = s.feed_id WHERE s.item_id = ? ORDER BY s.first_seen_at, f.name`,
    ).all(itemId) as ItemSource[]
  );
}

/** Marks items' last ingest step (suggestions, story grouping) as done. */
export function markItemsFinished(db: Db, itemIds: number[], at: string): void {
  if (itemIds.length) stmt(db, 'UPDATE items SET finished_at = ? WHERE id IN (SELECT value FROM json_each(?))').run(at, JSON.stringify(itemIds));
}

/** Items whose last ingest step is still owed and whose extraction is over (or never needed). */
export function listUnfinishedItemIds(db: Db, limit = 10_000): number[] {
  return stmt(db, "SELECT id FROM items WHERE finished_at IS NULL AND extraction_status != 'pending' ORDER BY id LIMIT ?").pluck().all(limit) as number[];
}

export function countItems(db: Db): number {
  return (stmt(db, 'SELECT COUNT(*) AS n FROM items').get() as { n: number }).n;
}
