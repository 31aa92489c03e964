/** Plain types for configured feeds and settings. No I/O here. */

export type FeedKind = 'news' | 'ministry';
export type ExtractPolicy = 'auto' | 'always' | 'never';
export type RepublishPolicy = 'link' | 'excerpt' | 'full';

/** One entry of `feeds:` in feeds.yml, after validation and defaults. */
export interface FeedConfig {
  name: string;
  url: string;
  kind: FeedKind;
  /** ISO 3166-1 alpha-2 codes, upper case. */
  countries: string[];
  /** Poll interval in seconds. */
  intervalSec: number;
  extract: ExtractPolicy;
  republish: RepublishPolicy;
  enabled: boolean;
}

/** `settings:` in feeds.yml, after validation and defaults. */
export interface Settings {
  userAgent: string;
  /** Default poll interval in seconds. */
  intervalSec: number;
  /** Longest interval a feed's ttl / sy:updatePeriod / max-age may stretch polling to, in seconds. */
  maxIntervalSec: number;
  /** Feeds fetched at once, all hosts together. */
  concurrency: number;
  /** Requests at once to one host. */
  perHost: number;
  /** Allow fetching from loopback and private networks (off by default: SSRF guard). */
  allowPrivateNetworks: boolean;
  /** Total time for one request, in milliseconds. */
  timeoutMs: number;
  /** Largest decompressed feed body, in bytes. */
  maxFeedBytes: number;
  /** Largest decompressed article page, in bytes. */
  maxPageBytes: number;
  /** Consecutive failures after which a feed is polled only at maxIntervalSec. */
  maxErrors: number;
  /** Extraction deadline per page in milliseconds. */
  extractTimeoutMs: number;
  /** Extraction workers; 0 means one per core. */
  extractWorkers: number;
  /** WebSub hub to ping when curated feeds change. */
  websubHub: string | null;
  /** Public base URL of this server, used in feed ids and links. */
  baseUrl: string | null;
  /** Publishing requires at least one country and a prayer note. */
  requireCountryAndNote: boolean;
  /** Behind a reverse proxy: honour X-Forwarded-Proto/-Host/-For (never when clients can reach the server directly). */
  trustProxy: boolean;
  /** Scheduled backups of the database; null = none. */
  backup: BackupSettings | null;
  /** Strict-Transport-Security sent on https requests (direct TLS, or X-Forwarded-Proto with trustProxy); null: none. */
  hsts: HstsPolicy | null;
  /** A second address serving only /metrics and /healthz, without login (read at start); null: none. */
  metricsListen: { host: string; port: number } | null;
}

/** `settings.backup` in feeds.yml, after validation and defaults. */
export interface BackupSettings {
  /** Seconds between backups. */
  everySec: number;
  /** How many scheduled backups to keep (the newest). */
  keep: number;
  /** Where they go; null = `backups` beside the database file. */
  dir: string | null;
}

/** `settings.hsts` after validation. */
export interface HstsPolicy {
  maxAgeSec: number;
  includeSubDomains: boolean;
}

export interface Config {
  /** Absolute path of the file this was read from. */
  file: string;
  settings: Settings;
  feeds: FeedConfig[];
}
