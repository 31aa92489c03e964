/**
 * A cached document as an HTTP response: content negotiation (br, gzip, identity), conditional requests (ETag wins
 * over Last-Modified), 304s, and headers prepared once per document so the hot path only picks among them.
 */
import { etagFor, type CachedDocument } from '../../publish/feed-cache.js';

type Encoding = 'identity' | 'gzip' | 'br';

/** Cache-Control for every feed and page. */
export const CACHE_CONTROL = 'public, max-age=300';

interface Prepared {
  ok: Record<Encoding, Record<string, string>>;
  notModified: Record<Encoding, Record<string, string>>;
}

const prepared = new WeakMap<CachedDocument, Prepared>();

function prepare(doc: CachedDocument): Prepared {
  const vary = doc.headers.Vary ? `${doc.headers.Vary}, Accept-Encoding` : 'Accept-Encoding';
  const make = (encoding: Encoding, withBody: boolean): Record<string, string> => {
    const h: Record<string, string> = {
      ...doc.headers,
      'Cache-Control': CACHE_CONTROL,
      ETag: etagFor(doc, encoding),
      'Last-Modified': doc.lastModified,
      Vary: vary,
    };
    if (withBody) {
      h['Content-Type'] = doc.contentType;
      if (encoding !== 'identity') h['Content-Encoding'] = encoding;
      h['Content-Length'] = String(bodyFor(doc, encoding).length);
    }
    return h;
  };
  const p: Prepared = {
    ok: { identity: make('identity', true), gzip: make('gzip', true), br: make('br', true) },
    notModified: { identity: make('identity', false), gzip: make('gzip', false), br: make('br', false) },
  };
  prepared.set(doc, p);
  return p;
}

function bodyFor(doc: CachedDocument, encoding: Encoding): Buffer {
  return encoding === 'br' ? doc.br : encoding === 'gzip' ? doc.gzip : doc.body;
}

const encodingMemo = new Map<string, Encoding>();

/** The best encoding we have for an Accept-Encoding header: br, then gzip, then identity; honours `q=0`. */
export function pickEncoding(acceptEncoding: string | null | undefined): Encoding {
  if (!acceptEncoding) return 'identity';
  const memo = encodingMemo.get(acceptEncoding);
  if (memo) return memo;
  const q: Record<string, number> = {};
  for (const part of acceptEncoding.toLowerCase().split(',')) {
    const [name = '', ...params] = part.trim().split(';');
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const value = qParam ? Number(qParam.slice(2)) : 1;
    q[name.trim()] = Number.isFinite(value) ? value : 0;
  }
  const of = (name: string): number => q[name] ?? q['*'] ?? 0;
  const br = of('br');
  const gzip = Math.max(of('gzip'), q['x-gzip'] ?? 0);
  const picked: Encoding = br > 0 && br >= gzip ? 'br' : gzip > 0 ? 'gzip' : 'identity';
  if (encodingMemo.size < 256) encodingMemo.set(acceptEncoding, picked);
  return picked;
}

/** Does an If-None-Match header match the document (any of its encodings' tags; weak comparison, as RFC 9110 asks)? */
export function matchesEtag(ifNoneMatch: string, doc: CachedDocument): boolean {
  if (ifNoneMatch === doc.etag) return true;
  for (const raw of ifNoneMatch.split(',')) {
    let tag = raw.trim();
    if (tag === '*') return true;
    if (tag.startsWith('W/')) tag = tag.slice(2);
    if (tag.length < 2 || tag[0] !== '"') continue;
    const opaque = tag.slice(1, -1);
    if (opaque === doc.hash || opaque === `${doc.hash}-gz` || opaque === `${doc.hash}-br`) return true;
  }
  return false;
}

/** Is the request's cached copy still fresh? If-None-Match decides when present, else If-Modified-Since. */
export function isNotModified(doc: CachedDocument, ifNoneMatch: string | null | undefined, ifModifiedSince: string | null | undefined): boolean {
  if (ifNoneMatch) return matchesEtag(ifNoneMatch, doc);
  if (ifModifiedSince) {
    const since = Date.parse(ifModifiedSince);
    return !Number.isNaN(since) && doc.lastModifiedMs <= since;
  }
  return false;
}

/** The minimal view of a request this needs (Hono's `c.req.raw` is a `Request`). */
export interface RequestLike {
  method: string;
  headers: { get(name: string): string | null };
}

/** Build the response for `doc`. HEAD gets the headers of GET without the body. */
export function sendDocument(req: RequestLike, doc: CachedDocument): Response {
  const p = prepared.get(doc) ?? prepare(doc);
  const h = req.headers;
  const encoding = pickEncoding(h.get('accept-encoding'));
  if (isNotModified(doc, h.get('if-none-match'), h.get('if-modified-since'))) {
    return new Response(null, { status: 304, headers: p.notModified[encoding] });
  }
  return new Response(req.method === 'HEAD' ? null : (bodyFor(doc, encoding) as Uint8Array as BodyInit), { status: 200, headers: p.ok[encoding] });
}
