/** The workspace pages through the real app: who may see them, what they show, and that hostile text stays inert. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseHTML } from 'linkedom';
import { buildWorkspace, pageText, type Session, type Workspace } from './helpers.js';

/** Everything in a page that could run script: inline scripts, event-handler attributes, javascript: URLs, frames, SVG. */
function activeContent(html: string): string[] {
  const { document } = parseHTML(html.startsWith('<!doctype') ? html : `<!doctype html><html><body>${html}</body></html>`);
  const found: string[] = [];
  for (const el of document.querySelectorAll('*')) {
    const tag = el.tagName.toLowerCase();
    if (tag === 'script' && !el.getAttribute('src')?.startsWith('/static/')) found.push(`<script> ${el.textContent}`);
    if (['iframe', 'object', 'embed', 'svg', 'frame'].includes(tag)) found.push(`<${tag}>`);
    for (const attr of el.attributes) {
      if (/^on/i.test(attr.name)) found.push(`${tag} ${attr.name}=${attr.value}`);
      if (/^\s*(javascript|vbscript|data):/i.test(attr.value) && ['href', 'src', 'action', 'formaction', 'xlink:href'].includes(attr.name)) found.push(`${tag} ${attr.name}=${attr.value}`);
      if (attr.name === 'style') found.push(`${tag} style=${attr.value}`);
    }
  }
  return found;
}

let ws: Workspace;
let curator: Session;
let admin: Session;

beforeAll(async () => {
  ws = await buildWorkspace();
  curator = await ws.login('carl', 'curator');
  admin = await ws.login('anna', 'admin');
});
afterAll(() => ws?.close());

describe('access', () => {
  it('sends anonymous visitors to the login page, from every workspace page', async () => {
    for (const path of ['/inbox', '/inbox?q=x', `/inbox/items/${ws.itemId('Vostochny')}`, '/admin/sources']) {
      const res = await ws.get(path);
      expect(res.status, path).toBe(302);
      expect(res.headers.get('location')).toBe(`/login?next=${encodeURIComponent(path)}`);
    }
  });

  it('refuses anonymous form posts (redirect to login, nothing changes)', async () => {
    const id = ws.itemId('Vostochny');
    const res = await ws.post(`/inbox/items/${id}/dismiss`, {});
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toMatch(/^\/login/);
    expect(ws.ctx.db.prepare('SELECT status FROM items WHERE id = ?').get(id)).toEqual({ status: 'new' });
  });

  it('refuses the sources page and its actions to a curator (403), serves it to an admin', async () => {
    const page = await ws.get('/admin/sources', curator);
    expect(page.status).toBe(403);
    expect(await page.text()).toContain('This needs an admin account');
    expect((await ws.post('/admin/sources/1/disable', {}, curator)).status).toBe(403);
    expect(ws.ctx.db.prepare('SELECT enabled FROM feeds WHERE id = 1').get()).toEqual({ enabled: 1 });
    expect((await ws.get('/admin/sources', admin)).status).toBe(200);
  });

  it('requires the CSRF token on every form post', async () => {
    const id = ws.itemId('Eritrea');
    for (const path of [`/inbox/items/${id}/tag`, `/inbox/items/${id}/note`, `/inbox/items/${id}/dismiss`, '/inbox/dismiss', '/inbox/preview']) {
      const res = await ws.post(path, { country: 'ER', points: 'x', id: String(id) }, curator, { csrf: false });
      expect(res.status, path).toBe(403);
    }
    const wrong = await ws.post(`/inbox/items/${id}/dismiss`, { _csrf: 'nope' }, { ...curator, csrf: 'forged' });
    expect(wrong.status).toBe(403);
    expect(ws.ctx.db.prepare('SELECT status FROM items WHERE id = ?').get(id)).toEqual({ status: 'new' });
    expect(ws.ctx.db.prepare('SELECT COUNT(*) AS n FROM item_countries WHERE item_id = ?').get(id)).toEqual({ n: 0 });
  });

  it('serves the script and stylesheet as files (the CSP allows no inline code)', async () => {
    const html = await (await ws.get('/inbox', curator)).text();
    const js = /<script src="(\/static\/curator\.js\?v=[0-9a-f]+)"/.exec(html)?.[1];
    const css = /<link rel="stylesheet" href="(\/static\/curator\.css\?v=[0-9a-f]+)"/.exec(html)?.[1];
    expect(js && css).toBeTruthy();
    const script = await ws.get(js!);
    expect(script.headers.get('content-type')).toContain('text/javascript');
    expect(script.headers.get('cache-control')).toContain('immutable');
    expect((await ws.get(css!)).headers.get('content-type')).toContain('text/css');
    expect(html).not.toMatch(/<script>|<script(?![^>]*\bsrc=)[^>]*>|\sstyle=|\son[a-z]+=/i);
  });
});

describe('the inbox', () => {
  it('lists new items newest first with sources, dates, story links and counts per status', async () => {
    const res = await ws.get('/inbox', curator);
    expect(res.status).toBe(200);
    const html = await res.text();
    const text = pageText(html);
    expect(text).toMatch(/New 8 Published 0 Dismissed 0 Retracted 0 All 8/);
    const titles = [...html.matchAll(/class="row-title" href="[^"]+">([^<]+)</g)].map((m) => m[1]);
    expect(titles).toHaveLength(8);
    expect(titles.at(-1)).toContain('Kim Jong Un meets Putin at Vostochny');
    expect(text).toContain('Watch Research Service · 26 Jun 2024');
    expect(text).toContain('Also reported by Christian Commentary Weekly');
    expect(text).toContain('Also reported by Watch Research Service');
    expect(html).toContain('name="_csrf"');
  });

  it('searches the full text and highlights the matches, escaped', async () => {
    const html = await (await ws.get('/inbox?q=Pyongyang', curator)).text();
    expect([...html.matchAll(/class="item-row"/g)]).toHaveLength(3);
    expect(html).toContain('<mark>Pyongyang</mark>');
    const none = await (await ws.get(`/inbox?q=${encodeURIComponent('<script>alert(1)</script>')}`, curator)).text();
    expect(none).not.toContain('<script>alert(1)');
    expect(none).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(pageText(none)).toContain('Nothing matches this search.');
  });

  it('filters by source, kind, dates and country, and pages with a cursor', async () => {
    const bySource = pageText(await (await ws.get('/inbox?feed=Persecution+Wire', curator)).text());
    expect(bySource).toContain('Police detain members of a house church');
    expect(bySource).not.toContain('Eritrea');
    const news = await (await ws.get('/inbox?kind=news', curator)).text();
    expect([...news.matchAll(/class="item-row"/g)]).toHaveLength(2);
    const june = await (await ws.get('/inbox?since=2024-06-01&until=2024-06-26&status=all', curator)).text();
    expect([...june.matchAll(/class="item-row"/g)]).toHaveLength(2);
    const id = ws.itemId('Chengdu');
    await ws.post(`/inbox/items/${id}/tag`, { country: 'CN' }, curator);
    const china = pageText(await (await ws.get('/inbox?country=cn', curator)).text());
    expect(china).toContain('Police detain members of a house church');
    expect(china).toContain('New 1');

    const first = await (await ws.get('/inbox?status=all&cursor=', curator)).text();
    expect(first).not.toContain('Older →');
    const { ctx } = ws;
    expect(ctx.db.prepare('SELECT COUNT(*) AS n FROM items').get()).toEqual({ n: 8 });
  });

  it('pages with "Older →" links when there are more items than a page holds', async () => {
    const { readInboxQuery } = await import('../../../src/web/curator/query.js');
    const { loadInbox } = await import('../../../src/web/curator/inbox.js');
    const deps = ws.ports;
    const page1 = await loadInbox(deps, readInboxQuery({ status: 'all' }, 3));
    expect(page1.page.items).toHaveLength(3);
    expect(page1.page.nextCursor).toBeTruthy();
    const page2 = await loadInbox(deps, readInboxQuery({ status: 'all', cursor: page1.page.nextCursor! }, 3));
    expect(page2.page.items.map((i) => i.id)).not.toContain(page1.page.items[0]!.id);
    expect(page2.counts.all).toBe(8);
  });

  it('says so when a filter is not understood, instead of failing', async () => {
    const res = await ws.get('/inbox?country=North+Korea&since=yesterday', curator);
    expect(res.status).toBe(400);
    expect(pageText(await res.text())).toContain('Some filters were not understood');
  });
});

describe('the item page', () => {
  it('shows the clean article, its sources, the story, suggestions with evidence, the note editor and neighbours', async () => {
    const id = ws.itemId('Mutual defense pact');
    const res = await ws.get(`/inbox/items/${id}?q=Pyongyang`, curator);
    expect(res.status).toBe(200);
    const html = await res.text();
    const text = pageText(html);
    expect(text).toContain('Putin honored Kim Jong Un with a brief visit');
    expect(html).toMatch(/href="http:\/\/127\.0\.0\.1:\d+\/watch-research\/putin-pyongyang-defense-pact[^"]*" rel="noopener noreferrer" target="_blank" id="original-link"/);
    expect(text).toContain('Also reported by What You Need to Know about Russia and North Korea');
    expect(text).not.toMatch(/Also reported by[^.]*Vostochny/);
    expect(text).toMatch(/North Korea KP · main country.*“North Korea” ×\d+/);
    expect(html).toContain('aria-label="Accept North Korea"');
    expect(html).toContain('id="note-form"');
    expect(html).toContain('<datalist id="country-list">');
    expect(html).toMatch(/rel="next"/);
    expect(html).toContain(`action="/inbox/items/${id}/tag?q=Pyongyang"`);
    expect(text).toContain('Needs at least one country');
  });

  it('offers the article\'s own prayer points for insertion', async () => {
    const html = await (await ws.get(`/inbox/items/${ws.itemId('Vostochny')}`, curator)).text();
    expect(html).toContain('data-insert="For the opening of doors in North Korea');
    expect(html).toContain('Insert all');
  });

  it('shows the feed\'s text and why when extraction failed', async () => {
    const id = ws.itemId('Sudan');
    ws.ctx.db
      .prepare("UPDATE items SET extraction_status = 'failed', extraction_code = 'http_status', extraction_reason = 'the page answered 403', article_html = NULL, article_text = NULL WHERE id = ?")
      .run(id);
    const text = pageText(await (await ws.get(`/inbox/items/${id}`, curator)).text());
    expect(text).toContain('could not be extracted (http_status: the page answered 403)');
    expect(text).toContain('Aid groups');
  });

  it('answers 404 for an unknown item', async () => {
    expect((await ws.get('/inbox/items/999999', curator)).status).toBe(404);
  });

  it('never lets hostile article HTML, titles, points or notes reach the page unescaped', async () => {
    const id = ws.itemId('Iranian converts');
    ws.ctx.db
      .prepare('UPDATE items SET title = ?, article_html = ?, prayer_points = ?, byline = ? WHERE id = ?')
      .run(
        'Evil <script>alert("t")</script> title',
        '<p>Hello</p><script>alert(1)</script><img src="https://x.example/a.png" onerror="alert(2)"><a href="javascript:alert(3)">click</a><iframe src="https://evil.example"></iframe><p style="color:red" onclick="alert(4)">styled</p>',
        JSON.stringify(['Pray <img src=x onerror=alert(5)>']),
        '<b onmouseover=alert(6)>Eve</b>',
        id,
      );
    const s = await ws.login('eve', 'curator');
    await ws.post(`/inbox/items/${id}/note`, { points: '<script>alert(7)</script>', scripture: '"><svg onload=alert(8)>', text: '<img src=x onerror=alert(9)> [x](javascript:alert(10))' }, s);
    const html = await (await ws.get(`/inbox/items/${id}`, s)).text();
    expect(activeContent(html)).toEqual([]);
    expect(html).toContain('<img loading="lazy" src="https://x.example/a.png" />');
    expect(html).toContain('Evil &lt;script&gt;alert(&quot;t&quot;)&lt;/script&gt; title');
    expect(html).toContain('<p>Hello</p>');
    const inbox = await (await ws.get('/inbox?q=Evil', s)).text();
    expect(activeContent(inbox)).toEqual([]);
    expect(inbox).toContain('&lt;script&gt;');
    const preview = await (await ws.post('/inbox/preview', { text: '**ok**\n\n<script>alert(1)</script>\n\n<a href="javascript:alert(1)">x</a>' }, s)).text();
    expect(preview).toContain('<strong>ok</strong>');
    expect(activeContent(preview)).toEqual([]);
  });
});

describe('the sources page', () => {
  it('shows every feed\'s health with poll and enable/disable buttons', async () => {
    const html = await (await ws.get('/admin/sources', admin)).text();
    const text = pageText(html);
    for (const name of ['Prayer Network News', 'Watch Research Service', 'Christian Commentary Weekly', 'Persecution Wire', 'Asia Pacific Wire']) expect(text).toContain(name);
    expect(text).toContain('all healthy');
    expect(text).toMatch(/Extracted/);
    expect(text).toMatch(/100 %/);
    expect([...html.matchAll(/action="\/admin\/sources\/\d+\/poll"/g)]).toHaveLength(5);
    expect([...html.matchAll(/action="\/admin\/sources\/\d+\/disable"/g)]).toHaveLength(5);
  });
});
