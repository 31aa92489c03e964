import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addPageCase } from '../../scripts/add-page-case.js';
import { extractArticle } from '../../src/extractor/index.js';
import { checkPageResult, loadPageCases, type PageExpectation } from './page-cases.js';

describe('scripts/add-page-case', () => {
  const source = loadPageCases().find((c) => c.slug === 'wp-kim-putin-summit')!;

  it('writes source.html and a draft expected.json that the current extraction passes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pages-'));
    const saved = join(dir, 'saved.html');
    writeFileSync(saved, source.html);
    const file = addPageCase(saved, 'new-case', source.expected.url, { pagesDir: dir });
    const expected = JSON.parse(readFileSync(file, 'utf8')) as PageExpectation;
    expect(readFileSync(join(dir, 'new-case', 'source.html'), 'utf8')).toBe(source.html);
    expect(expected.mustContain!.length).toBeGreaterThanOrEqual(2);
    expect(expected.prayerPoints).toHaveLength(3);
    expect(checkPageResult(extractArticle(source.html, expected.url), expected)).toEqual([]);
    expect(() => addPageCase(saved, 'new-case', source.expected.url, { pagesDir: dir })).toThrow(/exists/);
  });

  it('follows a .url file to the saved page and records failures as expectError', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pages-'));
    writeFileSync(join(dir, 'gallery.html'), loadPageCases().find((c) => c.slug === 'gallery-index-page')!.html);
    writeFileSync(join(dir, 'gallery.url'), 'gallery.html\n');
    const file = addPageCase(join(dir, 'gallery.url'), 'gallery', 'https://photos.example/g', { pagesDir: dir });
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ url: 'https://photos.example/g', expectError: 'not_readable' });
  });
});
