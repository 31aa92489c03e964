import { beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/index.js';
import { saveSuggestions } from '../../src/store/countries.js';
import { setItemStatus } from '../../src/store/curation.js';
import { applyFeedItems } from '../../src/store/items.js';
import { getStoryRow, joinStory, listStoryCandidates, listStoryMembers } from '../../src/store/stories.js';
import { addItem, item, freshDbWithTwoFeeds } from './helpers.js';

let db: Db;
let feedA: number;
let feedB: number;

beforeEach(() => {
  ({ db, feedA, feedB } = freshDbWithTwoFeeds());
});

const at = (day: number) => `2026-11-${String(day).padStart(2, '0')}T12:00:00.000Z`;
const add = (guid: string, day: number, feed = feedA) => addItem(db, feed, { guid, url: `https://n.example/${guid}`, title: guid, summary: `About ${guid}`, publishedAt: at(day) });

describe('getStoryRow', () => {
  it('gives the text to compare (article, else summary), the date and only primary countries', () => {
    const id = add('kim', 20);
    saveSuggestions(db, id, [
      { code: 'KP', score: 5, primary: true, source: 'suggested', evidence: [] },
      { code: 'RU', score: 4, primary: true, source: 'suggested', evidence: [] },
      { code: 'CN', score: 1, primary: false, source: 'suggested', evidence: [] },
    ]);
    const row = getStoryRow(db, id)!;
    expect(row).toMatchObject({ id, title: 'kim', text: 'About kim', at: at(20), storyId: null });
    expect(row.primaryCountries.sort()).toEqual(['KP', 'RU']);
    db.prepare("UPDATE items SET article_text = 'Full article' WHERE id = ?").run(id);
    expect(getStoryRow(db, id)?.text).toBe('Full article');
    expect(getStoryRow(db, 999)).toBeNull();
  });

  it('gives no primary countries when there are no suggestions', () => {
    expect(getStoryRow(db, add('bare', 20))?.primaryCountries).toEqual([]);
  });
});

describe('listStoryCandidates', () => {
  it('lists items within the window either side, newest first, never the item itself', () => {
    const self = add('self', 20);
    const before = add('before', 18);
    const after = add('after', 22);
    add('too-old', 16);
    add('too-new', 24);
    expect(listStoryCandidates(db, self, at(20), 2).map((r) => r.id)).toEqual([after, before]);
  });

  it('includes the window edges and honours the limit', () => {
    const self = add('self', 20);
    const edge = add('edge', 17);
    const mid = add('mid', 19);
    expect(listStoryCandidates(db, self, at(20), 3).map((r) => r.id)).toEqual([mid, edge]);
    expect(listStoryCandidates(db, self, at(20), 3, 1).map((r) => r.id)).toEqual([mid]);
    expect(listStoryCandidates(db, self, at(20), 0)).toEqual([]);
  });
});

describe('stories', () => {
  it('joins two items under a story id and lists the other members in date order with their feeds', () => {
    const a = add('a', 20);
    const b = add('b', 19, feedB);
    const c = add('c', 21);
    applyFeedItems(db, feedB, [item({ guid: 'c-too', url: 'https://n.example/c' })], at(21), () => 'pending');
    joinStory(db, a, b, b);
    joinStory(db, c, a, b);
    setItemStatus(db, c, 'published', at(22));
    expect([a, b, c].map((id) => getStoryRow(db, id)?.storyId)).toEqual([b, b, b]);
    expect(listStoryMembers(db, b, a)).toEqual([
      { id: b, title: 'b', status: 'new', sources: ['Beta'] },
      { id: c, title: 'c', status: 'published', sources: ['Alpha', 'Beta'] },
    ]);
    expect(listStoryMembers(db, 999, a)).toEqual([]);
  });
});
