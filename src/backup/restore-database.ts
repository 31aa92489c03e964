/**
 * Puts a backup in place of the database. The backup is copied beside the database first and checked there (a
 * SQLite file, sound, a prayerwire database whose migrations are a prefix of this version's), so a bad file never
 * replaces a good one; the current database (with its -wal and -shm) is moved aside to
 * `<db>.before-restore-<time>`, never deleted. Refused while another process has the database open: a server
 * writing on through its open connection would write into the file that was moved aside.
 *
 * @example
 * const { report, movedAside } = restoreDatabase('./backups/prayerwire-20250301T020000Z.db', './data/prayerwire.db');
 */
import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { isDatabaseInUse, listMigrations } from '../db/index.js';
import { inspectDatabaseCopy, removeDatabaseFiles, type DatabaseReport } from './backup-database.js';
import { BackupError } from './errors.js';

export interface RestoreOptions {
  clock?: () => number;
  /** The migration ids this version knows (default: migrations/*.sql). */
  knownMigrations?: string[];
}

export interface RestoreResult {
  report: DatabaseReport;
  /** Where the database that was replaced went; null when there was none. */
  movedAside: string | null;
}

/** `20250301T020000Z`: a UTC time that sorts as text and is safe in a file name. */
export function compactTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:]|\.\d+/g, '');
}

/** Throws unless the migrations of a file are a prefix of ours (an older schema is fine: it is migrated on open). */
export function checkSchema(file: string, migrations: string[], known: string[]): void {
  if (!migrations.length || migrations[0] !== known[0]) {
    throw new BackupError('not_prayerwire', `${file} is a SQLite database but not a prayerwire one (it has no prayerwire migrations).`);
  }
  const unknown = migrations.find((id) => !known.includes(id));
  if (unknown) {
    throw new BackupError(
      'newer_schema',
      `${file} was written by a newer prayerwire (it has migration ${unknown}, which this version does not know). ` +
        'Upgrade prayerwire first, then restore it.',
    );
  }
  if (migrations.some((id, i) => known[i] !== id)) {
    throw new BackupError('diverged', `${file} has migrations ${migrations.join(', ')}, which are not a prefix of ${known.join(', ')}.`);
  }
}

function refuseIfInUse(dbFile: string): void {
  if (isDatabaseInUse(dbFile)) {
    throw new BackupError('in_use', `${dbFile} is open in another process (a running server?). Stop it, then restore again.`);
  }
}

export function restoreDatabase(backupFile: string, dbFile: string, options: RestoreOptions = {}): RestoreResult {
  const clock = options.clock ?? Date.now;
  if (!existsSync(backupFile)) throw new BackupError('missing', `${backupFile} does not exist.`);
  if (resolve(backupFile) === resolve(dbFile)) throw new BackupError('exists', `${backupFile} is the database itself; there is nothing to restore.`);
  if (existsSync(`${backupFile}-wal`) && statSync(`${backupFile}-wal`).size > 0) {
    throw new BackupError(
      'wal_beside',
      `${backupFile}-wal exists: ${backupFile} is a database in use, or was copied with part of its data still in the -wal file. ` +
        'Make a backup with `prayerwire backup FILE` and restore that.',
    );
  }
  refuseIfInUse(dbFile);
  mkdirSync(dirname(dbFile), { recursive: true });
  const incoming = `${dbFile}.restoring-${randomBytes(4).toString('hex')}`;
  try {
    copyFileSync(backupFile, incoming);
    const report = inspectDatabaseCopy(incoming);
    checkSchema(backupFile, report.migrations, options.knownMigrations ?? listMigrations().map((m) => m.id));
    refuseIfInUse(dbFile);
    let movedAside: string | null = null;
    if (existsSync(dbFile)) {
      movedAside = `${dbFile}.before-restore-${compactTimestamp(clock())}`;
      for (const suffix of ['', '-wal', '-shm']) {
        if (existsSync(`${dbFile}${suffix}`)) renameSync(`${dbFile}${suffix}`, `${movedAside}${suffix}`);
      }
    }
    removeDatabaseFiles(dbFile);
    renameSync(incoming, dbFile);
    return { report: { ...report, file: backupFile, bytes: statSync(dbFile).size }, movedAside };
  } finally {
    removeDatabaseFiles(incoming);
  }
}
