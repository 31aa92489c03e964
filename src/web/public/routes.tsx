/**
 * The public web: curated feeds (whole and per country, RSS/Atom/JSON Feed), OPML, and the HTML pages. Every
 * response comes from the feed cache, so a request is a version check, a lookup and a header pick.
 *
 * @example
 * const app = new Hono();
 * app.route('/', publicRoutes({ source, site }));
 */
import { Hono, type Context } from 'hono';
import type { JSX } from 'hono/jsx/jsx-runtime';
import { newestUpdate } from '../../publish/build-curated-feed.js';
import { CONTENT_TYPES, createFeedCache, JSON_CONTENT_TYPE, type FeedCache } from '../../publish/feed-cache.js';
import { FEED_FILES, feedUrl, pageUrl } from '../../publish/feed-urls.js';
import { findFeedCountry } from '../../publish/find-feed-country.js';
import { plainText } from '../../publish/text.js';
import type { CuratedSource, FeedFormat, SiteInfo } from '../../publish/types.js';
import { sendDocument } from './send-document.js';
import { PAGE_HEADERS } from './styles.js';
import { CountriesPage, CountryPage, HomePage, ItemPage, MessagePage } from './views.js';

export interface PublicRoutesDeps {
  source: CuratedSource;
  site: SiteInfo;
  /** Share a cache (e.g. with a WebSub notifier); one is made when absent. */
  cache?: FeedCache;
}

/** Items in a feed unless `?limit=` says otherwise, and the most it may say. */
export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 200;
/** Items on the HTML list pages. */
export const PAGE_LIMIT = 50;

/** Render a page to a full HTML document string. Our components are synchronous. */
export function renderPage(node: JSX.Element): string {
  const html: unknown = node.toString();
  if (typeof html !== 'string' && !(html instanceof String)) throw new Error('page rendered asynchronously');
  return `<!doctype html>${String(html)}`;
}

/** `?limit=`: absent -> default; a whole number 1..200 -> it; anything else -> an error message. */
export function parseLimit(raw: string | undefined): { limit: number } | { error: string } {
  if (raw === undefined || raw === '') return { limit: DEFAULT_LIMIT };
  if (!/^\d{1,4}$/.test(raw)) return { error: `limit must be a whole number from 1 to ${MAX_LIMIT}` };
  const n = Number(raw);
  if (n < 1 || n > MAX_LIMIT) return { error: `limit must be a whole number from 1 to ${MAX_LIMIT}` };
  return { limit: n };
}

/** The public routes as a Hono app, to mount at '/'. */
export function publicRoutes(deps: PublicRoutesDeps): Hono {
  const { source, site } = deps;
  const cache = deps.cache ?? createFeedCache(source, site);
  const app = new Hono();

  const message = (c: Context, status: 400 | 404, title: string, text: string): Response => {
    const accept = c.req.header('accept') ?? '';
    if (!accept.includes('text/html') && c.req.path.includes('/feed.')) {
      return c.text(`${title}: ${text}\n`, status, { 'Cache-Control': 'public, max-age=60' });
    }
    return c.html(renderPage(<MessagePage site={site} title={title} message={text} />), status, {
      ...PAGE_HEADERS,
      'Cache-Control': 'public, max-age=60',
    });
  };

  const serveFeed = (c: Context, format: FeedFormat, code?: string): Response => {
    const parsed = parseLimit(c.req.query('limit'));
    if ('error' in parsed) return message(c, 400, 'Bad request', parsed.error);
    let country: { code: string; name: string } | undefined;
    if (code !== undefined) {
      country = findFeedCountry(cache.countries(), code) ?? undefined;
      if (!country) return message(c, 404, 'Not found', `There is no country with the code "${code}".`);
    }
    return sendDocument(c.req.raw, cache.feed(format, { limit: parsed.limit, ...(country ? { country } : {}) }));
  };

  for (const format of Object.keys(FEED_FILES) as FeedFormat[]) {
    app.get(`/${FEED_FILES[format]}`, (c) => serveFeed(c, format));
    app.get(`/countries/:code/${FEED_FILES[format]}`, (c) => serveFeed(c, format, c.req.param('code')));
  }

  app.get('/opml', (c) => sendDocument(c.req.raw, cache.opml()));

  app.get('/', (c) =>
    sendDocument(c.req.raw, cache.get('page:home', () => {
      const entries = source.listEntries({ limit: PAGE_LIMIT });
      return { body: renderPage(<HomePage site={site} entries={entries} />), contentType: CONTENT_TYPES.html, lastModified: newestUpdate(entries), headers: PAGE_HEADERS };
    })));

  app.get('/countries', (c) => {
    const accept = c.req.header('accept') ?? '';
    const wantsJson = accept.includes('application/json') && !accept.includes('text/html');
    const doc = cache.get(wantsJson ? 'countries:json' : 'countries:html', () => {
      const countries = cache.countries();
      const headers = { Vary: 'Accept', ...(wantsJson ? {} : PAGE_HEADERS) };
      if (wantsJson) {
        const list = countries.map((k) => ({
          code: k.code.toUpperCase(), name: plainText(k.name), count: k.count,
          url: pageUrl(site, k.code), feeds: { rss: feedUrl(site, 'rss', k.code), atom: feedUrl(site, 'atom', k.code), json: feedUrl(site, 'json', k.code) },
        }));
        return { body: JSON.stringify({ countries: list }), contentType: JSON_CONTENT_TYPE, lastModified: null, headers };
      }
      return { body: renderPage(<CountriesPage site={site} countries={countries} />), contentType: CONTENT_TYPES.html, lastModified: null, headers };
    });
    return sendDocument(c.req.raw, doc);
  });

  app.get('/countries/:code', (c) => {
    const country = findFeedCountry(cache.countries(), c.req.param('code'));
    if (!country) return message(c, 404, 'Not found', `There is no country with the code "${c.req.param('code')}".`);
    return sendDocument(c.req.raw, cache.get(`page:country:${country.code}`, () => {
      const entries = source.listEntries({ country: country.code, limit: PAGE_LIMIT });
      return {
        body: renderPage(<CountryPage site={site} country={country} entries={entries} />),
        contentType: CONTENT_TYPES.html, lastModified: newestUpdate(entries), headers: PAGE_HEADERS,
      };
    }));
  });

  app.get('/items/:id', (c) => {
    const raw = c.req.param('id');
    const id = /^[1-9]\d{0,15}$/.test(raw) ? Number(raw) : NaN;
    const notFound = (): Response => message(c, 404, 'Not found', 'There is no published item here.');
    if (!Number.isSafeInteger(id)) return notFound();
    let missing = false;
    const doc = cache.get(`page:item:${id}`, () => {
      const entry = source.getEntry(id);
      if (!entry || (entry.status !== 'published' && entry.status !== 'retracted')) {
        missing = true;
        return { body: '', contentType: CONTENT_TYPES.html, lastModified: null };
      }
      return { body: renderPage(<ItemPage site={site} entry={entry} />), contentType: CONTENT_TYPES.html, lastModified: newestUpdate([entry]), headers: PAGE_HEADERS };
    });
    if (missing || doc.body.length === 0) return notFound();
    return sendDocument(c.req.raw, doc);
  });

  app.notFound((c) => message(c, 404, 'Not found', 'There is nothing at this address.'));
  return app;
}
