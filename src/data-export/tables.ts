/**
 * What export-data writes: every table that holds curators' work or what it is about, in an order that satisfies
 * the foreign keys on import. Left out, on purpose:
 * - sessions, login_attempts, setup_tokens: short-lived security state (a restored session would be a stolen one);
 *   people log in again, an admin makes a new setup link.
 * - api_tokens: only with --with-secrets (their hashes are credentials); otherwise integrations get new tokens.
 * - schema_migrations: the header carries the schema instead; the importing database has its own.
 * - items_fts: the full-text index, rebuilt from items by its triggers as items are inserted.
 */
export interface DataTable {
  /** The `type` of its lines. */
  type: string;
  table: string;
  /** Key columns: rows are written in this order. */
  orderBy: string[];
  /** Written only with --with-secrets. */
  secret?: boolean;
  /** Columns written only with --with-secrets. */
  secretColumns?: string[];
  /** The migrations seed a row of it: an imported row replaces it (and it does not make a database non-empty). */
  seeded?: boolean;
}

export const DATA_TABLES: readonly DataTable[] = [
  { type: 'feed', table: 'feeds', orderBy: ['id'] },
  { type: 'item', table: 'items', orderBy: ['id'] },
  { type: 'item_source', table: 'item_sources', orderBy: ['feed_id', 'entry_key'] },
  { type: 'item_country', table: 'item_countries', orderBy: ['item_id', 'code'] },
  { type: 'country_suggestion', table: 'item_country_suggestions', orderBy: ['item_id', 'code'] },
  { type: 'prayer_note', table: 'prayer_notes', orderBy: ['item_id'] },
  { type: 'publication', table: 'publications', orderBy: ['item_id'] },
  { type: 'audit', table: 'audit_log', orderBy: ['id'] },
  { type: 'curated_version', table: 'curated_version', orderBy: ['id'], seeded: true },
  { type: 'user', table: 'users', orderBy: ['id'], secretColumns: ['password_hash'] },
  { type: 'api_token', table: 'api_tokens', orderBy: ['id'], secret: true },
];

/** Tables export-data leaves out, and why (see above). */
export const SKIPPED_TABLES: Readonly<Record<string, string>> = {
  sessions: 'browser sessions: short-lived, and a copied one would be a stolen one',
  login_attempts: 'rate-limit counters: short-lived',
  setup_tokens: 'one-time first-admin links',
  schema_migrations: 'the header carries the schema',
};

/** The first line's `format`, and the version of this layout. */
export const DATA_FORMAT = 'prayerwire-data';
export const DATA_FORMAT_VERSION = 1;

/**
 * Stored as the password of a user imported without one: no password matches it (it is not a scrypt hash), so
 * they log in only after `prayerwire user passwd NAME`.
 */
export const NO_PASSWORD = '!no-password-imported';
