// find, stat options, copy remote_src, ini_file and raw against a real lab host (Debian 12) over
// ssh: each changes the host once, is ok on the second run, and check mode sees drift made behind
// its back without touching anything. Needs the lab (`test/lab/up 5`); skipped when it is not up.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { createSources } from '../../../src/load/index.js';
import { allModules } from '../../../src/modules/all.js';
import { createRegistry } from '../../../src/modules/registry.js';
import type { ModuleContext, ModuleDefinition, ModuleResult } from '../../../src/modules/types.js';
import { labAddress, labIsUp, labTestHost, SshCliConnection } from './ssh-cli-connection.js';

const HOST = labTestHost();
const skip = labIsUp() ? false : 'the lab is not up (run test/lab/up 5)';
const DIR = '/tmp/tsplay-e2e-files';
let conn: SshCliConnection;

const modules = new Map(allModules.map((m) => [m.name, m as ModuleDefinition<any>]));

function context(options: { check?: boolean; diff?: boolean } = {}): ModuleContext {
  return {
    conn, host: HOST, check: options.check ?? false, diff: options.diff ?? false, vars: {}, playbookDir: '/nonexistent',
    sources: createSources({ registry: createRegistry([]), playbookDir: '/nonexistent' }),
    evaluate: () => undefined, renderTemplate: (t) => t,
  };
}

async function run(name: string, args: Record<string, unknown>, options: { check?: boolean; diff?: boolean } = {}): Promise<ModuleResult> {
  const result = await modules.get(name)!.run(context(options), args);
  assert.notEqual(result.failed, true, `${name} failed: ${String(result.msg)}`);
  return result;
}

async function sh(command: string): Promise<string> {
  const r = await conn.exec(command);
  assert.equal(r.rc, 0, `${command}: ${r.stderr}`);
  return r.stdout.trim();
}

const sha1 = (text: string) => createHash('sha1').update(text).digest('hex');

before(async () => {
  if (skip) return;
  conn = new SshCliConnection(HOST, labAddress(HOST));
  await sh(`rm -rf ${DIR} && mkdir -p ${DIR}/src/sub ${DIR}/tree/a/b ${DIR}/tree/.hid && cd ${DIR} && printf 'one\\n' > src/a.conf && printf 'two\\n' > src/sub/b.conf && chmod 0600 src/sub/b.conf && ln -s a.conf src/link`);
});

after(async () => {
  if (skip) return;
  await conn.exec(`rm -rf ${DIR}`);
  await conn.close();
});

test('raw runs through the host shell, always changed; check mode runs nothing', { skip }, async () => {
  const r = await run('raw', { free_form: 'echo "$((6 * 7))"; echo err >&2' });
  assert.deepEqual([r.changed, r.stdout, r.stderr, r.stdout_lines], [true, '42\n', 'err\n', ['42']]);
  const failed = await modules.get('raw')!.run(context(), { free_form: 'exit 4' });
  assert.deepEqual([failed.failed, failed.rc, failed.msg], [true, 4, 'non-zero return code']);
  assert.equal((await run('raw', { free_form: `touch ${DIR}/raw-ran` }, { check: true })).skipped, true);
  assert.equal((await conn.exec(`test -e ${DIR}/raw-ran`)).rc, 1);
});

test('copy remote_src: a file once then ok; a directory with owner/group; check mode sees drift', { skip }, async () => {
  const file = { src: `${DIR}/src/a.conf`, dest: `${DIR}/a.copy`, remote_src: true, mode: '0640' };
  assert.equal((await run('copy', file)).changed, true);
  assert.equal(await sh(`stat -c %a ${DIR}/a.copy`), '640');
  assert.equal((await run('copy', file)).changed, false);
  await sh(`printf 'drift\\n' > ${DIR}/a.copy`);
  assert.equal((await run('copy', file, { check: true })).changed, true);
  assert.equal(await sh(`cat ${DIR}/a.copy`), 'drift');
  assert.equal((await run('copy', file)).changed, true);
  assert.equal(await sh(`cat ${DIR}/a.copy`), 'one');

  const tree = { src: `${DIR}/src/`, dest: `${DIR}/dest`, remote_src: true, owner: 'nobody', group: 'nogroup' };
  assert.equal((await run('copy', tree)).changed, true);
  assert.equal(await sh(`cd ${DIR}/dest && find . -printf '%p %y %u:%g\\n' | LC_ALL=C sort | tr '\\n' ';'`),
    '. d nobody:nogroup;./a.conf f nobody:nogroup;./link l nobody:nogroup;./sub d nobody:nogroup;./sub/b.conf f nobody:nogroup;');
  assert.equal(await sh(`stat -c %a ${DIR}/dest/sub/b.conf`), '600');
  assert.equal((await run('copy', tree)).changed, false);
  await sh(`printf 'TWO\\n' > ${DIR}/src/sub/b.conf`);
  assert.equal((await run('copy', tree, { check: true })).changed, true);
  assert.equal(await sh(`cat ${DIR}/dest/sub/b.conf`), 'two');
  assert.equal((await run('copy', tree)).changed, true);
  assert.equal(await sh(`cat ${DIR}/dest/sub/b.conf`), 'TWO');
  assert.equal((await run('copy', { src: `${DIR}/src`, dest: `${DIR}/whole`, remote_src: true })).changed, true);
  assert.equal(await sh(`cat ${DIR}/whole/src/a.conf`), 'one');
});

test('find: patterns, recurse, hidden, contains, checksums on the host', { skip }, async () => {
  await sh(`cd ${DIR}/tree && printf 'listen 443\\n' > a/site.conf && printf 'x\\n' > a/b/deep.conf && printf 'h\\n' > .hid/in.conf && printf 'n\\n' > top.txt && ln -sfn a alink`);
  const top = await run('find', { paths: `${DIR}/tree` });
  assert.deepEqual((top.files as { path: string }[]).map((f) => f.path), [`${DIR}/tree/top.txt`]);
  assert.equal(top.examined, 4);
  const confs = await run('find', { paths: [`${DIR}/tree`], patterns: '*.conf', recurse: true });
  assert.deepEqual((confs.files as { path: string }[]).map((f) => f.path).sort(), [`${DIR}/tree/.hid/in.conf`, `${DIR}/tree/a/b/deep.conf`, `${DIR}/tree/a/site.conf`]);
  const shallow = await run('find', { paths: `${DIR}/tree`, patterns: '*.conf', recurse: true, depth: 2, file_type: 'any' });
  assert.ok(!(shallow.files as { path: string }[]).some((f) => f.path.endsWith('deep.conf')));
  const links = await run('find', { paths: `${DIR}/tree`, file_type: 'link' });
  assert.deepEqual((links.files as Record<string, unknown>[]).map((f) => [f.path, f.islnk]), [[`${DIR}/tree/alink`, true]]);
  const listen = await run('find', { paths: `${DIR}/tree`, recurse: true, contains: 'listen \\d+', get_checksum: true });
  assert.deepEqual((listen.files as Record<string, unknown>[]).map((f) => [f.path, f.checksum]), [[`${DIR}/tree/a/site.conf`, sha1('listen 443\n')]]);
  const skipped = await run('find', { paths: [`${DIR}/tree`, `${DIR}/none`] });
  assert.deepEqual(Object.keys(skipped.skipped_paths as object), [`${DIR}/none`]);
});

test('stat options: checksum algorithm, follow, mime type and attributes as the host reports them', { skip }, async () => {
  const s = (await run('stat', { path: `${DIR}/src/link`, follow: true, checksum_algorithm: 'sha256' })).stat as Record<string, unknown>;
  assert.deepEqual([s.islnk, s.isreg, s.checksum], [false, true, createHash('sha256').update('one\n').digest('hex')]);
  const link = (await run('stat', { path: `${DIR}/src/link` })).stat as Record<string, unknown>;
  assert.deepEqual([link.islnk, link.lnk_target, link.lnk_source, 'checksum' in link], [true, 'a.conf', `${DIR}/src/a.conf`, false]);
  const full = (await run('stat', { path: `${DIR}/src/a.conf` })).stat as Record<string, unknown>;
  const hasFile = (await conn.exec('command -v file')).rc === 0;
  assert.equal(full.mimetype, hasFile ? 'text/plain' : 'unknown');
  const lsattr = await conn.exec(`lsattr -vd ${DIR}/src/a.conf`);
  const expectedFlags = lsattr.rc === 0 ? lsattr.stdout.trim().split(/\s+/)[1]!.replace(/-/g, '') : '';
  assert.equal(full.attr_flags, expectedFlags);
  assert.equal(full.inode, Number(await sh(`stat -c %i ${DIR}/src/a.conf`)));
  assert.deepEqual([full.readable, full.writeable, full.executable], [true, true, false]);
});

test('ini_file creates, changes once, then ok; check mode sees drift with a diff and leaves the file', { skip }, async () => {
  const ini = { path: `${DIR}/etc/app.ini`, section: 'main', option: 'port', value: 8080, backup: true };
  assert.equal((await run('ini_file', ini)).changed, true);
  assert.equal(await sh(`cat ${DIR}/etc/app.ini`), '[main]\nport = 8080');
  assert.equal((await run('ini_file', ini)).changed, false);
  await sh(`sed -i 's/8080/9090/' ${DIR}/etc/app.ini`);
  const check = await run('ini_file', ini, { check: true, diff: true });
  assert.equal(check.changed, true);
  assert.match(check.diff?.[0]?.after ?? '', /port = 8080/);
  assert.match(await sh(`cat ${DIR}/etc/app.ini`), /port = 9090/);
  const fixed = await run('ini_file', ini);
  assert.equal(fixed.changed, true);
  assert.match(await sh(`cat ${String(fixed.backup_file)}`), /port = 9090/);
  assert.equal((await run('ini_file', { path: `${DIR}/etc/app.ini`, section: 'main', state: 'absent' })).changed, true);
  assert.equal(await sh(`cat ${DIR}/etc/app.ini`), '');
});
