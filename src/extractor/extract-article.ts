/**
 * Page HTML -> clean Article. Pure and synchronous: no network, no scripts, no sub-resources.
 *
 * Pipeline: sniff (not_html) -> strip dead weight from the source -> parse (linkedom; jsdom as fallback) -> read
 * metadata -> note paywall markers -> resolve AMP and lazy images -> remove page furniture -> note the lead image ->
 * Readability -> remove boilerplate lines -> prayer points, text, counts -> put the lead image back if lost -> sanitize.
 */
import { Readability } from '@mozilla/readability';
import { sanitizeHtml } from '../sanitizer/sanitize-html.js';
import { removeBoilerplateBlocks, preCleanDocument } from './boilerplate.js';
import { parseWithJsdom, parseWithLinkedom, resolveUrl, type ParsedPage } from './dom.js';
import { resolveAmpImages, resolveLazyImages } from './lazy-images.js';
import { findLeadImage, keepLeadImage } from './lead-image.js';
import { cleanByline, cleanText, readMetadata } from './metadata.js';
import { hasPaywallMarkers } from './paywall.js';
import { stripDeadWeight } from './pre-strip.js';
import { findPrayerPoints } from './prayer-points.js';
import { countWords, elementToText, excerptOf, readingMinutes } from './text.js';
import type { Article, ExtractOptions, ExtractResult } from './types.js';

/** Fewer words than this after cleanup: nothing readable. */
export const MIN_WORDS = 40;
/** A page with paywall markers and fewer words than this is a paywall, not an article. */
const PAYWALL_MAX_WORDS = 250;
/** Readability gives up on pages with more elements than this (a pathological page). */
const MAX_ELEMENTS = 60_000;

/**
 * Extract the readable article from a page.
 *
 * @param html the page, decoded to a string
 * @param url the page's final URL: relative links, images and the canonical URL resolve against it
 * @example
 * const r = extractArticle(html, 'https://example.org/news/kim-putin');
 * if (r.ok) console.log(r.article.title, r.article.wordCount, r.article.prayerPoints);
 * else console.log(r.code, r.message); // 'not_readable' | 'paywall' | 'not_html' | ...
 */
export function extractArticle(html: string, url: string, options: ExtractOptions = {}): ExtractResult {
  if (!looksLikeHtml(html)) return { ok: false, code: 'not_html', message: `The page at ${url} is not HTML.` };
  const source = options.preStrip === false ? html : stripDeadWeight(html);
  const dom = options.dom ?? 'auto';
  if (dom === 'jsdom') return runGuarded(() => parseWithJsdom(source, url), url);
  const fast = runGuarded(() => parseWithLinkedom(source, url), url);
  if (dom === 'linkedom' || fast.ok || fast.code === 'paywall') return fast;
  // linkedom threw or found nothing: jsdom is slower but closer to a browser.
  const slow = runGuarded(() => parseWithJsdom(source, url), url);
  return slow.ok || slow.code !== 'crashed' ? slow : fast;
}

function runGuarded(parse: () => ParsedPage, url: string): ExtractResult {
  let page: ParsedPage | null = null;
  try {
    page = parse();
    return extractFromDocument(page.document, url);
  } catch (err) {
    return { ok: false, code: 'crashed', message: `Extraction failed on ${url}: ${(err as Error).message ?? String(err)}` };
  } finally {
    page?.close();
  }
}

/** The pipeline on a parsed, throwaway document (it is mutated). */
function extractFromDocument(document: Document, url: string): ExtractResult {
  const meta = readMetadata(document, url);
  const walled = hasPaywallMarkers(document, meta.notFree);
  resolveAmpImages(document);
  resolveLazyImages(document);
  preCleanDocument(document);
  const lead = findLeadImage(document, meta.imageUrl, url);

  const reader = new Readability(document, {
    maxElemsToParse: MAX_ELEMENTS,
    keepClasses: false,
    serializer: (el: Node) => el,
  });
  const parsed = reader.parse() as (Omit<NonNullable<ReturnType<Readability['parse']>>, 'content'> & { content: Element }) | null;
  const refuse = (why: string): ExtractResult =>
    walled
      ? { ok: false, code: 'paywall', message: `The page at ${url} is behind a subscribe/login wall (${why}).` }
      : { ok: false, code: 'not_readable', message: `No readable article at ${url} (${why}).` };
  if (!parsed?.content) return refuse('no article container found');

  const root = parsed.content;
  removeBoilerplateBlocks(root);
  const text = elementToText(root);
  const wordCount = countWords(text);
  if (wordCount < MIN_WORDS) return refuse(`${wordCount} words`);
  if (walled && wordCount < PAYWALL_MAX_WORDS) return refuse(`${wordCount} words visible`);

  const prayerPoints = findPrayerPoints(root);
  // After the text: a caption above the article must not become its excerpt.
  if (lead) keepLeadImage(root, lead, url);
  const articleHtml = sanitizeHtml(root.innerHTML, { baseUrl: url });
  const article: Article = {
    title: cleanText(parsed.title) ?? meta.title ?? '',
    html: articleHtml,
    text,
    excerpt: meta.description ?? excerptOf(text),
    byline: meta.byline ?? cleanByline(parsed.byline),
    publishedAt: meta.publishedAt,
    siteName: meta.siteName ?? cleanText(parsed.siteName),
    imageUrl: meta.imageUrl ?? firstImage(articleHtml, url),
    lang: meta.lang,
    wordCount,
    readingTimeMinutes: readingMinutes(wordCount),
    canonicalUrl: meta.canonicalUrl,
    prayerPoints,
  };
  return { ok: true, article };
}

/** HTML, not JSON / PDF / an image / plain text. */
function looksLikeHtml(html: string): boolean {
  const head = html.slice(0, 2048).replace(/^\uFEFF/, '').trimStart();
  if (!head || /^(?:%PDF|\{|\[|GIF8|\x89PNG|\xFF\xD8)/.test(head)) return false;
  return /<(?:!doctype\s+html|html|head|body|p|div|article|main|title|meta|h[1-6]|table|section|span|a|br)\b/i.test(html.slice(0, 65_536));
}

function firstImage(html: string, url: string): string | null {
  const m = /<img\b[^>]*\ssrc="([^"]+)"/i.exec(html);
  return m ? resolveUrl(m[1]!.replace(/&amp;/g, '&'), url) : null;
}
