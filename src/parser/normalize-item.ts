/**
 * One format-neutral item draft -> ParsedItem: URLs resolved and canonicalized, text folded, dates normalized,
 * content sanitized, identity and change hashes computed. Regular expressions and one sanitizer pass per item:
 * no DOM, so a 2,000-item feed stays fast.
 */
import { createHash } from 'node:crypto';
import { escapeHtml, sanitizeHtml } from '../sanitizer/sanitize-html.js';
import { canonicalizeUrl, parseUrl } from './canonicalize-url.js';
import { parseFeedDate } from './parse-date.js';
import { firstWords, foldWhitespace, htmlToText, truncateText } from './text.js';
import type { ParsedItem } from './types.js';

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

function normalizeAuthor(raw: string | null): string | null {
  if (!raw) return null;
  const named = AUTHOR_EMAIL_RE.exec(raw);
  const text = htmlToText(named?.[1] ?? raw);
  return text || null;
}

function httpUrl(raw: string, base: string): string | null {
  const url = parseUrl(raw, base);
  return url && (url.protocol === 'http:' || url.protocol === 'https:') ? url.href : null;
}

function normalizeCategories(raw: string[]): string[] {
  const out: string[] = [];
  for (const value of raw) {
    const text = htmlToText(value);
    if (text && !out.includes(text)) out.push(text);
  }
  return out;
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
  const guid = draft.guid?.trim() || null;
  const url = canonicalizeUrl(draft.link, draft.base);
  const summarySource = draft.summary?.trim() ? toText(draft.summary, draft.summaryKind) : toText(draft.content, draft.contentKind);
  const summary = truncateText(summarySource, SUMMARY_MAX_CHARS);
  const title = htmlToText(draft.title ?? '') || (summary ? firstWords(summary, TITLE_FALLBACK_WORDS) : '(untitled)');

  const [body, kind] = draft.content?.trim() ? [draft.content, draft.contentKind] : [draft.summary, draft.summaryKind];
  let contentHtml: string | null = null;
  if (body?.trim()) {
    const html = kind === 'html' ? body : textToHtml(body);
    contentHtml = sanitizeHtml(html, { baseUrl: draft.contentBase ?? draft.base }).trim() || null;
  }

  let imageUrl: string | null = null;
  for (const candidate of draft.images) {
    imageUrl = httpUrl(candidate, draft.base);
    if (imageUrl) break;
  }
  if (!imageUrl && contentHtml) imageUrl = FIRST_IMG_RE.exec(contentHtml)?.[1]?.replace(/&amp;/g, '&') ?? null;

  return {
    key: itemKey(guid, url, title, summary),
    guid,
    url,
    title,
    summary,
    contentHtml,
    author: normalizeAuthor(draft.author),
    publishedAt: parseFeedDate(draft.published, nowMs) ?? parseFeedDate(draft.updated, nowMs),
    updatedAt: parseFeedDate(draft.updated, nowMs),
    categories: normalizeCategories(draft.categories),
    imageUrl,
    contentHash: sha256(`${title}\n${summary}\n${contentHtml ?? ''}`),
  };
}
