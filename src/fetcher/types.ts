/** Types of the one HTTP client. */

export type FetchErrorCode =
  | 'timeout'
  /**
   * Not sent: the host asked (Retry-After on a 429 or 503) not to be contacted yet, for longer than this request's
   * deadline. `retryAfterMs` says how long is left. Politeness, not a failure of the host.
   */
  | 'deferred'
  | 'too_large'
  | 'http_status'
  | 'network'
  | 'blocked'
  | 'redirect_loop'
  | 'too_many_redirects'
  | 'bad_url'
  /** The caller's AbortSignal fired, or the client was closed. */
  | 'aborted';

export interface FetchOptions {
  userAgent: string;
  /** Total deadline for the whole exchange including redirects and body, ms. */
  timeoutMs: number;
  /** Deadline to establish the TCP/TLS connection, ms. */
  connectTimeoutMs?: number;
  /** Cap on the decompressed body, bytes. */
  maxBytes: number;
  /** Default 5. */
  maxRedirects?: number;
  /** Validators from the previous fetch, sent as If-None-Match / If-Modified-Since. */
  etag?: string | null;
  lastModified?: string | null;
  accept?: string;
  /** When false (default), loopback / private / link-local addresses are refused with code 'blocked'. */
  allowPrivateNetworks?: boolean;
  /**
   * Host names (exact, case-insensitive) that may be on a private network even when allowPrivateNetworks is
   * false, e.g. one intranet feed server. Checked per redirect hop: a redirect elsewhere is guarded again.
   */
  allowedPrivateHosts?: string[];
  signal?: AbortSignal;
  /** Default 'GET'. A POST sends `body`; a 301/302/303 answer to it is followed with a GET (as browsers do). */
  method?: 'GET' | 'POST';
  /** The request body of a POST (sent with `contentType` and a Content-Length). */
  body?: string | Buffer;
  /** Content-Type of `body`. */
  contentType?: string;
}

export interface RedirectHop {
  from: string;
  to: string;
  status: number;
}

/** A response that arrived (any status). Bodies of non-2xx responses are kept but may be truncated. */
export interface FetchResponse {
  ok: true;
  status: number;
  /** URL after redirects. */
  url: string;
  redirects: RedirectHop[];
  /** Set when every hop of the chain was permanent (301/308): where the resource now lives. */
  permanentUrl: string | null;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  body: Buffer;
  notModified: boolean;
  contentType: string | null;
  etag: string | null;
  lastModified: string | null;
  /** From Retry-After (seconds or HTTP date), ms from now. */
  retryAfterMs: number | null;
  /** From Cache-Control max-age, seconds. */
  maxAgeSec: number | null;
}

export interface FetchFailure {
  ok: false;
  code: FetchErrorCode;
  /** A sentence a person can act on: what happened and where. */
  message: string;
  url: string;
  status?: number;
  /** With 'deferred': ms until the host may be contacted again. */
  retryAfterMs?: number | null;
}

/** fetchUrl never throws for network or HTTP trouble: it resolves to one of these. */
export type FetchResult = FetchResponse | FetchFailure;
