// Shell fragments that download a URL ON THE TARGET (curl, else wget) into a given file.
import { shellQuote } from '../../../util/shell-quote.js';

export interface DownloadOptions {
  readonly timeoutSeconds?: number;
  readonly validateCerts?: boolean;
  readonly headers?: Readonly<Record<string, string>>;
}

/** Exit 20 = download failed, 21 = neither curl nor wget. `target` is a shell word (may be "$t"). */
export function downloadFragment(url: string, target: string, options: DownloadOptions = {}): string {
  const timeout = String(options.timeoutSeconds ?? 10);
  const headers = Object.entries(options.headers ?? {}).map(([k, v]) => {
    if (/[\r\n:]/.test(k) || /[\r\n]/.test(v)) throw new Error(`invalid header '${k}'`);
    return `${k}: ${v}`;
  });
  const curl = ['curl', '-fsSL', '--max-time', timeout, ...(options.validateCerts === false ? ['-k'] : []), ...headers.flatMap((h) => ['-H', shellQuote(h)]), '-o', target, '--', shellQuote(url)];
  const wget = ['wget', '-q', '-T', timeout, ...(options.validateCerts === false ? ['--no-check-certificate'] : []), ...headers.map((h) => shellQuote(`--header=${h}`)), '-O', target, '--', shellQuote(url)];
  return [
    `if command -v curl >/dev/null 2>&1; then ${curl.join(' ')} || exit 20`,
    `elif command -v wget >/dev/null 2>&1; then ${wget.join(' ')} || exit 20`,
    `else echo 'neither curl nor wget is installed on the host' >&2; exit 21; fi`,
  ].join('\n');
}
