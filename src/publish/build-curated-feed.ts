/**
 * Published entries -> RSS 2.0, Atom 1.0 or JSON Feed 1.1, with the `feed` package doing the serializing and one
 * post-processing step of ours (`fixFeedOutput`) fixing what it gets wrong.
 *
 * @example
 * const xml = buildCuratedFeed(source.listEntries({ limit: 50 }), {
 *   format: 'rss', site, selfUrl: 'https://prayerwire.example/feed.xml',
 * });
 */
import { Feed, type Item } from 'feed';
import { escapeHtml } from '../sanitizer/sanitize-html.js';
import {
  articleUrl, displayTitle, entryContentHtml, entrySummaryText, primarySourceName,
} from './entry-content.js';
import { baseOf, itemUrl, pageUrl } from './feed-urls.js';
import { fixFeedOutput, type FeedExtras, type XmlElement } from './fix-feed-output.js';
import { guessImageType, parseIsoDate, plainText, safeUrl } from './text.js';
import type { CuratedEntry, FeedFormat, SiteInfo } from './types.js';

/** The taxonomy our country categories come from: ISO 3166-1 alpha-2. */
export const COUNTRY_SCHEME = 'urn:iso:std:iso:3166:-1';

export interface BuildFeedOptions {
  format: FeedFormat;
  site: SiteInfo;
  /** Set for a per-country feed. */
  country?: { code: string; name: string };
  /** Canonical URL of this feed (rel="self", WebSub topic). */
  selfUrl: string;
}

/** When an entry last changed: the latest of publishedAt, updatedAt and retractedAt (a retraction is a change). */
export function entryUpdatedAt(entry: CuratedEntry): Date {
  const dates = [entry.publishedAt, entry.updatedAt, entry.retractedAt].map(parseIsoDate).filter((d): d is Date => d !== null);
  return dates.length ? new Date(Math.max(...dates.map((d) => d.getTime()))) : new Date(0);
}

/** The newest change among entries, or null for none. */
export function newestUpdate(entries: CuratedEntry[]): Date | null {
  let newest: number | null = null;
  for (const e of entries) {
    const t = entryUpdatedAt(e).getTime();
    if (newest === null || t > newest) newest = t;
  }
  return newest === null ? null : new Date(newest);
}

/** Render a curated feed. Output is deterministic for the same entries and options. */
export function buildCuratedFeed(entries: CuratedEntry[], options: BuildFeedOptions): string {
  const { format, site, country, selfUrl } = options;
  const home = pageUrl(site, country?.code);
  const siteTitle = plainText(site.title) || 'prayerwire';
  const feed = new Feed({
    id: home,
    title: country ? `${siteTitle}: ${plainText(country.name)}` : siteTitle,
    description: plainText(site.description),
    link: home,
    language: site.language,
    updated: newestUpdate(entries) ?? new Date(0),
    generator: 'prayerwire',
    feed: selfUrl,
    feedLinks: format === 'json' ? { json: selfUrl } : {},
    ...(safeUrl(site.websubHub) ? { hub: safeUrl(site.websubHub)! } : {}),
    author: { name: siteTitle, link: `${baseOf(site)}/` },
  });
  const extras: FeedExtras = { itemElements: [], jsonExtensions: [], selfUrl, hub: safeUrl(site.websubHub), language: site.language };
  entries.forEach((entry) => {
    feed.addItem(toItem(entry, format, site));
    extras.itemElements.push(format === 'json' ? [] : xmlExtras(entry, format));
    extras.jsonExtensions.push(prayerwireExtension(entry, site));
  });
  const raw = format === 'rss' ? feed.rss2() : format === 'atom' ? feed.atom1() : feed.json1();
  return fixFeedOutput(format, raw, extras);
}

function toItem(entry: CuratedEntry, format: FeedFormat, site: SiteInfo): Item {
  const title = displayTitle(entry);
  const summary = entrySummaryText(entry);
  const image = entry.status === 'retracted' ? null : safeUrl(entry.imageUrl);
  const author = entry.author ? plainText(entry.author) : '';
  const published = parseIsoDate(entry.publishedAt) ?? new Date(0);
  const item: Item = {
    // Atom's title and summary are type="html": escape; RSS's title is plain text; JSON's summary is plain text.
    title: format === 'atom' ? escapeHtml(title) : title,
    id: entry.guid,
    guid: entry.guid,
    // A retracted entry points at our page with the notice, not at the story we withdrew.
    link: (entry.status === 'retracted' ? null : articleUrl(entry)) ?? itemUrl(site, entry.itemId),
    date: entryUpdatedAt(entry),
    published,
    description: format === 'json' ? summary : escapeHtml(summary),
    content: entryContentHtml(entry),
  };
  if (format === 'atom') {
    item.category = entry.countries.map((c) => ({ name: plainText(c.name), scheme: COUNTRY_SCHEME, term: c.code.toUpperCase() }));
    if (author) item.author = [{ name: author }];
  } else {
    item.category = entry.countries.map((c) => ({ name: plainText(c.name), domain: c.code.toUpperCase() }));
  }
  if (format === 'rss') {
    if (image) item.enclosure = { url: image, type: guessImageType(image), length: 0 };
  }
  if (format === 'json') {
    if (image) item.image = image;
    if (author) item.author = [{ name: author }];
  }
  return item;
}

/** Elements `feed` cannot write, as data for fixFeedOutput: dc:creator, source attribution, media:content. */
function xmlExtras(entry: CuratedEntry, format: 'rss' | 'atom'): XmlElement[] {
  const parts: XmlElement[] = [];
  const author = entry.author ? plainText(entry.author) : '';
  const image = entry.status === 'retracted' ? null : safeUrl(entry.imageUrl);
  const primary = entry.sources[0];
  const sourceName = primarySourceName(entry);
  const sourceFeed = safeUrl(primary?.feedUrl);
  const sourceSite = safeUrl(primary?.siteUrl);
  if (format === 'rss') {
    if (author) parts.push({ name: 'dc:creator', text: author });
    if (sourceName && sourceFeed) parts.push({ name: 'source', attributes: { url: sourceFeed }, text: sourceName });
  } else if (sourceName && (sourceFeed || sourceSite)) {
    const children: XmlElement[] = [{ name: 'id', text: sourceFeed ?? sourceSite! }, { name: 'title', text: sourceName }];
    if (sourceSite) children.push({ name: 'link', attributes: { rel: 'alternate', href: sourceSite } });
    if (sourceFeed) children.push({ name: 'link', attributes: { rel: 'self', href: sourceFeed } });
    parts.push({ name: 'source', children });
  }
  if (image) parts.push({ name: 'media:content', attributes: { url: image, type: guessImageType(image), medium: 'image' } });
  return parts;
}

/** The `_prayerwire` JSON Feed extension object of an entry. */
function prayerwireExtension(entry: CuratedEntry, site: SiteInfo): Record<string, unknown> {
  const ext: Record<string, unknown> = {
    about: `${baseOf(site)}/`,
    points: entry.prayerNote.points.map(plainText).filter(Boolean),
    scripture: entry.prayerNote.scripture ? plainText(entry.prayerNote.scripture) || null : null,
    countries: entry.countries.map((c) => c.code.toUpperCase()),
    status: entry.status,
    sources: entry.sources.map((s) => ({ name: plainText(s.name), siteUrl: safeUrl(s.siteUrl), feedUrl: safeUrl(s.feedUrl) })),
  };
  if (entry.updatedAt) ext.updatedAt = parseIsoDate(entry.updatedAt)?.toISOString() ?? null;
  if (entry.status === 'retracted') {
    ext.retractedAt = parseIsoDate(entry.retractedAt)?.toISOString() ?? null;
    ext.retractionReason = entry.retractionReason ? plainText(entry.retractionReason) : null;
  }
  return ext;
}
