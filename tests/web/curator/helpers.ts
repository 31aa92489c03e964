/**
 * The real web app (createWebApp) over a database filled by one real poll of the demo's sample sources on
 * 127.0.0.1 (with extraction and story grouping), driven with `app.request()`; users log in through /login.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createUser, type Role } from '../../../src/accounts/index.js';
import { writeDemoConfig } from '../../../src/cli/demo.js';
import { startSampleSources } from '../../../src/demo/sample-sources.js';
import { extractItems } from '../../../src/ingest/extract-items.js';
import { silentLogger } from '../../../src/log/create-logger.js';
import { buildWebApp, openApp, type App } from '../../../src/app/index.js';
import type { Workspace as WorkspacePort } from '../../../src/ports/index.js';
import { pollOnce } from '../../../src/poller/poller.js';

export const ORIGIN = 'http://localhost';
const FAST_SCRYPT = { N: 1024, r: 8, p: 1 };

export interface Session {
  cookie: string;
  csrf: string;
}

export interface Workspace {
  app: ReturnType<typeof buildWebApp>['web'];
  ctx: App;
  /** The workspace port the pages run on. */
  ports: WorkspacePort;
  /** Item ids by a word of their title. */
  itemId(titlePart: string): number;
  login(name: string, role: Role): Promise<Session>;
  get(path: string, session?: Session | null): Promise<Response>;
  post(path: string, fields: Record<string, string | string[]>, session?: Session | null, options?: { csrf?: boolean }): Promise<Response>;
  close(): Promise<void>;
}

export async function buildWorkspace(options: { pollNow?: (id: number) => Promise<unknown> | null } = {}): Promise<Workspace> {
  const dir = mkdtempSync(join(tmpdir(), 'pw-web-curator-'));
  const samples = await startSampleSources();
  const config = writeDemoConfig(dir, samples.feedUrls);
  const ctx = openApp({ config, db: join(dir, 'test.db') }, { log: silentLogger() });
  const outcomes = await pollOnce(ctx.ingest);
  const ids = outcomes.flatMap((o) => o.newItemIds);
  await extractItems(ctx.extraction, { itemIds: ids });
  ctx.finishNewItems(ids);
  await samples.close();
  const { web: app, workspace: ports } = buildWebApp(ctx, { baseUrl: ORIGIN, pollNow: options.pollNow });

  const request = async (path: string, init: RequestInit = {}): Promise<Response> => app.request(`${ORIGIN}${path}`, init);
  const ws: Workspace = {
    app,
    ctx,
    ports,
    itemId(titlePart) {
      const row = ctx.db.prepare('SELECT id FROM items WHERE title LIKE ?').get(`%${titlePart}%`) as { id: number } | undefined;
      if (!row) throw new Error(`no item titled like "${titlePart}"`);
      return row.id;
    },
    async login(name, role) {
      const password = `${name} secret password`;
      await createUser(ctx.db, { name, role, password }, { scrypt: FAST_SCRYPT });
      const res = await request('/login', {
        method: 'POST',
        body: new URLSearchParams({ name, password, next: '/inbox' }),
        headers: { Origin: ORIGIN, 'Content-Type': 'application/x-www-form-urlencoded' },
      });
      if (res.status !== 303) throw new Error(`login failed: ${res.status}`);
      const cookie = res.headers.getSetCookie()[0]!.split(';')[0]!;
      const page = await (await request('/inbox', { headers: { Cookie: cookie } })).text();
      const csrf = /name="csrf-token" content="([^"]+)"/.exec(page)?.[1];
      if (!csrf) throw new Error('no CSRF token on the inbox page');
      return { cookie, csrf };
    },
    get: (path, session) => request(path, { headers: session ? { Cookie: session.cookie } : {} }),
    post(path, fields, session, opts = {}) {
      const body = new URLSearchParams();
      for (const [k, v] of Object.entries(fields)) for (const one of Array.isArray(v) ? v : [v]) body.append(k, one);
      if (session && opts.csrf !== false) body.set('_csrf', session.csrf);
      return request(path, {
        method: 'POST',
        body,
        headers: { Origin: ORIGIN, 'Content-Type': 'application/x-www-form-urlencoded', ...(session ? { Cookie: session.cookie } : {}) },
      });
    },
    async close() {
      await ctx.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return ws;
}

/** The text of an HTML page with tags removed and whitespace collapsed (for "the page says …" checks). */
export function pageText(html: string): string {
  return html
    .replace(/<script[\s\S]*?<\/script>/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/\s+/g, ' ');
}
