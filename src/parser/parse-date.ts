/**
 * Feed dates -> UTC ISO 8601. Handles RFC 822/1123 (named zones such as EST/PDT/CEST, military letters,
 * 2-digit years, missing seconds or weekday, full month names), RFC 3339 / ISO 8601 (a time without a zone is UTC,
 * a date alone is midnight UTC), and "YYYY-MM-DD HH:MM:SS" variants. Anything else is null.
 */

const MONTHS: Record<string, number> = {
  jan: 0, feb: 1, mar: 2, apr: 3, may: 4, jun: 5, jul: 6, aug: 7, sep: 8, sept: 8, oct: 9, nov: 10, dec: 11,
};

/** Offsets in minutes east of UTC for the zone abbreviations feeds actually use. */
const ZONES: Record<string, number> = {
  UT: 0, UTC: 0, GMT: 0, Z: 0, WET: 0, BST: 60, IST: 60, WEST: 60, CET: 60, MET: 60, CEST: 120, MEST: 120, EET: 120,
  EEST: 180, MSK: 180, MSD: 240, IRST: 210, GST: 240, PKT: 300, ICT: 420, WIB: 420, HKT: 480, SGT: 480, AWST: 480,
  PHT: 480, CST_CN: 480, JST: 540, KST: 540, ACST: 570, AEST: 600, AEDT: 660, NZST: 720, NZDT: 780,
  AST: -240, ADT: -180, EST: -300, EDT: -240, CST: -360, CDT: -300, MST: -420, MDT: -360, PST: -480, PDT: -420,
  AKST: -540, AKDT: -480, HST: -600, NST: -210, NDT: -150, BRT: -180, ART: -180,
};

/** RFC 822 military zones: A-I = +1..+9, K-M = +10..+12, N-Y = -1..-12, Z = 0. */
function militaryOffset(letter: string): number | null {
  const c = letter.charCodeAt(0);
  if (letter === 'Z') return 0;
  if (c >= 65 && c <= 73) return (c - 64) * 60;
  if (c >= 75 && c <= 77) return (c - 65) * 60;
  if (c >= 78 && c <= 89) return -(c - 77) * 60;
  return null;
}

function zoneOffset(zone: string | undefined): number | null {
  if (!zone) return 0;
  const numeric = /^(?:(?:GMT|UTC|UT)?([+-])(\d{1,2}):?(\d{2})?)$/i.exec(zone);
  if (numeric) {
    const minutes = Number(numeric[2]) * 60 + Number(numeric[3] ?? 0);
    return numeric[1] === '-' ? -minutes : minutes;
  }
  const upper = zone.toUpperCase();
  if (upper in ZONES) return ZONES[upper] ?? 0;
  if (upper.length === 1) return militaryOffset(upper);
  return null;
}

function fullYear(year: string): number {
  const n = Number(year);
  if (year.length > 2) return n;
  return n < 50 ? 2000 + n : 1900 + n; // RFC 2822 section 4.3
}

function build(y: number, mo: number, d: number, h: number, mi: number, s: number, ms: number, offset: number): number | null {
  if (mo < 0 || mo > 11 || d < 1 || d > 31 || h > 24 || mi > 59 || s > 60) return null;
  const t = Date.UTC(y, mo, d, h, mi, Math.min(s, 59), ms) - offset * 60_000;
  // Reject 31 February and the like (Date.UTC rolls them over).
  if (new Date(Date.UTC(y, mo, d)).getUTCDate() !== d) return null;
  return Number.isFinite(t) ? t : null;
}

const ISO_RE =
  /^(\d{4})-?(\d{2})-?(\d{2})(?:[T\s]+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?|[A-Za-z]{1,5})?)?$/;
const RFC822_RE =
  /^(?:[A-Za-z]+\.?,?\s*)?(\d{1,2})[\s-]+([A-Za-z]{3,9})\.?[\s-]+(\d{2,4}),?(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?\s*([A-Za-z]{1,5}(?:[+-]\d{1,4}(?::\d{2})?)?|[+-]\d{2}:?\d{2})?(?:\s*\([^)]*\))?)?$/;
// "Wed Sep 13 2023 10:00:00 GMT+0000" (JavaScript toString), "Sep 13, 2023 10:00 AM"
const MDY_RE =
  /^(?:[A-Za-z]+\.?,?\s+)?([A-Za-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})(?:,?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?\s*([A-Za-z]{1,5}(?:[+-]\d{2}:?\d{2})?|[+-]\d{2}:?\d{2})?(?:\s*\([^)]*\))?)?$/;

function monthIndex(name: string): number {
  return MONTHS[name.toLowerCase().slice(0, name.length >= 4 && name.toLowerCase().startsWith('sept') ? 4 : 3)] ?? -1;
}

/** Milliseconds since the epoch for a feed date string, or null. */
export function parseFeedDateMs(value: string | null | undefined): number | null {
  const text = value?.trim();
  if (!text || text.length > 80) return null;
  let m = ISO_RE.exec(text);
  if (m) {
    const offset = zoneOffset(m[8]);
    if (offset === null) return null;
    const ms = m[7] ? Number(m[7].slice(0, 3).padEnd(3, '0')) : 0;
    return build(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0), ms, offset);
  }
  m = RFC822_RE.exec(text);
  if (m) {
    const offset = zoneOffset(m[7]);
    if (offset === null) return null;
    return build(fullYear(m[3] ?? ''), monthIndex(m[2] ?? ''), Number(m[1]), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0), 0, offset);
  }
  m = MDY_RE.exec(text);
  if (m) {
    const offset = zoneOffset(m[8]);
    if (offset === null) return null;
    let hour = Number(m[4] ?? 0);
    const meridiem = m[7]?.toLowerCase();
    if (meridiem === 'pm' && hour < 12) hour += 12;
    if (meridiem === 'am' && hour === 12) hour = 0;
    return build(Number(m[3]), monthIndex(m[1] ?? ''), Number(m[2]), hour, Number(m[5] ?? 0), Number(m[6] ?? 0), 0, offset);
  }
  return null;
}

/** Earliest date accepted: the Unix epoch and "zero" dates (0001-01-01) are placeholders, not publication dates. */
const EARLIEST_MS = Date.UTC(1970, 0, 2);
const DAY_MS = 86_400_000;

/**
 * A feed date as UTC ISO 8601 (`2023-09-13T10:00:00.000Z`), or null when missing, unparseable, a placeholder
 * before 1970-01-02, or more than a day after `nowMs`.
 *
 * @example parseFeedDate('Wed, 13 Sep 23 10:00:00 EDT') // '2023-09-13T14:00:00.000Z'
 */
export function parseFeedDate(value: string | null | undefined, nowMs: number = Date.now()): string | null {
  const ms = parseFeedDateMs(value);
  if (ms === null || ms < EARLIEST_MS || ms > nowMs + DAY_MS) return null;
  return new Date(ms).toISOString();
}
