/**
 * Embargo from the readers' side, on the real store with a moving clock: a scheduled item stays out of every
 * public document until its time, and one withdrawn before its time never appears (not even as a retraction notice).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCurator } from '../../src/curate/index.js';
import { createCuratedSource } from '../../src/publish/curated-source.js';
import { startSampleApp, type SampleApp } from '../helpers/sample-app.js';

const DAY = 86400_000;
let app: SampleApp;
const clock = { now: Date.now() };

beforeAll(async () => {
  app = await startSampleApp();
}, 60_000);
afterAll(async () => app?.close());

const curator = () =>
  createCurator({ db: app.ctx.db, settings: () => ({ requireCountryAndNote: true }), idHost: 'prayer.example.org', clock: () => clock.now }).as('anna');
const source = () => createCuratedSource(app.ctx.db, () => clock.now);
const ids = (list: { itemId: number }[]) => list.map((e) => e.itemId);

describe('embargo', () => {
  it('keeps a scheduled item out until its time, then shows it', () => {
    const id = app.itemId('Vostochny');
    const c = curator();
    c.setCountries(id, ['KP']);
    c.setNote(id, { points: ['For the opening of doors in North Korea'] });
    c.publish(id, { publishAt: new Date(clock.now + DAY).toISOString() });
    expect(ids(source().listEntries({ limit: 50 }))).not.toContain(id);
    expect(source().getEntry(id)).toBeNull();
    expect(source().listCountries().map((k) => k.code)).not.toContain('KP');
    clock.now += 2 * DAY;
    expect(ids(source().listEntries({ limit: 50 }))).toContain(id);
  });

  it('never shows an item withdrawn before its embargo passed, not even as a retraction notice', () => {
    const id = app.itemId('Plateau');
    const c = curator();
    c.setCountries(id, ['NG']);
    c.setNote(id, { points: ['Pray for comfort for the families in Bokkos'] });
    c.publish(id, { publishAt: new Date(clock.now + DAY).toISOString() });
    c.retract(id, 'Scheduled by mistake');
    clock.now += 2 * DAY;
    const s = source();
    expect(ids(s.listEntries({ limit: 50 }))).not.toContain(id);
    expect(ids(s.listEntries({ country: 'NG', limit: 50 }))).not.toContain(id);
    expect(s.getEntry(id)).toBeNull();
  });
});
