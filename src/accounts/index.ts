/**
 * Accounts for the curators' workspace: users and passwords, browser sessions, API tokens, login rate limits and
 * the first-admin setup link. This folder holds the rules (hashing, tokens, expiry, lockout, validation); the SQL is
 * in `store/` (users, sessions, api-tokens, login-attempts, setup-tokens), and statements that must go together run
 * in the db's `inTransaction` here. Functions take `db` first and an optional `now` (ms) last, for tests.
 */
export { AccountError, type AccountErrorCode } from './errors.js';
export {
  hashPassword, verifyPasswordHash, needsRehash, DEFAULT_SCRYPT, MIN_PASSWORD_LENGTH, MAX_PASSWORD_LENGTH,
  type ScryptParams, type HashOptions,
} from './password.js';
export {
  createUser, verifyPassword, listUsers, setPassword, disableUser, enableUser, getUserByName, getActiveUser, countUsers,
  normalizeUserName, checkPassword, ROLES, type AuthUser, type Role, type UserSummary, type NewUser, type VerifyResult,
} from './users.js';
export {
  createSession, getSession, deleteSession, deleteUserSessions, pruneSessions, SESSION_TTL_MS, type Session,
} from './sessions.js';
export { createApiToken, verifyApiToken, listApiTokens, revokeApiToken, revokeUserApiTokens, API_TOKEN_PREFIX, type ApiTokenInfo } from './api-tokens.js';
export {
  checkLoginAllowed, recordLoginFailure, clearLoginFailures, reserveLoginAttempt, forgiveLoginAttempt, DEFAULT_LOGIN_LIMITS, type LoginLimits, type LoginAttempt, type LoginCheck,
} from './login-limits.js';
export { ensureSetupLink, checkSetupToken, completeSetup, SETUP_TTL_MS, type SetupTokenState } from './setup.js';
