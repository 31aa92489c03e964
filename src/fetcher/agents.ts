/**
 * The shared keep-alive agents. Two pairs: "guarded" agents resolve names through `guardedLookup`, which drops
 * loopback / private / link-local addresses (SSRF guard), and "open" agents for `allowPrivateNetworks`.
 * Keeping them apart means a socket opened to a private address is never reused by a guarded request.
 */
import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { classifyBlockedAddress, embeddedIpv4 } from './address-guard.js';
import { FetchError } from './fetch-error.js';

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/** A `lookup` for net.connect that only ever hands out public addresses. */
export function guardedLookup(hostname: string, options: LookupOptions, callback: LookupCallback): void {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, []);
    const allowed = addresses.filter((entry) => classifyBlockedAddress(entry.address) === null);
    const first = allowed[0];
    if (!first) return callback(blockedHostError(hostname, addresses[0]?.address), []);
    if (options.all) return callback(null, allowed);
    return callback(null, first.address, first.family);
  });
}

/**
 * The error for a host or address the guard refuses: which host, which address, why, and (for an IPv6 form that
 * carries an IPv4 address) which IPv4 address decided it.
 */
export function blockedHostError(host: string, address: string | undefined): FetchError {
  const reason = address ? classifyBlockedAddress(address) ?? 'private' : 'private';
  const where = address && address !== host ? `${host} (${address})` : host;
  const embedded = address ? embeddedIpv4(address) : null;
  const inside = embedded ? ` (${embedded.form} address carrying ${embedded.addresses.join(' and ')})` : '';
  return new FetchError('blocked', `Refused to connect to ${where}: ${reason} address${inside}; prayerwire only fetches from public addresses`);
}

const common = { keepAlive: true, keepAliveMsecs: 1000, maxFreeSockets: 16, timeout: 30_000, scheduling: 'lifo' as const };

const agents = {
  guarded: {
    'http:': new HttpAgent({ ...common, lookup: guardedLookup as never }),
    'https:': new HttpsAgent({ ...common, lookup: guardedLookup as never }),
  },
  open: {
    'http:': new HttpAgent(common),
    'https:': new HttpsAgent(common),
  },
};

/** The shared agent for a protocol ('http:' | 'https:'). */
export function agentFor(protocol: 'http:' | 'https:', allowPrivateNetworks: boolean): HttpAgent {
  return agents[allowPrivateNetworks ? 'open' : 'guarded'][protocol];
}
