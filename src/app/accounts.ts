/** The web's AccountsPort over the database: the accounts functions with `db` and the hashing cost bound. */
import {
  checkSetupToken, completeSetup, createSession, deleteSession, forgiveLoginAttempt, getSession, reserveLoginAttempt,
  verifyApiToken, verifyPassword, type HashOptions,
} from '../accounts/index.js';
import type { Db } from '../db/index.js';
import type { AccountsPort } from '../ports/index.js';

/** @param options password-hashing cost for new hashes (tests pass a cheap one; production leaves the default) */
export function createAccountsPort(db: Db, options: HashOptions = {}): AccountsPort {
  return {
    verifyApiToken: (token, now) => verifyApiToken(db, token, now),
    getSession: (token, now) => getSession(db, token, now),
    createSession: (userId, userAgent, now) => createSession(db, userId, userAgent, now),
    deleteSession: (token) => deleteSession(db, token),
    reserveLoginAttempt: (attempt, now, limits) => reserveLoginAttempt(db, attempt, now, limits),
    forgiveLoginAttempt: (attempt) => forgiveLoginAttempt(db, attempt),
    verifyPassword: (name, password) => verifyPassword(db, name, password, options),
    checkSetupToken: (token, now) => checkSetupToken(db, token, now),
    completeSetup: (token, input, now) => completeSetup(db, token, input, options, now),
  };
}
