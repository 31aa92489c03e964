/**
 * Page metadata read from the parsed document before Readability mutates it: meta tags, JSON-LD (including
 * `@graph` and `@id` references), `<time datetime>`, `<link rel=canonical>` and `<html lang>`.
 */
import { resolveUrl } from './dom.js';

/** Metadata found on the page; every field is optional, every URL absolute. */
export interface PageMetadata {
  title: string | null;
  description: string | null;
  byline: string | null;
  publishedAt: string | null;
  siteName: string | null;
  imageUrl: string | null;
  lang: string | null;
  canonicalUrl: string | null;
  /** JSON-LD says `isAccessibleForFree: false` (a paywall marker). */
  notFree: boolean;
}

type JsonObject = Record<string, unknown>;

const ARTICLE_TYPE = /Article|BlogPosting|Posting|Report|NewsArticle|LiveBlog/i;

/** Read every metadata field from `document`; `url` resolves relative URLs. */
export function readMetadata(document: Document, url: string): PageMetadata {
  const meta = readMetaTags(document);
  const nodes = readJsonLd(document);
  const article = nodes.find((n) => typeMatches(n, ARTICLE_TYPE)) ?? null;
  const byId = new Map<string, JsonObject>();
  for (const n of nodes) if (typeof n['@id'] === 'string') byId.set(n['@id'], n);
  const deref = (v: unknown): unknown => {
    if (isObject(v) && typeof v['@id'] === 'string' && Object.keys(v).length === 1) return byId.get(v['@id']) ?? v;
    return v;
  };
  const publisher = article ? deref(article.publisher) : undefined;
  const website = nodes.find((n) => typeMatches(n, /^WebSite$/));
  const pick = (...keys: string[]): string | null => {
    for (const k of keys) {
      const v = meta.get(k);
      if (v) return v;
    }
    return null;
  };
  return {
    title: cleanText(pick('og:title', 'twitter:title') ?? (article ? stringOf(article.headline) : null)),
    description: cleanText(pick('description', 'og:description', 'twitter:description') ?? (article ? stringOf(article.description) : null)),
    byline: cleanByline(
      (article ? namesOf(deref(article.author), deref) : null) ??
        pick('author', 'article:author', 'dc.creator', 'parsely-author', 'sailthru.author'),
    ),
    publishedAt:
      normalizeDate(pick('article:published_time', 'og:published_time', 'published_time')) ??
      normalizeDate(article ? stringOf(article.datePublished) : null) ??
      normalizeDate(pick('datepublished', 'date', 'pubdate', 'publishdate', 'dc.date', 'dc.date.issued', 'dcterms.created', 'sailthru.date', 'parsely-pub-date')) ??
      normalizeDate(firstTimeDatetime(document)),
    siteName: cleanText(
      pick('og:site_name', 'application-name') ??
        namesOf(publisher, deref) ??
        (website ? stringOf(website.name) : null),
    ),
    imageUrl:
      resolveUrl(pick('og:image', 'og:image:secure_url', 'og:image:url', 'twitter:image', 'twitter:image:src'), url) ??
      resolveUrl(article ? imageOf(deref(article.image), deref) : null, url),
    lang: normalizeLang(
      document.documentElement?.getAttribute('lang') ??
        document.documentElement?.getAttribute('xml:lang') ??
        pick('og:locale', 'content-language', 'language', 'dc.language'),
    ),
    canonicalUrl:
      resolveUrl(document.querySelector('link[rel~="canonical" i][href]')?.getAttribute('href'), url) ??
      resolveUrl(pick('og:url'), url),
    notFree: article ? article.isAccessibleForFree === false || article.isAccessibleForFree === 'False' || article.isAccessibleForFree === 'false' : false,
  };
}

const META_KEY_ATTRS = new Set(['property', 'name', 'itemprop', 'http-equiv']);

/** meta name/property/itemprop/http-equiv (lower-cased) -> first non-empty content. */
function readMetaTags(document: Document): Map<string, string> {
  const out = new Map<string, string>();
  for (const el of Array.from(document.querySelectorAll('meta'))) {
    const content = el.getAttribute('content')?.trim();
    if (!content) continue;
    // Attribute names are matched case-insensitively by hand: linkedom keeps <META HTTP-EQUIV> upper case.
    for (const attr of Array.from(el.attributes)) {
      if (!META_KEY_ATTRS.has(attr.name.toLowerCase())) continue;
      const key = attr.value.trim().toLowerCase();
      if (key && !out.has(key)) out.set(key, content);
    }
  }
  return out;
}

/** Every JSON-LD object on the page, arrays and `@graph` flattened. Broken blocks are skipped. */
function readJsonLd(document: Document): JsonObject[] {
  const out: JsonObject[] = [];
  const visit = (v: unknown, depth: number): void => {
    if (depth > 4) return;
    if (Array.isArray(v)) for (const x of v) visit(x, depth + 1);
    else if (isObject(v)) {
      out.push(v);
      if (Array.isArray(v['@graph'])) visit(v['@graph'], depth + 1);
    }
  };
  for (const el of Array.from(document.querySelectorAll('script[type]'))) {
    if (!/application\/ld\+json/i.test(el.getAttribute('type') ?? '')) continue;
    const raw = (el.textContent ?? '').replace(/^\s*<!\[CDATA\[|\]\]>\s*$/g, '');
    try {
      visit(JSON.parse(raw), 0);
    } catch {
      // A broken block says nothing.
    }
  }
  return out;
}

function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function typeMatches(n: JsonObject, re: RegExp): boolean {
  const t = n['@type'];
  return Array.isArray(t) ? t.some((x) => typeof x === 'string' && re.test(x)) : typeof t === 'string' && re.test(t);
}

function stringOf(v: unknown): string | null {
  return typeof v === 'string' && v.trim() ? v.trim() : null;
}

/** A name, or the names of a list of persons/organizations joined by ", ". */
function namesOf(v: unknown, deref: (v: unknown) => unknown): string | null {
  const list = (Array.isArray(v) ? v : [v]).map(deref);
  const names = list
    .map((x) => (typeof x === 'string' ? x.trim() : isObject(x) ? stringOf(x.name) : null))
    .filter((x): x is string => !!x);
  return names.length ? names.join(', ') : null;
}

function imageOf(v: unknown, deref: (v: unknown) => unknown): string | null {
  const first = deref(Array.isArray(v) ? v[0] : v);
  if (typeof first === 'string') return first;
  if (isObject(first)) return stringOf(first.url) ?? stringOf(first.contentUrl);
  return null;
}

function firstTimeDatetime(document: Document): string | null {
  const el = document.querySelector('article time[datetime], time[pubdate][datetime], time[datetime]');
  return el?.getAttribute('datetime') ?? null;
}

/** Collapse whitespace; empty -> null. */
export function cleanText(s: string | null | undefined): string | null {
  const t = s?.replace(/\s+/g, ' ').trim();
  return t ? t : null;
}

/** "By Alex Pollock" -> "Alex Pollock"; URLs (some CMSs put a profile URL in meta author) are not bylines. */
export function cleanByline(s: string | null | undefined): string | null {
  const t = cleanText(s)?.replace(/^by\s+/i, '').replace(/^[\s|,:-]+|[\s|,:-]+$/g, '');
  if (!t || /^https?:\/\//i.test(t) || t.length > 120) return null;
  return t;
}

/** A date string -> UTC ISO, or null when it is not a plausible publication date. */
export function normalizeDate(s: string | null | undefined): string | null {
  const t = s?.trim();
  if (!t) return null;
  const ms = Date.parse(t);
  if (Number.isNaN(ms)) return null;
  const year = new Date(ms).getUTCFullYear();
  if (year < 1990 || ms > Date.now() + 2 * 86_400_000) return null;
  return new Date(ms).toISOString();
}

/** `en_GB` / `EN-gb` / `en-GB, fr` -> `en-gb`; junk -> null. */
export function normalizeLang(s: string | null | undefined): string | null {
  const first = s?.split(/[,;]/)[0]?.trim().replace(/_/g, '-').toLowerCase();
  if (!first || !/^[a-z]{2,3}(?:-[a-z0-9]{2,8})*$/.test(first)) return null;
  return first;
}
