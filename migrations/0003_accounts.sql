-- Accounts for the curators' workspace: users, browser sessions, API tokens, login rate limiting and the one-time
-- first-admin setup link. Secrets are never stored: sessions, API tokens and setup tokens keep only the SHA-256 of
-- the random token the client holds. All times are UTC ISO 8601 strings (strftime('%Y-%m-%dT%H:%M:%fZ')).

CREATE TABLE users (
  id            INTEGER PRIMARY KEY,
  name          TEXT NOT NULL UNIQUE COLLATE NOCASE,  -- 2-40 chars of [a-z0-9._-], stored lower case
  role          TEXT NOT NULL CHECK (role IN ('admin', 'curator')),
  password_hash TEXT NOT NULL,                         -- scrypt$N$r$p$salt$hash (base64url salt and hash)
  created_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  updated_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  disabled_at   TEXT                                   -- NULL = active; a disabled user cannot log in or use tokens
);

CREATE TABLE sessions (
  id           TEXT PRIMARY KEY,                       -- hex SHA-256 of the cookie's random token
  user_id      INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at   TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,
  expires_at   TEXT NOT NULL,                          -- slides forward on use
  csrf_secret  TEXT NOT NULL,                          -- the token forms and X-CSRF-Token must carry
  user_agent   TEXT
);
CREATE INDEX sessions_user ON sessions (user_id);
CREATE INDEX sessions_expires ON sessions (expires_at);

CREATE TABLE api_tokens (
  id           INTEGER PRIMARY KEY,
  user_id      INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  token_hash   TEXT NOT NULL UNIQUE,                   -- hex SHA-256 of the pw_... token
  label        TEXT NOT NULL DEFAULT '',
  created_at   TEXT NOT NULL,
  last_used_at TEXT,
  revoked_at   TEXT
);
CREATE INDEX api_tokens_user ON api_tokens (user_id);

-- Fixed-window counters of failed logins; key is 'ip:ADDRESS' or 'name:NAME'.
CREATE TABLE login_attempts (
  key          TEXT PRIMARY KEY,
  window_start TEXT NOT NULL,
  count        INTEGER NOT NULL
);
CREATE INDEX login_attempts_window ON login_attempts (window_start);

CREATE TABLE setup_tokens (
  id         INTEGER PRIMARY KEY,
  token_hash TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  used_at    TEXT
);
