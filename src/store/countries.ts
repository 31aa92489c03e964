/** SQL for country tags (item_countries) and computed suggestions (item_country_suggestions). */
import type { Db } from '../db/index.js';
import type { CountryEvidence, StoredSuggestion } from '../model/country.js';
import { stmt } from './statements.js';

export type TagSource = 'suggested' | 'feed' | 'curator';

export interface ItemCountryTag {
  code: string;
  source: TagSource;
  addedBy: string;
  addedAt: string;
}

export type { StoredSuggestion };

/** Replaces an item's suggestions (they are recomputed from its text); accepted tags are untouched. */
export function saveSuggestions(db: Db, itemId: number, suggestions: StoredSuggestion[]): void {
  stmt(db, 'DELETE FROM item_country_suggestions WHERE item_id = ?').run(itemId);
  const insert = stmt(db, 'INSERT INTO item_country_suggestions (item_id, code, score, is_primary, source, evidence) VALUES (?, ?, ?, ?, ?, ?)');
  for (const s of suggestions) insert.run(itemId, s.code, s.score, s.primary ? 1 : 0, s.source, JSON.stringify(s.evidence));
}

export function listSuggestions(db: Db, itemId: number): StoredSuggestion[] {
  const rows = stmt(db, 'SELECT code, score, is_primary, source, evidence FROM item_country_suggestions WHERE item_id = ? ORDER BY is_primary DESC, score DESC, code').all(itemId) as {
    code: string;
    score: number;
    is_primary: number;
    source: 'suggested' | 'feed';
    evidence: string;
  }[];
  return rows.map((r) => ({ code: r.code, score: r.score, primary: r.is_primary === 1, source: r.source, evidence: JSON.parse(r.evidence) as CountryEvidence[] }));
}

export function listItemCountries(db: Db, itemId: number): ItemCountryTag[] {
  return stmt(db, 'SELECT code, source, added_by AS addedBy, added_at AS addedAt FROM item_countries WHERE item_id = ? ORDER BY added_at, code').all(itemId) as ItemCountryTag[];
}

/** Adds a tag; returns false when the item already had it. */
export function addItemCountry(db: Db, itemId: number, tag: ItemCountryTag): boolean {
  return stmt(db, 'INSERT OR IGNORE INTO item_countries (item_id, code, source, added_by, added_at) VALUES (?, ?, ?, ?, ?)').run(itemId, tag.code, tag.source, tag.addedBy, tag.addedAt).changes > 0;
}

export function removeItemCountry(db: Db, itemId: number, code: string): boolean {
  return stmt(db, 'DELETE FROM item_countries WHERE item_id = ? AND code = ?').run(itemId, code).changes > 0;
}

/** Countries configured on every feed that carried the item. */
export function feedCountriesOfItem(db: Db, itemId: number): string[] {
  const rows = stmt(db, 'SELECT f.countries FROM item_sources s JOIN feeds f ON f.id = s.feed_id WHERE s.item_id = ?').all(itemId) as { countries: string }[];
  return [...new Set(rows.flatMap((r) => JSON.parse(r.countries) as string[]))];
}

/** Accepted country codes for many items at once (any number of ids: they travel as one JSON parameter). */
export function countriesByItem(db: Db, itemIds: number[]): Map<number, string[]> {
  const out = new Map<number, string[]>();
  if (!itemIds.length) return out;
  const rows = stmt(db, 'SELECT item_id, code FROM item_countries WHERE item_id IN (SELECT value FROM json_each(?)) ORDER BY added_at, code')
    .all(JSON.stringify(itemIds)) as { item_id: number; code: string }[];
  for (const r of rows) out.set(r.item_id, [...(out.get(r.item_id) ?? []), r.code]);
  return out;
}

/** Suggestions for many items at once, ranked per item (any number of ids: one JSON parameter). */
export function suggestionsByItem(db: Db, itemIds: number[]): Map<number, StoredSuggestion[]> {
  const out = new Map<number, StoredSuggestion[]>();
  if (!itemIds.length) return out;
  const rows = stmt(
    db,
    `SELECT item_id, code, score, is_primary, source, evidence FROM item_country_suggestions WHERE item_id IN (SELECT value FROM json_each(?))
     ORDER BY item_id, is_primary DESC, score DESC, code`,
  ).all(JSON.stringify(itemIds)) as { item_id: number; code: string; score: number; is_primary: number; source: 'suggested' | 'feed'; evidence: string }[];
  for (const r of rows) {
    const list = out.get(r.item_id) ?? [];
    list.push({ code: r.code, score: r.score, primary: r.is_primary === 1, source: r.source, evidence: JSON.parse(r.evidence) as CountryEvidence[] });
    out.set(r.item_id, list);
  }
  return out;
}
