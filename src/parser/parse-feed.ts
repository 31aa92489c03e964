/**
 * parseFeed: bytes -> ParsedFeed. Pure: no network, no database.
 *
 * decode (BOM, header, prolog) -> sniff (empty / JSON / HTML / XML root) -> parse (rss-parser strict, then a
 * repaired retry; JSON Feed directly) -> per-format drafts -> normalizeItem -> drop duplicate keys.
 * Every failure is a ParseError with a code; nothing else escapes.
 */
import { canonicalizeUrl } from './canonicalize-url.js';
import { decodeText } from './decode-text.js';
import { discoverFeedLinks } from './discover-feed-links.js';
import { jsonItemDraft, NotJsonFeedError, readJsonFeed } from './json-feed.js';
import { ITEM_FIELD_LIMITS, normalizeItem, type ItemDraft } from './normalize-item.js';
import { repairXml } from './repair-xml.js';
import { sniffBody } from './sniff.js';
import { removeXmlForbidden } from '../text/xml-chars.js';
import { capText, htmlToText, slicePrefix } from './text.js';
import { ParseError, type FeedFormat, type ParsedFeed } from './types.js';
import { FeedShapeError, parseRawXml, readFeedHead, readItemDrafts, type FeedHead, type RawXmlFeed } from './xml-feed.js';

export interface ParseContext {
  /** The feed's URL (after redirects): base for relative links. */
  url: string;
  /** The HTTP Content-Type header, if any. */
  contentType: string | null;
  /** Clock for "date in the future" checks (default: Date.now()). */
  now?: Date | number;
}

const PERIOD_MINUTES: Record<string, number> = { hourly: 60, daily: 1440, weekly: 10080, monthly: 43200, yearly: 525600 };

function positiveInt(value: string | null): number | null {
  if (!value || !/^\s*\d+\s*$/.test(value)) return null;
  const n = Number(value);
  return n > 0 && n < 10_000_000 ? n : null;
}

function updatePeriodMinutes(period: string | null, frequency: string | null): number | null {
  if (!period && !frequency) return null;
  const minutes = PERIOD_MINUTES[(period ?? 'daily').trim().toLowerCase()];
  if (!minutes) return null;
  const times = positiveInt(frequency) ?? 1;
  return Math.max(1, Math.round(minutes / times));
}

/** "Unclosed root tag\nLine: 4\nColumn: 12\nChar: x" (sax, 0-based line) -> "Unclosed root tag at line 5, column 12". */
function describeXmlError(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  const m = /^([^\n]*)\nLine: (\d+)\nColumn: (\d+)/.exec(message);
  return m ? `${m[1]} at line ${Number(m[2]) + 1}, column ${m[3]}` : message.split('\n')[0] ?? message;
}

function xmlFormat(root: string, attrs: string): { format: FeedFormat; version: string } {
  const local = root.includes(':') ? root.slice(root.indexOf(':') + 1) : root;
  if (local === 'feed') {
    const old = /purl\.org\/atom\/ns#/.test(attrs) || /\bversion\s*=\s*["']0\.3["']/.test(attrs);
    return { format: 'atom', version: old ? 'atom0.3' : 'atom1.0' };
  }
  if (local === 'RDF') {
    return { format: 'rdf', version: /my\.netscape\.com\/rdf\/simple\/0\.9/.test(attrs) ? 'rss0.90' : 'rss1.0' };
  }
  const v = /\bversion\s*=\s*["']([^"']+)["']/.exec(attrs)?.[1]?.trim();
  return { format: 'rss', version: `rss${v ?? '2.0'}` };
}

async function parseXmlWithRetry(text: string, root: string, warnings: string[]): Promise<{ raw: RawXmlFeed; xml: string }> {
  let strictError: unknown;
  try {
    return { raw: await parseRawXml(text), xml: text };
  } catch (err) {
    // A shape error may come from junk before the real root: the repaired retry decides.
    strictError = err;
  }
  const repaired = repairXml(text, root);
  if (!repaired.xml) throw new ParseError('malformed', `no XML element could be read: ${describeXmlError(strictError)}`);
  try {
    const raw = await parseRawXml(repaired.xml);
    warnings.push(`recovered malformed XML (${describeXmlError(strictError)}): ${repaired.fixes.join(', ') || 'reparsed'}`);
    return { raw, xml: repaired.xml };
  } catch (err) {
    if (err instanceof FeedShapeError) throw new ParseError('not_a_feed', err.message);
    throw new ParseError('malformed', `malformed XML: ${describeXmlError(strictError)} (repair failed: ${describeXmlError(err)})`);
  }
}

function parseJson(text: string, warnings: string[]): { head: FeedHead; version: string; items: unknown[] } {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new ParseError('malformed', `malformed JSON: ${err instanceof Error ? err.message : String(err)}`);
  }
  try {
    const feed = readJsonFeed(doc, warnings);
    return { head: feed.head, version: `json${feed.version ?? '1.1'}`, items: feed.items };
  } catch (err) {
    if (err instanceof NotJsonFeedError) throw new ParseError('not_a_feed', err.message);
    throw err;
  }
}

/** A URL within ITEM_FIELD_LIMITS.url, else null. */
const capUrl = (url: string | null): string | null => (url && url.length > ITEM_FIELD_LIMITS.url ? null : url);

function assembleFeed(
  format: FeedFormat,
  version: string,
  head: FeedHead,
  drafts: ItemDraft[],
  context: ParseContext,
  warnings: string[],
): ParsedFeed {
  const nowMs = context.now === undefined ? Date.now() : Number(context.now);
  const items: ParsedFeed['items'] = [];
  const seen = new Set<string>();
  let duplicates = 0;
  for (const draft of drafts) {
    const item = normalizeItem(draft, nowMs);
    if (seen.has(item.key)) {
      duplicates++;
      continue;
    }
    seen.add(item.key);
    items.push(item);
  }
  if (duplicates) warnings.push(`dropped ${duplicates} item(s) whose key repeats an earlier item`);
  const description = head.description ? htmlToText(head.description) : '';
  return {
    format,
    version,
    title: head.title ? capText(htmlToText(slicePrefix(head.title, ITEM_FIELD_LIMITS.title * 16)), ITEM_FIELD_LIMITS.title) || null : null,
    siteUrl: capUrl(canonicalizeUrl(head.siteUrl, context.url)),
    description: description || null,
    language: head.language?.trim() || null,
    ttlMinutes: positiveInt(head.ttl),
    updatePeriodMinutes: updatePeriodMinutes(head.updatePeriod, head.updateFrequency),
    items,
    warnings,
  };
}

/**
 * Parse a feed body. Throws only ParseError: 'empty' (no bytes or only whitespace), 'html_page' (with the
 * autodiscovered feed URLs in `discovered`), 'malformed' (XML or JSON that could not be read even leniently; the
 * message says what and where), 'not_a_feed' (anything else).
 *
 * @example
 * const feed = await parseFeed(body, { url: 'https://example.org/feed.xml', contentType: 'application/rss+xml' });
 * feed.items[0]?.title;
 */
export async function parseFeed(body: Buffer, context: ParseContext): Promise<ParsedFeed> {
  try {
    return await parseFeedUnchecked(body, context);
  } catch (err) {
    if (err instanceof ParseError) throw err;
    throw new ParseError('not_a_feed', `could not read the feed: ${err instanceof Error ? err.message : String(err)}`);
  }
}

async function parseFeedUnchecked(body: Buffer, context: ParseContext): Promise<ParsedFeed> {
  if (body.length === 0) throw new ParseError('empty', 'the body is empty (0 bytes)');
  const decoded = decodeText(body, context.contentType);
  const warnings = [...decoded.warnings];
  // Characters XML 1.0 forbids (C0 controls first of all) would fail the whole document: drop them up front.
  const { text, removed } = removeXmlForbidden(decoded.text);
  if (removed) warnings.push(`removed ${removed} control character(s) not allowed in XML or text`);
  const sniffed = sniffBody(text, context.contentType);
  switch (sniffed.kind) {
    case 'empty':
      throw new ParseError('empty', `the body holds only whitespace (${body.length} bytes)`);
    case 'html':
      throw htmlPageError(text, context);
    case 'unknown':
      throw new ParseError('not_a_feed', `neither XML nor JSON: starts with ${JSON.stringify(text.trimStart().slice(0, 40))}`);
    case 'json': {
      const json = parseJson(text, warnings);
      const drafts = json.items.map((item) => jsonItemDraft(item, context.url));
      const valid = drafts.filter((d): d is ItemDraft => d !== null);
      if (valid.length < drafts.length) warnings.push(`skipped ${drafts.length - valid.length} JSON Feed item(s) that are not objects`);
      return assembleFeed('json', json.version, json.head, valid, context, warnings);
    }
    case 'xml': {
      const local = sniffed.root.slice(sniffed.root.indexOf(':') + 1);
      if (local !== 'rss' && local !== 'feed' && local !== 'RDF') {
        if (context.contentType && /html/i.test(context.contentType)) throw htmlPageError(text, context);
        throw new ParseError('not_a_feed', `the root element <${sniffed.root}> is not RSS, RDF or Atom`);
      }
      const { format, version } = xmlFormat(sniffed.root, sniffed.attrs);
      const { raw, xml } = await parseXmlWithRetry(text, sniffed.root, warnings);
      const drafts = readItemDrafts(raw, xml, context.url, warnings);
      return assembleFeed(format, version, readFeedHead(raw, context.url), drafts, context, warnings);
    }
  }
}

function htmlPageError(html: string, context: ParseContext): ParseError {
  const discovered = discoverFeedLinks(html, context.url);
  const hint = discovered.length ? `; it links to ${discovered.length} feed(s): ${discovered.join(', ')}` : '; it links to no feed';
  return new ParseError('html_page', `this is an HTML page, not a feed${hint}`, discovered);
}
