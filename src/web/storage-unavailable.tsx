/**
 * The answer to a request whose write the database refused (full, read-only, ...): 503 with a sentence that says so,
 * as JSON for the API and as a page for browsers, instead of a bare 500 "Internal Server Error". The server stays
 * up; reading still works. Registered as the app's error handler by the composition root, which knows how to tell
 * a storage error from a bug (the web never sees the database).
 */
import type { Context, ErrorHandler } from 'hono';
import { Layout, Notice } from './auth/layout.js';
import { API_PREFIX } from './auth/types.js';
import type { AuthEnv } from './auth/types.js';

/** A storage problem as the public may see it: the SQLite code and a sentence without paths. */
export interface StorageFailure {
  code: string;
  message: string;
}

/** Seconds a client is asked to wait before retrying a write. */
const RETRY_AFTER_SEC = 30;

/** The 503 for a write the database refused. */
export function storageUnavailable(c: Context<AuthEnv>, failure: StorageFailure): Response | Promise<Response> {
  const headers = { 'retry-after': String(RETRY_AFTER_SEC), 'cache-control': 'no-store' };
  const path = c.req.path;
  const wantsJson = path === API_PREFIX || path.startsWith(`${API_PREFIX}/`) || /\bapplication\/json\b/.test(c.req.header('accept') ?? '');
  if (wantsJson) return c.json({ error: 'storage_unavailable', code: failure.code, message: failure.message }, 503, headers);
  const user = c.get('user') ?? null;
  const csrfToken = c.get('csrfToken') ?? null;
  return c.html(
    <Layout title="Cannot save right now" user={user} csrfToken={csrfToken}>
      <h1>Cannot save right now</h1>
      <Notice kind="error">{failure.message}</Notice>
      <p>
        <a href={user ? '/inbox' : '/'}>Back</a>
      </p>
    </Layout>,
    503,
    headers,
  );
}

/**
 * An error handler: storage errors (as `classify` recognises them) answer 503 via `storageUnavailable`; anything
 * else is handled as hono does by default (an HTTPException's own response, else a logged 500).
 */
export function storageErrorHandler(classify: (err: unknown) => StorageFailure | null, logError: (err: unknown, request: Request) => void): ErrorHandler<AuthEnv> {
  return function onError(err, c) {
    const failure = classify(err);
    if (failure) return storageUnavailable(c, failure);
    if ('getResponse' in err && typeof err.getResponse === 'function') return (err.getResponse as () => Response)();
    logError(err, c.req.raw);
    return c.text('Internal Server Error', 500);
  };
}
