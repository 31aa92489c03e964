/**
 * `prayerwire backup FILE` and `prayerwire restore FILE`: a verified online copy of the database (safe while the
 * server runs), and putting one back (only while nothing has the database open).
 */
import { existsSync } from 'node:fs';
import { BackupError, backupDatabase, describeReport, restoreDatabase } from '../backup/index.js';
import { openDatabase } from '../db/index.js';
import { parseCommand, resolvePaths, UsageError, type Env } from './args.js';
import type { CommandIo } from './io.js';
import type { Commands } from './command.js';

export const backupUsage = `prayerwire backup FILE [--force] [--db FILE]
  Copies the database to FILE with SQLite's online backup (safe while the server runs; a plain cp of the
  database can miss recent writes), checks the copy and reports what it holds. Refuses an existing FILE
  unless --force.`;

export const restoreUsage = `prayerwire restore FILE [--db FILE]
  Checks FILE (sound, a prayerwire database, not from a newer version), moves the current database aside to
  <db>.before-restore-<time> and puts FILE in its place. Stop the server first: refused while it runs.`;

const MB = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

async function reportingBackupErrors(io: CommandIo, fn: () => Promise<number> | number): Promise<number> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof BackupError) return io.err(err.message), 1;
    throw err;
  }
}

function onePositional(positionals: string[], what: string): string {
  const [file, ...extra] = positionals;
  if (!file) throw new UsageError(`${what} needs a FILE`);
  if (extra.length) throw new UsageError(`unexpected arguments: ${extra.join(' ')}`);
  return file;
}

export async function backupCommand(argv: string[], env: Env, io: CommandIo): Promise<number> {
  const { values, positionals } = parseCommand(argv, { force: { type: 'boolean' } }, true);
  if (values.help) return io.out(backupUsage), 0;
  const file = onePositional(positionals, 'backup');
  const { db: dbFile } = resolvePaths(values, env);
  if (!existsSync(dbFile)) return io.err(`There is no database at ${dbFile}; pass --db FILE or set PRAYERWIRE_DB.`), 1;
  return reportingBackupErrors(io, async () => {
    const db = openDatabase(dbFile, { migrate: false, fileMustExist: true });
    try {
      const started = Date.now();
      const report = await backupDatabase(db, file, { force: values.force });
      io.out(`Backed up ${dbFile} to ${file} (${MB(report.bytes)}, ${((Date.now() - started) / 1000).toFixed(1)} s). Integrity check: ok.`);
      io.out(describeReport(report));
      return 0;
    } finally {
      db.close();
    }
  });
}

export async function restoreCommand(argv: string[], env: Env, io: CommandIo): Promise<number> {
  const { values, positionals } = parseCommand(argv, {}, true);
  if (values.help) return io.out(restoreUsage), 0;
  const file = onePositional(positionals, 'restore');
  const { db: dbFile } = resolvePaths(values, env);
  return reportingBackupErrors(io, () => {
    const { report, movedAside } = restoreDatabase(file, dbFile);
    io.out(`Restored ${file} to ${dbFile}. Integrity check: ok.`);
    io.out(describeReport(report));
    if (movedAside) io.out(`The database it replaced is now ${movedAside} (delete it once you are happy with the restore).`);
    return 0;
  });
}

/** The commands of this module, for the dispatcher (src/cli/index.ts). */
export const backupCommands: Commands = {
  backup: { run: backupCommand, usage: backupUsage },
  restore: { run: restoreCommand, usage: restoreUsage },
};
