/**
 * Whether the database can be written right now, as the running server learns it: the poller, the extraction queue
 * and the web report storage errors here; the first one is logged once (with the file, the cause and what to do),
 * and writers pause with an exponential backoff (5 s doubling to 5 min by default) instead of retrying at once.
 * When the pause is over, one writer tries again (a probe); work that writes successfully reports `recovered()`,
 * which is logged once too. /health shows `status()` (the code, never the path).
 *
 * @example
 * const storage = createStorageHealth({ file: db.name, log });
 * if (storage.pausedFor() > 0) return; // wait
 * try { work(); storage.recovered(); } catch (err) { if (!storage.report(err)) throw err; }
 */
import type { Logger } from '../log/create-logger.js';
import { toStorageError, type StorageError, type StorageProblem } from './storage-errors.js';

/** What /health shows (public: no path, no message). */
export type StorageStatus =
  | { ok: true }
  | { ok: false; code: string; problem: StorageProblem; since: string; retryInSec: number };

export interface StorageHealth {
  /**
   * Records `err` when it is a storage error: pauses writers (longer each time the pause ran out and the problem is
   * still there), logs the first occurrence of each problem. Returns it as a StorageError; null (nothing recorded)
   * for any other error.
   */
  report(err: unknown): StorageError | null;
  /** Work that writes has just succeeded: clears a recorded problem (logged once). */
  recovered(): void;
  /** Ms writers should still wait before trying again; 0 when they may go. */
  pausedFor(): number;
  /** Is a storage problem unresolved (while paused, and while the probe after the pause runs)? */
  failing(): boolean;
  status(): StorageStatus;
}

export interface StorageHealthOptions {
  /** The database file, named in the log line. */
  file: string;
  log: Pick<Logger, 'error' | 'info'>;
  /** First pause, ms (default 5 000). */
  initialBackoffMs?: number;
  /** Longest pause, ms (default 300 000). */
  maxBackoffMs?: number;
  clock?: () => number;
}

export function createStorageHealth(options: StorageHealthOptions): StorageHealth {
  const initial = options.initialBackoffMs ?? 5_000;
  const max = options.maxBackoffMs ?? 300_000;
  const clock = options.clock ?? Date.now;
  let problem: { error: StorageError; since: number } | null = null;
  let backoffMs = initial;
  let pausedUntil = 0;

  return {
    report(err) {
      const error = toStorageError(err, options.file);
      if (!error) return null;
      const now = clock();
      if (!problem || problem.error.code !== error.code) {
        backoffMs = initial;
        problem = { error, since: now };
        options.log.error(
          { code: error.code },
          `${error.message} Polling and extraction are paused; prayerwire tries again in ${Math.round(initial / 1000)} s, then less often (up to every ${Math.round(max / 60_000)} min).`,
        );
      } else if (now >= pausedUntil) {
        // The pause ran out and the problem is still there: wait longer. (Failures of work that was already running
        // during the pause do not count.)
        backoffMs = Math.min(backoffMs * 2, max);
      }
      pausedUntil = Math.max(pausedUntil, now + backoffMs);
      return error;
    },
    recovered() {
      if (!problem) return;
      options.log.info(`The database ${options.file} can be written again (${problem.error.code} is over); polling and extraction resume.`);
      problem = null;
      backoffMs = initial;
      pausedUntil = 0;
    },
    pausedFor: () => Math.max(0, pausedUntil - clock()),
    failing: () => problem !== null,
    status() {
      if (!problem) return { ok: true };
      return {
        ok: false,
        code: problem.error.code,
        problem: problem.error.problem,
        since: new Date(problem.since).toISOString(),
        retryInSec: Math.ceil(Math.max(0, pausedUntil - clock()) / 1000),
      };
    },
  };
}
