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
import { toStorageError } from './storage-errors.js';

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

/**
 * Opens (creating it and its folder when missing) and migrates the database. A file or folder that cannot be
 * created, opened, read or written throws a StorageError naming the file and what to do.
 */
export function openDatabase(file: string, options: OpenOptions = {}): Db {
  let db: Db | null = null;
  try {
    if (file !== ':memory:' && !options.fileMustExist) mkdirSync(dirname(file), { recursive: true });
    db = new Database(file, { readonly: options.readonly ?? false, fileMustExist: options.fileMustExist ?? false });
    return setUp(db, options);
  } catch (err) {
    db?.close();
    throw toStorageError(err, file, { fileSystem: true }) ?? err;
  }
}

function setUp(db: Db, options: OpenOptions): Db {
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
 * Closes the database after folding the write-ahead log back into the file and emptying it
 * (`wal_checkpoint(TRUNCATE)`), so a stopped server leaves one self-contained file. A checkpoint that cannot run (a
 * full or read-only disk) does not stop the close: the log stays beside the file and SQLite replays it on the next open.
 * Returns the checkpoint's error, if any.
 */
export function closeDatabase(db: Db): Error | null {
  if (!db.open) return null;
  let failure: Error | null = null;
  try {
    if (!db.readonly && db.name !== ':memory:') db.pragma('wal_checkpoint(TRUNCATE)');
  } catch (err) {
    failure = err as Error;
  }
  db.close();
  return failure;
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
