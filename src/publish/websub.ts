/**
 * WebSub publisher side: tell the hub which of our feeds changed, so subscribers get pushed the news instead of
 * polling. Call after publish, correct or retract with `feedUrlsForEntry(site, entry)`. The ping goes through the
 * one HTTP client (its limits, SSRF guard, deadlines), like every other outbound request.
 *
 * @example
 * await pingHub(http, site.websubHub!, feedUrlsForEntry(site, entry));
 */
import type { FetchErrorCode, HttpClient } from '../fetcher/index.js';

export { feedUrlsForEntry } from './feed-urls.js';

/** The hub's answer for one ping. */
export interface HubPingResult {
  ok: boolean;
  status: number | null;
  /** `'http_status'` when the hub answered something else than 2xx; otherwise the client's failure code. */
  error: { code: FetchErrorCode; message: string } | null;
}

export interface PingHubOptions {
  /** Milliseconds for the whole request. Default 10 s. */
  timeoutMs?: number;
}

/** A hub's answer is a status and a few words; anything bigger is cut (error bodies) or refused (2xx). */
const MAX_HUB_ANSWER_BYTES = 64 * 1024;

/**
 * POST `hub.mode=publish` with every topic as a `hub.url` (the form most hubs accept, repeated key), in one request.
 * Never throws: failures come back as data, the caller logs them. A 2xx is success (hubs answer 204 or 202).
 * Redirects are not followed (a hub that moved must be configured anew).
 */
export async function pingHub(http: Pick<HttpClient, 'fetch'>, hubUrl: string, topicUrls: string[], options: PingHubOptions = {}): Promise<HubPingResult> {
  const topics = [...new Set(topicUrls)];
  if (!topics.length) return { ok: true, status: null, error: null };
  const body = new URLSearchParams([['hub.mode', 'publish'], ...topics.map((t): [string, string] => ['hub.url', t])]);
  const res = await http.fetch(hubUrl, {
    method: 'POST',
    body: body.toString(),
    contentType: 'application/x-www-form-urlencoded',
    accept: '*/*',
    maxRedirects: 0,
    maxBytes: MAX_HUB_ANSWER_BYTES,
    timeoutMs: options.timeoutMs ?? 10_000,
  });
  if (!res.ok) return { ok: false, status: res.status ?? null, error: { code: res.code, message: res.message } };
  if (res.status >= 200 && res.status < 300) return { ok: true, status: res.status, error: null };
  return { ok: false, status: res.status, error: { code: 'http_status', message: `hub answered ${res.status}` } };
}
