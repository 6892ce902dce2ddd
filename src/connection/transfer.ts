// Uploads and downloads for every connection kind: which route a file takes, and the guard script
// (transfer-commands.ts) that makes an upload atomic and cleans up after an interrupted one.
//
//   SFTP (ssh, the target has an SFTP server):
//     no become, or become as the login user  -> SFTP writes the temporary file in the destination's
//                                                directory itself ('sftp')
//     become root                             -> SFTP writes a 0600 stage file in the login user's
//                                                home, the guard (under sudo) copies it in ('staged'),
//                                                as Ansible uploads to its remote_tmp then moves
//   otherwise (no SFTP server, become another user, the local connection)
//                                           -> the content streams through the guard's stdin ('stdin')
//
// Every route streams (SFTP requests, or a pipe with backpressure): no file is ever held whole.
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { posix } from 'node:path';
import { PassThrough, Transform, Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import type { SftpSession } from './sftp-session.js';
import { receiveCommand, sendFileCommand, TEMP_LINE } from './transfer-commands.js';
import { openSource, sourceDigest } from './transfer-source.js';
import type { BecomeOptions, DownloadResult, ExecOptions, ExecResult, TransferResult, TransferSource, UploadOptions } from './types.js';

/** What a transfer needs of its connection. */
export interface TransferRoute {
  exec(command: string, options: ExecOptions): Promise<ExecResult>;
  /** The ssh connection's SFTP session; absent for the local connection. */
  readonly sftp?: SftpSession;
  /** The ssh login user (SFTP writes as this user). */
  readonly loginUser?: string;
}

async function sftpRoute(route: TransferRoute, become: BecomeOptions | undefined): Promise<'sftp' | 'staged' | undefined> {
  if (!route.sftp || !(await route.sftp.available())) return undefined;
  if (!become || become.user === route.loginUser) return 'sftp';
  // Another become user than root may not read a stage file of the login user's: stream instead.
  return become.user === 'root' ? 'staged' : undefined;
}

function failure(dest: string, result: ExecResult): Error {
  return new Error(`could not write ${dest}: ${result.stderr.trim() || `exit ${result.rc}`}`);
}

export async function uploadFile(route: TransferRoute, dest: string, source: TransferSource, options: UploadOptions = {}): Promise<TransferResult> {
  const sha1 = options.sha1 ?? (await sourceDigest(source)).sha1;
  const become = options.become;
  const sftp = await sftpRoute(route, become);
  if (!sftp) return uploadThroughStdin(route, dest, source, sha1, options);

  const stagePath = sftp === 'staged' ? posix.join(await route.sftp!.home(), `.tsplay-stage-${randomBytes(8).toString('hex')}`) : undefined;
  // The guard's stdin stays open while SFTP writes; ending it tells the guard the upload is over.
  const control = new PassThrough();
  const temp = watchForTempName();
  const guard = route.exec(receiveCommand(dest, sha1, options, sftp, stagePath), {
    stdin: control, stdoutTo: temp.sink, ownChannel: true, ...(sftp === 'staged' ? { become } : {}),
  });
  let tempName: string;
  try {
    tempName = await Promise.race([temp.name, guard.then((result) => { throw failure(dest, result); })]);
  } catch (error) {
    control.end();
    throw error;
  }
  const target = stagePath ?? posix.join(posix.dirname(dest), tempName);
  let bytes = 0;
  let sendError: unknown;
  try {
    bytes = 'localPath' in source
      ? await route.sftp!.putFile(source.localPath, target, 0o600)
      : await route.sftp!.putBytes(source.bytes, target, 0o600);
  } catch (error) {
    sendError = error;
  } finally {
    control.end();
  }
  const result = await guard;
  if (sendError !== undefined) throw new Error(`could not write ${dest}: SFTP: ${(sendError as Error).message}`);
  if (result.rc !== 0) throw failure(dest, result);
  return { bytes, via: 'sftp' };
}

async function uploadThroughStdin(route: TransferRoute, dest: string, source: TransferSource, sha1: string, options: UploadOptions): Promise<TransferResult> {
  let bytes = 0;
  // Counted on the way through (a 'data' listener on the source would start it flowing before the
  // channel is open, and lose what it read meanwhile).
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      done(null, chunk);
    },
  });
  // A read error ends the input early: the guard then refuses the short content.
  const input = openSource(source).once('error', (error) => counter.destroy(error)).pipe(counter);
  const result = await route.exec(receiveCommand(dest, sha1, options, 'stdin'), { stdin: input, become: options.become, ownChannel: true });
  if (result.rc !== 0) throw failure(dest, result);
  return { bytes, via: 'shell' };
}

/** A stdout sink that finds the guard's `temp=NAME` line (output is a few short lines). */
function watchForTempName(): { sink: Writable; name: Promise<string> } {
  let text = '';
  let found: (name: string) => void = () => undefined;
  const name = new Promise<string>((resolve) => { found = resolve; });
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      if (text.length < 4096) text += chunk.toString('utf8');
      const match = TEMP_LINE.exec(text);
      if (match) found(match[1]!);
      done();
    },
  });
  return { sink, name };
}

/** Stream a target file into `localPath` (created 0600, or truncated). */
export async function downloadFile(route: TransferRoute, path: string, localPath: string, options: { become?: BecomeOptions } = {}): Promise<DownloadResult> {
  const become = options.become;
  let bytes: number;
  let via: TransferResult['via'];
  if ((await sftpRoute(route, become)) === 'sftp') {
    bytes = await route.sftp!.getFile(path, localPath);
    via = 'sftp';
  } else {
    const file = createWriteStream(localPath, { mode: 0o600 });
    const result = await route.exec(sendFileCommand(path), { stdoutTo: file, become, ownChannel: true });
    await finished(file);
    if (result.rc !== 0) throw new Error(`could not read ${path}: ${result.stderr.trim() || `exit ${result.rc}`}`);
    bytes = file.bytesWritten;
    via = 'shell';
  }
  return { bytes, via, sha1: (await sourceDigest({ localPath })).sha1 };
}
