/** Whether a feed item needs its page extracted, given the feed's `extract` policy. */
import type { ExtractPolicy } from '../model/feed.js';

/** Feed content shorter than this many words is a teaser. */
export const TEASER_MAX_WORDS = 150;
const TRUNCATED_TAIL =
  /(?:\[\s*(?:…|\.\.\.|&hellip;|&#8230;|more|read more)\s*\]|(?:…|\.\.\.|&hellip;|&#8230;)\s*$|\b(?:read|see|view) (?:more|the (?:full|rest|whole)(?: (?:article|story|post))?)\b|\bcontinue reading\b|\bkeep reading\b|\bthe post .{1,200} appeared first on\b)/i;

/**
 * `auto`: extract when the feed's own content is a teaser (under ~150 words) or looks truncated ("Read more",
 * "[…]", a trailing "...", "Continue reading"). `always` / `never` do as they say.
 *
 * @example
 * shouldExtract({ summary: 'Putin visited Pyongyang […]', contentHtml: null }, 'auto') // true
 */
export function shouldExtract(item: { summary: string; contentHtml: string | null }, policy: ExtractPolicy): boolean {
  if (policy === 'always') return true;
  if (policy === 'never') return false;
  const best = item.contentHtml && item.contentHtml.trim() ? item.contentHtml : item.summary;
  const text = htmlToFlatText(best ?? '');
  const words = text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
  if (words < TEASER_MAX_WORDS) return true;
  return TRUNCATED_TAIL.test(text.slice(-300));
}

function htmlToFlatText(html: string): string {
  return html
    .replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&nbsp;|&#160;/gi, ' ')
    .replace(/&hellip;|&#8230;/gi, '…')
    .replace(/&amp;/gi, '&')
    .replace(/\s+/g, ' ')
    .trim();
}
