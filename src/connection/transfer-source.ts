// The content of an upload, read as a stream: a controller file is never read whole into memory.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { sha1OfFile } from '../util/file-sha1.js';
import type { TransferSource } from './types.js';

/** A fresh stream of the source's bytes (a file is read in 64 KiB chunks). */
export function openSource(source: TransferSource): Readable {
  return 'localPath' in source ? createReadStream(source.localPath) : Readable.from([source.bytes]);
}

/** sha1 hex and size of the source, hashed as it streams (constant memory for any file size). */
export async function sourceDigest(source: TransferSource): Promise<{ sha1: string; size: number }> {
  if ('bytes' in source) return { sha1: createHash('sha1').update(source.bytes).digest('hex'), size: source.bytes.length };
  return sha1OfFile(source.localPath);
}
