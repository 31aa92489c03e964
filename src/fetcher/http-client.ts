/**
 * `createHttpClient`: the single HTTP client the poller, the article extractor and the WebSub pinger share, on top of `fetchUrl`.
 *
 * - At most `concurrency` requests run at once over all hosts, and at most `perHost` to one host (keyed by the
 *   starting URL's host name, ports ignored; a redirect to another host counts against the starting host).
 *   Waiting is FIFO and does not consume the request's deadline: a request's `timeoutMs` starts when it gets
 *   its slots, so a long queue never turns into timeouts.
 * - Politeness memory: when a host answers 429 or 503 with Retry-After, the client remembers "not before
 *   <time>" for that host. Later requests to it wait until then while holding only their per-host slot; that wait
 *   is counted against their `timeoutMs`. A request whose deadline would pass before the host may be contacted
 *   again fails at once with code 'deferred' and `retryAfterMs` set (how long is left), so a poller can reschedule
 *   instead of waiting.
 * - `close()` cancels queued and running requests (code 'aborted'); later calls resolve 'aborted' at once.
 *
 * @example
 * const http = createHttpClient({ userAgent: 'prayerwire/0.1 (+https://example.org)', concurrency: 8, perHost: 2,
 *   allowPrivateNetworks: false, timeoutMs: 20_000 });
 * const result = await http.fetch(feed.url, { etag: feed.etag, maxBytes: settings.maxFeedBytes });
 */
import { setMaxListeners } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { FetchError } from './fetch-error.js';
import { fetchUrl } from './fetch-url.js';
import { Semaphore } from './semaphore.js';
import type { FetchFailure, FetchOptions, FetchResult } from './types.js';

export interface HttpClientConfig {
  userAgent: string;
  /** Requests at once, all hosts together. */
  concurrency: number;
  /** Requests at once to one host. */
  perHost: number;
  allowPrivateNetworks: boolean;
  /** Default total deadline per request, ms. */
  timeoutMs: number;
  /** Default body cap (decompressed) when a call gives none; default 10 MB. */
  maxBytes?: number;
  /** Default connect deadline, ms (fetchUrl's default is 10 s). */
  connectTimeoutMs?: number;
}

export interface HttpClientStats {
  /** Requests on the wire. */
  active: number;
  /** Requests waiting for a slot or for a host's Retry-After. */
  queued: number;
}

export interface HttpClient {
  /** Like fetchUrl, with the client's defaults under `options`; never throws. */
  fetch(url: string, options?: Partial<FetchOptions>): Promise<FetchResult>;
  stats(): HttpClientStats;
  /** Cancels everything queued or running; the client answers 'aborted' afterwards. */
  close(): void;
}

export const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;
const POLITE_STATUSES = new Set([429, 503]);

/** Creates the shared client. See the module comment for the limits and the Retry-After memory. */
export function createHttpClient(config: HttpClientConfig): HttpClient {
  const global = new Semaphore(config.concurrency);
  const hosts = createHostGates(config.perHost);
  const notBefore = new Map<string, number>();
  const closing = new AbortController();
  setMaxListeners(0, closing.signal); // one listener per queued or running request, by design
  let queued = 0;

  async function fetch(url: string, overrides: Partial<FetchOptions> = {}): Promise<FetchResult> {
    const options = withDefaults(config, overrides);
    const host = hostOf(url);
    if (host === null) return fetchUrl(url, options);
    if (closing.signal.aborted) return cancelled(url);
    const signal = overrides.signal ? AbortSignal.any([closing.signal, overrides.signal]) : closing.signal;
    const releases: Array<() => void> = [];
    let waitedMs = 0;
    queued += 1;
    try {
      releases.push(await hosts.acquire(host, signal));
      const wait = await waitForHost(host, url, options, signal);
      if (typeof wait !== 'number') {
        // Refused without sending: give the host slot back, or after perHost refusals every later request to the host waits forever.
        releases.reverse().forEach((release) => release());
        return wait;
      }
      waitedMs = wait;
      releases.push(await global.acquire(signal));
    } catch {
      releases.reverse().forEach((release) => release());
      return cancelled(url);
    } finally {
      queued -= 1;
    }
    try {
      const result = await fetchUrl(url, { ...options, signal, timeoutMs: options.timeoutMs - waitedMs });
      rememberRetryAfter(host, result);
      return result;
    } finally {
      releases.reverse().forEach((release) => release());
    }
  }

  /** Sleeps until the host's "not before" time; a failure when that is past the deadline. Returns ms waited. */
  async function waitForHost(host: string, url: string, options: FetchOptions, signal: AbortSignal): Promise<number | FetchFailure> {
    const wait = (notBefore.get(host) ?? 0) - Date.now();
    if (wait <= 0) {
      notBefore.delete(host);
      return 0;
    }
    if (wait >= options.timeoutMs) {
      const message = `Not fetched: ${host} asked us (Retry-After) to wait ${Math.ceil(wait / 1000)} s more, beyond this request's ${options.timeoutMs} ms deadline`;
      return { ok: false, code: 'deferred', message, url, retryAfterMs: wait };
    }
    await sleep(wait, undefined, { signal });
    return wait;
  }

  function rememberRetryAfter(host: string, result: FetchResult): void {
    if (!result.ok || !POLITE_STATUSES.has(result.status) || !result.retryAfterMs) return;
    notBefore.set(host, Math.max(notBefore.get(host) ?? 0, Date.now() + result.retryAfterMs));
  }

  return {
    fetch,
    stats: () => ({ active: global.active, queued }),
    close: () => closing.abort(new FetchError('aborted', 'The HTTP client was closed')),
  };
}

function withDefaults(config: HttpClientConfig, overrides: Partial<FetchOptions>): FetchOptions {
  const options: FetchOptions = {
    userAgent: config.userAgent,
    timeoutMs: config.timeoutMs,
    maxBytes: config.maxBytes ?? DEFAULT_MAX_BYTES,
    allowPrivateNetworks: config.allowPrivateNetworks,
    ...overrides,
  };
  if (options.connectTimeoutMs === undefined && config.connectTimeoutMs !== undefined) {
    options.connectTimeoutMs = config.connectTimeoutMs;
  }
  return options;
}

/** Per-host FIFO semaphores, dropped when idle so the map does not grow with every host ever seen. */
function createHostGates(perHost: number): { acquire(host: string, signal: AbortSignal): Promise<() => void> } {
  const gates = new Map<string, Semaphore>();
  return {
    async acquire(host, signal) {
      let gate = gates.get(host);
      if (!gate) gates.set(host, (gate = new Semaphore(perHost)));
      const owner = gate;
      let release: () => void;
      try {
        release = await owner.acquire(signal);
      } catch (error) {
        if (owner.active === 0 && owner.waiting === 0) gates.delete(host);
        throw error;
      }
      return () => {
        release();
        if (owner.active === 0 && owner.waiting === 0 && gates.get(host) === owner) gates.delete(host);
      };
    },
  };
}

function hostOf(url: string): string | null {
  try {
    return new URL(url).hostname.toLowerCase() || null;
  } catch {
    return null;
  }
}

function cancelled(url: string): FetchFailure {
  return { ok: false, code: 'aborted', message: `Fetch of ${url} was cancelled before it started`, url };
}
