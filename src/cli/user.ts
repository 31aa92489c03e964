/**
 * `prayerwire user …` and `prayerwire token …`: accounts for the curators' workspace from the command line.
 * Passwords come from a hidden terminal prompt (asked twice) or, with --password-stdin, from the first line of
 * standard input; they never appear in arguments, output or shell history.
 */
import type { Readable, Writable } from 'node:stream';
import {
  AccountError, clearLoginFailures, createApiToken, createUser, disableUser, enableUser, getUserByName, listApiTokens, listUsers, normalizeUserName,
  revokeApiToken, setPassword, ROLES, type HashOptions, type Role,
} from '../accounts/index.js';
import { openStore } from '../app/index.js';
import type { Db } from '../db/index.js';
import { parseCommand, parsePositiveInt, resolvePaths, UsageError, type Env } from './args.js';
import { formatTable } from './format-table.js';
import type { CommandIo } from './io.js';
import type { Commands } from './command.js';

export const userUsage = `prayerwire user add NAME --role admin|curator [--password-stdin]
prayerwire user list [--json]
prayerwire user passwd NAME [--password-stdin]
prayerwire user unlock NAME   (after too many failed logins for that name)
prayerwire user disable NAME | enable NAME
  Workspace accounts (readers need none). The password is asked twice on the terminal, or read as one line
  from standard input with --password-stdin. passwd and disable end the user's sessions and revoke their API tokens.`;

export const tokenUsage = `prayerwire token create --user NAME [--label TEXT]
prayerwire token list [--user NAME] [--json]
prayerwire token revoke ID
  API tokens (pw_…) act as their user with "Authorization: Bearer TOKEN"; create prints the token once.`;

/** What the commands read passwords from; tests pass a stream and a cheap scrypt cost. */
export interface AccountCommandDeps extends HashOptions {
  stdin?: Readable & { isTTY?: boolean; setRawMode?: (raw: boolean) => unknown; isRaw?: boolean };
  /** Where the hidden prompt is written (default stderr). */
  prompt?: Writable;
}

const MAX_STDIN = 64 * 1024;

/** The first line of a stream (without its line ending). */
async function readFirstLine(stream: Readable): Promise<string> {
  let text = '';
  for await (const chunk of stream) {
    text += typeof chunk === 'string' ? chunk : (chunk as Buffer).toString('utf8');
    const newline = text.search(/\r?\n/);
    if (newline >= 0) return text.slice(0, newline);
    if (text.length > MAX_STDIN) throw new UsageError('--password-stdin: expected one line on standard input');
  }
  return text;
}

/** Reads a line from a terminal without echoing it. */
function promptHidden(question: string, stdin: NonNullable<AccountCommandDeps['stdin']>, out: Writable): Promise<string> {
  return new Promise((resolve, reject) => {
    out.write(question);
    const wasRaw = stdin.isRaw ?? false;
    stdin.setRawMode?.(true);
    stdin.setEncoding('utf8');
    stdin.resume();
    let value = '';
    const finish = (rest: string, error?: Error) => {
      stdin.off('data', onData);
      stdin.setRawMode?.(wasRaw);
      stdin.pause();
      // Keys typed (or pasted) after Enter belong to the next prompt.
      if (rest) stdin.unshift(rest);
      out.write('\n');
      if (error) reject(error);
      else resolve(value);
    };
    function onData(chunk: string) {
      const chars = [...chunk];
      for (const [i, ch] of chars.entries()) {
        const rest = () => chars.slice(i + 1).join('').replace(/^\n/, '');
        if (ch === '\r' || ch === '\n') return finish(rest());
        if (ch === '\u0003' || (ch === '\u0004' && !value)) return finish('', new UsageError('cancelled'));
        if (ch === '\u007f' || ch === '\b') value = [...value].slice(0, -1).join('');
        else if (ch >= ' ') value += ch;
      }
      return undefined;
    }
    stdin.on('data', onData);
  });
}

/** The new password for `name`: from stdin with --password-stdin, else asked twice on the terminal. */
async function readNewPassword(name: string, fromStdin: boolean | undefined, deps: AccountCommandDeps): Promise<string> {
  const stdin = deps.stdin ?? process.stdin;
  if (fromStdin) return readFirstLine(stdin);
  if (!stdin.isTTY) throw new UsageError('no terminal to ask for the password: pipe it in with --password-stdin');
  const out = deps.prompt ?? process.stderr;
  const first = await promptHidden(`New password for ${name} (at least 10 characters): `, stdin, out);
  const second = await promptHidden('Same password again: ', stdin, out);
  if (first !== second) throw new AccountError('weak_password', 'The two passwords differ; nothing was changed.');
  return first;
}

function withDb<T>(values: { config?: string; db?: string }, env: Env, fn: (db: Db) => Promise<T> | T): Promise<T> {
  const db = openStore(resolvePaths(values, env).db);
  return Promise.resolve()
    .then(() => fn(db))
    .finally(() => db.close());
}

/** Runs fn; an AccountError becomes its message on stderr and exit code 1. */
async function reportingAccountErrors(io: CommandIo, fn: () => Promise<number>): Promise<number> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof AccountError) return io.err(err.message), 1;
    throw err;
  }
}

const day = (iso: string | null) => (iso ? iso.slice(0, 16).replace('T', ' ') : '');

const tokens = (n: number): string => `${n} API token${n === 1 ? '' : 's'}`;

/** `prayerwire user add|list|passwd|unlock|disable|enable`. */
export async function userCommand(argv: string[], env: Env, io: CommandIo, deps: AccountCommandDeps = {}): Promise<number> {
  const { values, positionals } = parseCommand(
    argv,
    { role: { type: 'string' }, 'password-stdin': { type: 'boolean' }, json: { type: 'boolean' } },
    true,
  );
  if (values.help) return io.out(userUsage), 0;
  const [action, name, ...extra] = positionals;
  if (extra.length) throw new UsageError(`unexpected arguments: ${extra.join(' ')}`);
  const needName = () => {
    if (!name) throw new UsageError(`user ${action} needs a NAME`);
    return name;
  };
  const hashOptions: HashOptions = deps.scrypt ? { scrypt: deps.scrypt } : {};
  return reportingAccountErrors(io, async () => {
    switch (action) {
      case 'add': {
        const userName = needName();
        if (!values.role || !ROLES.includes(values.role as Role)) throw new UsageError('user add needs --role admin or --role curator');
        normalizeUserName(userName);
        return withDb(values, env, async (db) => {
          if (getUserByName(db, userName)) throw new AccountError('name_taken', `There is already a user named "${userName.trim().toLowerCase()}".`);
          const password = await readNewPassword(userName, values['password-stdin'], deps);
          const user = await createUser(db, { name: userName, role: values.role as Role, password }, hashOptions);
          io.out(`Created ${user.role} "${user.name}". They can log in at /login.`);
          return 0;
        });
      }
      case 'list':
        return withDb(values, env, (db) => {
          const users = listUsers(db);
          if (values.json) return io.out(JSON.stringify(users, null, 2)), 0;
          if (!users.length) return io.out('No users yet: `prayerwire user add NAME --role admin` creates the first admin.'), 0;
          const rows = users.map((u) => [u.name, u.role, u.disabledAt ? `disabled ${day(u.disabledAt)}` : 'active', day(u.createdAt), day(u.lastSeenAt) || 'never']);
          io.out(formatTable(['name', 'role', 'status', 'created', 'last seen'], rows));
          return 0;
        });
      case 'passwd': {
        const userName = needName();
        return withDb(values, env, async (db) => {
          if (!getUserByName(db, userName)) throw new AccountError('not_found', `There is no user named "${userName}".`);
          const password = await readNewPassword(userName, values['password-stdin'], deps);
          const revoked = await setPassword(db, userName, password, hashOptions);
          io.out(`Password of "${userName.trim().toLowerCase()}" changed; their sessions were ended and ${tokens(revoked)} revoked.`);
          return 0;
        });
      }
      case 'unlock': {
        const userName = needName();
        return withDb(values, env, (db) => {
          if (!getUserByName(db, userName)) throw new AccountError('not_found', `There is no user named "${userName}".`);
          clearLoginFailures(db, userName);
          io.out(`Cleared the failed-login count of "${userName.trim().toLowerCase()}": they can sign in again at once.`);
          return 0;
        });
      }
      case 'disable':
      case 'enable': {
        const userName = needName();
        return withDb(values, env, (db) => {
          const revoked = action === 'disable' ? disableUser(db, userName) : (enableUser(db, userName), 0);
          const normalized = userName.trim().toLowerCase();
          io.out(action === 'disable' ? `Disabled "${normalized}": sessions ended, ${tokens(revoked)} revoked.` : `Enabled "${normalized}".`);
          return 0;
        });
      }
      default:
        throw new UsageError(action ? `unknown user action "${action}"` : 'user needs an action: add, list, passwd, unlock, disable or enable');
    }
  });
}

/** `prayerwire token create|list|revoke`. */
export async function tokenCommand(argv: string[], env: Env, io: CommandIo): Promise<number> {
  const { values, positionals } = parseCommand(argv, { user: { type: 'string' }, label: { type: 'string' }, json: { type: 'boolean' } }, true);
  if (values.help) return io.out(tokenUsage), 0;
  const [action, arg, ...extra] = positionals;
  if (extra.length || (arg && action !== 'revoke')) throw new UsageError(`unexpected arguments: ${[arg, ...extra].join(' ')}`);
  return reportingAccountErrors(io, async () => {
    switch (action) {
      case 'create': {
        if (!values.user) throw new UsageError('token create needs --user NAME');
        const userName = values.user;
        return withDb(values, env, (db) => {
          const user = getUserByName(db, userName);
          if (!user) throw new AccountError('not_found', `There is no user named "${userName}".`);
          if (user.disabledAt) return io.err(`"${user.name}" is disabled; enable them first.`), 1;
          const token = createApiToken(db, user.id, values.label ?? '');
          io.err(`API token for ${user.role} "${user.name}"${values.label ? ` (${values.label.trim()})` : ''}. It is shown only this once:`);
          io.out(token);
          io.err('Send it as "Authorization: Bearer <token>". Revoke with `prayerwire token revoke ID` (`prayerwire token list` shows IDs).');
          return 0;
        });
      }
      case 'list':
        return withDb(values, env, (db) => {
          let userId: number | undefined;
          if (values.user) {
            const user = getUserByName(db, values.user);
            if (!user) throw new AccountError('not_found', `There is no user named "${values.user}".`);
            userId = user.id;
          }
          const tokens = listApiTokens(db, userId);
          if (values.json) return io.out(JSON.stringify(tokens, null, 2)), 0;
          if (!tokens.length) return io.out('No API tokens.'), 0;
          const rows = tokens.map((t) => [t.id, t.userName, t.label, day(t.createdAt), day(t.lastUsedAt) || 'never', t.revokedAt ? `revoked ${day(t.revokedAt)}` : 'active']);
          io.out(formatTable(['id', 'user', 'label', 'created', 'last used', 'status'], rows));
          return 0;
        });
      case 'revoke': {
        const id = parsePositiveInt(arg, 'ID');
        if (!id) throw new UsageError('token revoke needs the token ID (see `prayerwire token list`)');
        return withDb(values, env, (db) => {
          if (!revokeApiToken(db, id)) return io.err(`No active API token #${id}.`), 1;
          io.out(`Revoked API token #${id}.`);
          return 0;
        });
      }
      default:
        throw new UsageError(action ? `unknown token action "${action}"` : 'token needs an action: create, list or revoke');
    }
  });
}

/** The commands of this module, for the dispatcher (src/cli/index.ts). */
export const userCommands: Commands = {
  user: { run: userCommand, usage: userUsage },
  token: { run: tokenCommand, usage: tokenUsage },
};
