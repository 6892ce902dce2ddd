// Jinja and Ansible filters public roles use that the other tables lack: text (title, center,
// wordcount, urlencode), hashes (hash, md5, sha1, checksum, to_uuid), paths (splitext, path_join),
// math (log, pow, root), lists (batch, dictsort, subelements). Each as Jinja 3 / ansible-core 2.14.
import { createHash } from 'node:crypto';
import { posix } from 'node:path';
import { checkSize } from './budget.js';
import { arg, type FilterFunction } from './call-args.js';
import { ExpressionFailure, expectList, expectMapping, expectNumber, expectString, isMapping, isTruthy, pyCompare, toText } from './python-values.js';
import { readOwn } from './safe-access.js';

const HASHES = new Set(['md5', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512']);

function digest(value: unknown, algorithm: string): string {
  if (!HASHES.has(algorithm)) throw new ExpressionFailure(`hash: unsupported algorithm '${algorithm}' (${[...HASHES].join(', ')})`);
  return createHash(algorithm).update(toText(value), 'utf8').digest('hex');
}

/** Python's str.title(): a letter after a non-letter starts a word. */
function title(text: string): string {
  return text.toLowerCase().replace(/(^|[^\p{L}])(\p{L})/gu, (_m, before: string, letter: string) => before + letter.toUpperCase());
}

/** Python's str.center(width): the extra space goes right when the padding is odd and the text even, as CPython does. */
function center(text: string, width: number): string {
  const pad = width - text.length;
  if (pad <= 0) return text;
  const left = Math.floor(pad / 2) + (pad & width & 1);
  return ' '.repeat(left) + text + ' '.repeat(pad - left);
}

/** uuid5 in Ansible's namespace (ansible.utils: 361E6D51-FAEC-444A-9079-341386DA8E2E). */
function toUuid(name: string, namespace = '361e6d51-faec-444a-9079-341386da8e2e'): string {
  const bytes = createHash('sha1').update(Buffer.from(namespace.replace(/-/g, ''), 'hex')).update(name, 'utf8').digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Jinja's urlencode of a string: UTF-8, everything but letters, digits and `_.-~/` percent-encoded. */
function urlencode(value: unknown): string {
  if (isMapping(value)) return Object.entries(value).map(([k, v]) => `${urlencode(k)}=${urlencode(v)}`).join('&');
  return encodeURIComponent(toText(value)).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`).replace(/%2F/g, '/');
}

function splitext(path: string): [string, string] {
  const base = posix.basename(path);
  const dot = base.lastIndexOf('.');
  // Python: leading dots of the name are not an extension (.bashrc has none).
  if (dot <= 0 || /^\.+$/.test(base.slice(0, dot))) return [path, ''];
  const cut = path.length - (base.length - dot);
  return [path.slice(0, cut), path.slice(cut)];
}

export const EXTRA_FILTERS: Readonly<Record<string, FilterFunction>> = {
  title: (value) => title(expectString(value, "the 'title' filter")),
  center: (value, args) => center(toText(value), expectNumber(arg(args, 0, 'width', 80), 'center width')),
  wordcount: (value) => (expectString(value, "the 'wordcount' filter").match(/\w+/gu) ?? []).length,
  urlencode: (value) => urlencode(value),
  hash: (value, args) => digest(value, String(arg(args, 0, 'hashtype', 'sha1'))),
  md5: (value) => digest(value, 'md5'),
  sha1: (value) => digest(value, 'sha1'),
  checksum: (value) => digest(value, 'sha1'),
  to_uuid: (value, args) => toUuid(toText(value), arg(args, 0, 'namespace', undefined) as string | undefined),
  splitext: (value) => splitext(expectString(value, "the 'splitext' filter")),
  path_join: (value) => {
    const parts = Array.isArray(value) ? value.map((p) => expectString(p, 'path_join')) : [expectString(value, 'path_join')];
    // os.path.join: an absolute part starts over.
    return parts.reduce((joined, part) => (part.startsWith('/') || joined === '' ? part : joined.endsWith('/') ? joined + part : `${joined}/${part}`), '');
  },
  log: (value, args) => {
    const base = arg(args, 0, 'base', undefined);
    const x = Math.log(expectNumber(value, "the 'log' filter"));
    return base === undefined ? x : x / Math.log(expectNumber(base, 'log base'));
  },
  pow: (value, args) => expectNumber(value, "the 'pow' filter") ** expectNumber(arg(args, 0, 'y', undefined), 'pow exponent'),
  root: (value, args) => {
    const base = expectNumber(arg(args, 0, 'base', 2), 'root base');
    const x = expectNumber(value, "the 'root' filter");
    return base === 2 ? Math.sqrt(x) : x ** (1 / base);
  },
  batch: (value, args) => {
    const items = expectList(value, "the 'batch' filter");
    const size = expectNumber(arg(args, 0, 'linecount', undefined), 'batch size');
    if (!Number.isInteger(size) || size < 1) throw new ExpressionFailure('batch: the size must be a positive integer');
    const fill = arg(args, 1, 'fill_with', undefined);
    const out: unknown[][] = [];
    for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
    const last = out[out.length - 1];
    if (fill !== undefined && last) while (last.length < size) last.push(fill);
    return out;
  },
  dictsort: (value, args) => {
    const caseSensitive = isTruthy(arg(args, 0, 'case_sensitive', false));
    const by = String(arg(args, 1, 'by', 'key'));
    const reverse = isTruthy(arg(args, 2, 'reverse', false));
    const index = by === 'value' ? 1 : 0;
    const key = (v: unknown) => (!caseSensitive && typeof v === 'string' ? v.toLowerCase() : v);
    const pairs = Object.entries(expectMapping(value, "the 'dictsort' filter")).sort((a, b) => pyCompare(key(a[index]), key(b[index])));
    return reverse ? pairs.reverse() : pairs;
  },
  subelements: (value, args) => {
    const path = expectString(arg(args, 0, 'subelements', undefined), 'subelements key').split('.');
    const skipMissing = isTruthy(arg(args, 1, 'skip_missing', false));
    const out: unknown[][] = [];
    for (const element of expectList(value, "the 'subelements' filter")) {
      let sub: unknown = element;
      for (const part of path) sub = isMapping(sub) ? readOwn(sub, part) : undefined;
      if (sub === undefined) {
        if (skipMissing) continue;
        throw new ExpressionFailure(`could not find '${path.join('.')}' key in iterated item`);
      }
      for (const item of expectList(sub, 'subelements')) out.push([element, item]);
      checkSize('list', out.length, "the 'subelements' filter");
    }
    return out;
  },
};
