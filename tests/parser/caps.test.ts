/** Every stored text field of an item has a length cap (ITEM_FIELD_LIMITS), applied at normalization. */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ITEM_FIELD_LIMITS, parseFeed, type ParsedItem } from '../../src/parser/index.js';

const MIB = 1024 * 1024;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** One RSS item with the given raw XML inside <item>, parsed through the real parser. */
async function parseItem(inner: string): Promise<ParsedItem> {
  const xml = `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>T</title><link>https://ex.org/</link><item>${inner}</item></channel></rss>`;
  const feed = await parseFeed(Buffer.from(xml), { url: 'https://ex.org/feed', contentType: 'application/rss+xml' });
  return feed.items[0]!;
}

const fields = (item: ParsedItem) => (item.truncated ?? []).map((t) => t.field);

describe('length caps at normalization', () => {
  it('cuts a 9.5 MiB title to the cap, with an ellipsis, and records the cut', async () => {
    const item = await parseItem(`<title>${'Prayer '.repeat(Math.ceil((9.5 * MIB) / 7))}</title><link>https://ex.org/a</link>`);
    expect(item.title.length).toBeLessThanOrEqual(ITEM_FIELD_LIMITS.title);
    expect(item.title.length).toBeGreaterThan(ITEM_FIELD_LIMITS.title - 10);
    expect(item.title.endsWith('…')).toBe(true);
    expect(item.truncated).toEqual([{ field: 'title', length: expect.any(Number) as number, limit: ITEM_FIELD_LIMITS.title }]);
    expect(item.truncated![0]!.length).toBeGreaterThan(9 * MIB);
  });

  it('never cuts inside a surrogate pair', async () => {
    for (const pad of [998, 999]) {
      const item = await parseItem(`<title>${'a'.repeat(pad)}${'🙏'.repeat(20)}</title>`);
      expect(item.title.length).toBeLessThanOrEqual(ITEM_FIELD_LIMITS.title);
      expect(item.title).not.toMatch(LONE_SURROGATE);
      const author = await parseItem(`<title>x</title><author>${'b'.repeat(pad - 700)}${'🙏'.repeat(20)}</author>`);
      expect(author.author!.length).toBeLessThanOrEqual(ITEM_FIELD_LIMITS.author);
      expect(author.author).not.toMatch(LONE_SURROGATE);
    }
    const summary = await parseItem(`<title>x</title><description>${'🙏'.repeat(2000)}</description>`);
    expect(summary.summary).not.toMatch(LONE_SURROGATE);
  });

  it('caps the author, each category and the number of categories', async () => {
    const categories = Array.from({ length: 150 }, (_, n) => `<category>topic ${n}</category>`).join('');
    const item = await parseItem(`<title>x</title><author>${'Name '.repeat(200)}</author><category>${'c'.repeat(5000)}</category>${categories}`);
    expect(item.author!.length).toBe(ITEM_FIELD_LIMITS.author);
    expect(item.categories).toHaveLength(ITEM_FIELD_LIMITS.categories);
    expect(item.categories[0]).toBe(`${'c'.repeat(ITEM_FIELD_LIMITS.category - 1)}…`);
    expect(fields(item)).toEqual(['author', 'category', 'categories']);
  });

  it('drops a URL over the cap instead of cutting it, and keys the item by its whole guid', async () => {
    const longPath = 'x'.repeat(3000);
    const guid = 'g'.repeat(5000);
    const item = await parseItem(`<title>x</title><guid isPermaLink="false">${guid}</guid><link>https://ex.org/${longPath}</link><enclosure url="https://ex.org/${longPath}.jpg" type="image/jpeg"/>`);
    expect(item.url).toBeNull();
    expect(item.imageUrl).toBeNull();
    expect(item.guid).toBe(guid.slice(0, ITEM_FIELD_LIMITS.guid));
    expect(item.key).toBe(createHash('sha256').update(`guid:${guid}`).digest('hex'));
    expect(fields(item).sort()).toEqual(['guid', 'imageUrl', 'url']);
  });

  it('cuts content HTML at a tag boundary, still sanitized, within the cap; the summary stays an excerpt', async () => {
    const paragraph = '<p>For the persecuted church &amp; its <a href="https://ex.org/x">leaders</a>.</p>';
    const content = paragraph.repeat(Math.ceil((3 * MIB) / paragraph.length));
    const item = await parseItem(`<title>x</title><description><![CDATA[${content}]]></description>`);
    expect(item.contentHtml!.length).toBeLessThanOrEqual(ITEM_FIELD_LIMITS.contentHtml);
    expect(item.contentHtml!.length).toBeGreaterThan(ITEM_FIELD_LIMITS.contentHtml * 0.9);
    expect(item.contentHtml!.endsWith('</p>') || item.contentHtml!.endsWith('…')).toBe(true);
    expect(item.contentHtml).not.toMatch(/<[^>]*$/);
    expect(item.summary.length).toBeLessThanOrEqual(ITEM_FIELD_LIMITS.summary + 1);
    expect(fields(item)).toEqual(['contentHtml']);
  });

  it('leaves ordinary items alone: no `truncated`', async () => {
    const item = await parseItem('<title>Pray for Nigeria</title><link>https://ex.org/a</link><author>Jo</author><category>Africa</category><description>Short.</description>');
    expect(item.truncated).toBeUndefined();
    expect(item).toMatchObject({ title: 'Pray for Nigeria', author: 'Jo', categories: ['Africa'], url: 'https://ex.org/a' });
  });

  it('caps the feed title too', async () => {
    const xml = `<rss version="2.0"><channel><title>${'T'.repeat(50_000)}</title><link>https://ex.org/${'p'.repeat(3000)}</link></channel></rss>`;
    const feed = await parseFeed(Buffer.from(xml), { url: 'https://ex.org/feed', contentType: null });
    expect(feed.title!.length).toBe(ITEM_FIELD_LIMITS.title);
    expect(feed.siteUrl).toBeNull();
  });
});
