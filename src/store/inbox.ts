/**
 * Reads the curators' inbox needs besides `listItems`: counts per status, the countries in use, highlighted search
 * matches, story peers of a page of items, and an item's neighbours in a filtered list. Each is one query, so a page
 * costs a constant number of statements whatever its length.
 */
import type { Db } from '../db/index.js';
import { toFtsQuery, type ItemFilter, type ItemStatus } from './items.js';
import { stmt } from './statements.js';

/** Marks around highlighted terms in `highlightItems` output (control characters never found in stored text). */
export const MARK_START = '\u0002';
export const MARK_END = '\u0003';

interface FilterSql {
  where: string[];
  params: Record<string, unknown>;
}

/** The WHERE terms of an item filter (as listItems applies them), except status, cursor and limit. */
function filterSql(filter: Omit<ItemFilter, 'status' | 'cursor' | 'limit'>): FilterSql {
  const where: string[] = [];
  const params: Record<string, unknown> = {};
  if (filter.feed || filter.kind) {
    const conds = ['s.item_id = i.id'];
    if (filter.feed) {
      conds.push('f.name = @feed COLLATE NOCASE');
      params.feed = filter.feed;
    }
    if (filter.kind) {
      conds.push('f.kind = @kind');
      params.kind = filter.kind;
    }
    where.push(`EXISTS (SELECT 1 FROM item_sources s JOIN feeds f ON f.id = s.feed_id WHERE ${conds.join(' AND ')})`);
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

export type StatusCounts = Record<ItemStatus, number> & { all: number };

/**
 * How many items each status tab holds under the other filters (country, feed, kind, search, dates).
 *
 * @example countItemsByStatus(db, { search: 'Pyongyang' }) // { new: 2, published: 0, dismissed: 0, retracted: 0, all: 2 }
 */
export function countItemsByStatus(db: Db, filter: Omit<ItemFilter, 'status' | 'cursor' | 'limit'> = {}): StatusCounts {
  const { where, params } = filterSql(filter);
  const rows = stmt(db, `SELECT i.status, COUNT(*) AS n FROM items i ${where.length ? `WHERE ${where.join(' AND ')}` : ''} GROUP BY i.status`).all(params) as {
    status: ItemStatus;
    n: number;
  }[];
  const counts: StatusCounts = { new: 0, published: 0, dismissed: 0, retracted: 0, all: 0 };
  for (const r of rows) {
    counts[r.status] = r.n;
    counts.all += r.n;
  }
  return counts;
}

/** Country codes that tag at least one item, with how many, most used first (for the inbox's country filter). */
export function listTaggedCountries(db: Db): { code: string; count: number }[] {
  return stmt(db, 'SELECT code, COUNT(*) AS count FROM item_countries GROUP BY code ORDER BY count DESC, code').all() as { code: string; count: number }[];
}

export interface ItemHighlight {
  /** The title with matches between MARK_START and MARK_END. */
  title: string;
  /** A short excerpt of the text around the best match (marked the same way), or null when only the title matched. */
  snippet: string | null;
}

/**
 * Search matches of `search` in the given items, marked with MARK_START/MARK_END (FTS5 highlight() and snippet()).
 * Only a rowid range bounds the MATCH (other ids in it are skipped here): with `rowid IN (…)` SQLite runs the
 * prefix query once per id, ~75 ms for a page of a word in 40,000 of 100,000 items, against ~3 ms this way.
 */
export function highlightItems(db: Db, itemIds: number[], search: string): Map<number, ItemHighlight> {
  const q = toFtsQuery(search);
  const out = new Map<number, ItemHighlight>();
  if (!q || !itemIds.length) return out;
  const rows = stmt(
    db,
    `SELECT rowid AS id, highlight(items_fts, 0, @a, @b) AS title,
       snippet(items_fts, 1, @a, @b, '…', 24) AS summary, snippet(items_fts, 2, @a, @b, '…', 24) AS body
     FROM items_fts WHERE items_fts MATCH @q AND rowid BETWEEN @lo AND @hi`,
  ).all({ q, a: MARK_START, b: MARK_END, lo: Math.min(...itemIds), hi: Math.max(...itemIds) }) as { id: number; title: string; summary: string | null; body: string | null }[];
  const wanted = new Set(itemIds);
  for (const r of rows) {
    if (!wanted.has(r.id)) continue;
    const marked = [r.body, r.summary].find((s) => s?.includes(MARK_START)) ?? null;
    out.set(r.id, { title: r.title, snippet: marked });
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
  const { where, params } = filterSql(filter);
  if (filter.status) {
    where.push('i.status = @status');
    params.status = filter.status;
  }
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
