/** Feed autodiscovery: `<link rel="alternate" type="application/rss+xml" href>` in an HTML page. */
import { decodeEntities } from '../text/entities.js';

const FEED_TYPES = new Set(['application/rss+xml', 'application/atom+xml', 'application/feed+json', 'application/json', 'application/rdf+xml', 'text/xml', 'application/xml']);
const LINK_TAG_RE = /<(link|base)\b([^>]*)>/gi;
const ATTR_RE = /([^\s=/>"']+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+)))?/g;

function attributes(raw: string): Map<string, string> {
  const attrs = new Map<string, string>();
  for (const m of raw.matchAll(ATTR_RE)) {
    const name = m[1]?.toLowerCase();
    if (name && !attrs.has(name)) attrs.set(name, decodeEntities(m[2] ?? m[3] ?? m[4] ?? ''));
  }
  return attrs;
}

/**
 * Feed URLs advertised by an HTML page, absolute (resolved against `<base href>` then `baseUrl`), in document
 * order, without duplicates. Only `rel` containing `alternate` with an RSS, Atom or JSON Feed type count
 * (`text/xml` and `application/xml` too, which some sites use for RSS).
 *
 * @example
 * discoverFeedLinks('<link rel="alternate" type="application/rss+xml" href="/feed">', 'https://ex.org/a')
 * // ['https://ex.org/feed']
 */
export function discoverFeedLinks(html: string, baseUrl: string): string[] {
  const head = html.length > 500_000 ? html.slice(0, 500_000) : html;
  let base = baseUrl;
  const found: string[] = [];
  for (const m of head.matchAll(LINK_TAG_RE)) {
    const attrs = attributes(m[2] ?? '');
    const href = attrs.get('href')?.trim();
    if (!href) continue;
    if (m[1]?.toLowerCase() === 'base') {
      try {
        base = new URL(href, baseUrl).href;
      } catch {
        // keep the page URL
      }
      continue;
    }
    const rels = (attrs.get('rel') ?? '').toLowerCase().split(/\s+/);
    const type = (attrs.get('type') ?? '').toLowerCase().split(';')[0]?.trim() ?? '';
    if (!rels.includes('alternate') || !FEED_TYPES.has(type)) continue;
    try {
      const url = new URL(href, base);
      if ((url.protocol === 'http:' || url.protocol === 'https:') && !found.includes(url.href)) found.push(url.href);
    } catch {
      // an unusable href is skipped
    }
  }
  return found;
}
