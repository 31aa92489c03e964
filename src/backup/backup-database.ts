/**
 * Online backup of the live database. A plain `cp` of a WAL database misses acknowledged writes still in the
 * `-wal` file (and can catch the file half-written); SQLite's backup API copies what is committed, safely while the
 * server writes. The copy is written under a temporary name, checked, made a single self-contained file, and only
 * then given its name, so a file with the backup's name is always a complete, verified backup.
 *
 * @example
 * const report = await backupDatabase(db, './backups/before-upgrade.db');
 * // { file, bytes, migrations: ['0001_…', …], counts: { feeds: 9, items: 412, … } }
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { openDatabase, type Db } from '../db/index.js';
import { checkIntegrity, countContents, listAppliedMigrations, useRollbackJournal } from '../store/backup.js';
import { BackupError } from './errors.js';

/** What a database file holds, as checked. */
export interface DatabaseReport {
  file: string;
  bytes: number;
  /** Migration ids recorded in it, oldest first (empty: not a prayerwire database). */
  migrations: string[];
  /** Rows of feeds, items, published items, prayer notes and users. */
  counts: Record<string, number>;
}

export interface BackupOptions {
  /** Replace an existing file (default: refuse). */
  force?: boolean;
  /**
   * Pages copied per step (default: all at once). A step holds a read snapshot of the source; when another
   * connection writes between two steps the copy starts over, so a backup taken from a second connection (the CLI
   * beside a running server) copies everything in one step. Writes through the connection being backed up are
   * carried into the copy as they happen, so the server's own schedule can use small steps and keep serving.
   */
  pagesPerStep?: number;
  /** Check the copy with `quick_check` instead of the full `integrity_check`. */
  quickCheck?: boolean;
}

const ALL_PAGES = 0x7fffffff;

/** Removes a database file and its journals. */
export function removeDatabaseFiles(file: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${file}${suffix}`, { force: true });
}

/**
 * Opens a copy that nothing else uses, checks it and describes it, leaving it a single file (rollback journal).
 * Throws BackupError 'not_database' or 'corrupt'.
 */
export function inspectDatabaseCopy(file: string, options: { quickCheck?: boolean } = {}): DatabaseReport {
  let db: Db;
  try {
    db = openDatabase(file, { migrate: false, fileMustExist: true });
  } catch (err) {
    throw new BackupError('not_database', `${file} is not a SQLite database (${(err as Error).message}).`);
  }
  try {
    const problems = checkIntegrity(db, options.quickCheck);
    if (problems.length) {
      throw new BackupError('corrupt', `${file} failed the integrity check: ${problems.slice(0, 5).join('; ')}${problems.length > 5 ? ` (and ${problems.length - 5} more)` : ''}.`);
    }
    useRollbackJournal(db);
    return { file, bytes: 0, migrations: listAppliedMigrations(db) ?? [], counts: countContents(db) };
  } catch (err) {
    const code = (err as { code?: string }).code ?? '';
    if (code === 'SQLITE_NOTADB') throw new BackupError('not_database', `${file} is not a SQLite database.`);
    if (code.startsWith('SQLITE_CORRUPT')) throw new BackupError('corrupt', `${file} is damaged (${(err as Error).message}).`);
    throw err;
  } finally {
    db.close();
  }
}

/** Copies the database `db` is connected to into `file`, verified; see the module comment. */
export async function backupDatabase(db: Db, file: string, options: BackupOptions = {}): Promise<DatabaseReport> {
  if (resolve(file) === resolve(db.name)) throw new BackupError('exists', `${file} is the database itself; give the backup another name.`);
  if (existsSync(file) && !options.force) throw new BackupError('exists', `${file} already exists; choose another name or pass --force to replace it.`);
  mkdirSync(dirname(file), { recursive: true });
  const partial = `${file}.partial-${randomBytes(4).toString('hex')}`;
  const rate = Math.max(1, Math.min(ALL_PAGES, options.pagesPerStep ?? ALL_PAGES));
  try {
    await db.backup(partial, { progress: () => rate });
    const report = inspectDatabaseCopy(partial, options);
    // A stale -wal beside the target would be replayed into the new file when it is opened.
    removeDatabaseFiles(file);
    renameSync(partial, file);
    return { ...report, file, bytes: statSync(file).size };
  } finally {
    removeDatabaseFiles(partial);
  }
}

/** A one-line summary: `412 items (37 published), 9 feeds, 12 prayer notes, 2 users; schema 0005_items_finished`. */
export function describeReport(report: DatabaseReport): string {
  const c = report.counts;
  const parts = [
    `${c.items ?? 0} items (${c.published ?? 0} published)`,
    `${c.feeds ?? 0} feeds`,
    `${c.notes ?? 0} prayer notes`,
    `${c.users ?? 0} users`,
  ];
  return `${parts.join(', ')}; schema ${report.migrations.at(-1) ?? 'none'}`;
}
