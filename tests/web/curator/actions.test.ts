/** Every form post of the workspace does what it says, redirects back, and shows a refusal with its reason. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noteFromForm, publishAtFromForm } from '../../../src/web/curator/item-routes.js';
import { buildWorkspace, pageText, type Session, type Workspace } from './helpers.js';

let ws: Workspace;
let me: Session;
let admin: Session;
const polled: number[] = [];

beforeAll(async () => {
  ws = await buildWorkspace({
    pollNow: (id) => {
      polled.push(id);
      return Promise.resolve(null);
    },
  });
  me = await ws.login('carl', 'curator');
  admin = await ws.login('anna', 'admin');
});
afterAll(() => ws?.close());

const status = (id: number) => (ws.ctx.db.prepare('SELECT status FROM items WHERE id = ?').get(id) as { status: string }).status;
const tags = (id: number) => (ws.ctx.db.prepare('SELECT code FROM item_countries WHERE item_id = ? ORDER BY code').all(id) as { code: string }[]).map((r) => r.code);
const itemPage = async (id: number, query = '') => pageText(await (await ws.get(`/inbox/items/${id}${query}`, me)).text());

describe('country tags', () => {
  it('tags by code or name, says when it was already there, untags, and keeps the list context', async () => {
    const id = ws.itemId('Mutual defense pact');
    const res = await ws.post(`/inbox/items/${id}/tag?status=new&q=Pyongyang`, { country: 'KP' }, me);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/inbox/items/${id}?status=new&q=Pyongyang&done=tagged`);
    await ws.post(`/inbox/items/${id}/tag`, { country: 'Russia' }, me);
    expect(tags(id)).toEqual(['KP', 'RU']);
    expect((await ws.post(`/inbox/items/${id}/tag`, { country: 'north korea' }, me)).headers.get('location')).toContain('done=already-tagged');
    expect(await itemPage(id, '?done=tagged')).toContain('Country added.');

    await ws.post(`/inbox/items/${id}/untag`, { country: 'RU' }, me);
    expect(tags(id)).toEqual(['KP']);
    const text = await itemPage(id);
    expect(text).toMatch(/Tagged a country .*North Korea \(KP, suggested\)/);
    expect(text).toMatch(/Removed a country Russia \(RU\)/);
  });

  it('refuses an unknown country with the domain\'s message and keeps what was typed', async () => {
    const id = ws.itemId('Mutual defense pact');
    const res = await ws.post(`/inbox/items/${id}/tag`, { country: 'Atlantis' }, me);
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(pageText(html)).toContain('"Atlantis" is not a country name or ISO 3166-1 alpha-2 code');
    expect(html).toContain('value="Atlantis"');
  });
});

describe('prayer note and publishing', () => {
  it('refuses to publish without country and note, then publishes once both are there', async () => {
    const id = ws.itemId('Eritrea');
    const refused = await ws.post(`/inbox/items/${id}/publish`, { publish_at: '' }, me);
    expect(refused.status).toBe(422);
    const text = pageText(await refused.text());
    expect(text).toContain('cannot be published yet: it needs at least one country and a prayer note');
    expect(status(id)).toBe('new');

    const saved = await ws.post(`/inbox/items/${id}/note`, { points: 'Pray for the prisoners\r\n\r\n  Pray for their families  ', scripture: ' Hebrews 13:3 ', text: 'Remember **those in prison**.' }, me);
    expect(saved.headers.get('location')).toContain('done=note');
    expect(ws.ctx.db.prepare('SELECT points, scripture, text FROM prayer_notes WHERE item_id = ?').get(id)).toEqual({
      points: JSON.stringify(['Pray for the prisoners', 'Pray for their families']),
      scripture: 'Hebrews 13:3',
      text: 'Remember **those in prison**.',
    });
    expect((await ws.post(`/inbox/items/${id}/note`, { points: 'Pray for the prisoners\nPray for their families', scripture: 'Hebrews 13:3', text: 'Remember **those in prison**.' }, me)).headers.get('location')).toContain('done=unchanged');

    const stillRefused = await ws.post(`/inbox/items/${id}/publish`, {}, me);
    expect(pageText(await stillRefused.text())).toContain('it needs at least one country');
    await ws.post(`/inbox/items/${id}/tag`, { country: 'ER' }, me);
    const published = await ws.post(`/inbox/items/${id}/publish`, {}, me);
    expect(published.status).toBe(303);
    expect(published.headers.get('location')).toContain('done=published');
    expect(status(id)).toBe('published');
    const page = await itemPage(id, '?done=published');
    expect(page).toContain('Published. It is in the public feeds now.');
    expect(page).toContain('Save correction');
    const feed = await (await ws.get('/feed.xml')).text();
    expect(feed).toContain('Eritrea');
  });

  it('saves the editor\'s note with Publish, and a later edit is a correction marked Updated', async () => {
    const id = ws.itemId('Plateau State');
    await ws.post(`/inbox/items/${id}/tag`, { country: 'NG' }, me);
    const res = await ws.post(`/inbox/items/${id}/publish`, { points: 'Pray for comfort in Bokkos', scripture: '', text: '', publish_at: '' }, me);
    expect(res.status).toBe(303);
    expect(status(id)).toBe('published');
    const corrected = await ws.post(`/inbox/items/${id}/note`, { points: 'Pray for comfort for the families in Bokkos', scripture: '', text: '' }, me);
    expect(corrected.headers.get('location')).toContain('done=corrected');
    const text = await itemPage(id);
    expect(text).toMatch(/Updated \d+ \w+ \d{4}/);
    expect(text).toContain('Corrected the published note');
  });

  it('publishes with an embargo in the curator\'s time zone', async () => {
    const id = ws.itemId('Chengdu');
    await ws.post(`/inbox/items/${id}/tag`, { country: 'CN' }, me);
    const res = await ws.post(`/inbox/items/${id}/publish`, { points: 'Pray for the house church', publish_at: '2099-01-01T08:00', tz: '-120' }, me);
    expect(res.headers.get('location')).toContain('done=scheduled');
    expect(ws.ctx.db.prepare('SELECT published_at FROM publications WHERE item_id = ?').get(id)).toEqual({ published_at: '2099-01-01T06:00:00.000Z' });
    const text = await itemPage(id);
    expect(text).toContain('Scheduled');
    expect(text).toContain('Visible from 1 Jan 2099, 06:00 UTC');
    expect(await (await ws.get('/feed.xml')).text()).not.toContain('house church in Chengdu');
  });

  it('inserts the article\'s prayer points without a script (the fallback of the Insert buttons)', async () => {
    const id = ws.itemId('Vostochny');
    await ws.post(`/inbox/items/${id}/insert`, { insert: '1', points: 'My own point', scripture: '', text: '' }, me);
    const note = ws.ctx.db.prepare('SELECT points FROM prayer_notes WHERE item_id = ?').get(id) as { points: string };
    expect(JSON.parse(note.points)).toEqual(['My own point', 'For the legacy of Christianity within the Kim family to be restored and for Kim Jong Un to come to a saving knowledge of Christ']);
    await ws.post(`/inbox/items/${id}/insert`, { insert: 'all', points: JSON.parse(note.points).join('\n') }, me);
    expect(JSON.parse((ws.ctx.db.prepare('SELECT points FROM prayer_notes WHERE item_id = ?').get(id) as { points: string }).points)).toHaveLength(4);
  });

  it('renders the live preview as readers will see it', async () => {
    const res = await ws.post('/inbox/preview', { points: 'One\nTwo', scripture: 'Psalm 46:1', text: 'Some *emphasis*' }, me);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<li>One</li><li>Two</li>');
    expect(html).toContain('<blockquote><p>Psalm 46:1</p></blockquote>');
    expect(html).toContain('<em>emphasis</em>');
  });
});

describe('dismiss, retract, reopen', () => {
  it('dismisses and reopens an item; a dismissed item cannot be published', async () => {
    const id = ws.itemId('Iranian converts');
    expect((await ws.post(`/inbox/items/${id}/dismiss`, {}, me)).headers.get('location')).toBe(`/inbox/items/${id}?done=dismissed`);
    expect(status(id)).toBe('dismissed');
    expect(await itemPage(id)).toContain('Reopen');
    const refused = await ws.post(`/inbox/items/${id}/publish`, {}, me);
    expect(refused.status).toBe(422);
    expect(pageText(await refused.text())).toContain('was dismissed; reopen it before publishing');
    await ws.post(`/inbox/items/${id}/reopen`, {}, me);
    expect(status(id)).toBe('new');
  });

  it('retracts a published item only with a reason, then reopens it', async () => {
    const id = ws.itemId('Eritrea');
    expect(status(id)).toBe('published');
    const noReason = await ws.post(`/inbox/items/${id}/retract`, { reason: '  ' }, me);
    expect(noReason.status).toBe(422);
    expect(pageText(await noReason.text())).toContain('a retraction needs a reason');
    await ws.post(`/inbox/items/${id}/retract`, { reason: 'The report was wrong about the date.' }, me);
    expect(status(id)).toBe('retracted');
    const text = await itemPage(id);
    expect(text).toContain('“The report was wrong about the date.”');
    expect(text).toMatch(/Retracted .*published .*reason: The report was wrong about the date\./);
    await ws.post(`/inbox/items/${id}/reopen`, {}, me);
    expect(status(id)).toBe('new');
  });

  it('bulk-dismisses the checked new items and goes back to the same list', async () => {
    const a = ws.itemId('Sudan');
    const b = ws.itemId('What You Need to Know');
    const published = ws.itemId('Plateau State');
    const res = await ws.post('/inbox/dismiss', { id: [String(a), String(b), String(published), 'nope'], back: '/inbox?status=new&q=Russia' }, me);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/inbox?status=new&q=Russia&done=bulk-dismissed');
    expect([status(a), status(b), status(published)]).toEqual(['dismissed', 'dismissed', 'published']);
    const inbox = pageText(await (await ws.get('/inbox?done=bulk-dismissed', me)).text());
    expect(inbox).toContain('Dismissed the selected items.');
    expect((await ws.post('/inbox/dismiss', { back: 'https://evil.example/' }, me)).headers.get('location')).toBe('/inbox?done=none-selected');
  });

  it('never goes back to another site, even when dot segments collapse to "//host"', async () => {
    for (const back of ['/inbox/..//evil.example/x', '/inbox/.././/evil.example', '/inbox/%2e%2e//evil.example']) {
      const location = (await ws.post('/inbox/dismiss', { back }, me)).headers.get('location')!;
      expect(location.startsWith('//')).toBe(false);
      expect(new URL(location, 'http://localhost').origin).toBe('http://localhost');
    }
  });

  it('shows no empty notice for ?done= naming an Object.prototype property', async () => {
    for (const done of ['constructor', 'toString', '__proto__']) {
      expect(await (await ws.get(`/inbox?done=${done}`, me)).text()).not.toContain('class="notice ok"');
    }
  });
});

describe('sources (admin)', () => {
  it('polls now, disables and enables a source', async () => {
    expect((await ws.post('/admin/sources/2/poll', {}, admin)).headers.get('location')).toBe('/admin/sources?done=polled#feed-2');
    expect(polled).toEqual([2]);
    expect((await ws.post('/admin/sources/2/disable', {}, admin)).headers.get('location')).toBe('/admin/sources?done=disabled#feed-2');
    expect(ws.ctx.db.prepare('SELECT enabled FROM feeds WHERE id = 2').get()).toEqual({ enabled: 0 });
    const page = pageText(await (await ws.get('/admin/sources?done=disabled', admin)).text());
    expect(page).toContain('Source disabled');
    await ws.post('/admin/sources/2/enable', {}, admin);
    expect(ws.ctx.db.prepare('SELECT enabled FROM feeds WHERE id = 2').get()).toEqual({ enabled: 1 });
    expect((await ws.post('/admin/sources/999/enable', {}, admin)).status).toBe(404);
  });
});

describe('form parsing', () => {
  it('reads points one per line and publish times in the browser\'s zone', () => {
    expect(noteFromForm({ points: ' a \r\n\r\nb', scripture: '  ', text: '\r\n' })).toEqual({ points: ['a', 'b'], scripture: null, text: null });
    expect(publishAtFromForm('', '')).toBeNull();
    expect(publishAtFromForm('2030-05-01T10:00', '')).toBe('2030-05-01T10:00:00.000Z');
    expect(publishAtFromForm('2030-05-01T10:00', '300')).toBe('2030-05-01T15:00:00.000Z');
    expect(() => publishAtFromForm('tomorrow', '0')).toThrow('is not a date and time');
  });
});
