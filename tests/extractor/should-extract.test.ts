import { describe, expect, it } from 'vitest';
import { shouldExtract } from '../../src/extractor/index.js';

const words = (n: number): string => Array.from({ length: n }, (_, i) => `word${i}`).join(' ');

describe('shouldExtract', () => {
  it.each([
    ['a short teaser', { summary: 'Putin visited Pyongyang this week.', contentHtml: null }, true],
    ['a long summary without content', { summary: words(200), contentHtml: null }, false],
    ['full content', { summary: 'teaser', contentHtml: `<p>${words(400)}</p>` }, false],
    ['long content ending in [&hellip;]', { summary: '', contentHtml: `<p>${words(300)} [&hellip;]</p>` }, true],
    ['long content ending in "..."', { summary: '', contentHtml: `<p>${words(300)}...</p>` }, true],
    ['long content with "Continue reading"', { summary: '', contentHtml: `<p>${words(300)}</p><p><a href="/x">Continue reading →</a></p>` }, true],
    ['long content with "Read more"', { summary: '', contentHtml: `<p>${words(300)}</p><a href="/x">Read more</a>` }, true],
    ['long content with "The post ... appeared first on"', { summary: '', contentHtml: `<p>${words(300)}</p><p>The post Kim meets Putin appeared first on Example.</p>` }, true],
    ['empty content falls back to the summary', { summary: words(300), contentHtml: '  ' }, false],
  ])('auto: %s', (_name, item, expected) => {
    expect(shouldExtract(item, 'auto')).toBe(expected);
  });

  it('always and never ignore the content', () => {
    expect(shouldExtract({ summary: words(500), contentHtml: `<p>${words(500)}</p>` }, 'always')).toBe(true);
    expect(shouldExtract({ summary: 'teaser […]', contentHtml: null }, 'never')).toBe(false);
  });
});
