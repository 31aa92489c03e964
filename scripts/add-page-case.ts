/**
 * Turn a saved page into a golden extractor case:
 *
 *   node bin/run-ts.mjs scripts/add-page-case.ts PATH_OR_URL_FILE SLUG URL
 *
 * PATH_OR_URL_FILE is the saved HTML (a path or a file: URL), or a `.url` file whose contents name the saved HTML's path (so a case can
 * be recorded next to where the page was saved). This never fetches anything. Writes
 * tests/fixtures/pages/SLUG/source.html and a draft expected.json from the current extraction: review it, keep the
 * sentences that matter in mustContain, and add the boilerplate you saw to mustNotContain.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { extractArticle } from '../src/extractor/index.js';

const DEFAULT_PAGES_DIR = fileURLToPath(new URL('../tests/fixtures/pages/', import.meta.url));

export interface AddPageCaseOptions {
  /** Where the case folders live. Default tests/fixtures/pages. */
  pagesDir?: string;
  /** Replace an existing case. Default false. */
  force?: boolean;
}

/** Write the case folder and return the path of its expected.json. */
export function addPageCase(source: string, slug: string, url: string, options: AddPageCaseOptions = {}): string {
  if (!/^[a-z0-9][a-z0-9-]*$/.test(slug)) throw Object.assign(new Error(`slug must be kebab-case: ${slug}`), { code: 'bad_slug' });
  new URL(url); // throws on a bad URL
  const html = readSource(source);
  const dir = join(options.pagesDir ?? DEFAULT_PAGES_DIR, slug);
  if (existsSync(dir) && !options.force) throw Object.assign(new Error(`case exists: ${dir}`), { code: 'exists' });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'source.html'), html);
  writeFileSync(join(dir, 'expected.json'), `${JSON.stringify(draftExpectation(html, url), null, 2)}\n`);
  return join(dir, 'expected.json');
}

function readSource(pathOrFileUrl: string): string {
  const path = pathOrFileUrl.startsWith('file:') ? fileURLToPath(pathOrFileUrl) : pathOrFileUrl;
  const text = readFileSync(path, 'utf8');
  if (!path.endsWith('.url')) return text;
  const target = text.trim().split(/\r?\n/)[0] ?? '';
  return readFileSync(resolve(dirname(path), target), 'utf8');
}

/** The current extraction as a draft expectation. */
export function draftExpectation(html: string, url: string): Record<string, unknown> {
  const result = extractArticle(html, url);
  if (!result.ok) return { url, expectError: result.code };
  const a = result.article;
  const paragraphs = a.text.split(/\n\n/).filter((p) => p.split(/\s+/).length >= 12);
  const sentence = (p: string | undefined): string | undefined => p?.split(/(?<=[.!?”])\s+/)[0];
  const mustContain = [sentence(paragraphs[0]), sentence(paragraphs[Math.floor(paragraphs.length / 2)]), sentence(paragraphs.at(-1))];
  return {
    url,
    mustContain: [...new Set(mustContain.filter((s): s is string => !!s))],
    mustNotContain: [],
    title: a.title,
    byline: a.byline,
    publishedAt: a.publishedAt,
    siteName: a.siteName,
    imageUrl: a.imageUrl,
    lang: a.lang,
    canonicalUrl: a.canonicalUrl,
    prayerPoints: a.prayerPoints,
  };
}

const invokedDirectly = process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) {
  const [source, slug, url] = process.argv.slice(2);
  if (!source || !slug || !url) {
    console.error('usage: add-page-case.ts PATH_OR_URL_FILE SLUG URL');
    process.exit(2);
  }
  try {
    const file = addPageCase(source, slug, url, { force: process.argv.includes('--force') });
    console.log(`wrote ${file}: review mustContain and add mustNotContain phrases`);
  } catch (err) {
    console.error((err as Error).message);
    process.exit(1);
  }
}
