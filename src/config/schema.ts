/** The shape of feeds.yml, as a zod schema: what is allowed is written once, here. */
import { z } from 'zod';
import { parseDuration } from './duration.js';
import { isCountryCode } from '../countries/index.js';

const duration = z
  .union([z.string(), z.number()])
  .refine((v) => parseDuration(v) !== null, { message: 'a duration such as 90s, 30m, 2h or 1d' })
  .transform((v) => parseDuration(v)!);

const httpUrl = z.string().refine(
  (v) => {
    try {
      const u = new URL(v);
      return u.protocol === 'http:' || u.protocol === 'https:';
    } catch {
      return false;
    }
  },
  { message: 'an absolute http:// or https:// URL' },
);

const countryCode = z
  .string()
  .transform((v) => v.trim().toUpperCase())
  .refine(isCountryCode, { message: 'an ISO 3166-1 alpha-2 country code such as KP, RU or NG (XK for Kosovo)' });

/** Scheduled backups: `backup: { every: 1d, keep: 14, dir: ./data/backups }`; leave it out for none. */
const backupSchema = z.strictObject({
  every: duration.default(86400),
  keep: z.int().min(1).max(10_000).default(14),
  /** Relative to the working directory, like --db; default: `backups` beside the database. */
  dir: z.string().trim().min(1).nullable().default(null),
});

/** One year: the max-age of `hsts: true`. */
const HSTS_YEAR_SEC = 365 * 86400;

/** `hsts`: false (default), true (one year), a max-age duration, or { maxAge, includeSubDomains }. */
const hsts = z
  .union([
    z.boolean(),
    duration,
    z.strictObject({ maxAge: duration, includeSubDomains: z.boolean().default(false) }),
  ])
  .transform((v) => {
    if (v === false) return null;
    if (v === true) return { maxAgeSec: HSTS_YEAR_SEC, includeSubDomains: false };
    if (typeof v === 'number') return { maxAgeSec: v, includeSubDomains: false };
    return { maxAgeSec: v.maxAge, includeSubDomains: v.includeSubDomains };
  });

/** `metricsListen: "127.0.0.1:9464"` (or `"[::1]:9464"`): a second address serving only /metrics and /healthz. */
const listenAddress = z
  .string()
  .trim()
  .refine((v) => parseListenAddress(v) !== null, { message: 'HOST:PORT such as 127.0.0.1:9464 (an IPv6 host in brackets: [::1]:9464)' })
  .transform((v) => parseListenAddress(v)!);

/** "host:port" (IPv6 in brackets) as { host, port }, or null when it is not one. */
export function parseListenAddress(value: string): { host: string; port: number } | null {
  const m = /^(?:\[([0-9a-fA-F:.]+)\]|([^\s:[\]/]+)):(\d{1,5})$/.exec(value);
  if (!m) return null;
  const port = Number(m[3]);
  if (port < 1 || port > 65535) return null;
  return { host: m[1] ?? m[2]!, port };
}

export const settingsSchema = z
  .strictObject({
    userAgent: z.string().min(3).default('prayerwire/0.1 (+https://github.com/prayerwire/prayerwire)'),
    interval: duration.default(1800),
    maxInterval: duration.default(86400),
    concurrency: z.int().min(1).max(64).default(8),
    perHost: z.int().min(1).max(8).default(2),
    allowPrivateNetworks: z.boolean().default(false),
    timeout: duration.default(30),
    maxFeedSize: z.int().min(1024).default(10 * 1024 * 1024),
    maxPageSize: z.int().min(1024).default(5 * 1024 * 1024),
    maxErrors: z.int().min(1).default(10),
    extractTimeout: duration.default(10),
    extractWorkers: z.int().min(0).max(32).default(0),
    websubHub: httpUrl.nullable().default(null),
    baseUrl: httpUrl.nullable().default(null),
    requireCountryAndNote: z.boolean().default(true),
    trustProxy: z.boolean().default(false),
    backup: backupSchema.nullable().default(null),
    hsts: hsts.prefault(false),
    metricsListen: listenAddress.nullable().default(null),
  })
  .prefault({});

export const feedSchema = z.strictObject({
  name: z.string().trim().min(1).max(120),
  url: httpUrl,
  kind: z.enum(['news', 'ministry']).default('news'),
  countries: z.array(countryCode).default([]),
  interval: duration.optional(),
  extract: z.enum(['auto', 'always', 'never']).default('auto'),
  republish: z.enum(['link', 'excerpt', 'full']).default('excerpt'),
  enabled: z.boolean().default(true),
});

export const fileSchema = z.strictObject({
  settings: settingsSchema,
  feeds: z.array(feedSchema).default([]),
});

export type FeedsFile = z.output<typeof fileSchema>;
