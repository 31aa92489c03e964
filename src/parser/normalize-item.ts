/**
 * One format-neutral item draft -> ParsedItem: URLs resolved and canonicalized, text folded, dates normalized,
 * content sanitized, identity and change hashes computed. Regular expressions and one sanitizer pass per item:
 * no DOM, so a 2,000-item feed stays fast.
 */
import { createHash } from 'node:crypto';
import { escapeHtml, sanitizeHtml } from '../sanitizer/sanitize-html.js';
import { canonicalizeUrl, parseUrl } from './canonicalize-url.js';
import { parseFeedDate } from './parse-date.js';
import { capText, firstWords, foldWhitespace, htmlToText, slicePrefix, truncateText } from './text.js';
import type { ParsedItem, TruncatedField } from './types.js';

export type TextKind = 'html' | 'text';

/** What each format adapter extracts from one item, before normalization. Raw strings, relative URLs allowed. */
export interface ItemDraft {
  guid: string | null;
  link: string | null;
  /** Absolute base URL for this item: xml:base of entry/feed resolved against the feed URL, else the feed URL. */
  base: string;
  /** Base for URLs inside the content, when the content element has its own xml:base. */
  contentBase?: string;
  title: string | null;
  summary: string | null;
  summaryKind: TextKind;
  content: string | null;
  contentKind: TextKind;
  author: string | null;
  published: string | null;
  updated: string | null;
  categories: string[];
  /** Image URL candidates, best first (enclosures, media:*, JSON image); the content's first <img> comes after. */
  images: string[];
}

/** Longest plain-text summary kept, in characters. */
export const SUMMARY_MAX_CHARS = 1000;

/**
 * The longest value stored for each text field of an item, in characters (UTF-16 units, never splitting a
 * surrogate pair). A feed can put anything in any field (one 9.5 MiB title made every inbox page 20-30 MB); these
 * caps are far above what a real item carries, so only junk is cut. Display fields end with "…" when cut; a cut is
 * recorded on the item (`truncated`) and logged once by ingest. The summary is an excerpt by design (always cut
 * at SUMMARY_MAX_CHARS at a word boundary) and is not recorded as a cut.
 *
 * | field | cap | when longer |
 * |---|---|---|
 * | title | 1,000 | cut, "…" |
 * | author | 300 | cut, "…" |
 * | summary | 1,000 | excerpt at a word boundary, "…" (from at most 200,000 characters of source) |
 * | contentHtml | 2,000,000 | source cut at a tag boundary before sanitizing, "…"; sanitized output re-cut if still longer |
 * | url, imageUrl | 2,048 | dropped (a cut URL points somewhere else) |
 * | guid | 2,048 | cut (the identity key is still the hash of the whole guid) |
 * | categories | 100 names of 200 | names cut, "…"; names past the 100th dropped |
 */
export const ITEM_FIELD_LIMITS = {
  title: 1_000,
  author: 300,
  summary: SUMMARY_MAX_CHARS,
  summarySource: 200_000,
  contentHtml: 2_000_000,
  url: 2_048,
  guid: 2_048,
  category: 200,
  categories: 100,
} as const;

/** Raw markup read for a short plain-text field, as a multiple of its cap: bounds the work on a hostile value. */
const RAW_FACTOR = 16;
/** Words taken from the summary for an item without a title. */
export const TITLE_FALLBACK_WORDS = 12;

const FIRST_IMG_RE = /<img\b[^>]*?\ssrc="([^"]+)"/i;
const AUTHOR_EMAIL_RE = /^\s*[^\s@()]+@[^\s@()]+\s*\(([^)]+)\)\s*$/;

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function toText(value: string | null, kind: TextKind): string {
  if (!value) return '';
  return kind === 'html' ? htmlToText(value) : foldWhitespace(value);
}

function textToHtml(text: string): string {
  return text
    .trim()
    .split(/\n\s*\n/)
    .map((p) => `<p>${escapeHtml(p.trim())}</p>`)
    .join('');
}

/** Records what was cut from one item while it is normalized. */
class Cuts {
  readonly list: TruncatedField[] = [];

  /** Plain text from markup, capped at `max` with an ellipsis. */
  text(field: string, raw: string, max: number): string {
    const window = max * RAW_FACTOR;
    const text = htmlToText(slicePrefix(raw, window));
    const capped = capText(text, max);
    if (capped !== text || raw.length > window) this.note(field, raw.length, max);
    return capped;
  }

  /** A URL, or null when it is longer than the cap. */
  url(field: string, url: string | null): string | null {
    if (!url || url.length <= ITEM_FIELD_LIMITS.url) return url;
    this.note(field, url.length, ITEM_FIELD_LIMITS.url);
    return null;
  }

  note(field: string, length: number, limit: number): void {
    this.list.push({ field, length, limit });
  }
}

function normalizeAuthor(raw: string | null, cuts: Cuts): string | null {
  if (!raw) return null;
  const named = AUTHOR_EMAIL_RE.exec(raw);
  return cuts.text('author', named?.[1] ?? raw, ITEM_FIELD_LIMITS.author) || null;
}

function httpUrl(raw: string, base: string): string | null {
  const url = parseUrl(raw, base);
  return url && (url.protocol === 'http:' || url.protocol === 'https:') ? url.href : null;
}

function normalizeCategories(raw: string[], cuts: Cuts): string[] {
  const out: string[] = [];
  for (const value of raw) {
    if (out.length === ITEM_FIELD_LIMITS.categories) {
      cuts.note('categories', raw.length, ITEM_FIELD_LIMITS.categories);
      break;
    }
    const text = cuts.text('category', value, ITEM_FIELD_LIMITS.category);
    if (text && !out.includes(text)) out.push(text);
  }
  return out;
}

/** Cut HTML to `max` characters at a tag boundary (never inside a tag or a surrogate pair), ending with "…". */
function cutHtml(html: string, max: number): string {
  let cut = slicePrefix(html, max - 1);
  const open = cut.lastIndexOf('<');
  if (open > cut.lastIndexOf('>')) cut = cut.slice(0, open);
  const amp = cut.lastIndexOf('&');
  if (amp > cut.lastIndexOf(';') && cut.length - amp < 12) cut = cut.slice(0, amp);
  return `${cut}…`;
}

/**
 * Sanitized content HTML within the cap: the source is cut before sanitizing (which bounds the sanitizer's work);
 * sanitizing can lengthen it (escapes, closing tags), so the output is cut again, with some room, until it fits.
 */
function capContentHtml(html: string, baseUrl: string, cuts: Cuts): string | null {
  const max = ITEM_FIELD_LIMITS.contentHtml;
  let source = html.length > max ? cutHtml(html, max) : html;
  let clean = sanitizeHtml(source, { baseUrl }).trim();
  for (let room: number = max; clean.length > max && room > 1024; room = Math.floor(room * 0.9)) {
    source = cutHtml(clean, room);
    clean = sanitizeHtml(source, { baseUrl }).trim();
  }
  if (html.length > max || clean.length > max) cuts.note('contentHtml', html.length, max);
  return clean.length > max ? null : clean || null;
}

/**
 * Identity chain, first that applies: `guid:<guid>`, `url:<canonical url>`, `text:<title>\n<summary>`,
 * hashed with sha256 (hex). The guid wins because it survives URL changes; the URL is next because it is stable
 * across edits of the text; the text is the last resort for feeds with neither.
 */
export function itemKey(guid: string | null, url: string | null, title: string, summary: string): string {
  if (guid) return sha256(`guid:${guid}`);
  if (url) return sha256(`url:${url}`);
  return sha256(`text:${title}\n${summary}`);
}

/** Normalize a draft. `nowMs` bounds dates: anything more than a day in the future becomes null. */
export function normalizeItem(draft: ItemDraft, nowMs: number): ParsedItem {
  const cuts = new Cuts();
  const fullGuid = draft.guid?.trim() || null;
  const fullUrl = canonicalizeUrl(draft.link, draft.base);
  const summaryRaw = draft.summary?.trim() ? [draft.summary, draft.summaryKind] as const : [draft.content, draft.contentKind] as const;
  const summarySource = toText(summaryRaw[0] && slicePrefix(summaryRaw[0], ITEM_FIELD_LIMITS.summarySource), summaryRaw[1]);
  const summary = truncateText(summarySource, SUMMARY_MAX_CHARS);
  const title = cuts.text('title', draft.title ?? '', ITEM_FIELD_LIMITS.title) || (summary ? firstWords(summary, TITLE_FALLBACK_WORDS) : '(untitled)');

  const [body, kind] = draft.content?.trim() ? [draft.content, draft.contentKind] : [draft.summary, draft.summaryKind];
  let contentHtml: string | null = null;
  if (body?.trim()) {
    // Plain text past the cap cannot fit as HTML either: cut it first, so textToHtml never sees megabytes.
    const html = kind === 'html' ? body : textToHtml(slicePrefix(body, ITEM_FIELD_LIMITS.contentHtml + 1));
    contentHtml = capContentHtml(html, draft.contentBase ?? draft.base, cuts);
  }

  let imageUrl: string | null = null;
  for (const candidate of draft.images) {
    imageUrl = httpUrl(candidate, draft.base);
    if (imageUrl) break;
  }
  if (!imageUrl && contentHtml) imageUrl = FIRST_IMG_RE.exec(contentHtml)?.[1]?.replace(/&amp;/g, '&') ?? null;

  const guid = fullGuid && fullGuid.length > ITEM_FIELD_LIMITS.guid ? slicePrefix(fullGuid, ITEM_FIELD_LIMITS.guid) : fullGuid;
  if (guid !== fullGuid) cuts.note('guid', fullGuid!.length, ITEM_FIELD_LIMITS.guid);
  const url = cuts.url('url', fullUrl);
  const item: ParsedItem = {
    // Identity from the whole guid and URL: a cap never makes two entries one.
    key: itemKey(fullGuid, fullUrl, title, summary),
    guid,
    url,
    title,
    summary,
    contentHtml,
    author: normalizeAuthor(draft.author, cuts),
    publishedAt: parseFeedDate(draft.published, nowMs) ?? parseFeedDate(draft.updated, nowMs),
    updatedAt: parseFeedDate(draft.updated, nowMs),
    categories: normalizeCategories(draft.categories, cuts),
    imageUrl: cuts.url('imageUrl', imageUrl),
    contentHash: sha256(`${title}\n${summary}\n${contentHtml ?? ''}`),
  };
  if (cuts.list.length) item.truncated = cuts.list;
  return item;
}
