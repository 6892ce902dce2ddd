// The IP filters of ansible.utils (also under ansible.netcommon and their plain names): ipaddr,
// ipv4, ipv6, ipwrap, ipmath. ip-query.ts answers the queries; this file checks arguments as the
// collection's argument specs do.
import { arg, onlyKeywords, type CallArgs, type FilterFunction } from './call-args.js';
import { addressText, maxValue, parseAddress, parseNetwork } from './ip-address.js';
import { ipaddrQuery } from './ip-query.js';
import { ExpressionFailure, isTruthy, typeName } from './python-values.js';

const PYTHON_CLASS: Readonly<Record<string, string>> = { dict: "<class 'dict'>", float: "<class 'float'>", NoneType: "<class 'NoneType'>", str: "<class 'str'>", int: "<class 'int'>" };

function unrecognized(value: unknown, filter: string): ExpressionFailure {
  const name = typeName(value);
  return new ExpressionFailure(`Unrecognized type ${PYTHON_CLASS[name] ?? `<class '${name}'>`} for ${filter} filter <value>`);
}

/** The collection's filters take text, lists and integers (booleans count as integers, as in Python). */
function checkValue(value: unknown, filter: string): void {
  const integer = typeof value === 'boolean' || (typeof value === 'number' && Number.isInteger(value));
  if (typeof value !== 'string' && !Array.isArray(value) && !integer) throw unrecognized(value, filter);
}

/** The query argument, text as the argument spec makes it ('' when absent). */
function queryOf(args: CallArgs, filter: string, extra: readonly string[] = []): unknown {
  onlyKeywords(args, ['query', ...extra], `the '${filter}' filter`);
  const query = arg(args, 0, 'query', '');
  return typeof query === 'number' ? String(query) : query;
}

const ipaddrFilter: FilterFunction = (value, args) => {
  checkValue(value, 'ipaddr');
  const version = arg(args, 1, 'version', undefined);
  return ipaddrQuery(value, queryOf(args, 'ipaddr', ['version']), version === 4 || version === 6 ? version : undefined, 'ipaddr');
};

function versionFilter(version: 4 | 6): FilterFunction {
  const name = `ipv${version}`;
  return (value, args) => {
    checkValue(value, name);
    return ipaddrQuery(value, queryOf(args, name), version, name);
  };
}

/** [brackets] around IPv6 addresses (in a list, each); anything else is returned as it is. */
const ipwrapFilter: FilterFunction = (value, args) => {
  if (typeof value !== 'string' && typeof value !== 'boolean' && !Array.isArray(value)) throw unrecognized(value, 'ipwrap');
  const query = queryOf(args, 'ipwrap');
  const found = (item: unknown): boolean => isTruthy(ipaddrQuery(item, query, undefined, 'ipwrap'));
  try {
    if (Array.isArray(value)) return value.map((item) => (found(item) ? ipaddrQuery(item, 'wrap', undefined, 'ipwrap') : item));
    const address = ipaddrQuery(value, query, undefined, 'ipwrap');
    return isTruthy(address) ? ipaddrQuery(address, 'wrap', undefined, 'ipwrap') : value;
  } catch {
    return value; // the collection returns the value when anything fails
  }
};

/** The address plus `amount` (negative: minus), as text; a network's address for `a/n`. */
const ipmathFilter: FilterFunction = (value, args) => {
  onlyKeywords(args, ['amount'], "the 'ipmath' filter");
  const text = typeof value === 'string' ? value : String(value);
  const parsed = text.includes('/') ? parseNetwork(text) : parseAddress(text);
  if (!parsed) throw new ExpressionFailure(`You must pass a valid IP address; ${text} is invalid`);
  const [version, ip] = 'ip' in parsed ? [parsed.version, parsed.ip] : [parsed.version, parsed.value];
  let amount = arg(args, 0, 'amount', undefined);
  if (typeof amount === 'string' && /^[-+]?\d+$/.test(amount.trim())) amount = Number(amount);
  if (typeof amount !== 'number' || !Number.isSafeInteger(amount)) {
    throw new ExpressionFailure(`argument 'amount' is of type ${typeName(amount)} and we were unable to convert to int`);
  }
  const result = ip + BigInt(amount);
  if (result < 0n || result > maxValue(version)) throw new ExpressionFailure(`ipmath: ${text} + ${amount} is outside the IPv${version} address space`);
  return addressText(version, result);
};

export const IP_FILTERS: Readonly<Record<string, FilterFunction>> = {
  ipaddr: ipaddrFilter,
  ipv4: versionFilter(4),
  ipv6: versionFilter(6),
  ipwrap: ipwrapFilter,
  ipmath: ipmathFilter,
};
