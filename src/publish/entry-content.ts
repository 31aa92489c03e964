/**
 * What a reader gets for one entry, as safe HTML and plain text: the prayer note first, then the article as its
 * republish policy allows (link, excerpt or full), or a retraction notice instead of both. Shared by the feeds and
 * the public pages so they say the same thing.
 */
import { escapeHtml, sanitizeHtml } from '../sanitizer/sanitize-html.js';
import { stripControls } from '../text/xml-chars.js';
import { excerptWords, formatHumanDate, plainText, safeUrl } from './text.js';
import type { CuratedEntry } from './types.js';

/** Words kept by the `excerpt` policy. */
export const EXCERPT_WORDS = 60;

/** The title readers see: plain text, "Retracted: " in front when retracted. */
export function displayTitle(entry: CuratedEntry): string {
  const title = plainText(entry.title) || 'Untitled';
  return entry.status === 'retracted' ? `Retracted: ${title}` : title;
}

/** The primary source's name as plain text, or null. */
export function primarySourceName(entry: CuratedEntry): string | null {
  const name = entry.sources[0] ? plainText(entry.sources[0].name) : '';
  return name || null;
}

/** Link to the original article, or null when the stored URL is not http(s). */
export function articleUrl(entry: CuratedEntry): string | null {
  return safeUrl(entry.url);
}

/** The retraction notice as plain text: when, and why if a reason was given. */
export function retractionText(entry: CuratedEntry): string {
  const when = entry.retractedAt ? ` on ${formatHumanDate(entry.retractedAt)}` : '';
  const reason = entry.retractionReason ? plainText(entry.retractionReason) : '';
  return `This item was retracted${when}.${reason ? ` Reason: ${reason}` : ''}`;
}

/** The prayer note as an HTML block: points as a list, the scripture, then the curator's note. Empty when there is none. */
export function prayerNoteHtml(entry: CuratedEntry): string {
  const { points, scripture, html } = entry.prayerNote;
  const parts: string[] = [];
  const items = points.map((p) => plainText(p)).filter(Boolean);
  if (items.length) parts.push(`<ul>${items.map((p) => `<li>${escapeHtml(p)}</li>`).join('')}</ul>`);
  const verse = scripture ? plainText(scripture) : '';
  if (verse) parts.push(`<blockquote><p>${escapeHtml(verse)}</p></blockquote>`);
  const note = html ? sanitizeHtml(stripControls(html)) : '';
  if (note.trim()) parts.push(`<div>${note}</div>`);
  if (!parts.length) return '';
  return `<div class="prayer-note"><p><strong>Pray</strong></p>${parts.join('')}</div>`;
}

/** The article part per the republish policy: a link, an excerpt with a "read the full article" link, or the full HTML. */
export function articleHtml(entry: CuratedEntry): string {
  const url = articleUrl(entry);
  const source = primarySourceName(entry);
  const readMore = url
    ? `<p><a href="${escapeHtml(url)}">${escapeHtml(source ? `Read the full article at ${source}` : 'Read the full article')}</a></p>`
    : '';
  if (entry.republish === 'link') {
    const title = plainText(entry.title) || 'Untitled';
    return url ? `<p><a href="${escapeHtml(url)}">${escapeHtml(title)}</a>${source ? ` (${escapeHtml(source)})` : ''}</p>` : '';
  }
  if (entry.republish === 'full' && entry.html) {
    const full = sanitizeHtml(stripControls(entry.html), { baseUrl: url });
    if (full.trim()) return `${full}${source && url ? `<p><a href="${escapeHtml(url)}">${escapeHtml(`Originally published by ${source}`)}</a></p>` : ''}`;
  }
  const excerpt = excerptWords(plainText(entry.text), EXCERPT_WORDS);
  return `${excerpt ? `<p>${escapeHtml(excerpt)}</p>` : ''}${readMore}`;
}

/** "Updated <date>" line for corrected entries, or ''. */
export function correctionHtml(entry: CuratedEntry): string {
  return entry.updatedAt ? `<p><em>Updated ${escapeHtml(formatHumanDate(entry.updatedAt))}</em></p>` : '';
}

/** The whole content of an entry for a feed: correction line, prayer note, article; or the retraction notice alone. */
export function entryContentHtml(entry: CuratedEntry): string {
  if (entry.status === 'retracted') return `<p><strong>${escapeHtml(retractionText(entry))}</strong></p>`;
  return `${correctionHtml(entry)}${prayerNoteHtml(entry)}${articleHtml(entry)}`;
}

/** A short plain-text summary: the retraction notice, or the start of the article, or the first prayer point. */
export function entrySummaryText(entry: CuratedEntry): string {
  if (entry.status === 'retracted') return retractionText(entry);
  if (entry.republish !== 'link') {
    const excerpt = excerptWords(plainText(entry.text), 30);
    if (excerpt) return excerpt;
  }
  return plainText(entry.prayerNote.points[0] ?? '');
}
