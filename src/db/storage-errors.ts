/**
 * Storage errors: the database file or its disk cannot be written or read (full, read-only, an I/O error, a file that
 * cannot be opened, a damaged file). They are not bugs and not a feed's fault: nothing prayerwire retries at once can
 * help, and the person running it must act. Classified by better-sqlite3's `err.code` (the SQLite result code name,
 * extended codes included: SQLITE_READONLY_DBMOVED, SQLITE_IOERR_WRITE, ...).
 *
 * @example
 * try { writeSomething(db); } catch (err) {
 *   const storage = toStorageError(err, db.name);
 *   if (storage) log.error(storage.message); // "The disk holding the database /x/prayerwire.db is full (SQLITE_FULL): ..."
 *   else throw err;
 * }
 */

/** What kind of storage trouble: the public face of the problem (/health shows it, with the SQLite code). */
export type StorageProblem = 'full' | 'read_only' | 'io' | 'cannot_open' | 'damaged';

const PROBLEM_BY_CODE: ReadonlyArray<[RegExp, StorageProblem]> = [
  [/^SQLITE_FULL$/, 'full'],
  [/^SQLITE_READONLY(_\w+)?$/, 'read_only'],
  [/^SQLITE_IOERR(_\w+)?$/, 'io'],
  [/^SQLITE_CANTOPEN(_\w+)?$/, 'cannot_open'],
  [/^SQLITE_(CORRUPT(_\w+)?|NOTADB)$/, 'damaged'],
];

/** The file system's refusals, before SQLite is asked (creating the database's folder): only where a path is made. */
const PROBLEM_BY_ERRNO: ReadonlyArray<[RegExp, StorageProblem]> = [
  [/^(ENOSPC|EDQUOT)$/, 'full'],
  [/^(EROFS|EACCES|EPERM)$/, 'read_only'],
  [/^EIO$/, 'io'],
  [/^(ENOTDIR|EEXIST|EISDIR)$/, 'cannot_open'],
];

/**
 * The storage problem behind an SQLite error's code, or null when the error is something else (a constraint, a bug).
 * With `fileSystem`, also the errno codes of creating the database's folder (EACCES, ENOSPC, EROFS, ...).
 */
export function storageProblemOf(err: unknown, options: { fileSystem?: boolean } = {}): StorageProblem | null {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return null;
  const table = options.fileSystem ? [...PROBLEM_BY_CODE, ...PROBLEM_BY_ERRNO] : PROBLEM_BY_CODE;
  return table.find(([pattern]) => pattern.test(code))?.[1] ?? null;
}

/** Is this a storage error (see the module comment)? */
export function isStorageError(err: unknown): boolean {
  return err instanceof StorageError || storageProblemOf(err) !== null;
}

const UNTIL_THEN = 'prayerwire cannot save anything until then';

/** One sentence for the person running prayerwire: the file, the cause, what to do. */
export function describeStorageProblem(problem: StorageProblem, code: string, file: string): string {
  switch (problem) {
    case 'full':
      return `The disk holding the database ${file} is full (${code}): free some space on it (old backups, logs); ${UNTIL_THEN}.`;
    case 'read_only':
      return `The database ${file} is read-only (${code}): check the permissions of the file and its folder (the user running prayerwire must be able to write both) and that the disk is mounted read-write; ${UNTIL_THEN}.`;
    case 'io':
      return `The disk holding the database ${file} failed to read or write (${code}): check the disk (free space, system log); ${UNTIL_THEN}.`;
    case 'cannot_open':
      return `The database ${file} cannot be opened (${code}): check that its folder exists and that the user running prayerwire may create and write files there, and that the path names a file, not a folder.`;
    case 'damaged':
      return `The database ${file} is damaged or is not a prayerwire database (${code}): check --db / PRAYERWIRE_DB, or restore the latest backup (prayerwire restore).`;
  }
}

const PUBLIC_CAUSE: Record<StorageProblem, string> = {
  full: 'the disk holding its database is full',
  read_only: 'its database is read-only',
  io: 'the disk holding its database fails to read or write',
  cannot_open: 'its database cannot be opened',
  damaged: 'its database is damaged',
};

/**
 * The sentence for people using the web app (who may be anonymous: no path, no server detail), e.g. on a login or
 * an API write that could not be saved.
 */
export function describeStorageProblemPublicly(problem: StorageProblem, code: string): string {
  return `prayerwire cannot save anything right now: ${PUBLIC_CAUSE[problem]} (${code}). Reading still works. The server log tells the administrator what to do; try again later.`;
}

/** A storage failure, with the file named: its message is the sentence to show (CLI, log). */
export class StorageError extends Error {
  constructor(
    /** The SQLite result code name (SQLITE_FULL, SQLITE_READONLY_DBMOVED, ...) or the file system's (EACCES, ...). */
    readonly code: string,
    readonly problem: StorageProblem,
    readonly file: string,
    options?: { cause?: unknown },
  ) {
    super(describeStorageProblem(problem, code, file), options);
    this.name = 'StorageError';
  }
}

/** `err` as a StorageError naming `file`, or null when it is not a storage error. */
export function toStorageError(err: unknown, file: string, options: { fileSystem?: boolean } = {}): StorageError | null {
  if (err instanceof StorageError) return err;
  const problem = storageProblemOf(err, options);
  return problem ? new StorageError((err as { code: string }).code, problem, file, { cause: err }) : null;
}
