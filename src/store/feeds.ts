/** SQL for the `feeds` table: configuration sync, fetch state, health. */
import type { Db } from '../db/index.js';
import { inTransaction } from '../db/index.js';
import type { FeedConfig, FeedKind, ExtractPolicy, RepublishPolicy } from '../model/feed.js';
import { stmt } from './statements.js';

/** A feed as stored: its feeds.yml configuration plus the row's id and its fetch state and health. */
export interface StoredFeed extends FeedConfig {
  id: number;
  /** Where the feed is fetched from instead of `url` (a permanent redirect, or a feed discovered on an HTML page). */
  fetchUrl: string | null;
  /** False once the feed left feeds.yml (its row and items stay). */
  inConfig: boolean;
  title: string | null;
  siteUrl: string | null;
  etag: string | null;
  lastModified: string | null;
  hintSec: number | null;
  lastPolledAt: string | null;
  lastStatus: number | null;
  lastSuccessAt: string | null;
  lastErrorAt: string | null;
  lastErrorCode: string | null;
  lastError: string | null;
  errorCount: number;
  nextPollAt: string | null;
}

interface FeedRow {
  id: number;
  name: string;
  url: string;
  fetch_url: string | null;
  kind: FeedKind;
  countries: string;
  interval_sec: number;
  extract: ExtractPolicy;
  republish: RepublishPolicy;
  enabled: number;
  in_config: number;
  title: string | null;
  site_url: string | null;
  etag: string | null;
  last_modified: string | null;
  hint_sec: number | null;
  last_polled_at: string | null;
  last_status: number | null;
  last_success_at: string | null;
  last_error_at: string | null;
  last_error_code: string | null;
  last_error: string | null;
  error_count: number;
  next_poll_at: string | null;
}

function toFeed(r: FeedRow): StoredFeed {
  return {
    id: r.id,
    name: r.name,
    url: r.url,
    fetchUrl: r.fetch_url,
    kind: r.kind,
    countries: JSON.parse(r.countries) as string[],
    intervalSec: r.interval_sec,
    extract: r.extract,
    republish: r.republish,
    enabled: r.enabled === 1,
    inConfig: r.in_config === 1,
    title: r.title,
    siteUrl: r.site_url,
    etag: r.etag,
    lastModified: r.last_modified,
    hintSec: r.hint_sec,
    lastPolledAt: r.last_polled_at,
    lastStatus: r.last_status,
    lastSuccessAt: r.last_success_at,
    lastErrorAt: r.last_error_at,
    lastErrorCode: r.last_error_code,
    lastError: r.last_error,
    errorCount: r.error_count,
    nextPollAt: r.next_poll_at,
  };
}

export interface SyncResult {
  added: string[];
  changed: string[];
  removed: string[];
}

/**
 * Makes the feeds table match feeds.yml: new feeds are added, changed ones updated (a new URL forgets the old
 * fetch state, a shorter interval brings the next poll forward), a feed renamed with its URL unchanged keeps its
 * row, feeds gone from the file are disabled and marked out of config; their items stay.
 */
export function syncFeeds(db: Db, feeds: FeedConfig[]): SyncResult {
  return inTransaction(db, () => {
    const existing = new Map((db.prepare('SELECT * FROM feeds').all() as FeedRow[]).map((r) => [r.name, r]));
    const result: SyncResult = { added: [], changed: [], removed: [] };
    const configured = new Set(feeds.map((f) => f.name));
    for (const f of feeds) {
      let row = existing.get(f.name);
      if (!row) {
        // A configured feed whose name left the file while a new name appeared with its URL: a rename. The row keeps
        // its id, so its items, sources (re-polls stay de-duplicated) and fetch state stay with it.
        row = [...existing.values()].find((r) => r.in_config === 1 && r.url === f.url && !configured.has(r.name));
        if (row) {
          existing.delete(row.name);
          stmt(db, 'UPDATE feeds SET name = ? WHERE id = ?').run(f.name, row.id);
          row = { ...row, name: f.name, in_config: 0 }; // in_config 0: never "same", so the update below runs
        }
      }
      existing.delete(f.name);
      const countries = JSON.stringify(f.countries);
      if (!row) {
        stmt(
          db,
          `INSERT INTO feeds (name, url, kind, countries, interval_sec, extract, republish, enabled)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        ).run(f.name, f.url, f.kind, countries, f.intervalSec, f.extract, f.republish, f.enabled ? 1 : 0);
        result.added.push(f.name);
        continue;
      }
      const same =
        row.url === f.url && row.kind === f.kind && row.countries === countries && row.interval_sec === f.intervalSec &&
        row.extract === f.extract && row.republish === f.republish && row.enabled === (f.enabled ? 1 : 0) && row.in_config === 1;
      if (same) continue;
      if (row.url !== f.url) {
        stmt(
          db,
          `UPDATE feeds SET fetch_url = NULL, etag = NULL, last_modified = NULL, error_count = 0, next_poll_at = NULL WHERE id = ?`,
        ).run(row.id);
      }
      if (f.intervalSec < row.interval_sec) {
        // A shorter interval applies now, not after a poll already scheduled at the old one.
        stmt(
          db,
          `UPDATE feeds SET next_poll_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '+' || ? || ' seconds')
           WHERE id = ? AND next_poll_at > strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '+' || ? || ' seconds')`,
        ).run(f.intervalSec, row.id, f.intervalSec);
      }
      stmt(
        db,
        `UPDATE feeds SET url = ?, kind = ?, countries = ?, interval_sec = ?, extract = ?, republish = ?, enabled = ?,
           in_config = 1, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE id = ?`,
      ).run(f.url, f.kind, countries, f.intervalSec, f.extract, f.republish, f.enabled ? 1 : 0, row.id);
      result.changed.push(f.name);
    }
    for (const row of existing.values()) {
      if (row.in_config === 0) continue;
      stmt(db, `UPDATE feeds SET in_config = 0, enabled = 0, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE id = ?`).run(row.id);
      result.removed.push(row.name);
    }
    return result;
  });
}

export function listFeeds(db: Db, options: { includeRemoved?: boolean } = {}): StoredFeed[] {
  const sql = options.includeRemoved ? 'SELECT * FROM feeds ORDER BY name' : 'SELECT * FROM feeds WHERE in_config = 1 ORDER BY name';
  return (stmt(db, sql).all() as FeedRow[]).map(toFeed);
}

export function getFeed(db: Db, id: number): StoredFeed | null {
  const row = stmt(db, 'SELECT * FROM feeds WHERE id = ?').get(id) as FeedRow | undefined;
  return row ? toFeed(row) : null;
}

export function getFeedByName(db: Db, name: string): StoredFeed | null {
  const row = stmt(db, 'SELECT * FROM feeds WHERE name = ? COLLATE NOCASE').get(name) as FeedRow | undefined;
  return row ? toFeed(row) : null;
}

/** Enabled feeds whose next poll time has come (or was never set), most overdue first. */
export function listDueFeeds(db: Db, nowIso: string): StoredFeed[] {
  return (
    stmt(
      db,
      `SELECT * FROM feeds WHERE enabled = 1 AND in_config = 1 AND (next_poll_at IS NULL OR next_poll_at <= ?)
       ORDER BY next_poll_at IS NOT NULL, next_poll_at, id`,
    ).all(nowIso) as FeedRow[]
  ).map(toFeed);
}

/** The earliest next poll time among enabled feeds, or null when none is enabled. */
export function nextPollTime(db: Db): string | null {
  const row = stmt(db, 'SELECT MIN(COALESCE(next_poll_at, \'\')) AS t FROM feeds WHERE enabled = 1 AND in_config = 1').get() as {
    t: string | null;
  };
  return row.t ?? null;
}

export function setFeedEnabled(db: Db, id: number, enabled: boolean): void {
  stmt(db, `UPDATE feeds SET enabled = ?, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE id = ?`).run(enabled ? 1 : 0, id);
}

/** Marks a feed due now ("poll now"). */
export function markFeedDue(db: Db, id: number): void {
  stmt(db, 'UPDATE feeds SET next_poll_at = NULL WHERE id = ?').run(id);
}

export interface FeedSuccess {
  polledAt: string;
  status: number;
  etag: string | null;
  lastModified: string | null;
  fetchUrl: string | null;
  title: string | null;
  siteUrl: string | null;
  hintSec: number | null;
  nextPollAt: string;
}

export function recordFeedSuccess(db: Db, feedId: number, s: FeedSuccess): void {
  stmt(
    db,
    `UPDATE feeds SET last_polled_at = @polledAt, last_status = @status, last_success_at = @polledAt,
       etag = @etag, last_modified = @lastModified, fetch_url = COALESCE(@fetchUrl, fetch_url),
       title = COALESCE(@title, title), site_url = COALESCE(@siteUrl, site_url), hint_sec = @hintSec,
       error_count = 0, last_error = NULL, last_error_code = NULL, next_poll_at = @nextPollAt,
       updated_at = @polledAt
     WHERE id = @id`,
  ).run({ ...s, id: feedId });
}

/** A 304: the only write is the schedule (the feed's validators and content are unchanged). */
export function recordFeedNotModified(db: Db, feedId: number, polledAt: string, nextPollAt: string, hintSec: number | null): void {
  stmt(
    db,
    `UPDATE feeds SET last_polled_at = ?, last_status = 304, last_success_at = ?, error_count = 0, last_error = NULL,
       last_error_code = NULL, next_poll_at = ?, hint_sec = COALESCE(?, hint_sec) WHERE id = ?`,
  ).run(polledAt, polledAt, nextPollAt, hintSec, feedId);
}

/** Moves the next poll without touching the error streak (the host asked us to wait). */
export function deferFeed(db: Db, feedId: number, nextPollAt: string): void {
  stmt(db, 'UPDATE feeds SET next_poll_at = ? WHERE id = ?').run(nextPollAt, feedId);
}

export interface FeedFailure {
  polledAt: string;
  status: number | null;
  code: string;
  message: string;
  nextPollAt: string;
  fetchUrl?: string | null;
}

export function recordFeedFailure(db: Db, feedId: number, f: FeedFailure): void {
  stmt(
    db,
    `UPDATE feeds SET last_polled_at = @polledAt, last_status = @status, last_error_at = @polledAt,
       last_error_code = @code, last_error = @message, error_count = error_count + 1, next_poll_at = @nextPollAt,
       fetch_url = COALESCE(@fetchUrl, fetch_url), updated_at = @polledAt
     WHERE id = @id`,
  ).run({ ...f, fetchUrl: f.fetchUrl ?? null, id: feedId });
}

export interface FeedHealth extends StoredFeed {
  itemCount: number;
  extractedCount: number;
  extractionFailedCount: number;
}

/** Every configured feed with its item and extraction counts. */
export function listFeedHealth(db: Db): FeedHealth[] {
  const counts = new Map(
    (
      stmt(
        db,
        `SELECT s.feed_id AS feedId, COUNT(DISTINCT s.item_id) AS items,
           COUNT(DISTINCT CASE WHEN i.extraction_status = 'done' THEN i.id END) AS done,
           COUNT(DISTINCT CASE WHEN i.extraction_status = 'failed' THEN i.id END) AS failed
         FROM item_sources s JOIN items i ON i.id = s.item_id GROUP BY s.feed_id`,
      ).all() as { feedId: number; items: number; done: number; failed: number }[]
    ).map((r) => [r.feedId, r]),
  );
  return listFeeds(db).map((f) => {
    const c = counts.get(f.id);
    return { ...f, itemCount: c?.items ?? 0, extractedCount: c?.done ?? 0, extractionFailedCount: c?.failed ?? 0 };
  });
}
