/** The last ingest step (suggestions, stories) is recorded, so what a crash left owed is caught up at start. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listSuggestions } from '../../src/store/countries.js';
import { listUnfinishedItemIds } from '../../src/store/items.js';
import { startSampleApp, type SampleApp } from '../helpers/sample-app.js';

let app: SampleApp;
beforeAll(async () => {
  app = await startSampleApp();
}, 60_000);
afterAll(async () => app?.close());

describe('finishing new items', () => {
  it('marks every polled item finished', () => {
    expect(listUnfinishedItemIds(app.ctx.db)).toEqual([]);
  });

  it('catches up an item a crash left unfinished', () => {
    const id = app.itemId('Plateau');
    app.ctx.db.prepare('UPDATE items SET finished_at = NULL WHERE id = ?').run(id);
    app.ctx.db.prepare('DELETE FROM item_country_suggestions WHERE item_id = ?').run(id);
    expect(listUnfinishedItemIds(app.ctx.db)).toEqual([id]);
    app.ctx.finishOwedItems();
    expect(listUnfinishedItemIds(app.ctx.db)).toEqual([]);
    expect(listSuggestions(app.ctx.db, id).map((s) => s.code)).toContain('NG');
  });

  it('leaves items still waiting for extraction to the extraction queue', () => {
    const id = app.itemId('Eritrea');
    app.ctx.db.prepare("UPDATE items SET finished_at = NULL, extraction_status = 'pending' WHERE id = ?").run(id);
    expect(listUnfinishedItemIds(app.ctx.db)).toEqual([]);
  });
});
