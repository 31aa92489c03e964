/**
 * The two DOMs the extractor can parse with. linkedom is ~8x faster than jsdom on a news page and gives Readability
 * the same extraction on our fixtures; jsdom is the high-fidelity fallback. Neither ever runs a script or loads a
 * sub-resource: jsdom gets no `runScripts`, no `resources`, and a VirtualConsole that drops everything.
 */
import { createRequire } from 'node:module';
import { parseHTML } from 'linkedom';

type JsdomModule = typeof import('jsdom');
let jsdom: JsdomModule | null = null;
/** jsdom takes ~0.8 s to load and is only the fallback: load it the first time it is needed (faster worker start). */
function loadJsdom(): JsdomModule {
  jsdom ??= createRequire(import.meta.url)('jsdom') as JsdomModule;
  return jsdom;
}

/** A parsed throwaway document and the way to free it (always call `close` in `finally`). */
export interface ParsedPage {
  document: Document;
  close(): void;
}

/** Parse with jsdom: scripts off, no sub-resources, silent console, `url` so relative URLs and <base> resolve. */
export function parseWithJsdom(html: string, url: string): ParsedPage {
  const { JSDOM, VirtualConsole } = loadJsdom();
  const dom = new JSDOM(html, { url, virtualConsole: new VirtualConsole(), contentType: 'text/html' });
  return {
    document: dom.window.document,
    close: () => dom.window.close(),
  };
}

/** Parse with linkedom. It has no notion of a document URL, so `baseURI`/`documentURI` are set from `url` and `<base>`. */
export function parseWithLinkedom(html: string, url: string): ParsedPage {
  const { document } = parseHTML(html) as unknown as { document: Document };
  if (UPPER_CASE_ATTRIBUTE.test(html)) lowerCaseAttributeNames(document);
  const baseHref = document.querySelector('base[href]')?.getAttribute('href');
  const base = resolveUrl(baseHref ?? '', url) ?? url;
  Object.defineProperty(document, 'baseURI', { value: base, configurable: true });
  Object.defineProperty(document, 'documentURI', { value: url, configurable: true });
  return { document, close: () => {} };
}

/** An attribute name with a capital letter somewhere in a start tag (old hand-made pages: `<META HTTP-EQUIV>`). */
const UPPER_CASE_ATTRIBUTE = /<[a-zA-Z][^>]*?\s[a-z-]*[A-Z][a-zA-Z-]*\s*=/;

/**
 * linkedom keeps attribute names as written, so `getAttribute('class')` misses `CLASS=`. HTML attribute names are
 * case-insensitive: rename them to lower case, as a browser's parser does.
 */
function lowerCaseAttributeNames(document: Document): void {
  for (const el of Array.from(document.querySelectorAll('*'))) {
    for (const attr of Array.from(el.attributes)) {
      const lower = attr.name.toLowerCase();
      if (lower === attr.name) continue;
      el.removeAttribute(attr.name);
      if (!el.hasAttribute(lower)) el.setAttribute(lower, attr.value);
    }
  }
}

/** Resolve `value` against `base`; null when empty or unparseable. Only http(s) results are returned. */
export function resolveUrl(value: string | null | undefined, base: string): string | null {
  const trimmed = value?.trim();
  if (!trimmed) return null;
  try {
    const u = new URL(trimmed, base);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}
