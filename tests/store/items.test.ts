import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../src/db/index.js';
import type { ParsedItem } from '../../src/parser/types.js';
import { listFeeds, syncFeeds } from '../../src/store/feeds.js';
import { getItemDetail } from '../../src/store/item-detail.js';
import { applyFeedItems, listItems, listItemSources, toFtsQuery } from '../../src/store/items.js';
import type { FeedConfig } from '../../src/model/feed.js';

const sha = (s: string) => createHash('sha256').update(s).digest('hex');

function item(over: Partial<ParsedItem> & { guid?: string | null; url?: string | null }): ParsedItem {
  const base = { guid: null, url: null, title: 'Title', summary: 'Summary', contentHtml: null, author: null, publishedAt: null, updatedAt: null, categories: [], imageUrl: null, ...over };
  return {
    ...base,
    key: sha(base.guid ? `guid:${base.guid}` : base.url ? `url:${base.url}` : `text:${base.title}${base.summary}`),
    contentHash: sha(`${base.title}\n${base.summary}\n${base.contentHtml ?? ''}`),
  };
}

const feedConfig = (name: string): FeedConfig => ({
  name, url: `https://${name.toLowerCase()}.example/feed`, kind: 'ministry', countries: [], intervalSec: 1800, extract: 'auto', republish: 'excerpt', enabled: true,
});

let db: Db;
let feedA: number;
let feedB: number;
const pending = () => 'pending' as const;

beforeEach(() => {
  db = openDatabase(join(mkdtempSync(join(tmpdir(), 'pw-store-')), 'test.db'));
  syncFeeds(db, [feedConfig('Alpha'), feedConfig('Beta')]);
  [feedA, feedB] = listFeeds(db).map((f) => f.id) as [number, number];
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
    expect(listItems(db, { kind: 'news' }).items).toHaveLength(0);
    expect(listItems(db, { search: 'pyong' }).items.map((i) => i.title)).toEqual(['Pyongyang summit']);
    expect(listItems(db, { search: '"unbalanced AND (' }).items).toHaveLength(0);
    expect(toFtsQuery('  ')).toBeNull();
  });

  it('shows every field of one item', () => {
    const r = applyFeedItems(db, feedA, [item({ guid: 'z', url: 'https://n.example/z', title: 'Z', author: 'Ann', categories: ['Asia'] })], '2026-11-25T10:00:00.000Z', pending);
    const detail = getItemDetail(db, r.newItems[0]!.id, (code) => code);
    expect(detail).toMatchObject({ title: 'Z', url: 'https://n.example/z', feed: 'Alpha', author: 'Ann', categories: ['Asia'], status: 'new', extraction: { status: 'pending' } });
    expect(getItemDetail(db, 9999, (code) => code)).toBeNull();
  });
});

describe('syncFeeds', () => {
  it('adds, changes and retires feeds from the config; a new URL forgets old validators', () => {
    db.prepare("UPDATE feeds SET etag = 'e1' WHERE name = 'Alpha'").run();
    const r = syncFeeds(db, [{ ...feedConfig('Alpha'), url: 'https://moved.example/feed' }, feedConfig('Gamma')]);
    expect(r).toEqual({ added: ['Gamma'], changed: ['Alpha'], removed: ['Beta'] });
    const alpha = listFeeds(db).find((f) => f.name === 'Alpha');
    expect(alpha).toMatchObject({ url: 'https://moved.example/feed', etag: null });
    expect(listFeeds(db).map((f) => f.name)).toEqual(['Alpha', 'Gamma']);
    expect(listFeeds(db, { includeRemoved: true }).find((f) => f.name === 'Beta')).toMatchObject({ enabled: false, inConfig: false });
  });

  it('renames a feed in place when its name changes and its URL does not', () => {
    db.prepare("UPDATE feeds SET etag = 'e1', next_poll_at = '2026-11-25T11:00:00.000Z' WHERE name = 'Alpha'").run();
    const r = applyFeedItems(db, feedA, [item({ guid: 'kept', url: null, title: 'No link' })], '2026-11-25T10:00:00.000Z', pending);
    const sync = syncFeeds(db, [{ ...feedConfig('Alpha'), name: 'Alpha News' }, feedConfig('Beta')]);
    expect(sync).toEqual({ added: [], changed: ['Alpha News'], removed: [] });
    expect(listFeeds(db, { includeRemoved: true }).map((f) => [f.id, f.name, f.etag])).toEqual([
      [feedA, 'Alpha News', 'e1'],
      [feedB, 'Beta', null],
    ]);
    // Its entries are still its own: a re-poll adds nothing, even for an entry without a URL.
    expect(applyFeedItems(db, feedA, [item({ guid: 'kept', url: null, title: 'No link' })], '2026-11-25T12:00:00.000Z', pending).unchanged).toBe(1);
    expect(listItems(db, { feed: 'Alpha News' }).items.map((i) => i.id)).toEqual([r.newItems[0]!.id]);
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
