import { beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/index.js';
import type { StoredSuggestion } from '../../src/model/country.js';
import {
  addItemCountry, countriesByItem, feedCountriesOfItem, listItemCountries, listSuggestions, removeItemCountry, saveSuggestions, suggestionsByItem,
  type ItemCountryTag,
} from '../../src/store/countries.js';
import { applyFeedItems } from '../../src/store/items.js';
import { addItem, feedConfig, freshDb, item, seedFeeds } from './helpers.js';

let db: Db;
let feedA: number;
let feedB: number;
let itemId: number;

beforeEach(() => {
  db = freshDb();
  [feedA, feedB] = seedFeeds(db, [feedConfig('Alpha', { countries: ['KP', 'KR'] }), feedConfig('Beta', { countries: ['KR', 'RU'] })]) as [number, number];
  itemId = addItem(db, feedA, { guid: 'x', url: 'https://n.example/x' });
});

const tag = (code: string, addedAt: string, over: Partial<ItemCountryTag> = {}): ItemCountryTag => ({ code, source: 'curator', addedBy: 'ann', addedAt, ...over });
const suggestion = (code: string, score: number, over: Partial<StoredSuggestion> = {}): StoredSuggestion => ({
  code, score, primary: false, source: 'suggested', evidence: [{ phrase: code, count: 1, where: ['text'] }], ...over,
});

describe('accepted tags', () => {
  it('adds a tag once, lists tags by time then code, removes one', () => {
    expect(addItemCountry(db, itemId, tag('RU', '2026-11-25T11:00:00.000Z'))).toBe(true);
    expect(addItemCountry(db, itemId, tag('KP', '2026-11-25T10:00:00.000Z', { source: 'suggested', addedBy: 'system' }))).toBe(true);
    expect(addItemCountry(db, itemId, tag('CN', '2026-11-25T11:00:00.000Z'))).toBe(true);
    expect(addItemCountry(db, itemId, tag('KP', '2026-11-25T12:00:00.000Z'))).toBe(false);
    expect(listItemCountries(db, itemId)).toEqual([
      { code: 'KP', source: 'suggested', addedBy: 'system', addedAt: '2026-11-25T10:00:00.000Z' },
      { code: 'CN', source: 'curator', addedBy: 'ann', addedAt: '2026-11-25T11:00:00.000Z' },
      { code: 'RU', source: 'curator', addedBy: 'ann', addedAt: '2026-11-25T11:00:00.000Z' },
    ]);
    expect(removeItemCountry(db, itemId, 'CN')).toBe(true);
    expect(removeItemCountry(db, itemId, 'CN')).toBe(false);
    expect(listItemCountries(db, itemId).map((t) => t.code)).toEqual(['KP', 'RU']);
  });

  it('gives the tags of many items in one call, none for an empty list', () => {
    const other = addItem(db, feedA, { guid: 'y', url: 'https://n.example/y' });
    const untagged = addItem(db, feedA, { guid: 'z', url: 'https://n.example/z' });
    addItemCountry(db, itemId, tag('RU', '2026-11-25T11:00:00.000Z'));
    addItemCountry(db, itemId, tag('KP', '2026-11-25T10:00:00.000Z'));
    addItemCountry(db, other, tag('NG', '2026-11-25T10:00:00.000Z'));
    const map = countriesByItem(db, [itemId, other, untagged]);
    expect([...map.entries()].sort()).toEqual([
      [itemId, ['KP', 'RU']],
      [other, ['NG']],
    ]);
    expect(countriesByItem(db, []).size).toBe(0);
  });
});

describe('suggestions', () => {
  it('stores suggestions ranked primary first, then by score, then code, evidence intact', () => {
    saveSuggestions(db, itemId, [suggestion('RU', 2), suggestion('CN', 5), suggestion('KP', 1, { primary: true, source: 'feed' }), suggestion('BY', 2)]);
    const list = listSuggestions(db, itemId);
    expect(list.map((s) => s.code)).toEqual(['KP', 'CN', 'BY', 'RU']);
    expect(list[0]).toEqual({ code: 'KP', score: 1, primary: true, source: 'feed', evidence: [{ phrase: 'KP', count: 1, where: ['text'] }] });
  });

  it('replaces earlier suggestions and leaves accepted tags alone', () => {
    addItemCountry(db, itemId, tag('KP', '2026-11-25T10:00:00.000Z'));
    saveSuggestions(db, itemId, [suggestion('RU', 2), suggestion('CN', 1)]);
    saveSuggestions(db, itemId, [suggestion('UA', 3)]);
    expect(listSuggestions(db, itemId).map((s) => s.code)).toEqual(['UA']);
    saveSuggestions(db, itemId, []);
    expect(listSuggestions(db, itemId)).toEqual([]);
    expect(listItemCountries(db, itemId).map((t) => t.code)).toEqual(['KP']);
  });

  it('gives the suggestions of many items, each ranked, none for an empty list', () => {
    const other = addItem(db, feedA, { guid: 'y', url: 'https://n.example/y' });
    saveSuggestions(db, itemId, [suggestion('RU', 1), suggestion('KP', 4)]);
    saveSuggestions(db, other, [suggestion('NG', 2, { primary: true })]);
    const map = suggestionsByItem(db, [itemId, other]);
    expect(map.get(itemId)?.map((s) => s.code)).toEqual(['KP', 'RU']);
    expect(map.get(other)?.map((s) => [s.code, s.primary])).toEqual([['NG', true]]);
    expect(suggestionsByItem(db, []).size).toBe(0);
  });
});

describe('feedCountriesOfItem', () => {
  it("unites the configured countries of every feed that carried the item, once each", () => {
    expect(feedCountriesOfItem(db, itemId).sort()).toEqual(['KP', 'KR']);
    applyFeedItems(db, feedB, [item({ guid: 'b', url: 'https://n.example/x' })], '2026-11-25T11:00:00.000Z', () => 'pending');
    expect(feedCountriesOfItem(db, itemId).sort()).toEqual(['KP', 'KR', 'RU']);
    expect(feedCountriesOfItem(db, 999)).toEqual([]);
  });
});
