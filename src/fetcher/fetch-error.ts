import type { FetchErrorCode } from './types.js';

/** Internal error of the fetcher; `fetchUrl` turns it into a `FetchFailure` and never lets it escape. */
export class FetchError extends Error {
  constructor(
    readonly code: FetchErrorCode,
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'FetchError';
  }
}

/** A short reason for a Node network error: "ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:9". */
export function describeNetworkError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as NodeJS.ErrnoException).code;
  return code && !error.message.includes(code) ? `${code}: ${error.message}` : error.message;
}
