/** The workspace page shell: the shared Layout plus the workspace stylesheet, script and keyboard help overlay. */
import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import { Layout, MessagePage, Notice, type AuthUser } from '../auth/index.js';
import type { WorkspaceEnv } from '../workspace-env.js';
import { CURATOR_CSS_URL, CURATOR_JS_URL } from './assets.js';

export interface Shortcut {
  keys: string[];
  does: string;
}

export interface WorkspacePageProps {
  title: string;
  user: AuthUser | null;
  csrfToken: string | null;
  current: string;
  /** Which keyboard map the script binds ('inbox', 'item', or none). */
  page?: 'inbox' | 'item' | 'sources';
  shortcuts?: Shortcut[];
  children?: Child;
}

/** A workspace page. The keyboard help overlay lists `shortcuts` and opens with "?". */
export function WorkspacePage(props: WorkspacePageProps) {
  return (
    <Layout title={props.title} user={props.user} csrfToken={props.csrfToken} current={props.current}>
      <link rel="stylesheet" href={CURATOR_CSS_URL} />
      <div class="workspace" data-page={props.page ?? ''}>
        {props.children}
      </div>
      {props.shortcuts?.length ? (
        <>
          <p class="kbd-hint muted">
            Press <kbd>?</kbd> for keyboard shortcuts.
          </p>
          <div id="kbd-help" class="overlay" role="dialog" aria-modal="true" aria-labelledby="kbd-help-title" hidden>
            <div class="overlay-box">
              <h2 id="kbd-help-title">Keyboard shortcuts</h2>
              <dl class="shortcuts">
                {props.shortcuts.map((s) => (
                  <>
                    <dt>{s.keys.map((k, i) => (
                      <>
                        {i ? ' or ' : ''}
                        <kbd>{k}</kbd>
                      </>
                    ))}</dt>
                    <dd>{s.does}</dd>
                  </>
                ))}
              </dl>
              <p class="muted">Shortcuts are off while you type in a field; press Esc to leave it.</p>
              <button type="button" class="secondary" data-close-help>
                Close
              </button>
            </div>
          </div>
        </>
      ) : null}
      <script src={CURATOR_JS_URL} defer></script>
    </Layout>
  );
}

/** Fixed confirmation messages for `?done=` after a successful form post (never text taken from the URL). */
export const DONE_MESSAGES: Record<string, string> = {
  tagged: 'Country added.',
  untagged: 'Country removed.',
  'already-tagged': 'That country was already tagged.',
  note: 'Prayer note saved.',
  corrected: 'Correction saved: the published item now shows as updated.',
  unchanged: 'Nothing changed.',
  published: 'Published. It is in the public feeds now.',
  scheduled: 'Scheduled: it appears in the public feeds at the time shown.',
  dismissed: 'Dismissed.',
  reopened: 'Reopened: back in the inbox as new.',
  retracted: 'Retracted: readers see a retraction notice with your reason.',
  'bulk-dismissed': 'Dismissed the selected items.',
  'none-selected': 'No items were selected.',
  polled: 'Polled.',
  queued: 'Queued: the poller picks it up within seconds.',
  enabled: 'Source enabled.',
  disabled: 'Source disabled: it is no longer polled.',
};

/** The notice for `?done=`, if it names a known message. */
export function DoneNotice(props: { done: string | undefined; extra?: string }) {
  const message = props.done && Object.hasOwn(DONE_MESSAGES, props.done) ? DONE_MESSAGES[props.done] : undefined;
  return message ? (
    <Notice kind="ok">
      {message}
      {props.extra ? ` ${props.extra}` : ''}
    </Notice>
  ) : null;
}

/** The workspace's 404: what is missing, why it may be, and the way back. */
export function notFoundPage(c: Context<WorkspaceEnv>, page: { title: string; message: string; back: { href: string; label: string } }) {
  return c.html(
    <MessagePage title={page.title} user={c.var.user} csrfToken={c.var.csrfToken}>
      <p>{page.message}</p>
      <p>
        <a href={page.back.href}>{page.back.label}</a>
      </p>
    </MessagePage>,
    404,
  );
}
