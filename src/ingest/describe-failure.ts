/** Turns a failed fetch or parse into a sentence a curator or admin can act on. */
import type { FetchFailure } from '../fetcher/types.js';

export interface FeedFailureInfo {
  code: string;
  status: number | null;
  message: string;
  retryAfterMs: number | null;
}

const STATUS_ADVICE: Record<number, string> = {
  401: 'the server asks for a login; this feed needs credentials prayerwire does not have: find a public feed URL',
  403: 'the server refused access (it may block bots); check the URL in a browser, or ask the publisher',
  404: 'the feed was not found; check the URL in feeds.yml (the publisher may have moved it)',
  410: 'the publisher says the feed is gone for good; remove it from feeds.yml or find its new URL',
  429: 'the server says we asked too often; prayerwire backs off and retries later',
  451: 'the feed is unavailable for legal reasons in the server\'s view',
  500: 'the server failed (HTTP 500); prayerwire retries with backoff',
  502: 'a gateway in front of the server failed (HTTP 502); prayerwire retries with backoff',
  503: 'the server is unavailable (HTTP 503); prayerwire retries with backoff',
  504: 'a gateway timed out (HTTP 504); prayerwire retries with backoff',
};

export function describeHttpStatus(status: number, url: string, retryAfterMs: number | null): FeedFailureInfo {
  const advice =
    STATUS_ADVICE[status] ??
    (status >= 500 ? `the server failed (HTTP ${status}); prayerwire retries with backoff` : `unexpected HTTP status ${status}`);
  const retry = retryAfterMs ? ` (Retry-After: ${Math.ceil(retryAfterMs / 1000)} s honoured)` : '';
  return { code: 'http_status', status, message: `HTTP ${status} from ${url}: ${advice}${retry}`, retryAfterMs };
}

const FETCH_ADVICE: Record<string, string> = {
  timeout: 'the server did not answer in time; prayerwire retries with backoff',
  deferred: 'the server asked us (Retry-After) to wait; prayerwire asks again after that',
  too_large: 'the response is larger than allowed (settings.maxFeedSize); check that the URL is a feed',
  network: 'the server could not be reached; check the host name, or wait if it is down',
  blocked: 'check the URL in feeds.yml and where it redirects',
  redirect_loop: 'the server redirects in a loop; check the URL in a browser',
  too_many_redirects: 'the server redirects more than 5 times; use the final URL in feeds.yml',
  bad_url: 'the URL is not a valid http(s) address; fix it in feeds.yml',
  http_status: 'the server answered with an error',
};

export function describeFetchFailure(failure: FetchFailure): FeedFailureInfo {
  const advice = FETCH_ADVICE[failure.code];
  return {
    code: failure.code,
    status: failure.status ?? null,
    message: advice ? `${failure.message} — ${advice}` : failure.message,
    retryAfterMs: failure.retryAfterMs ?? null,
  };
}
