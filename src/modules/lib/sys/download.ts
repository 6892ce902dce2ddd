// Shell fragments that download a URL ON THE TARGET (curl, else wget) into a given file, with the
// URL, headers and credentials on stdin (see http-request.ts), never on a command line.
import { requestFragment, requestStdin, type HttpRequest, type TargetRequest } from './http-request.js';

export interface DownloadOptions {
  readonly timeoutSeconds?: number;
  readonly validateCerts?: boolean;
}

/**
 * Exit 20 = download failed, 21 = neither curl nor wget. `target` is a shell word (may be "$t").
 * The command running the script must get `stdin` (and use its stdin for nothing else).
 */
export function downloadFragment(request: HttpRequest, target: string, options: DownloadOptions = {}): TargetRequest {
  const timeout = String(options.timeoutSeconds ?? 10);
  const insecure = options.validateCerts === false;
  const script = requestFragment({
    curl: ['-fsSL', '--max-time', timeout, ...(insecure ? ['-k'] : []), '-o', target],
    wget: ['-q', '-T', timeout, ...(insecure ? ['--no-check-certificate'] : []), '-O', target],
  }, 'exit 20');
  return { script, stdin: requestStdin(request) };
}
