/**
 * Opens the one SQLite file: WAL, foreign keys, a busy timeout, then applies the migrations.
 *
 * @example
 * const db = openDatabase('./data/prayerwire.db');
 */
import Database from 'better-sqlite3';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { migrate, type MigrateOptions } from './migrate.js';

export type Db = Database.Database;

export interface OpenOptions {
  /** Apply pending migrations (default true). */
  migrate?: boolean;
  readonly?: boolean;
  /** Fail instead of creating a new empty database when the file is missing. */
  fileMustExist?: boolean;
  /** Options of the migration step (the pre-migration copy, where its notice goes). */
  migrations?: MigrateOptions;
}

export function openDatabase(file: string, options: OpenOptions = {}): Db {
  if (file !== ':memory:' && !options.fileMustExist) mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file, { readonly: options.readonly ?? false, fileMustExist: options.fileMustExist ?? false });
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.pragma('temp_store = MEMORY');
  db.pragma('cache_size = -32000');
  if (options.migrate !== false) migrate(db, undefined, options.migrations);
  return db;
}

/**
 * Runs `fn` in an IMMEDIATE transaction, so a writer waits on busy_timeout for the lock up front instead of
 * failing half-way through.
 */
export function inTransaction<T>(db: Db, fn: () => T): T {
  return db.transaction(fn).immediate();
}

/**
 * Does another connection (a running server, a poll) have this database open? A fresh connection asks for an
 * exclusive lock without waiting: every connection to a WAL database keeps a shared lock on the file while it is
 * open, so the request fails as long as anyone else has it open, idle or not. False when the file does not exist.
 */
export function isDatabaseInUse(file: string): boolean {
  if (!existsSync(file)) return false;
  const probe = new Database(file, { fileMustExist: true, timeout: 0 });
  try {
    probe.pragma('locking_mode = EXCLUSIVE');
    probe.exec('BEGIN EXCLUSIVE');
    probe.exec('COMMIT');
    return false;
  } catch (err) {
    if ((err as { code?: string }).code?.startsWith('SQLITE_BUSY')) return true;
    throw err;
  } finally {
    probe.close();
  }
}
