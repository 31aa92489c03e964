import { beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/index.js';
import { addItemCountry, saveSuggestions } from '../../src/store/countries.js';
import { savePrayerNote, savePublication } from '../../src/store/curation.js';
import { recordExtractionSuccess } from '../../src/store/extraction.js';
import { getItemDetail } from '../../src/store/item-detail.js';
import { applyFeedItems } from '../../src/store/items.js';
import { addItem, item, freshDbWithTwoFeeds } from './helpers.js';

let db: Db;
let feedA: number;
let feedB: number;

beforeEach(() => {
  ({ db, feedA, feedB } = freshDbWithTwoFeeds());
});

const names: Record<string, string> = { KP: 'North Korea', RU: 'Russia' };
const countryName = (code: string) => names[code] ?? code;

describe('getItemDetail', () => {
  it('shows the feed fields of a fresh item, falling back to them where no article exists', () => {
    const id = addItem(db, feedA, { guid: 'z', url: 'https://n.example/z', title: 'Z', summary: 'Lead', contentHtml: '<p>Lead</p>', author: 'Ann', categories: ['Asia'] });
    expect(getItemDetail(db, id, countryName)).toMatchObject({
      id, title: 'Z', url: 'https://n.example/z', feed: 'Alpha', author: 'Ann', categories: ['Asia'], status: 'new', text: 'Lead', html: '<p>Lead</p>',
      byline: 'Ann', prayerPoints: [], countries: [], countryTags: [], suggestedCountries: [], prayerNote: null, publication: null, storyId: null,
      extraction: { status: 'pending', code: null, reason: null, attempts: 0, extractedAt: null },
    });
  });

  it('gives null text rather than an empty summary', () => {
    const id = addItem(db, feedA, { guid: 'e', title: 'Empty', summary: '' });
    expect(getItemDetail(db, id, countryName)?.text).toBeNull();
  });

  it('prefers the article, and gathers sources, countries named by the caller, suggestions, note and publication', () => {
    const id = addItem(db, feedA, { guid: 'a', url: 'https://n.example/a', title: 'A', author: 'Feed author' });
    applyFeedItems(db, feedB, [item({ guid: 'b', url: 'https://n.example/a', title: 'A at Beta' })], '2026-11-25T11:00:00.000Z', () => 'pending');
    recordExtractionSuccess(db, id, {
      title: 'A', html: '<p>Body</p>', text: 'Body', excerpt: 'Body', byline: 'Page author', publishedAt: null, siteName: 'N', imageUrl: null, lang: 'en',
      wordCount: 1, readingTimeMinutes: 1, canonicalUrl: null, prayerPoints: ['Pray'],
    }, 'https://n.example/a', '2026-11-25T12:00:00.000Z');
    addItemCountry(db, id, { code: 'KP', source: 'curator', addedBy: 'ann', addedAt: '2026-11-25T12:00:00.000Z' });
    saveSuggestions(db, id, [
      { code: 'RU', score: 1.234, primary: false, source: 'suggested', evidence: [{ phrase: 'Moscow', count: 1, where: ['text'] }] },
      { code: 'ZZ', score: 2, primary: true, source: 'feed', evidence: [] },
    ]);
    savePrayerNote(db, id, { points: ['Peace'], scripture: null, text: null }, 'ann', '2026-11-25T12:00:00.000Z');
    savePublication(db, id, { guid: 'urn:a', publishedAt: '2026-11-25T13:00:00.000Z', publishedBy: 'ann' });
    const d = getItemDetail(db, id, countryName)!;
    expect(d).toMatchObject({ text: 'Body', html: '<p>Body</p>', byline: 'Page author', prayerPoints: ['Pray'], countries: ['KP'] });
    expect(d.sources.map((s) => [s.feed, s.title])).toEqual([['Alpha', 'A'], ['Beta', 'A at Beta']]);
    expect(d.countryTags).toEqual([{ code: 'KP', name: 'North Korea', source: 'curator', addedBy: 'ann', addedAt: '2026-11-25T12:00:00.000Z' }]);
    expect(d.suggestedCountries.map((s) => [s.code, s.name, s.score, s.primary])).toEqual([['ZZ', 'ZZ', 2, true], ['RU', 'Russia', 1.23, false]]);
    expect(d.prayerNote?.points).toEqual(['Peace']);
    expect(d.publication?.guid).toBe('urn:a');
    expect(d.extraction).toMatchObject({ status: 'done', attempts: 1, extractedAt: '2026-11-25T12:00:00.000Z' });
  });

  it('is null for an unknown item', () => {
    expect(getItemDetail(db, 999, countryName)).toBeNull();
  });
});
