/** Tell what a decoded body is before parsing it: JSON, an HTML page, XML (with its root element), or none. */

export type BodyKind =
  | { kind: 'empty' }
  | { kind: 'json' }
  | { kind: 'html' }
  | { kind: 'xml'; root: string; attrs: string }
  | { kind: 'unknown' };

const PROLOG_SKIP_RE = /^(?:\s+|<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE(?:[^>[]|\[[\s\S]*?\])*>)*/i;
const ROOT_RE = /^<([A-Za-z_][\w.:-]*)([^>]*)>?/;
const FEED_ROOT_ANYWHERE_RE = /<((?:[\w-]+:)?(?:rss|feed|RDF))\b([^>]*)>?/;

function isJsonContentType(contentType: string | null): boolean {
  return !!contentType && /^\s*application\/(?:feed\+)?json\b/i.test(contentType);
}

/** Classify `text` (already decoded) using its first characters and the Content-Type. */
export function sniffBody(text: string, contentType: string | null): BodyKind {
  const start = text.search(/[^\s\uFEFF]/);
  if (start === -1) return { kind: 'empty' };
  const first = text[start];
  if (first === '{' || (first === '[' && isJsonContentType(contentType))) return { kind: 'json' };
  const head = text.slice(start, start + 8192);
  const skipped = PROLOG_SKIP_RE.exec(head)?.[0].length ?? 0;
  const root = ROOT_RE.exec(head.slice(skipped));
  if (root?.[1]) {
    const name = root[1];
    if (/^(?:html|head|body)$/i.test(name) || (/^!doctype\s+html/i.test(head) && !/^(?:[\w-]+:)?(?:rss|feed|RDF)$/.test(name))) {
      return { kind: 'html' };
    }
    if (!/^(?:[\w-]+:)?(?:rss|feed|RDF)$/.test(name)) {
      // Junk markup before the real root (a PHP warning in <b>): prefer a feed root found a little further on.
      const later = FEED_ROOT_ANYWHERE_RE.exec(head);
      if (later?.[1]) return { kind: 'xml', root: later[1], attrs: later[2] ?? '' };
    }
    return { kind: 'xml', root: name, attrs: root[2] ?? '' };
  }
  if (/^<!doctype\s+html/i.test(head) || /^<(?:html|head|body|meta|title)\b/i.test(head.slice(skipped))) return { kind: 'html' };
  // Junk before the root (a PHP warning, a stray line): look a little further for a feed root.
  const later = FEED_ROOT_ANYWHERE_RE.exec(head);
  if (later?.[1]) return { kind: 'xml', root: later[1], attrs: later[2] ?? '' };
  if (/<html[\s>]/i.test(head)) return { kind: 'html' };
  if (isJsonContentType(contentType)) return { kind: 'json' };
  return { kind: 'unknown' };
}
