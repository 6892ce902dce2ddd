// uri: an HTTP request made ON THE TARGET (curl, else wget; neither is a clear failure), with
// Ansible 2.14's result: status, url, redirected, msg, every response header as a lower_snake key,
// `json` when the answer is JSON (parsed as data: registered results are never templated again),
// `content` with return_content, and the body saved to `dest`. The URL, headers, credentials and
// body travel on stdin, never on a command line (lib/sys/http-request.ts).
import { jsonDumps } from '../template/json-dumps.js';
import { shellQuote } from '../util/shell-quote.js';
import type { ModuleContext, ModuleResult } from './types.js';
import { defineModule, type ArgsOf } from './lib/define-module.js';
import { ensureFile } from './lib/remote-file.js';
import { displayUrl } from './lib/sys/http-request.js';
import { parseUriResponse, uriRequestScript, type UriResponse } from './lib/sys/uri-request.js';
import { ModuleFailure, execOnTarget } from './lib/target.js';

export type UriArgs = ArgsOf<typeof schema>;

const schema = {
  type: 'object',
  additionalProperties: false,
  required: ['url'],
  properties: {
    url: { description: 'http(s) URL, requested by the host itself (curl, else wget).', type: 'string' },
    method: { description: 'HTTP method (default GET).', type: 'string', pattern: '^[A-Za-z]+$' },
    body: { description: 'Request body: a string, or data serialised by body_format. Sent on stdin, never on a command line.' },
    body_format: { description: 'raw (default), json (sets Content-Type: application/json) or form-urlencoded (a dict or list of pairs).', enum: ['raw', 'json', 'form-urlencoded'] },
    headers: { description: 'Request headers (on stdin, never on a command line).', type: 'object', additionalProperties: { type: ['string', 'number', 'boolean'] } },
    status_code: { description: 'Accepted status codes (default [200]); another status fails the task.', anyOf: [{ type: 'integer' }, { type: 'string', pattern: '^\\d+$' }, { type: 'array', items: { anyOf: [{ type: 'integer' }, { type: 'string', pattern: '^\\d+$' }] } }] },
    return_content: { description: 'Return the body as `content` (default false; a JSON body is in `json` either way).', type: 'boolean' },
    url_username: { description: 'User for HTTP basic authentication.', type: 'string' },
    user: { description: 'Alias of url_username.', type: 'string' },
    url_password: { description: 'Password for HTTP basic authentication (never on a command line).', type: 'string' },
    password: { description: 'Alias of url_password.', type: 'string' },
    force_basic_auth: { description: 'Send the credentials without waiting for a 401 challenge (curl always does).', type: 'boolean' },
    validate_certs: { description: 'Verify TLS certificates (default true).', type: 'boolean' },
    timeout: { description: 'Seconds before the request fails (default 30).', type: 'integer', minimum: 1 },
    dest: { description: 'Save the body to this file on the host (changed when written). An existing dest sends If-Modified-Since: a 304 fails unless status_code lists it, as in Ansible.', type: 'string' },
    creates: { description: 'Skip the request when this path exists on the host.', type: 'string' },
    removes: { description: 'Skip the request when this path does not exist on the host.', type: 'string' },
    follow_redirects: { description: "safe (default: follow for GET and HEAD only), all/yes, none/no (urllib2 is read as safe).", enum: ['all', 'safe', 'none', 'urllib2', 'yes', 'no'] },
  },
} as const;

/** Python's urlencode of a dict (or list of pairs): spaces as '+', like quote_plus. */
function formEncode(body: unknown): string {
  const pairs = Array.isArray(body) ? body as unknown[] : Object.entries(body as Record<string, unknown>);
  return pairs.map((pair) => {
    if (!Array.isArray(pair) || pair.length !== 2) throw new ModuleFailure('body_format form-urlencoded needs a dict or a list of [key, value] pairs');
    return `${encodeURIComponent(String(pair[0])).replace(/%20/g, '+')}=${encodeURIComponent(String(pair[1])).replace(/%20/g, '+')}`;
  }).join('&');
}

/** The body as Ansible serialises it, and the Content-Type it implies when none is given. */
export function requestBody(body: unknown, format: string): { text?: string; contentType: string } {
  const urlencoded = 'application/x-www-form-urlencoded';
  if (body === undefined || body === null) return { contentType: urlencoded };
  if (format === 'json') return { text: typeof body === 'string' ? body : jsonDumps(body, { sortKeys: false, ensureAscii: true }), contentType: 'application/json' };
  if (format === 'form-urlencoded') return { text: typeof body === 'string' ? body : formEncode(body), contentType: urlencoded };
  if (typeof body !== 'string') throw new ModuleFailure('body must be a string with body_format raw (use body_format: json for data)');
  return { text: body, contentType: urlencoded };
}

function statusCodes(arg: UriArgs['status_code']): number[] {
  if (arg === undefined) return [200];
  return (Array.isArray(arg) ? arg : [arg]).map(Number);
}

function followsRedirects(mode: string, method: string): boolean {
  if (mode === 'all' || mode === 'yes') return true;
  if (mode === 'none' || mode === 'no') return false;
  return method === 'GET' || method === 'HEAD';
}

/** `application/json`, `application/problem+json`, `text/javascript`: Ansible's JSON candidates. */
function isJsonType(contentType: string | undefined): boolean {
  const subtype = (contentType ?? '').split(';')[0]!.split('/')[1] ?? '';
  return subtype.includes('json') || subtype.includes('javascript');
}

const RESULT_KEYS = new Set(['changed', 'failed', 'msg', 'status', 'url', 'redirected', 'content', 'json', 'skipped', 'path', 'elapsed', 'cookies', 'cookies_string']);

/** Every response header as a result key, lower_snake (Content-Type → content_type), as Ansible returns them. */
function headerKeys(response: UriResponse): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(response.headers)) {
    const key = name.replace(/-/g, '_');
    if (!RESULT_KEYS.has(key)) out[key] = value;
  }
  return out;
}

function cookies(response: UriResponse): Record<string, string> {
  const out: Record<string, string> = {};
  const setCookie = response.headers['set-cookie'];
  const pair = setCookie === undefined ? undefined : /^([^=;\s]+)=([^;]*)/.exec(setCookie);
  if (pair) out[pair[1]!] = pair[2]!;
  return out;
}

/** dest's mtime as an HTTP date, or undefined when dest does not exist. */
async function modifiedSince(ctx: ModuleContext, dest: string): Promise<string | undefined> {
  const out = await execOnTarget(ctx, `[ -f ${shellQuote(dest)} ] && LC_ALL=C date -u -r ${shellQuote(dest)} '+%a, %d %b %Y %H:%M:%S GMT'`);
  return out.rc === 0 && out.stdout.trim() !== '' ? out.stdout.trim() : undefined;
}

async function pathExists(ctx: ModuleContext, path: string): Promise<boolean> {
  return (await execOnTarget(ctx, `test -e ${shellQuote(path)}`)).rc === 0;
}

async function runUri(ctx: ModuleContext, args: UriArgs): Promise<ModuleResult> {
  // Ansible's uri does not support check mode: the task is skipped.
  if (ctx.check) return { changed: false, skipped: true, msg: 'remote module (ansible.legacy.uri) does not support check mode' };
  if (args.creates !== undefined && await pathExists(ctx, args.creates)) return skippedBy(`skipped, since '${args.creates}' exists`);
  if (args.removes !== undefined && !await pathExists(ctx, args.removes)) return skippedBy(`skipped, since '${args.removes}' does not exist`);
  const method = (args.method ?? 'GET').toUpperCase();
  const body = requestBody(args.body, args.body_format ?? 'raw');
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(args.headers ?? {})) headers[name] = String(value);
  const hasHeader = (name: string) => Object.keys(headers).some((h) => h.toLowerCase() === name);
  if (body.text !== undefined && !hasHeader('content-type')) headers['Content-Type'] = body.contentType;
  // Like Ansible, ask only for a body newer than dest: an unchanged one answers 304, which fails
  // unless status_code lists it (ansible-playbook 2.14 does exactly this) and is then left alone.
  if (args.dest !== undefined && !hasHeader('if-modified-since')) {
    const since = await modifiedSince(ctx, args.dest);
    if (since !== undefined) headers['If-Modified-Since'] = since;
  }
  const { script, stdin } = uriRequestScript(
    { url: args.url, method, body: body.text, headers, username: args.url_username ?? args.user, password: args.url_password ?? args.password, forceBasicAuth: args.force_basic_auth },
    { timeoutSeconds: args.timeout ?? 30, validateCerts: args.validate_certs ?? true, followRedirects: followsRedirects(args.follow_redirects ?? 'safe', method) },
  );
  const out = await execOnTarget(ctx, script, { stdin });
  if (out.rc === 21) throw new ModuleFailure(`uri needs curl or wget on the host: neither is installed`);
  if (out.rc !== 0) throw new ModuleFailure(`Status code was -1 and not ${pythonList(statusCodes(args.status_code))}: Request failed: ${out.stderr.trim() || `exit ${out.rc}`}`, { status: -1, url: displayUrl(args.url) });
  const response = parseUriResponse(out.stdout, args.url);
  return resultOf(ctx, args, response);
}

function skippedBy(stdout: string): ModuleResult {
  return { changed: false, stdout, stdout_lines: [stdout] };
}

function pythonList(codes: readonly number[]): string {
  return `[${codes.join(', ')}]`;
}

async function resultOf(ctx: ModuleContext, args: UriArgs, response: UriResponse): Promise<ModuleResult> {
  const accepted = statusCodes(args.status_code);
  const text = response.body.toString('utf8');
  const result: ModuleResult = { changed: false, ...headerKeys(response), cookies: cookies(response), status: response.status, url: response.url, redirected: response.redirected };
  if (isJsonType(response.headers['content-type'])) {
    try {
      result['json'] = JSON.parse(text) as unknown;
    } catch {
      // Not valid JSON after all: Ansible leaves `json` out.
    }
  }
  if (args.return_content) result['content'] = text;
  const okMessage = `OK (${response.headers['content-length'] ?? 'unknown'} bytes)`;
  const message = response.status >= 300 ? `HTTP Error ${response.status}${response.reason ? `: ${response.reason}` : ''}` : okMessage;
  if (!accepted.includes(response.status)) throw new ModuleFailure(`Status code was ${response.status} and not ${pythonList(accepted)}: ${message}`, result);
  result.msg = message;
  if (args.dest !== undefined && response.status < 300) {
    await ensureFile(ctx, args.dest, { content: response.body });
    return { ...result, changed: true, path: args.dest };
  }
  return result;
}

export const uriModule = defineModule({ name: 'uri', schema, run: runUri });
