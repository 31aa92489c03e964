import { describe, expect, it } from 'vitest';
import { buildOpml } from '../../src/publish/build-opml.js';
import { parseFeed } from './feed-check.js';
import { SITE } from './memory-source.js';

/** Attributes of every <outline> with an xmlUrl. */
function feedOutlines(xml: string): Record<string, string>[] {
  return [...xml.matchAll(/<outline ([^>]*xmlUrl[^>]*)\/>/g)].map((m) =>
    Object.fromEntries([...m[1]!.matchAll(/(\w+)="([^"]*)"/g)].map((a) => [a[1]!, a[2]!])));
}

describe('buildOpml', () => {
  const countries = [
    { code: 'KP', name: 'North Korea', count: 3 },
    { code: 'RU', name: 'Russia', count: 2 },
    { code: 'BA', name: 'Bosnia & Herzegovina <b>', count: 1 },
  ];

  it('lists the whole feed and every country feed with RSS and HTML URLs', () => {
    const xml = buildOpml(SITE, countries);
    expect(xml.startsWith('<?xml version="1.0" encoding="utf-8"?>\n<opml version="2.0">')).toBe(true);
    const outlines = feedOutlines(xml);
    expect(outlines.map((o) => o.xmlUrl)).toEqual([
      'https://prayerwire.example/feed.xml',
      'https://prayerwire.example/countries/kp/feed.xml',
      'https://prayerwire.example/countries/ru/feed.xml',
      'https://prayerwire.example/countries/ba/feed.xml',
    ]);
    expect(outlines.map((o) => o.htmlUrl)).toEqual([
      'https://prayerwire.example/',
      'https://prayerwire.example/countries/kp',
      'https://prayerwire.example/countries/ru',
      'https://prayerwire.example/countries/ba',
    ]);
    for (const o of outlines) expect(o.type).toBe('rss');
  });

  it('escapes names and stays well-formed XML', async () => {
    const xml = buildOpml({ ...SITE, title: 'Pray & "Act"' }, countries);
    expect(xml).toContain('text="Pray &amp; &quot;Act&quot;: Bosnia &amp; Herzegovina"');
    expect(xml).not.toContain('<b>');
    // A strict XML parse: rss-parser (xml2js) rejects malformed XML even when it is not a feed.
    await expect(parseFeed(xml)).rejects.toThrow(/not recognized as RSS/i);
  });

  it('is valid with no countries', () => {
    const xml = buildOpml(SITE, []);
    expect(feedOutlines(xml)).toHaveLength(1);
  });
});
