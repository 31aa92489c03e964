/**
 * SSRF guard: which IP addresses a fetch may connect to unless private networks are allowed.
 *
 * Refused: IPv4 0.0.0.0/8, 10/8, 100.64/10 (CGNAT), 127/8, 169.254/16 (link-local, cloud metadata), 172.16/12,
 * 192.0.0/24, 192.168/16, 198.18/15 (benchmarking), 224/4 (multicast), 240/4 (reserved, broadcast);
 * IPv6 ::, ::1, 64:ff9b:1::/48 (local-use NAT64), fc00::/7, fec0::/10, fe80::/10, ff00::/8.
 *
 * IPv6 addresses that carry an IPv4 address are judged by that IPv4 address (all of them, for Teredo's two):
 * IPv4-mapped ::ffff:0:0/96, IPv4-compatible ::/96, IPv4-translated ::ffff:0:0:0/96, NAT64 64:ff9b::/96,
 * 6to4 2002::/16 and Teredo 2001::/32, in any spelling. So 64:ff9b::127.0.0.1 or 2002:a00:1:: are refused.
 * With a public IPv4 address inside, NAT64 and 6to4 addresses are allowed: they are routes to that public host
 * (on an IPv6-only network, DNS64 gives every IPv4-only site a 64:ff9b:: address), not into this network.
 */
import { BlockList, isIP } from 'node:net';

const IPV4_RANGES: Array<[string, number, string]> = [
  ['0.0.0.0', 8, 'unspecified'],
  ['10.0.0.0', 8, 'private'],
  ['100.64.0.0', 10, 'carrier-grade NAT'],
  ['127.0.0.0', 8, 'loopback'],
  ['169.254.0.0', 16, 'link-local'],
  ['172.16.0.0', 12, 'private'],
  ['192.0.0.0', 24, 'IETF protocol assignments'],
  ['192.168.0.0', 16, 'private'],
  ['198.18.0.0', 15, 'benchmarking'],
  ['224.0.0.0', 4, 'multicast'],
  ['240.0.0.0', 4, 'reserved'],
];

/** Checked before any embedded IPv4 address is looked at. */
const IPV6_FIXED: Array<[string, number, string]> = [
  ['::', 128, 'unspecified'],
  ['::1', 128, 'loopback'],
  // RFC 8215: translated by a NAT64 inside the local network, to whatever that network routes; refused outright.
  ['64:ff9b:1::', 48, 'local-use NAT64'],
];

const IPV6_RANGES: Array<[string, number, string]> = [
  ['fc00::', 7, 'unique local'],
  ['fec0::', 10, 'site-local'],
  ['fe80::', 10, 'link-local'],
  ['ff00::', 8, 'multicast'],
];

/**
 * IPv6 forms that carry an IPv4 address: the IPv4 address is what a connection to them ends up reaching (through
 * the host's own stack, a NAT64 gateway, a 6to4 relay or a Teredo relay), so it is judged as IPv4.
 */
export type EmbeddingForm = 'IPv4-mapped' | 'IPv4-compatible' | 'IPv4-translated' | 'NAT64' | '6to4' | 'Teredo';

export interface EmbeddedIpv4 {
  form: EmbeddingForm;
  /** The IPv4 addresses inside, dotted: one, or Teredo's server and client. */
  addresses: string[];
}

/** Why an address is refused ('loopback', 'private', ...), or null when it is a public address. */
export function classifyBlockedAddress(address: string): string | null {
  const family = isIP(address);
  if (family === 4) return classifyIpv4(address);
  if (family !== 6) return 'not an IP address';
  for (const [net, prefix, label] of IPV6_FIXED) {
    if (rangeList(net, prefix, 'ipv6').check(stripZone(address), 'ipv6')) return label;
  }
  const embedded = embeddedIpv4(address);
  if (embedded) {
    for (const ipv4 of embedded.addresses) {
      const reason = classifyIpv4(ipv4);
      if (reason) return reason;
    }
    return null;
  }
  for (const [net, prefix, label] of IPV6_RANGES) {
    if (rangeList(net, prefix, 'ipv6').check(stripZone(address), 'ipv6')) return label;
  }
  return null;
}

/** True when the address must not be contacted without `allowPrivateNetworks`. */
export function isBlockedAddress(address: string): boolean {
  return classifyBlockedAddress(address) !== null;
}

function classifyIpv4(address: string): string | null {
  for (const [net, prefix, label] of IPV4_RANGES) {
    if (rangeList(net, prefix, 'ipv4').check(address, 'ipv4')) return label;
  }
  return null;
}

const stripZone = (address: string): string => address.split('%')[0] ?? '';

const dotted = (hi: number, lo: number): string => [hi >> 8, hi & 0xff, lo >> 8, lo & 0xff].join('.');

/**
 * The IPv4 address(es) inside an IPv6 address, in any spelling, or null when it carries none:
 * ::ffff:a.b.c.d (mapped), ::a.b.c.d (compatible), ::ffff:0:a.b.c.d (translated), 64:ff9b::a.b.c.d (NAT64),
 * 2002:AABB:CCDD:: (6to4) and Teredo 2001:0:SERVER:flags:port:~CLIENT.
 */
export function embeddedIpv4(address: string): EmbeddedIpv4 | null {
  if (isIP(address) !== 6) return null;
  const w = expandIpv6(address);
  if (!w) return null;
  const at = (i: number): number => w[i] ?? 0;
  const zeros = (from: number, to: number): boolean => w.slice(from, to).every((x) => x === 0);
  if (zeros(0, 5) && at(5) === 0xffff) return { form: 'IPv4-mapped', addresses: [dotted(at(6), at(7))] };
  if (zeros(0, 6)) return { form: 'IPv4-compatible', addresses: [dotted(at(6), at(7))] };
  if (zeros(0, 4) && at(4) === 0xffff && at(5) === 0) return { form: 'IPv4-translated', addresses: [dotted(at(6), at(7))] };
  if (at(0) === 0x64 && at(1) === 0xff9b && zeros(2, 6)) return { form: 'NAT64', addresses: [dotted(at(6), at(7))] };
  if (at(0) === 0x2002) return { form: '6to4', addresses: [dotted(at(1), at(2))] };
  if (at(0) === 0x2001 && at(1) === 0) {
    return { form: 'Teredo', addresses: [dotted(at(2), at(3)), dotted(~at(6) & 0xffff, ~at(7) & 0xffff)] };
  }
  return null;
}

/** Eight 16-bit words of an IPv6 address (zone id dropped), or null. */
function expandIpv6(address: string): number[] | null {
  let text = address.split('%')[0] ?? '';
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4?.[1]) {
    const bytes = v4[1].split('.').map(Number);
    const tail = `${(((bytes[0] ?? 0) << 8) | (bytes[1] ?? 0)).toString(16)}:${(((bytes[2] ?? 0) << 8) | (bytes[3] ?? 0)).toString(16)}`;
    text = text.slice(0, -v4[1].length) + tail;
  }
  const [left = '', right] = text.split('::');
  const leftWords = left ? left.split(':') : [];
  const rightWords = right ? right.split(':') : [];
  const fill = right === undefined ? 0 : 8 - leftWords.length - rightWords.length;
  const words = [...leftWords, ...Array<string>(Math.max(fill, 0)).fill('0'), ...rightWords].map((w) => parseInt(w, 16));
  return words.length === 8 && words.every((w) => Number.isInteger(w)) ? words : null;
}

const lists = new Map<string, BlockList>();

function rangeList(net: string, prefix: number, type: 'ipv4' | 'ipv6'): BlockList {
  const key = `${net}/${prefix}`;
  let list = lists.get(key);
  if (!list) {
    list = new BlockList();
    list.addSubnet(net, prefix, type);
    lists.set(key, list);
  }
  return list;
}
