/**
 * `fetchUrl`: one GET (or a POST with a body, e.g. a WebSub ping) with everything a feed reader needs around it, on node:http/https with shared keep-alive
 * agents. It never throws for network or HTTP trouble; it resolves to a FetchResponse (any status that arrived)
 * or a FetchFailure with a code and a sentence a person can act on.
 *
 * - One total deadline (`timeoutMs`) over the whole exchange: connects, redirects, headers and body; plus a
 *   per-connection connect deadline (`connectTimeoutMs`, default 10 s, TLS handshake included).
 * - The body cap applies to the decompressed stream (see read-body.ts). Non-2xx bodies are truncated, not refused.
 * - Redirects (301/302/303/307/308) are followed up to `maxRedirects` (default 5), loops detected, every hop
 *   recorded; `permanentUrl` is the final URL when every hop was 301/308.
 * - SSRF guard unless `allowPrivateNetworks`: IP-literal hosts are checked before connecting, names through the
 *   guarded agents' DNS lookup, and the address a new socket actually connected to is checked again. Every
 *   redirect hop goes through the same path.
 *
 * @example
 * const result = await fetchUrl('https://example.org/feed.xml', { userAgent: 'prayerwire/0.1', timeoutMs: 20_000, maxBytes: 5e6 });
 * if (!result.ok) log.warn(result.code, result.message);
 * else if (result.notModified) keepCached();
 * else parse(result.body, result.contentType);
 */
import http, { type ClientRequest, type IncomingMessage } from 'node:http';
import https from 'node:https';
import { isIP, type Socket } from 'node:net';
import { isBlockedAddress } from './address-guard.js';
import { agentFor, blockedHostError } from './agents.js';
import { FetchError, describeNetworkError } from './fetch-error.js';
import { readBody } from './read-body.js';
import { flattenHeaders, parseMaxAge, parseRetryAfter } from './response-headers.js';
import type { FetchFailure, FetchOptions, FetchResponse, FetchResult, RedirectHop } from './types.js';

/** Accept header sent when the caller gives none: feed formats first. */
export const DEFAULT_FEED_ACCEPT =
  'application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9, application/xml;q=0.8, text/xml;q=0.8, */*;q=0.5';
export const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
export const DEFAULT_MAX_REDIRECTS = 5;

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
/** Redirect bodies up to this size are drained so the socket can be reused; larger ones close it. */
const DRAIN_LIMIT = 64 * 1024;

/** What one fetchUrl call knows while it runs. */
interface Exchange {
  original: string;
  current: string;
  /** What the current hop sends: the caller's method and body, until a redirect turns a POST into a GET. */
  method: 'GET' | 'POST';
  body: string | Buffer | undefined;
  phase: string;
  signal: AbortSignal;
  options: FetchOptions;
}

/** GET (or POST) `url`; never throws for network or HTTP trouble. See the module comment for the behaviour. */
export async function fetchUrl(url: string, options: FetchOptions): Promise<FetchResult> {
  const controller = new AbortController();
  const method = options.method ?? 'GET';
  const body = method === 'POST' ? options.body : undefined;
  const exchange: Exchange = { original: url, current: url, method, body, phase: 'connecting', signal: controller.signal, options };
  const dispose = armDeadline(controller, exchange);
  try {
    return await followRedirects(exchange);
  } catch (error) {
    return toFailure(exchange.signal.aborted ? exchange.signal.reason : error, exchange);
  } finally {
    dispose();
  }
}

/** Aborts the exchange at the total deadline or when the caller's signal fires. Returns the cleanup. */
function armDeadline(controller: AbortController, exchange: Exchange): () => void {
  const { timeoutMs, signal } = exchange.options;
  const timer = setTimeout(() => {
    const message = `Timed out after ${timeoutMs} ms ${exchange.phase} for ${describeTarget(exchange)}`;
    controller.abort(new FetchError('timeout', message));
  }, Math.max(0, timeoutMs));
  const onAbort = (): void => controller.abort(new FetchError('aborted', `Fetch of ${describeTarget(exchange)} was cancelled`));
  if (signal?.aborted) onAbort();
  else signal?.addEventListener('abort', onAbort, { once: true });
  return () => {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  };
}

async function followRedirects(exchange: Exchange): Promise<FetchResponse> {
  const maxRedirects = exchange.options.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
  const hops: RedirectHop[] = [];
  const seen = new Set<string>();
  let target = parseTarget(exchange.original, exchange.original);
  for (;;) {
    seen.add(target.href);
    exchange.current = target.href;
    exchange.phase = 'waiting for the response';
    const res = await requestWithRetry(target, exchange).catch((error: unknown) => {
      throw nameRefusedHop(error, hops);
    });
    const next = redirectTarget(res, target);
    if (!next) return buildResponse(res, target, hops, exchange);
    discard(res);
    hops.push({ from: target.href, to: next.href, status: res.statusCode ?? 0 });
    if (seen.has(next.href)) throw new FetchError('redirect_loop', `Redirect loop: ${target.href} sends us back to ${next.href}`);
    if (hops.length > maxRedirects) {
      throw new FetchError('too_many_redirects', `More than ${maxRedirects} redirects starting from ${exchange.original}`);
    }
    // 307/308 repeat the request as it was; the others (301/302/303) are followed with a plain GET.
    if (res.statusCode !== 307 && res.statusCode !== 308) {
      exchange.method = 'GET';
      exchange.body = undefined;
    }
    target = next;
  }
}

/** A guard refusal after redirects says which hop was refused: the nth redirect, from where to where. */
function nameRefusedHop(error: unknown, hops: RedirectHop[]): unknown {
  const hop = hops[hops.length - 1];
  if (!(error instanceof FetchError) || error.code !== 'blocked' || !hop) return error;
  return new FetchError('blocked', `Redirect ${hops.length} refused (HTTP ${hop.status} from ${hop.from} to ${hop.to}): ${error.message}`);
}

/** An absolute http(s) URL, or a 'bad_url' FetchError. */
function parseTarget(raw: string, base: string): URL {
  let url: URL;
  try {
    url = new URL(raw, base);
  } catch {
    throw new FetchError('bad_url', `Not a valid URL: ${raw}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new FetchError('bad_url', `Only http and https URLs can be fetched, not ${url.protocol} (${url.href})`);
  }
  url.hash = '';
  return url;
}

/** Where a redirect response points, or null when the response is final. */
function redirectTarget(res: IncomingMessage, from: URL): URL | null {
  const location = res.headers.location;
  if (!REDIRECT_STATUSES.has(res.statusCode ?? 0) || !location) return null;
  try {
    return parseTarget(location, from.href);
  } catch (error) {
    res.destroy();
    throw error;
  }
}

/** One request; a stale keep-alive socket (reset before any response) is retried once on a fresh one. */
async function requestWithRetry(url: URL, exchange: Exchange): Promise<IncomingMessage> {
  try {
    return await requestOnce(url, exchange);
  } catch (error) {
    const stale = (error as { staleSocket?: boolean }).staleSocket === true;
    if (!stale || exchange.signal.aborted) throw error;
    return requestOnce(url, exchange);
  }
}

/** Sends the request (and its body, if any) and resolves with the response head. */
function requestOnce(url: URL, exchange: Exchange): Promise<IncomingMessage> {
  const { options, signal } = exchange;
  refuseBlockedLiteral(url, options);
  return new Promise((resolve, reject) => {
    const client = url.protocol === 'https:' ? https : http;
    const agent = agentFor(url.protocol as 'http:' | 'https:', mayBePrivate(url, options));
    const req = client.request(url, { method: exchange.method, headers: requestHeaders(options, exchange.body), agent }, resolve);
    req.on('error', (error) => reject(markStale(error, req)));
    req.on('socket', (socket) => watchConnection(req, socket, url, options));
    const onAbort = (): void => void req.destroy(signal.reason as Error);
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
    req.end(exchange.body);
  });
}

function requestHeaders(options: FetchOptions, body: string | Buffer | undefined): Record<string, string> {
  const headers: Record<string, string> = {
    'user-agent': options.userAgent,
    accept: options.accept ?? DEFAULT_FEED_ACCEPT,
    'accept-encoding': 'gzip, deflate, br',
  };
  if (options.etag) headers['if-none-match'] = options.etag;
  if (options.lastModified) headers['if-modified-since'] = options.lastModified;
  if (body !== undefined) {
    headers['content-type'] = options.contentType ?? 'application/octet-stream';
    headers['content-length'] = String(Buffer.byteLength(body));
  }
  return headers;
}

function markStale(error: Error, req: ClientRequest): Error {
  const code = (error as NodeJS.ErrnoException).code;
  if (req.reusedSocket && (code === 'ECONNRESET' || code === 'EPIPE')) Object.assign(error, { staleSocket: true });
  return error;
}

/** True when the SSRF guard is off for this hop. */
function mayBePrivate(url: URL, options: FetchOptions): boolean {
  if (options.allowPrivateNetworks) return true;
  const host = url.hostname.toLowerCase();
  return options.allowedPrivateHosts?.some((allowed) => allowed.toLowerCase() === host) ?? false;
}

/** An IP literal is never looked up, so the guard checks it here before connecting. */
function refuseBlockedLiteral(url: URL, options: FetchOptions): void {
  if (mayBePrivate(url, options)) return;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host) && isBlockedAddress(host)) throw blockedHostError(host, host);
}

/** Connect deadline for a new socket, and the check of the address it actually reached. */
function watchConnection(req: ClientRequest, socket: Socket, url: URL, options: FetchOptions): void {
  if (req.reusedSocket) return;
  const ms = options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
  const timer = setTimeout(() => {
    req.destroy(new FetchError('timeout', `Could not connect to ${url.host} within ${ms} ms (fetching ${url.href})`));
  }, ms);
  const checkPeer = (): void => {
    const address = socket.remoteAddress;
    if (address && isBlockedAddress(address) && !mayBePrivate(url, options)) req.destroy(blockedHostError(url.hostname, address));
  };
  socket.once(url.protocol === 'https:' ? 'secureConnect' : 'connect', () => clearTimeout(timer));
  socket.once('close', () => clearTimeout(timer));
  if (socket.connecting) socket.once('connect', checkPeer);
  else checkPeer();
}

/** Drain a small body we do not need so the socket goes back to the pool; close on anything larger. */
function discard(res: IncomingMessage): void {
  const length = Number(res.headers['content-length']);
  if (Number.isFinite(length) && length <= DRAIN_LIMIT) res.resume();
  else res.destroy();
}

async function buildResponse(res: IncomingMessage, url: URL, hops: RedirectHop[], exchange: Exchange): Promise<FetchResponse> {
  const status = res.statusCode ?? 0;
  const notModified = status === 304;
  exchange.phase = 'reading the body';
  const body = await readResponseBody(res, url, exchange);
  const headers = flattenHeaders(res.headers);
  const permanent = hops.length > 0 && hops.every((hop) => hop.status === 301 || hop.status === 308);
  return {
    ok: true,
    status,
    url: url.href,
    redirects: hops,
    permanentUrl: permanent ? url.href : null,
    headers,
    body,
    notModified,
    contentType: headers['content-type'] ?? null,
    etag: headers.etag ?? null,
    lastModified: headers['last-modified'] ?? null,
    retryAfterMs: parseRetryAfter(headers['retry-after']),
    maxAgeSec: parseMaxAge(headers['cache-control']),
  };
}

/** A 304 has no body; error statuses keep a truncated one; 2xx bodies must fit the cap. */
async function readResponseBody(res: IncomingMessage, url: URL, exchange: Exchange): Promise<Buffer> {
  const status = res.statusCode ?? 0;
  if (status === 304) {
    discard(res);
    return Buffer.alloc(0);
  }
  const { maxBytes } = exchange.options;
  return readBody(res, { maxBytes, truncate: status < 200 || status > 299, signal: exchange.signal, url: url.href });
}

function toFailure(error: unknown, exchange: Exchange): FetchFailure {
  if (error instanceof FetchError) {
    const failure: FetchFailure = { ok: false, code: error.code, message: error.message, url: exchange.original };
    if (error.status !== undefined) failure.status = error.status;
    return failure;
  }
  const message = `Could not fetch ${describeTarget(exchange)}: ${describeNetworkError(error)}`;
  return { ok: false, code: 'network', message, url: exchange.original };
}

function describeTarget(exchange: Exchange): string {
  if (exchange.current === exchange.original) return exchange.current;
  return `${exchange.current} (redirected from ${exchange.original})`;
}
