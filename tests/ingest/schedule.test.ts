import { describe, expect, it } from 'vitest';
import { effectiveIntervalSec, hintSeconds, nextPollAfterFailure, nextPollAfterSuccess } from '../../src/ingest/schedule.js';

const now = Date.parse('2026-11-25T12:00:00Z');
const settings = { maxIntervalSec: 86400 };
const minutesFromNow = (iso: string) => (Date.parse(iso) - now) / 60000;

describe('schedule', () => {
  it('polls after the interval on success', () => {
    expect(minutesFromNow(nextPollAfterSuccess({ intervalSec: 1800, settings, now, hintSec: null }))).toBe(30);
  });

  it('lets ttl / updatePeriod / max-age lengthen the interval up to the cap, never shorten it', () => {
    expect(hintSeconds({ ttlMinutes: 60 })).toBe(3600);
    expect(hintSeconds({ ttlMinutes: 60, updatePeriodMinutes: 1440, maxAgeSec: 300 })).toBe(86400);
    expect(hintSeconds({})).toBeNull();
    expect(effectiveIntervalSec(1800, 3600, 86400)).toBe(3600);
    expect(effectiveIntervalSec(1800, 60, 86400)).toBe(1800);
    expect(effectiveIntervalSec(1800, 7 * 86400, 86400)).toBe(86400);
  });

  it('backs off exponentially with jitter after failures, capped', () => {
    const at = (errorCount: number, r: number) =>
      minutesFromNow(nextPollAfterFailure({ intervalSec: 1800, settings, now, errorCount, retryAfterMs: null, random: () => r }));
    expect(at(1, 0.5)).toBe(30);
    expect(at(2, 0.5)).toBe(60);
    expect(at(3, 0.5)).toBe(120);
    expect(at(3, 0)).toBe(96);
    expect(at(3, 0.999)).toBeCloseTo(144, 0);
    expect(at(20, 0.999)).toBe(1440);
  });

  it('tries a feed past its error limit only at the cap', () => {
    const next = nextPollAfterFailure({ intervalSec: 60, settings, now, errorCount: 10, maxErrors: 10, retryAfterMs: null, random: () => 0.999 });
    expect(minutesFromNow(next)).toBe(1440);
  });

  it('waits at least what Retry-After asks for', () => {
    const next = nextPollAfterFailure({ intervalSec: 60, settings, now, errorCount: 1, retryAfterMs: 3 * 3600_000, random: () => 0.5 });
    expect(minutesFromNow(next)).toBe(180);
  });
});
