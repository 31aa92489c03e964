import { beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/index.js';
import {
  deferFeed, getFeed, getFeedByName, listDueFeeds, listFeedHealth, listFeeds, markFeedDue, nextPollTime, recordFeedFailure, recordFeedNotModified,
  recordFeedSuccess, setFeedEnabled, syncFeeds, type FeedSuccess,
} from '../../src/store/feeds.js';
import { recordExtractionFailure } from '../../src/store/extraction.js';
import { applyFeedItems } from '../../src/store/items.js';
import { addItem, feedConfig, item, seedFeeds, freshDbWithTwoFeeds } from './helpers.js';

let db: Db;
let feedA: number;
let feedB: number;

beforeEach(() => {
  ({ db, feedA, feedB } = freshDbWithTwoFeeds());
});

const success = (over: Partial<FeedSuccess> = {}): FeedSuccess => ({
  polledAt: '2026-11-25T10:00:00.000Z', status: 200, etag: '"v1"', lastModified: 'Wed, 25 Nov 2026 09:00:00 GMT', fetchUrl: null,
  title: 'Alpha News', siteUrl: 'https://alpha.example/', hintSec: null, nextPollAt: '2026-11-25T10:30:00.000Z', ...over,
});

describe('syncFeeds', () => {
  it('stores a new feed with its configuration and no fetch state', () => {
    const [id] = seedFeeds(db, [feedConfig('Gamma', { kind: 'news', countries: ['KP', 'RU'], intervalSec: 600, extract: 'never', republish: 'full', enabled: false })]);
    expect(getFeed(db, id!)).toEqual({
      id, name: 'Gamma', url: 'https://gamma.example/feed', fetchUrl: null, kind: 'news', countries: ['KP', 'RU'], intervalSec: 600, extract: 'never',
      republish: 'full', enabled: false, inConfig: true, title: null, siteUrl: null, etag: null, lastModified: null, hintSec: null, lastPolledAt: null,
      lastStatus: null, lastSuccessAt: null, lastErrorAt: null, lastErrorCode: null, lastError: null, errorCount: 0, nextPollAt: null,
    });
  });

  it('adds, changes and retires feeds from the config; a new URL forgets old validators', () => {
    db.prepare("UPDATE feeds SET etag = 'e1' WHERE name = 'Alpha'").run();
    const r = syncFeeds(db, [{ ...feedConfig('Alpha'), url: 'https://moved.example/feed' }, feedConfig('Gamma')]);
    expect(r).toEqual({ added: ['Gamma'], changed: ['Alpha'], removed: ['Beta'] });
    const alpha = listFeeds(db).find((f) => f.name === 'Alpha');
    expect(alpha).toMatchObject({ url: 'https://moved.example/feed', etag: null });
    expect(listFeeds(db).map((f) => f.name)).toEqual(['Alpha', 'Gamma']);
    expect(listFeeds(db, { includeRemoved: true }).find((f) => f.name === 'Beta')).toMatchObject({ enabled: false, inConfig: false });
  });

  it('reports nothing when the config did not change, and keeps fetch state', () => {
    recordFeedSuccess(db, feedA, success());
    expect(syncFeeds(db, [feedConfig('Alpha'), feedConfig('Beta')])).toEqual({ added: [], changed: [], removed: [] });
    expect(getFeed(db, feedA)).toMatchObject({ etag: '"v1"', nextPollAt: '2026-11-25T10:30:00.000Z' });
  });

  it('keeps the validators when only the countries or the policies change', () => {
    recordFeedSuccess(db, feedA, success());
    const r = syncFeeds(db, [feedConfig('Alpha', { countries: ['NG'], republish: 'link' }), feedConfig('Beta')]);
    expect(r.changed).toEqual(['Alpha']);
    expect(getFeed(db, feedA)).toMatchObject({ countries: ['NG'], republish: 'link', etag: '"v1"' });
  });

  it('brings a retired feed back into the config (enabled again) under its old id', () => {
    syncFeeds(db, [feedConfig('Alpha')]);
    expect(getFeed(db, feedB)).toMatchObject({ inConfig: false, enabled: false });
    expect(syncFeeds(db, [feedConfig('Alpha'), feedConfig('Beta')])).toEqual({ added: [], changed: ['Beta'], removed: [] });
    expect(getFeed(db, feedB)).toMatchObject({ inConfig: true, enabled: true });
    // Retiring twice reports it once.
    syncFeeds(db, [feedConfig('Alpha')]);
    expect(syncFeeds(db, [feedConfig('Alpha')]).removed).toEqual([]);
  });

  it('renames a feed in place when its name changes and its URL does not', () => {
    db.prepare("UPDATE feeds SET etag = 'e1', next_poll_at = '2026-11-25T11:00:00.000Z' WHERE name = 'Alpha'").run();
    const id = addItem(db, feedA, { guid: 'kept', url: null, title: 'No link' });
    const sync = syncFeeds(db, [{ ...feedConfig('Alpha'), name: 'Alpha News' }, feedConfig('Beta')]);
    expect(sync).toEqual({ added: [], changed: ['Alpha News'], removed: [] });
    expect(listFeeds(db, { includeRemoved: true }).map((f) => [f.id, f.name, f.etag])).toEqual([
      [feedA, 'Alpha News', 'e1'],
      [feedB, 'Beta', null],
    ]);
    // Its entries are still its own: a re-poll adds nothing, even for an entry without a URL.
    expect(applyFeedItems(db, feedA, [item({ guid: 'kept', url: null, title: 'No link' })], '2026-11-25T12:00:00.000Z', () => 'pending').unchanged).toBe(1);
    expect(getFeedByName(db, 'alpha news')?.id).toBe(feedA);
    expect(id).toBeGreaterThan(0);
  });

  it('brings the next poll forward when the interval is shortened', () => {
    const later = new Date(Date.now() + 86_400_000).toISOString();
    db.prepare('UPDATE feeds SET next_poll_at = ? WHERE id IN (?, ?)').run(later, feedA, feedB);
    syncFeeds(db, [{ ...feedConfig('Alpha'), intervalSec: 600 }, { ...feedConfig('Beta'), intervalSec: 7200 }]);
    const [alpha, beta] = listFeeds(db);
    expect(Date.parse(alpha!.nextPollAt!) - Date.now()).toBeLessThanOrEqual(600_000);
    expect(beta!.nextPollAt).toBe(later);
  });
});

describe('reading feeds', () => {
  it('finds a feed by id and by name in any case; null when unknown', () => {
    expect(getFeed(db, feedB)?.name).toBe('Beta');
    expect(getFeedByName(db, 'BETA')?.id).toBe(feedB);
    expect(getFeed(db, 999)).toBeNull();
    expect(getFeedByName(db, 'Delta')).toBeNull();
  });

  it('lists configured feeds by name', () => {
    seedFeeds(db, [feedConfig('Alpha'), feedConfig('Beta'), feedConfig('Aardvark')]);
    expect(listFeeds(db).map((f) => f.name)).toEqual(['Aardvark', 'Alpha', 'Beta']);
  });
});

describe('scheduling', () => {
  it('lists due feeds: never polled first, then most overdue; disabled, retired and future ones never', () => {
    const [c, d, e] = seedFeeds(db, [feedConfig('Alpha'), feedConfig('Beta'), feedConfig('Gamma'), feedConfig('Delta'), feedConfig('Eps')]).slice(2);
    deferFeed(db, feedA, '2026-11-25T09:00:00.000Z');
    deferFeed(db, feedB, '2026-11-25T08:00:00.000Z');
    deferFeed(db, c!, '2026-11-25T11:00:00.000Z');
    setFeedEnabled(db, d!, false);
    expect(listDueFeeds(db, '2026-11-25T10:00:00.000Z').map((f) => f.name)).toEqual(['Eps', 'Beta', 'Alpha']);
    expect(listDueFeeds(db, '2026-11-25T08:00:00.000Z').map((f) => f.name)).toEqual(['Eps', 'Beta']);
    // A feed gone from feeds.yml is never due, even when enabled again by hand. (The sync also re-applies Delta's
    // `enabled: true` from the file, so Delta is due again.)
    syncFeeds(db, [feedConfig('Alpha'), feedConfig('Beta'), feedConfig('Gamma'), feedConfig('Delta')]);
    setFeedEnabled(db, e!, true);
    expect(getFeed(db, e!)).toMatchObject({ enabled: true, inConfig: false });
    expect(listDueFeeds(db, '2026-11-25T10:00:00.000Z').map((f) => f.name)).toEqual(['Delta', 'Beta', 'Alpha']);
  });

  it('gives the earliest next poll time, empty for a feed never polled, null when no feed is enabled', () => {
    deferFeed(db, feedA, '2026-11-25T09:00:00.000Z');
    expect(nextPollTime(db)).toBe('');
    deferFeed(db, feedB, '2026-11-25T08:00:00.000Z');
    expect(nextPollTime(db)).toBe('2026-11-25T08:00:00.000Z');
    setFeedEnabled(db, feedB, false);
    expect(nextPollTime(db)).toBe('2026-11-25T09:00:00.000Z');
    setFeedEnabled(db, feedA, false);
    expect(nextPollTime(db)).toBeNull();
  });

  it('"poll now" makes a feed due at once', () => {
    deferFeed(db, feedA, '2030-01-01T00:00:00.000Z');
    expect(listDueFeeds(db, '2026-11-25T10:00:00.000Z').map((f) => f.id)).toEqual([feedB]);
    markFeedDue(db, feedA);
    expect(listDueFeeds(db, '2026-11-25T10:00:00.000Z').map((f) => f.id)).toEqual([feedA, feedB]);
  });
});

describe('fetch outcomes', () => {
  it('records a success: validators, title, schedule; a failure streak ends', () => {
    recordFeedFailure(db, feedA, { polledAt: '2026-11-25T09:00:00.000Z', status: 503, code: 'http_status', message: 'HTTP 503', nextPollAt: '2026-11-25T09:10:00.000Z' });
    recordFeedSuccess(db, feedA, success({ fetchUrl: 'https://alpha.example/rss', hintSec: 3600 }));
    expect(getFeed(db, feedA)).toMatchObject({
      lastPolledAt: '2026-11-25T10:00:00.000Z', lastStatus: 200, lastSuccessAt: '2026-11-25T10:00:00.000Z', etag: '"v1"',
      lastModified: 'Wed, 25 Nov 2026 09:00:00 GMT', fetchUrl: 'https://alpha.example/rss', title: 'Alpha News', siteUrl: 'https://alpha.example/',
      hintSec: 3600, errorCount: 0, lastError: null, lastErrorCode: null, lastErrorAt: '2026-11-25T09:00:00.000Z', nextPollAt: '2026-11-25T10:30:00.000Z',
    });
  });

  it('keeps the known title, site and fetch URL when a success does not carry them', () => {
    recordFeedSuccess(db, feedA, success({ fetchUrl: 'https://alpha.example/rss' }));
    recordFeedSuccess(db, feedA, success({ polledAt: '2026-11-25T11:00:00.000Z', etag: null, title: null, siteUrl: null, fetchUrl: null }));
    expect(getFeed(db, feedA)).toMatchObject({ title: 'Alpha News', siteUrl: 'https://alpha.example/', fetchUrl: 'https://alpha.example/rss', etag: null });
  });

  it('counts failures in a row and keeps the validators', () => {
    recordFeedSuccess(db, feedA, success());
    for (const at of ['11', '12']) {
      recordFeedFailure(db, feedA, { polledAt: `2026-11-25T${at}:00:00.000Z`, status: null, code: 'timeout', message: 'timed out', nextPollAt: `2026-11-25T${at}:30:00.000Z` });
    }
    expect(getFeed(db, feedA)).toMatchObject({
      errorCount: 2, lastErrorCode: 'timeout', lastError: 'timed out', lastErrorAt: '2026-11-25T12:00:00.000Z', lastStatus: null,
      lastSuccessAt: '2026-11-25T10:00:00.000Z', etag: '"v1"', nextPollAt: '2026-11-25T12:30:00.000Z',
    });
  });

  it('records a 304 as a success that changes only the schedule', () => {
    recordFeedSuccess(db, feedA, success({ hintSec: 900 }));
    recordFeedFailure(db, feedA, { polledAt: '2026-11-25T10:30:00.000Z', status: 500, code: 'http_status', message: 'HTTP 500', nextPollAt: '2026-11-25T10:40:00.000Z' });
    recordFeedNotModified(db, feedA, '2026-11-25T11:00:00.000Z', '2026-11-25T11:30:00.000Z', null);
    expect(getFeed(db, feedA)).toMatchObject({
      lastStatus: 304, lastSuccessAt: '2026-11-25T11:00:00.000Z', errorCount: 0, lastError: null, etag: '"v1"', hintSec: 900, title: 'Alpha News', nextPollAt: '2026-11-25T11:30:00.000Z',
    });
    recordFeedNotModified(db, feedA, '2026-11-25T12:00:00.000Z', '2026-11-25T12:30:00.000Z', 7200);
    expect(getFeed(db, feedA)?.hintSec).toBe(7200);
  });

  it('defers without touching the error streak', () => {
    recordFeedFailure(db, feedA, { polledAt: '2026-11-25T10:00:00.000Z', status: 429, code: 'http_status', message: 'HTTP 429', nextPollAt: '2026-11-25T10:10:00.000Z' });
    deferFeed(db, feedA, '2026-11-25T12:00:00.000Z');
    expect(getFeed(db, feedA)).toMatchObject({ errorCount: 1, nextPollAt: '2026-11-25T12:00:00.000Z' });
  });
});

describe('listFeedHealth', () => {
  it('counts each feed\'s items and their extraction outcomes, zero for a feed without items', () => {
    const a1 = addItem(db, feedA, { guid: 'a1', url: 'https://n.example/1' });
    const a2 = addItem(db, feedA, { guid: 'a2', url: 'https://n.example/2' });
    addItem(db, feedA, { guid: 'a3', url: null, title: 'No link' }, undefined, 'skipped');
    db.prepare("UPDATE items SET extraction_status = 'done' WHERE id = ?").run(a1);
    recordExtractionFailure(db, a2, { code: 'paywall', reason: 'paywalled', finalUrl: null, at: '2026-11-25T10:00:00.000Z' });
    const health = listFeedHealth(db);
    expect(health.map((h) => [h.name, h.itemCount, h.extractedCount, h.extractionFailedCount])).toEqual([
      ['Alpha', 3, 1, 1],
      ['Beta', 0, 0, 0],
    ]);
    expect(health[0]).toMatchObject({ id: feedA, url: 'https://alpha.example/feed' });
  });

  it('counts an item carried by two feeds once per feed', () => {
    addItem(db, feedA, { guid: 'a', url: 'https://n.example/s' });
    applyFeedItems(db, feedB, [item({ guid: 'b', url: 'https://n.example/s' })], '2026-11-25T11:00:00.000Z', () => 'pending');
    expect(listFeedHealth(db).map((h) => h.itemCount)).toEqual([1, 1]);
  });
});
