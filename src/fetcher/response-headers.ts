/** Reading the response headers the callers care about. Pure functions. */
import type { IncomingHttpHeaders } from 'node:http';

/** Headers as a flat record: lower-case names, repeated values joined with ", ". */
export function flattenHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}

/**
 * Retry-After as milliseconds from `now`: delta-seconds ("120") or an HTTP-date. Dates in the past give 0;
 * anything unreadable gives null.
 */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | null {
  if (value === undefined) return null;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  if (!/[a-z]/i.test(text)) return null;
  const at = Date.parse(text);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/** `max-age` of a Cache-Control header in seconds, or null. */
export function parseMaxAge(value: string | undefined): number | null {
  if (value === undefined) return null;
  const match = /(?:^|[,\s])max-age\s*=\s*"?(\d+)"?/i.exec(value);
  return match?.[1] === undefined ? null : Number(match[1]);
}
