/**
 * RSS 0.9x/2.0, RDF (RSS 0.90 and 1.0) and Atom 0.3/1.0 through rss-parser's `parseString` (xml2js + sax, which
 * never fetches and never expands DTD entities). rss-parser decides the format from the root element; we then read
 * its raw xml2js objects ourselves, because its own mapping loses Atom xhtml content, category terms, xml:base,
 * guid isPermaLink, multiple enclosures and media:* elements, and throws on an unparseable Atom date.
 */
import Parser from 'rss-parser';
import { extractXhtmlFields, hasXhtmlConstructs, type XhtmlFields } from './atom-xhtml.js';
import { parseUrl } from './canonicalize-url.js';
import type { ItemDraft, TextKind } from './normalize-item.js';
import { attr, child, childText, children, textOf, type XmlNode, type XmlValue } from './raw-xml.js';

/** What the raw parser hands back: the channel/feed element and its item/entry elements. */
export interface RawXmlFeed {
  kind: 'rss' | 'atom';
  channel: XmlNode;
  items: XmlNode[];
}

/** Feed-level fields common to every format, before the items. */
export interface FeedHead {
  title: string | null;
  siteUrl: string | null;
  description: string | null;
  language: string | null;
  ttl: string | null;
  updatePeriod: string | null;
  updateFrequency: string | null;
}

class RawParser extends Parser {
  constructor() {
    // defaultRSS: an <rss> root without a version is read as RSS 2.0.
    super({ defaultRSS: 2, xml2js: { strict: true, async: false } });
  }
  buildAtomFeed(xmlObj: { feed: XmlNode }): RawXmlFeed {
    const feed = typeof xmlObj.feed === 'object' ? xmlObj.feed : {};
    return { kind: 'atom', channel: feed, items: children(feed, 'entry').filter(isNode) };
  }
  buildRSS(channel: XmlNode | string | undefined, items: XmlValue[] | undefined): RawXmlFeed {
    if (typeof channel !== 'object') throw new FeedShapeError('the feed has no <channel> element');
    return { kind: 'rss', channel, items: (items ?? []).filter(isNode) };
  }
  decorateItunes(): void {
    // not needed: podcast fields are not part of ParsedItem
  }
}

/** The document parsed, but it is not shaped like a feed (e.g. RSS without a channel). */
export class FeedShapeError extends Error {}

function isNode(value: XmlValue | undefined): value is XmlNode {
  return typeof value === 'object';
}

/**
 * Parse XML text into raw feed objects. Throws the XML error (sax's message with line and column) as is.
 * A new parser every time: after an error xml2js leaves its parser flagged so that the next document's errors are
 * swallowed silently (its reset runs while the failed sax parser is still writing).
 */
export async function parseRawXml(xml: string): Promise<RawXmlFeed> {
  try {
    return (await new RawParser().parseString(xml)) as unknown as RawXmlFeed;
  } catch (err) {
    if (err instanceof TypeError) throw new FeedShapeError(`the document is not shaped like a feed (${err.message})`);
    if (err instanceof Error && /^(?:Feed not recognized|Unable to parse XML)/.test(err.message)) {
      throw new FeedShapeError(`the root element is not RSS, RDF or Atom (${err.message})`);
    }
    throw err;
  }
}

function resolveBase(value: string | undefined, base: string): string {
  if (!value?.trim()) return base;
  return parseUrl(value, base)?.href ?? base;
}

function feedLink(node: XmlNode, kind: 'rss' | 'atom'): string | null {
  if (kind === 'rss') return childText(node, 'link') ?? attr(children(node, 'atom:link').find((l) => !attr(l, 'rel') || attr(l, 'rel') === 'alternate'), 'href') ?? null;
  return atomAlternate(children(node, 'link')) ?? null;
}

/** The alternate link of an Atom element: rel absent or "alternate", preferring text/html. */
function atomAlternate(links: XmlValue[]): string | undefined {
  const alternates = links.filter((l) => {
    const rel = attr(l, 'rel');
    return rel === undefined || rel === 'alternate';
  });
  const html = alternates.find((l) => /html/i.test(attr(l, 'type') ?? 'text/html'));
  return attr(html ?? alternates[0], 'href');
}

/** Feed-level fields of a raw feed; the site link resolved against the feed's xml:base, then the feed URL. */
export function readFeedHead(raw: RawXmlFeed, feedUrl: string): FeedHead {
  const c = raw.channel;
  const link = feedLink(c, raw.kind);
  return {
    title: childText(c, 'title', 'dc:title'),
    siteUrl: link ? (parseUrl(link, resolveBase(c.$?.['xml:base'], feedUrl))?.href ?? null) : null,
    description: childText(c, 'description', 'subtitle', 'tagline', 'dc:description'),
    language: childText(c, 'language', 'dc:language') ?? c.$?.['xml:lang'] ?? null,
    ttl: childText(c, 'ttl'),
    updatePeriod: childText(c, 'sy:updatePeriod'),
    updateFrequency: childText(c, 'sy:updateFrequency'),
  };
}

function looksLikeImage(url: string | undefined, type: string | undefined, medium?: string): boolean {
  if (medium) return medium === 'image';
  if (type) return type.toLowerCase().startsWith('image/');
  return !!url && /\.(?:jpe?g|png|gif|webp|avif)(?:[?#]|$)/i.test(url);
}

function mediaImages(node: XmlNode): string[] {
  const out: string[] = [];
  const groups = [node, ...children(node, 'media:group').filter(isNode)];
  for (const g of groups) {
    for (const m of children(g, 'media:content')) {
      const url = attr(m, 'url');
      if (url && looksLikeImage(url, attr(m, 'type'), attr(m, 'medium'))) out.push(url);
    }
  }
  for (const g of groups) {
    for (const t of children(g, 'media:thumbnail')) {
      const url = attr(t, 'url');
      if (url) out.push(url);
    }
  }
  return out;
}

function textList(values: XmlValue[]): string[] {
  return values.map((v) => textOf(v).trim()).filter(Boolean);
}

function rssItemDraft(item: XmlNode, feedBase: string): ItemDraft {
  const base = resolveBase(item.$?.['xml:base'], feedBase);
  const guidNode = children(item, 'guid')[0];
  const guid = guidNode === undefined ? null : textOf(guidNode).trim() || null;
  const permalink = guid && attr(guidNode, 'isPermaLink')?.toLowerCase() !== 'false' && /^https?:\/\//i.test(guid);
  const about = item.$?.['rdf:about'] ?? null;
  const link =
    childText(item, 'link') ??
    attr(children(item, 'atom:link').find((l) => (attr(l, 'rel') ?? 'alternate') === 'alternate'), 'href') ??
    (permalink ? guid : null) ??
    about;
  const images: string[] = [];
  for (const e of children(item, 'enclosure')) {
    const url = attr(e, 'url');
    if (url && looksLikeImage(url, attr(e, 'type'))) images.push(url);
  }
  images.push(...mediaImages(item));
  const itunesImage = attr(children(item, 'itunes:image')[0], 'href');
  if (itunesImage) images.push(itunesImage);
  return {
    guid: guid ?? about,
    link,
    base,
    title: childText(item, 'title', 'dc:title'),
    summary: childText(item, 'description', 'dc:description', 'itunes:summary'),
    summaryKind: 'html',
    content: childText(item, 'content:encoded', 'xhtml:body'),
    contentKind: 'html',
    author: childText(item, 'author', 'dc:creator', 'itunes:author'),
    published: childText(item, 'pubDate', 'dc:date', 'dcterms:issued', 'dcterms:created'),
    updated: childText(item, 'atom:updated', 'dcterms:modified'),
    categories: [...textList(children(item, 'category')), ...textList(children(item, 'dc:subject'))],
    images,
  };
}

/** Atom 1.0 `type` (text/html/xhtml) or Atom 0.3 MIME type + mode, as what our pipeline needs. */
function atomKind(node: XmlValue | undefined): TextKind | 'xhtml' {
  const type = (attr(node, 'type') ?? 'text').toLowerCase();
  if (type === 'xhtml' || type === 'application/xhtml+xml') return attr(node, 'mode') === 'escaped' ? 'html' : 'xhtml';
  if (type === 'html' || type === 'text/html') return 'html';
  return attr(node, 'mode') === 'escaped' && type !== 'text' && type !== 'text/plain' ? 'html' : 'text';
}

function atomText(node: XmlValue | undefined, xhtml: string | undefined): { text: string | null; kind: TextKind } {
  if (node === undefined) return { text: null, kind: 'text' };
  const kind = atomKind(node);
  if (kind === 'xhtml') return { text: xhtml ?? textOf(node), kind: 'html' };
  let text = textOf(node);
  if (attr(node, 'mode') === 'base64') text = Buffer.from(text, 'base64').toString('utf8');
  return { text: text.trim() ? text : null, kind };
}

function atomEntryDraft(entry: XmlNode, feedBase: string, xhtml: XhtmlFields | undefined): ItemDraft {
  const base = resolveBase(entry.$?.['xml:base'], feedBase);
  const contentNode = children(entry, 'content')[0];
  const contentXmlBase = attr(contentNode, 'xml:base');
  const title = atomText(children(entry, 'title')[0], xhtml?.title);
  const summary = atomText(children(entry, 'summary')[0], xhtml?.summary);
  const content = attr(contentNode, 'src') ? { text: null, kind: 'text' as const } : atomText(contentNode, xhtml?.content);
  const links = children(entry, 'link');
  const images: string[] = [];
  for (const l of links) {
    const href = attr(l, 'href');
    if (attr(l, 'rel') === 'enclosure' && href && looksLikeImage(href, attr(l, 'type'))) images.push(href);
  }
  images.push(...mediaImages(entry));
  const categories = children(entry, 'category').map((c) => attr(c, 'label') ?? attr(c, 'term') ?? textOf(c));
  const authorNode = child(entry, 'author') ?? child(entry, 'contributor');
  const draft: ItemDraft = {
    guid: childText(entry, 'id'),
    link: atomAlternate(links) ?? null,
    base,
    title: title.text,
    summary: summary.text,
    summaryKind: summary.kind,
    content: content.text,
    contentKind: content.kind,
    author: authorNode ? (childText(authorNode, 'name') ?? childText(authorNode, 'email') ?? (textOf(authorNode).trim() || null)) : null,
    published: childText(entry, 'published', 'issued', 'created', 'dc:date'),
    updated: childText(entry, 'updated', 'modified'),
    categories: [...categories.filter((c) => c.trim()), ...textList(children(entry, 'dc:subject'))],
    images,
  };
  if (contentXmlBase) draft.contentBase = resolveBase(contentXmlBase, base);
  return draft;
}

/** Drafts of every item of a raw feed. `xml` is the text that was parsed (for the Atom xhtml pass). */
export function readItemDrafts(raw: RawXmlFeed, xml: string, feedUrl: string, warnings: string[]): ItemDraft[] {
  if (raw.kind === 'rss') {
    const base = resolveBase(raw.channel.$?.['xml:base'], feedUrl);
    return raw.items.map((item) => rssItemDraft(item, base));
  }
  const base = resolveBase(raw.channel.$?.['xml:base'], feedUrl);
  let xhtml: XhtmlFields[] = [];
  if (hasXhtmlConstructs(xml)) {
    xhtml = extractXhtmlFields(xml);
    if (xhtml.length !== raw.items.length) {
      warnings.push(`xhtml content: found ${xhtml.length} entries in the text but ${raw.items.length} parsed; xhtml read as plain text`);
      xhtml = [];
    }
  }
  return raw.items.map((entry, i) => atomEntryDraft(entry, base, xhtml[i]));
}
