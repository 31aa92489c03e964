/**
 * When to poll a feed next. Success: its interval, lengthened by the publisher's own hints (RSS ttl,
 * sy:updatePeriod, Cache-Control max-age) up to the cap. Failure: exponential backoff with jitter from the
 * interval, at least what Retry-After asked for, at most the cap.
 */
import type { Settings } from '../model/feed.js';

export interface ScheduleInput {
  intervalSec: number;
  settings: Pick<Settings, 'maxIntervalSec'>;
  now: number;
}

/** Longest of the publisher's hints in seconds, or null. */
export function hintSeconds(hints: { ttlMinutes?: number | null; updatePeriodMinutes?: number | null; maxAgeSec?: number | null }): number | null {
  const values = [
    hints.ttlMinutes ? hints.ttlMinutes * 60 : 0,
    hints.updatePeriodMinutes ? hints.updatePeriodMinutes * 60 : 0,
    hints.maxAgeSec ?? 0,
  ].filter((v) => v > 0);
  return values.length ? Math.round(Math.max(...values)) : null;
}

export function effectiveIntervalSec(intervalSec: number, hintSec: number | null, maxIntervalSec: number): number {
  const cap = Math.max(intervalSec, maxIntervalSec);
  return Math.min(Math.max(intervalSec, hintSec ?? 0), cap);
}

export function nextPollAfterSuccess(input: ScheduleInput & { hintSec: number | null }): string {
  const sec = effectiveIntervalSec(input.intervalSec, input.hintSec, input.settings.maxIntervalSec);
  return new Date(input.now + sec * 1000).toISOString();
}

/**
 * @param errorCount consecutive failures including this one (1 = first failure)
 * @param random source of jitter in [0, 1)
 */
export function nextPollAfterFailure(
  input: ScheduleInput & { errorCount: number; retryAfterMs: number | null; random?: () => number; maxErrors?: number },
): string {
  const cap = Math.max(input.intervalSec, input.settings.maxIntervalSec);
  // Past its error limit a feed is only tried at the cap (it may have come back), never dropped silently.
  const overLimit = input.maxErrors !== undefined && input.errorCount >= input.maxErrors;
  const exp = overLimit ? cap : Math.min(input.intervalSec * 2 ** Math.max(0, input.errorCount - 1), cap);
  const jitter = 0.8 + 0.4 * (input.random ?? Math.random)();
  let sec = Math.min(exp * jitter, cap);
  if (input.retryAfterMs) sec = Math.max(sec, Math.min(input.retryAfterMs / 1000, cap));
  return new Date(input.now + Math.round(sec * 1000)).toISOString();
}
