// An HTTP request made ON THE TARGET by curl (else wget) with nothing secret on a command line: any
// local user can read command lines with `ps`, and over ssh the whole script is one. The URL (which
// may hold user:password@ or a token in its query), the headers and the credentials travel on the
// command's stdin: curl reads them as its config (`-K -`); wget, which cannot take headers from
// stdin, gets a wgetrc and a URL list written to a private temporary directory that is removed when
// the request ends. get_url and apt_keyring use it; a future `uri` module builds on the same helper.
import { shellQuote } from '../../../util/shell-quote.js';
import { ModuleFailure } from '../target.js';

export interface HttpRequest {
  readonly url: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** Basic authentication (Ansible's url_username / url_password). */
  readonly username?: string;
  readonly password?: string;
  /**
   * Send the credentials with the first request (wget otherwise waits for a 401 challenge; curl
   * always sends them first).
   */
  readonly forceBasicAuth?: boolean;
  /** HTTP method (GET when unset). */
  readonly method?: string;
  /** Request body, sent as is (curl's data-raw: a leading @ is no file name). */
  readonly body?: string;
}

/** A shell fragment and the bytes its command must get on stdin (nothing else may use that stdin). */
export interface TargetRequest {
  readonly script: string;
  readonly stdin: string;
}

/** Options of each tool besides the URL, headers and credentials: shell words, already quoted. */
export interface ToolOptions {
  readonly curl: readonly string[];
  readonly wget: readonly string[];
}

/** Lines only wget reads; to curl, whose config they share, they are comments. */
export const WGET_RC = '#wget-rc ';
export const WGET_URL = '#wget-url ';
/** The request body for wget, base64 (its rc file cannot hold line breaks): decoded into a file. */
export const WGET_BODY = '#wget-body ';

function refuseLineBreaks(what: string, value: string): void {
  if (/[\r\n\0]/.test(value)) throw new ModuleFailure(`${what} must not contain a line break or NUL`);
}

/** A double-quoted value of curl's config file (backslash and quote escaped). */
function curlValue(value: string): string {
  return `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

/** A curl config value that may hold line breaks and tabs (curl decodes these escapes in quotes). */
function curlMultilineValue(value: string): string {
  const escapes: Record<string, string> = { '\\': '\\\\', '"': '\\"', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\v': '\\v' };
  return `"${value.replace(/[\\"\n\r\t\v]/g, (c) => escapes[c]!)}"`;
}

/** The stdin both tools' fragments read: curl's config, with wget's lines as comments in it. */
export function requestStdin(request: HttpRequest): string {
  refuseLineBreaks('the URL', request.url);
  const headers = Object.entries(request.headers ?? {}).map(([name, value]) => {
    if (/[\r\n\0:]/.test(name) || name.trim() === '') throw new ModuleFailure(`invalid header name '${name}'`);
    refuseLineBreaks(`header ${name}`, value);
    return `${name}: ${value}`;
  });
  const lines = [`url = ${curlValue(request.url)}`, ...headers.map((h) => `header = ${curlValue(h)}`)];
  const wgetRc = headers.map((h) => `header = ${h}`);
  if (request.username !== undefined || request.password !== undefined) {
    const user = request.username ?? '';
    const password = request.password ?? '';
    refuseLineBreaks('url_username', user);
    refuseLineBreaks('url_password', password);
    lines.push(`user = ${curlValue(`${user}:${password}`)}`);
    wgetRc.push(`http_user = ${user}`, `http_password = ${password}`);
    if (request.forceBasicAuth) wgetRc.push('auth_no_challenge = on');
  }
  if (request.method !== undefined) {
    if (!/^[A-Za-z]+$/.test(request.method)) throw new ModuleFailure(`invalid HTTP method '${request.method}'`);
    lines.push(`request = "${request.method}"`);
    wgetRc.push(`method = ${request.method}`);
  }
  if (request.body !== undefined) {
    if (request.body.includes('\0')) throw new ModuleFailure('the request body must not contain NUL');
    lines.push(`data-raw = ${curlMultilineValue(request.body)}`, WGET_BODY + Buffer.from(request.body, 'utf8').toString('base64'));
  }
  lines.push(...wgetRc.map((line) => WGET_RC + line), WGET_URL + request.url);
  return lines.join('\n') + '\n';
}

/**
 * The request as a shell fragment: curl when installed, else wget; `onFailure` runs when the tool
 * fails (e.g. `exit 20`). Exit 21 when neither is installed. Give it `stdin` from requestStdin.
 */
export function requestFragment(options: ToolOptions, onFailure: string): string {
  // wget's own startup files still apply (proxies...): --config replaces them, so they come first.
  const wget = [
    `( umask 077; w=$(mktemp -d) || exit 1`,
    `trap 'rm -rf -- "$w"' EXIT; trap 'exit 1' HUP INT TERM`,
    `cat > "$w/in" || exit 1`,
    `{ cat /etc/wgetrc "\${WGETRC:-$HOME/.wgetrc}" 2>/dev/null; sed -n ${shellQuote(`s/^${WGET_RC}//p`)} "$w/in"; } > "$w/rc" || exit 1`,
    `sed -n ${shellQuote(`s/^${WGET_URL}//p`)} "$w/in" > "$w/url" || exit 1`,
    `wget --config="$w/rc" -i "$w/url" ${options.wget.join(' ')} ) || ${onFailure}`,
  ].join('\n');
  return [
    `if command -v curl >/dev/null 2>&1; then curl -K - ${options.curl.join(' ')} || ${onFailure}`,
    `elif command -v wget >/dev/null 2>&1; then ${wget}`,
    `else echo 'neither curl nor wget is installed on the host' >&2; exit 21; fi`,
  ].join('\n');
}

/** The URL for messages: a password in it is masked. */
export function displayUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password === '') return url;
    parsed.password = '********';
    return parsed.toString();
  } catch {
    return url;
  }
}
