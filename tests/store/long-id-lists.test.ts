/**
 * Store functions that take a list of item ids answer for any length of list: a pass can find more new items than
 * SQLite allows parameters in one statement (32,766), so none may spend a parameter per id.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../src/db/index.js';
import type { ParsedItem } from '../../src/parser/types.js';
import { addItemCountry, countriesByItem, saveSuggestions, suggestionsByItem } from '../../src/store/countries.js';
import { countPendingExtraction, listExtractionCandidates } from '../../src/store/extraction.js';
import { listFeeds, syncFeeds } from '../../src/store/feeds.js';
import { applyFeedItems, listUnfinishedItemIds, markItemsFinished } from '../../src/store/items.js';

const MANY = 40_000;
let db: Db;
let ids: number[];
/** 40,000 ids: the three stored items among ids of items that do not exist. */
let many: number[];

const item = (n: number): ParsedItem => ({
  key: `key-${n}`, guid: `g${n}`, url: `https://n.example/${n}`, title: `Item ${n}`, summary: '', contentHtml: null, author: null,
  publishedAt: null, updatedAt: null, categories: [], imageUrl: null, contentHash: `hash-${n}`,
});

beforeAll(() => {
  db = openDatabase(join(mkdtempSync(join(tmpdir(), 'pw-ids-')), 'test.db'));
  syncFeeds(db, [{ name: 'A', url: 'https://a.example/feed', kind: 'news', countries: [], intervalSec: 1800, extract: 'auto', republish: 'excerpt', enabled: true }]);
  const feedId = listFeeds(db)[0]!.id;
  const applied = applyFeedItems(db, feedId, [item(1), item(2), item(3)], '2026-01-01T00:00:00.000Z', (i) => (i.guid === 'g3' ? 'skipped' : 'pending'));
  ids = applied.newItems.map((n) => n.id);
  many = Array.from({ length: MANY }, (_, n) => 1_000_000 + n);
  many.splice(10_000, 0, ids[0]!);
  many.splice(30_000, 0, ids[1]!);
  many.push(ids[2]!);
  addItemCountry(db, ids[0]!, { code: 'KP', source: 'curator', addedBy: 'alice', addedAt: '2026-01-01T00:00:00.000Z' });
  saveSuggestions(db, ids[1]!, [{ code: 'RU', score: 0.9, primary: true, source: 'suggested', evidence: [] }]);
});

describe(`store functions given ${MANY.toLocaleString('en')} item ids`, () => {
  it('listExtractionCandidates', () => {
    expect(listExtractionCandidates(db, { itemIds: many }).map((c) => c.id)).toEqual([ids[0], ids[1]]);
    expect(listExtractionCandidates(db, { itemIds: many, feed: 'a' }).map((c) => c.id)).toEqual([ids[0], ids[1]]);
  });

  it('countPendingExtraction', () => {
    expect(countPendingExtraction(db, many)).toBe(2);
    expect(countPendingExtraction(db, [])).toBe(0);
  });

  it('countriesByItem', () => {
    expect([...countriesByItem(db, many)]).toEqual([[ids[0], ['KP']]]);
  });

  it('suggestionsByItem', () => {
    expect([...suggestionsByItem(db, many)]).toEqual([[ids[1], [{ code: 'RU', score: 0.9, primary: true, source: 'suggested', evidence: [] }]]]);
  });

  it('markItemsFinished', () => {
    markItemsFinished(db, many, '2026-01-02T00:00:00.000Z');
    expect(listUnfinishedItemIds(db)).toEqual([]);
  });
});
