// lineinfile, blockinfile and replace through a symlink, for real in a temp directory: as Ansible,
// the file the link leads to is edited (validate included) and the link stays; the backup is named
// after the link. Replacing the link with a new file would lose the target's content.
import assert from 'node:assert/strict';
import { lstat, mkdir, readdir, readFile, readlink, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { blockinfileModule } from '../../../src/modules/blockinfile.js';
import { lineinfileModule } from '../../../src/modules/lineinfile.js';
import { replaceModule } from '../../../src/modules/replace.js';
import { makeContext, runModule, withTempDir } from './support.js';

/** dir/real/NAME holding `content`, and dir/LINK -> real/NAME (relative, as links usually are). */
async function linkedFile(dir: string, content: string): Promise<{ link: string; target: string }> {
  await mkdir(join(dir, 'real'), { recursive: true });
  const target = join(dir, 'real', 'settings.conf');
  await writeFile(target, content);
  const link = join(dir, 'settings.conf');
  await symlink('real/settings.conf', link);
  return { link, target };
}

async function assertStillALink(link: string): Promise<void> {
  assert.ok((await lstat(link)).isSymbolicLink(), `${link} is still a symlink`);
  assert.equal(await readlink(link), 'real/settings.conf');
}

test('lineinfile through a symlink edits the target (validated, backed up) and keeps the link', async () => {
  await withTempDir(async (dir) => {
    const { link, target } = await linkedFile(dir, 'one\ntwo\n');
    const result = await runModule(lineinfileModule, makeContext(), { path: link, line: 'three', backup: true, validate: 'grep -q three %s' });
    assert.equal(result.changed, true);
    await assertStillALink(link);
    assert.equal(await readFile(target, 'utf8'), 'one\ntwo\nthree\n', 'the original content is kept');
    assert.ok(String(result.backup).startsWith(`${link}.`), `backup named after the link: ${String(result.backup)}`);
    assert.equal(await readFile(String(result.backup), 'utf8'), 'one\ntwo\n');
    assert.deepEqual((await readdir(join(dir, 'real'))).filter((n) => n.startsWith('.tsplay')), [], 'no temporary file left');
    assert.equal((await runModule(lineinfileModule, makeContext(), { path: link, line: 'three' })).changed, false, 'a rerun is ok');
  });
});

test('lineinfile create through a dangling symlink creates the file the link names', async () => {
  await withTempDir(async (dir) => {
    const link = join(dir, 'settings.conf');
    await symlink('real/settings.conf', link);
    const result = await runModule(lineinfileModule, makeContext(), { path: link, line: 'created', create: true });
    assert.equal(result.changed, true);
    await assertStillALink(link);
    assert.equal(await readFile(join(dir, 'real', 'settings.conf'), 'utf8'), 'created\n');
  });
});

test('blockinfile through a symlink edits the target and keeps the link', async () => {
  await withTempDir(async (dir) => {
    const { link, target } = await linkedFile(dir, 'keep me\n');
    const result = await runModule(blockinfileModule, makeContext(), { path: link, block: 'hello', validate: 'grep -q hello %s' });
    assert.equal(result.changed, true);
    await assertStillALink(link);
    assert.equal(await readFile(target, 'utf8'), 'keep me\n# BEGIN ANSIBLE MANAGED BLOCK\nhello\n# END ANSIBLE MANAGED BLOCK\n');
  });
});

test('replace through a symlink edits the target and keeps the link', async () => {
  await withTempDir(async (dir) => {
    const { link, target } = await linkedFile(dir, 'a=1\nb=1\n');
    const result = await runModule(replaceModule, makeContext(), { path: link, regexp: '^a=1$', replace: 'a=2' });
    assert.equal(result.changed, true);
    await assertStillALink(link);
    assert.equal(await readFile(target, 'utf8'), 'a=2\nb=1\n');
  });
});
