/** SQL for what readers see: published and recently retracted items, with their notes, countries and sources. */
import type { Db } from '../db/index.js';
import { stmt } from './statements.js';

export interface PublishedRow {
  id: number;
  title: string;
  url: string | null;
  summary: string;
  article_text: string | null;
  article_html: string | null;
  content_html: string | null;
  image_url: string | null;
  author: string | null;
  byline: string | null;
  status: 'published' | 'retracted';
  guid: string;
  published_at: string;
  corrected_at: string | null;
  retracted_at: string | null;
  retraction_reason: string | null;
  points: string | null;
  scripture: string | null;
  note_text: string | null;
  countries: string;
  sources: string;
}

const SELECT = `SELECT i.id, i.title, i.url, i.summary, i.article_text, i.article_html, i.content_html, i.image_url, i.author, i.byline,
    i.status, p.guid, p.published_at, p.corrected_at, p.retracted_at, p.retraction_reason,
    n.points, n.scripture, n.text AS note_text,
    (SELECT json_group_array(code) FROM (SELECT code FROM item_countries c WHERE c.item_id = i.id ORDER BY added_at, code)) AS countries,
    (SELECT json_group_array(json_object('name', f.name, 'siteUrl', f.site_url, 'feedUrl', COALESCE(f.fetch_url, f.url), 'republish', f.republish))
       FROM (SELECT f.* FROM item_sources s JOIN feeds f ON f.id = s.feed_id WHERE s.item_id = i.id ORDER BY s.first_seen_at, f.name) f) AS sources
  FROM publications p JOIN items i ON i.id = p.item_id LEFT JOIN prayer_notes n ON n.item_id = i.id`;

/**
 * Published items visible now (embargo passed) and items retracted within the window, newest publication first.
 * With a country, only items tagged with it.
 */
export function listPublishedRows(db: Db, q: { country?: string; limit: number; nowIso: string; retractedSinceIso: string }): PublishedRow[] {
  const country = q.country ? 'AND EXISTS (SELECT 1 FROM item_countries c WHERE c.item_id = i.id AND c.code = @country)' : '';
  return stmt(
    db,
    `${SELECT} WHERE p.published_at <= @now AND (i.status = 'published' OR (i.status = 'retracted' AND p.retracted_at >= @retractedSince)) ${country}
     ORDER BY p.published_at DESC, i.id DESC LIMIT @limit`,
  ).all({ now: q.nowIso, retractedSince: q.retractedSinceIso, limit: q.limit, country: q.country?.toUpperCase() }) as PublishedRow[];
}

export function getPublishedRow(db: Db, itemId: number, nowIso: string): PublishedRow | null {
  return (
    (stmt(db, `${SELECT} WHERE i.id = @id AND p.published_at <= @now AND i.status IN ('published', 'retracted')`).get({ id: itemId, now: nowIso }) as
      | PublishedRow
      | undefined) ?? null
  );
}

/** Countries with at least one published item visible now, with counts. */
export function countPublishedByCountry(db: Db, nowIso: string): { code: string; count: number }[] {
  return stmt(
    db,
    `SELECT c.code, COUNT(*) AS count FROM item_countries c JOIN items i ON i.id = c.item_id JOIN publications p ON p.item_id = i.id
     WHERE i.status = 'published' AND p.published_at <= ? GROUP BY c.code ORDER BY count DESC, c.code`,
  ).all(nowIso) as { code: string; count: number }[];
}
