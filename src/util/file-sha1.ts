// sha1 of a file on the controller, hashed as it streams: constant memory whatever its size.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

export async function sha1OfFile(path: string): Promise<{ sha1: string; size: number }> {
  const hash = createHash('sha1');
  let size = 0;
  for await (const chunk of createReadStream(path)) {
    hash.update(chunk as Buffer);
    size += (chunk as Buffer).length;
  }
  return { sha1: hash.digest('hex'), size };
}
