/**
 * Small text helpers for output: plain text from untrusted strings, excerpts, safe URLs, dates. Pure functions, no I/O.
 */
import { sanitizeHtml } from '../sanitizer/sanitize-html.js';
import { decodeEntities } from '../text/entities.js';
import { stripControls } from '../text/xml-chars.js';

/**
 * Untrusted text (a title, a name) as plain text: markup and script bodies removed, entities decoded, controls and
 * extra whitespace gone. What remains is safe to escape into HTML or XML and never looks like a tag.
 */
export function plainText(text: string): string {
  let out = stripControls(text);
  for (let i = 0; i < 3 && /[<&]/.test(out); i++) {
    const next = decodeEntities(sanitizeHtml(out).replace(/<[^>]*>/g, ' '));
    if (next === out) break;
    out = next;
  }
  // Anything still shaped like a tag (e.g. from doubly escaped input) loses its angle bracket.
  out = out.replace(/<(?=[a-z!/?])/gi, '‹');
  return stripControls(out).replace(/\s+/g, ' ').trim();
}

/** The first `words` words of plain text, with an ellipsis when cut. */
export function excerptWords(text: string, words = 60): string {
  const all = stripControls(text).split(/\s+/).filter(Boolean);
  if (all.length <= words) return all.join(' ');
  return `${all.slice(0, words).join(' ')}…`;
}

/** The URL if it is absolute http(s), normalized; otherwise null (javascript:, data:, relative, garbage). */
export function safeUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(stripControls(url).trim());
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
  } catch {
    return null;
  }
}

/** Escape text for XML text or a double-quoted attribute. */
export function escapeXml(text: string): string {
  return stripControls(text).replace(/[&<>"']/g, (c) => XML_ESCAPES[c] ?? c);
}
const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

const HUMAN_DATE = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'UTC', hourCycle: 'h23',
});

/** A date for people: `25 Nov 2026, 14:05 UTC`. */
export function formatHumanDate(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : `${HUMAN_DATE.format(d)} UTC`;
}

/** Parse a stored ISO date; invalid input gives null rather than an Invalid Date that throws later in toISOString(). */
export function parseIsoDate(iso: string | null | undefined): Date | null {
  if (!iso) return null;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? null : d;
}

const IMAGE_TYPES: Record<string, string> = {
  jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', gif: 'image/gif', webp: 'image/webp', avif: 'image/avif', svg: 'image/svg+xml',
};

/** MIME type of an image guessed from its URL's extension; `image/jpeg` when there is none (the common case for news). */
export function guessImageType(url: string): string {
  const ext = /\.([a-z0-9]+)$/i.exec(new URL(url).pathname)?.[1]?.toLowerCase();
  return (ext && IMAGE_TYPES[ext]) || 'image/jpeg';
}
