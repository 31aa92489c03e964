/**
 * Where every public document lives. One place, so feeds, OPML, pages, autodiscovery and WebSub pings agree.
 *
 * @example
 * feedUrl(site, 'rss')              // 'https://prayerwire.example/feed.xml'
 * feedUrl(site, 'atom', 'KP')       // 'https://prayerwire.example/countries/kp/feed.atom'
 */
import type { CuratedEntry, FeedFormat, SiteInfo } from './types.js';

/** File name of each format under `/` and `/countries/:code/`. */
export const FEED_FILES: Record<FeedFormat, string> = { rss: 'feed.xml', atom: 'feed.atom', json: 'feed.json' };

/** The site's base URL without a trailing slash. */
export function baseOf(site: SiteInfo): string {
  return site.baseUrl.replace(/\/+$/, '');
}

/** Path segment for a country: its ISO code in lower case. */
export function countrySlug(code: string): string {
  return code.toLowerCase();
}

/** Absolute URL of the whole feed, or of a country's feed when `countryCode` is given. */
export function feedUrl(site: SiteInfo, format: FeedFormat, countryCode?: string): string {
  const dir = countryCode ? `/countries/${encodeURIComponent(countrySlug(countryCode))}` : '';
  return `${baseOf(site)}${dir}/${FEED_FILES[format]}`;
}

/** Absolute URL of the HTML page for the whole site or for one country. */
export function pageUrl(site: SiteInfo, countryCode?: string): string {
  return countryCode ? `${baseOf(site)}/countries/${encodeURIComponent(countrySlug(countryCode))}` : `${baseOf(site)}/`;
}

/** Absolute URL of an item's public page. */
export function itemUrl(site: SiteInfo, itemId: number): string {
  return `${baseOf(site)}/items/${itemId}`;
}

/**
 * Every feed whose content changes when `entry` is published, corrected or retracted: the whole feed and each of its
 * countries' feeds, in all three formats. These are the WebSub topics to ping.
 */
export function feedUrlsForEntry(site: SiteInfo, entry: Pick<CuratedEntry, 'countries'>): string[] {
  const formats: FeedFormat[] = ['rss', 'atom', 'json'];
  const urls = formats.map((f) => feedUrl(site, f));
  const codes = [...new Set(entry.countries.map((c) => c.code.toUpperCase()))];
  for (const code of codes) for (const f of formats) urls.push(feedUrl(site, f, code));
  return urls;
}
