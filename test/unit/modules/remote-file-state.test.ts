// readFileState's probe runs as few processes as it can (one stat, then base64 OR sha1sum); these
// pin the answers that slimming it must not change: checksums, skipped content, link targets,
// size-0 files with content (/proc), odd names, and what the probe sends for each option.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { chmodSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Connection, ExecOptions, ExecResult } from '../../../src/connection/types.js';
import { readFileState } from '../../../src/modules/lib/remote-file.js';
import { makeContext, withTempDir } from './support.js';

const sha1 = (data: string | Buffer) => createHash('sha1').update(data).digest('hex');

/** The context of makeContext, with every command it runs recorded. */
function recordingContext(): { ctx: ReturnType<typeof makeContext>; commands: string[] } {
  const base = makeContext();
  const commands: string[] = [];
  const conn = base.conn;
  const recording: Connection = Object.assign(Object.create(conn) as Connection, {
    exec(command: string, options?: ExecOptions): Promise<ExecResult> {
      commands.push(command);
      return conn.exec(command, options);
    },
  });
  return { ctx: { ...base, conn: recording }, commands };
}

test('a small file comes in one round trip with its content, and the sha1 of that content', () => withTempDir(async (dir) => {
  const path = join(dir, 'small');
  writeFileSync(path, 'line one\nline two\n', { mode: 0o640 });
  const { ctx, commands } = recordingContext();
  const state = await readFileState(ctx, path);
  assert.equal(state.isFile, true);
  assert.equal(state.content?.toString('utf8'), 'line one\nline two\n');
  assert.equal(state.checksum, sha1('line one\nline two\n'));
  assert.equal(state.size, 18);
  assert.equal(state.mode, 0o640);
  assert.equal(state.contentSkipped, undefined);
  assert.equal(commands.length, 1);
}));

test('a file over the limit is skipped and checksummed on the target; checksum:false asks for none', () => withTempDir(async (dir) => {
  const path = join(dir, 'big');
  writeFileSync(path, 'x'.repeat(100));
  const { ctx } = recordingContext();
  const skipped = await readFileState(ctx, path, { maxContentBytes: 10 });
  assert.equal(skipped.content, undefined);
  assert.equal(skipped.contentSkipped, true);
  assert.equal(skipped.checksum, sha1('x'.repeat(100)));
  const bare = await readFileState(ctx, path, { maxContentBytes: 10, checksum: false });
  assert.equal(bare.checksum, undefined);
  assert.equal(bare.size, 100);
}));

test('maxContentBytes 0 sends no content but still a checksum when asked; an empty file reads as empty', () => withTempDir(async (dir) => {
  const path = join(dir, 'data');
  writeFileSync(path, 'abc');
  writeFileSync(join(dir, 'empty'), '');
  const { ctx } = recordingContext();
  const meta = await readFileState(ctx, path, { maxContentBytes: 0 });
  assert.equal(meta.content, undefined);
  assert.equal(meta.contentSkipped, true);
  assert.equal(meta.checksum, sha1('abc'));
  const empty = await readFileState(ctx, join(dir, 'empty'), { maxContentBytes: 0 });
  assert.equal(empty.content?.length, 0);
  assert.equal(empty.checksum, sha1(''));
}));

test('a file whose size reads 0 (/proc) is still read', async () => {
  const { ctx } = recordingContext();
  const state = await readFileState(ctx, '/proc/self/status', { maxContentBytes: 1024 * 1024 });
  assert.equal(state.size, 0);
  assert.match(state.content?.toString('utf8') ?? '', /^Name:/);
  assert.equal(state.checksum, sha1(state.content!));
});

test('link targets keep their exact text, including a trailing newline; odd names are quoted', () => withTempDir(async (dir) => {
  symlinkSync('target with space', join(dir, 'plain'));
  symlinkSync('ends-in-newline\n', join(dir, 'nl'));
  const odd = join(dir, "it's|a\nname");
  writeFileSync(odd, 'odd');
  chmodSync(odd, 0o600);
  const { ctx } = recordingContext();
  assert.equal((await readFileState(ctx, join(dir, 'plain'))).linkTarget, 'target with space');
  assert.equal((await readFileState(ctx, join(dir, 'nl'))).linkTarget, 'ends-in-newline\n');
  const state = await readFileState(ctx, odd);
  assert.equal(state.content?.toString('utf8'), 'odd');
  assert.equal(state.mode, 0o600);
}));

test('directories and missing paths need neither content nor checksum', () => withTempDir(async (dir) => {
  const { ctx } = recordingContext();
  const d = await readFileState(ctx, dir);
  assert.equal(d.isDir, true);
  assert.equal(d.content, undefined);
  assert.equal(d.checksum, undefined);
  assert.deepEqual(await readFileState(ctx, join(dir, 'missing')), { path: join(dir, 'missing'), exists: false, isDir: false, isFile: false, isLink: false });
}));
