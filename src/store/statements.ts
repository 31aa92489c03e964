/** Prepared statements cached per database connection, so hot paths prepare each SQL string once. */
import type { Db } from '../db/index.js';
import type { Statement } from 'better-sqlite3';

const cache = new WeakMap<Db, Map<string, Statement>>();

export function stmt(db: Db, sql: string): Statement {
  let perDb = cache.get(db);
  if (!perDb) cache.set(db, (perDb = new Map()));
  let s = perDb.get(sql);
  if (!s) perDb.set(sql, (s = db.prepare(sql)));
  return s;
}

/** UTC ISO 8601 with milliseconds, the one time format stored. */
export function isoNow(clock: () => number = Date.now): string {
  return new Date(clock()).toISOString();
}
