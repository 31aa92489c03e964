/** SQL for curation: status, prayer notes, publications, the audit log and the published-content version. */
import type { Db } from '../db/index.js';
import type { ItemStatus } from '../model/item.js';
import { stmt } from './statements.js';

export interface PrayerNote {
  points: string[];
  scripture: string | null;
  /** Markdown as the curator wrote it. */
  text: string | null;
}

export interface StoredPrayerNote extends PrayerNote {
  updatedBy: string;
  updatedAt: string;
}

export interface Publication {
  guid: string;
  publishedAt: string;
  publishedBy: string;
  correctedAt: string | null;
  retractedAt: string | null;
  retractionReason: string | null;
}

export interface AuditEntry {
  id: number;
  actor: string;
  action: string;
  before: unknown;
  after: unknown;
  at: string;
}

export function getItemStatus(db: Db, itemId: number): ItemStatus | null {
  const row = stmt(db, 'SELECT status FROM items WHERE id = ?').get(itemId) as { status: ItemStatus } | undefined;
  return row?.status ?? null;
}

export function setItemStatus(db: Db, itemId: number, status: ItemStatus, at: string): void {
  stmt(db, 'UPDATE items SET status = ?, updated_at = ? WHERE id = ?').run(status, at, itemId);
}

export function getPrayerNote(db: Db, itemId: number): StoredPrayerNote | null {
  const row = stmt(db, 'SELECT points, scripture, text, updated_by, updated_at FROM prayer_notes WHERE item_id = ?').get(itemId) as
    | { points: string; scripture: string | null; text: string | null; updated_by: string; updated_at: string }
    | undefined;
  return row ? { points: JSON.parse(row.points) as string[], scripture: row.scripture, text: row.text, updatedBy: row.updated_by, updatedAt: row.updated_at } : null;
}

export function savePrayerNote(db: Db, itemId: number, note: PrayerNote, by: string, at: string): void {
  stmt(
    db,
    `INSERT INTO prayer_notes (item_id, points, scripture, text, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (item_id) DO UPDATE SET points = excluded.points, scripture = excluded.scripture, text = excluded.text,
       updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
  ).run(itemId, JSON.stringify(note.points), note.scripture, note.text, by, at);
}

export function getPublication(db: Db, itemId: number): Publication | null {
  const row = stmt(db, 'SELECT guid, published_at, published_by, corrected_at, retracted_at, retraction_reason FROM publications WHERE item_id = ?').get(itemId) as
    | { guid: string; published_at: string; published_by: string; corrected_at: string | null; retracted_at: string | null; retraction_reason: string | null }
    | undefined;
  return row
    ? { guid: row.guid, publishedAt: row.published_at, publishedBy: row.published_by, correctedAt: row.corrected_at, retractedAt: row.retracted_at, retractionReason: row.retraction_reason }
    : null;
}

/** First publication creates the row (and its guid); publishing again after a retraction clears the retraction. */
export function savePublication(db: Db, itemId: number, p: { guid: string; publishedAt: string; publishedBy: string }): void {
  stmt(
    db,
    `INSERT INTO publications (item_id, guid, published_at, published_by) VALUES (?, ?, ?, ?)
     ON CONFLICT (item_id) DO UPDATE SET retracted_at = NULL, retraction_reason = NULL, corrected_at = ?`,
  ).run(itemId, p.guid, p.publishedAt, p.publishedBy, p.publishedAt);
}

export function markCorrected(db: Db, itemId: number, at: string): void {
  stmt(db, 'UPDATE publications SET corrected_at = ? WHERE item_id = ?').run(at, itemId);
}

export function markRetracted(db: Db, itemId: number, at: string, reason: string): void {
  stmt(db, 'UPDATE publications SET retracted_at = ?, retraction_reason = ? WHERE item_id = ?').run(at, reason, itemId);
}

export function deletePublication(db: Db, itemId: number): void {
  stmt(db, 'DELETE FROM publications WHERE item_id = ?').run(itemId);
}

export function appendAudit(db: Db, e: { itemId: number | null; actor: string; action: string; before?: unknown; after?: unknown; at: string }): void {
  stmt(db, 'INSERT INTO audit_log (item_id, actor, action, before, after, at) VALUES (?, ?, ?, ?, ?, ?)').run(
    e.itemId,
    e.actor,
    e.action,
    e.before === undefined ? null : JSON.stringify(e.before),
    e.after === undefined ? null : JSON.stringify(e.after),
    e.at,
  );
}

export function listAudit(db: Db, itemId: number): AuditEntry[] {
  const rows = stmt(db, 'SELECT id, actor, action, before, after, at FROM audit_log WHERE item_id = ? ORDER BY id DESC').all(itemId) as {
    id: number;
    actor: string;
    action: string;
    before: string | null;
    after: string | null;
    at: string;
  }[];
  return rows.map((r) => ({ ...r, before: r.before ? JSON.parse(r.before) : null, after: r.after ? JSON.parse(r.after) : null }));
}

export function bumpCuratedVersion(db: Db): void {
  stmt(db, 'UPDATE curated_version SET version = version + 1 WHERE id = 1').run();
}

/**
 * Changes whenever published content changes, including when an embargo passes. Counts only the embargoed
 * publications (still in the future, usually none), so it stays O(1) however much is published: it is read on
 * every feed request.
 */
export function curatedVersion(db: Db, nowIso: string): number {
  const row = stmt(
    db,
    `SELECT (SELECT version FROM curated_version WHERE id = 1) AS v,
       (SELECT COUNT(*) FROM publications WHERE published_at > ?) AS embargoed`,
  ).get(nowIso) as { v: number; embargoed: number };
  return row.v * 1_000_000 - row.embargoed;
}
