// Host ranges as Ansible writes them: node[01:20] (zero padding kept), db-[a:f], web[0:10:2];
// plus the `host:port` suffix of INI/YAML host names.
import { LoadError, type SourceLocation } from '../../errors.js';

function expandOne(inner: string, pattern: string, loc: SourceLocation): string[] {
  const parts = inner.split(':');
  if (parts.length < 2 || parts.length > 3) throw new LoadError(`bad host range '[${inner}]' in '${pattern}': expected [start:end] or [start:end:step]`, loc);
  const [start = '', end = '', stepText] = parts;
  const step = stepText === undefined || stepText === '' ? 1 : Number(stepText);
  if (!Number.isInteger(step) || step <= 0) throw new LoadError(`bad host range step '${stepText}' in '${pattern}'`, loc);
  const bad = (why: string) => new LoadError(`bad host range '[${inner}]' in '${pattern}': ${why}`, loc);
  if (/^[a-z]$/.test(start) && /^[a-z]$/.test(end) || /^[A-Z]$/.test(start) && /^[A-Z]$/.test(end)) {
    const from = start.charCodeAt(0);
    const to = end.charCodeAt(0);
    if (from > to) throw bad('start is after end');
    const out: string[] = [];
    for (let c = from; c <= to; c += step) out.push(String.fromCharCode(c));
    return out;
  }
  // Ansible: an empty start means 0.
  const startText = start === '' ? '0' : start;
  if (!/^\d+$/.test(startText) || !/^\d+$/.test(end)) throw bad('start and end must both be numbers or both single letters');
  const from = Number(startText);
  const to = Number(end);
  if (from > to) throw bad('start is after end');
  const width = startText.length > 1 && startText.startsWith('0') ? startText.length : 0;
  const out: string[] = [];
  for (let n = from; n <= to; n += step) out.push(String(n).padStart(width, '0'));
  return out;
}

/** Expand every [a:b] range of a host pattern, left to right. */
export function expandHostRange(pattern: string, loc: SourceLocation): string[] {
  const open = pattern.indexOf('[');
  if (open < 0) return [pattern];
  const close = pattern.indexOf(']', open);
  if (close < 0) throw new LoadError(`bad host range in '${pattern}': missing ']'`, loc);
  const head = pattern.slice(0, open);
  const tails = expandHostRange(pattern.slice(close + 1), loc);
  return expandOne(pattern.slice(open + 1, close), pattern, loc).flatMap((middle) => tails.map((tail) => head + middle + tail));
}

/** `name:2222` → port 2222; IPv6 addresses (several colons, no range) keep their colons. */
export function splitHostPort(pattern: string): { name: string; port?: number } {
  const lastBracket = pattern.lastIndexOf(']');
  const tail = pattern.slice(lastBracket + 1);
  const colons = tail.split(':').length - 1;
  if (colons === 1 && (lastBracket >= 0 || pattern.split(':').length === 2)) {
    const at = lastBracket + 1 + tail.indexOf(':');
    const portText = pattern.slice(at + 1);
    if (/^\d+$/.test(portText)) return { name: pattern.slice(0, at), port: Number(portText) };
  }
  return { name: pattern };
}

/** A host entry as written (range and port allowed) → the host names it stands for, and the port. */
export function expandHostEntry(entry: string, loc: SourceLocation): { names: string[]; port?: number } {
  const { name, port } = splitHostPort(entry);
  return { names: expandHostRange(name, loc), ...(port !== undefined ? { port } : {}) };
}
