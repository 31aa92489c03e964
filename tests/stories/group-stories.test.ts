/**
 * groupStories on a fresh SQLite database with the real migrations, items stored the way a poll stores them
 * (applyFeedItems), country suggestions the way ingest saves them.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CountrySuggestion } from '../../src/countries/index.js';
import { openDatabase, type Db } from '../../src/db/index.js';
import type { FeedConfig } from '../../src/model/feed.js';
import type { ParsedItem } from '../../src/parser/types.js';
import { saveSuggestions } from '../../src/store/countries.js';
import { listFeeds, syncFeeds } from '../../src/store/feeds.js';
import { applyFeedItems, getItemRow } from '../../src/store/items.js';
import { listStoryMembers } from '../../src/store/stories.js';
import { groupStories } from '../../src/stories/group-stories.js';

const sha = (s: string) => createHash('sha256').update(s).digest('hex');

const FLOOD_A = {
  title: 'Flooding in Maiduguri displaces thousands',
  summary: 'Heavy flooding after the Alau dam collapsed in Maiduguri, Borno State, displaced thousands of families on Tuesday. Churches in Maiduguri opened their halls to displaced families.',
};
const FLOOD_B = {
  title: 'Alau dam collapse floods Maiduguri, thousands displaced',
  summary: 'Thousands of residents of Maiduguri in Borno State fled their homes after the Alau dam collapsed and flooding swept through the city.',
};
const FLOOD_C = {
  title: 'Maiduguri churches shelter thousands displaced by Alau dam flooding',
  summary: 'Congregations across Maiduguri opened their doors to families displaced when the Alau dam collapsed, flooding much of Borno State.',
};
const ELECTION = {
  title: 'Kenyan opposition disputes election count',
  summary: 'Opposition leaders in Nairobi rejected the electoral commission tally and called for protests across Kenya.',
};

function parsedItem(url: string, story: { title: string; summary: string }, publishedAt: string): ParsedItem {
  return {
    key: sha(`url:${url}`),
    guid: null,
    url,
    title: story.title,
    summary: story.summary,
    contentHtml: null,
    author: null,
    publishedAt,
    updatedAt: null,
    categories: [],
    imageUrl: null,
    contentHash: sha(`${story.title}\n${story.summary}`),
  };
}

const feedConfig = (name: string): FeedConfig => ({
  name, url: `https://${name.toLowerCase()}.example/feed`, kind: 'news', countries: [], intervalSec: 1800, extract: 'never', republish: 'excerpt', enabled: true,
});

let db: Db;
let feeds: Record<string, number>;

/** Stores one item from a feed as a poll would; returns its id. */
function store(feed: string, url: string, story: { title: string; summary: string }, publishedAt: string): number {
  const r = applyFeedItems(db, feeds[feed]!, [parsedItem(url, story, publishedAt)], publishedAt, () => 'skipped');
  expect(r.newItems).toHaveLength(1);
  return r.newItems[0]!.id;
}

const primary = (code: string, name: string): CountrySuggestion => ({ code, name, score: 0.9, primary: true, source: 'suggested', evidence: [] });
const storyOf = (id: number) => getItemRow(db, id)!.story_id;
const allStories = () => db.prepare('SELECT id, story_id FROM items ORDER BY id').all();

beforeEach(() => {
  db = openDatabase(join(mkdtempSync(join(tmpdir(), 'pw-stories-')), 'test.db'));
  syncFeeds(db, ['Alpha', 'Beta', 'Gamma'].map(feedConfig));
  feeds = Object.fromEntries(listFeeds(db).map((f) => [f.name, f.id]));
});

afterEach(() => db.close());

describe('groupStories', () => {
  it('groups two reports of one event within four days under the older item\'s id', () => {
    const a = store('Alpha', 'https://alpha.example/flood', FLOOD_A, '2024-09-10T08:00:00.000Z');
    const b = store('Beta', 'https://beta.example/maiduguri', FLOOD_B, '2024-09-12T17:00:00.000Z');
    expect(groupStories(db, [a, b])).toBe(1);
    expect(storyOf(a)).toBe(a);
    expect(storyOf(b)).toBe(a);
    expect(listStoryMembers(db, a, b).map((m) => [m.id, m.sources])).toEqual([[a, ['Alpha']]]);
  });

  it('does not group the same words years apart', () => {
    const old = store('Alpha', 'https://alpha.example/2021/flood', FLOOD_A, '2021-09-10T08:00:00.000Z');
    const now = store('Beta', 'https://beta.example/2024/flood', FLOOD_A, '2024-09-10T08:00:00.000Z');
    expect(groupStories(db, [old, now])).toBe(0);
    expect([storyOf(old), storyOf(now)]).toEqual([null, null]);
  });

  it('does not group reports more than four days apart', () => {
    const a = store('Alpha', 'https://alpha.example/flood', FLOOD_A, '2024-09-10T08:00:00.000Z');
    const b = store('Beta', 'https://beta.example/maiduguri', FLOOD_B, '2024-09-14T09:00:00.000Z');
    expect(groupStories(db, [a, b])).toBe(0);
    expect([storyOf(a), storyOf(b)]).toEqual([null, null]);
  });

  it('keeps one item, not a story, for two feeds carrying the same canonical URL', () => {
    const a = store('Alpha', 'https://news.example/flood', FLOOD_A, '2024-09-10T08:00:00.000Z');
    const merged = applyFeedItems(db, feeds.Beta!, [parsedItem('https://news.example/flood', FLOOD_B, '2024-09-10T09:00:00.000Z')], '2024-09-10T09:00:00.000Z', () => 'skipped');
    expect(merged).toMatchObject({ newItems: [], merged: 1 });
    expect(groupStories(db, [a])).toBe(0);
    expect(storyOf(a)).toBeNull();
    expect(allStories()).toEqual([{ id: a, story_id: null }]);
  });

  it('keeps unrelated items of the same day apart', () => {
    const flood = store('Alpha', 'https://alpha.example/flood', FLOOD_A, '2024-09-10T08:00:00.000Z');
    const vote = store('Beta', 'https://beta.example/kenya', ELECTION, '2024-09-10T09:00:00.000Z');
    expect(groupStories(db, [flood, vote])).toBe(0);
    expect([storyOf(flood), storyOf(vote)]).toEqual([null, null]);
  });

  it('keeps apart similar reports whose primary countries differ', () => {
    const a = store('Alpha', 'https://alpha.example/flood', FLOOD_A, '2024-09-10T08:00:00.000Z');
    const b = store('Beta', 'https://beta.example/maiduguri', FLOOD_B, '2024-09-11T08:00:00.000Z');
    saveSuggestions(db, a, [primary('CM', 'Cameroon')]);
    saveSuggestions(db, b, [primary('NG', 'Nigeria')]);
    expect(groupStories(db, [a, b])).toBe(0);
    // A shared primary country allows it again.
    saveSuggestions(db, a, [primary('NG', 'Nigeria')]);
    expect(groupStories(db, [a, b])).toBe(1);
    expect([storyOf(a), storyOf(b)]).toEqual([a, a]);
  });

  it('adds a later report to the existing story', () => {
    const a = store('Alpha', 'https://alpha.example/flood', FLOOD_A, '2024-09-10T08:00:00.000Z');
    const b = store('Beta', 'https://beta.example/maiduguri', FLOOD_B, '2024-09-11T08:00:00.000Z');
    groupStories(db, [a, b]);
    const c = store('Gamma', 'https://gamma.example/churches', FLOOD_C, '2024-09-12T08:00:00.000Z');
    expect(groupStories(db, [c])).toBe(1);
    expect([storyOf(a), storyOf(b), storyOf(c)]).toEqual([a, a, a]);
    expect(listStoryMembers(db, a, c).map((m) => m.id)).toEqual([a, b]);
  });

  it('joins an existing story even when the item is older than every member', () => {
    const b = store('Beta', 'https://beta.example/maiduguri', FLOOD_B, '2024-09-11T08:00:00.000Z');
    const c = store('Gamma', 'https://gamma.example/churches', FLOOD_C, '2024-09-12T08:00:00.000Z');
    groupStories(db, [b, c]);
    expect(storyOf(b)).toBe(b);
    // Stored later (a slow feed) but published first: it joins the story, which keeps its id.
    const a = store('Alpha', 'https://alpha.example/flood', FLOOD_A, '2024-09-10T08:00:00.000Z');
    expect(groupStories(db, [a])).toBe(1);
    expect([storyOf(a), storyOf(b), storyOf(c)]).toEqual([b, b, b]);
  });

  it('changes nothing when run twice', () => {
    const a = store('Alpha', 'https://alpha.example/flood', FLOOD_A, '2024-09-10T08:00:00.000Z');
    const b = store('Beta', 'https://beta.example/maiduguri', FLOOD_B, '2024-09-11T08:00:00.000Z');
    const v = store('Gamma', 'https://gamma.example/kenya', ELECTION, '2024-09-11T09:00:00.000Z');
    expect(groupStories(db, [a, b, v])).toBe(1);
    const before = db.prepare('SELECT * FROM items ORDER BY id').all();
    expect(groupStories(db, [a, b, v])).toBe(0);
    expect(db.prepare('SELECT * FROM items ORDER BY id').all()).toEqual(before);
  });

  it('skips ids of items that do not exist', () => {
    const a = store('Alpha', 'https://alpha.example/flood', FLOOD_A, '2024-09-10T08:00:00.000Z');
    expect(groupStories(db, [a + 1000])).toBe(0);
    expect(groupStories(db, [])).toBe(0);
    expect(storyOf(a)).toBeNull();
  });
});
