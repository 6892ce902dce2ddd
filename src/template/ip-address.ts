// IP addresses and networks as Python's netaddr.IPNetwork holds them (what Ansible's ipaddr
// filters query): an address, its prefix length, and whether the text gave a prefix. Parsing
// IPv6 uses ipaddr.js (no zone ids, which netaddr refuses too); the arithmetic is on
// BigInt, and IPv6 text is written as glibc's inet_ntop writes it (netaddr's str()), e.g.
// `2001:db8::1`, `::ffff:192.168.1.1`.
import ipaddr from 'ipaddr.js';

export type IpVersion = 4 | 6;

export interface IpNetwork {
  readonly version: IpVersion;
  /** The address as written (not reduced to the network). */
  readonly ip: bigint;
  readonly prefix: number;
}

export function bitsOf(version: IpVersion): number {
  return version === 4 ? 32 : 128;
}

export function maxValue(version: IpVersion): bigint {
  return (1n << BigInt(bitsOf(version))) - 1n;
}

function fromBytes(bytes: readonly number[]): bigint {
  return bytes.reduce((value, byte) => (value << 8n) | BigInt(byte), 0n);
}

/**
 * netaddr's IPv4 text: one to four decimal parts (leading zeros are decimal, `192.168.001.010`),
 * missing parts zero-filled on the right (`10.1` is 10.1.0.0).
 */
function parseIpv4(text: string): bigint | undefined {
  if (!/^\d{1,3}(?:\.\d{1,3}){0,3}$/.test(text)) return undefined;
  const parts = text.split('.').map(Number);
  if (parts.some((part) => part > 255)) return undefined;
  while (parts.length < 4) parts.push(0);
  return fromBytes(parts);
}

/** An address text (no prefix) as [version, value], or undefined. */
export function parseAddress(text: string): { version: IpVersion; value: bigint } | undefined {
  const ipv4 = parseIpv4(text);
  if (ipv4 !== undefined) return { version: 4, value: ipv4 };
  if (text.includes(':') && !text.includes('%') && ipaddr.IPv6.isValid(text)) return { version: 6, value: fromBytes(ipaddr.IPv6.parse(text).toByteArray()) };
  return undefined;
}

/** `a.b.c.d`, `a.b.c.d/n`, `v6`, `v6/n` (n within the family's width), or undefined. */
export function parseNetwork(text: string): IpNetwork | undefined {
  const slash = text.indexOf('/');
  const address = parseAddress(slash === -1 ? text : text.slice(0, slash));
  if (!address) return undefined;
  const width = bitsOf(address.version);
  if (slash === -1) return { version: address.version, ip: address.value, prefix: width };
  const prefixText = text.slice(slash + 1);
  if (!/^\d{1,3}$/.test(prefixText) || Number(prefixText) > width) return undefined;
  return { version: address.version, ip: address.value, prefix: Number(prefixText) };
}

export function netmaskOf(network: IpNetwork): bigint {
  const hostBits = BigInt(bitsOf(network.version) - network.prefix);
  return maxValue(network.version) ^ ((1n << hostBits) - 1n);
}

export function hostmaskOf(network: IpNetwork): bigint {
  return maxValue(network.version) ^ netmaskOf(network);
}

export function networkOf(network: IpNetwork): bigint {
  return network.ip & netmaskOf(network);
}

export function lastOf(network: IpNetwork): bigint {
  return networkOf(network) | hostmaskOf(network);
}

export function sizeOf(network: IpNetwork): bigint {
  return 1n << BigInt(bitsOf(network.version) - network.prefix);
}

/** netaddr's broadcast: none for IPv4 /31 and /32 (and IPv6 /127, /128). */
export function broadcastOf(network: IpNetwork): bigint | undefined {
  return bitsOf(network.version) - network.prefix <= 1 ? undefined : lastOf(network);
}

function ipv6Text(value: bigint): string {
  const words = Array.from({ length: 8 }, (_, i) => Number((value >> BigInt(112 - 16 * i)) & 0xffffn));
  // glibc inet_ntop: the longest run (first of equals) of two or more zero words becomes '::'.
  let best = { start: -1, length: 0 };
  for (let i = 0; i < 8; ) {
    if (words[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && words[j] === 0) j++;
    if (j - i > best.length) best = { start: i, length: j - i };
    i = j;
  }
  if (best.length < 2) best = { start: -1, length: 0 };
  // An IPv4-compatible (::a.b.c.d) or IPv4-mapped (::ffff:a.b.c.d) address ends in a dotted quad.
  const embedsIpv4 = best.start === 0 && (best.length === 6 || (best.length === 5 && words[5] === 0xffff));
  const hex = words.map((word) => word.toString(16));
  const tail = embedsIpv4 ? [...hex.slice(0, 6), addressText(4, value & 0xffffffffn)] : hex;
  if (best.start === -1) return tail.join(':');
  const head = tail.slice(0, best.start).join(':');
  const rest = tail.slice(best.start + best.length).join(':');
  return `${head}::${rest}`;
}

export function addressText(version: IpVersion, value: bigint): string {
  if (version === 6) return ipv6Text(value);
  return [24n, 16n, 8n, 0n].map((shift) => String((value >> shift) & 0xffn)).join('.');
}

/** netaddr's str(IPNetwork): the address as written, with its prefix. */
export function networkText(network: IpNetwork): string {
  return `${addressText(network.version, network.ip)}/${network.prefix}`;
}
