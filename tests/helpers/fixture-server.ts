/**
 * A real HTTP server on 127.0.0.1 (port 0) for tests: declarative routes, recorded requests and ready-made faults.
 * Use it for anything that fetches (fetcher, ingest, extraction, web tests); tests never touch the internet.
 *
 * A route is either a handler `(req, res) => void` or a declaration:
 * `{ status, body | file, contentType, headers, etag, lastModified, gzip | encoding, delayMs }`.
 * With `etag` / `lastModified` the route answers 304 to a matching If-None-Match / If-Modified-Since.
 * Routes match the request path with its query first, then without; the key '*' catches everything else;
 * anything unmatched is a 404. `file` is absolute or relative to tests/fixtures/.
 *
 * Remember to pass `allowPrivateNetworks: true` to the fetcher: 127.0.0.1 is blocked by its SSRF guard otherwise.
 *
 * @example
 * const server = await startFixtureServer({
 *   '/feed.xml': { file: 'feeds/example.xml', etag: '"v1"', gzip: true },
 *   '/gone': faults.status(410),
 *   '/slow': faults.slowBody(1000),
 * });
 * try {
 *   const result = await fetchUrl(server.url('/feed.xml'), { ...opts, allowPrivateNetworks: true });
 *   expect(server.requests[0]?.headers['user-agent']).toBe('prayerwire-test');
 * } finally {
 *   await server.close();
 * }
 */
import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

export type RouteHandler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

/** A declarative route. Every field is optional: `{}` answers 200 with an empty body. */
export interface RouteDeclaration {
  status?: number;
  body?: string | Buffer;
  /** Path of a fixture file, absolute or relative to tests/fixtures/. Used when `body` is absent. */
  file?: string;
  /** Default: from the file extension, else 'text/plain; charset=utf-8'. */
  contentType?: string;
  headers?: Record<string, string>;
  /** Sent as ETag; a matching If-None-Match gets a 304. */
  etag?: string;
  /** Sent as Last-Modified (an HTTP date); an If-Modified-Since at or after it gets a 304. */
  lastModified?: string;
  /** Shorthand for `encoding: 'gzip'`. */
  gzip?: boolean;
  /** Compress the body; 'deflate-raw' sends raw deflate labelled "deflate", as some servers do. */
  encoding?: 'gzip' | 'deflate' | 'deflate-raw' | 'br';
  /** Wait this long before answering. */
  delayMs?: number;
}

export type RouteSpec = RouteHandler | RouteDeclaration;

export interface RecordedRequest {
  method: string;
  /** Path with query, as sent. */
  path: string;
  /** Lower-case header names, as Node parses them. */
  headers: IncomingHttpHeaders;
  /** Date.now() when the request arrived. */
  at: number;
  /** Client port: equal ports on two requests mean the connection was reused (keep-alive). */
  remotePort: number;
}

export interface FixtureServer {
  /** 'http://127.0.0.1:PORT' */
  origin: string;
  /** Absolute URL of a path on this server. */
  url(path: string): string;
  /** Every request received, in order. */
  requests: RecordedRequest[];
  /** Add or replace a route while the server runs. */
  setRoute(path: string, spec: RouteSpec): void;
  /** Requests being answered right now. */
  readonly inFlight: number;
  /** Most requests ever answered at the same time (since start or resetStats). */
  readonly maxInFlight: number;
  /** Clears `requests` and `maxInFlight`. */
  resetStats(): void;
  /** Stops the server and destroys every open connection (hanging routes included). */
  close(): Promise<void>;
}

export interface FixtureServerOptions {
  /** Address to listen on; default 127.0.0.1 (any 127.x.y.z works on Linux, handy for per-host tests). */
  host?: string;
}

const FIXTURES_DIR = fileURLToPath(new URL('../fixtures/', import.meta.url));

const CONTENT_TYPES: Record<string, string> = {
  '.xml': 'application/xml; charset=utf-8',
  '.rss': 'application/rss+xml; charset=utf-8',
  '.atom': 'application/atom+xml; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

/** Starts a fixture server on 127.0.0.1, port 0. */
export async function startFixtureServer(
  routes: Record<string, RouteSpec> = {},
  options: FixtureServerOptions = {},
): Promise<FixtureServer> {
  const table = new Map<string, RouteSpec>(Object.entries(routes));
  const requests: RecordedRequest[] = [];
  const load = { inFlight: 0, maxInFlight: 0 };
  const server = createServer((req, res) => {
    requests.push(recordRequest(req));
    load.inFlight += 1;
    load.maxInFlight = Math.max(load.maxInFlight, load.inFlight);
    res.once('close', () => void (load.inFlight -= 1));
    void answer(findRoute(table, req.url ?? '/'), req, res);
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((done) => server.listen(0, host, done));
  const origin = `http://${host}:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    url: (path) => new URL(path, origin).href,
    requests,
    setRoute: (path, spec) => void table.set(path, spec),
    get inFlight() {
      return load.inFlight;
    },
    get maxInFlight() {
      return load.maxInFlight;
    },
    resetStats() {
      requests.length = 0;
      load.maxInFlight = load.inFlight;
    },
    close: () =>
      new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      }),
  };
}

function recordRequest(req: IncomingMessage): RecordedRequest {
  const { method = 'GET', url = '/', headers, socket } = req;
  return { method, path: url, headers, at: Date.now(), remotePort: socket.remotePort ?? 0 };
}

function findRoute(table: Map<string, RouteSpec>, rawPath: string): RouteSpec | undefined {
  return table.get(rawPath) ?? table.get(rawPath.split('?')[0] ?? rawPath) ?? table.get('*');
}

async function answer(spec: RouteSpec | undefined, req: IncomingMessage, res: ServerResponse): Promise<void> {
  try {
    if (spec === undefined) return void res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    if (typeof spec === 'function') return await spec(req, res);
    if (spec.delayMs) await waitUnlessClosed(spec.delayMs, res);
    if (!res.destroyed) serveDeclaration(spec, req, res);
  } catch (error) {
    if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
    res.end(`fixture route failed: ${String(error)}`);
  }
}

function waitUnlessClosed(ms: number, res: ServerResponse): Promise<void> {
  return new Promise((done) => {
    const timer = setTimeout(done, ms);
    res.once('close', () => {
      clearTimeout(timer);
      done();
    });
  });
}

function serveDeclaration(spec: RouteDeclaration, req: IncomingMessage, res: ServerResponse): void {
  const headers: Record<string, string> = { ...validatorHeaders(spec), ...spec.headers };
  if (isNotModified(spec, req)) return void res.writeHead(304, headers).end();
  const raw = spec.body ?? (spec.file ? readFileSync(resolveFixture(spec.file)) : '');
  const encoding = spec.encoding ?? (spec.gzip ? 'gzip' : undefined);
  const body = encoding ? compressBody(raw, encoding) : Buffer.from(raw);
  headers['content-type'] ??= spec.contentType ?? contentTypeOf(spec.file);
  if (encoding) headers['content-encoding'] = encoding === 'deflate-raw' ? 'deflate' : encoding;
  headers['content-length'] = String(body.length);
  res.writeHead(spec.status ?? 200, headers).end(body);
}

function validatorHeaders(spec: RouteDeclaration): Record<string, string> {
  const headers: Record<string, string> = {};
  if (spec.etag) headers.etag = spec.etag;
  if (spec.lastModified) headers['last-modified'] = spec.lastModified;
  return headers;
}

/** RFC 9110: If-None-Match wins over If-Modified-Since. */
function isNotModified(spec: RouteDeclaration, req: IncomingMessage): boolean {
  const ifNoneMatch = req.headers['if-none-match'];
  if (ifNoneMatch !== undefined) {
    if (!spec.etag) return false;
    const wanted = stripWeak(spec.etag);
    return ifNoneMatch.split(',').some((tag) => tag.trim() === '*' || stripWeak(tag.trim()) === wanted);
  }
  const since = Date.parse(req.headers['if-modified-since'] ?? '');
  return spec.lastModified !== undefined && !Number.isNaN(since) && since >= Date.parse(spec.lastModified);
}

function stripWeak(tag: string): string {
  return tag.startsWith('W/') ? tag.slice(2) : tag;
}

function resolveFixture(file: string): string {
  return isAbsolute(file) ? file : resolve(FIXTURES_DIR, file);
}

function contentTypeOf(file: string | undefined): string {
  return (file && CONTENT_TYPES[extname(file).toLowerCase()]) || 'text/plain; charset=utf-8';
}

/** Compresses a body the way a server would for Content-Encoding. */
export function compressBody(body: string | Buffer, encoding: NonNullable<RouteDeclaration['encoding']>): Buffer {
  const input = Buffer.from(body);
  if (encoding === 'gzip') return zlib.gzipSync(input);
  if (encoding === 'deflate') return zlib.deflateSync(input);
  if (encoding === 'deflate-raw') return zlib.deflateRawSync(input);
  return zlib.brotliCompressSync(input);
}

/** Ready-made misbehaving routes. */
export const faults = {
  /** Accepts the request and never answers (the socket stays open until the server closes). */
  hang(): RouteHandler {
    return () => undefined;
  },

  /**
   * Sends 200 headers and the first chunk at once, then one chunk every `intervalMs`, ending after `chunks`
   * chunks (default: never, i.e. it stalls mid-body until the client gives up).
   */
  slowBody(intervalMs: number, options: { chunks?: number; chunk?: string; contentType?: string } = {}): RouteHandler {
    const { chunks = Infinity, chunk = '<!-- still coming -->\n', contentType = 'application/xml' } = options;
    return (_req, res) => {
      res.writeHead(200, { 'content-type': contentType });
      let sent = 1;
      res.write(chunk);
      const timer = setInterval(() => {
        if (sent >= chunks) {
          clearInterval(timer);
          return void res.end();
        }
        sent += 1;
        res.write(chunk);
      }, intervalMs);
      res.once('close', () => clearInterval(timer));
    };
  },

  /** Answers `code` with the given headers and a short text body. */
  status(code: number, headers: Record<string, string> = {}, body = `status ${code}`): RouteHandler {
    return (_req, res) => void res.writeHead(code, { 'content-type': 'text/plain', ...headers }).end(body);
  },

  /** Redirects to `to` (absolute or relative, sent as is). */
  redirect(to: string, status = 302): RouteHandler {
    return (_req, res) => void res.writeHead(status, { location: to, 'content-length': '0' }).end();
  },

  /** Streams `bytes` bytes of 'a', chunked (no Content-Length) unless `contentLength` is true. */
  huge(bytes: number, options: { contentLength?: boolean; contentType?: string } = {}): RouteHandler {
    return (_req, res) => {
      const headers: Record<string, string> = { 'content-type': options.contentType ?? 'application/xml' };
      if (options.contentLength) headers['content-length'] = String(bytes);
      res.writeHead(200, headers);
      void streamFiller(res, bytes);
    };
  },

  /** A small gzip body that inflates to `inflatedBytes` zero bytes (1 GB of zeros is about 1 MB on the wire). */
  gzipBomb(inflatedBytes: number): RouteHandler {
    return (_req, res) => {
      const body = gzipBombBody(inflatedBytes);
      res.writeHead(200, { 'content-type': 'application/rss+xml', 'content-encoding': 'gzip', 'content-length': String(body.length) });
      res.end(body);
    };
  },

  /** Destroys the socket without answering (the client sees ECONNRESET or "socket hang up"). */
  reset(): RouteHandler {
    return (req) => void req.socket.destroy();
  },
};

async function streamFiller(res: ServerResponse, bytes: number): Promise<void> {
  const block = Buffer.alloc(64 * 1024, 'a');
  let left = bytes;
  while (left > 0 && !res.destroyed) {
    const piece = left >= block.length ? block : block.subarray(0, left);
    left -= piece.length;
    if (!res.write(piece)) await new Promise((done) => { res.once('drain', done); res.once('close', done); });
  }
  if (!res.destroyed) res.end();
}

const bombs = new Map<number, Buffer>();

/** Concatenated gzip members of 1 MiB of zeros each: valid gzip, built in milliseconds, never held inflated. */
export function gzipBombBody(inflatedBytes: number): Buffer {
  const cached = bombs.get(inflatedBytes);
  if (cached) return cached;
  const mib = 1024 * 1024;
  const member = zlib.gzipSync(Buffer.alloc(mib), { level: 9 });
  const members: Buffer[] = Array<Buffer>(Math.floor(inflatedBytes / mib)).fill(member);
  const rest = inflatedBytes % mib;
  if (rest > 0) members.push(zlib.gzipSync(Buffer.alloc(rest), { level: 9 }));
  const body = Buffer.concat(members);
  bombs.set(inflatedBytes, body);
  return body;
}
