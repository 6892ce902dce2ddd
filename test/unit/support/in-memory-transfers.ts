// upload/download for test connections that keep files in memory: the source is read whole (test
// files are small) and handed to the fake's own put; a download writes what its get returns.
import { readFile, writeFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import type { Connection, DownloadResult, TransferResult, TransferSource, UploadOptions } from '../../../src/connection/types.js';

export async function uploadThroughPut(conn: Pick<Connection, 'put'>, path: string, source: TransferSource, options: UploadOptions = {}): Promise<TransferResult> {
  const bytes = 'bytes' in source ? source.bytes : await readFile(source.localPath);
  const { sha1: _sha1, ...putOptions } = options;
  await conn.put(path, bytes, putOptions);
  return { bytes: bytes.length, via: 'shell' };
}

export async function downloadThroughGet(conn: Pick<Connection, 'get'>, path: string, localPath: string): Promise<DownloadResult> {
  const bytes = await conn.get(path);
  await writeFile(localPath, bytes);
  return { bytes: bytes.length, via: 'shell', sha1: createHash('sha1').update(bytes).digest('hex') };
}
