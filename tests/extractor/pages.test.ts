/** The golden page corpus: every case under tests/fixtures/pages, through the default DOM and through jsdom. */
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../src/extractor/index.js';
import { checkPageResult, loadPageCases } from './page-cases.js';

const cases = loadPageCases().filter((c) => !c.expected.poolOnly);

describe('page corpus', () => {
  it('has the required kinds of pages', () => {
    const articles = cases.filter((c) => !c.expected.expectError);
    expect(articles.length).toBeGreaterThanOrEqual(8);
    expect(cases.some((c) => c.expected.expectError === 'paywall')).toBe(true);
    expect(cases.some((c) => c.expected.expectError === 'not_readable')).toBe(true);
    expect(cases.some((c) => c.slug.startsWith('hostile'))).toBe(true);
    expect(loadPageCases().some((c) => c.expected.poolOnly)).toBe(true);
  });

  it.each(cases.map((c) => [c.slug, c] as const))('%s', (_slug, c) => {
    const result = extractArticle(c.html, c.expected.url);
    expect(checkPageResult(result, c.expected)).toEqual([]);
  });

  it.each(cases.map((c) => [c.slug, c] as const))('%s: linkedom and jsdom extract the same article', (_slug, c) => {
    const fast = extractArticle(c.html, c.expected.url, { dom: 'linkedom' });
    const slow = extractArticle(c.html, c.expected.url, { dom: 'jsdom' });
    expect(checkPageResult(slow, c.expected)).toEqual([]);
    if (fast.ok && slow.ok) {
      const { html: _h1, ...fastRest } = fast.article;
      const { html: _h2, ...slowRest } = slow.article;
      expect(fastRest).toEqual(slowRest);
      // jsdom inserts implied <tbody>; otherwise the markup is the same.
      expect(fast.article.html).toBe(slow.article.html.replace(/<\/?tbody>/g, ''));
    } else {
      expect(fast.ok).toBe(slow.ok);
    }
  });

  it('pre-stripping the source does not change the extraction', () => {
    for (const c of cases) {
      const stripped = extractArticle(c.html, c.expected.url, { dom: 'linkedom' });
      const raw = extractArticle(c.html, c.expected.url, { dom: 'linkedom', preStrip: false });
      expect(checkPageResult(raw, c.expected), c.slug).toEqual([]);
      if (stripped.ok && raw.ok) expect(stripped.article.text, c.slug).toBe(raw.article.text);
    }
  });
});
