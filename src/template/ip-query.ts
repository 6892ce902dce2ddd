// ipaddr(value, query, version): ansible.utils' ipaddr filter (and ipv4/ipv6/ipwrap on top of it),
// query by query as its ipaddr_utils.py answers with netaddr: a valid value gives the asked part,
// an invalid one False, and a query that does not apply None. Lists keep the truthy answers.
import {
  addressText, bitsOf, broadcastOf, hostmaskOf, lastOf, maxValue, netmaskOf, networkOf, networkText, parseNetwork, sizeOf,
  type IpNetwork, type IpVersion,
} from './ip-address.js';
import { ExpressionFailure, isTruthy } from './python-values.js';

type Kind = 'address' | 'network';

interface Subject {
  readonly v: IpNetwork;
  readonly kind: Kind;
  /** The value as given (numbers become netaddr's text), what some queries answer with. */
  readonly value: unknown;
}

/** What a query answers: text, a number, a boolean, or none (null). */
type Answer = string | number | boolean | null;

function safeNumber(value: bigint, what: string): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new ExpressionFailure(`ipaddr: the ${what} ${value} is too large for tsplay (JavaScript numbers)`);
  return Number(value);
}

const range = (text: string): IpNetwork => parseNetwork(text)!;
const IPV4_PRIVATE = ['10.0.0.0/8', '100.64.0.0/10', '172.16.0.0/12', '192.0.0.0/24', '192.168.0.0/16', '198.18.0.0/15', '239.0.0.0/8'].map(range);
const IPV6_PRIVATE = ['fc00::/7', 'fec0::/10'].map(range);
const LINK_LOCAL = { 4: range('169.254.0.0/16'), 6: range('fe80::/10') };
const MULTICAST = { 4: range('224.0.0.0/4'), 6: range('ff00::/8') };

/** netaddr's `network in cidr`: the whole network of `inner` lies inside `outer`. */
function within(inner: IpNetwork, outer: IpNetwork): boolean {
  return inner.version === outer.version && networkOf(inner) >= networkOf(outer) && lastOf(inner) <= lastOf(outer);
}

function single(v: IpNetwork, ip: bigint): IpNetwork {
  return { version: v.version, ip, prefix: bitsOf(v.version) };
}

function isPrivate(v: IpNetwork): boolean {
  return (v.version === 4 ? IPV4_PRIVATE : IPV6_PRIVATE).some((cidr) => within(v, cidr)) || within(v, LINK_LOCAL[v.version]);
}

function isLoopback(version: IpVersion, ip: bigint): boolean {
  return version === 4 ? ip >> 24n === 127n : ip === 1n;
}

/** netaddr's is_netmask / is_hostmask: ones then zeros / zeros then ones. */
function isMask(ip: bigint, version: IpVersion): boolean {
  const inverted = (ip ^ maxValue(version)) + 1n;
  const plus = ip + 1n;
  return (inverted & (inverted - 1n)) === 0n || (plus & (plus - 1n)) === 0n;
}

/** The network's first and last usable addresses (all of a /31, none of a /32). */
function usable(v: IpNetwork): [bigint, bigint] | undefined {
  const size = sizeOf(v);
  if (size === 2n) return [networkOf(v), lastOf(v)];
  return size > 1n ? [networkOf(v) + 1n, lastOf(v) - 1n] : undefined;
}

function networkOnly(kind: Kind): void {
  if (kind === 'address') throw new ExpressionFailure('Not a network address');
}

const text = (v: IpNetwork, ip: bigint): string => addressText(v.version, ip);
const isNetworkAddress = (v: IpNetwork): boolean => v.ip === networkOf(v);

const QUERIES: Readonly<Record<string, (s: Subject) => Answer>> = {
  '': ({ v, kind }) => (kind === 'address' ? text(v, v.ip) : networkText(v)),
  address: ({ v }) => {
    if (sizeOf(v) === 1n || !isNetworkAddress(v) || broadcastOf(v) === undefined || v.version === 6) return text(v, v.ip);
    return null;
  },
  'address/prefix': ({ v }) => (sizeOf(v) > 2n && (v.ip === networkOf(v) || v.ip === broadcastOf(v)) ? false : networkText(v)),
  bool: () => true,
  broadcast: ({ v }) => (sizeOf(v) > 2n ? text(v, lastOf(v)) : null),
  cidr: ({ v }) => networkText(v),
  first_usable: ({ v, kind }) => (networkOnly(kind), sizeOf(v) > 1n ? text(v, usable(v)![0]) : null),
  host: ({ v }) => (sizeOf(v) === 1n || !isNetworkAddress(v) || broadcastOf(v) === undefined ? networkText(v) : null),
  hostmask: ({ v }) => text(v, hostmaskOf(v)),
  int: ({ v, kind }) => (kind === 'address' ? safeNumber(v.ip, 'address') : `${v.ip}/${v.prefix}`),
  'ip/prefix': ({ v }) => (sizeOf(v) === 2n || (sizeOf(v) > 1n && !isNetworkAddress(v)) ? networkText(v) : null),
  ipv4: ({ v, value }) => {
    if (v.version === 4) return value as Answer;
    // netaddr's ipv4(): only an IPv4-compatible (::a.b.c.d) or IPv4-mapped (::ffff:a.b.c.d) address converts.
    const high = v.ip >> 32n;
    if ((high !== 0n && high !== 0xffffn) || v.prefix < 96) return false;
    return networkText({ version: 4, ip: v.ip & 0xffffffffn, prefix: v.prefix - 96 });
  },
  ipv6: ({ v, value }) => (v.version === 6 ? (value as Answer) : networkText({ version: 6, ip: 0xffff00000000n | v.ip, prefix: v.prefix + 96 })),
  last_usable: ({ v, kind }) => (networkOnly(kind), sizeOf(v) > 1n ? text(v, usable(v)![1]) : null),
  'link-local': ({ v, value }) => (within(single(v, v.ip), LINK_LOCAL[v.version]) ? (value as Answer) : null),
  loopback: ({ v, value }) => (isLoopback(v.version, v.ip) ? (value as Answer) : null),
  multicast: ({ v, value }) => (within(v, MULTICAST[v.version]) ? (value as Answer) : null),
  net: ({ v }) => (sizeOf(v) > 1n && isNetworkAddress(v) ? `${text(v, networkOf(v))}/${v.prefix}` : null),
  netmask: ({ v }) => text(v, netmaskOf(v)),
  network: ({ v }) => text(v, networkOf(v)),
  network_netmask: ({ v }) => `${text(v, networkOf(v))} ${text(v, netmaskOf(v))}`,
  network_wildcard: ({ v }) => `${text(v, networkOf(v))} ${text(v, hostmaskOf(v))}`,
  next_usable: ({ v, kind }) => {
    networkOnly(kind);
    const bounds = usable(v);
    return bounds && v.ip + 1n >= bounds[0] && v.ip + 1n <= bounds[1] ? text(v, v.ip + 1n) : null;
  },
  prefix: ({ v }) => v.prefix,
  previous_usable: ({ v, kind }) => {
    networkOnly(kind);
    const bounds = usable(v);
    return bounds && v.ip - 1n >= bounds[0] && v.ip - 1n <= bounds[1] ? text(v, v.ip - 1n) : null;
  },
  private: ({ v, value }) => (isPrivate(v) ? (value as Answer) : null),
  public: ({ v, value }) => {
    const ip = single(v, v.ip);
    const isPublic = !within(ip, MULTICAST[v.version]) && !isPrivate(ip) && !isLoopback(v.version, v.ip) && !isMask(v.ip, v.version);
    return isPublic ? (value as Answer) : null;
  },
  range_usable: ({ v, kind }) => {
    networkOnly(kind);
    const bounds = usable(v);
    return bounds ? `${text(v, bounds[0])}-${text(v, bounds[1])}` : null;
  },
  revdns: ({ v }) => {
    if (v.version === 4) return `${text(v, v.ip).split('.').reverse().join('.')}.in-addr.arpa.`;
    return `${[...v.ip.toString(16).padStart(32, '0')].reverse().join('.')}.ip6.arpa.`;
  },
  size: ({ v }) => safeNumber(sizeOf(v), 'size'),
  size_usable: ({ v }) => {
    const size = sizeOf(v);
    return safeNumber(size === 1n ? 0n : size === 2n ? 2n : size - 2n, 'size');
  },
  subnet: ({ v }) => `${text(v, networkOf(v))}/${v.prefix}`,
  type: ({ v }) => (sizeOf(v) === 1n || !isNetworkAddress(v) ? 'address' : 'network'),
  unicast: ({ v, value }) => (within(v, MULTICAST[v.version]) ? null : (value as Answer)),
  version: ({ v }) => v.version,
  wrap: ({ v, kind, value }) => {
    if (v.version !== 6) return value as Answer;
    return kind === 'address' ? `[${text(v, v.ip)}]` : `[${text(v, v.ip)}]/${v.prefix}`;
  },
};

/** Other names ipaddr_utils.py gives the same queries. */
const ALIASES: Readonly<Record<string, string>> = {
  ip: 'address', gateway: 'address/prefix', gw: 'address/prefix', 'host/prefix': 'address/prefix', hostnet: 'address/prefix',
  router: 'address/prefix', lo: 'loopback', network_id: 'network', 'network/prefix': 'subnet', v4: 'ipv4', v6: 'ipv6',
  wildcard: 'hostmask',
};

/** The value as netaddr reads it: a number is an address (IPv4 when it fits), text an address or network. */
function subjectOf(value: unknown, version: IpVersion | undefined): Subject | undefined {
  const digits = typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? String(value) : typeof value === 'string' && /^\d+$/.test(value) ? value : undefined;
  if (digits !== undefined) {
    const ip = BigInt(digits);
    const family: IpVersion | undefined = version === 6 || ip > maxValue(4) ? (ip > maxValue(6) ? undefined : 6) : 4;
    if (family === undefined) return undefined;
    const v = { version: family, ip, prefix: bitsOf(family) };
    return { v, kind: 'address', value: networkText(v) };
  }
  if (typeof value !== 'string') return undefined;
  const v = parseNetwork(value);
  if (!v) return undefined;
  return { v, kind: value.split('/').length === 2 ? 'network' : 'address', value };
}

/** The n-th address of the network (negative: from its end), as `address/prefix`; False outside it. */
function nthAddress({ v, kind }: Subject, index: number): Answer {
  if (sizeOf(v) === 1n) return kind === 'address' ? text(v, v.ip) : networkText(v);
  const n = BigInt(Math.trunc(index));
  const size = sizeOf(v);
  if (n < -size || n >= size) return false;
  const ip = n < 0n ? lastOf(v) + n + 1n : networkOf(v) + n;
  return `${text(v, ip)}/${v.prefix}`;
}

export function ipaddrQuery(value: unknown, query: unknown, version: IpVersion | undefined, alias: string): unknown {
  if (Array.isArray(value)) return value.map((item) => ipaddrQuery(item, query, version, alias)).filter(isTruthy);
  if (!isTruthy(value) || value === true) return false;
  const subject = subjectOf(value, version);
  if (!subject) return false;
  if (version !== undefined && subject.v.version !== version) return false;
  if (typeof query === 'number') return nthAddress(subject, query);
  const name = typeof query === 'string' ? (Object.hasOwn(ALIASES, query) ? ALIASES[query]! : query) : undefined;
  if (name !== undefined && Object.hasOwn(QUERIES, name)) return QUERIES[name]!(subject);
  if (typeof query === 'string') {
    // The collection's argument spec makes every query text: `ipaddr(5)` and `ipaddr('5')` are one.
    if (/^[-+]?\d+$/.test(query.trim())) return nthAddress(subject, Number(query));
    const cidr = parseNetwork(query);
    if (cidr) return within(subject.v, cidr) ? subject.value : null;
  }
  throw new ExpressionFailure(`${alias}: unknown filter type: ${String(query)}`);
}
