/**
 * The item page and its form posts. Each post calls the curator domain and redirects back to the item (303, with a
 * fixed `?done=` message); a refusal (CurateError) re-renders the page with the message and what was typed (422).
 */
import { Hono, type Context } from 'hono';
import { CurateError, NOTE_LIMITS } from '../../curate/index.js';
import type { PrayerNote, Workspace } from '../../ports/index.js';
import { currentUser } from '../auth/index.js';
import { notFoundPage } from './shell.js';
import type { WorkspaceEnv } from '../workspace-env.js';
import { ItemPage, NotePreview, type ItemDraft, type ItemView } from './item-page.js';
import { listContext, readInboxQuery, toQueryString, type ListParams } from './query.js';

type Body = Record<string, string | File | (string | File)[]>;

const str = (v: unknown): string => (typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : '');

/** The note fields of a form body: points one per line. */
export function noteFromForm(body: Body): PrayerNote {
  return {
    points: str(body.points)
      .split(/\r?\n/)
      .map((p) => p.trim())
      .filter(Boolean),
    scripture: str(body.scripture).trim() || null,
    text: str(body.text).replace(/\r\n/g, '\n').trim() || null,
  };
}

/**
 * `publish_at` from a datetime-local field ("2026-12-01T08:00") in the browser's zone: `tz` is the browser's
 * getTimezoneOffset() in minutes, set by the script (UTC without it). Empty -> null (publish now).
 */
export function publishAtFromForm(value: string, tz: string): string | null {
  const v = value.trim();
  if (!v) return null;
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(v)) throw new CurateError('invalid_input', `“${v.slice(0, 40)}” is not a date and time`);
  const offset = /^-?\d{1,4}$/.test(tz.trim()) ? Number(tz) : 0;
  const t = Date.parse(`${v}Z`) + offset * 60_000;
  if (Number.isNaN(t)) throw new CurateError('invalid_input', `“${v.slice(0, 40)}” is not a date and time`);
  return new Date(t).toISOString();
}

export function itemRoutes(): Hono<WorkspaceEnv> {
  const app = new Hono<WorkspaceEnv>();

  const loadView = async ({ items }: Workspace, id: number, list: ListParams): Promise<ItemView | null> => {
    const item = items.detail(id);
    if (!item) return null;
    const { filter } = readInboxQuery(list as Record<string, string>);
    const { cursor: _c, limit: _l, ...neighbourFilter } = filter;
    return {
      item,
      audit: items.audit(id),
      story: item.storyId ? items.storyMembers(item.storyId, id) : [],
      adjacent: await items.adjacent(id, neighbourFilter),
      list,
      now: Date.now(),
    };
  };

  const notFound = (c: Context<WorkspaceEnv>, id: string) =>
    notFoundPage(c, { title: 'No such item', message: `There is no item ${id}. It may have been merged into another one.`, back: { href: '/inbox', label: 'Back to the inbox' } });

  app.get('/inbox/items/:id{[0-9]{1,12}}', async (c) => {
    const v = await loadView(c.var.workspace, Number(c.req.param('id')), listContext(c.req.query()));
    return v ? c.html(<ItemPage v={v} c={c} />) : notFound(c, c.req.param('id'));
  });

  /**
   * One form post: runs `act` as the signed-in user, then redirects to the item with `?done=<code>`; a CurateError
   * re-renders the page (422, or 404 for an unknown item) with its message and the draft.
   */
  const action = (name: string, act: (ctx: { c: Context<WorkspaceEnv>; id: number; body: Body; actor: ReturnType<Workspace['curator']['as']> }) => string, draftOf?: (body: Body) => ItemDraft) =>
    app.post(`/inbox/items/:id{[0-9]{1,12}}/${name}`, async (c) => {
      const id = Number(c.req.param('id'));
      const list = listContext(c.req.query());
      const body = (await c.req.parseBody()) as Body;
      try {
        const done = act({ c, id, body, actor: c.var.workspace.curator.as(currentUser(c).name) });
        return c.redirect(`/inbox/items/${id}${toQueryString({ ...list, done })}`, 303);
      } catch (err) {
        if (!(err instanceof CurateError)) throw err;
        const v = await loadView(c.var.workspace, id, list);
        if (!v) return notFound(c, String(id));
        return c.html(<ItemPage v={v} c={c} error={err.message} draft={draftOf?.(body)} />, err.code === 'not_found' ? 404 : 422);
      }
    });

  action(
    'tag',
    ({ id, body, actor }) => {
      const query = str(body.country).trim();
      if (!query) throw new CurateError('invalid_input', 'Type a country name or code to add.');
      return actor.tag(id, query).added ? 'tagged' : 'already-tagged';
    },
    (body) => ({ country: str(body.country) }),
  );

  action('untag', ({ id, body, actor }) => {
    actor.untag(id, str(body.country));
    return 'untagged';
  });

  const noteDraft = (body: Body): ItemDraft => ({ note: noteFromForm(body), publishAt: str(body.publish_at) });

  const saveNote = (id: number, body: Body, actor: ReturnType<Workspace['curator']['as']>): string => {
    const saved = actor.setNote(id, noteFromForm(body));
    return !saved.changed ? 'unchanged' : saved.corrected ? 'corrected' : 'note';
  };

  action('note', ({ id, body, actor }) => saveNote(id, body, actor), noteDraft);

  /** No-script fallback of the "Insert" buttons: saves the note with the article's point(s) appended. */
  action(
    'insert',
    ({ c, id, body, actor }) => {
      const item = c.var.workspace.items.detail(id);
      if (!item) throw new CurateError('not_found', `no item ${id}`);
      const which = str(body.insert);
      const chosen = which === 'all' ? item.prayerPoints : /^\d+$/.test(which) && item.prayerPoints[Number(which)] ? [item.prayerPoints[Number(which)]!] : [];
      const lines = str(body.points).split(/\r?\n/);
      const withPoints = { ...body, points: [...lines, ...chosen.filter((p) => !lines.map((l) => l.trim()).includes(p))].join('\n') };
      return saveNote(id, withPoints, actor);
    },
    noteDraft,
  );

  action(
    'publish',
    ({ id, body, actor }) => {
      const publishAt = publishAtFromForm(str(body.publish_at), str(body.tz));
      if ('points' in body || 'text' in body || 'scripture' in body) saveNote(id, body, actor);
      const result = actor.publish(id, { publishAt });
      return Date.parse(result.publishedAt) > Date.now() ? 'scheduled' : 'published';
    },
    noteDraft,
  );

  action('dismiss', ({ id, actor }) => {
    actor.dismiss(id);
    return 'dismissed';
  });

  action('reopen', ({ id, actor }) => {
    actor.reopen(id);
    return 'reopened';
  });

  action(
    'retract',
    ({ id, body, actor }) => {
      actor.retract(id, str(body.reason));
      return 'retracted';
    },
    (body) => ({ retractReason: str(body.reason) }),
  );

  /** The live preview: the note as readers will see it, rendered and sanitized by the same code as the page. */
  app.post('/inbox/preview', async (c) => {
    const body = (await c.req.parseBody()) as Body;
    const note = noteFromForm(body);
    if (note.points.length > NOTE_LIMITS.points || (note.text?.length ?? 0) > NOTE_LIMITS.textChars) return c.text('Too long to preview.', 413);
    return c.html(<NotePreview note={note} />);
  });

  return app;
}
