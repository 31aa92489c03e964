import { beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/index.js';
import { addItemCountry } from '../../src/store/countries.js';
import { setItemStatus } from '../../src/store/curation.js';
import { recordExtractionFailure } from '../../src/store/extraction.js';
import {
  applyFeedItems, countItems, getItemRow, itemFilterSql, listItems, listItemSources, listUnfinishedItemIds, markItemsFinished, toFtsQuery,
} from '../../src/store/items.js';
import { addItem, feedConfig, freshDb, item, seedFeeds } from './helpers.js';

let db: Db;
let feedA: number;
let feedB: number;
const pending = () => 'pending' as const;

beforeEach(() => {
  db = freshDb();
  [feedA, feedB] = seedFeeds(db, [feedConfig('Alpha'), feedConfig('Beta', { kind: 'news' })]) as [number, number];
});

describe('applyFeedItems', () => {
  it('stores new items once and reports them', () => {
    const r = applyFeedItems(db, feedA, [item({ guid: 'a1', url: 'https://n.example/1', title: 'One' }), item({ guid: 'a2', url: 'https://n.example/2', title: 'Two' })], '2026-11-25T10:00:00.000Z', pending);
    expect(r.newItems.map((n) => n.item.title)).toEqual(['One', 'Two']);
    const again = applyFeedItems(db, feedA, [item({ guid: 'a1', url: 'https://n.example/1', title: 'One' })], '2026-11-25T11:00:00.000Z', pending);
    expect(again).toMatchObject({ newItems: [], updated: 0, merged: 0, unchanged: 1 });
  });

  it('updates an item when the same guid comes back with changed content', () => {
    applyFeedItems(db, feedA, [item({ guid: 'g', url: 'https://n.example/g', title: 'Draft' })], '2026-11-25T10:00:00.000Z', pending);
    const r = applyFeedItems(db, feedA, [item({ guid: 'g', url: 'https://n.example/g', title: 'Final title' })], '2026-11-25T11:00:00.000Z', pending);
    expect(r.updated).toBe(1);
    const page = listItems(db);
    expect(page.items.map((i) => i.title)).toEqual(['Final title']);
    expect(listItems(db, { search: 'final' }).items).toHaveLength(1);
    expect(listItems(db, { search: 'draft' }).items).toHaveLength(0);
  });

  it('merges the same canonical URL from two feeds into one item with both sources', () => {
    applyFeedItems(db, feedA, [item({ guid: 'x', url: 'https://n.example/story' })], '2026-11-25T10:00:00.000Z', pending);
    const r = applyFeedItems(db, feedB, [item({ guid: 'other-guid', url: 'https://n.example/story', title: 'Other title' })], '2026-11-25T10:05:00.000Z', pending);
    expect(r.merged).toBe(1);
    const [only] = listItems(db).items;
    expect(only?.sources).toEqual(['Alpha', 'Beta']);
    expect(listItemSources(db, only!.id).map((s) => [s.feed, s.title])).toEqual([['Alpha', 'Title'], ['Beta', 'Other title']]);
  });

  it('merges two entries of one feed that point at the same URL', () => {
    const r = applyFeedItems(db, feedA, [item({ guid: '1', url: 'https://n.example/s' }), item({ guid: '2', url: 'https://n.example/s' })], '2026-11-25T10:00:00.000Z', pending);
    expect(r.newItems).toHaveLength(1);
    expect(r.merged).toBe(1);
    expect(listItemSources(db, r.newItems[0]!.id)).toHaveLength(2);
  });

  it('follows a new URL under the same guid, on the item and its source', () => {
    const r = applyFeedItems(db, feedA, [item({ guid: 'moved', url: 'http://n.example/typo-slug' })], '2026-11-25T10:00:00.000Z', pending);
    const id = r.newItems[0]!.id;
    const again = applyFeedItems(db, feedA, [item({ guid: 'moved', url: 'https://n.example/fixed-slug' })], '2026-11-25T11:00:00.000Z', pending);
    expect(again).toMatchObject({ newItems: [], merged: 0 });
    expect(listItems(db).items.map((i) => [i.id, i.url])).toEqual([[id, 'https://n.example/fixed-slug']]);
    expect(listItemSources(db, id).map((s) => s.url)).toEqual(['https://n.example/fixed-slug']);
    // Another feed carrying the new URL now joins the item instead of making a second one.
    expect(applyFeedItems(db, feedB, [item({ guid: 'b', url: 'https://n.example/fixed-slug' })], '2026-11-25T12:00:00.000Z', pending).merged).toBe(1);
  });

  it("keeps the poll going when an entry's new URL is already another item's", () => {
    applyFeedItems(db, feedA, [item({ guid: 'a', url: 'https://n.example/a' }), item({ guid: 'b', url: 'https://n.example/b' })], '2026-11-25T10:00:00.000Z', pending);
    const r = applyFeedItems(db, feedA, [item({ guid: 'a', url: 'https://n.example/b', title: 'A, now at b' }), item({ guid: 'c', url: 'https://n.example/c' })], '2026-11-25T11:00:00.000Z', pending);
    expect(r.newItems.map((n) => n.item.url)).toEqual(['https://n.example/c']);
    expect(listItems(db).items.map((i) => i.url).sort()).toEqual(['https://n.example/a', 'https://n.example/b', 'https://n.example/c']);
  });

  it('does not pile up sources for a feed whose guids change on every poll', () => {
    const first = applyFeedItems(db, feedA, [item({ guid: 'random-1', url: 'https://n.example/s' })], '2026-11-25T10:00:00.000Z', pending);
    const id = first.newItems[0]!.id;
    for (const [n, at] of [[2, '11'], [3, '12'], [4, '13']] as const) {
      const r = applyFeedItems(db, feedA, [item({ guid: `random-${n}`, url: 'https://n.example/s' })], `2026-11-25T${at}:00:00.000Z`, pending);
      expect(r).toMatchObject({ newItems: [], merged: 0, unchanged: 1 });
    }
    expect(listItemSources(db, id).map((s) => s.guid)).toEqual(['random-4']);
    expect(listItems(db).items).toHaveLength(1);
  });

  it('never brings back a dismissed item', () => {
    const r = applyFeedItems(db, feedA, [item({ guid: 'd', url: 'https://n.example/d' })], '2026-11-25T10:00:00.000Z', pending);
    db.prepare("UPDATE items SET status = 'dismissed' WHERE id = ?").run(r.newItems[0]!.id);
    applyFeedItems(db, feedA, [item({ guid: 'd', url: 'https://n.example/d', title: 'Changed' })], '2026-11-25T11:00:00.000Z', pending);
    expect(listItems(db, { status: 'new' }).items).toHaveLength(0);
    expect(listItems(db, { status: 'dismissed' }).items).toHaveLength(1);
  });

  it('orders undated items by first-seen time and pages with a cursor', () => {
    applyFeedItems(db, feedA, [item({ guid: 'old', title: 'Old', publishedAt: '2026-11-20T00:00:00.000Z' })], '2026-11-25T09:00:00.000Z', pending);
    applyFeedItems(db, feedA, [item({ guid: 'undated', title: 'Undated' })], '2026-11-25T10:00:00.000Z', pending);
    applyFeedItems(db, feedA, [item({ guid: 'new', title: 'New', publishedAt: '2026-11-25T12:00:00.000Z' })], '2026-11-25T12:30:00.000Z', pending);
    expect(listItems(db).items.map((i) => i.title)).toEqual(['New', 'Undated', 'Old']);
    const first = listItems(db, { limit: 2 });
    expect(first.items.map((i) => i.title)).toEqual(['New', 'Undated']);
    const second = listItems(db, { limit: 2, cursor: first.nextCursor });
    expect(second.items.map((i) => i.title)).toEqual(['Old']);
    expect(second.nextCursor).toBeNull();
  });

  it('filters by feed, kind and status; search input never breaks the query', () => {
    applyFeedItems(db, feedA, [item({ guid: 'p', title: 'Pyongyang summit' })], '2026-11-25T10:00:00.000Z', pending);
    applyFeedItems(db, feedB, [item({ guid: 'q', title: 'Moscow talks' })], '2026-11-25T10:00:00.000Z', pending);
    expect(listItems(db, { feed: 'beta' }).items.map((i) => i.title)).toEqual(['Moscow talks']);
    expect(listItems(db, { kind: 'news' }).items.map((i) => i.title)).toEqual(['Moscow talks']);
    expect(listItems(db, { kind: 'ministry', feed: 'beta' }).items).toHaveLength(0);
    expect(listItems(db, { search: 'pyong' }).items.map((i) => i.title)).toEqual(['Pyongyang summit']);
    expect(listItems(db, { search: '"unbalanced AND (' }).items).toHaveLength(0);
    expect(toFtsQuery('  ')).toBeNull();
  });
});

describe('applyFeedItems, more cases', () => {
  it('counts new, updated, merged and unchanged entries of one poll together', () => {
    applyFeedItems(db, feedA, [item({ guid: 'keep', url: 'https://n.example/keep' }), item({ guid: 'edit', url: 'https://n.example/edit', title: 'Before' })], '2026-11-25T10:00:00.000Z', pending);
    addItem(db, feedB, { guid: 'b', url: 'https://n.example/shared' });
    const r = applyFeedItems(
      db,
      feedA,
      [
        item({ guid: 'keep', url: 'https://n.example/keep' }),
        item({ guid: 'edit', url: 'https://n.example/edit', title: 'After' }),
        item({ guid: 'join', url: 'https://n.example/shared' }),
        item({ guid: 'fresh', url: 'https://n.example/fresh' }),
      ],
      '2026-11-25T11:00:00.000Z',
      pending,
    );
    expect(r).toMatchObject({ updated: 1, merged: 1, unchanged: 1 });
    expect(r.newItems.map((n) => n.item.guid)).toEqual(['fresh']);
    expect(r.updatedItemIds).toHaveLength(1);
    expect(getItemRow(db, r.updatedItemIds[0]!)?.title).toBe('After');
    expect(countItems(db)).toBe(4);
  });

  it('asks for the initial extraction state per new entry and stores it', () => {
    const r = applyFeedItems(
      db,
      feedA,
      [item({ guid: 'l', url: 'https://n.example/l' }), item({ guid: 'nolink', url: null, title: 'No link' })],
      '2026-11-25T10:00:00.000Z',
      (entry) => (entry.url ? 'pending' : 'skipped'),
    );
    expect(r.newItems.map((n) => getItemRow(db, n.id)?.extraction_status)).toEqual(['pending', 'skipped']);
  });

  it('keeps the earlier author, image and date when an update lacks them', () => {
    const id = addItem(db, feedA, { guid: 'g', url: 'https://n.example/g', author: 'Ann', imageUrl: 'https://n.example/a.jpg', publishedAt: '2026-11-20T08:00:00.000Z' });
    applyFeedItems(db, feedA, [item({ guid: 'g', url: 'https://n.example/g', title: 'Edited', author: null, imageUrl: null, publishedAt: null })], '2026-11-25T11:00:00.000Z', pending);
    expect(getItemRow(db, id)).toMatchObject({ title: 'Edited', author: 'Ann', image_url: 'https://n.example/a.jpg', published_at: '2026-11-20T08:00:00.000Z', sort_at: '2026-11-20T08:00:00.000Z', updated_at: '2026-11-25T11:00:00.000Z' });
  });

  it('re-keys a source whose guid changed and updates the item when its content changed too', () => {
    const id = addItem(db, feedA, { guid: 'v1', url: 'https://n.example/s', title: 'First' });
    const r = applyFeedItems(db, feedA, [item({ guid: 'v2', url: 'https://n.example/s', title: 'Second' })], '2026-11-25T11:00:00.000Z', pending);
    expect(r).toMatchObject({ newItems: [], updated: 1, updatedItemIds: [id], merged: 0 });
    expect(listItemSources(db, id).map((s) => [s.guid, s.title])).toEqual([['v2', 'Second']]);
    expect(getItemRow(db, id)?.title).toBe('Second');
  });

  it('stores nothing for an empty poll', () => {
    expect(applyFeedItems(db, feedA, [], '2026-11-25T10:00:00.000Z', pending)).toEqual({ newItems: [], updated: 0, updatedItemIds: [], merged: 0, unchanged: 0 });
    expect(countItems(db)).toBe(0);
  });

  it('keeps entries without a URL apart, one item each', () => {
    const r = applyFeedItems(db, feedA, [item({ guid: 'a', title: 'A' }), item({ guid: 'b', title: 'B' })], '2026-11-25T10:00:00.000Z', pending);
    expect(r.newItems).toHaveLength(2);
    expect(r.merged).toBe(0);
  });
});

describe('listItems', () => {
  it('filters by country, status and date range (since inclusive, until exclusive)', () => {
    const kp = addItem(db, feedA, { guid: 'kp', title: 'Pyongyang', publishedAt: '2026-11-20T00:00:00.000Z' });
    const ru = addItem(db, feedA, { guid: 'ru', title: 'Moscow', publishedAt: '2026-11-22T00:00:00.000Z' });
    addItem(db, feedA, { guid: 'none', title: 'Nowhere', publishedAt: '2026-11-24T00:00:00.000Z' });
    addItemCountry(db, kp, { code: 'KP', source: 'curator', addedBy: 'ann', addedAt: '2026-11-25T10:00:00.000Z' });
    addItemCountry(db, ru, { code: 'RU', source: 'curator', addedBy: 'ann', addedAt: '2026-11-25T10:00:00.000Z' });
    setItemStatus(db, ru, 'published', '2026-11-25T10:00:00.000Z');
    const titles = (f: Parameters<typeof listItems>[1]) => listItems(db, f).items.map((i) => i.title);
    expect(titles({ country: 'kp' })).toEqual(['Pyongyang']);
    expect(titles({ status: 'published' })).toEqual(['Moscow']);
    expect(titles({ status: 'new' })).toEqual(['Nowhere', 'Pyongyang']);
    expect(titles({ since: '2026-11-22T00:00:00.000Z' })).toEqual(['Nowhere', 'Moscow']);
    expect(titles({ until: '2026-11-22T00:00:00.000Z' })).toEqual(['Pyongyang']);
    expect(titles({ since: '2026-11-21T00:00:00.000Z', until: '2026-11-23T00:00:00.000Z', country: 'RU' })).toEqual(['Moscow']);
    expect(titles({ country: 'FR' })).toEqual([]);
  });

  it('lists countries in the order they were added, and every source feed', () => {
    const id = addItem(db, feedA, { guid: 'x', url: 'https://n.example/x' });
    addItem(db, feedB, { guid: 'y', url: 'https://n.example/other' });
    applyFeedItems(db, feedB, [item({ guid: 'x2', url: 'https://n.example/x' })], '2026-11-25T11:00:00.000Z', pending);
    addItemCountry(db, id, { code: 'RU', source: 'curator', addedBy: 'ann', addedAt: '2026-11-25T10:00:00.000Z' });
    addItemCountry(db, id, { code: 'KP', source: 'curator', addedBy: 'ann', addedAt: '2026-11-25T11:00:00.000Z' });
    const row = listItems(db).items.find((i) => i.id === id);
    expect(row).toMatchObject({ feed: 'Alpha', sources: ['Alpha', 'Beta'], countries: ['RU', 'KP'], status: 'new', extractionStatus: 'pending', storyId: null });
  });

  it('breaks ties of the same time by id, newest id first, and pages through them without loss', () => {
    const ids = [1, 2, 3, 4, 5].map((n) => addItem(db, feedA, { guid: `t${n}`, title: `T${n}`, publishedAt: '2026-11-25T00:00:00.000Z' }));
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const page = listItems(db, { limit: 2, cursor });
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...ids].reverse());
  });

  it('ignores a cursor it cannot read and clamps the limit to 1..500', () => {
    for (let n = 0; n < 3; n++) addItem(db, feedA, { guid: `c${n}` });
    expect(listItems(db, { cursor: 'not a cursor' }).items).toHaveLength(3);
    expect(listItems(db, { limit: 0 }).items).toHaveLength(1);
    expect(listItems(db, { limit: -5 }).nextCursor).not.toBeNull();
    expect(listItems(db, { limit: 10_000 }).items).toHaveLength(3);
  });

  it('gives an empty page and no cursor on an empty database', () => {
    expect(listItems(db)).toEqual({ items: [], nextCursor: null });
  });

  it('searches the article text as well as the title, word prefixes only', () => {
    const id = addItem(db, feedA, { guid: 's', title: 'A summit', summary: 'Leaders met.' });
    db.prepare("UPDATE items SET article_text = 'The talks in Vladivostok went on for hours.' WHERE id = ?").run(id);
    expect(listItems(db, { search: 'vladi' }).items.map((i) => i.id)).toEqual([id]);
    expect(listItems(db, { search: 'leaders' }).items.map((i) => i.id)).toEqual([id]);
    expect(listItems(db, { search: 'ostok' }).items).toEqual([]);
  });
});

describe('itemFilterSql and toFtsQuery', () => {
  it('quotes every word and makes only the last one a prefix', () => {
    expect(toFtsQuery('North  korea')).toBe('"North" "korea"*');
    expect(toFtsQuery('"a" OR b*')).toBe('"a" "OR" "b"*');
    expect(toFtsQuery('!!!')).toBeNull();
  });

  it('adds no terms for an empty filter and upper-cases the country', () => {
    expect(itemFilterSql({})).toEqual({ where: [], params: {} });
    const f = itemFilterSql({ country: 'kp', search: '   ' });
    expect(f.where).toHaveLength(1);
    expect(f.params).toEqual({ country: 'KP' });
  });
});

describe('rows, sources and the finishing step', () => {
  it('reads a row and lists sources by first sight', () => {
    const id = addItem(db, feedB, { guid: 'b', url: 'https://n.example/s', title: 'From Beta' }, '2026-11-25T10:00:00.000Z');
    applyFeedItems(db, feedA, [item({ guid: 'a', url: 'https://n.example/s', title: 'From Alpha' })], '2026-11-25T11:00:00.000Z', pending);
    expect(listItemSources(db, id).map((s) => [s.feed, s.kind, s.title, s.firstSeenAt])).toEqual([
      ['Beta', 'news', 'From Beta', '2026-11-25T10:00:00.000Z'],
      ['Alpha', 'ministry', 'From Alpha', '2026-11-25T11:00:00.000Z'],
    ]);
    expect(getItemRow(db, id)).toMatchObject({ id, title: 'From Beta', status: 'new', categories: '[]', prayer_points: '[]' });
    expect(getItemRow(db, id + 100)).toBeNull();
    expect(listItemSources(db, id + 100)).toEqual([]);
  });

  it('owes the last step only for items whose extraction is over, until marked finished', () => {
    const waiting = addItem(db, feedA, { guid: 'w', url: 'https://n.example/w' }, undefined, 'pending');
    const skipped = addItem(db, feedA, { guid: 's', url: null, title: 'S' }, undefined, 'skipped');
    const failed = addItem(db, feedA, { guid: 'f', url: 'https://n.example/f' }, undefined, 'pending');
    recordExtractionFailure(db, failed, { code: 'timeout', reason: 'slow', finalUrl: null, at: '2026-11-25T10:01:00.000Z' });
    expect(listUnfinishedItemIds(db)).toEqual([skipped, failed]);
    expect(listUnfinishedItemIds(db, 1)).toEqual([skipped]);
    markItemsFinished(db, [skipped], '2026-11-25T10:02:00.000Z');
    markItemsFinished(db, [], '2026-11-25T10:02:00.000Z');
    expect(listUnfinishedItemIds(db)).toEqual([failed]);
    expect(listUnfinishedItemIds(db)).not.toContain(waiting);
  });
});
