// The HTTP side of the proxy: apt asks for absolute http:// URLs (forward-proxy form); we answer
// only for the mirrors we were told about, only GET and HEAD, and log one line per request.

import { createReadStream } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Answer, MirrorCache } from './mirror-cache.js';

export interface RequestLog {
  client: string;
  method: string;
  url: string;
  status: number;
  provenance: string;
  bytes: number;
  ms: number;
}

export interface HandlerOptions {
  cache: MirrorCache;
  /** host or host:port (as in a URL's host) of each mirror the hosts may reach. */
  allowedHosts: ReadonlySet<string>;
  log: (entry: RequestLog) => void;
}

export function createHandler(options: HandlerOptions) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const started = Date.now();
    const method = req.method ?? '';
    const rawUrl = req.url ?? '';
    const done = (status: number, provenance: string, bytes: number) =>
      options.log({ client: req.socket.remoteAddress ?? '?', method, url: rawUrl, status, provenance, bytes, ms: Date.now() - started });

    const refusal = refuse(method, rawUrl, options.allowedHosts);
    if (refusal) {
      sendText(res, refusal.status, refusal.message);
      done(refusal.status, 'refused', 0);
      return;
    }
    let answer: Answer;
    try {
      answer = await options.cache.answer(new URL(rawUrl));
    } catch (error) {
      sendText(res, 502, `tsplay lab apt proxy: ${(error as Error).message}\n`);
      done(502, 'error', 0);
      return;
    }
    if (answer.kind === 'upstream-status') {
      res.writeHead(answer.status, { ...answer.headers, 'content-length': answer.body.length });
      res.end(method === 'HEAD' ? undefined : answer.body);
      done(answer.status, answer.provenance, answer.body.length);
      return;
    }
    const { meta, bodyPath } = answer.entry;
    res.writeHead(200, {
      'content-type': meta.contentType ?? 'application/octet-stream',
      'content-length': meta.size,
    });
    if (method === 'HEAD') {
      res.end();
      done(200, answer.provenance, 0);
      return;
    }
    const body = createReadStream(bodyPath);
    body.on('error', () => res.destroy());
    body.pipe(res);
    res.on('close', () => done(200, answer.provenance, meta.size));
  };
}

function refuse(method: string, rawUrl: string, allowed: ReadonlySet<string>): { status: number; message: string } | undefined {
  if (method !== 'GET' && method !== 'HEAD') {
    return { status: 405, message: `tsplay lab apt proxy: only GET and HEAD, not ${method}\n` };
  }
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return { status: 400, message: 'tsplay lab apt proxy: ask for an absolute http:// URL (this is a forward proxy)\n' };
  }
  if (url.protocol !== 'http:') {
    return { status: 400, message: `tsplay lab apt proxy: only http:// URLs, not ${url.protocol}\n` };
  }
  if (!allowed.has(url.host)) {
    return { status: 403, message: `tsplay lab apt proxy: ${url.host} is not one of this machine's apt mirrors\n` };
  }
  return undefined;
}

function sendText(res: ServerResponse, status: number, message: string): void {
  res.writeHead(status, { 'content-type': 'text/plain', 'content-length': Buffer.byteLength(message) });
  res.end(message);
}
