/**
 * Cheap questions the health check and the metrics ask the open database: can this connection write, and how big
 * is the file. Both cost microseconds and leave nothing behind.
 */
import type { Db } from './open-database.js';

export type WriteProbe =
  | { ok: true; busy: boolean }
  | { ok: false; code: 'read_only' | 'io_error' | 'full' | 'error'; message: string };

/**
 * Takes the write lock and writes the header's user_version back unchanged, then rolls back: fails on a read-only
 * file, file system or connection (`PRAGMA query_only`), without growing the file or the WAL. Another process
 * holding the write lock longer than `busyTimeoutMs` is reported as `busy` (the database is being written).
 */
export function probeWritable(db: Db, busyTimeoutMs = 250): WriteProbe {
  // The connection is synchronous: inside a transaction means this very call stack is writing.
  if (db.inTransaction) return { ok: true, busy: false };
  const previous = db.pragma('busy_timeout', { simple: true }) as number;
  db.pragma(`busy_timeout = ${Math.max(0, Math.floor(busyTimeoutMs))}`);
  try {
    const version = db.pragma('user_version', { simple: true }) as number;
    db.exec('BEGIN IMMEDIATE');
    try {
      db.pragma(`user_version = ${version}`);
    } finally {
      db.exec('ROLLBACK');
    }
    return { ok: true, busy: false };
  } catch (err) {
    const code = (err as { code?: string }).code ?? '';
    if (code.startsWith('SQLITE_BUSY')) return { ok: true, busy: true };
    const message = (err as Error).message;
    if (code.startsWith('SQLITE_READONLY')) return { ok: false, code: 'read_only', message };
    if (code.startsWith('SQLITE_FULL')) return { ok: false, code: 'full', message };
    if (code.startsWith('SQLITE_IOERR') || code.startsWith('SQLITE_CANTOPEN')) return { ok: false, code: 'io_error', message };
    return { ok: false, code: 'error', message };
  } finally {
    db.pragma(`busy_timeout = ${previous}`);
  }
}

/** The database's size in bytes: pages times page size (the WAL not included). */
export function databaseSizeBytes(db: Db): number {
  return (db.pragma('page_count', { simple: true }) as number) * (db.pragma('page_size', { simple: true }) as number);
}
