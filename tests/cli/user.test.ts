import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { beforeEach, describe, expect, it } from 'vitest';
import { verifyApiToken, verifyPassword } from '../../src/accounts/index.js';
import { tokenCommand, userCommand } from '../../src/cli/user.js';
import type { CommandIo } from '../../src/cli/io.js';
import { openDatabase } from '../../src/db/index.js';
import { FAST_SCRYPT } from '../accounts/helpers.js';

let dbFile: string;
let out: string[];
let err: string[];
let io: CommandIo;
beforeEach(() => {
  dbFile = join(mkdtempSync(join(tmpdir(), 'pw-cli-user-')), 'test.db');
  out = [];
  err = [];
  io = { out: (t) => void out.push(t), err: (t) => void err.push(t), isTTY: false };
});

const env = () => ({ PRAYERWIRE_DB: dbFile });
const stdin = (text: string) => ({ stdin: Readable.from([text]), scrypt: FAST_SCRYPT });
const user = (argv: string[], input = '') => userCommand(argv, env(), io, stdin(input));
const withDb = <T>(fn: (db: ReturnType<typeof openDatabase>) => T): T => {
  const db = openDatabase(dbFile);
  try {
    return fn(db);
  } finally {
    db.close();
  }
};

describe('prayerwire user', () => {
  it('adds a user with --password-stdin (first line only) and lists them', async () => {
    expect(await user(['add', 'Alice', '--role', 'admin', '--password-stdin'], 'alice secret pass\nignored\n')).toBe(0);
    expect(out.pop()).toBe('Created admin "alice". They can log in at /login.');
    expect(await withDb((db) => verifyPassword(db, 'alice', 'alice secret pass', { scrypt: FAST_SCRYPT }))).toMatchObject({ ok: true });
    expect(await user(['list'])).toBe(0);
    expect(out.pop()).toMatch(/^name\s+role\s+status\s+created\s+last seen\n[- ]+\nalice\s+admin\s+active\s+\d{4}-\d\d-\d\d \d\d:\d\d\s+never$/);
    expect(await user(['list', '--json'])).toBe(0);
    expect(JSON.parse(out.pop()!)).toEqual([expect.objectContaining({ name: 'alice', role: 'admin', disabledAt: null })]);
  });

  it('reports account errors as messages with exit code 1', async () => {
    expect(await user(['add', 'bob', '--role', 'curator', '--password-stdin'], 'short\n')).toBe(1);
    expect(err.pop()).toContain('at least 10 characters');
    expect(await user(['add', 'b', '--role', 'curator', '--password-stdin'], 'long enough pw\n')).toBe(1);
    expect(err.pop()).toContain('2 to 40 characters');
    await user(['add', 'bob', '--role', 'curator', '--password-stdin'], 'long enough pw\n');
    expect(await user(['add', 'BOB', '--role', 'curator', '--password-stdin'], 'long enough pw\n')).toBe(1);
    expect(err.pop()).toBe('There is already a user named "bob".');
    expect(await user(['passwd', 'nobody', '--password-stdin'], 'long enough pw\n')).toBe(1);
    expect(await user(['disable', 'nobody'])).toBe(1);
  });

  it('needs a role, a name and a known action (usage errors)', async () => {
    await expect(user(['add', 'carl', '--password-stdin'], 'long enough pw\n')).rejects.toMatchObject({ code: 'usage' });
    await expect(user(['add', 'carl', '--role', 'owner'])).rejects.toMatchObject({ code: 'usage' });
    await expect(user(['passwd'])).rejects.toMatchObject({ code: 'usage' });
    await expect(user(['frobnicate'])).rejects.toMatchObject({ code: 'usage' });
    await expect(user([])).rejects.toMatchObject({ code: 'usage' });
  });

  it('refuses to prompt without a terminal', async () => {
    await expect(user(['add', 'dan', '--role', 'curator'])).rejects.toThrow(/--password-stdin/);
  });

  it('asks twice on a terminal without echo, and refuses different answers', async () => {
    const terminal = Object.assign(new PassThrough(), { isTTY: true, isRaw: false, rawModes: [] as boolean[], setRawMode(raw: boolean) { terminal.rawModes.push(raw); terminal.isRaw = raw; } });
    const prompt = new PassThrough();
    let shown = '';
    const answers: string[] = [];
    // Answer each prompt when it appears, as a person would.
    prompt.on('data', (d) => {
      shown += d;
      if (String(d).endsWith(': ') && answers.length) terminal.write(answers.shift()!);
    });
    answers.push('eve secret passX\u007f\r', 'eve secret pass\r');
    const run = userCommand(['add', 'eve', '--role', 'curator'], env(), io, { stdin: terminal, prompt, scrypt: FAST_SCRYPT });
    expect(await run).toBe(0);
    expect(shown).toContain('New password for eve');
    expect(shown).toContain('Same password again');
    expect(shown).not.toContain('secret');
    expect(terminal.rawModes).toEqual([true, false, true, false]);

    // Both lines pasted at once: the second belongs to the second prompt.
    answers.push('one password here\ranother password\r');
    shown = '';
    const second = userCommand(['passwd', 'eve'], env(), io, { stdin: terminal, prompt, scrypt: FAST_SCRYPT });
    expect(await second).toBe(1);
    expect(err.pop()).toContain('differ');
  });

  it('passwd changes the password and ends sessions; disable and enable', async () => {
    await user(['add', 'fay', '--role', 'curator', '--password-stdin'], 'fay first password\n');
    expect(await user(['passwd', 'FAY', '--password-stdin'], 'fay second password\n')).toBe(0);
    expect(out.pop()).toBe('Password of "fay" changed; their sessions were ended and 0 API tokens revoked.');
    expect(await withDb((db) => verifyPassword(db, 'fay', 'fay second password', { scrypt: FAST_SCRYPT }))).toMatchObject({ ok: true });
    expect(await user(['disable', 'fay'])).toBe(0);
    expect(await withDb((db) => verifyPassword(db, 'fay', 'fay second password', { scrypt: FAST_SCRYPT }))).toEqual({ ok: false, reason: 'disabled' });
    await user(['list']);
    expect(out.pop()).toMatch(/fay\s+curator\s+disabled \d{4}/);
    expect(await user(['enable', 'fay'])).toBe(0);
    expect(await withDb((db) => verifyPassword(db, 'fay', 'fay second password', { scrypt: FAST_SCRYPT }))).toMatchObject({ ok: true });
  });

  it("passwd and disable revoke the user's API tokens and say how many", async () => {
    await user(['add', 'gil', '--role', 'curator', '--password-stdin'], 'gil first password\n');
    await tokenCommand(['create', '--user', 'gil'], env(), io);
    const first = out.pop()!;
    await tokenCommand(['create', '--user', 'gil', '--label', 'second'], env(), io);
    const second = out.pop()!;
    expect(withDb((db) => verifyApiToken(db, first))).toMatchObject({ name: 'gil' });
    expect(await user(['passwd', 'gil', '--password-stdin'], 'gil second password\n')).toBe(0);
    expect(out.pop()).toBe('Password of "gil" changed; their sessions were ended and 2 API tokens revoked.');
    expect(withDb((db) => [verifyApiToken(db, first), verifyApiToken(db, second)])).toEqual([null, null]);
    await tokenCommand(['create', '--user', 'gil'], env(), io);
    const third = out.pop()!;
    expect(await user(['disable', 'gil'])).toBe(0);
    expect(out.pop()).toBe('Disabled "gil": sessions ended, 1 API token revoked.');
    await user(['enable', 'gil']);
    expect(withDb((db) => verifyApiToken(db, third))).toBeNull();
  });
});

describe('prayerwire token', () => {
  it('creates a token printed once on stdout, lists it without the secret, revokes it', async () => {
    await user(['add', 'gil', '--role', 'curator', '--password-stdin'], 'gil secret pass\n');
    out = [];
    expect(await tokenCommand(['create', '--user', 'gil', '--label', 'newsletter'], env(), io)).toBe(0);
    expect(out).toHaveLength(1);
    const token = out.pop()!;
    expect(token).toMatch(/^pw_[A-Za-z0-9_-]{43}$/);
    expect(err.join('\n')).toContain('shown only this once');
    expect(withDb((db) => verifyApiToken(db, token))).toMatchObject({ name: 'gil' });

    expect(await tokenCommand(['list'], env(), io)).toBe(0);
    const listing = out.pop()!;
    expect(listing).toMatch(/1\s+gil\s+newsletter/);
    expect(listing).not.toContain(token.slice(3, 20));
    expect(await tokenCommand(['revoke', '1'], env(), io)).toBe(0);
    expect(withDb((db) => verifyApiToken(db, token))).toBeNull();
    expect(await tokenCommand(['revoke', '1'], env(), io)).toBe(1);
    await tokenCommand(['list', '--json', '--user', 'gil'], env(), io);
    expect(JSON.parse(out.pop()!)).toEqual([expect.objectContaining({ id: 1, userName: 'gil', revokedAt: expect.any(String) })]);
  });

  it('refuses unknown and disabled users, and missing --user', async () => {
    expect(await tokenCommand(['create', '--user', 'nobody'], env(), io)).toBe(1);
    await user(['add', 'hu', '--role', 'curator', '--password-stdin'], 'hu secret pass\n');
    await user(['disable', 'hu']);
    expect(await tokenCommand(['create', '--user', 'hu'], env(), io)).toBe(1);
    expect(err.pop()).toContain('disabled');
    await expect(tokenCommand(['create'], env(), io)).rejects.toMatchObject({ code: 'usage' });
    await expect(tokenCommand(['revoke', 'abc'], env(), io)).rejects.toMatchObject({ code: 'usage' });
  });
});
