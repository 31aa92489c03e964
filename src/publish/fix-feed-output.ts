/**
 * The one post-processing step over `feed` 6.0.0 output, done on a parsed tree (an XML DOM from jsdom's parser, or the
 * parsed JSON), never on the text, so a change in `feed`'s formatting cannot silently break it. It fixes the
 * package's known traps:
 * - no custom namespaces: declares dc, content, atom (rel=self/hub) and media on the root element;
 * - items cannot carry arbitrary XML: the i-th `<item>`/`<entry>` gets the elements given as data for it
 *   (dc:creator, source, media:content), escaped by the serializer;
 * - RSS `<author>` must be an email, and an Atom `<category>` needs `term`: we never give `feed` an RSS author (the
 *   name goes out as dc:creator) and always give Atom categories a term, so neither needs a fix here;
 * - JSON output says version 1 and uses 1.0's `author`: we publish https://jsonfeed.org/version/1.1 with `authors`,
 *   `language`, `hubs`, `feed_url` and the `_prayerwire` extension object per item.
 */
import { createRequire } from 'node:module';
import { stripControls } from '../text/xml-chars.js';
import type { FeedFormat } from './types.js';

/** An element to add, as data. A prefixed `name` ("media:content") must use a prefix of NAMESPACES. */
export interface XmlElement {
  name: string;
  attributes?: Record<string, string>;
  text?: string;
  children?: XmlElement[];
}

/** What the post-processing step adds, by item index. */
export interface FeedExtras {
  /** Elements to append to the i-th `<item>`/`<entry>` (RSS/Atom). */
  itemElements: XmlElement[][];
  /** `_prayerwire` object of the i-th item (JSON). */
  jsonExtensions: Record<string, unknown>[];
  selfUrl: string;
  hub: string | null;
  language: string;
}

/** An error from feed post-processing; `code` says what went wrong. */
export class FeedBuildError extends Error {
  constructor(readonly code: 'bad_xml' | 'item_count' | 'bad_json', message: string) {
    super(message);
    this.name = 'FeedBuildError';
  }
}

/** The namespace prefixes we use, and the ones each root element declares. */
const NAMESPACES: Record<string, string> = {
  dc: 'http://purl.org/dc/elements/1.1/',
  content: 'http://purl.org/rss/1.0/modules/content/',
  atom: 'http://www.w3.org/2005/Atom',
  media: 'http://search.yahoo.com/mrss/',
};
const ROOT_PREFIXES: Record<'rss' | 'atom', string[]> = { rss: ['dc', 'content', 'atom', 'media'], atom: ['media'] };
const XMLNS = 'http://www.w3.org/2000/xmlns/';
const XML_DECLARATION = '<?xml version="1.0" encoding="utf-8"?>\n';
const TEXT_NODE = 3;

/** Fix `feed`'s raw output for `format`; see the module comment for the list. */
export function fixFeedOutput(format: FeedFormat, raw: string, extras: FeedExtras): string {
  return format === 'json' ? fixJson(raw, extras) : fixXml(format, raw, extras);
}

let xmlTools: { parser: DOMParser; serializer: XMLSerializer } | null = null;

/**
 * One jsdom window for parsing and serializing every feed (a window per call would cost more than the parse). jsdom
 * is loaded on the first feed rendered, not at import: the CLI commands and the poller never pay its ~80 MB.
 */
function tools(): { parser: DOMParser; serializer: XMLSerializer } {
  if (!xmlTools) {
    const { JSDOM } = createRequire(import.meta.url)('jsdom') as typeof import('jsdom');
    const { window } = new JSDOM('');
    xmlTools = { parser: new window.DOMParser(), serializer: new window.XMLSerializer() };
  }
  return xmlTools;
}

function fixXml(format: 'rss' | 'atom', raw: string, extras: FeedExtras): string {
  const { parser, serializer } = tools();
  const doc = parser.parseFromString(raw, 'application/xml');
  const root = doc.documentElement;
  const rootName = format === 'rss' ? 'rss' : 'feed';
  if (root.localName !== rootName || doc.getElementsByTagName('parsererror').length) {
    throw new FeedBuildError('bad_xml', `feed produced no well-formed <${rootName}> document`);
  }
  for (const prefix of ROOT_PREFIXES[format]) {
    if (!root.hasAttribute(`xmlns:${prefix}`)) root.setAttributeNS(XMLNS, `xmlns:${prefix}`, NAMESPACES[prefix]!);
  }
  const items = [...root.getElementsByTagName(format === 'rss' ? 'item' : 'entry')];
  if (items.length !== extras.itemElements.length) {
    throw new FeedBuildError('item_count', `feed wrote ${items.length} items, ${extras.itemElements.length} were given`);
  }
  items.forEach((item, i) => appendElements(item, extras.itemElements[i] ?? []));
  return `${XML_DECLARATION}${serializer.serializeToString(root)}`;
}

const isBlank = (node: ChildNode | null): node is ChildNode => node?.nodeType === TEXT_NODE && !node.textContent?.trim();

/** Appends `elements` to `parent` on a line of their own, indented like its other children when `feed` indents them. */
function appendElements(parent: Element, elements: XmlElement[]): void {
  if (!elements.length) return;
  const doc = parent.ownerDocument;
  const closing = isBlank(parent.lastChild) ? parent.lastChild : null;
  if (isBlank(parent.firstChild) && parent.firstChild !== closing) parent.insertBefore(doc.createTextNode(parent.firstChild.textContent ?? ''), closing);
  for (const spec of elements) parent.insertBefore(toElement(doc, spec, parent.namespaceURI), closing);
}

function toElement(doc: Document, spec: XmlElement, defaultNamespace: string | null): Element {
  const colon = spec.name.indexOf(':');
  const namespace = colon === -1 ? defaultNamespace : NAMESPACES[spec.name.slice(0, colon)];
  if (namespace === undefined) throw new FeedBuildError('bad_xml', `no namespace declared for <${spec.name}>`);
  const el = doc.createElementNS(namespace, spec.name);
  for (const [name, value] of Object.entries(spec.attributes ?? {})) el.setAttribute(name, stripControls(value));
  if (spec.text !== undefined) el.textContent = stripControls(spec.text);
  for (const child of spec.children ?? []) el.appendChild(toElement(doc, child, namespace));
  return el;
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
