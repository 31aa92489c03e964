/** The login and first-admin setup pages. */
import type { AuthUser } from './types.js';
import { CsrfField, Layout, Notice } from './layout.js';

export function LoginPage(props: { next: string; name?: string; error?: string; csrfToken: string | null; user: AuthUser | null }) {
  return (
    <Layout title="Log in" user={props.user} csrfToken={props.csrfToken} current="/login">
      <section class="panel narrow">
        <h1>Log in</h1>
        <p class="muted">For curators and admins. Readers need no account.</p>
        {props.error ? <Notice kind="error">{props.error}</Notice> : null}
        <form method="post" action="/login" class="stack">
          <CsrfField token={props.csrfToken} />
          <input type="hidden" name="next" value={props.next} />
          <label>
            Name
            <input type="text" name="name" value={props.name ?? ''} autocomplete="username" autocapitalize="none" spellcheck={false} required autofocus />
          </label>
          <label>
            Password
            <input type="password" name="password" autocomplete="current-password" required />
          </label>
          <div>
            <button type="submit">Log in</button>
          </div>
        </form>
      </section>
    </Layout>
  );
}

export function SetupPage(props: { action: string; name?: string; error?: string }) {
  return (
    <Layout title="Create the first admin" user={null} csrfToken={null} current="/login">
      <section class="panel narrow">
        <h1>Create the first admin</h1>
        <p class="muted">This link works once. The account you create here can add curators with <code>prayerwire user add</code>.</p>
        {props.error ? <Notice kind="error">{props.error}</Notice> : null}
        <form method="post" action={props.action} class="stack">
          <label>
            Name <span class="hint">2 to 40 characters: a-z, 0-9, ".", "_" and "-"</span>
            <input type="text" name="name" value={props.name ?? ''} autocomplete="username" autocapitalize="none" spellcheck={false}
              pattern="[A-Za-z0-9._\-]{2,40}" required autofocus />
          </label>
          <label>
            Password <span class="hint">at least 10 characters; a few unrelated words make a good one</span>
            <input type="password" name="password" autocomplete="new-password" minlength={10} required />
          </label>
          <label>
            Password again
            <input type="password" name="password2" autocomplete="new-password" minlength={10} required />
          </label>
          <div>
            <button type="submit">Create admin and log in</button>
          </div>
        </form>
      </section>
    </Layout>
  );
}
