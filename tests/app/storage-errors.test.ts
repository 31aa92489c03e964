/**
 * Issue 11, defect 5: a database that cannot be written or opened is explained, to the person running prayerwire
 * (the file, the cause, what to do) and to the people using it (503 with a sentence, no path), instead of stack
 * traces and bare 500s, and /health says so. The server stays up and keeps serving what only reads.
 *
 * Tests run as root in CI, where chmod stops nobody. So: the running server's connection is made read-only with
 * `PRAGMA query_only = ON` (SQLite answers SQLITE_READONLY, as for a read-only file or mount); the CLI is given a
 * folder, a file that is not a database, and a path under a regular file, which fail for root too; the chmod
 * cases run only when not root.
 */
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken, createUser } from '../../src/accounts/index.js';
import { startServer, type RunningServer } from '../../src/app/server.js';
import { main } from '../../src/cli/index.js';
import { pollOnce } from '../../src/poller/index.js';
import { FAST_SCRYPT } from '../accounts/helpers.js';
import { startFixtureServer, type FixtureServer } from '../helpers/fixture-server.js';

const isRoot = process.getuid?.() === 0;
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'pw-storage-errors-'));
  writeFileSync(join(dir, 'feeds.yml'), 'feeds: []\n');
});
afterAll(() => {
  chmodSync(dir, 0o755);
  rmSync(dir, { recursive: true, force: true });
});

async function cli(...argv: string[]): Promise<{ code: number; err: string[] }> {
  const err: string[] = [];
  const code = await main([...argv, '--config', join(dir, 'feeds.yml')], {}, { out: () => {}, err: (t) => void err.push(t), isTTY: false });
  return { code, err };
}

describe('the CLI when the database cannot be opened', () => {
  it('names a folder given as the database, says why and what to do, in one line, exit 1', async () => {
    const folder = join(dir, 'a-folder');
    mkdirSync(folder);
    const { code, err } = await cli('feeds', '--db', folder);
    expect(code).toBe(1);
    expect(err).toEqual([
      `The database ${folder} cannot be opened (SQLITE_CANTOPEN): check that its folder exists and that the user running prayerwire may create and write files there, and that the path names a file, not a folder.`,
    ]);
  });

  it('names a file that is not a database', async () => {
    const file = join(dir, 'notes.txt');
    writeFileSync(file, 'these are not the pages you are looking for\n'.repeat(200));
    const { code, err } = await cli('serve', '--port', '1', '--db', file);
    expect(code).toBe(1);
    expect(err).toHaveLength(1);
    expect(err[0]).toMatch(new RegExp(`^The database ${file} is damaged or is not a prayerwire database \\(SQLITE_NOTADB\\): check --db`));
  });

  it('names a path whose folder cannot be made (a file stands in the way)', async () => {
    const blocker = join(dir, 'plain-file');
    writeFileSync(blocker, 'x');
    const file = join(blocker, 'data', 'prayerwire.db');
    const { code, err } = await cli('user', 'list', '--db', file);
    expect(code).toBe(1);
    expect(err).toHaveLength(1);
    expect(err[0]).toMatch(new RegExp(`^The database ${file} cannot be opened \\((ENOTDIR|EEXIST)\\)`));
  });

  it.skipIf(isRoot)('names a folder without write permission (not as root: root ignores it)', async () => {
    const locked = join(dir, 'locked');
    mkdirSync(locked);
    chmodSync(locked, 0o555);
    const { code, err } = await cli('feeds', '--db', join(locked, 'prayerwire.db'));
    expect(code).toBe(1);
    expect(err).toHaveLength(1);
    expect(err[0]).toMatch(/^The database .*locked\/prayerwire\.db (cannot be opened|is read-only) \(SQLITE_(CANTOPEN|READONLY)\w*\)/);
  });
});

describe('the server when its database becomes read-only', () => {
  let server: RunningServer;
  let feeds: FixtureServer;
  let token: string;
  let itemId: number;
  const url = (path: string) => `http://127.0.0.1:${server.port}${path}`;
  const login = (password: string) =>
    fetch(url('/login'), {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: url('') },
      body: new URLSearchParams({ name: 'admin', password }).toString(),
    });

  beforeAll(async () => {
    feeds = await startFixtureServer({ '/rss2.xml': { file: 'ingest/rss2.xml', contentType: 'application/rss+xml' } });
    const config = join(dir, 'server-feeds.yml');
    writeFileSync(config, `settings:\n  allowPrivateNetworks: true\nfeeds:\n  - name: rss\n    url: ${feeds.url('/rss2.xml')}\n    extract: never\n`);
    server = await startServer({ paths: { config, db: join(dir, 'server.db') }, port: 0, host: '127.0.0.1', poll: false, logLevel: 'silent', announce: () => {} });
    const admin = await createUser(server.app.db, { name: 'admin', role: 'admin', password: 'admin secret password' }, { scrypt: FAST_SCRYPT });
    // Never used before the database turns read-only: its first use wants to record the time (and must not fail).
    token = createApiToken(server.app.db, admin.id, 'script');
    const [outcome] = await pollOnce(server.app.ingest);
    itemId = outcome!.newItemIds[0]!;
    server.app.db.pragma('query_only = ON');
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
    await feeds?.close();
  });

  it('answers a login with 503 and a sentence saying why (not a bare 500), without the path', async () => {
    const res = await login('admin secret password');
    expect(res.status).toBe(503);
    const page = await res.text();
    expect(page).toContain('prayerwire cannot save anything right now: its database is read-only (SQLITE_READONLY). Reading still works.');
    expect(page).not.toContain(server.app.db.name);
  });

  it('says so on /health: 503, degraded, the code and never the path', async () => {
    const res = await fetch(url('/health'));
    expect(res.status).toBe(503);
    const text = await res.text();
    expect(JSON.parse(text)).toMatchObject({ status: 'degraded', storage: { ok: false, code: 'SQLITE_READONLY', problem: 'read_only' } });
    expect(text).not.toContain(dir);
  });

  it('answers an API write with 503 JSON, and keeps serving reads', async () => {
    const auth = { authorization: `Bearer ${token}` };
    const write = await fetch(url('/api/items/dismiss'), { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ ids: [itemId] }) });
    expect(write.status).toBe(503);
    expect(await write.json()).toEqual({
      error: 'storage_unavailable',
      code: 'SQLITE_READONLY',
      message: expect.stringMatching(/^prayerwire cannot save anything right now: its database is read-only \(SQLITE_READONLY\)/),
    });
    const read = await fetch(url(`/api/items/${itemId}`), { headers: auth });
    expect(read.status).toBe(200);
    expect((await fetch(url('/'))).status).toBe(200);
    expect((await fetch(url('/feed.xml'))).status).toBe(200);
  });

  it('stays up, and is healthy again once the database takes writes', async () => {
    server.app.db.pragma('query_only = OFF');
    expect((await login('admin secret password')).status).toBe(303);
    const res = await fetch(url('/health'));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok', storage: { ok: true } });
  });
});
