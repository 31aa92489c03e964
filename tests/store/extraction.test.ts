import { beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/index.js';
import type { Article } from '../../src/model/article.js';
import { setItemStatus } from '../../src/store/curation.js';
import {
  listExtractionCandidates, markExtractionPending, mergeItemInto, recordExtractionFailure, recordExtractionSuccess,
} from '../../src/store/extraction.js';
import { countItems, getItemRow, listItemSources } from '../../src/store/items.js';
import { addItem, freshDbWithTwoFeeds } from './helpers.js';

let db: Db;
let feedA: number;
let feedB: number;

beforeEach(() => {
  ({ db, feedA, feedB } = freshDbWithTwoFeeds());
});

const article = (over: Partial<Article> = {}): Article => ({
  title: 'Kim meets Putin', html: '<p>Kim met Putin.</p>', text: 'Kim met Putin.', excerpt: 'Kim met Putin.', byline: 'Ann Lee',
  publishedAt: '2026-11-24T00:00:00.000Z', siteName: 'News', imageUrl: 'https://n.example/lead.jpg', lang: 'en', wordCount: 3, readingTimeMinutes: 1,
  canonicalUrl: null, prayerPoints: ['Pray for peace'], ...over,
});

describe('listExtractionCandidates', () => {
  it('lists pending items with a URL, oldest first, with their first feed', () => {
    const one = addItem(db, feedB, { guid: '1', url: 'https://n.example/1' });
    addItem(db, feedA, { guid: 'nolink', url: null, title: 'No link' });
    addItem(db, feedA, { guid: 'skip', url: 'https://n.example/skip' }, undefined, 'skipped');
    const two = addItem(db, feedA, { guid: '2', url: 'https://n.example/2' });
    expect(listExtractionCandidates(db)).toEqual([
      { id: one, url: 'https://n.example/1', feed: 'Beta' },
      { id: two, url: 'https://n.example/2', feed: 'Alpha' },
    ]);
  });

  it('takes failed items only with retryFailed, and never done ones', () => {
    const failed = addItem(db, feedA, { guid: 'f', url: 'https://n.example/f' });
    const done = addItem(db, feedA, { guid: 'd', url: 'https://n.example/d' });
    recordExtractionFailure(db, failed, { code: 'timeout', reason: 'slow', finalUrl: null, at: '2026-11-25T10:00:00.000Z' });
    recordExtractionSuccess(db, done, article(), 'https://n.example/d', '2026-11-25T10:00:00.000Z');
    expect(listExtractionCandidates(db)).toEqual([]);
    expect(listExtractionCandidates(db, { retryFailed: true }).map((c) => c.id)).toEqual([failed]);
  });

  it('filters by item ids (an empty list gives none), by feed in any case, and limits', () => {
    const ids = [1, 2, 3].map((n) => addItem(db, feedA, { guid: `a${n}`, url: `https://n.example/a${n}` }));
    const b = addItem(db, feedB, { guid: 'b', url: 'https://n.example/b' });
    expect(listExtractionCandidates(db, { itemIds: [ids[2]!, b] }).map((c) => c.id)).toEqual([ids[2], b]);
    expect(listExtractionCandidates(db, { itemIds: [] })).toEqual([]);
    expect(listExtractionCandidates(db, { feed: 'BETA' }).map((c) => c.id)).toEqual([b]);
    expect(listExtractionCandidates(db, { feed: 'alpha', limit: 2 }).map((c) => c.id)).toEqual(ids.slice(0, 2));
  });
});

describe('recording outcomes', () => {
  it('stores an article on the item and counts the attempt', () => {
    const id = addItem(db, feedA, { guid: 'x', url: 'https://n.example/x' });
    const saved = recordExtractionSuccess(db, id, article(), 'https://n.example/x?amp', '2026-11-25T10:00:00.000Z');
    expect(saved).toEqual({ itemId: id, mergedInto: null });
    expect(getItemRow(db, id)).toMatchObject({
      extraction_status: 'done', extraction_attempts: 1, extracted_at: '2026-11-25T10:00:00.000Z', final_url: 'https://n.example/x?amp',
      article_text: 'Kim met Putin.', article_html: '<p>Kim met Putin.</p>', byline: 'Ann Lee', site_name: 'News', lang: 'en', word_count: 3,
      reading_minutes: 1, article_published_at: '2026-11-24T00:00:00.000Z', image_url: 'https://n.example/lead.jpg', prayer_points: '["Pray for peace"]',
    });
  });

  it("keeps the feed's image over the page's", () => {
    const id = addItem(db, feedA, { guid: 'x', url: 'https://n.example/x', imageUrl: 'https://n.example/feed.jpg' });
    recordExtractionSuccess(db, id, article(), 'https://n.example/x', '2026-11-25T10:00:00.000Z');
    expect(getItemRow(db, id)?.image_url).toBe('https://n.example/feed.jpg');
  });

  it('records a failure with its code and keeps the earlier final URL when none is known', () => {
    const id = addItem(db, feedA, { guid: 'x', url: 'https://n.example/x' });
    recordExtractionFailure(db, id, { code: 'http_status', reason: 'HTTP 404', finalUrl: 'https://n.example/y', at: '2026-11-25T10:00:00.000Z' });
    recordExtractionFailure(db, id, { code: 'timeout', reason: 'slow', finalUrl: null, at: '2026-11-25T11:00:00.000Z' });
    expect(getItemRow(db, id)).toMatchObject({
      extraction_status: 'failed', extraction_code: 'timeout', extraction_reason: 'slow', final_url: 'https://n.example/y', extraction_attempts: 2, extracted_at: '2026-11-25T11:00:00.000Z',
    });
    recordExtractionSuccess(db, id, article(), 'https://n.example/x', '2026-11-25T12:00:00.000Z');
    expect(getItemRow(db, id)).toMatchObject({ extraction_status: 'done', extraction_code: null, extraction_reason: null, extraction_attempts: 3 });
  });

  it('puts an item with a URL back in the queue, not one without', () => {
    const id = addItem(db, feedA, { guid: 'x', url: 'https://n.example/x' });
    const nolink = addItem(db, feedA, { guid: 'n', url: null, title: 'No link' }, undefined, 'skipped');
    recordExtractionFailure(db, id, { code: 'timeout', reason: 'slow', finalUrl: null, at: '2026-11-25T10:00:00.000Z' });
    expect(markExtractionPending(db, id)).toBe(true);
    expect(markExtractionPending(db, nolink)).toBe(false);
    expect(markExtractionPending(db, 999)).toBe(false);
    expect(listExtractionCandidates(db).map((c) => c.id)).toEqual([id]);
  });
});

describe('canonical URLs', () => {
  it("takes the page's canonical URL as the item's when no other item has it", () => {
    const id = addItem(db, feedA, { guid: 'x', url: 'https://n.example/x?utm=1' });
    recordExtractionSuccess(db, id, article({ canonicalUrl: 'https://n.example/x' }), 'https://n.example/x', '2026-11-25T10:00:00.000Z');
    expect(getItemRow(db, id)).toMatchObject({ url: 'https://n.example/x', canonical_url: 'https://n.example/x' });
  });

  it("merges a new item into the item that already has its canonical URL, sources and all", () => {
    const kept = addItem(db, feedA, { guid: 'k', url: 'https://n.example/story' });
    const dup = addItem(db, feedB, { guid: 'd', url: 'https://m.n.example/story' });
    const saved = recordExtractionSuccess(db, dup, article({ canonicalUrl: 'https://n.example/story' }), 'https://m.n.example/story', '2026-11-25T10:00:00.000Z');
    expect(saved).toEqual({ itemId: kept, mergedInto: kept });
    expect(getItemRow(db, dup)).toBeNull();
    expect(listItemSources(db, kept).map((s) => s.feed)).toEqual(['Alpha', 'Beta']);
    expect(getItemRow(db, kept)).toMatchObject({ extraction_status: 'done', article_text: 'Kim met Putin.' });
  });

  it("does not overwrite the other item's article when it has one", () => {
    const kept = addItem(db, feedA, { guid: 'k', url: 'https://n.example/story' });
    recordExtractionSuccess(db, kept, article({ text: 'First text' }), 'https://n.example/story', '2026-11-25T09:00:00.000Z');
    const dup = addItem(db, feedB, { guid: 'd', url: 'https://n.example/story?amp' });
    recordExtractionSuccess(db, dup, article({ text: 'Second text', canonicalUrl: 'https://n.example/story' }), 'https://n.example/story', '2026-11-25T10:00:00.000Z');
    expect(getItemRow(db, kept)).toMatchObject({ article_text: 'First text', extraction_attempts: 1 });
    expect(countItems(db)).toBe(1);
  });

  it('keeps both items when the one being extracted was curated already', () => {
    const other = addItem(db, feedA, { guid: 'k', url: 'https://n.example/story' });
    const curated = addItem(db, feedB, { guid: 'd', url: 'https://n.example/story?amp' });
    setItemStatus(db, curated, 'published', '2026-11-25T09:00:00.000Z');
    const saved = recordExtractionSuccess(db, curated, article({ canonicalUrl: 'https://n.example/story' }), 'https://n.example/story', '2026-11-25T10:00:00.000Z');
    expect(saved).toEqual({ itemId: curated, mergedInto: null });
    expect(getItemRow(db, curated)).toMatchObject({ url: 'https://n.example/story?amp', extraction_status: 'done' });
    expect(getItemRow(db, other)?.extraction_status).toBe('pending');
  });

  it('mergeItemInto moves every source and deletes the item', () => {
    const to = addItem(db, feedA, { guid: 'a', url: 'https://n.example/a' });
    const from = addItem(db, feedB, { guid: 'b', url: 'https://n.example/b' });
    mergeItemInto(db, from, to);
    expect(listItemSources(db, to).map((s) => s.guid)).toEqual(['a', 'b']);
    expect(countItems(db)).toBe(1);
  });
});
