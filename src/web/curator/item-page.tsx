/**
 * `GET /inbox/items/:id`: the clean article on the left, the curator's bench on the right (status and actions,
 * countries, prayer note), sources, story and the audit log below. Every action is a plain form; the script only
 * enhances (type-ahead, live preview, one-click insertion, soft updates of the `data-region` parts).
 */
import type { WorkspaceEnv } from '../workspace-env.js';
import type { Context } from 'hono';
import { raw } from 'hono/html';
import { listCountries } from '../../countries/index.js';
import { renderNoteHtml } from '../../curate/index.js';
import { sanitizeHtml } from '../../sanitizer/sanitize-html.js';
import type { AdjacentItems, AuditEntry, ItemDetail, PrayerNote, StoryMember } from '../../ports/index.js';
import { CsrfField, Notice } from '../auth/index.js';
import { DateText, STATUS_LABEL, StatusBadge, describeAudit } from './format.js';
import { itemHref } from './inbox.js';
import { toQueryString, type ListParams } from './query.js';
import { DoneNotice, WorkspacePage, type Shortcut } from './shell.js';

const ITEM_SHORTCUTS: Shortcut[] = [
  { keys: ['p'], does: 'Publish' },
  { keys: ['d'], does: 'Dismiss' },
  { keys: ['e'], does: 'Edit the prayer note' },
  { keys: ['c'], does: 'Add a country' },
  { keys: ['j'], does: 'Next (older) item' },
  { keys: ['k'], does: 'Previous (newer) item' },
  { keys: ['u'], does: 'Back to the inbox' },
  { keys: ['?'], does: 'Show this help' },
];

export interface ItemView {
  item: ItemDetail;
  audit: AuditEntry[];
  story: StoryMember[];
  adjacent: AdjacentItems;
  list: ListParams;
  now: number;
}

/** A form's state to show again after a failed post (what the curator typed). */
export interface ItemDraft {
  note?: PrayerNote;
  publishAt?: string;
  retractReason?: string;
  country?: string;
}

/** The prayer note as readers will see it (same structure as the public pages), sanitized. */
export function NotePreview(props: { note: PrayerNote | null }) {
  const note = props.note;
  const html = note ? renderNoteHtml(note.text) : null;
  if (!note || (!note.points.length && !note.scripture && !html)) return <p class="muted">The preview appears here as you write.</p>;
  return (
    <div class="prayer-note">
      <p>
        <strong>Pray</strong>
      </p>
      {note.points.length ? (
        <ul>
          {note.points.map((p) => (
            <li>{p}</li>
          ))}
        </ul>
      ) : null}
      {note.scripture ? (
        <blockquote>
          <p>{note.scripture}</p>
        </blockquote>
      ) : null}
      {html ? <div>{raw(html)}</div> : null}
    </div>
  );
}

const actionUrl = (v: ItemView, action: string) => `/inbox/items/${v.item.id}/${action}${toQueryString(v.list)}`;

function Csrf(props: { c: Context<WorkspaceEnv> }) {
  return <CsrfField token={props.c.var.csrfToken} />;
}

function isScheduled(item: ItemDetail, now: number): boolean {
  return item.status === 'published' && !!item.publication && Date.parse(item.publication.publishedAt) > now;
}

function StatusPanel(props: { v: ItemView; c: Context<WorkspaceEnv>; draft: ItemDraft }) {
  const { v, c, draft } = props;
  const { item } = v;
  const pub = item.publication;
  const hasCountry = item.countries.length > 0;
  const hasNote = !!item.prayerNote && (item.prayerNote.points.length > 0 || !!item.prayerNote.text);
  return (
    <section class="panel bench-status" data-region="status" aria-labelledby="status-h">
      <h2 id="status-h">
        Status <StatusBadge status={item.status} scheduled={isScheduled(item, v.now)} />
      </h2>
      {pub && item.status !== 'new' ? (
        <p class="muted small">
          {isScheduled(item, v.now) ? 'Visible from ' : 'Published '}
          <DateText iso={pub.publishedAt} withTime /> by {pub.publishedBy}
          {pub.correctedAt && pub.correctedAt !== pub.publishedAt ? (
            <>
              {' · '}
              <span class="updated">
                Updated <DateText iso={pub.correctedAt} withTime />
              </span>
            </>
          ) : null}
        </p>
      ) : null}
      {item.status === 'new' ? (
        <>
          <ul class="checklist" aria-label="Before publishing">
            <li class={hasCountry ? 'ok' : 'missing'}>{hasCountry ? 'Country tagged' : 'Needs at least one country'}</li>
            <li class={hasNote ? 'ok' : 'missing'}>{hasNote ? 'Prayer note written' : 'Needs a prayer note (a point or text)'}</li>
          </ul>
          <div class="actions">
            <form method="post" action={actionUrl(v, 'dismiss')} id="dismiss-form">
              <Csrf c={c} />
              <button type="submit" class="secondary">
                Dismiss
              </button>
            </form>
            <span class="hint">Publish from the prayer note below.</span>
          </div>
        </>
      ) : null}
      {item.status === 'published' ? (
        <details class="retract" open={draft.retractReason !== undefined}>
          <summary>Retract…</summary>
          <form method="post" action={actionUrl(v, 'retract')} class="stack">
            <Csrf c={c} />
            <label>
              Reason <span class="hint">shown to readers in the retraction notice</span>
              <textarea name="reason" required maxlength={1000} rows={2}>
                {draft.retractReason ?? ''}
              </textarea>
            </label>
            <div>
              <button type="submit" class="danger">
                Retract
              </button>
            </div>
          </form>
        </details>
      ) : null}
      {item.status === 'retracted' && pub?.retractionReason ? (
        <p class="small">
          Retracted <DateText iso={pub.retractedAt} withTime />: “{pub.retractionReason}”
        </p>
      ) : null}
      {item.status === 'dismissed' || item.status === 'retracted' ? (
        <form method="post" action={actionUrl(v, 'reopen')}>
          <Csrf c={c} />
          <button type="submit" class="secondary" id="reopen-button">
            Reopen
          </button>
        </form>
      ) : null}
    </section>
  );
}

function evidenceText(e: { phrase: string; count: number; where: string[] }): string {
  return `“${e.phrase}” ×${e.count}${e.where.length ? ` (${e.where.join(', ')})` : ''}`;
}

function CountriesPanel(props: { v: ItemView; c: Context<WorkspaceEnv>; draft: ItemDraft }) {
  const { v, c, draft } = props;
  const { item } = v;
  const suggestions = item.suggestedCountries.filter((s) => !item.countries.includes(s.code));
  return (
    <section class="panel bench-countries" data-region="countries" aria-labelledby="countries-h">
      <h2 id="countries-h">Countries</h2>
      {item.countryTags.length ? (
        <ul class="chip-list" aria-label="Tagged countries">
          {item.countryTags.map((t) => (
            <li class="chip removable">
              <span title={`${t.code} · ${t.source} · added by ${t.addedBy}`}>{t.name}</span>
              <form method="post" action={actionUrl(v, 'untag')} data-soft>
                <Csrf c={c} />
                <input type="hidden" name="country" value={t.code} />
                <button type="submit" class="chip-x" aria-label={`Remove ${t.name}`} title={`Remove ${t.name}`}>
                  ×
                </button>
              </form>
            </li>
          ))}
        </ul>
      ) : (
        <p class="muted small">No country yet.</p>
      )}
      {suggestions.length ? (
        <>
          <h3>Suggested</h3>
          <ul class="suggestions">
            {suggestions.map((s) => (
              <li>
                <form method="post" action={actionUrl(v, 'tag')} data-soft>
                  <Csrf c={c} />
                  <input type="hidden" name="country" value={s.code} />
                  <button type="submit" class="small" aria-label={`Accept ${s.name}`}>
                    Accept
                  </button>
                </form>
                <div>
                  <strong>{s.name}</strong> <span class="muted small">{s.code}{s.primary ? ' · main country' : ''}{s.source === 'feed' ? ' · from the source' : ''}</span>
                  {s.evidence.length ? <p class="evidence small">{s.evidence.slice(0, 4).map(evidenceText).join(' · ')}</p> : null}
                </div>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <form method="post" action={actionUrl(v, 'tag')} class="add-country" data-soft data-focus-after="#add-country">
        <Csrf c={c} />
        <label for="add-country" class="small">
          Add a country <span class="hint">name or code</span>
        </label>
        <div class="combo">
          <input
            type="text"
            id="add-country"
            name="country"
            list="country-list"
            value={draft.country ?? ''}
            autocomplete="off"
            spellcheck={false}
            placeholder="e.g. North Korea, KP, Burma"
            required
            maxlength={80}
            role="combobox"
            aria-autocomplete="list"
            aria-expanded="false"
            aria-controls="country-options"
          />
          <ul id="country-options" role="listbox" class="listbox" hidden aria-label="Countries"></ul>
          <button type="submit" class="secondary small">
            Add
          </button>
        </div>
      </form>
    </section>
  );
}

function NoteEditor(props: { v: ItemView; c: Context<WorkspaceEnv>; draft: ItemDraft }) {
  const { v, c, draft } = props;
  const { item } = v;
  const note: PrayerNote = draft.note ?? item.prayerNote ?? { points: [], scripture: null, text: null };
  const published = item.status === 'published';
  return (
    <section class="panel bench-note" id="note" aria-labelledby="note-h">
      <h2 id="note-h">Prayer note</h2>
      {published ? <p class="hint">This item is published: saving changes is a correction, and readers see it marked as updated.</p> : null}
      <form method="post" action={actionUrl(v, 'note')} id="note-form" class="stack">
        <Csrf c={c} />
        {/* The form's default button (Enter in a field saves; it must not insert or publish). */}
        <button type="submit" class="visually-hidden" tabindex={-1} aria-hidden="true">
          Save note
        </button>
        <label>
          Prayer points <span class="hint">one per line</span>
          <textarea name="points" id="note-points" rows={5} data-preview>
            {note.points.join('\n')}
          </textarea>
        </label>
        {item.prayerPoints.length ? (
          <div class="article-points">
            <p class="small">
              <strong>From the article</strong>{' '}
              <button type="submit" name="insert" value="all" formaction={actionUrl(v, 'insert')} class="link small" data-insert-all>
                Insert all
              </button>
            </p>
            <ol>
              {item.prayerPoints.map((p, i) => (
                <li>
                  <span class="point-text">{p}</span>{' '}
                  <button type="submit" name="insert" value={String(i)} formaction={actionUrl(v, 'insert')} class="secondary small" data-insert={p}>
                    Insert
                  </button>
                </li>
              ))}
            </ol>
          </div>
        ) : null}
        <label>
          Scripture <span class="hint">a reference, e.g. Psalm 46:1</span>
          <input type="text" name="scripture" value={note.scripture ?? ''} maxlength={200} data-preview />
        </label>
        <label>
          Note <span class="hint">Markdown: **bold**, *italic*, [link](https://…), lists</span>
          <textarea name="text" rows={6} data-preview>
            {note.text ?? ''}
          </textarea>
        </label>
        <div class="preview-box">
          <p class="small muted">Preview</p>
          <div id="note-preview" aria-live="polite">
            <NotePreview note={note} />
          </div>
        </div>
        <div class="actions">
          <button type="submit" class={published ? '' : 'secondary'} id="save-note">
            {published ? 'Save correction' : 'Save note'}
          </button>
          {item.prayerNote ? (
            <span class="muted small">
              Saved by {item.prayerNote.updatedBy}, <DateText iso={item.prayerNote.updatedAt} withTime />
            </span>
          ) : null}
        </div>
        {item.status === 'new' ? (
          <div class="publish-row">
            <label class="small">
              <span>
                Publish at <span class="hint">optional embargo, your local time; empty publishes now</span>
              </span>
              <input type="datetime-local" name="publish_at" value={draft.publishAt ?? ''} />
            </label>
            <input type="hidden" name="tz" value="" data-tz />
            <button type="submit" formaction={actionUrl(v, 'publish')} id="publish-button">
              Publish
            </button>
            <p class="hint">Publishing saves the note as written here; it needs a country and a note.</p>
          </div>
        ) : null}
      </form>
    </section>
  );
}

function SourcesPanel(props: { v: ItemView }) {
  const { item, story, list } = props.v;
  return (
    <section class="panel bench-sources" aria-labelledby="sources-h">
      <h2 id="sources-h">Sources</h2>
      <ul class="plain">
        {item.sources.map((s) => (
          <li>
            <strong>{s.feed}</strong> <span class="muted small">{s.kind}</span>
            <br />
            {s.url ? (
              <a href={s.url} rel="noopener noreferrer" target="_blank" class="small">
                {s.title || s.url}
              </a>
            ) : (
              <span class="small">{s.title}</span>
            )}{' '}
            <span class="muted small">
              <DateText iso={s.publishedAt ?? s.firstSeenAt} />
            </span>
          </li>
        ))}
      </ul>
      {story.length ? (
        <>
          <h3>Also reported by</h3>
          <ul class="plain story">
            {story.map((m) => (
              <li>
                <a href={itemHref(m.id, list)}>{m.title}</a>
                <br />
                <span class="muted small">
                  {m.sources.join(', ')} · {STATUS_LABEL[m.status] ?? m.status}
                </span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

function ArticleView(props: { v: ItemView }) {
  const { item } = props.v;
  const base = item.finalUrl ?? item.url ?? undefined;
  const html = item.html ? sanitizeHtml(item.html, { baseUrl: base }) : '';
  const failed = item.extraction.status === 'failed';
  return (
    <article class="panel article" aria-labelledby="item-title">
      <p class="kicker">
        {item.feed}
        {item.siteName && item.siteName !== item.feed ? ` · ${item.siteName}` : ''} · <DateText iso={item.publishedAt ?? item.firstSeenAt} />
        {item.readingMinutes ? ` · ${item.readingMinutes} min read` : ''}
      </p>
      <h1 id="item-title">{item.title || '(untitled)'}</h1>
      <p class="byline">
        {item.byline ? <>By {item.byline} · </> : null}
        {item.url ? (
          <a href={item.url} rel="noopener noreferrer" target="_blank" id="original-link">
            Original article ↗
          </a>
        ) : (
          <span class="muted">No link</span>
        )}
      </p>
      {failed ? (
        <Notice kind="error">
          The full article could not be extracted ({item.extraction.code ?? 'error'}: {item.extraction.reason ?? 'no reason given'}). Showing the text the feed carried.
        </Notice>
      ) : item.extraction.status === 'pending' ? (
        <Notice kind="info">The full article is being fetched; showing the feed's text for now.</Notice>
      ) : null}
      {item.image && /^https?:\/\//i.test(item.image) && !/<img\s/i.test(html) ? <img class="lead-image" src={item.image} alt="" loading="lazy" referrerpolicy="no-referrer" /> : null}
      <div class="article-body">{html ? raw(html) : <p>{item.text ?? item.summary}</p>}</div>
    </article>
  );
}

function AuditLog(props: { audit: AuditEntry[] }) {
  return (
    <section class="panel audit" data-region="audit" aria-labelledby="audit-h">
      <h2 id="audit-h">History</h2>
      {props.audit.length ? (
        <table>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Who</th>
              <th scope="col">What</th>
              <th scope="col">Before</th>
              <th scope="col">After</th>
            </tr>
          </thead>
          <tbody>
            {props.audit.map((e) => {
              const d = describeAudit(e);
              return (
                <tr>
                  <td class="nowrap">
                    <DateText iso={e.at} withTime />
                  </td>
                  <td>{e.actor}</td>
                  <td>{d.what}</td>
                  <td class="muted">{d.before}</td>
                  <td>{d.after}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : (
        <p class="muted small">No curator action yet.</p>
      )}
    </section>
  );
}

function CountryDatalist() {
  return (
    <datalist id="country-list">
      {listCountries().map((c) => (
        <option value={c.name}>{c.code}</option>
      ))}
    </datalist>
  );
}

export function ItemPage(props: { v: ItemView; c: Context<WorkspaceEnv>; error?: string | null; draft?: ItemDraft }) {
  const { v, c } = props;
  const draft = props.draft ?? {};
  const { adjacent, list } = v;
  const back = `/inbox${toQueryString(list)}`;
  return (
    <WorkspacePage title={v.item.title || `Item ${v.item.id}`} user={c.var.user} csrfToken={c.var.csrfToken} current="/inbox" page="item" shortcuts={ITEM_SHORTCUTS}>
      <nav class="item-nav" aria-label="Items">
        <a href={back} id="back-link">
          ← Inbox
        </a>
        <span class="spacer" />
        {adjacent.newer ? (
          <a href={itemHref(adjacent.newer.id, list)} rel="prev" title={adjacent.newer.title}>
            ‹ Newer <kbd>k</kbd>
          </a>
        ) : (
          <span class="muted">‹ Newer</span>
        )}
        {adjacent.older ? (
          <a href={itemHref(adjacent.older.id, list)} rel="next" title={adjacent.older.title}>
            Older <kbd>j</kbd> ›
          </a>
        ) : (
          <span class="muted">Older ›</span>
        )}
      </nav>
      <div data-region="notices">
        <DoneNotice done={props.error ? undefined : c.req.query('done')} />
        {props.error ? <Notice kind="error">{props.error}</Notice> : null}
      </div>
      <div class="item-layout">
        <ArticleView v={v} />
        <div class="bench">
          <StatusPanel v={v} c={c} draft={draft} />
          <CountriesPanel v={v} c={c} draft={draft} />
          <NoteEditor v={v} c={c} draft={draft} />
          <SourcesPanel v={v} />
        </div>
      </div>
      <AuditLog audit={v.audit} />
      <CountryDatalist />
    </WorkspacePage>
  );
}
