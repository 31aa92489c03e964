import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { canonicalizeUrl, decodeText, discoverFeedLinks, htmlToText, parseFeedDate } from '../../src/parser/index.js';

describe('decodeText', () => {
  const cp1252 = iconv.encode('“Prière” — €5', 'windows-1252');

  it('prefers the BOM over the header and the prolog', () => {
    const body = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('<?xml version="1.0" encoding="ISO-8859-1"?><a>é</a>')]);
    expect(decodeText(body, 'text/xml; charset=windows-1251')).toMatchObject({ text: '<?xml version="1.0" encoding="ISO-8859-1"?><a>é</a>', charset: 'utf-8', source: 'bom' });
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode('<a>Пхеньян</a>', 'utf-16le')]);
    expect(decodeText(le, null)).toMatchObject({ text: '<a>Пхеньян</a>', charset: 'utf-16le' });
    const be = Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode('<a>북한</a>', 'utf-16be')]);
    expect(decodeText(be, null)).toMatchObject({ text: '<a>북한</a>', charset: 'utf-16be' });
  });

  it('uses the Content-Type charset before the prolog', () => {
    const body = Buffer.concat([Buffer.from('<?xml version="1.0" encoding="utf-8"?>'), cp1252]);
    expect(decodeText(body, 'application/rss+xml; charset="Windows-1252"')).toMatchObject({ charset: 'windows-1252', source: 'content-type' });
    expect(decodeText(body, 'application/rss+xml; charset="Windows-1252"').text).toContain('“Prière” — €5');
  });

  it('reads the prolog, and decodes latin1 / ISO-8859-1 / US-ASCII labels as windows-1252 like browsers', () => {
    for (const label of ['ISO-8859-1', 'latin1', 'us-ascii', 'iso_8859-1', 'cp1252']) {
      const body = Buffer.concat([Buffer.from(`<?xml version="1.0" encoding="${label}"?>`), cp1252]);
      expect(decodeText(body, null)).toMatchObject({ charset: 'windows-1252', source: 'prolog' });
      expect(decodeText(body, null).text.endsWith('“Prière” — €5')).toBe(true);
    }
  });

  it('reads <meta charset> and http-equiv in HTML mode only', () => {
    const meta = Buffer.concat([Buffer.from('<html><head><meta charset="windows-1251"><title>'), iconv.encode('Пхеньян', 'windows-1251')]);
    expect(decodeText(meta, null, { html: true })).toMatchObject({ charset: 'windows-1251', source: 'meta' });
    expect(decodeText(meta, null, { html: true }).text).toContain('Пхеньян');
    const equiv = Buffer.concat([Buffer.from('<meta http-equiv="Content-Type" content="text/html; charset=euc-kr">'), iconv.encode('북한', 'euc-kr')]);
    expect(decodeText(equiv, 'text/html', { html: true }).text).toContain('북한');
  });

  it('sniffs BOM-less UTF-16 from its NUL bytes', () => {
    const body = iconv.encode('<?xml version="1.0" encoding="UTF-16"?><a>Мир</a>', 'utf-16be');
    expect(decodeText(body, null)).toMatchObject({ charset: 'utf-16be', text: '<?xml version="1.0" encoding="UTF-16"?><a>Мир</a>' });
  });

  it('never throws on an unknown label: UTF-8 with a warning', () => {
    const result = decodeText(Buffer.from('<a>é</a>'), 'text/xml; charset=x-klingon');
    expect(result).toMatchObject({ text: '<a>é</a>', charset: 'utf-8' });
    expect(result.warnings[0]).toMatch(/unknown charset "x-klingon"/);
  });

  it('falls back to windows-1252 when nothing is declared and the bytes are not UTF-8', () => {
    const result = decodeText(cp1252, null);
    expect(result).toMatchObject({ text: '“Prière” — €5', charset: 'windows-1252' });
    expect(result.warnings).toHaveLength(1);
    // A multi-byte character cut off at the end is still UTF-8.
    expect(decodeText(Buffer.from('Prière €').subarray(0, -1), null).charset).toBe('utf-8');
  });
});

describe('canonicalizeUrl', () => {
  it.each([
    ['https://Example.ORG:443/a?utm_source=x&id=1#frag', undefined, 'https://example.org/a?id=1'],
    ['http://example.org:80/a', undefined, 'http://example.org/a'],
    ['http://example.org:8080/a', undefined, 'http://example.org:8080/a'],
    ['/news?b=2&fbclid=x&a=1&gclid=y', 'https://ex.org/feed', 'https://ex.org/news?b=2&a=1'],
    ['?mc_cid=1&mc_eid=2&_hsenc=3&_hsmi=4&igshid=5&yclid=6&ref_src=7&dclid=8&msclkid=9', 'https://ex.org/x', 'https://ex.org/x'],
    ['https://ex.org/?q=North+Korea&UTM_Medium=x&page=2', undefined, 'https://ex.org/?q=North+Korea&page=2'],
    ['mailto:a@example.org', undefined, null],
    ['javascript:alert(1)', 'https://ex.org/', null],
    ['not a url', undefined, null],
    ['', 'https://ex.org/', null],
  ])('%s (base %s) -> %s', (url, base, expected) => {
    expect(canonicalizeUrl(url, base)).toBe(expected);
  });
});

describe('parseFeedDate', () => {
  const now = Date.UTC(2025, 0, 1);
  it.each([
    ['Wed, 13 Sep 2023 10:00:00 GMT', '2023-09-13T10:00:00.000Z'],
    ['Wed, 13 Sep 2023 10:00:00 PDT', '2023-09-13T17:00:00.000Z'],
    ['13 Sep 23 10:00 EST', '2023-09-13T15:00:00.000Z'],
    ['13 Sep 99 10:00 +0000', '1999-09-13T10:00:00.000Z'],
    ['Wed, 13 Sep 2023 10:00:00 +0900', '2023-09-13T01:00:00.000Z'],
    ['Wed, 13 Sep 2023 10:00:00 -0430 (VET)', '2023-09-13T14:30:00.000Z'],
    ['Sat, 1 Jun 2024 9:05:00 CEST', '2024-06-01T07:05:00.000Z'],
    ['2023-09-13T10:00:00Z', '2023-09-13T10:00:00.000Z'],
    ['2023-09-13T10:00:00+05:30', '2023-09-13T04:30:00.000Z'],
    ['2023-09-13T10:00:00', '2023-09-13T10:00:00.000Z'],
    ['2023-09-13', '2023-09-13T00:00:00.000Z'],
    ['2023-09-13 10:00', '2023-09-13T10:00:00.000Z'],
    ['September 13, 2023 10:00 PM', '2023-09-13T22:00:00.000Z'],
    ['Wed Sep 13 2023 10:00:00 GMT+0200', '2023-09-13T08:00:00.000Z'],
    ['next Tuesday', null],
    ['2023-02-30T00:00:00Z', null],
    ['2100-01-01T00:00:00Z', null],
    ['2025-01-01T23:00:00Z', '2025-01-01T23:00:00.000Z'], // less than a day ahead is kept
    ['1970-01-01T00:00:00Z', null],
    ['', null],
  ])('%s -> %s', (input, expected) => {
    expect(parseFeedDate(input, now)).toBe(expected);
  });
});

describe('discoverFeedLinks', () => {
  it('honours <base href>, rel token lists, and skips non-feed alternates', () => {
    const html = `<head><base href="https://cdn.example.org/site/">
      <link rel="alternate" type="text/html" hreflang="fr" href="/fr/">
      <LINK REL="Alternate" TYPE="application/atom+xml" HREF="atom.xml">
      <link rel="alternate" type="application/rss+xml; charset=utf-8" href="//other.example.org/rss">
      <link rel="stylesheet" type="application/rss+xml" href="/not-a-feed">
      <link rel="alternate" type="application/rss+xml" href="javascript:alert(1)"></head>`;
    expect(discoverFeedLinks(html, 'https://www.example.org/page')).toEqual([
      'https://cdn.example.org/site/atom.xml',
      'https://other.example.org/rss',
    ]);
  });
});

describe('htmlToText', () => {
  it('strips tags and scripts, decodes entities, folds whitespace', () => {
    expect(htmlToText('<p>Kim&nbsp;&amp;&#32;Putin</p><script>x()</script>\n<p>met &#x2014; <b>again</b></p>')).toBe('Kim & Putin met — again');
  });
});
