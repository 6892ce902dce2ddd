import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalConnection } from '../../../src/connection/local.js';
import { aptRepositoryModule, defaultRepoFilename, READ_SOURCES_COMMAND } from '../../../src/modules/apt_repository.js';
import { deb822RepositoryModule } from '../../../src/modules/deb822_repository.js';
import { aptKeyringModule } from '../../../src/modules/apt_keyring.js';
import { FakeConnection, fakeContext, assertReadOnly } from './fake-connection.js';

const REPO = 'deb [signed-by=/etc/apt/keyrings/kubernetes.gpg] https://pkgs.k8s.io/core:/stable:/v1.31/deb/ /';
const b64 = (s: string) => Buffer.from(s).toString('base64');
const sources = (files: Record<string, string>) => ({
  match: /^for f in \/etc\/apt\/sources.list/,
  reply: { stdout: Object.entries(files).map(([p, t]) => `@@tsplay-sources-file@@ ${p}\n${b64(t)}\n`).join('') },
});

test('apt_repository adds the line to FILENAME.list and runs apt-get update only then', async () => {
  const conn = new FakeConnection([sources({ '/etc/apt/sources.list': 'deb http://deb.debian.org/debian bookworm main\n' })]);
  const r = await aptRepositoryModule.run(fakeContext(conn, { diff: true }), { repo: REPO, filename: 'kubernetes' });
  assert.equal(r.changed, true);
  assert.deepEqual(conn.puts.map((p) => [p.path, p.content]), [['/etc/apt/sources.list.d/kubernetes.list', `${REPO}\n`]]);
  assert.deepEqual(conn.commands.slice(1), ['DEBIAN_FRONTEND=noninteractive apt-get update -q']);
  assert.deepEqual(r.diff, [{ path: '/etc/apt/sources.list.d/kubernetes.list', before: '', after: `${REPO}\n` }]);

  const present = new FakeConnection([sources({ '/etc/apt/sources.list.d/k.list': REPO.replace(' https', '   https') + '\n' })]);
  const r2 = await aptRepositoryModule.run(fakeContext(present), { repo: REPO, filename: 'kubernetes' });
  assert.equal(r2.changed, false);
  assert.equal(present.commands.length, 1);
});

test('apt_repository absent removes the line (and an emptied file); check mode writes nothing', async () => {
  const conn = new FakeConnection([sources({ '/etc/apt/sources.list.d/kubernetes.list': `${REPO}\n` })]);
  const check = await aptRepositoryModule.run(fakeContext(conn, { check: true }), { repo: REPO, state: 'absent' });
  assert.equal(check.changed, true);
  assertReadOnly(conn.commands);
  const real = await aptRepositoryModule.run(fakeContext(conn), { repo: REPO, state: 'absent', update_cache: false });
  assert.equal(real.changed, true);
  assert.deepEqual(conn.commands.slice(-1), ['rm -f -- /etc/apt/sources.list.d/kubernetes.list']);
});

test('apt_repository default file name follows the URL', () => {
  assert.equal(defaultRepoFilename(REPO), 'pkgs_k8s_io_core_stable_v1_31_deb');
  assert.ok(READ_SOURCES_COMMAND.includes('/etc/apt/sources.list.d/*.list'));
});

test('deb822_repository renders the .sources file and is idempotent', async () => {
  const conn = new FakeConnection();
  const args = { name: 'kubernetes', uris: 'https://pkgs.k8s.io/core:/stable:/v1.31/deb/', suites: '/', signed_by: '/etc/apt/keyrings/kubernetes.gpg' };
  const r = await deb822RepositoryModule.run(fakeContext(conn), args);
  assert.equal(r.changed, true);
  assert.equal(
    conn.files.get('/etc/apt/sources.list.d/kubernetes.sources'),
    'X-Repolib-Name: kubernetes\nTypes: deb\nURIs: https://pkgs.k8s.io/core:/stable:/v1.31/deb/\nSuites: /\nSigned-By: /etc/apt/keyrings/kubernetes.gpg\n',
  );
  assert.equal((await deb822RepositoryModule.run(fakeContext(conn), args)).changed, false);
  assert.equal(conn.puts.length, 1);
  const bad = await deb822RepositoryModule.run(fakeContext(new FakeConnection()), { name: '../etc/passwd', uris: 'x', suites: 'y' });
  assert.equal(bad.failed, true);
});

test('apt_keyring stores a dearmored key with gpg and changes only when the bytes differ (real shell)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tsplay-keyring-'));
  try {
    const raw = Buffer.from('tsplay test key bytes \x00\x01\x02');
    writeFileSync(join(dir, 'raw'), raw);
    const armored = execFileSync('gpg', ['--batch', '--homedir', dir, '--enarmor'], { input: raw }).toString();
    const ctx = { ...fakeContext(new FakeConnection()), conn: new LocalConnection() };
    const dest = join(dir, 'keyrings', 'test.gpg');
    const first = await aptKeyringModule.run({ ...ctx, check: true }, { data: armored, dest });
    assert.equal(first.changed, true);
    assert.throws(() => readFileSync(dest));
    assert.equal((await aptKeyringModule.run(ctx, { data: armored, dest })).changed, true);
    assert.deepEqual(readFileSync(dest), raw);
    assert.equal((await aptKeyringModule.run(ctx, { data: armored, dest })).changed, false);
    assert.equal((await aptKeyringModule.run(ctx, { dest, state: 'absent' })).changed, true);
    assert.throws(() => readFileSync(dest));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('apt_keyring downloads on the target with curl or wget, the URL on stdin', async () => {
  const conn = new FakeConnection([{ match: /^tmp=/, reply: { stdout: 'differs\n' } }]);
  const r = await aptKeyringModule.run(fakeContext(conn), { name: 'kubernetes', url: "https://pkgs.k8s.io/x'y/Release.key" });
  assert.equal(r.changed, true);
  assert.equal(r['dest'], '/etc/apt/keyrings/kubernetes.gpg');
  assert.match(conn.commands[0]!, /curl -K - -fsSL --max-time 30 -o "\$tmp\/raw" \|\| exit 20/);
  assert.doesNotMatch(conn.commands[0]!, /pkgs\.k8s\.io/);
  assert.match(conn.stdins[0]!, /^url = "https:\/\/pkgs.k8s.io\/x'y\/Release.key"$/m);
  assert.match(conn.commands[0]!, /mv -f -- "\$t" \/etc\/apt\/keyrings\/kubernetes.gpg/);
  const check = new FakeConnection([{ match: /^tmp=/, reply: { stdout: 'differs\n' } }]);
  await aptKeyringModule.run(fakeContext(check, { check: true }), { name: 'kubernetes', url: 'https://x/k' });
  assert.doesNotMatch(check.commands[0]!, /mv -f -- "\$t"/);
});
