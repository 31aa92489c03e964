/** SQL for story groups: items about one event share a story id. */
import type { Db } from '../db/index.js';
import { stmt } from './statements.js';

export interface StoryRow {
  id: number;
  title: string;
  text: string;
  at: string;
  storyId: number | null;
  primaryCountries: string[];
}

const SELECT = `SELECT i.id, i.title, COALESCE(i.article_text, i.summary) AS text, i.sort_at AS at, i.story_id AS storyId,
    (SELECT json_group_array(code) FROM item_country_suggestions s WHERE s.item_id = i.id AND s.is_primary = 1) AS primaryCountries
  FROM items i`;

type RawStoryRow = Omit<StoryRow, 'primaryCountries'> & { primaryCountries: string };
const toRow = (r: RawStoryRow): StoryRow => ({ ...r, primaryCountries: JSON.parse(r.primaryCountries) as string[] });

export function getStoryRow(db: Db, itemId: number): StoryRow | null {
  const r = stmt(db, `${SELECT} WHERE i.id = ?`).get(itemId) as RawStoryRow | undefined;
  return r ? toRow(r) : null;
}

/** Items dated within `days` of `at`, excluding one, newest first. */
export function listStoryCandidates(db: Db, itemId: number, at: string, days: number, limit = 300): StoryRow[] {
  const from = new Date(Date.parse(at) - days * 86400_000).toISOString();
  const to = new Date(Date.parse(at) + days * 86400_000).toISOString();
  return (stmt(db, `${SELECT} WHERE i.sort_at BETWEEN ? AND ? AND i.id != ? ORDER BY i.sort_at DESC LIMIT ?`).all(from, to, itemId, limit) as RawStoryRow[]).map(toRow);
}

/** Puts both items in one story (the existing story of either, else the older item's id). */
export function joinStory(db: Db, itemId: number, otherId: number, storyId: number): void {
  stmt(db, 'UPDATE items SET story_id = ? WHERE id IN (?, ?)').run(storyId, itemId, otherId);
}

export interface StoryMember {
  id: number;
  title: string;
  status: string;
  sources: string[];
}

/** The other items of an item's story. */
export function listStoryMembers(db: Db, storyId: number, exceptId: number): StoryMember[] {
  const rows = stmt(
    db,
    `SELECT i.id, i.title, i.status, (SELECT json_group_array(f.name) FROM item_sources s JOIN feeds f ON f.id = s.feed_id WHERE s.item_id = i.id) AS sources
     FROM items i WHERE i.story_id = ? AND i.id != ? ORDER BY i.sort_at`,
  ).all(storyId, exceptId) as { id: number; title: string; status: string; sources: string }[];
  return rows.map((r) => ({ ...r, sources: JSON.parse(r.sources) as string[] }));
}
