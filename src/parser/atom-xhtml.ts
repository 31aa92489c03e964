/**
 * Atom `type="xhtml"` text constructs, read straight from the XML text: xml2js turns inline XHTML into objects and
 * loses the order of text and elements, so `Hi <b>there</b> you` would come back as `Hi  you` + `there`.
 * A light regular-expression pass over each `<entry>` takes the inner markup as written instead.
 */

export interface XhtmlFields {
  title?: string;
  summary?: string;
  content?: string;
}

const XHTML_TYPE_RE = /\btype\s*=\s*["'](?:xhtml|application\/xhtml\+xml)["']/;
const ENTRY_RE = /<((?:[\w-]+:)?)entry\b[^>]*?(?:\/>|>([\s\S]*?)<\/\1entry\s*>)/g;

/** True when the document has any inline XHTML construct worth the extra pass. */
export function hasXhtmlConstructs(xml: string): boolean {
  return XHTML_TYPE_RE.test(xml);
}

/** Inner markup of an XHTML construct: the wrapping `<div xmlns=...>` removed, namespace prefixes dropped. */
function innerXhtml(markup: string): string {
  const div = /^\s*<((?:[\w-]+:)?)div\b[^>]*>([\s\S]*)<\/\1div\s*>\s*$/.exec(markup);
  const inner = div ? (div[2] ?? '') : markup;
  return inner.replace(/<(\/?)[\w-]+:/g, '<$1').replace(/\s+xmlns(?::[\w-]+)?\s*=\s*("[^"]*"|'[^']*')/g, '');
}

const CONSTRUCT_RE = {
  title: /<((?:[\w-]+:)?)title\b([^>]*)>([\s\S]*?)<\/\1title\s*>/,
  summary: /<((?:[\w-]+:)?)summary\b([^>]*)>([\s\S]*?)<\/\1summary\s*>/,
  content: /<((?:[\w-]+:)?)content\b([^>]*)>([\s\S]*?)<\/\1content\s*>/,
};

function construct(entry: string, name: keyof typeof CONSTRUCT_RE): string | undefined {
  const m = CONSTRUCT_RE[name].exec(entry);
  if (!m || !XHTML_TYPE_RE.test(m[2] ?? '')) return undefined;
  return innerXhtml(m[3] ?? '');
}

/** XHTML title/summary/content of each entry, in document order (one element per `<entry>`). */
export function extractXhtmlFields(xml: string): XhtmlFields[] {
  const out: XhtmlFields[] = [];
  for (const m of xml.matchAll(ENTRY_RE)) {
    const body = m[2] ?? '';
    const fields: XhtmlFields = {};
    if (XHTML_TYPE_RE.test(body)) {
      const title = construct(body, 'title');
      const summary = construct(body, 'summary');
      const content = construct(body, 'content');
      if (title !== undefined) fields.title = title;
      if (summary !== undefined) fields.summary = summary;
      if (content !== undefined) fields.content = content;
    }
    out.push(fields);
  }
  return out;
}
