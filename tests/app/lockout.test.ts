/**
 * Nobody can lock the newsroom out (issue 11, defect 1): the real server counts failed logins per client address
 * (the socket's, over real HTTP from several loopback addresses) and per account, so wrong passwords from one
 * address or against one account leave every other person able to sign in; and an admin can clear a lock from the CLI.
 */
import { request } from 'node:http';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../src/accounts/index.js';
import { startServer, type RunningServer } from '../../src/app/server.js';
import { main } from '../../src/cli/index.js';
import { FAST_SCRYPT } from '../accounts/helpers.js';

let server: RunningServer;
let paths: { config: string; db: string };

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'pw-lockout-'));
  paths = { config: join(dir, 'feeds.yml'), db: join(dir, 'lockout.db') };
  writeFileSync(paths.config, 'feeds: []\n');
  server = await startServer({ paths, port: 0, host: '127.0.0.1', poll: false, logLevel: 'silent', announce: () => {} });
  await createUser(server.app.db, { name: 'admin', role: 'admin', password: 'admin secret password' }, { scrypt: FAST_SCRYPT });
  await createUser(server.app.db, { name: 'dee', role: 'curator', password: 'dee secret password' }, { scrypt: FAST_SCRYPT });
}, 60_000);
afterAll(async () => {
  await server?.stop();
});

/** POST /login from a given loopback source address (127.0.0.0/8 all reach a server bound to 127.0.0.1). */
function login(from: string, name: string, password: string): Promise<number> {
  const body = new URLSearchParams({ name, password }).toString();
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: server.port,
        localAddress: from,
        method: 'POST',
        path: '/login',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body), origin: `http://127.0.0.1:${server.port}` },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe('failed logins over real HTTP', () => {
  it('limit the address they come from, not the whole site', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 22; i++) statuses.push(await login('127.0.0.2', `guess${i}`, 'wrong wrong wrong'));
    expect(statuses.slice(0, 20).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(20)).toEqual([429, 429]);
    // Another address, the admin's right password: in.
    expect(await login('127.0.0.3', 'admin', 'admin secret password')).toBe(303);
    expect(await login('127.0.0.3', 'dee', 'dee secret password')).toBe(303);
  });

  it('limit the account they target, not the other accounts', async () => {
    for (let i = 0; i < 5; i++) expect(await login('127.0.0.4', 'dee', 'wrong wrong wrong')).toBe(401);
    expect(await login('127.0.0.5', 'dee', 'dee secret password')).toBe(429);
    expect(await login('127.0.0.5', 'admin', 'admin secret password')).toBe(303);
  });

  it('can be cleared by an admin from the command line', async () => {
    const out: string[] = [];
    const io = { out: (t: string) => void out.push(t), err: (t: string) => void out.push(t), readStdin: () => Promise.resolve('') };
    const code = await main(['user', 'unlock', 'dee', '--db', paths.db, '--config', paths.config], {}, io as never);
    expect(out.join('\n')).toMatch(/dee/);
    expect(code).toBe(0);
    expect(await login('127.0.0.5', 'dee', 'dee secret password')).toBe(303);
  });
});
