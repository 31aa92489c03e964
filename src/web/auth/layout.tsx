/**
 * The workspace's shared page shell (hono JSX, escaped by default): header with the app name, navigation, the
 * signed-in user and a logout form; links /static/app.css. Other workspace pages reuse `Layout`, `CsrfField`
 * and `Notice`.
 */
import type { Child } from 'hono/jsx';
import { raw } from 'hono/html';
import type { AuthUser } from './types.js';
import { APP_CSS_URL } from './static.js';

export const APP_NAME = 'prayerwire';

/** The hidden `_csrf` field every state-changing form must carry. Renders nothing without a token. */
export function CsrfField(props: { token: string | null | undefined }) {
  return props.token ? <input type="hidden" name="_csrf" value={props.token} /> : null;
}

/** A message box; `kind` 'error' for failures, 'ok' for confirmations. */
export function Notice(props: { kind?: 'error' | 'ok' | 'info'; children?: Child }) {
  const kind = props.kind ?? 'info';
  return (
    <p class={`notice ${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      {props.children}
    </p>
  );
}

export interface LayoutProps {
  title: string;
  user: AuthUser | null;
  csrfToken: string | null;
  /** The current path, to mark the matching nav link (e.g. '/inbox'). */
  current?: string;
  children?: Child;
}

/**
 * The page shell. Render with `c.html(<Layout ...>...</Layout>)`; it starts with the doctype.
 *
 * @example
 * return c.html(<Layout title="Inbox" user={c.var.user} csrfToken={c.var.csrfToken} current="/inbox"><h1>Inbox</h1></Layout>);
 */
export function Layout(props: LayoutProps) {
  const { user, csrfToken, current } = props;
  const navLink = (href: string, label: string) => (
    <a href={href} aria-current={current && (current === href || current.startsWith(`${href}/`)) ? 'page' : undefined}>
      {label}
    </a>
  );
  return (
    <>
      {raw('<!doctype html>')}
      <html lang="en">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <meta name="referrer" content="same-origin" />
          {csrfToken ? <meta name="csrf-token" content={csrfToken} /> : null}
          <title>{props.title ? `${props.title} · ${APP_NAME}` : APP_NAME}</title>
          <link rel="stylesheet" href={APP_CSS_URL} />
        </head>
        <body>
          <header class="topbar">
            <div class="wrap">
              <a class="brand" href={user ? '/inbox' : '/'}>
                {APP_NAME}
              </a>
              {user ? (
                <nav aria-label="Main">
                  {navLink('/inbox', 'Inbox')}
                  {user.role === 'admin' ? navLink('/admin/sources', 'Sources') : null}
                </nav>
              ) : (
                <nav aria-label="Main" />
              )}
              {user ? (
                <div class="account">
                  <span>
                    <span class="visually-hidden">Signed in as </span>
                    {user.name}
                  </span>
                  <span class="role">{user.role}</span>
                  <form method="post" action="/logout">
                    <CsrfField token={csrfToken} />
                    <button type="submit" class="link">
                      Log out
                    </button>
                  </form>
                </div>
              ) : current === '/login' ? null : (
                <div class="account">
                  <a href="/login">Log in</a>
                </div>
              )}
            </div>
          </header>
          <main class="wrap">{props.children}</main>
        </body>
      </html>
    </>
  );
}

/** A page with one heading and a message, for errors and notices (403, 404, 429…). */
export function MessagePage(props: { title: string; user: AuthUser | null; csrfToken: string | null; children?: Child }) {
  return (
    <Layout title={props.title} user={props.user} csrfToken={props.csrfToken}>
      <section class="panel narrow">
        <h1>{props.title}</h1>
        {props.children}
      </section>
    </Layout>
  );
}
