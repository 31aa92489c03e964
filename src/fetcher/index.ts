/** The one HTTP client. Only this module touches the network. */
export { fetchUrl, DEFAULT_FEED_ACCEPT, DEFAULT_CONNECT_TIMEOUT_MS, DEFAULT_MAX_REDIRECTS } from './fetch-url.js';
export { createHttpClient, DEFAULT_MAX_BYTES } from './http-client.js';
export type { HttpClient, HttpClientConfig, HttpClientStats } from './http-client.js';
export { isBlockedAddress, classifyBlockedAddress } from './address-guard.js';
export type * from './types.js';
