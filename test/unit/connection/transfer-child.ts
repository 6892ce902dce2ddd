// Run by transfer-real.test.ts in a process of its own, so that its peak RSS (VmHWM) measures one
// transfer: `node --import tsx transfer-child.ts '<json>'` with {spec, op: 'upload'|'download',
// remote, local}. Prints one JSON line: the transfer result, and VmHWM before and after, in KiB.
import { readFileSync } from 'node:fs';
import { openSshConnection } from '../../../src/connection/ssh.js';
import type { ConnectionSpec } from '../../../src/connection/types.js';

interface ChildJob {
  readonly spec: ConnectionSpec;
  readonly op: 'upload' | 'download';
  readonly remote: string;
  readonly local: string;
}

function peakRssKiB(): number {
  return Number(/^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0);
}

const job = JSON.parse(process.argv[2]!) as ChildJob;
const conn = await openSshConnection(job.spec);
// Warm up the code paths (module loading, the SFTP session) so that `before` is the resting size.
await conn.put(`${job.remote}.warmup`, 'warm-up\n');
await conn.exec(`rm -f -- '${job.remote}.warmup'`);
const before = peakRssKiB();
process.stdout.write('started\n');
const result = job.op === 'upload' ? await conn.upload(job.remote, { localPath: job.local }) : await conn.download(job.remote, job.local);
process.stdout.write(JSON.stringify({ ...result, peakBeforeKiB: before, peakAfterKiB: peakRssKiB(), sftpBytes: conn.sftpBytesTransferred }) + '\n');
await conn.close();
