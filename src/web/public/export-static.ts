/**
 * Static export: every public page and feed rendered through the same routes the server uses, written as files
 * for any static host or CDN (`/items/42` -> `items/42/index.html`, `/countries/kp/feed.xml` as is). When readers
 * outgrow one server, this is how the curated output scales.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { FEED_FILES } from '../../publish/feed-urls.js';
import type { CuratedSource, SiteInfo } from '../../publish/types.js';
import { MAX_LIMIT, publicRoutes } from './routes.js';

export interface ExportResult {
  files: string[];
  bytes: number;
}

/** Where a URL path lands on disk: directories get index.html; `/opml` becomes `opml.xml` plus `opml`. */
function filesFor(path: string): string[] {
  if (path === '/opml') return ['opml', 'opml.xml'];
  if (/\.(xml|atom|json)$/.test(path)) return [path.slice(1)];
  return [join(path.slice(1), 'index.html')];
}

export async function exportStatic(source: CuratedSource, site: SiteInfo, outDir: string): Promise<ExportResult> {
  const app = publicRoutes({ source, site });
  const countries = source.listCountries().map((c) => c.code.toLowerCase());
  const entries = source.listEntries({ limit: 100_000 });
  const formats = Object.values(FEED_FILES);
  const paths = [
    '/',
    '/countries',
    '/opml',
    ...formats.map((f) => `/${f}`),
    ...countries.flatMap((c) => [`/countries/${c}`, ...formats.map((f) => `/countries/${c}/${f}`)]),
    ...entries.map((e) => `/items/${e.itemId}`),
  ];
  const result: ExportResult = { files: [], bytes: 0 };
  for (const path of paths) {
    const query = /\.(xml|atom|json)$/.test(path) ? `?limit=${MAX_LIMIT}` : '';
    const res = await app.request(`${site.baseUrl}${path}${query}`, { headers: { accept: 'text/html' } });
    if (res.status !== 200) throw new Error(`export: ${path} answered ${res.status}`);
    const body = Buffer.from(await res.arrayBuffer());
    for (const file of filesFor(path)) {
      const target = join(outDir, file);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, body);
      result.files.push(file);
      result.bytes += body.length;
    }
  }
  return result;
}
