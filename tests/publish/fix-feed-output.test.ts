/** fixFeedOutput works on the parsed tree: `feed`'s layout may change, the fix-ups still land where they belong. */
import { describe, expect, it } from 'vitest';
import { FeedBuildError, fixFeedOutput, type FeedExtras, type XmlElement } from '../../src/publish/fix-feed-output.js';

const extras = (itemElements: XmlElement[][]): FeedExtras => ({ itemElements, jsonExtensions: [], selfUrl: 'https://p.example/feed.xml', hub: null, language: 'en' });
const DECL = '<?xml version="1.0" encoding="utf-8"?>';

describe('fixFeedOutput (RSS)', () => {
  it('declares the namespaces and appends each item its elements, escaped, even when feed writes everything on one line', () => {
    const raw = `${DECL}<rss version="2.0"><channel><title>t</title><item><title>a</title></item><item><title>b</title></item></channel></rss>`;
    const out = fixFeedOutput('rss', raw, extras([[{ name: 'dc:creator', text: 'Tom & <Jerry>\u0001' }, { name: 'source', attributes: { url: 'https://s.example/?a=1&b="2"' }, text: 'S' }], []]));
    expect(out).toBe(
      `${DECL}\n<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/" ` +
        'xmlns:atom="http://www.w3.org/2005/Atom" xmlns:media="http://search.yahoo.com/mrss/"><channel><title>t</title>' +
        '<item><title>a</title><dc:creator>Tom &amp; &lt;Jerry&gt;</dc:creator><source url="https://s.example/?a=1&amp;b=&quot;2&quot;">S</source></item>' +
        '<item><title>b</title></item></channel></rss>',
    );
  });

  it("keeps feed's indentation: the added elements stand on a line of their own, and a namespace already declared is not repeated", () => {
    const raw = `${DECL}\n<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">\n    <channel>\n        <item>\n            <title>a</title>\n        </item>\n    </channel>\n</rss>`;
    const out = fixFeedOutput('rss', raw, extras([[{ name: 'media:content', attributes: { url: 'https://i.example/x.jpg', type: 'image/jpeg', medium: 'image' } }]]));
    expect(out).toContain('            <title>a</title>\n            <media:content url="https://i.example/x.jpg" type="image/jpeg" medium="image"/>\n        </item>');
    expect(out.match(/xmlns:dc=/g)).toHaveLength(1);
  });

  it('refuses output whose items do not match the entries given, or that is not XML', () => {
    const raw = `${DECL}<rss version="2.0"><channel><item><title>a</title></item></channel></rss>`;
    expect(() => fixFeedOutput('rss', raw, extras([[], []]))).toThrow(expect.objectContaining({ code: 'item_count' }) as FeedBuildError);
    expect(() => fixFeedOutput('rss', '<rss><channel>', extras([]))).toThrow(expect.objectContaining({ code: 'bad_xml' }) as FeedBuildError);
  });
});

describe('fixFeedOutput (Atom)', () => {
  it('puts unprefixed elements in the Atom namespace (no xmlns="") and declares media on the root', () => {
    const raw = `${DECL}<feed xmlns="http://www.w3.org/2005/Atom"><id>x</id><entry><id>1</id></entry></feed>`;
    const source: XmlElement = { name: 'source', children: [{ name: 'id', text: 'https://s.example/' }, { name: 'link', attributes: { rel: 'self', href: 'https://s.example/f' } }] };
    const out = fixFeedOutput('atom', raw, extras([[source, { name: 'media:content', attributes: { url: 'https://i.example/x.png' } }]]));
    expect(out).toBe(
      `${DECL}\n<feed xmlns="http://www.w3.org/2005/Atom" xmlns:media="http://search.yahoo.com/mrss/"><id>x</id><entry><id>1</id>` +
        '<source><id>https://s.example/</id><link rel="self" href="https://s.example/f"/></source><media:content url="https://i.example/x.png"/></entry></feed>',
    );
  });
});
