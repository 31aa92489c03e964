import { describe, expect, it } from 'vitest';
import { buildCuratedFeed, COUNTRY_SCHEME } from '../../src/publish/build-curated-feed.js';
import type { CuratedEntry, FeedFormat } from '../../src/publish/types.js';
import { HOSTILE, isRfc3339, isRfc822, jsonFeedErrors, parseFeed, type ParsedItem } from './feed-check.js';
import { SITE } from './memory-source.js';
import { hostileEntry, makeEntry, sampleEntries } from './sample-entries.js';

const SELF = { rss: 'https://prayerwire.example/feed.xml', atom: 'https://prayerwire.example/feed.atom', json: 'https://prayerwire.example/feed.json' };
const build = (entries: CuratedEntry[], format: FeedFormat, extra: Partial<Parameters<typeof buildCuratedFeed>[1]> = {}) =>
  buildCuratedFeed(entries, { format, site: SITE, selfUrl: SELF[format], ...extra });

function byGuid(items: ParsedItem[], id: number): ParsedItem {
  const guid = `tag:prayerwire.example,2026-11-25:item/${id}`;
  const item = items.find((i) => i.guid === guid || i.id === guid);
  if (!item) throw new Error(`no item ${guid}`);
  return item;
}

function json(entries: CuratedEntry[], extra = {}) {
  return JSON.parse(build(entries, 'json', extra)) as { items: Record<string, any>[] } & Record<string, any>;
}

describe('buildCuratedFeed: RSS 2.0', () => {
  it('parses back with ids, RFC 822 dates, links, categories with the ISO code as domain', async () => {
    const entries = sampleEntries();
    const xml = build(entries, 'rss');
    const feed = await parseFeed(xml);
    expect(feed.items).toHaveLength(entries.length);
    expect(feed.title).toBe('Prayerwire');
    const one = byGuid(feed.items, 1);
    expect(one.link).toBe('https://news.example.org/articles/1?ref=rss&lang=en');
    expect(xml).toContain('<guid isPermaLink="false">tag:prayerwire.example,2026-11-25:item/1</guid>');
    expect(isRfc822(one.pubDate!)).toBe(true);
    expect(new Date(one.pubDate!).toISOString()).toBe(entries[0]!.publishedAt);
    expect(xml).toContain('<category domain="KP">North Korea</category>');
    expect(xml).toContain('<category domain="RU">Russia</category>');
    expect(one.categories).toEqual(expect.arrayContaining([expect.objectContaining({ _: 'North Korea' })]));
    const lastBuild = /<lastBuildDate>([^<]+)<\/lastBuildDate>/.exec(xml)?.[1] ?? '';
    expect(isRfc822(lastBuild)).toBe(true);
  });

  it('names the author with dc:creator, never a bare name in <author>, and declares its namespaces', async () => {
    const xml = build(sampleEntries(), 'rss');
    expect(xml).not.toMatch(/<author>/);
    expect(xml).toContain('<dc:creator>Thomas Muller</dc:creator>');
    for (const ns of ['xmlns:dc=', 'xmlns:content=', 'xmlns:atom=', 'xmlns:media=']) expect(xml).toContain(ns);
    const feed = await parseFeed(xml);
    expect(byGuid(feed.items, 1).creator).toBe('Thomas Muller');
  });

  it('attributes the primary source and carries the lead image as an enclosure with a guessed type', async () => {
    const xml = build(sampleEntries(), 'rss');
    expect(xml).toContain('<source url="https://od.example.org/feed.xml">Open Doors Analytical</source>');
    expect(xml).toMatch(/<enclosure length="0" type="image\/jpeg" url="https:\/\/img\.example\.org\/photos\/1\.jpg"\/>/);
    expect(xml).toMatch(/<enclosure length="0" type="image\/png" url="https:\/\/img\.example\.org\/a\.png"\/>/);
    expect(xml).toContain('<media:content url="https://img.example.org/photos/1.jpg" type="image/jpeg" medium="image"/>');
    const feed = await parseFeed(xml);
    expect((byGuid(feed.items, 1).enclosure as { url: string }).url).toBe('https://img.example.org/photos/1.jpg');
  });

  it('links rel="self" and rel="hub" for WebSub, and omits the hub when there is none', () => {
    const xml = build([makeEntry(1)], 'rss');
    expect(xml).toContain('<atom:link href="https://prayerwire.example/feed.xml" rel="self" type="application/rss+xml"/>');
    expect(xml).toContain('<atom:link href="https://hub.example/" rel="hub"/>');
    const noHub = buildCuratedFeed([makeEntry(1)], { format: 'rss', site: { ...SITE, websubHub: null }, selfUrl: SELF.rss });
    expect(noHub).not.toContain('rel="hub"');
    expect(noHub).toContain('rel="self"');
  });

  it('strips control characters that would break the XML', async () => {
    const xml = build([makeEntry(1, { title: 'Bad\u0000 ti\u0007tle\u001b here', text: 'a\u000bb c' })], 'rss');
    expect(xml).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
    const feed = await parseFeed(xml);
    expect(feed.items[0]!.title).toBe('Bad title here');
  });
});

describe('buildCuratedFeed: Atom 1.0', () => {
  it('parses back with ids, RFC 3339 published/updated, categories with term, label and scheme', async () => {
    const entries = sampleEntries();
    const xml = build(entries, 'atom');
    const feed = await parseFeed(xml);
    expect(feed.items).toHaveLength(entries.length);
    const one = byGuid(feed.items, 1);
    expect(one.link).toBe('https://news.example.org/articles/1?ref=rss&lang=en');
    expect(isRfc3339(one.published as string)).toBe(true);
    expect(isRfc3339(one.updated as string)).toBe(true);
    expect(one.published).toBe(entries[0]!.publishedAt);
    expect(one.updated).toBe(entries[0]!.publishedAt);
    expect(xml).toContain(`<category label="North Korea" scheme="${COUNTRY_SCHEME}" term="KP"/>`);
    expect(xml).not.toMatch(/<category(?![^>]*term=)[^>]*>/);
    expect(xml).toMatch(/<link rel="self" href="https:\/\/prayerwire\.example\/feed\.atom"\/>/);
    expect(xml).toMatch(/<link rel="hub" href="https:\/\/hub\.example\/"\/>/);
  });

  it('attributes the source with <source><id/><title/><link/></source> and the image as media:content', () => {
    const xml = build([makeEntry(1)], 'atom');
    expect(xml).toContain(
      '<source><id>https://od.example.org/feed.xml</id><title>Open Doors Analytical</title><link rel="alternate" href="https://od.example.org/"/><link rel="self" href="https://od.example.org/feed.xml"/></source>',
    );
    expect(xml).toContain('<media:content url="https://img.example.org/photos/1.jpg" type="image/jpeg" medium="image"/>');
    expect(xml).toContain('xmlns:media="http://search.yahoo.com/mrss/"');
    expect(xml).not.toContain('<rights>');
    expect(xml).not.toContain('type="image/jpg"');
  });

  it('escapes titles because Atom titles are type="html"', async () => {
    const xml = build([makeEntry(1, { title: 'Kim & Putin: "pact" <signed>' })], 'atom');
    expect(xml).toContain('Kim &#38; Putin: &#34;pact&#34;');
    expect(xml).not.toContain('<signed>');
  });

  it('uses updatedAt for <updated> when corrected', async () => {
    const xml = build([makeEntry(4, { updatedAt: '2026-11-26T08:30:00.000Z' })], 'atom');
    const item = (await parseFeed(xml)).items[0]!;
    expect(item.updated).toBe('2026-11-26T08:30:00.000Z');
    expect(item.published).toBe(makeEntry(4).publishedAt);
  });
});

describe('buildCuratedFeed: JSON Feed 1.1', () => {
  it('validates against the JSON Feed 1.1 schema and says version 1.1', () => {
    const doc = json(sampleEntries());
    expect(jsonFeedErrors(doc)).toEqual([]);
    expect(doc.version).toBe('https://jsonfeed.org/version/1.1');
    expect(doc.feed_url).toBe(SELF.json);
    expect(doc.hubs).toEqual([{ type: 'WebSub', url: 'https://hub.example/' }]);
    expect(doc.language).toBe('en');
    expect(doc.author).toBeUndefined();
  });

  it('gives every item its guid as id, date_published and date_modified, authors, tags, image', () => {
    const entries = sampleEntries();
    const doc = json(entries);
    const one = doc.items.find((i) => i.id === entries[0]!.guid)!;
    expect(one.date_published).toBe(entries[0]!.publishedAt);
    expect(one.date_modified).toBe(entries[0]!.publishedAt);
    expect(one.authors).toEqual([{ name: 'Thomas Muller' }]);
    expect(one.author).toBeUndefined();
    expect(one.tags).toEqual(['North Korea', 'Russia']);
    expect(one.image).toBe('https://img.example.org/photos/1.jpg');
    expect(one.url).toBe(entries[0]!.url);
    for (const item of doc.items) expect(item.date_published).toBeTruthy();
  });

  it('carries the _prayerwire extension object per item', () => {
    const doc = json(sampleEntries());
    const one = doc.items.find((i) => i.id.endsWith('/1'))!;
    expect(one._prayerwire).toMatchObject({
      points: ['For the global Church to continue praying and interceding for North Korean believers', 'For wisdom for leaders'],
      scripture: 'Psalm 46:1 God is our refuge and strength',
      countries: ['KP', 'RU'],
      status: 'published',
      sources: [
        { name: 'Open Doors Analytical', siteUrl: 'https://od.example.org/', feedUrl: 'https://od.example.org/feed.xml' },
        { name: 'Mission Network News', siteUrl: 'https://mnn.example.org/', feedUrl: 'https://mnn.example.org/rss' },
      ],
    });
    const retracted = doc.items.find((i) => i.id.endsWith('/5'))!;
    expect(retracted._prayerwire).toMatchObject({ status: 'retracted', retractedAt: '2026-11-27T09:00:00.000Z', retractionReason: 'The source withdrew the report.' });
  });
});

describe('content: prayer note first, then the article per republish policy', () => {
  const contentOf = (entry: CuratedEntry) => json([entry]).items[0]!.content_html as string;

  it('puts the prayer note block first: points as a list, scripture, the note html', () => {
    const html = contentOf(makeEntry(1));
    expect(html.indexOf('prayer-note')).toBeLessThan(html.indexOf('Russian President'));
    expect(html).toContain('<ul><li>For the global Church to continue praying and interceding for North Korean believers</li><li>For wisdom for leaders</li></ul>');
    expect(html).toContain('Psalm 46:1 God is our refuge and strength');
    expect(html).toContain('<p>Pray for the <strong>Russian residents</strong> of Pyongyang.</p>');
  });

  it('excerpt: the first ~60 words and a link to the full article at the source', () => {
    const html = contentOf(makeEntry(1, { republish: 'excerpt' }));
    const excerpt = /<\/div><p>([^<]*)<\/p>/.exec(html)?.[1] ?? '';
    expect(excerpt.split(/\s+/).length).toBe(60);
    expect(excerpt.endsWith('…')).toBe(true);
    expect(html).toContain('>Read the full article at Open Doors Analytical</a>');
    expect(html).not.toContain('Second paragraph');
  });

  it('link: title and link only, no article text', () => {
    const html = contentOf(makeEntry(2, { republish: 'link', title: 'Kim meets Putin' }));
    expect(html).toContain('<a href="https://news.example.org/articles/2?ref=rss&#38;lang=en">Kim meets Putin</a>');
    expect(html).not.toContain('Russian President');
  });

  it('full: the sanitized article html', () => {
    const html = contentOf(makeEntry(3, { republish: 'full' }));
    expect(html).toContain('<p>Second paragraph of the full article.</p>');
  });

  it('full without html falls back to the excerpt', () => {
    const html = contentOf(makeEntry(3, { republish: 'full', html: null }));
    expect(html).toContain('Read the full article at');
  });

  it('a correction shows "Updated <date>"', () => {
    const html = contentOf(makeEntry(4, { updatedAt: '2026-11-26T08:30:00.000Z' }));
    expect(html).toContain('<p><em>Updated 26 Nov 2026, 08:30 UTC</em></p>');
    expect(contentOf(makeEntry(1))).not.toContain('Updated');
  });

  it('a retraction replaces the content with a notice (when, why) and prefixes the title', async () => {
    const entry = makeEntry(5, { status: 'retracted', retractedAt: '2026-11-27T09:00:00.000Z', retractionReason: 'The source withdrew the report.' });
    const doc = json([entry]);
    expect(doc.items[0]!.title).toBe(`Retracted: ${entry.title}`);
    expect(doc.items[0]!.content_html).toBe('<p><strong>This item was retracted on 27 Nov 2026, 09:00 UTC. Reason: The source withdrew the report.</strong></p>');
    expect(doc.items[0]!.image).toBeUndefined();
    expect(doc.items[0]!.url).toBe('https://prayerwire.example/items/5');
    expect(doc.items[0]!.date_modified).toBe('2026-11-27T09:00:00.000Z');
    const rss = await parseFeed(build([entry], 'rss'));
    expect(rss.items[0]!.title).toBe(`Retracted: ${entry.title}`);
    expect(rss.items[0]!['content:encoded']).toContain('retracted on 27 Nov 2026');
  });
});

describe('country feeds and hostile content', () => {
  it('titles a country feed with the country and links its page', async () => {
    const xml = build([makeEntry(1)], 'rss', { country: { code: 'KP', name: 'North Korea' }, selfUrl: 'https://prayerwire.example/countries/kp/feed.xml' });
    const feed = await parseFeed(xml);
    expect(feed.title).toBe('Prayerwire: North Korea');
    expect(feed.link).toBe('https://prayerwire.example/countries/kp');
  });

  it.each(['rss', 'atom', 'json'] as const)('never lets script, handlers or javascript: links into %s', async (format) => {
    const out = build([hostileEntry(), makeEntry(1)], format);
    expect(out).not.toMatch(HOSTILE);
    if (format === 'json') {
      const doc = JSON.parse(out);
      expect(jsonFeedErrors(doc)).toEqual([]);
      expect(doc.items[0].url).toBe('https://prayerwire.example/items/99');
      expect(doc.items[0].title).toBe('Breaking news & more');
    } else {
      const feed = await parseFeed(out);
      expect(feed.items).toHaveLength(2);
      expect(feed.items[0]!.link).toBe('https://prayerwire.example/items/99');
    }
  });

  it('is deterministic: the same entries give the same bytes', () => {
    for (const f of ['rss', 'atom', 'json'] as const) expect(build(sampleEntries(), f)).toBe(build(sampleEntries(), f));
  });

  it('renders an empty feed validly', async () => {
    expect((await parseFeed(build([], 'rss'))).items).toEqual([]);
    expect((await parseFeed(build([], 'atom'))).items).toEqual([]);
    expect(jsonFeedErrors(json([]))).toEqual([]);
  });
});

describe('the JSON Feed schema itself', () => {
  it('rejects what the feed package writes unfixed: version 1 and a string id missing', () => {
    expect(jsonFeedErrors({ version: 'https://jsonfeed.org/version/1', title: 't', items: [] })).not.toEqual([]);
    expect(jsonFeedErrors({ version: 'https://jsonfeed.org/version/1.1', title: 't', items: [{ content_html: 'x' }] })).not.toEqual([]);
    expect(jsonFeedErrors({ version: 'https://jsonfeed.org/version/1.1', title: 't', items: [{ id: '1', content_html: 'x', author: { name: 'a' } }] })).not.toEqual([]);
  });
});
