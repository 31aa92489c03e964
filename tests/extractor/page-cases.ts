/** Loads the golden page corpus `tests/fixtures/pages/<slug>/{source.html,expected.json}` and checks an extraction against it. */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ExtractErrorCode, ExtractResult } from '../../src/extractor/index.js';

export const PAGES_DIR = fileURLToPath(new URL('../fixtures/pages/', import.meta.url));

/** What a case expects. Absent fields are not checked; `null` means "must be null". */
export interface PageExpectation {
  url: string;
  /** The extraction must fail with this code instead. */
  expectError?: ExtractErrorCode;
  /** Only meaningful through the worker pool (the timeout case). */
  poolOnly?: boolean;
  /** Sentences that must appear in the plain text. */
  mustContain?: string[];
  /** Boilerplate that must appear neither in the text nor in the HTML. */
  mustNotContain?: string[];
  htmlMustContain?: string[];
  htmlMustNotContain?: string[];
  title?: string;
  byline?: string | null;
  publishedAt?: string | null;
  siteName?: string | null;
  imageUrl?: string | null;
  lang?: string | null;
  canonicalUrl?: string | null;
  prayerPoints?: string[];
}

export interface PageCase {
  slug: string;
  html: string;
  expected: PageExpectation;
}

/** Every case folder, sorted by slug. */
export function loadPageCases(): PageCase[] {
  return readdirSync(PAGES_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(PAGES_DIR, d.name, 'expected.json')))
    .map((d) => d.name)
    .sort()
    .map((slug) => ({
      slug,
      html: readFileSync(join(PAGES_DIR, slug, 'source.html'), 'utf8'),
      expected: JSON.parse(readFileSync(join(PAGES_DIR, slug, 'expected.json'), 'utf8')) as PageExpectation,
    }));
}

const flat = (s: string): string => s.replace(/\s+/g, ' ').trim();

/** Every way `result` misses `expected`, as readable lines; [] when it matches. */
export function checkPageResult(result: ExtractResult, expected: PageExpectation): string[] {
  const problems: string[] = [];
  if (expected.expectError) {
    if (result.ok) problems.push(`expected ${expected.expectError}, got an article (${result.article.wordCount} words)`);
    else if (result.code !== expected.expectError) problems.push(`expected ${expected.expectError}, got ${result.code}: ${result.message}`);
    return problems;
  }
  if (!result.ok) return [`expected an article, got ${result.code}: ${result.message}`];
  const a = result.article;
  const text = flat(a.text);
  for (const s of expected.mustContain ?? []) if (!text.includes(flat(s))) problems.push(`text lacks: ${s.slice(0, 80)}`);
  for (const s of expected.mustNotContain ?? []) {
    if (text.toLowerCase().includes(s.toLowerCase())) problems.push(`text contains boilerplate: ${s}`);
    if (a.html.toLowerCase().includes(s.toLowerCase())) problems.push(`html contains boilerplate: ${s}`);
  }
  for (const s of expected.htmlMustContain ?? []) if (!a.html.includes(s)) problems.push(`html lacks: ${s}`);
  for (const s of expected.htmlMustNotContain ?? []) if (a.html.toLowerCase().includes(s.toLowerCase())) problems.push(`html contains: ${s}`);
  const fields = ['title', 'byline', 'publishedAt', 'siteName', 'imageUrl', 'lang', 'canonicalUrl'] as const;
  for (const f of fields) {
    if (expected[f] !== undefined && a[f] !== expected[f]) problems.push(`${f}: expected ${JSON.stringify(expected[f])}, got ${JSON.stringify(a[f])}`);
  }
  if (expected.prayerPoints && JSON.stringify(a.prayerPoints) !== JSON.stringify(expected.prayerPoints)) {
    problems.push(`prayerPoints: expected ${JSON.stringify(expected.prayerPoints)}, got ${JSON.stringify(a.prayerPoints)}`);
  }
  if (a.wordCount < 40) problems.push(`wordCount ${a.wordCount}`);
  if (a.readingTimeMinutes < 1) problems.push('readingTimeMinutes < 1');
  return problems;
}
