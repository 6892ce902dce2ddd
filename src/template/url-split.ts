// Python's urllib.parse.urlsplit as Ansible's urlsplit filter returns it: scheme, netloc, path,
// query, fragment, username, password, hostname (lowercased) and port (a number), None when absent.
// Written out rather than through WHATWG URL, which adds '/' paths and drops default ports.
import { ExpressionFailure } from './python-values.js';

function afterFirst(text: string, marker: string): [string, string | null] {
  const at = text.indexOf(marker);
  return at < 0 ? [text, null] : [text.slice(0, at), text.slice(at + 1)];
}

export function splitUrl(url: string): Record<string, unknown> {
  let rest = url;
  let scheme = '';
  const schemeMatch = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(rest);
  if (schemeMatch) {
    scheme = schemeMatch[1]!.toLowerCase();
    rest = rest.slice(schemeMatch[0].length);
  }
  let netloc = '';
  if (rest.startsWith('//')) {
    const end = rest.slice(2).search(/[/?#]/);
    netloc = end < 0 ? rest.slice(2) : rest.slice(2, end + 2);
    rest = end < 0 ? '' : rest.slice(end + 2);
  }
  const [beforeFragment, fragment] = afterFirst(rest, '#');
  const [path, query] = afterFirst(beforeFragment, '?');
  const at = netloc.lastIndexOf('@');
  const userinfo = at < 0 ? null : netloc.slice(0, at);
  const hostinfo = at < 0 ? netloc : netloc.slice(at + 1);
  const [username, password] = userinfo === null ? [null, null] : afterFirst(userinfo, ':');
  const bracketed = /^\[([^\]]*)\](?::(.*))?$/.exec(hostinfo);
  const [host, portText] = bracketed ? [bracketed[1]!, bracketed[2] ?? null] : afterFirst(hostinfo, ':');
  let port: number | null = null;
  if (portText) {
    if (!/^\d+$/.test(portText)) throw new ExpressionFailure(`urlsplit: Port could not be cast to integer value as '${portText}'`);
    port = Number(portText);
    if (port > 65535) throw new ExpressionFailure('urlsplit: Port out of range 0-65535');
  }
  return {
    fragment: fragment ?? '', hostname: host ? host.toLowerCase() : null, netloc, password, path, port,
    query: query ?? '', scheme, username,
  };
}
