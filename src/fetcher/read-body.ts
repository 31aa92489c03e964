/**
 * Reading a response body with a cap on the DECOMPRESSED size. Decoding is streamed (gzip, deflate in its zlib
 * and raw forms, br), so a gzip bomb costs at most `maxBytes` plus one zlib chunk of memory: as soon as the cap is
 * passed the pipeline is torn down and the response (and its socket) destroyed.
 */
import type { IncomingMessage } from 'node:http';
import { PassThrough, type Readable, type Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import { FetchError, describeNetworkError } from './fetch-error.js';

export interface BodyLimits {
  maxBytes: number;
  /** Keep the first maxBytes and stop, instead of failing with 'too_large' (used for error statuses). */
  truncate: boolean;
  signal: AbortSignal;
  url: string;
}

class Truncated extends Error {}

/** The whole decoded body, or a FetchError ('too_large', 'network'). */
export async function readBody(res: IncomingMessage, limits: BodyLimits): Promise<Buffer> {
  refuseOversizedLength(res, limits);
  const encodings = parseContentEncoding(res.headers['content-encoding']);
  const firstByte = encodings.length > 0 ? await peekFirstByte(res, limits.signal) : undefined;
  if (firstByte === null) return Buffer.alloc(0);
  const decoders = encodings.reverse().map((encoding, i) => createDecoder(encoding, i === 0 ? firstByte : undefined));
  const chunks: Buffer[] = [];
  // The sink's own error is kept aside: pipeline may report the AbortError of tearing the streams down instead.
  let stop: Error | undefined;
  const sink = async (source: AsyncIterable<Buffer>): Promise<void> => {
    try {
      await collect(source, chunks, limits);
    } catch (error) {
      stop = error as Error;
      throw error;
    }
  };
  try {
    await runPipeline([res, ...decoders], sink, limits.signal);
  } catch (error) {
    const reason = stop ?? error;
    if (!(reason instanceof Truncated)) throw asBodyError(reason, encodings, limits);
  }
  return Buffer.concat(chunks);
}

/** stream.pipeline over a variable list of streams ending in an async sink (its typings lack this overload). */
function runPipeline(streams: Readable[], sink: (source: AsyncIterable<Buffer>) => Promise<void>, signal: AbortSignal): Promise<void> {
  const run = pipeline as unknown as (...args: unknown[]) => Promise<void>;
  return run(...streams, sink, { signal });
}

/** Content-Length above the cap: fail before reading a byte (unless truncating). */
function refuseOversizedLength(res: IncomingMessage, limits: BodyLimits): void {
  const declared = Number(res.headers['content-length']);
  if (limits.truncate || !Number.isFinite(declared) || declared <= limits.maxBytes) return;
  res.destroy();
  throw tooLarge(limits, `it declares Content-Length ${declared}`);
}

async function collect(source: AsyncIterable<Buffer>, chunks: Buffer[], limits: BodyLimits): Promise<void> {
  let total = 0;
  for await (const chunk of source) {
    const room = limits.maxBytes - total;
    total += chunk.length;
    if (total <= limits.maxBytes) {
      chunks.push(chunk);
      continue;
    }
    if (!limits.truncate) throw tooLarge(limits, 'stopped reading there');
    chunks.push(chunk.subarray(0, room));
    throw new Truncated();
  }
}

function tooLarge(limits: BodyLimits, detail: string): FetchError {
  const message = `Response from ${limits.url} is larger than the ${limits.maxBytes}-byte limit (decompressed; ${detail})`;
  return new FetchError('too_large', message);
}

/** Codings in the order they were applied; identity dropped. */
function parseContentEncoding(header: string | undefined): string[] {
  if (!header) return [];
  return header
    .split(',')
    .map((token) => token.trim().toLowerCase())
    .filter((token) => token !== '' && token !== 'identity');
}

/** A decoder for one coding; unknown codings pass the bytes through unchanged. */
function createDecoder(encoding: string, firstByte: number | undefined): Transform {
  const flush = { finishFlush: zlib.constants.Z_SYNC_FLUSH };
  switch (encoding) {
    case 'gzip':
    case 'x-gzip':
      return zlib.createGunzip(flush);
    case 'deflate':
      return firstByte === undefined || looksLikeZlibHeader(firstByte) ? zlib.createInflate(flush) : zlib.createInflateRaw(flush);
    case 'br':
      return zlib.createBrotliDecompress({ finishFlush: zlib.constants.BROTLI_OPERATION_FLUSH });
    default:
      return new PassThrough();
  }
}

/** "deflate" is meant to be zlib-wrapped, but some servers send raw deflate: a zlib stream starts with CM=8. */
function looksLikeZlibHeader(byte: number): boolean {
  return (byte & 0x0f) === 8 && byte >> 4 <= 7;
}

/** The first byte of the body (left in the stream), or null for an empty body. */
function peekFirstByte(stream: Readable, signal: AbortSignal): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const finish = (value: number | null, error?: unknown): void => {
      stream.off('readable', onReadable).off('end', onEnd).off('error', onError);
      signal.removeEventListener('abort', onAbort);
      if (error === undefined) resolve(value);
      else reject(error);
    };
    const onReadable = (): void => {
      const chunk = stream.read() as Buffer | null;
      if (chunk === null || chunk.length === 0) return;
      stream.unshift(chunk);
      finish(chunk[0] ?? null);
    };
    const onEnd = (): void => finish(null);
    const onError = (error: Error): void => finish(null, error);
    const onAbort = (): void => finish(null, signal.reason);
    if (signal.aborted) return onAbort();
    stream.on('readable', onReadable).once('end', onEnd).once('error', onError);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

function asBodyError(error: unknown, encodings: string[], limits: BodyLimits): unknown {
  if (error instanceof FetchError || limits.signal.aborted) return error;
  const code = String((error as NodeJS.ErrnoException).code ?? '');
  const zlibFailure = encodings.length > 0 && (code.startsWith('Z_') || code.startsWith('ERR__'));
  const what = zlibFailure ? `could not decode the ${encodings.join(', ')} body` : 'the connection failed while reading the body';
  return new FetchError('network', `Fetching ${limits.url}: ${what} (${describeNetworkError(error)})`);
}
