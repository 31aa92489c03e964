import { gunzipSync, brotliDecompressSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { createFeedCache, etagFor } from '../../src/publish/feed-cache.js';
import { MemorySource, SITE } from './memory-source.js';
import { makeEntry, sampleEntries } from './sample-entries.js';

describe('createFeedCache', () => {
  it('renders once per version and key, keeping bytes, gzip, brotli, a strong ETag and Last-Modified', () => {
    const source = new MemorySource(sampleEntries());
    const cache = createFeedCache(source, SITE);
    const a = cache.feed('rss', { limit: 50 });
    const b = cache.feed('rss', { limit: 50 });
    expect(b).toBe(a);
    expect(source.calls.listEntries).toBe(1);
    expect(gunzipSync(a.gzip).equals(a.body)).toBe(true);
    expect(brotliDecompressSync(a.br).equals(a.body)).toBe(true);
    expect(a.etag).toMatch(/^"[A-Za-z0-9_-]{32}"$/);
    expect(etagFor(a, 'gzip')).not.toBe(a.etag);
    // Newest change among the entries: the retraction of item 5.
    expect(a.lastModified).toBe('Fri, 27 Nov 2026 09:00:00 GMT');
    expect(a.contentType).toBe('application/rss+xml; charset=utf-8');
    cache.feed('rss', { limit: 10 });
    cache.feed('atom', { limit: 50 });
    expect(source.calls.listEntries).toBe(3);
  });

  it('renders again when the version changes, with a new ETag and a Last-Modified that moves forward', () => {
    const source = new MemorySource(sampleEntries());
    let now = Date.parse('2026-12-01T12:00:00Z');
    const cache = createFeedCache(source, SITE, { now: () => now });
    const before = cache.feed('json', { limit: 50 });
    source.put(makeEntry(7, { publishedAt: '2026-11-30T10:00:00.000Z' }));
    const after = cache.feed('json', { limit: 50 });
    expect(after.etag).not.toBe(before.etag);
    expect(after.lastModified).toBe('Mon, 30 Nov 2026 10:00:00 GMT');
    // Removing the newest entry makes the dates go back; Last-Modified must not, or If-Modified-Since would lie.
    now = Date.parse('2026-12-01T13:00:00Z');
    source.remove(7);
    const removed = cache.feed('json', { limit: 50 });
    expect(removed.lastModifiedMs).toBeGreaterThan(after.lastModifiedMs);
    expect(removed.lastModified).toBe('Tue, 01 Dec 2026 13:00:00 GMT');
  });

  it('keeps the validators when a version bump does not change the bytes', () => {
    const source = new MemorySource(sampleEntries());
    const cache = createFeedCache(source, SITE);
    const kp = cache.feed('rss', { limit: 50, country: { code: 'KP', name: 'North Korea' } });
    source.put(makeEntry(8, { countries: [{ code: 'VN', name: 'Vietnam' }] }));
    const again = cache.feed('rss', { limit: 50, country: { code: 'KP', name: 'North Korea' } });
    expect(again).not.toBe(kp);
    expect(again.etag).toBe(kp.etag);
    expect(again.lastModified).toBe(kp.lastModified);
  });

  it('drops the least recently rendered documents beyond maxEntries', () => {
    const cache = createFeedCache(new MemorySource(sampleEntries()), SITE, { maxEntries: 3 });
    for (let limit = 1; limit <= 5; limit++) cache.feed('rss', { limit });
    expect(cache.size()).toBe(3);
  });

  it('fetches the country list once per version', () => {
    const source = new MemorySource(sampleEntries());
    const cache = createFeedCache(source, SITE);
    expect(cache.countries().map((c) => c.code)).toEqual(['KP', 'RU', 'VN']);
    cache.countries();
    cache.opml();
    expect(source.calls.listCountries).toBe(1);
  });
});
