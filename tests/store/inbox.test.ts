import { beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/index.js';
import { addItemCountry } from '../../src/store/countries.js';
import { setItemStatus } from '../../src/store/curation.js';
import {
  adjacentItems, countItemsByStatus, highlightItems, listStoryPeers, listTaggedCountries, MARK_END, MARK_START,
} from '../../src/store/inbox.js';
import { joinStory } from '../../src/store/stories.js';
import { addItem, feedConfig, freshDb, seedFeeds } from './helpers.js';

let db: Db;
let feedA: number;
let feedB: number;

beforeEach(() => {
  db = freshDb();
  [feedA, feedB] = seedFeeds(db, [feedConfig('Alpha'), feedConfig('Beta', { kind: 'news' })]) as [number, number];
});

const at = (hour: number) => `2026-11-25T${String(hour).padStart(2, '0')}:00:00.000Z`;
const tag = (itemId: number, code: string) => addItemCountry(db, itemId, { code, source: 'curator', addedBy: 'ann', addedAt: at(12) });
/** Shows marks as [ and ] for readable expectations. */
const shown = (s: string | null | undefined) => s?.replaceAll(MARK_START, '[').replaceAll(MARK_END, ']');

describe('countItemsByStatus', () => {
  it('counts every status, zero for the empty ones, and all', () => {
    const a = addItem(db, feedA, { guid: 'a', title: 'Pyongyang summit' });
    const b = addItem(db, feedA, { guid: 'b', title: 'Moscow talks' });
    addItem(db, feedB, { guid: 'c', title: 'Pyongyang parade' });
    setItemStatus(db, a, 'published', at(12));
    setItemStatus(db, b, 'dismissed', at(12));
    expect(countItemsByStatus(db)).toEqual({ new: 1, published: 1, dismissed: 1, retracted: 0, all: 3 });
  });

  it('applies the other filters and ignores any status in them', () => {
    const a = addItem(db, feedA, { guid: 'a', title: 'Pyongyang summit' });
    addItem(db, feedB, { guid: 'b', title: 'Pyongyang parade' });
    addItem(db, feedB, { guid: 'c', title: 'Moscow talks' });
    tag(a, 'KP');
    expect(countItemsByStatus(db, { search: 'pyongyang' })).toMatchObject({ new: 2, all: 2 });
    expect(countItemsByStatus(db, { kind: 'news' })).toMatchObject({ all: 2 });
    expect(countItemsByStatus(db, { country: 'kp' })).toMatchObject({ all: 1 });
    expect(countItemsByStatus(db, { feed: 'alpha', status: 'dismissed' } as never)).toMatchObject({ new: 1, all: 1 });
  });

  it('sees a change made after an earlier count (no stale cache)', () => {
    const a = addItem(db, feedA, { guid: 'a' });
    expect(countItemsByStatus(db).new).toBe(1);
    setItemStatus(db, a, 'dismissed', at(12));
    expect(countItemsByStatus(db)).toMatchObject({ new: 0, dismissed: 1 });
    addItem(db, feedA, { guid: 'b' });
    expect(countItemsByStatus(db).all).toBe(2);
  });

  it('counts zero everywhere on an empty database', () => {
    expect(countItemsByStatus(db)).toEqual({ new: 0, published: 0, dismissed: 0, retracted: 0, all: 0 });
  });
});

describe('listTaggedCountries', () => {
  it('counts items per accepted country, most used first, then by code; follows changes', () => {
    const [a, b, c] = ['a', 'b', 'c'].map((g) => addItem(db, feedA, { guid: g }));
    tag(a!, 'RU');
    tag(b!, 'RU');
    tag(a!, 'KP');
    tag(c!, 'CN');
    expect(listTaggedCountries(db)).toEqual([
      { code: 'RU', count: 2 },
      { code: 'CN', count: 1 },
      { code: 'KP', count: 1 },
    ]);
    tag(c!, 'KP');
    expect(listTaggedCountries(db)[0]).toEqual({ code: 'KP', count: 2 });
  });
});

describe('highlightItems', () => {
  it('marks whole words and the last word as a prefix, in the title and a snippet of the text', () => {
    const id = addItem(db, feedA, { guid: 'a', title: 'Kim and Putin in Pyongyang', summary: 'short' });
    db.prepare('UPDATE items SET article_text = ? WHERE id = ?').run('Kimchi was served. Later Kim met Putin in Pyongyang for talks.', id);
    const h = highlightItems(db, [id], 'kim pyong').get(id)!;
    expect(shown(h.title)).toBe('[Kim] and Putin in [Pyongyang]');
    expect(shown(h.snippet)).toBe('Kimchi was served. Later [Kim] met Putin in [Pyongyang] for talks.');
  });

  it('falls back to the summary, gives a null snippet when only the title matched, and elides long text', () => {
    const fromSummary = addItem(db, feedA, { guid: 'a', title: 'A report', summary: 'Refugees crossed into Chad.' });
    const titleOnly = addItem(db, feedA, { guid: 'b', title: 'Chad report', summary: 'Nothing here.' });
    const long = addItem(db, feedA, { guid: 'c', title: 'Long', summary: '' });
    const words = Array.from({ length: 60 }, (_, i) => `w${i}`);
    words[30] = 'Chad';
    db.prepare('UPDATE items SET article_text = ? WHERE id = ?').run(words.join(' '), long);
    const map = highlightItems(db, [fromSummary, titleOnly, long], 'chad');
    expect(shown(map.get(fromSummary)?.snippet)).toBe('Refugees crossed into [Chad].');
    expect(map.get(titleOnly)).toEqual({ title: `${MARK_START}Chad${MARK_END} report`, snippet: null });
    const snippet = shown(map.get(long)?.snippet)!;
    expect(snippet.startsWith('…w22 ')).toBe(true);
    expect(snippet).toContain('[Chad] w31');
    expect(snippet.endsWith('…')).toBe(true);
    expect(snippet.split(' ')).toHaveLength(24);
  });

  it('gives nothing for a search without words or an empty page', () => {
    const id = addItem(db, feedA, { guid: 'a', title: 'Anything' });
    expect(highlightItems(db, [id], '  ?! ').size).toBe(0);
    expect(highlightItems(db, [], 'anything').size).toBe(0);
  });
});

describe('listStoryPeers', () => {
  it('groups every item of the given stories by story, in date order, with their feeds', () => {
    const a = addItem(db, feedA, { guid: 'a', title: 'A', publishedAt: at(10) });
    const b = addItem(db, feedB, { guid: 'b', title: 'B', publishedAt: at(9) });
    const c = addItem(db, feedA, { guid: 'c', title: 'C', publishedAt: at(11) });
    const d = addItem(db, feedA, { guid: 'd', title: 'D', publishedAt: at(11) });
    joinStory(db, a, b, b);
    joinStory(db, c, d, c);
    const peers = listStoryPeers(db, [b, c, b, 999]);
    expect(peers.get(b)).toEqual([
      { id: b, storyId: b, title: 'B', status: 'new', sources: ['Beta'] },
      { id: a, storyId: b, title: 'A', status: 'new', sources: ['Alpha'] },
    ]);
    expect(peers.get(c)?.map((p) => p.id)).toEqual([c, d]);
    expect(peers.has(999)).toBe(false);
    expect(listStoryPeers(db, []).size).toBe(0);
  });
});

describe('adjacentItems', () => {
  it("gives an item's newer and older neighbours in inbox order, ties broken by id", () => {
    const old = addItem(db, feedA, { guid: 'old', title: 'Old', publishedAt: at(8) });
    const t1 = addItem(db, feedA, { guid: 't1', title: 'T1', publishedAt: at(10) });
    const t2 = addItem(db, feedA, { guid: 't2', title: 'T2', publishedAt: at(10) });
    const top = addItem(db, feedA, { guid: 'top', title: 'Top', publishedAt: at(12) });
    expect(adjacentItems(db, t1)).toEqual({ newer: { id: t2, title: 'T2' }, older: { id: old, title: 'Old' } });
    expect(adjacentItems(db, t2)).toEqual({ newer: { id: top, title: 'Top' }, older: { id: t1, title: 'T1' } });
    expect(adjacentItems(db, top).newer).toBeNull();
    expect(adjacentItems(db, old).older).toBeNull();
    expect(adjacentItems(db, 999)).toEqual({ newer: null, older: null });
  });

  it('skips items outside the filter, even when the item itself no longer matches', () => {
    const a = addItem(db, feedA, { guid: 'a', title: 'A', publishedAt: at(8) });
    addItem(db, feedB, { guid: 'b', title: 'B', publishedAt: at(9) });
    const c = addItem(db, feedA, { guid: 'c', title: 'C', publishedAt: at(10) });
    const d = addItem(db, feedA, { guid: 'd', title: 'D', publishedAt: at(11) });
    setItemStatus(db, c, 'dismissed', at(12));
    expect(adjacentItems(db, c, { status: 'new', feed: 'Alpha' })).toEqual({ newer: { id: d, title: 'D' }, older: { id: a, title: 'A' } });
  });
});
