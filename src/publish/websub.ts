/**
 * WebSub publisher side: tell the hub which of our feeds changed, so subscribers get pushed the news instead of
 * polling. Call after publish, correct or retract with `feedUrlsForEntry(site, entry)`.
 *
 * @example
 * await pingHub(site.websubHub!, feedUrlsForEntry(site, entry));
 */
export { feedUrlsForEntry } from './feed-urls.js';

/** The hub's answer for one ping. */
export interface HubPingResult {
  ok: boolean;
  status: number | null;
  /** Set when the request failed before a status: `'network'` or `'timeout'`. */
  error: { code: 'network' | 'timeout' | 'http_status'; message: string } | null;
}

export interface PingHubOptions {
  /** Milliseconds for the whole request. Default 10 s. */
  timeoutMs?: number;
}

/**
 * POST `hub.mode=publish` with every topic as a `hub.url` (the form most hubs accept, repeated key), in one request.
 * Never throws: failures come back as data, the caller logs them. A 2xx is success (hubs answer 204 or 202).
 */
export async function pingHub(
  hubUrl: string,
  topicUrls: string[],
  fetchImpl: typeof fetch = fetch,
  options: PingHubOptions = {},
): Promise<HubPingResult> {
  const topics = [...new Set(topicUrls)];
  if (!topics.length) return { ok: true, status: null, error: null };
  const body = new URLSearchParams([['hub.mode', 'publish'], ...topics.map((t): [string, string] => ['hub.url', t])]);
  try {
    const res = await fetchImpl(hubUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: body.toString(),
      redirect: 'error',
      signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
    });
    await res.arrayBuffer().catch(() => undefined);
    if (res.status >= 200 && res.status < 300) return { ok: true, status: res.status, error: null };
    return { ok: false, status: res.status, error: { code: 'http_status', message: `hub answered ${res.status}` } };
  } catch (err) {
    const e = err as Error;
    const code = e.name === 'TimeoutError' || e.name === 'AbortError' ? 'timeout' : 'network';
    return { ok: false, status: null, error: { code, message: e.message } };
  }
}
