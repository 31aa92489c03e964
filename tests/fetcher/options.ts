/** Options shared by the fetcher tests: a real fixture server on 127.0.0.1, so the SSRF guard must be opened. */
import type { FetchOptions } from '../../src/fetcher/index.js';

export const testOptions: FetchOptions = {
  userAgent: 'prayerwire-test/1.0 (+https://example.org/bot)',
  timeoutMs: 5_000,
  maxBytes: 1_000_000,
  allowPrivateNetworks: true,
};
