/**
 * SSRF guard: which IP addresses a fetch may connect to unless private networks are allowed.
 *
 * Refused: IPv4 0.0.0.0/8, 10/8, 100.64/10 (CGNAT), 127/8, 169.254/16 (link-local, cloud metadata), 172.16/12,
 * 192.0.0/24, 192.168/16, 198.18/15 (benchmarking), 224/4 (multicast), 240/4 (reserved, broadcast);
 * IPv6 ::, ::1, fc00::/7, fe80::/10, ff00::/8, and the IPv4-mapped (::ffff:a.b.c.d) and IPv4-compatible
 * (::a.b.c.d) forms of every IPv4 range above.
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

const IPV6_RANGES: Array<[string, number, string]> = [
  ['::', 128, 'unspecified'],
  ['::1', 128, 'loopback'],
  ['fc00::', 7, 'unique local'],
  ['fe80::', 10, 'link-local'],
  ['ff00::', 8, 'multicast'],
];

/** Why an address is refused ('loopback', 'private', ...), or null when it is a public address. */
export function classifyBlockedAddress(address: string): string | null {
  const family = isIP(address);
  if (family === 4) return classifyIpv4(address);
  if (family !== 6) return 'not an IP address';
  const embedded = embeddedIpv4(address);
  if (embedded) return classifyIpv4(embedded);
  for (const [net, prefix, label] of IPV6_RANGES) {
    if (rangeList(net, prefix, 'ipv6').check(address, 'ipv6')) return label;
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

/** The IPv4 address inside ::ffff:a.b.c.d (mapped) or ::a.b.c.d (compatible), in any spelling. */
function embeddedIpv4(address: string): string | null {
  const words = expandIpv6(address);
  if (!words) return null;
  const head = words.slice(0, 5).every((w) => w === 0);
  const mapped = head && words[5] === 0xffff;
  const compatible = head && words[5] === 0 && (words[6] ?? 0) !== 0;
  if (!mapped && !compatible) return null;
  const hi = words[6] ?? 0;
  const lo = words[7] ?? 0;
  return [hi >> 8, hi & 0xff, lo >> 8, lo & 0xff].join('.');
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
