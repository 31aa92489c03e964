/**
 * OPML 2.0 subscription list: the whole feed and every country feed (RSS URLs, with their HTML pages), so a reader
 * can import them all at once.
 *
 * @example
 * buildOpml(site, source.listCountries())
 */
import { feedUrl, pageUrl } from './feed-urls.js';
import { escapeXml, plainText } from './text.js';
import type { SiteInfo } from './types.js';

/** Render the OPML document. Countries are listed in the order given. */
export function buildOpml(site: SiteInfo, countries: { code: string; name: string; count?: number }[]): string {
  const siteTitle = plainText(site.title) || 'prayerwire';
  const outline = (text: string, xmlUrl: string, htmlUrl: string, indent: string): string =>
    `${indent}<outline type="rss" version="RSS2" text="${escapeXml(text)}" title="${escapeXml(text)}" xmlUrl="${escapeXml(xmlUrl)}" htmlUrl="${escapeXml(htmlUrl)}"/>`;
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<opml version="2.0">',
    '  <head>',
    `    <title>${escapeXml(siteTitle)}</title>`,
    `    <ownerName>${escapeXml(siteTitle)}</ownerName>`,
    '    <docs>http://opml.org/spec2.opml</docs>',
    '  </head>',
    '  <body>',
    outline(siteTitle, feedUrl(site, 'rss'), pageUrl(site), '    '),
  ];
  if (countries.length) {
    lines.push(`    <outline text="${escapeXml(`${siteTitle} by country`)}" title="${escapeXml(`${siteTitle} by country`)}">`);
    for (const c of countries) {
      lines.push(outline(`${siteTitle}: ${plainText(c.name)}`, feedUrl(site, 'rss', c.code), pageUrl(site, c.code), '      '));
    }
    lines.push('    </outline>');
  }
  lines.push('  </body>', '</opml>', '');
  return lines.join('\n');
}
