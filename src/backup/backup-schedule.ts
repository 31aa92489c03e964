/**
 * Scheduled backups while the server runs (`settings.backup: { every: 1d, keep: 14, dir: ./data/backups }`):
 * `prayerwire-YYYYMMDDTHHMMSSZ.db` files, the newest `keep` kept. The next backup is due `every` after the newest
 * file in the directory, so a restart neither skips one nor takes an extra one. A failed backup is logged and tried
 * again after an hour (or `every`, when shorter).
 *
 * @example
 * const schedule = startBackupSchedule({ db: ctx.db, settings: ctx.config.settings, log: ctx.log });
 * // on shutdown, before closing the database:
 * await schedule.stop();
 */
import { readdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Db } from '../db/index.js';
import type { Logger } from '../log/create-logger.js';
import type { Settings } from '../model/feed.js';
import { backupDatabase, describeReport, type DatabaseReport } from './backup-database.js';
import { compactTimestamp } from './restore-database.js';

export interface BackupScheduleDeps {
  /** The server's connection: writes through it during a backup go into the copy too. */
  db: Db;
  settings: Pick<Settings, 'backup'>;
  log: Pick<Logger, 'info' | 'error'>;
  clock?: () => number;
}

export interface BackupSchedule {
  /** The directory backups go to; null when scheduled backups are off. */
  dir: string | null;
  /** Stops the timer; resolves once a backup in progress has finished (close the database after). */
  stop(): Promise<void>;
}

const NAME = /^prayerwire-(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z\.db$/;
/** setTimeout's longest delay is about 24.8 days; a longer wait is taken in several. */
const MAX_DELAY_MS = 2 ** 31 - 1;
const RETRY_SEC = 3600;
/** Small steps keep the server answering during a backup of a large database. */
const PAGES_PER_STEP = 1000;

export function backupFileName(ms: number): string {
  return `prayerwire-${compactTimestamp(ms)}.db`;
}

/** Scheduled backup files in `dir`, newest first, with their times. */
export function listScheduledBackups(dir: string): { name: string; at: number }[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names
    .flatMap((name) => {
      const m = NAME.exec(name);
      return m ? [{ name, at: Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!) }] : [];
    })
    .sort((a, b) => b.at - a.at);
}

/** Deletes scheduled backups beyond the newest `keep`; returns the names deleted. Other files are never touched. */
export function pruneScheduledBackups(dir: string, keep: number): string[] {
  const old = listScheduledBackups(dir).slice(keep).map((b) => b.name);
  for (const name of old) rmSync(join(dir, name), { force: true });
  return old;
}

export function startBackupSchedule(deps: BackupScheduleDeps): BackupSchedule {
  const conf = deps.settings.backup;
  if (!conf) return { dir: null, stop: () => Promise.resolve() };
  const { db, log } = deps;
  const clock = deps.clock ?? Date.now;
  const dir = resolve(conf.dir ?? join(dirname(db.name), 'backups'));
  const everyMs = conf.everySec * 1000;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let stopped = false;

  const wait = (ms: number) => {
    if (stopped) return;
    timer = setTimeout(tick, Math.max(0, Math.min(ms, MAX_DELAY_MS)));
    timer.unref();
  };

  async function backupNow(now: number): Promise<DatabaseReport> {
    const file = join(dir, backupFileName(now));
    const started = Date.now();
    const report = await backupDatabase(db, file, { pagesPerStep: PAGES_PER_STEP, quickCheck: true });
    const pruned = pruneScheduledBackups(dir, conf!.keep);
    log.info(
      { file, bytes: report.bytes, ms: Date.now() - started, pruned },
      `backup written to ${file}: ${describeReport(report)}${pruned.length ? `; removed ${pruned.length} older` : ''}`,
    );
    return report;
  }

  function tick() {
    timer = null;
    if (stopped) return;
    const now = clock();
    const newest = listScheduledBackups(dir)[0];
    const due = newest ? newest.at + everyMs : now;
    if (due > now) return wait(due - now);
    running = backupNow(now).then(
      () => wait(everyMs),
      (err: unknown) => {
        log.error({ err, dir }, `scheduled backup failed (${(err as Error).message}); trying again in ${Math.min(conf!.everySec, RETRY_SEC)} s`);
        wait(Math.min(everyMs, RETRY_SEC * 1000));
      },
    ).finally(() => {
      running = null;
    });
    return undefined;
  }

  wait(0);
  return {
    dir,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      await running;
    },
  };
}
