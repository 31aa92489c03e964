/**
 * `GET /inbox`: the curators' queue, newest first, with status tabs (counted under the other filters), filters by
 * country, source, kind, dates and full-text search (matches highlighted), cursor paging, and bulk dismiss
 * (`POST /inbox/dismiss`). One listItems call per page plus a constant number of small queries.
 */
import type { WorkspaceEnv } from '../workspace-env.js';
import { Hono, type Context } from 'hono';
import { Notice, currentUser } from '../auth/index.js';
import type { ItemHighlight, ItemSummary, StatusCounts, StoryPeer, Workspace } from '../../ports/index.js';
import { CountryChip, DateText, Highlighted, STATUS_LABEL, StatusBadge, countryName } from './format.js';
import { STATUS_TABS, readInboxQuery, toQueryString, type InboxQuery, type ListParams } from './query.js';
import { DoneNotice, WorkspacePage, type Shortcut } from './shell.js';

export const INBOX_PAGE_SIZE = 50;

const INBOX_SHORTCUTS: Shortcut[] = [
  { keys: ['j'], does: 'Next item' },
  { keys: ['k'], does: 'Previous item' },
  { keys: ['o', 'Enter'], does: 'Open the selected item' },
  { keys: ['x'], does: 'Check or uncheck the selected item' },
  { keys: ['d'], does: 'Dismiss the checked items (or the selected one)' },
  { keys: ['/'], does: 'Search' },
  { keys: ['?'], does: 'Show this help' },
];

interface InboxData {
  query: InboxQuery;
  page: { items: ItemSummary[]; nextCursor: string | null };
  counts: StatusCounts;
  highlights: Map<number, ItemHighlight>;
  peers: Map<number, StoryPeer[]>;
  feeds: string[];
  countries: { code: string; count: number }[];
}

/**
 * Everything the inbox page shows, in a constant number of queries: the page, its counts and the countries at once,
 * then the page's highlights and story peers.
 */
export async function loadInbox(deps: Pick<Workspace, 'items' | 'feeds'>, query: InboxQuery): Promise<InboxData> {
  const { items } = deps;
  const { status: _s, cursor: _c, limit: _l, ...others } = query.filter;
  const [page, counts, countries] = await Promise.all([items.list(query.filter), items.countByStatus(others), items.taggedCountries()]);
  const ids = page.items.map((i) => i.id);
  const [highlights, peers] = await Promise.all([
    query.filter.search ? items.highlight(ids, query.filter.search) : new Map<number, ItemHighlight>(),
    items.storyPeers(page.items.flatMap((i) => (i.storyId ? [i.storyId] : []))),
  ]);
  const feeds = deps.feeds.list().map((f) => f.name);
  return { query, page, counts, highlights, peers, feeds, countries };
}

/** The list link for other parameters (keeps the rest of the filter). */
function listHref(params: ListParams, change: Partial<ListParams> & { cursor?: string | null }): string {
  return `/inbox${toQueryString({ ...params, ...change })}`;
}

/** The item page link, carrying the list context so j/k on the item page walk this list. */
export function itemHref(id: number, params: ListParams): string {
  return `/inbox/items/${id}${toQueryString(params)}`;
}

/** One of the inbox's filter drop-downs: an "all" choice, then the options; its label is for screen readers. */
function FilterSelect(props: { label: string; name: string; all: string; options: { value: string; text: string; selected: boolean }[] }) {
  return (
    <label>
      <span class="visually-hidden">{props.label}</span>
      <select name={props.name}>
        <option value="">{props.all}</option>
        {props.options.map((o) => (
          <option value={o.value} selected={o.selected}>
            {o.text}
          </option>
        ))}
      </select>
    </label>
  );
}

function Filters(props: { data: InboxData }) {
  const { params } = props.data.query;
  const tagged = props.data.countries;
  const selectedCountry = params.country ?? '';
  const countryOptions = tagged.some((c) => c.code === selectedCountry) || !selectedCountry ? tagged : [{ code: selectedCountry, count: 0 }, ...tagged];
  return (
    <form class="filters" method="get" action="/inbox" role="search" aria-label="Filter the inbox">
      <input type="hidden" name="status" value={params.status ?? 'new'} />
      <label class="grow">
        <span class="visually-hidden">Search</span>
        <input type="search" name="q" id="inbox-search" value={params.q ?? ''} placeholder="Search titles and text  ( / )" maxlength={200} autocomplete="off" />
      </label>
      <FilterSelect
        label="Country"
        name="country"
        all="All countries"
        options={countryOptions.map((c) => ({ value: c.code, text: `${countryName(c.code)} (${c.count})`, selected: c.code === selectedCountry }))}
      />
      <FilterSelect
        label="Source"
        name="feed"
        all="All sources"
        options={props.data.feeds.map((name) => ({ value: name, text: name, selected: name.toLowerCase() === (params.feed ?? '').toLowerCase() }))}
      />
      <FilterSelect
        label="Kind"
        name="kind"
        all="News and ministry"
        options={[
          { value: 'news', text: 'News', selected: params.kind === 'news' },
          { value: 'ministry', text: 'Ministry', selected: params.kind === 'ministry' },
        ]}
      />
      <label class="inline">
        From
        <input type="date" name="since" value={params.since ?? ''} />
      </label>
      <label class="inline">
        to
        <input type="date" name="until" value={params.until ?? ''} />
      </label>
      <button type="submit">Filter</button>
      {Object.keys(params).some((k) => k !== 'status') ? (
        <a class="button secondary" href={listHref({ status: params.status }, {})}>
          Clear
        </a>
      ) : null}
    </form>
  );
}

function Tabs(props: { data: InboxData }) {
  const { params, status } = props.data.query;
  return (
    <nav class="tabs" aria-label="Status">
      {STATUS_TABS.map((tab) => (
        <a href={listHref(params, { status: tab })} aria-current={tab === status ? 'page' : undefined}>
          {STATUS_LABEL[tab]} <span class="count">{props.data.counts[tab]}</span>
        </a>
      ))}
    </nav>
  );
}

function ItemRow(props: { item: ItemSummary; data: InboxData }) {
  const { item, data } = props;
  const hl = data.highlights.get(item.id);
  const peers = item.storyId ? (data.peers.get(item.storyId) ?? []).filter((p) => p.id !== item.id) : [];
  const href = itemHref(item.id, data.query.params);
  const [first, ...others] = item.sources;
  return (
    <li class="item-row" data-href={href} data-id={String(item.id)}>
      <label class="check">
        <input type="checkbox" name="id" value={String(item.id)} disabled={item.status !== 'new'} />
        <span class="visually-hidden">Select “{item.title}”</span>
      </label>
      <div class="row-main">
        <a class="row-title" href={href}>
          {hl ? <Highlighted text={hl.title} /> : item.title || '(untitled)'}
        </a>
        {hl?.snippet ? (
          <p class="snippet">
            <Highlighted text={hl.snippet} />
          </p>
        ) : null}
        <p class="row-meta">
          <span class="source">{first ?? 'unknown source'}</span>
          {others.length ? <span class="also-source"> and {others.join(', ')}</span> : null}
          {' · '}
          <DateText iso={item.publishedAt ?? item.firstSeenAt} />
          {item.extractionStatus === 'failed' ? <span class="warn"> · extraction failed</span> : null}
        </p>
        {peers.length ? (
          <p class="also">
            Also reported by{' '}
            {peers.map((p, i) => (
              <>
                {i ? '; ' : ''}
                <a href={itemHref(p.id, data.query.params)} title={p.title}>
                  {p.sources.join(', ') || `item ${p.id}`}
                </a>
              </>
            ))}
          </p>
        ) : null}
      </div>
      <div class="row-side">
        <span class="chips">
          {item.countries.map((code) => (
            <CountryChip code={code} />
          ))}
        </span>
        <StatusBadge status={item.status} />
      </div>
    </li>
  );
}

export function InboxPage(props: { data: InboxData; c: Context<WorkspaceEnv> }) {
  const { data, c } = props;
  const { query, page } = data;
  const here = `/inbox${toQueryString({ ...query.params, cursor: query.cursor })}`;
  const searching = Boolean(query.filter.search);
  return (
    <WorkspacePage title="Inbox" user={c.var.user} csrfToken={c.var.csrfToken} current="/inbox" page="inbox" shortcuts={INBOX_SHORTCUTS}>
      <div class="page-head">
        <h1>Inbox</h1>
      </div>
      <DoneNotice done={c.req.query('done')} />
      {query.error ? <Notice kind="error">Some filters were not understood and were ignored: {query.error}</Notice> : null}
      <Filters data={data} />
      <Tabs data={data} />
      <form id="bulk" method="post" action="/inbox/dismiss" class="bulk">
        <input type="hidden" name="_csrf" value={c.var.csrfToken ?? ''} />
        <input type="hidden" name="back" value={here} />
        <div class="bulkbar">
          <label class="inline">
            <input type="checkbox" id="select-all" />
            Select all
          </label>
          <button type="submit" class="secondary small" id="bulk-dismiss">
            Dismiss checked
          </button>
          <span class="muted">
            {page.items.length ? `${page.items.length}${page.nextCursor ? '+' : ''} shown` : ''}
            {searching ? ` · matching “${query.filter.search}”` : ''}
          </span>
        </div>
        {page.items.length ? (
          <ol class="items" id="items">
            {page.items.map((item) => (
              <ItemRow item={item} data={data} />
            ))}
          </ol>
        ) : (
          <p class="empty">{query.cursor ? 'No older items.' : searching ? 'Nothing matches this search.' : 'Nothing here. New items arrive as the sources are polled.'}</p>
        )}
      </form>
      <nav class="pager" aria-label="Pages">
        {query.cursor ? <a href={listHref(query.params, {})}>← Newest</a> : <span />}
        {page.nextCursor ? (
          <a href={listHref(query.params, { cursor: page.nextCursor })} rel="next">
            Older →
          </a>
        ) : null}
      </nav>
    </WorkspacePage>
  );
}

/** A same-site inbox URL to go back to after a bulk action, else /inbox. */
function safeBack(value: unknown): string {
  if (typeof value !== 'string' || !value.startsWith('/inbox') || value.startsWith('//') || /[\\\s]/.test(value) || value.length > 2000) return '/inbox';
  return value;
}

function withDone(url: string, done: string): string {
  const u = new URL(url, 'http://x');
  // Dot segments may resolve to '//host', which a browser would read as another site.
  if (u.pathname.startsWith('//')) return withDone('/inbox', done);
  u.searchParams.set('done', done);
  return `${u.pathname}${u.search}`;
}

export function inboxRoutes(): Hono<WorkspaceEnv> {
  const app = new Hono<WorkspaceEnv>();

  app.get('/inbox', async (c) => {
    const query = readInboxQuery(c.req.query(), INBOX_PAGE_SIZE);
    const data = await loadInbox(c.var.workspace, query);
    return c.html(<InboxPage data={data} c={c} />, query.error ? 400 : 200);
  });

  app.post('/inbox/dismiss', async (c) => {
    const body = await c.req.parseBody({ all: true });
    const raw = body.id;
    const ids = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw])
      .map((v) => (typeof v === 'string' && /^\d{1,12}$/.test(v) ? Number(v) : NaN))
      .filter((n) => Number.isSafeInteger(n) && n > 0)
      .slice(0, 500);
    const back = safeBack(body.back);
    if (!ids.length) return c.redirect(withDone(back, 'none-selected'), 303);
    c.var.workspace.curator.as(currentUser(c).name).dismissMany(ids);
    return c.redirect(withDone(back, 'bulk-dismissed'), 303);
  });

  return app;
}
