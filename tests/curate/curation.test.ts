/** Country suggestions, stories and curator actions on the sample sources, end to end through the real pipeline. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCurator, CurateError, type Curator } from '../../src/curate/index.js';
import { getItemDetail } from '../../src/curate/item-detail.js';
import { listAudit } from '../../src/store/curation.js';
import { createCuratedSource } from '../../src/publish/curated-source.js';
import { startSampleApp, type SampleApp } from '../helpers/sample-app.js';

let app: SampleApp;
let curator: Curator;
let now = Date.parse('2026-11-25T12:00:00Z');
const KIM_2023 = 'Vostochny';
const PYONGYANG_PACT = 'Mutual defense pact';
const WHAT_TO_KNOW = 'What You Need to Know';

beforeAll(async () => {
  app = await startSampleApp();
  curator = createCurator({ db: app.ctx.db, settings: () => ({ requireCountryAndNote: true }), idHost: 'prayer.example.org', clock: () => now }).as('anna');
}, 60_000);
afterAll(async () => app?.close());

const detail = (word: string) => getItemDetail(app.ctx.db, app.itemId(word))!;
const primaries = (word: string) => detail(word).suggestedCountries.filter((s) => s.primary).map((s) => s.code).sort();
const mentioned = (word: string) => detail(word).suggestedCountries.map((s) => s.code);

describe('country suggestions on the seed articles', () => {
  it('gives KP and RU as the primary countries of all three', () => {
    expect(primaries(KIM_2023)).toEqual(['KP', 'RU']);
    expect(primaries(PYONGYANG_PACT)).toEqual(['KP', 'RU']);
    expect(primaries(WHAT_TO_KNOW)).toEqual(['KP', 'RU']);
  });

  it('lists VN and CN as mentioned in the commentary, with evidence', () => {
    expect(mentioned(WHAT_TO_KNOW)).toEqual(expect.arrayContaining(['VN', 'CN']));
    const vn = detail(WHAT_TO_KNOW).suggestedCountries.find((s) => s.code === 'VN')!;
    expect(vn.primary).toBe(false);
    expect(vn.evidence.map((e) => e.phrase)).toEqual(expect.arrayContaining(['Vietnam']));
    expect(vn.evidence[0]!.count).toBeGreaterThan(0);
  });

  it('uses the article text, not only the feed teaser', () => {
    expect(detail(WHAT_TO_KNOW).extraction.status).toBe('done');
  });
});

describe('stories', () => {
  it('groups the two June 2024 Pyongyang articles and leaves the 2023 summit apart', () => {
    const a = detail(PYONGYANG_PACT).storyId;
    expect(a).not.toBeNull();
    expect(detail(WHAT_TO_KNOW).storyId).toBe(a);
    expect(detail(KIM_2023).storyId).not.toBe(a);
  });
});

describe('curator actions', () => {
  it('tags by code or name, records the source, and refuses unknown countries clearly', () => {
    const id = app.itemId(PYONGYANG_PACT);
    expect(curator.tag(id, 'kp')).toEqual({ code: 'KP', added: true });
    expect(curator.tag(id, 'Russia')).toEqual({ code: 'RU', added: true });
    expect(curator.tag(id, 'Burma')).toEqual({ code: 'MM', added: true });
    expect(curator.untag(id, 'MM')).toEqual({ code: 'MM', removed: true });
    const tags = detail(PYONGYANG_PACT).countryTags;
    expect(tags.map((t) => [t.code, t.addedBy])).toEqual([['KP', 'anna'], ['RU', 'anna']]);
    expect(tags.find((t) => t.code === 'KP')!.source).toMatch(/suggested|feed/);
    expect(() => curator.tag(id, 'Atlantis')).toThrow(CurateError);
    expect(() => curator.tag(id, 'ZZ')).toThrow(/"ZZ" is not a country name or ISO 3166-1 alpha-2 code/);
  });

  it('keeps a curator\'s tags through a re-poll of the item', async () => {
    const before = detail(PYONGYANG_PACT).countries;
    await app.repoll();
    expect(detail(PYONGYANG_PACT).countries).toEqual(before);
  });

  it('refuses to publish without a country and a prayer note, then publishes with a stable id', () => {
    const id = app.itemId(KIM_2023);
    expect(() => curator.publish(id)).toThrow(/needs at least one country and a prayer note/);
    curator.tag(id, 'KP');
    expect(() => curator.publish(id)).toThrow(/needs a prayer note/);
    curator.setNote(id, { points: ['  For the opening of doors in North Korea ', ''], scripture: 'Psalm 46:1', text: 'Pray **boldly**.' });
    const { guid } = curator.publish(id);
    expect(guid).toBe(`tag:prayer.example.org,2026-11-25:item/${id}`);
    const item = detail(KIM_2023);
    expect(item.status).toBe('published');
    expect(item.prayerNote).toMatchObject({ points: ['For the opening of doors in North Korea'], scripture: 'Psalm 46:1', updatedBy: 'anna' });
    expect(() => curator.publish(id)).toThrow(/already published/);
  });

  it('marks a note edited after publishing as a correction, keeping the id', () => {
    const id = app.itemId(KIM_2023);
    const source = createCuratedSource(app.ctx.db, () => now);
    const v1 = source.version();
    now += 60_000;
    const saved = curator.setNote(id, { points: ['For the opening of doors in North Korea', 'For North Korean believers'], scripture: 'Psalm 46:1', text: 'Pray **boldly**.' });
    expect(saved).toMatchObject({ changed: true, corrected: true, note: { points: ['For the opening of doors in North Korea', 'For North Korean believers'] } });
    const entry = source.getEntry(id)!;
    expect(entry.guid).toBe(`tag:prayer.example.org,2026-11-25:item/${id}`);
    expect(entry.updatedAt).toBe(new Date(now).toISOString());
    expect(entry.prayerNote.html).toContain('<strong>boldly</strong>');
    expect(source.version()).not.toBe(v1);
  });

  it('says whether saving a note changed anything: the same note (after normalizing) or an empty first note writes nothing', () => {
    const id = app.itemId(KIM_2023);
    const source = createCuratedSource(app.ctx.db, () => now);
    const [version, audits] = [source.version(), listAudit(app.ctx.db, id).length];
    const same = { points: [' For the opening  of doors in North Korea', 'For North Korean believers ', ''], scripture: ' Psalm 46:1', text: 'Pray **boldly**.\n' };
    expect(curator.setNote(id, same)).toMatchObject({ changed: false, corrected: false });
    expect([source.version(), listAudit(app.ctx.db, id).length]).toEqual([version, audits]);

    const fresh = app.itemId('Eritrea');
    expect(curator.setNote(fresh, { points: ['  ', ''], scripture: ' ', text: '' })).toMatchObject({ changed: false, corrected: false });
    expect(getItemDetail(app.ctx.db, fresh)!.prayerNote).toBeNull();
    expect(listAudit(app.ctx.db, fresh)).toHaveLength(0);
  });

  it('retracts visibly and can reopen; dismissed items can be reopened too', () => {
    const id = app.itemId(KIM_2023);
    expect(() => curator.reopen(id)).toThrow(/retract it first/);
    expect(() => curator.retract(id, ' ')).toThrow(/needs a reason/);
    curator.retract(id, 'The report was withdrawn by its source.');
    const source = createCuratedSource(app.ctx.db, () => now);
    expect(source.getEntry(id)).toMatchObject({ status: 'retracted', retractionReason: 'The report was withdrawn by its source.' });
    const beforeReopen = source.version();
    curator.reopen(id);
    expect(detail(KIM_2023).status).toBe('new');
    expect(source.version()).not.toBe(beforeReopen);
    expect(source.getEntry(id)).toBeNull();
    const other = app.itemId('Eritrea');
    curator.dismiss(other);
    expect(() => curator.publish(other)).toThrow(/dismissed; reopen it/);
    curator.reopen(other);
    expect(curator.dismissMany([other, id])).toEqual([other, id]);
  });

  it('holds an embargoed item back until its time', () => {
    const id = app.itemId('Chengdu');
    curator.tag(id, 'CN');
    curator.setNote(id, { points: ['For the detained elders'] });
    curator.publish(id, { publishAt: new Date(now + 3600_000).toISOString() });
    const source = createCuratedSource(app.ctx.db, () => now);
    expect(source.getEntry(id)).toBeNull();
    const later = createCuratedSource(app.ctx.db, () => now + 2 * 3600_000);
    expect(later.getEntry(id)).toMatchObject({ status: 'published' });
    expect(later.listCountries().find((c) => c.code === 'CN')).toMatchObject({ name: 'China', count: 1 });
    expect(() => curator.publish(app.itemId('Plateau'), { publishAt: 'tomorrow' })).toThrow(CurateError);
  });

  it('records every change in the audit log with before and after', () => {
    const actions = listAudit(app.ctx.db, app.itemId(KIM_2023)).map((e) => e.action).reverse();
    expect(actions).toEqual(['tag', 'note', 'publish', 'correct', 'retract', 'reopen', 'dismiss']);
    const correct = listAudit(app.ctx.db, app.itemId(KIM_2023)).find((e) => e.action === 'correct')!;
    expect(correct).toMatchObject({ actor: 'anna', before: { points: ['For the opening of doors in North Korea'] } });
  });
});
