// The lab's apt proxy: a small caching forward proxy on the bridge address, the hosts' only way
// to this machine's Debian mirror. Started by test/lab/lib/proxy.sh:
//   node --import tsx test/lab/apt-proxy/main.ts --listen 10.250.0.1:3142 --cache DIR \
//     --allow deb.debian.org [--allow HOST[:PORT] ...] [--upstream-proxy URL] [--index-max-age S] [--user UID:GID]
// It binds as root and then runs as --user (numeric uid:gid), which must own the cache directory.

import { parseArgs } from 'node:util';
import { formatLogLine, startProxy } from './server.js';

const { values } = parseArgs({
  options: {
    listen: { type: 'string' },
    cache: { type: 'string' },
    allow: { type: 'string', multiple: true },
    'upstream-proxy': { type: 'string' },
    'index-max-age': { type: 'string', default: '1800' },
    'idle-timeout': { type: 'string', default: '60' },
    user: { type: 'string' },
  },
  strict: true,
});

function fail(message: string): never {
  process.stderr.write(`apt-proxy: ${message}\n`);
  process.exit(2);
}

const listen = /^(.+):(\d+)$/.exec(values.listen ?? '') ?? fail('--listen ADDRESS:PORT is required');
if (!values.cache) fail('--cache DIR is required');
if (!values.allow?.length) fail('at least one --allow HOST is required');
const seconds = (name: string, text: string): number => {
  const n = Number(text);
  return Number.isFinite(n) && n > 0 ? n * 1000 : fail(`--${name} must be a positive number of seconds, not '${text}'`);
};

const { server } = await startProxy({
  listenHost: listen[1]!,
  listenPort: Number(listen[2]),
  cacheDir: values.cache,
  allowedHosts: values.allow,
  upstreamProxy: values['upstream-proxy'] ? new URL(values['upstream-proxy']) : undefined,
  indexMaxAgeMs: seconds('index-max-age', values['index-max-age']),
  idleTimeoutMs: seconds('idle-timeout', values['idle-timeout']),
  log: (entry) => process.stdout.write(`${formatLogLine(entry)}\n`),
});
if (values.user) {
  const ids = /^(\d+):(\d+)$/.exec(values.user) ?? fail(`--user must be UID:GID, not '${values.user}'`);
  // Nothing after this needs root: the port is bound and every module is loaded.
  process.setgroups?.([]);
  process.setgid?.(Number(ids[2]));
  process.setuid?.(Number(ids[1]));
}
process.stdout.write(`apt-proxy: listening on ${values.listen}, mirrors ${values.allow.join(' ')}\n`);
const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
