import { beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/index.js';
import {
  appendAudit, bumpCuratedVersion, curatedVersion, deletePublication, getItemStatus, getPrayerNote, getPublication, listAudit, markCorrected,
  markRetracted, savePrayerNote, savePublication, setItemStatus,
} from '../../src/store/curation.js';
import { getItemRow } from '../../src/store/items.js';
import { addItem, feedConfig, freshDb, seedFeeds } from './helpers.js';

let db: Db;
let itemId: number;

beforeEach(() => {
  db = freshDb();
  const [feed] = seedFeeds(db, [feedConfig('Alpha')]);
  itemId = addItem(db, feed!, { guid: 'x', url: 'https://n.example/x' });
});

describe('status', () => {
  it('reads and sets an item status with its update time; null for an unknown item', () => {
    expect(getItemStatus(db, itemId)).toBe('new');
    setItemStatus(db, itemId, 'dismissed', '2026-11-25T12:00:00.000Z');
    expect(getItemStatus(db, itemId)).toBe('dismissed');
    expect(getItemRow(db, itemId)?.updated_at).toBe('2026-11-25T12:00:00.000Z');
    expect(getItemStatus(db, 999)).toBeNull();
  });

  it('refuses a status the schema does not know', () => {
    expect(() => setItemStatus(db, itemId, 'archived' as never, '2026-11-25T12:00:00.000Z')).toThrow();
  });
});

describe('prayer notes', () => {
  it('creates a note, then overwrites every field on save', () => {
    expect(getPrayerNote(db, itemId)).toBeNull();
    savePrayerNote(db, itemId, { points: ['Peace', 'Courage'], scripture: 'Ps 46:1', text: '*Pray*' }, 'ann', '2026-11-25T10:00:00.000Z');
    expect(getPrayerNote(db, itemId)).toEqual({ points: ['Peace', 'Courage'], scripture: 'Ps 46:1', text: '*Pray*', updatedBy: 'ann', updatedAt: '2026-11-25T10:00:00.000Z' });
    savePrayerNote(db, itemId, { points: [], scripture: null, text: null }, 'bob', '2026-11-25T11:00:00.000Z');
    expect(getPrayerNote(db, itemId)).toEqual({ points: [], scripture: null, text: null, updatedBy: 'bob', updatedAt: '2026-11-25T11:00:00.000Z' });
  });
});

describe('publications', () => {
  const first = { guid: 'urn:uuid:1', publishedAt: '2026-11-25T10:00:00.000Z', publishedBy: 'ann' };

  it('creates a publication with its guid; none before', () => {
    expect(getPublication(db, itemId)).toBeNull();
    savePublication(db, itemId, first);
    expect(getPublication(db, itemId)).toEqual({ ...first, correctedAt: null, retractedAt: null, retractionReason: null });
  });

  it('marks corrections and retractions', () => {
    savePublication(db, itemId, first);
    markCorrected(db, itemId, '2026-11-25T11:00:00.000Z');
    markRetracted(db, itemId, '2026-11-25T12:00:00.000Z', 'wrong country');
    expect(getPublication(db, itemId)).toMatchObject({ correctedAt: '2026-11-25T11:00:00.000Z', retractedAt: '2026-11-25T12:00:00.000Z', retractionReason: 'wrong country' });
  });

  it('publishing again keeps the first guid, time and publisher, clears the retraction and marks it corrected', () => {
    savePublication(db, itemId, first);
    markRetracted(db, itemId, '2026-11-25T12:00:00.000Z', 'oops');
    savePublication(db, itemId, { guid: 'urn:uuid:2', publishedAt: '2026-11-25T13:00:00.000Z', publishedBy: 'bob' });
    expect(getPublication(db, itemId)).toEqual({ ...first, correctedAt: '2026-11-25T13:00:00.000Z', retractedAt: null, retractionReason: null });
  });

  it('deletes a publication', () => {
    savePublication(db, itemId, first);
    deletePublication(db, itemId);
    expect(getPublication(db, itemId)).toBeNull();
  });
});

describe('audit log', () => {
  it('lists an item\'s entries newest first with before/after as values', () => {
    appendAudit(db, { itemId, actor: 'ann', action: 'tag', after: { countries: ['KP'] }, at: '2026-11-25T10:00:00.000Z' });
    appendAudit(db, { itemId, actor: 'bob', action: 'dismiss', before: { status: 'new' }, after: { status: 'dismissed' }, at: '2026-11-25T11:00:00.000Z' });
    appendAudit(db, { itemId: null, actor: 'ann', action: 'login', at: '2026-11-25T12:00:00.000Z' });
    const log = listAudit(db, itemId);
    expect(log.map((e) => [e.actor, e.action, e.before, e.after, e.at])).toEqual([
      ['bob', 'dismiss', { status: 'new' }, { status: 'dismissed' }, '2026-11-25T11:00:00.000Z'],
      ['ann', 'tag', null, { countries: ['KP'] }, '2026-11-25T10:00:00.000Z'],
    ]);
    expect(log[0]!.id).toBeGreaterThan(log[1]!.id);
    expect(listAudit(db, 999)).toEqual([]);
  });
});

describe('curatedVersion', () => {
  it('changes with every bump', () => {
    const now = '2026-11-25T10:00:00.000Z';
    const v0 = curatedVersion(db, now);
    bumpCuratedVersion(db);
    const v1 = curatedVersion(db, now);
    bumpCuratedVersion(db);
    expect(new Set([v0, v1, curatedVersion(db, now)]).size).toBe(3);
  });

  it('changes when an embargo passes, without a bump', () => {
    savePublication(db, itemId, { guid: 'g', publishedAt: '2026-11-26T00:00:00.000Z', publishedBy: 'ann' });
    const before = curatedVersion(db, '2026-11-25T10:00:00.000Z');
    const after = curatedVersion(db, '2026-11-26T00:00:00.001Z');
    expect(after).not.toBe(before);
    expect(curatedVersion(db, '2026-11-27T00:00:00.000Z')).toBe(after);
  });
});
