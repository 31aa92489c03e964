/** Curated entries for tests, built from the seed articles (North Korea / Russia) plus hostile ones. */
import type { CuratedEntry } from '../../src/publish/types.js';

const KP = { code: 'KP', name: 'North Korea' };
const RU = { code: 'RU', name: 'Russia' };
const VN = { code: 'VN', name: 'Vietnam' };

const SEED_TEXT =
  'Russian President Vladimir Putin honored Kim Jong Un with a brief visit to North Korea on 18-19 June 2024, at which he ' +
  'received a red-carpet welcome with huge crowds of flag-waving residents and festive decorations; this was his first visit ' +
  'since July 2000. As confirmed by the Russian Kremlin on 19 June 2024, part of the official itinerary included a visit by ' +
  'President Putin to Pyongyang’s Church of the Life-Giving Trinity, which was built in 2006 and serves Russian residents ' +
  'and visiting delegations. However, the most significant event was the signing of a mutual defense pact.';

/** A fresh entry with sensible defaults; override any field. */
export function makeEntry(itemId: number, over: Partial<CuratedEntry> = {}): CuratedEntry {
  return {
    itemId,
    guid: `tag:prayerwire.example,2026-11-25:item/${itemId}`,
    title: `North Korea/Russia: Mutual defense pact (${itemId})`,
    url: `https://news.example.org/articles/${itemId}?ref=rss&lang=en`,
    publishedAt: new Date(Date.parse('2026-11-25T10:00:00Z') + itemId * 60_000).toISOString(),
    updatedAt: null,
    status: 'published',
    retractedAt: null,
    retractionReason: null,
    countries: [KP, RU],
    prayerNote: {
      points: ['For the global Church to continue praying and interceding for North Korean believers', 'For wisdom for leaders'],
      scripture: 'Psalm 46:1 God is our refuge and strength',
      html: '<p>Pray for the <strong>Russian residents</strong> of Pyongyang.</p>',
    },
    sources: [
      { name: 'Open Doors Analytical', siteUrl: 'https://od.example.org/', feedUrl: 'https://od.example.org/feed.xml' },
      { name: 'Mission Network News', siteUrl: 'https://mnn.example.org/', feedUrl: 'https://mnn.example.org/rss' },
    ],
    republish: 'excerpt',
    text: SEED_TEXT,
    html: `<p>${SEED_TEXT}</p><p>Second paragraph of the full article.</p>`,
    imageUrl: `https://img.example.org/photos/${itemId}.jpg`,
    author: 'Thomas Muller',
    ...over,
  };
}

/** The standard set: excerpt, link, full, corrected, retracted, Vietnam-only. */
export function sampleEntries(): CuratedEntry[] {
  return [
    makeEntry(1),
    makeEntry(2, { republish: 'link', title: 'Kim Jong Un meets Putin at Vostochny', imageUrl: 'https://img.example.org/a.png' }),
    makeEntry(3, { republish: 'full', author: null }),
    makeEntry(4, { updatedAt: '2026-11-26T08:30:00.000Z', title: 'Corrected: pact signed on 19 June' }),
    makeEntry(5, {
      status: 'retracted', retractedAt: '2026-11-27T09:00:00.000Z', retractionReason: 'The source withdrew the report.',
    }),
    makeEntry(6, { countries: [VN], title: 'Vietnam and China watch the visit', imageUrl: null, author: null }),
  ];
}

/** An entry with hostile content everywhere a string goes. */
export function hostileEntry(itemId = 99): CuratedEntry {
  return makeEntry(itemId, {
    title: 'Breaking <script>alert(1)</script><img src=x onerror=alert(2)> news\u0001\u0008 & more',
    url: 'javascript:alert(3)',
    text: 'Text <script>alert(4)</script> with <a href="javascript:alert(5)">link</a> and ]]> cdata end',
    html: '<p onclick="alert(6)">Full</p><script>alert(7)</script><img src="x.jpg" onerror="alert(8)"><a href="javascript:alert(9)">j</a><iframe src="https://evil.example/"></iframe>',
    republish: 'full',
    prayerNote: {
      points: ['Pray <script>alert(10)</script>', '<img src=x onerror=alert(11)>'],
      scripture: '<b onmouseover=alert(12)>John 3:16</b>',
      html: '<p>note</p><script>alert(13)</script><a href="javascript:alert(14)">x</a>',
    },
    sources: [{ name: 'Evil <script>alert(15)</script> Source', siteUrl: 'javascript:alert(16)', feedUrl: 'https://evil.example/feed' }],
    author: '<script>alert(17)</script>Mallory',
    imageUrl: 'javascript:alert(18)',
    countries: [{ code: 'KP', name: 'North <script>alert(19)</script>Korea' }],
  });
}
