/**
 * `GET /admin/sources` (admins): every feed's health (last success, last error and why, error streak, next poll,
 * items, extraction success rate) with "Poll now" and Enable/Disable buttons (plain form posts).
 */
import type { WorkspaceEnv } from '../workspace-env.js';
import { Hono, type Context } from 'hono';
import { CsrfField, Notice } from '../auth/index.js';
import type { FeedHealth } from '../../ports/index.js';
import { DateText, countryName, relativeTime } from './format.js';
import { DoneNotice, notFoundPage, WorkspacePage } from './shell.js';

/** How long a "Poll now" form post waits for the poll before answering "queued". */
export const POLL_WAIT_MS = 15_000;

/** Share of extraction attempts that worked, as "92 %" (a dash when nothing was attempted). */
export function extractionRate(f: Pick<FeedHealth, 'extractedCount' | 'extractionFailedCount'>): string {
  const tried = f.extractedCount + f.extractionFailedCount;
  return tried ? `${Math.round((100 * f.extractedCount) / tried)} %` : '—';
}

function FeedRow(props: { f: FeedHealth; c: Context<WorkspaceEnv>; now: number }) {
  const { f, c, now } = props;
  const failing = f.errorCount > 0;
  return (
    <tr class={failing ? 'failing' : f.enabled ? '' : 'disabled'} id={`feed-${f.id}`}>
      <td>
        <strong>{f.name}</strong>
        <br />
        <span class="muted small">
          {f.kind}
          {f.countries.length ? ` · ${f.countries.map(countryName).join(', ')}` : ''}
          {f.enabled ? '' : ' · disabled'}
          {f.inConfig ? '' : ' · removed from feeds.yml'}
        </span>
        <br />
        <a href={f.url} rel="noopener noreferrer" target="_blank" class="small url">
          {f.url}
        </a>
      </td>
      <td>
        {f.lastSuccessAt ? <span title={f.lastSuccessAt}>{relativeTime(f.lastSuccessAt, now)}</span> : <span class="muted">never</span>}
        {f.lastStatus ? <span class="muted small"> · HTTP {f.lastStatus}</span> : null}
      </td>
      <td>
        {f.lastErrorAt ? (
          <>
            <span title={f.lastErrorAt}>{relativeTime(f.lastErrorAt, now)}</span>
            {f.lastErrorCode ? <code class="small"> {f.lastErrorCode}</code> : null}
            {f.lastError ? <p class="small error-text">{f.lastError}</p> : null}
          </>
        ) : (
          <span class="muted">none</span>
        )}
      </td>
      <td class={failing ? 'num warn' : 'num'}>{f.errorCount}</td>
      <td>{f.enabled ? f.nextPollAt ? <span title={f.nextPollAt}>{relativeTime(f.nextPollAt, now)}</span> : <span class="muted">due</span> : <span class="muted">off</span>}</td>
      <td class="num">{f.itemCount}</td>
      <td class="num" title={`${f.extractedCount} extracted, ${f.extractionFailedCount} failed`}>
        {extractionRate(f)}
      </td>
      <td>
        <div class="row-actions">
        <form method="post" action={`/admin/sources/${f.id}/poll`}>
          <CsrfField token={c.var.csrfToken} />
          <button type="submit" class="small" disabled={!f.enabled}>
            Poll now
          </button>
        </form>
        <form method="post" action={`/admin/sources/${f.id}/${f.enabled ? 'disable' : 'enable'}`}>
          <CsrfField token={c.var.csrfToken} />
          <button type="submit" class="secondary small">
            {f.enabled ? 'Disable' : 'Enable'}
          </button>
        </form>
        </div>
      </td>
    </tr>
  );
}

export function SourcesPage(props: { feeds: FeedHealth[]; c: Context<WorkspaceEnv>; now: number }) {
  const { feeds, c, now } = props;
  const failing = feeds.filter((f) => f.errorCount > 0).length;
  return (
    <WorkspacePage title="Sources" user={c.var.user} csrfToken={c.var.csrfToken} current="/admin/sources" page="sources">
      <div class="page-head">
        <h1>Sources</h1>
        <p class="muted">
          {feeds.length} source{feeds.length === 1 ? '' : 's'}
          {failing ? ` · ${failing} failing` : ' · all healthy'}. Add or remove sources in feeds.yml; changes apply without a restart.
        </p>
      </div>
      <DoneNotice done={c.req.query('done')} />
      <div class="table-wrap panel flush">
        <table class="sources">
          <thead>
            <tr>
              <th scope="col">Source</th>
              <th scope="col">Last success</th>
              <th scope="col">Last error</th>
              <th scope="col" class="num">Errors in a row</th>
              <th scope="col">Next poll</th>
              <th scope="col" class="num">Items</th>
              <th scope="col" class="num">Extracted</th>
              <th scope="col">
                <span class="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {feeds.map((f) => (
              <FeedRow f={f} c={c} now={now} />
            ))}
          </tbody>
        </table>
      </div>
      {feeds.length ? null : <Notice kind="info">No sources yet: list feeds in feeds.yml.</Notice>}
      <p class="small muted">
        Times are relative to <DateText iso={new Date(now).toISOString()} withTime />.
      </p>
    </WorkspacePage>
  );
}

export function sourcesRoutes(): Hono<WorkspaceEnv> {
  const app = new Hono<WorkspaceEnv>();

  app.get('/admin/sources', (c) => c.html(<SourcesPage feeds={c.var.workspace.feeds.health()} c={c} now={Date.now()} />));

  const missing = (c: Context<WorkspaceEnv>, id: number) =>
    notFoundPage(c, { title: 'No such source', message: `There is no source ${id}.`, back: { href: '/admin/sources', label: 'Back to the sources' } });

  app.post('/admin/sources/:id{[0-9]{1,12}}/poll', async (c) => {
    const id = Number(c.req.param('id'));
    const { feeds } = c.var.workspace;
    if (!feeds.get(id)) return missing(c, id);
    const running = feeds.pollNow(id);
    if (!running) {
      feeds.markDue(id);
      return c.redirect(`/admin/sources?done=queued#feed-${id}`, 303);
    }
    let timer: NodeJS.Timeout | undefined;
    const finished = await Promise.race([
      running.then(
        () => true,
        () => true,
      ),
      new Promise<false>((resolve) => {
        timer = setTimeout(() => resolve(false), POLL_WAIT_MS);
      }),
    ]);
    clearTimeout(timer);
    return c.redirect(`/admin/sources?done=${finished ? 'polled' : 'queued'}#feed-${id}`, 303);
  });

  for (const [path, enabled] of [
    ['enable', true],
    ['disable', false],
  ] as const) {
    app.post(`/admin/sources/:id{[0-9]{1,12}}/${path}`, (c) => {
      const id = Number(c.req.param('id'));
      const { feeds } = c.var.workspace;
      if (!feeds.get(id)) return missing(c, id);
      feeds.setEnabled(id, enabled);
      return c.redirect(`/admin/sources?done=${enabled ? 'enabled' : 'disabled'}#feed-${id}`, 303);
    });
  }

  return app;
}
