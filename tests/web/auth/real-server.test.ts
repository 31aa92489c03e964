/** The same app over real HTTP on 127.0.0.1: the client address comes from the socket, cookies from a real client. */
import { serve, type ServerType } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './test-app.js';

let t: TestApp;
let server: ServerType;
let base: string;
beforeAll(async () => {
  t = buildTestApp();
  await t.addUser('dee', 'curator');
  await new Promise<void>((resolve) => {
    server = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => {
      base = `http://127.0.0.1:${info.port}`;
      resolve();
    });
  });
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const post = (path: string, fields: Record<string, string>, headers: Record<string, string> = {}) =>
  fetch(`${base}${path}`, {
    method: 'POST',
    redirect: 'manual',
    body: new URLSearchParams(fields),
    headers: { Origin: base, ...headers },
  });

describe('over HTTP', () => {
  it('logs in, uses the session, posts with the CSRF token, logs out; failures count against 127.0.0.1', async () => {
    expect((await post('/login', { name: 'dee', password: 'nope nope nope' })).status).toBe(401);
    expect(t.db.prepare("SELECT count FROM login_attempts WHERE key = 'ip:127.0.0.1'").get()).toEqual({ count: 1 });

    const login = await post('/login', { name: 'dee', password: 'dee secret password', next: '/inbox' });
    expect(login.status).toBe(303);
    const cookie = login.headers.getSetCookie()[0]!.split(';')[0]!;
    const inbox = await fetch(`${base}/inbox`, { headers: { Cookie: cookie } });
    const html = await inbox.text();
    const csrf = /name="csrf-token" content="([^"]+)"/.exec(html)![1]!;
    expect((await post('/inbox/items/1/publish', { _csrf: csrf }, { Cookie: cookie })).status).toBe(200);
    expect((await post('/inbox/items/1/publish', {}, { Cookie: cookie })).status).toBe(403);
    expect((await post('/logout', { _csrf: csrf }, { Cookie: cookie })).status).toBe(303);
    const after = await fetch(`${base}/inbox`, { headers: { Cookie: cookie }, redirect: 'manual' });
    expect(after.status).toBe(302);
    expect(after.headers.get('location')).toBe('/login?next=%2Finbox');
  });
});
