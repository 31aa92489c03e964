/** Counts over the feeds table that the metrics read at each scrape (the table holds hundreds of rows, not more). */
import type { Db } from '../db/index.js';
import { stmt } from './statements.js';

/** Enabled feeds whose next poll time has come (what listDueFeeds would return, counted). */
export function countDueFeeds(db: Db, nowIso: string): number {
  const row = stmt(db, 'SELECT COUNT(*) AS n FROM feeds WHERE enabled = 1 AND in_config = 1 AND (next_poll_at IS NULL OR next_poll_at <= ?)').get(nowIso) as { n: number };
  return row.n;
}
