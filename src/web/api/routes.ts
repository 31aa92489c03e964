/**
 * The JSON API under /api (session or `Authorization: Bearer pw_…`): items with the inbox's filters and cursor
 * paging, one item with every field, PATCH for curator actions, feeds and their health, country look-up.
 * Errors are `{ error, message }` with 400 (bad request), 404, 422 (a curator rule said no) or 403 (role).
 */
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { findCountry, listCountries } from '../../countries/index.js';
import { CurateError } from '../../curate/index.js';
import type { ItemFilter, Workspace } from '../../ports/index.js';
import { ITEM_STATUSES as STATUSES } from '../../model/item.js';
import { currentUser, type AuthEnv } from '../auth/index.js';

const listQuery = z.strictObject({
  status: z.enum(STATUSES).optional(),
  country: z.string().regex(/^[A-Za-z]{2}$/, 'a two-letter country code').optional(),
  feed: z.string().min(1).optional(),
  kind: z.enum(['news', 'ministry']).optional(),
  q: z.string().max(200).optional(),
  since: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  until: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
  cursor: z.string().max(200).refine(isCursor, 'not a cursor from this API (use nextCursor as given)').optional(),
});

/**
 * Is this the shape of a `nextCursor` (base64url of "sortAt|id", see store/items)? A damaged cursor is refused rather
 * than silently ignored, which would restart a client's paging at the first page (and loop forever).
 */
function isCursor(value: string): boolean {
  if (!/^[A-Za-z0-9_-]+$/.test(value)) return false;
  return /^[^|]+\|\d{1,15}$/.test(Buffer.from(value, 'base64url').toString('utf8'));
}

const patchBody = z.strictObject({
  status: z.enum(STATUSES).optional(),
  countries: z.array(z.string().min(1).max(80)).max(50).optional(),
  prayerNote: z
    .strictObject({
      points: z.array(z.string()).max(20).optional(),
      scripture: z.string().max(200).nullable().optional(),
      text: z.string().max(20_000).nullable().optional(),
    })
    .optional(),
  publishAt: z.iso.datetime({ offset: true }).nullable().optional(),
  retractionReason: z.string().max(1000).optional(),
});

/** 400 with every problem; `where` names what was wrong when a problem has no field (an unknown query key, a bad body). */
function badRequest(c: Context, error: z.ZodError, where: 'query' | 'body' = 'body') {
  const message = error.issues.map((i) => `${i.path.join('.') || where}: ${i.message}`).join('; ');
  return c.json({ error: 'bad_request', message }, 400);
}

function curateFailure(c: Context, err: unknown) {
  if (!(err instanceof CurateError)) throw err;
  return c.json({ error: err.code, message: err.message }, err.code === 'not_found' ? 404 : 422);
}

function toIso(value: string | undefined): string | undefined {
  return value ? new Date(value.length === 10 ? `${value}T00:00:00Z` : value).toISOString() : undefined;
}

/** `GET /api/items` query -> store filter; shared with the inbox page. */
export function parseItemFilter(query: Record<string, string>): { ok: true; filter: ItemFilter } | { ok: false; error: z.ZodError } {
  const parsed = listQuery.safeParse(query);
  if (!parsed.success) return { ok: false, error: parsed.error };
  const q = parsed.data;
  return {
    ok: true,
    filter: { status: q.status, country: q.country, feed: q.feed, kind: q.kind, search: q.q, since: toIso(q.since), until: toIso(q.until), limit: q.limit ?? 50, cursor: q.cursor },
  };
}

/** Type-ahead over every country: exact code or alias first, then names starting with the text, then containing it. */
export function searchCountries(query: string, limit = 20): { code: string; name: string }[] {
  const q = query.trim().toLowerCase();
  const all = listCountries();
  if (!q) return all.map(({ code, name }) => ({ code, name }));
  const rank = (x: { code: string; name: string; officialName: string }) => {
    const name = x.name.toLowerCase();
    if (x.code.toLowerCase() === q) return 0;
    if (name.startsWith(q)) return 2;
    if (name.split(/[\s-]+/).some((w) => w.startsWith(q))) return 3;
    if (name.includes(q) || x.officialName.toLowerCase().includes(q)) return 4;
    return 9;
  };
  const exact = findCountry(q);
  const ranked = all
    .map((x) => ({ x, r: exact?.code === x.code ? Math.min(rank(x), 1) : rank(x) }))
    .filter((e) => e.r < 9)
    .sort((a, b) => a.r - b.r || a.x.name.localeCompare(b.x.name));
  return ranked.slice(0, limit).map(({ x }) => ({ code: x.code, name: x.name }));
}

export function apiRoutes(deps: Workspace): Hono<AuthEnv> {
  const { items, feeds } = deps;
  const app = new Hono<AuthEnv>();
  const itemView = (id: number) => {
    const item = items.detail(id);
    if (!item) return null;
    return { ...item, audit: items.audit(id), alsoReportedBy: item.storyId ? items.storyMembers(item.storyId, id) : [] };
  };

  app.get('/items', (c) => {
    const parsed = parseItemFilter(c.req.query());
    if (!parsed.ok) return badRequest(c, parsed.error, 'query');
    return c.json(items.list(parsed.filter));
  });

  app.get('/items/:id{[0-9]+}', (c) => {
    const item = itemView(Number(c.req.param('id')));
    return item ? c.json(item) : c.json({ error: 'not_found', message: `no item ${c.req.param('id')}` }, 404);
  });

  app.patch('/items/:id{[0-9]+}', async (c) => {
    const id = Number(c.req.param('id'));
    const body = patchBody.safeParse(await c.req.json().catch(() => undefined));
    if (!body.success) return badRequest(c, body.error);
    try {
      deps.curator.as(currentUser(c).name).patch(id, body.data);
    } catch (err) {
      return curateFailure(c, err);
    }
    return c.json(itemView(id));
  });

  app.post('/items/dismiss', async (c) => {
    const body = z.strictObject({ ids: z.array(z.number().int().positive()).min(1).max(500) }).safeParse(await c.req.json().catch(() => undefined));
    if (!body.success) return badRequest(c, body.error);
    return c.json({ dismissed: deps.curator.as(currentUser(c).name).dismissMany(body.data.ids) });
  });

  app.get('/feeds', (c) => c.json(feeds.health()));

  app.patch('/feeds/:id{[0-9]+}', async (c) => {
    if (currentUser(c).role !== 'admin') return c.json({ error: 'forbidden', message: 'managing sources needs the admin role' }, 403);
    const id = Number(c.req.param('id'));
    const body = z.strictObject({ enabled: z.boolean() }).safeParse(await c.req.json().catch(() => undefined));
    if (!body.success) return badRequest(c, body.error);
    if (!feeds.get(id)) return c.json({ error: 'not_found', message: `no feed ${id}` }, 404);
    feeds.setEnabled(id, body.data.enabled);
    return c.json(feeds.get(id));
  });

  app.post('/feeds/:id{[0-9]+}/poll', async (c) => {
    if (currentUser(c).role !== 'admin') return c.json({ error: 'forbidden', message: 'polling a source on demand needs the admin role' }, 403);
    const id = Number(c.req.param('id'));
    if (!feeds.get(id)) return c.json({ error: 'not_found', message: `no feed ${id}` }, 404);
    const running = feeds.pollNow(id);
    if (!running) {
      feeds.markDue(id);
      return c.json({ queued: true }, 202);
    }
    await running;
    return c.json(feeds.get(id));
  });

  app.get('/countries', (c) => c.json(searchCountries(c.req.query('q') ?? '')));

  // A route, not notFound(): a sub-app's notFound handler is ignored once it is mounted with app.route().
  app.all('*', (c) => c.json({ error: 'not_found', message: `no API route ${c.req.method} ${c.req.path}` }, 404));
  return app;
}
