/** Cheap text helpers for titles and summaries: no DOM, regular expressions only (they run once per item). */
import { decodeEntities } from '../text/entities.js';
import { stripControls } from '../text/xml-chars.js';

const INVISIBLE_BLOCKS_RE = /<(script|style|noscript|template|iframe|object|svg|math)\b[\s\S]*?<\/\1\s*>/gi;
const COMMENT_RE = /<!--[\s\S]*?(?:-->|$)/g;
const CDATA_RE = /<!\[CDATA\[([\s\S]*?)(?:\]\]>|$)/g;
const TAG_RE = /<\/?[A-Za-z][^>]*>?/g;
const WS_RE = /[\s\u00a0\u2000-\u200b\u2028\u2029\u3000\ufeff]+/g;

/** Drop control characters (see text/xml-chars), collapse runs of whitespace (no-break and zero-width spaces too) to one space, trim. */
export function foldWhitespace(text: string): string {
  return stripControls(text).replace(WS_RE, ' ').trim();
}

/** True when the string looks like it carries markup or character references. */
export function hasMarkup(text: string): boolean {
  return text.includes('<') || text.includes('&');
}

/**
 * Turn an HTML fragment into folded plain text: scripts/styles and comments dropped, tags replaced by spaces,
 * entities decoded.
 */
export function htmlToText(html: string): string {
  if (!hasMarkup(html)) return foldWhitespace(html);
  const stripped = html
    .replace(COMMENT_RE, ' ')
    .replace(CDATA_RE, '$1')
    .replace(INVISIBLE_BLOCKS_RE, ' ')
    .replace(TAG_RE, (tag) => (/^<\/?(?:a|b|i|em|strong|span|abbr|cite|code|q|s|small|sub|sup|u|mark|time)\b/i.test(tag) ? '' : ' '));
  return foldWhitespace(decodeEntities(stripped));
}

/** The first `count` words of `text`, with an ellipsis when more followed. */
export function firstWords(text: string, count: number): string {
  const words = text.split(' ');
  return words.length <= count ? text : `${words.slice(0, count).join(' ')}…`;
}

/** The longest prefix of `text` of at most `max` UTF-16 units that does not end inside a surrogate pair. */
export function slicePrefix(text: string, max: number): string {
  if (text.length <= max) return text;
  const last = text.charCodeAt(max - 1);
  return text.slice(0, last >= 0xd800 && last <= 0xdbff ? max - 1 : max);
}

/** Cut plain text to at most `max` characters at a word boundary, adding an ellipsis. */
export function truncateText(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = slicePrefix(text, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** Cut text to at most `max` characters (ellipsis included) at a character boundary: a hard cap, not an excerpt. */
export function capText(text: string, max: number, ellipsis = true): string {
  if (text.length <= max) return text;
  return ellipsis ? `${slicePrefix(text, max - 1)}…` : slicePrefix(text, max);
}
