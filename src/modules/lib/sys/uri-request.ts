// The `uri` module's request ON THE TARGET: curl (else wget) sends it with the URL, headers,
// credentials and body on stdin (http-request.ts), keeps the response body and headers in a private
// temporary directory, and prints them back in sections the controller parses. Unlike get_url, a 4xx
// or 5xx answer is a response to report, not a failed download.
import { shellQuote } from '../../../util/shell-quote.js';
import { WGET_BODY, WGET_RC, WGET_URL, requestStdin, type HttpRequest, type TargetRequest } from './http-request.js';

export interface UriToolOptions {
  readonly timeoutSeconds: number;
  readonly validateCerts: boolean;
  readonly followRedirects: boolean;
}

/** Section markers of the script's output (a body is base64, so it never holds one). */
const META = '--tsplay-uri-meta';
const HEAD = '--tsplay-uri-head';
const BODY = '--tsplay-uri-body';

/** Exit 20: the tool failed without an HTTP answer (connection refused, timeout); 21: neither tool. */
export function uriRequestScript(request: HttpRequest, options: UriToolOptions): TargetRequest {
  const timeout = String(options.timeoutSeconds);
  const curl = ['curl -K "$w/in" -sS -o "$w/body" -D "$w/head"', `-w '%{http_code} %{num_redirects} %{url_effective}'`, '--max-time', timeout,
    ...(options.validateCerts ? [] : ['-k']), ...(options.followRedirects ? ['-L', '--max-redirs 50'] : [])].join(' ');
  const wget = ['wget --config="$w/rc" -i "$w/url" -S --content-on-error -O "$w/body" -T', timeout, '--tries=1',
    ...(options.validateCerts ? [] : ['--no-check-certificate']), ...(options.followRedirects ? [] : ['--max-redirect=0'])].join(' ');
  const script = [
    `( umask 077; w=$(mktemp -d) || exit 1`,
    `trap 'rm -rf -- "$w"' EXIT; trap 'exit 1' HUP INT TERM`,
    `cat > "$w/in" || exit 1; : > "$w/body"; : > "$w/head"`,
    `if command -v curl >/dev/null 2>&1; then ${curl} > "$w/meta" || exit 20`,
    `elif command -v wget >/dev/null 2>&1; then`,
    `  { cat /etc/wgetrc "\${WGETRC:-$HOME/.wgetrc}" 2>/dev/null; sed -n ${shellQuote(`s/^${WGET_RC}//p`)} "$w/in"; } > "$w/rc" || exit 1`,
    `  sed -n ${shellQuote(`s/^${WGET_URL}//p`)} "$w/in" > "$w/url" || exit 1`,
    `  if grep -q ${shellQuote(`^${WGET_BODY}`)} "$w/in"; then sed -n ${shellQuote(`s/^${WGET_BODY}//p`)} "$w/in" | base64 -d > "$w/data" && echo "body_file = $w/data" >> "$w/rc"; fi`,
    // wget exits 8 on an HTTP error status: still a response, its headers went to stderr (-S).
    `  ${wget} 2> "$w/err"; r=$?; sed -n 's/^  //p' "$w/err" > "$w/head"`,
    `  if ! grep -q '^HTTP/' "$w/head"; then cat "$w/err" >&2; exit 20; fi; echo "wget $r" > "$w/meta"`,
    `else echo 'neither curl nor wget is installed on the host' >&2; exit 21; fi`,
    `echo ${META}; cat "$w/meta"; echo; echo ${HEAD}; cat "$w/head"; echo ${BODY}; base64 < "$w/body" )`,
  ].join('\n');
  return { script, stdin: requestStdin(request) };
}

export interface UriResponse {
  readonly status: number;
  /** The status line's reason phrase ('Not Found'); HTTP/2 has none. */
  readonly reason: string;
  /** Headers of the last response, names lower-cased. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
  readonly redirected: boolean;
  readonly url: string;
}

function section(stdout: string, from: string, to?: string): string {
  const start = stdout.indexOf(`${from}\n`);
  if (start < 0) return '';
  const rest = stdout.slice(start + from.length + 1);
  const end = to === undefined ? -1 : rest.indexOf(`${to}\n`);
  return end < 0 ? rest : rest.slice(0, end);
}

/** The header blocks of every hop (a redirect chain has several), each starting at its status line. */
function headerBlocks(head: string): string[][] {
  const blocks: string[][] = [];
  for (const line of head.split(/\r?\n/)) {
    if (/^HTTP\/\S+ \d{3}/.test(line)) blocks.push([line]);
    else if (line.trim() !== '' && blocks.length > 0) blocks[blocks.length - 1]!.push(line);
  }
  return blocks;
}

/** Parse the script's output; `requestUrl` resolves wget's Location headers (curl reports the final URL). */
export function parseUriResponse(stdout: string, requestUrl: string): UriResponse {
  const meta = section(stdout, META, HEAD).trim();
  const blocks = headerBlocks(section(stdout, HEAD, BODY));
  const last = blocks[blocks.length - 1] ?? [];
  const headers: Record<string, string> = {};
  for (const line of last.slice(1)) {
    const at = line.indexOf(':');
    if (at > 0) headers[line.slice(0, at).trim().toLowerCase()] = line.slice(at + 1).trim();
  }
  const body = Buffer.from(section(stdout, BODY).replace(/\s+/g, ''), 'base64');
  const statusLine = /^HTTP\/\S+ (\d{3}) ?(.*)$/.exec(last[0] ?? '');
  const statusFromHead = Number(statusLine?.[1] ?? 0);
  const reason = statusLine?.[2]?.trim() ?? '';
  if (!meta.startsWith('wget ')) {
    const [code = '0', redirects = '0', ...url] = meta.split(' ');
    return { status: Number(code) || statusFromHead, reason, headers, body, redirected: Number(redirects) > 0, url: url.join(' ') || requestUrl };
  }
  let url = requestUrl;
  for (const block of blocks.slice(0, -1)) {
    const location = block.find((line) => /^location:/i.test(line));
    if (location !== undefined) url = new URL(location.slice(location.indexOf(':') + 1).trim(), url).toString();
  }
  return { status: statusFromHead, reason, headers, body, redirected: blocks.length > 1, url };
}
