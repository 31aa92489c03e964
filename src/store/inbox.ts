/**
 * Reads the curators' inbox needs besides `listItems`: counts per status, the countries in use, highlighted search
 * matches, story peers of a page of items, and an item's neighbours in a filtered list. Each is one query, so a page
 * costs a constant number of statements whatever its length.
 */
import type { Db } from '../db/index.js';
import type { ItemStatus } from '../model/item.js';
import { itemFilterSql, type ItemFilter } from './items.js';
import { stmt } from './statements.js';

/** Marks around highlighted terms in `highlightItems` output (control characters never found in stored text). */
export const MARK_START = '\u0002';
export const MARK_END = '\u0003';

/**
 * Changes whenever the database does: this connection's writes (total_changes) and other connections' commits
 * (data_version). Both are O(1), so caches keyed by it are never stale.
 */
function changeStamp(db: Db): string {
  const { t } = stmt(db, 'SELECT total_changes() AS t').get() as { t: number };
  return `${db.name}:${t}:${String(db.pragma('data_version', { simple: true }))}`;
}

export type StatusCounts = Record<ItemStatus, number> & { all: number };

/**
 * How many items each status tab holds under the other filters (country, feed, kind, search, dates).
 *
 * @example countItemsByStatus(db, { search: 'Pyongyang' }) // { new: 2, published: 0, dismissed: 0, retracted: 0, all: 2 }
 */
export function countItemsByStatus(db: Db, filter: Omit<ItemFilter, 'status' | 'cursor' | 'limit'> = {}): StatusCounts {
  // Counting a common search term over 100,000 items takes tens of ms, and a curator paging through results asks
  // the same counts again: remember them until the database changes.
  const key = `${changeStamp(db)}|${JSON.stringify({ ...filter, status: undefined })}`;
  const cached = countCache.get(key);
  if (cached) return { ...cached };
  const { where, params } = itemFilterSql({ ...filter, status: undefined });
  const rows = stmt(db, `SELECT i.status, COUNT(*) AS n FROM items i ${where.length ? `WHERE ${where.join(' AND ')}` : ''} GROUP BY i.status`).all(params) as {
    status: ItemStatus;
    n: number;
  }[];
  const counts: StatusCounts = { new: 0, published: 0, dismissed: 0, retracted: 0, all: 0 };
  for (const r of rows) {
    counts[r.status] = r.n;
    counts.all += r.n;
  }
  countCache.set(key, counts);
  if (countCache.size > 100) countCache.delete(countCache.keys().next().value!);
  return { ...counts };
}

const countCache = new Map<string, StatusCounts>();

/** Country codes that tag at least one item, with how many, most used first (for the inbox's country filter). */
export function listTaggedCountries(db: Db): { code: string; count: number }[] {
  const key = `countries|${changeStamp(db)}`;
  const cached = taggedCache.get(key);
  if (cached) return cached;
  const rows = stmt(db, 'SELECT code, COUNT(*) AS count FROM item_countries GROUP BY code ORDER BY count DESC, code').all() as { code: string; count: number }[];
  taggedCache.clear();
  taggedCache.set(key, rows);
  return rows;
}

const taggedCache = new Map<string, { code: string; count: number }[]>();

export interface ItemHighlight {
  /** The title with matches between MARK_START and MARK_END. */
  title: string;
  /** A short excerpt of the text around the best match (marked the same way), or null when only the title matched. */
  snippet: string | null;
}

/** The words of a search as a case-insensitive pattern: whole-word starts, the last word also as a prefix. */
function searchPattern(search: string): RegExp | null {
  const terms = search.match(/[\p{L}\p{N}_]+/gu);
  if (!terms?.length) return null;
  const escaped = terms.map((t, i) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') + (i === terms.length - 1 ? '[\\p{L}\\p{N}_]*' : '(?![\\p{L}\\p{N}_])'));
  return new RegExp(`(?<![\\p{L}\\p{N}_])(?:${escaped.join('|')})`, 'giu');
}

function mark(text: string, pattern: RegExp): string {
  return text.replace(pattern, (m) => `${MARK_START}${m}${MARK_END}`);
}

/** About `words` words of `text` around the first match of `pattern`, marked; null when nothing matches. */
function snippetAround(text: string, pattern: RegExp, words = 24): string | null {
  pattern.lastIndex = 0;
  const hit = pattern.exec(text);
  if (!hit) return null;
  const pre = text.slice(0, hit.index);
  const before = pre.trim() ? pre.trim().split(/\s+/) : [];
  const after = text.slice(hit.index).trim().split(/\s+/);
  const head = before.slice(-Math.floor(words / 3));
  const tail = after.slice(0, words - head.length);
  const joint = head.length && /\s$/.test(pre) ? ' ' : '';
  const body = `${head.join(' ')}${joint}${tail.join(' ')}`;
  return `${before.length > head.length ? '…' : ''}${mark(body, pattern)}${after.length > tail.length ? '…' : ''}`;
}

/**
 * Search matches of `search` in the given items (a page of the list), marked with MARK_START/MARK_END: the title,
 * and a snippet of the article text or summary around the first match. Done on the page's own text, so the cost
 * is the page's, whatever the size of the index (FTS5 highlight() on a common word had to read every match).
 */
export function highlightItems(db: Db, itemIds: number[], search: string): Map<number, ItemHighlight> {
  const pattern = searchPattern(search);
  const out = new Map<number, ItemHighlight>();
  if (!pattern || !itemIds.length) return out;
  const rows = stmt(db, `SELECT id, title, summary, article_text AS body FROM items WHERE id IN (SELECT value FROM json_each(?))`).all(JSON.stringify(itemIds)) as {
    id: number;
    title: string;
    summary: string;
    body: string | null;
  }[];
  for (const r of rows) {
    out.set(r.id, { title: mark(r.title, pattern), snippet: snippetAround(r.body ?? '', pattern) ?? snippetAround(r.summary, pattern) });
  }
  return out;
}

export interface StoryPeer {
  id: number;
  storyId: number;
  title: string;
  status: ItemStatus;
  sources: string[];
}

/** Every item of the given stories (one query), grouped by story id; callers leave out the item itself. */
export function listStoryPeers(db: Db, storyIds: number[]): Map<number, StoryPeer[]> {
  const out = new Map<number, StoryPeer[]>();
  const ids = [...new Set(storyIds)];
  if (!ids.length) return out;
  const rows = stmt(
    db,
    `SELECT i.id, i.story_id AS storyId, i.title, i.status,
       (SELECT json_group_array(f.name) FROM item_sources s JOIN feeds f ON f.id = s.feed_id WHERE s.item_id = i.id) AS sources
     FROM items i WHERE i.story_id IN (SELECT value FROM json_each(@ids)) ORDER BY i.sort_at, i.id`,
  ).all({ ids: JSON.stringify(ids) }) as (Omit<StoryPeer, 'sources'> & { sources: string })[];
  for (const r of rows) {
    const list = out.get(r.storyId) ?? [];
    list.push({ ...r, sources: JSON.parse(r.sources) as string[] });
    out.set(r.storyId, list);
  }
  return out;
}

export interface AdjacentItems {
  /** The next newer item of the filtered list (above this one), if any. */
  newer: { id: number; title: string } | null;
  /** The next older item (below this one), if any. */
  older: { id: number; title: string } | null;
}

/** An item's neighbours in the inbox order (newest first) of a filtered list, whether or not the item still matches. */
export function adjacentItems(db: Db, itemId: number, filter: Omit<ItemFilter, 'cursor' | 'limit'> = {}): AdjacentItems {
  const self = stmt(db, 'SELECT sort_at AS sortAt FROM items WHERE id = ?').get(itemId) as { sortAt: string } | undefined;
  if (!self) return { newer: null, older: null };
  const { where, params } = itemFilterSql(filter);
  const base = where.length ? `${where.join(' AND ')} AND ` : '';
  const p = { ...params, sortAt: self.sortAt, id: itemId };
  const older = stmt(
    db,
    `SELECT i.id, i.title FROM items i WHERE ${base}(i.sort_at < @sortAt OR (i.sort_at = @sortAt AND i.id < @id)) ORDER BY i.sort_at DESC, i.id DESC LIMIT 1`,
  ).get(p) as { id: number; title: string } | undefined;
  const newer = stmt(
    db,
    `SELECT i.id, i.title FROM items i WHERE ${base}(i.sort_at > @sortAt OR (i.sort_at = @sortAt AND i.id > @id)) ORDER BY i.sort_at ASC, i.id ASC LIMIT 1`,
  ).get(p) as { id: number; title: string } | undefined;
  return { newer: newer ?? null, older: older ?? null };
}
