import { beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/index.js';
import { addItemCountry } from '../../src/store/countries.js';
import { markRetracted, savePrayerNote, savePublication, setItemStatus } from '../../src/store/curation.js';
import { applyFeedItems } from '../../src/store/items.js';
import { countPublishedByCountry, getPublishedRow, listPublishedRows } from '../../src/store/published.js';
import { addItem, feedConfig, freshDb, item, seedFeeds } from './helpers.js';

let db: Db;
let feedA: number;
let feedB: number;
const NOW = '2026-11-25T12:00:00.000Z';

beforeEach(() => {
  db = freshDb();
  [feedA, feedB] = seedFeeds(db, [feedConfig('Alpha', { republish: 'full' }), feedConfig('Beta', { republish: 'link' })]) as [number, number];
});

/** A published item: its publication time, countries and status. */
function publish(guid: string, publishedAt: string, countries: string[] = [], status: 'published' | 'retracted' = 'published'): number {
  const id = addItem(db, feedA, { guid, url: `https://n.example/${guid}`, title: guid.toUpperCase() });
  savePublication(db, id, { guid: `urn:${guid}`, publishedAt, publishedBy: 'ann' });
  setItemStatus(db, id, status, publishedAt);
  for (const code of countries) addItemCountry(db, id, { code, source: 'curator', addedBy: 'ann', addedAt: publishedAt });
  return id;
}

const window = { nowIso: NOW, retractedSinceIso: '2026-11-20T00:00:00.000Z', limit: 50 };

describe('listPublishedRows', () => {
  it('lists visible published items newest publication first; embargoed and unpublished ones never', () => {
    publish('old', '2026-11-24T00:00:00.000Z');
    publish('new', '2026-11-25T11:00:00.000Z');
    publish('embargoed', '2026-11-26T00:00:00.000Z');
    addItem(db, feedA, { guid: 'inbox', url: 'https://n.example/inbox' });
    expect(listPublishedRows(db, window).map((r) => r.guid)).toEqual(['urn:new', 'urn:old']);
    expect(listPublishedRows(db, { ...window, nowIso: '2026-11-26T00:00:00.000Z' }).map((r) => r.guid)).toEqual(['urn:embargoed', 'urn:new', 'urn:old']);
  });

  it('keeps a retracted item while its retraction is recent, then drops it', () => {
    const id = publish('gone', '2026-11-24T00:00:00.000Z', [], 'retracted');
    markRetracted(db, id, '2026-11-25T00:00:00.000Z', 'duplicate');
    expect(listPublishedRows(db, window)).toMatchObject([{ id, status: 'retracted', retraction_reason: 'duplicate' }]);
    expect(listPublishedRows(db, { ...window, retractedSinceIso: '2026-11-25T00:00:00.000Z' })).toHaveLength(1);
    expect(listPublishedRows(db, { ...window, retractedSinceIso: '2026-11-25T00:00:00.001Z' })).toEqual([]);
  });

  it('never lists a dismissed item even with a publication row', () => {
    publish('dismissed', '2026-11-24T00:00:00.000Z');
    const id = publish('x', '2026-11-24T00:00:00.000Z');
    setItemStatus(db, id, 'dismissed', NOW);
    expect(listPublishedRows(db, window).map((r) => r.guid)).toEqual(['urn:dismissed']);
  });

  it('filters by country in any case and limits; equal times go newest id first', () => {
    const a = publish('a', '2026-11-24T00:00:00.000Z', ['KP']);
    const b = publish('b', '2026-11-24T00:00:00.000Z', ['KP', 'RU']);
    publish('c', '2026-11-24T00:00:00.000Z', ['RU']);
    expect(listPublishedRows(db, { ...window, country: 'kp' }).map((r) => r.id)).toEqual([b, a]);
    expect(listPublishedRows(db, { ...window, limit: 1 })).toHaveLength(1);
    expect(listPublishedRows(db, { ...window, country: 'FR' })).toEqual([]);
  });

  it('carries the note, countries by time then code, and every source with its policy', () => {
    const id = publish('full', '2026-11-24T00:00:00.000Z', ['RU', 'KP']);
    applyFeedItems(db, feedB, [item({ guid: 'b', url: 'https://n.example/full' })], '2026-11-25T11:00:00.000Z', () => 'pending');
    addItemCountry(db, id, { code: 'CN', source: 'curator', addedBy: 'ann', addedAt: NOW });
    savePrayerNote(db, id, { points: ['Peace'], scripture: 'Ps 46', text: 'Pray.' }, 'ann', NOW);
    const row = getPublishedRow(db, id, NOW)!;
    expect(row).toMatchObject({ id, title: 'FULL', guid: 'urn:full', points: '["Peace"]', scripture: 'Ps 46', note_text: 'Pray.', countries: '["KP","RU","CN"]' });
    expect(JSON.parse(row.sources)).toEqual([
      { name: 'Alpha', siteUrl: null, feedUrl: 'https://alpha.example/feed', republish: 'full' },
      { name: 'Beta', siteUrl: null, feedUrl: 'https://beta.example/feed', republish: 'link' },
    ]);
  });

  it('gives an empty list when nothing is published', () => {
    expect(listPublishedRows(db, window)).toEqual([]);
    expect(countPublishedByCountry(db, NOW)).toEqual([]);
  });
});

describe('getPublishedRow', () => {
  it('finds a visible published or retracted item; null when embargoed, unpublished or unknown', () => {
    const pub = publish('p', '2026-11-24T00:00:00.000Z');
    const ret = publish('r', '2026-11-24T00:00:00.000Z', [], 'retracted');
    const later = publish('l', '2026-11-26T00:00:00.000Z');
    const inbox = addItem(db, feedA, { guid: 'i', url: 'https://n.example/i' });
    expect(getPublishedRow(db, pub, NOW)?.status).toBe('published');
    expect(getPublishedRow(db, ret, NOW)?.status).toBe('retracted');
    expect(getPublishedRow(db, later, NOW)).toBeNull();
    expect(getPublishedRow(db, inbox, NOW)).toBeNull();
    expect(getPublishedRow(db, 999, NOW)).toBeNull();
  });
});

describe('countPublishedByCountry', () => {
  it('counts visible published items per country, most first then by code; retracted and embargoed not', () => {
    publish('a', '2026-11-24T00:00:00.000Z', ['RU', 'KP']);
    publish('b', '2026-11-24T00:00:00.000Z', ['KP']);
    publish('c', '2026-11-24T00:00:00.000Z', ['NG']);
    publish('d', '2026-11-24T00:00:00.000Z', ['NG', 'CN'], 'retracted');
    publish('e', '2026-11-26T00:00:00.000Z', ['CN']);
    expect(countPublishedByCountry(db, NOW)).toEqual([
      { code: 'KP', count: 2 },
      { code: 'NG', count: 1 },
      { code: 'RU', count: 1 },
    ]);
  });
});
