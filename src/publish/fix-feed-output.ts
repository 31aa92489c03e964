/**
 * The one post-processing step over `feed` 6.0.0 output. It fixes the package's known traps:
 * - no custom namespaces: declares dc, content, atom (rel=self/hub) and media on the root element;
 * - items cannot carry arbitrary XML: each item gets a slot marker (an impossible string: it holds a C0 control
 *   character, which every input string had stripped) that is replaced here by XML we escaped ourselves;
 * - RSS `<author>` must be an email: a bare name becomes `<dc:creator>`;
 * - Atom `<category>` needs `term`: one without gets its label as term;
 * - JSON output says version 1 and uses 1.0's `author`: we publish https://jsonfeed.org/version/1.1 with `authors`,
 *   `language`, `hubs`, `feed_url` and the `_prayerwire` extension object per item.
 */
import type { FeedFormat } from './types.js';

const MARK = '\u0001';

/** Extra material the post-processing step splices in, by item index. */
export interface FeedExtras {
  /** Escaped XML to put inside the i-th `<item>`/`<entry>` (RSS/Atom). */
  xmlSlots: string[];
  /** `_prayerwire` object of the i-th item (JSON). */
  jsonExtensions: Record<string, unknown>[];
  selfUrl: string;
  hub: string | null;
  language: string;
}

/** An error from feed post-processing; `code` says what went wrong. */
export class FeedBuildError extends Error {
  constructor(readonly code: 'unfilled_slot' | 'bad_json', message: string) {
    super(message);
    this.name = 'FeedBuildError';
  }
}

/** The marker standing in for item `index`'s extra XML. */
export function slotMarker(index: number): string {
  return `${MARK}${index}${MARK}`;
}

const NAMESPACES: Record<'rss' | 'atom', Record<string, string>> = {
  rss: {
    'xmlns:dc': 'http://purl.org/dc/elements/1.1/',
    'xmlns:content': 'http://purl.org/rss/1.0/modules/content/',
    'xmlns:atom': 'http://www.w3.org/2005/Atom',
    'xmlns:media': 'http://search.yahoo.com/mrss/',
  },
  atom: { 'xmlns:media': 'http://search.yahoo.com/mrss/' },
};

/** Fix `feed`'s raw output for `format`; see the module comment for the list. */
export function fixFeedOutput(format: FeedFormat, raw: string, extras: FeedExtras): string {
  return format === 'json' ? fixJson(raw, extras) : fixXml(format, raw, extras);
}

function fixXml(format: 'rss' | 'atom', raw: string, extras: FeedExtras): string {
  const root = format === 'rss' ? 'rss' : 'feed';
  let out = raw.replace(new RegExp(`<${root}\\b([^>]*)>`), (_whole, attrs: string) => {
    let a = attrs;
    for (const [name, uri] of Object.entries(NAMESPACES[format])) if (!a.includes(`${name}=`)) a += ` ${name}="${uri}"`;
    return `<${root}${a}>`;
  });
  const slotElement = format === 'rss' ? 'prayerwire-slot' : 'rights';
  out = out.replace(new RegExp(`<${slotElement}>${MARK}(\\d+)${MARK}</${slotElement}>`, 'g'), (_w, i: string) => extras.xmlSlots[Number(i)] ?? '');
  if (format === 'rss') {
    out = out.replace(/<author>([^<]*)<\/author>/g, (whole, value: string) => (value.includes('@') ? whole : `<dc:creator>${value}</dc:creator>`));
  } else {
    out = out.replace(/<category\b(?![^>]*\bterm=)([^>]*?)\blabel="([^"]*)"([^>]*)\/>/g, '<category$1label="$2" term="$2"$3/>');
    out = out.replace(/<category\b(?![^>]*\bterm=)[^>]*\/>/g, '');
  }
  // Blank lines left where a slot had nothing to say.
  out = out.replace(/\n[ \t]*(?=\n)/g, '');
  if (out.includes(MARK)) throw new FeedBuildError('unfilled_slot', 'feed output still holds a slot marker');
  return out;
}

function fixJson(raw: string, extras: FeedExtras): string {
  let doc: Record<string, unknown>;
  try {
    doc = JSON.parse(raw) as Record<string, unknown>;
  } catch (err) {
    throw new FeedBuildError('bad_json', `feed produced invalid JSON: ${(err as Error).message}`);
  }
  const items = Array.isArray(doc.items) ? (doc.items as Record<string, unknown>[]) : [];
  const fixed: Record<string, unknown> = {
    version: 'https://jsonfeed.org/version/1.1',
    title: doc.title,
    home_page_url: doc.home_page_url,
    feed_url: extras.selfUrl,
    description: doc.description,
    language: extras.language,
  };
  if (doc.author) fixed.authors = [doc.author];
  if (extras.hub) fixed.hubs = [{ type: 'WebSub', url: extras.hub }];
  fixed.items = items.map((item, i) => {
    const { author, ...rest } = item;
    const out: Record<string, unknown> = { ...rest };
    if (author) out.authors = [author];
    if (!out.date_published && out.date_modified) out.date_published = out.date_modified;
    out._prayerwire = extras.jsonExtensions[i] ?? {};
    return out;
  });
  return JSON.stringify(fixed, null, 2);
}
