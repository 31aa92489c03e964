/**
 * What the web's login, setup and session middleware need from the accounts: every call already bound to the
 * database (and to the password-hashing cost) by the composition root (src/app/accounts.ts). `now` is in ms.
 */
import type { AuthUser, LoginAttempt, LoginCheck, LoginLimits, Session, SetupTokenState, VerifyResult } from '../accounts/index.js';

export interface AccountsPort {
  /** The user behind an API token (`pw_…`), or null when unknown, revoked or disabled. */
  verifyApiToken(token: string, now: number): AuthUser | null;
  /** The session behind a cookie token, or null; `renewed` when its expiry slid forward. */
  getSession(token: string, now: number): Session | null;
  createSession(userId: number, userAgent: string | null, now: number): { token: string };
  deleteSession(token: string): void;
  /** Counts a login attempt before the slow password check; refused when over a limit. */
  reserveLoginAttempt(attempt: LoginAttempt, now: number, limits: LoginLimits): LoginCheck;
  /** Takes back the attempt of a login that succeeded. */
  forgiveLoginAttempt(attempt: LoginAttempt): void;
  verifyPassword(name: string, password: string): Promise<VerifyResult>;
  checkSetupToken(token: string, now: number): SetupTokenState;
  /** Creates the first admin with a valid setup token (AccountError otherwise). */
  completeSetup(token: string, input: { name: string; password: string }, now: number): Promise<AuthUser>;
}
