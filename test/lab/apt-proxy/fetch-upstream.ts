// One GET to the mirror, straight or through the controller's own HTTP proxy, with exactly the
// headers we choose: a single Host header (a strict mirror front answers two with 400 Bad
// Request) and none of the client's cache or range headers, so the answer is always the whole
// current file.

import { request, type IncomingMessage } from 'node:http';

export interface UpstreamOptions {
  /** The controller's own HTTP proxy (apt's Acquire::http::Proxy), if it has one. */
  upstreamProxy: URL | undefined;
  /** Give up when the mirror sends nothing for this long. */
  idleTimeoutMs: number;
}

export function fetchUpstream(target: URL, options: UpstreamOptions): Promise<IncomingMessage> {
  const via = options.upstreamProxy;
  return new Promise((resolve, reject) => {
    const req = request({
      host: via ? via.hostname : target.hostname,
      port: via ? via.port || 80 : target.port || 80,
      // Through a proxy the request line carries the absolute URL; the Host header stays the mirror's.
      path: via ? target.href : `${target.pathname}${target.search}`,
      method: 'GET',
      headers: { host: target.host, 'user-agent': 'tsplay-lab-apt-proxy', accept: '*/*' },
      timeout: options.idleTimeoutMs,
    });
    req.on('response', resolve);
    req.on('timeout', () => req.destroy(new Error(`no answer from ${target.host} for ${options.idleTimeoutMs} ms`)));
    req.on('error', reject);
    req.end();
  });
}
