/**
 * The JSON API under /api (session or `Authorization: Bearer pw_…`): items with the inbox's filters and cursor
 * paging, one item with every field, PATCH for curator actions, feeds and their health, country look-up.
 * Errors are `{ error, message }` with 400 (bad request), 404, 422 (a curator rule said no) or 403 (role).
 */
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { searchCountries } from '../../countries/index.js';
import { CurateError, NOTE_LIMITS } from '../../curate/index.js';
import type { Workspace } from '../../ports/index.js';
import { currentUser } from '../auth/index.js';
import type { WorkspaceEnv } from '../workspace-env.js';
import { ITEM_STATUSES, parseItemFilter } from '../inbox-query.js';

const patchBody = z.strictObject({
  status: z.enum(ITEM_STATUSES).optional(),
  countries: z.array(z.string().min(1).max(80)).max(50).optional(),
  prayerNote: z
    .strictObject({
      points: z.array(z.string()).max(NOTE_LIMITS.points).optional(),
      scripture: z.string().max(NOTE_LIMITS.scriptureChars).nullable().optional(),
      text: z.string().max(NOTE_LIMITS.textChars).nullable().optional(),
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

export function apiRoutes(): Hono<WorkspaceEnv> {
  const app = new Hono<WorkspaceEnv>();
  const itemView = ({ items }: Workspace, id: number) => {
    const item = items.detail(id);
    if (!item) return null;
    return { ...item, audit: items.audit(id), alsoReportedBy: item.storyId ? items.storyMembers(item.storyId, id) : [] };
  };

  app.get('/items', async (c) => {
    const parsed = parseItemFilter(c.req.query());
    if (!parsed.ok) return badRequest(c, parsed.error, 'query');
    return c.json(await c.var.workspace.items.list(parsed.filter));
  });

  app.get('/items/:id{[0-9]+}', (c) => {
    const item = itemView(c.var.workspace, Number(c.req.param('id')));
    return item ? c.json(item) : c.json({ error: 'not_found', message: `no item ${c.req.param('id')}` }, 404);
  });

  app.patch('/items/:id{[0-9]+}', async (c) => {
    const id = Number(c.req.param('id'));
    const body = patchBody.safeParse(await c.req.json().catch(() => undefined));
    if (!body.success) return badRequest(c, body.error);
    try {
      c.var.workspace.curator.as(currentUser(c).name).patch(id, body.data);
    } catch (err) {
      return curateFailure(c, err);
    }
    return c.json(itemView(c.var.workspace, id));
  });

  app.post('/items/dismiss', async (c) => {
    const body = z.strictObject({ ids: z.array(z.number().int().positive()).min(1).max(500) }).safeParse(await c.req.json().catch(() => undefined));
    if (!body.success) return badRequest(c, body.error);
    return c.json({ dismissed: c.var.workspace.curator.as(currentUser(c).name).dismissMany(body.data.ids) });
  });

  app.get('/feeds', (c) => c.json(c.var.workspace.feeds.health()));

  app.patch('/feeds/:id{[0-9]+}', async (c) => {
    const { feeds } = c.var.workspace;
    if (currentUser(c).role !== 'admin') return c.json({ error: 'forbidden', message: 'managing sources needs the admin role' }, 403);
    const id = Number(c.req.param('id'));
    const body = z.strictObject({ enabled: z.boolean() }).safeParse(await c.req.json().catch(() => undefined));
    if (!body.success) return badRequest(c, body.error);
    if (!feeds.get(id)) return c.json({ error: 'not_found', message: `no feed ${id}` }, 404);
    feeds.setEnabled(id, body.data.enabled);
    return c.json(feeds.get(id));
  });

  app.post('/feeds/:id{[0-9]+}/poll', async (c) => {
    const { feeds } = c.var.workspace;
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
