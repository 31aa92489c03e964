import { describe, expect, it } from 'vitest';
import { ParseError, type ParsedFeed, type ParsedItem } from '../../src/parser/index.js';
import { parseFixture } from './fixtures.js';

interface ItemExpect {
  title: string;
  url?: string | null;
  guid?: string | null;
  publishedAt?: string | null;
  updatedAt?: string | null;
  author?: string | null;
  categories?: string[];
  imageUrl?: string | null;
  summary?: string;
  contentHtml?: string | null;
}

interface FeedCase {
  file: string;
  contentType?: string;
  format: ParsedFeed['format'];
  version: string;
  title: string;
  siteUrl?: string | null;
  language?: string | null;
  ttlMinutes?: number | null;
  updatePeriodMinutes?: number | null;
  /** Substrings expected in the warnings, in any order; [] means no warnings at all. */
  warnings?: string[];
  items: ItemExpect[];
}

const CASES: FeedCase[] = [
  {
    file: 'rss090.rdf',
    format: 'rdf',
    version: 'rss0.90',
    title: 'Open Doors Prayer Wire',
    siteUrl: 'http://www.example-mission.org/',
    warnings: [],
    items: [
      { title: 'Kim Jong Un meets Putin at Vostochny', url: 'http://www.example-mission.org/news/kim-putin-vostochny', guid: null },
      { title: "Flooding worsens North Korea's food shortage", url: 'http://www.example-mission.org/news/north-korea-flooding' },
    ],
  },
  {
    file: 'rss091.xml',
    format: 'rss',
    version: 'rss0.91',
    title: 'Mission Française — Prière',
    language: 'fr',
    warnings: [],
    items: [
      { title: 'Prière pour l’Église en Corée du Nord', url: 'https://priere.example.fr/2023/09/coree-du-nord', summary: 'Kim Jong Un a rencontré Vladimir Poutine à Vostochny.' },
      { title: 'Vietnam et Chine : rivaux historiques', url: 'https://priere.example.fr/2024/06/vietnam-chine' },
    ],
  },
  {
    file: 'rss092.xml',
    format: 'rss',
    version: 'rss0.92',
    title: 'Voice of the Martyrs Radio',
    items: [
      {
        title: 'Broadcast: Praying for Russia and North Korea',
        categories: ['North Korea'],
        imageUrl: null, // the only enclosure is audio
        contentHtml: '<p>This week we pray for <b>believers in North Korea</b>.</p>',
        summary: 'This week we pray for believers in North Korea.',
      },
      // No <title>: the first 12 words of the summary.
      { title: 'Russia has a 57% Christian population (although only 1.41% evangelical), while North…', url: 'https://radio.example-mission.org/episodes/41' },
    ],
  },
  {
    file: 'rss10.rdf',
    format: 'rdf',
    version: 'rss1.0',
    title: 'World Watch Research',
    language: 'en-gb',
    updatePeriodMinutes: 360, // daily, 4 times
    items: [
      {
        title: 'North Korea/Russia: Mutual defense pact',
        guid: 'https://watch.example.org/2024/06/mutual-defense-pact',
        publishedAt: '2024-06-26T07:30:00.000Z',
        author: 'Thomas Muller',
        categories: ['North Korea'],
      },
      { title: 'Putin visits Russian Orthodox Church in Pyongyang', publishedAt: '2024-06-19T00:00:00.000Z', author: 'World Watch Research' },
    ],
  },
  {
    file: 'rss2.xml',
    format: 'rss',
    version: 'rss2.0',
    title: 'Mission Network News',
    siteUrl: 'https://www.mnn.example.org/',
    language: 'en-US',
    ttlMinutes: 45,
    updatePeriodMinutes: 60,
    warnings: [],
    items: [
      {
        title: 'Kim Jong Un meets Putin: what it means for North Korea’s Christians',
        url: 'https://www.mnn.example.org/2023/09/kim-putin-summit/',
        guid: 'https://www.mnn.example.org/?p=10234',
        publishedAt: '2023-09-13T16:45:00.000Z',
        author: 'Alex Pollock',
        categories: ['North Korea', 'Russia'],
        imageUrl: 'https://www.mnn.example.org/wp-content/uploads/2023/09/kim-putin-large.jpg',
        summary: 'Kim Jong Un met Vladimir Putin in a rare summit held in eastern Russia.',
      },
      {
        title: 'Flooding deepens North Korea’s food crisis',
        publishedAt: '2023-09-14T12:00:00.000Z',
        author: 'Mission Network News',
        imageUrl: 'https://cdn.mnn.example.org/flood.jpg',
      },
      // guid isPermaLink="true" and no <link>: the guid is the link.
      {
        title: 'Prayer points for the week',
        url: 'https://www.mnn.example.org/2023/09/prayer-points/',
        imageUrl: 'https://cdn.mnn.example.org/video-thumb.jpg',
      },
    ],
  },
  {
    file: 'atom03.xml',
    format: 'atom',
    version: 'atom0.3',
    title: 'Persecution Blog',
    siteUrl: 'https://blog.example-mission.org/',
    language: 'en',
    items: [
      {
        title: 'Putin’s visit to Pyongyang',
        guid: 'tag:blog.example-mission.org,2024:putin-pyongyang',
        publishedAt: '2024-06-19T09:00:00.000Z',
        updatedAt: '2024-06-20T08:00:00.000Z',
        author: 'Thomas Muller',
        contentHtml: '<p>Putin received a <em>red-carpet</em> welcome.</p>',
      },
      { title: 'Vietnam and China: historic rivals', publishedAt: '2024-06-21T07:15:00.000Z', summary: 'Vietnam today remains very wary of China.' },
    ],
  },
  {
    file: 'atom10.xml',
    format: 'atom',
    version: 'atom1.0',
    title: 'Asia Prayer Desk',
    siteUrl: 'https://news.example-mission.org/asia/',
    language: 'en-GB',
    warnings: [],
    items: [
      {
        title: 'Kim & Putin sign a mutual defense pact',
        // entry xml:base "korea/" on feed xml:base ".../asia/"; utm_campaign dropped
        url: 'https://news.example-mission.org/asia/korea/defense-pact.html',
        guid: 'urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a',
        publishedAt: '2024-06-19T00:00:00.000Z',
        updatedAt: '2024-06-20T09:00:00.000Z',
        author: 'World Watch Research',
        categories: ['North Korea', 'Russia', 'prayer'],
        imageUrl: 'https://news.example-mission.org/asia/img/pact.jpg',
        summary: 'Russia and North Korea signed a pact on 19 June 2024.',
      },
      { title: 'Church of the Life-Giving Trinity', url: 'https://news.example-mission.org/churches/trinity', publishedAt: '2024-06-21T06:00:00.000Z' },
      { title: 'Vietnam: Putin’s next stop', url: 'https://other.example.com/vietnam', contentHtml: '<p>Vietnam remains wary of China &lt;and&gt; of Russia.</p>' },
    ],
  },
  {
    file: 'jsonfeed10.json',
    contentType: 'application/feed+json',
    format: 'json',
    version: 'json1.0',
    title: 'Prayer Alerts',
    siteUrl: 'https://alerts.example-mission.org/',
    items: [
      {
        title: 'Pray for North Korea after the Kim–Putin summit',
        guid: '2023-09-13-kim-putin',
        publishedAt: '2023-09-13T22:00:00.000Z',
        author: 'Alex Pollock',
        categories: ['North Korea', 'Russia'],
        imageUrl: 'https://feeds.example.org/images/kim-putin.jpg',
        summary: 'Pray for the opening of doors.',
      },
      {
        title: 'The Christian legacy of the Kim family',
        guid: '42',
        url: 'https://feeds.example.org/2023/09/kim-family',
        updatedAt: '2023-09-15T09:00:00.000Z',
        contentHtml: '<p>Kim Hyong-jik attended a school run by Christian missionaries.</p><p>Pray that the seeds planted will bear fruit.</p>',
      },
    ],
  },
  {
    file: 'jsonfeed11.json',
    format: 'json',
    version: 'json1.1',
    title: 'Église Persécutée — JSON',
    language: 'fr-FR',
    warnings: ['1 JSON Feed item(s) that are not objects'],
    items: [
      {
        title: 'Le pacte de défense mutuelle',
        url: 'https://json.example-mission.org/pacte?page=2',
        author: 'Thomas Müller',
        imageUrl: 'https://json.example-mission.org/img/banner.jpg',
        publishedAt: '2024-06-19T03:00:00.000Z',
      },
      { title: 'Le Vietnam reste très méfiant envers la Chine, et les deux nations…', url: 'https://example.com/vietnam' },
    ],
  },
  {
    file: 'cp1252.xml',
    format: 'rss',
    version: 'rss2.0',
    title: 'Mission Café — Prayer News',
    warnings: [],
    items: [
      { title: '“Pray for North Korea” — a week of prayer', summary: 'Kim Jong Un’s visit cost €2 million, reports say.' },
      { title: 'Caritas raises €50,000 for flood relief – “Thank you”', summary: 'Flooding damaged the country’s fields… again.' },
    ],
  },
  {
    file: 'iso-8859-1.xml',
    format: 'rss',
    version: 'rss2.0',
    title: 'Église persécutée',
    items: [{ title: 'Prière pour la Corée du Nord' }, { title: 'Müller: “Kim pulls all the stops”' }],
  },
  {
    file: 'utf16le-bom.xml',
    format: 'rss',
    version: 'rss2.0',
    title: 'Мир и молитва',
    items: [{ title: 'Путин посетил Пхеньян', summary: 'Визит 18–19 июня 2024 года.' }, { title: '북한과 러시아 정상회담 — “Pray”' }],
  },
  {
    file: 'utf16be.xml',
    format: 'rss',
    version: 'rss2.0',
    title: 'Мир и молитва',
    items: [{ title: 'Путин посетил Пхеньян' }, { title: '북한과 러시아 정상회담 — “Pray”' }],
  },
  {
    file: 'charset-header-only.xml',
    contentType: 'application/rss+xml; charset=windows-1251',
    format: 'rss',
    version: 'rss2.0',
    title: 'Новости для молитвы',
    items: [{ title: 'Путин посетил Пхеньян', summary: 'Подписан пакт о взаимной обороне.' }],
  },
  {
    file: 'charset-prolog-only.xml',
    contentType: 'application/xml',
    format: 'rss',
    version: 'rss2.0',
    title: '북한 기도 소식',
    items: [{ title: '북한과 러시아 정상회담', summary: '김정은 위원장이 러시아를 방문했다.' }],
  },
  {
    file: 'bom-contradicts-prolog.xml',
    format: 'rss',
    version: 'rss2.0',
    title: 'Sœur Thérèse — “prayer”',
    items: [{ title: 'Ōsaka and Zürich pray for Pyongyang', summary: 'Über 1.000 Beter.' }],
  },
  {
    file: 'malformed-bare-amp.xml',
    format: 'rss',
    version: 'rss2.0',
    title: 'Prayer & Action News',
    warnings: ['escaped bare &', 'replaced HTML entities', 'escaped unknown entity', 'line 4'],
    items: [{ title: 'Food & medicine for North Korea… &bogus; update', url: 'https://www.example-mission.org/news?id=7&lang=en', summary: 'Aid & relief: 5 < 7 tonnes arrived.' }],
  },
  {
    file: 'malformed-truncated.xml',
    format: 'rss',
    version: 'rss2.0',
    title: 'Truncated Mission Feed',
    warnings: ['Unclosed root tag at line 14', 'closed tags left open at the end'],
    items: [{ title: 'Putin visits Pyongyang' }, { title: 'Mutual defense pact signed', summary: 'The most significant event of the vis' }],
  },
  {
    file: 'malformed-junk-after-root.xml',
    format: 'rss',
    version: 'rss2.0',
    title: 'Junk After Root',
    items: [{ title: 'Prayer for Ukraine', url: 'https://www.example-mission.org/news/ukraine' }],
  },
  {
    file: 'malformed-junk-before-root.xml',
    format: 'rss',
    version: 'rss2.0',
    title: 'Junk Before Root',
    warnings: ['removed junk before the root element'],
    items: [{ title: 'Prayer for Afghanistan' }],
  },
  {
    file: 'malformed-mismatched.xml',
    format: 'rss',
    version: 'rss2.0',
    title: 'Mismatched Tags',
    warnings: ['Unexpected close tag at line 7', 'closed unclosed tags', 'removed stray close tag'],
    items: [{ title: 'Sanctions and aid', summary: 'State Department: we won\'t hesitate to impose sanctions' }, { title: 'Second item survives' }],
  },
  {
    file: 'malformed-control-chars.xml',
    format: 'rss',
    version: 'rss2.0',
    title: 'Control characters',
    warnings: ['removed 4 control character(s)'],
    items: [{ title: 'Flood relief update', contentHtml: 'Agricultural land damaged.' }],
  },
  {
    file: 'billion-laughs.xml',
    format: 'rss',
    version: 'rss2.0',
    title: 'Laughs &lol9;', // never expanded: the reference stays as text
    warnings: ['removed DOCTYPE', 'escaped unknown entity'],
    items: [{ title: '&lol9;&xxe;', url: 'https://www.example-mission.org/news/laughs' }],
  },
  {
    file: 'tracking-params.xml',
    format: 'rss',
    version: 'rss2.0',
    title: 'Tracked Links',
    siteUrl: 'https://www.example-mission.org/',
    warnings: ['dropped 1 item(s) whose key repeats an earlier item'],
    items: [
      { title: 'UTM and fragment', url: 'https://www.example-mission.org/news/1?id=1' },
      { title: 'Click ids', url: 'http://www.example-mission.org/news/2?page=2' },
      { title: 'Relative with params kept in order', url: 'https://feeds.example.org/news/3?z=1&a=2&q=North+Korea' },
      { title: 'Not http', url: null },
    ],
  },
  {
    file: 'dates.xml',
    format: 'rss',
    version: 'rss2.0',
    title: 'Odd Dates',
    items: [
      { title: 'RFC 822 with PDT', guid: 'd1', publishedAt: '2023-09-13T17:00:00.000Z' },
      { title: 'Two-digit year, EST, no seconds', publishedAt: '2023-09-13T15:00:00.000Z' },
      { title: 'ISO without zone', publishedAt: '2023-09-13T10:00:00.000Z' },
      { title: 'RFC 3339 with offset and fraction', publishedAt: '2023-09-13T04:30:00.250Z' },
      { title: 'Full month name', publishedAt: '2023-09-13T08:00:00.000Z' },
      { title: 'Garbage', publishedAt: null },
      { title: 'Missing', publishedAt: null },
      { title: 'Far future', publishedAt: null },
      { title: 'Impossible day', publishedAt: null },
      { title: 'dc:date only', publishedAt: '2023-09-13T00:00:00.000Z' },
      { title: 'Zero date', publishedAt: null },
      { title: 'Space separated with UTC', guid: 'd12', publishedAt: '2023-09-13T10:00:00.000Z' },
    ],
  },
  {
    file: 'missing-titles.xml',
    format: 'rss',
    version: 'rss2.0',
    title: 'Missing Titles',
    warnings: ['dropped 1 item(s) whose key repeats an earlier item'],
    items: [
      { title: 'Russia and North Korea’s partnership is troubling. But perhaps there is some…' },
      { title: 'Pray for Vietnam.' },
      { title: '(untitled)', url: 'https://titles.example-mission.org/c', summary: '', contentHtml: null },
      { title: 'Putin & Kim: a “no limits” friendship?', guid: 'dup-guid' },
    ],
  },
];

function pick(item: ParsedItem, expected: ItemExpect): Partial<ParsedItem> {
  const out: Partial<ParsedItem> = {};
  for (const key of Object.keys(expected) as (keyof ItemExpect)[]) (out as Record<string, unknown>)[key] = item[key];
  return out;
}

describe('parseFeed over the fixture table', () => {
  it.each(CASES.map((c) => [c.file, c] as const))('%s', async (_name, c) => {
    const feed = await parseFixture(c.file, c.contentType ?? null);
    expect(feed.format).toBe(c.format);
    expect(feed.version).toBe(c.version);
    expect(feed.title).toBe(c.title);
    if (c.siteUrl !== undefined) expect(feed.siteUrl).toBe(c.siteUrl);
    if (c.language !== undefined) expect(feed.language).toBe(c.language);
    if (c.ttlMinutes !== undefined) expect(feed.ttlMinutes).toBe(c.ttlMinutes);
    if (c.updatePeriodMinutes !== undefined) expect(feed.updatePeriodMinutes).toBe(c.updatePeriodMinutes);
    if (c.warnings?.length === 0) expect(feed.warnings).toEqual([]);
    for (const w of c.warnings ?? []) expect(feed.warnings.join('\n')).toContain(w);
    expect(feed.items.map((i) => i.title)).toEqual(c.items.map((i) => i.title));
    c.items.forEach((expected, n) => expect(pick(feed.items[n]!, expected), `item ${n}`).toEqual(expected));
    for (const item of feed.items) {
      expect(item.key).toMatch(/^[0-9a-f]{64}$/);
      expect(item.contentHash).toMatch(/^[0-9a-f]{64}$/);
    }
    expect(new Set(feed.items.map((i) => i.key)).size).toBe(feed.items.length);
  });
});

describe('parseFeed errors', () => {
  const ERRORS: [file: string, code: ParseError['code'], message: RegExp, contentType?: string][] = [
    ['empty.xml', 'empty', /empty/],
    ['whitespace-only.xml', 'empty', /whitespace/],
    ['html-page.html', 'html_page', /HTML page/, 'text/html; charset=utf-8'],
    ['opml.xml', 'not_a_feed', /<opml>/],
    ['not-a-feed.json', 'not_a_feed', /items/],
    ['malformed-hopeless.xml', 'malformed', /Unexpected end at line 3/],
    ['malformed.json', 'malformed', /malformed JSON/],
  ];
  it.each(ERRORS)('%s -> %s', async (file, code, message, contentType) => {
    const error = await parseFixture(file, contentType ?? null).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ParseError);
    expect((error as ParseError).code).toBe(code);
    expect((error as ParseError).message).toMatch(message);
  });

  it('html_page carries the autodiscovered feeds in document order', async () => {
    const error = (await parseFixture('html-page.html').catch((e: unknown) => e)) as ParseError;
    expect(error.code).toBe('html_page');
    expect(error.discovered).toEqual([
      'https://feeds.example.org/feed/',
      'https://www.example-mission.org/comments/feed/',
      'https://feeds.example.org/atom.xml',
      'https://feeds.example.org/feed.json',
      'https://feeds.example.org/wp-json/wp/v2/posts?per_page=10&lang=en',
    ]);
  });
});

describe('parseFeed details', () => {
  it('sanitizes content: scripts and handlers gone, relative URLs absolute against the feed URL', async () => {
    const feed = await parseFixture('rss2.xml');
    const html = feed.items[0]!.contentHtml!;
    expect(html).not.toMatch(/script|onerror|onclick|track\(\)/);
    expect(html).toContain('src="https://feeds.example.org/wp-content/uploads/2023/09/kim-putin.jpg"');
    expect(html).toContain('href="https://feeds.example.org/2023/09/prayer-points/"');
  });

  it('keeps Atom xhtml content in order and resolves its links against entry xml:base', async () => {
    const feed = await parseFixture('atom10.xml');
    const html = feed.items[0]!.contentHtml!;
    expect(html).toContain('<p>Putin received a <strong>red-carpet</strong> welcome in Pyongyang &amp; signed the pact.</p>');
    expect(html).toContain('<a href="https://news.example-mission.org/asia/korea/analysis.html" rel="noopener noreferrer nofollow">Read the analysis</a>');
    expect(html).toContain('src="https://news.example-mission.org/asia/img/crowd.jpg"');
    expect(html).not.toContain('xmlns');
    // Entry without xml:base: content links resolve against the feed's xml:base.
    expect(feed.items[1]!.contentHtml).toContain('href="https://news.example-mission.org/asia/residents"');
  });

  it('computes keys by the documented chain: guid, else url, else title+summary', async () => {
    const { itemKey } = await import('../../src/parser/index.js');
    const rss2 = await parseFixture('rss2.xml');
    expect(rss2.items[0]!.key).toBe(itemKey('https://www.mnn.example.org/?p=10234', 'ignored', '', ''));
    const tracked = await parseFixture('tracking-params.xml');
    expect(tracked.items[0]!.key).toBe(itemKey(null, 'https://www.example-mission.org/news/1?id=1', '', ''));
    const titles = await parseFixture('missing-titles.xml');
    const untitled = titles.items[2]!;
    expect(untitled.key).toBe(itemKey(null, 'https://titles.example-mission.org/c', '', ''));
    const rdf = await parseFixture('rss090.rdf');
    expect(rdf.items[0]!.key).toBe(itemKey(null, 'http://www.example-mission.org/news/kim-putin-vostochny', '', ''));
    expect(itemKey(null, null, 'T', 'S')).not.toBe(itemKey(null, null, 'T', 'S2'));
  });

  it('changes contentHash when the content changes, keeps it when only the date does', async () => {
    const { parseFeed } = await import('../../src/parser/index.js');
    const doc = (body: string, date: string): Buffer =>
      Buffer.from(`<rss version="2.0"><channel><title>x</title><item><guid>g</guid><title>T</title><description>${body}</description><pubDate>${date}</pubDate></item></channel></rss>`);
    const ctx = { url: 'https://ex.org/feed', contentType: null };
    const a = (await parseFeed(doc('one', 'Wed, 13 Sep 2023 10:00:00 GMT'), ctx)).items[0]!;
    const b = (await parseFeed(doc('one', 'Thu, 14 Sep 2023 10:00:00 GMT'), ctx)).items[0]!;
    const c = (await parseFeed(doc('two', 'Wed, 13 Sep 2023 10:00:00 GMT'), ctx)).items[0]!;
    expect(a.key).toBe(c.key);
    expect(a.contentHash).toBe(b.contentHash);
    expect(a.contentHash).not.toBe(c.contentHash);
  });

  it('parses the 2,000-item feed', async () => {
    const feed = await parseFixture('large-2000.xml');
    expect(feed.items).toHaveLength(2000);
    expect(feed.ttlMinutes).toBe(60);
    expect(feed.items[0]!.url).toBe('https://www.example-mission.org/news/1');
    expect(feed.items[0]!.imageUrl).toBe('https://cdn.example-mission.org/img/1.jpg');
    // no enclosure: the first <img> of the content, resolved against the feed URL
    expect(feed.items[1]!.imageUrl).toBe('https://feeds.example.org/img/2.jpg');
    expect(feed.items[1999]!.title).toMatch(/^Russia: prayer update #2000 — /);
  });
});
