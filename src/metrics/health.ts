/**
 * The health check behind /healthz: can the database be written, is the poller alive and getting through its
 * work, is there disk space where the database lives. O(1): a rolled-back write, a few timestamps and one statfs;
 * nothing is counted or scanned. The report is public, so it holds codes and numbers, never a path or a URL.
 *
 * @example
 * const check = createHealthCheck({ probeDatabase: () => probeWritable(db), poller: () => poller.status(), dataDir });
 * const report = await check(); // { status: 'ok', failing: [], checks: { database: {...}, poller: {...}, disk: {...} } }
 */
import { statfs } from 'node:fs/promises';

/** What the poller tells about itself (times in ms since the epoch). */
export interface PollerStatus {
  startedAt: number;
  /** When it last looked at the schedule (it does at least once a minute). */
  lastTickAt: number | null;
  /** When a feed poll last finished. */
  lastPollDoneAt: number | null;
  /** The earliest next poll time it saw at its last look; null when no feed is enabled. */
  nextDueAt: number | null;
  /** Feed polls running now. */
  polling: number;
}

export type DatabaseProbe = { ok: true; busy: boolean } | { ok: false; code: string };

export interface HealthCheck {
  ok: boolean;
  /** Why it failed, as a code. */
  code?: string;
  [detail: string]: unknown;
}

export interface HealthReport {
  status: 'ok' | 'fail';
  /** Names of the failing checks. */
  failing: string[];
  checks: Record<string, HealthCheck>;
}

export interface HealthLimits {
  /** The poller counts as stalled when it has not looked at its schedule for this long (default 3 min). */
  tickStallMs: number;
  /** …or when feeds have been due this long and no poll finished meanwhile (default 15 min). */
  passStallMs: number;
  /** Fail below this much free space for the database (default 100 MiB). */
  minFreeBytes: number;
}

export const DEFAULT_HEALTH_LIMITS: HealthLimits = { tickStallMs: 3 * 60_000, passStallMs: 15 * 60_000, minFreeBytes: 100 * 1024 * 1024 };

export interface HealthSources {
  probeDatabase: () => DatabaseProbe;
  /** The running poller's status; null when this process does not poll (`serve --no-poll`). */
  poller: (() => PollerStatus) | null;
  /** The directory the database file is in (for statfs; never reported); null for an in-memory database. */
  dataDir: string | null;
  clock?: () => number;
  limits?: Partial<HealthLimits>;
}

const ageSec = (now: number, at: number | null) => (at === null ? null : Math.max(0, Math.round((now - at) / 1000)));

/** Is the poller alive (it looks at its schedule) and getting through due feeds? */
export function judgePoller(status: PollerStatus, now: number, limits: Pick<HealthLimits, 'tickStallMs' | 'passStallMs'>): HealthCheck {
  const detail = {
    lastTickAgeSec: ageSec(now, status.lastTickAt),
    lastPollAgeSec: ageSec(now, status.lastPollDoneAt),
    polling: status.polling,
  };
  const lastLook = status.lastTickAt ?? status.startedAt;
  if (now - lastLook > limits.tickStallMs) return { ok: false, code: 'stalled', ...detail };
  const overdue = status.nextDueAt !== null && now - status.nextDueAt > limits.passStallMs;
  const lastDone = status.lastPollDoneAt ?? status.startedAt;
  if (overdue && now - lastDone > limits.passStallMs) return { ok: false, code: 'no_progress', ...detail };
  return { ok: true, ...detail };
}

async function checkDisk(dir: string | null, minFreeBytes: number): Promise<HealthCheck> {
  if (dir === null) return { ok: true, freeBytes: null };
  try {
    const fs = await statfs(dir);
    const freeBytes = fs.bavail * fs.bsize;
    return freeBytes < minFreeBytes ? { ok: false, code: 'low_space', freeBytes, minFreeBytes } : { ok: true, freeBytes };
  } catch (err) {
    return { ok: false, code: (err as NodeJS.ErrnoException).code?.toLowerCase() ?? 'statfs_failed' };
  }
}

function checkDatabase(probe: () => DatabaseProbe): HealthCheck {
  const started = performance.now();
  let result: DatabaseProbe;
  try {
    result = probe();
  } catch {
    result = { ok: false, code: 'error' };
  }
  const ms = Math.round((performance.now() - started) * 1000) / 1000;
  return result.ok ? { ok: true, writable: true, ...(result.busy ? { busy: true } : {}), ms } : { ok: false, code: result.code, writable: false, ms };
}

/** The /healthz check over these sources; each call runs every check afresh. */
export function createHealthCheck(sources: HealthSources): () => Promise<HealthReport> {
  const limits = { ...DEFAULT_HEALTH_LIMITS, ...sources.limits };
  const clock = sources.clock ?? Date.now;
  return async () => {
    const checks: Record<string, HealthCheck> = {
      database: checkDatabase(sources.probeDatabase),
      poller: sources.poller ? judgePoller(sources.poller(), clock(), limits) : { ok: true, running: false },
      disk: await checkDisk(sources.dataDir, limits.minFreeBytes),
    };
    const failing = Object.entries(checks).filter(([, c]) => !c.ok).map(([name]) => name);
    return { status: failing.length ? 'fail' : 'ok', failing, checks };
  };
}
