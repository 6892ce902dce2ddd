// Acceptance for issue #16: files travel over SFTP on the pooled connection, streamed, as the
// deploy user with become (staged in deploy's home, moved in by sudo, Ansible's way); directories
// copy as Ansible copies them; a second run changes nothing; a controller killed mid-transfer leaves
// the old destination and no temporary file; a host without an SFTP server gets the same files
// through the shell. The controller's peak RSS is read with /usr/bin/time.
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DEPLOY_SUDO_PASSWORD, DEPLOY_USER, runLocal, type LabHost } from './support/lab.js';
import { cleanHosts, cliCommand, ENGINE_FIXTURES, explain, fiveHosts, inventoryCopy, must, SSHD_RELOAD, tempDir, tsplay } from './engine-support.js';

const BIG_MIB = 128;
/** The bound for 1 GB to 20 hosts; 128 MiB to 5 hosts (640 MiB if held whole) must stay well inside it. */
const MAX_CONTROLLER_RSS_KIB = 300 * 1024;
const BASE = '/srv/tsplay-e2e-engine/transfers';

let hosts: LabHost[] = [];
let work = '';
let extraVars: string[] = [];
let bigSha1 = '';

const sha1 = (file: string) => execFileSync('sha1sum', [file], { encoding: 'utf8' }).split(' ')[0]!;
const sha1Text = (text: string) => createHash('sha1').update(text).digest('hex');
const inventory = () => inventoryCopy(hosts, { vars: { ansible_user: DEPLOY_USER, ansible_become_password: DEPLOY_SUDO_PASSWORD } });
const leftovers = (h: LabHost) => must(h, `find ${BASE} /home/${DEPLOY_USER} -maxdepth 2 \\( -name '.tsplay-tmp.*' -o -name '.tsplay-stage-*' \\) 2>/dev/null | wc -l`);

describe('engine: file transfers (SFTP, streamed, atomic)', { timeout: 900_000 }, () => {
  before(async () => {
    hosts = await fiveHosts();
    await cleanHosts(hosts, 'transfers');
    work = tempDir('tsplay-e2e-transfers-');
    const big = join(work, 'big.bin');
    execFileSync('/bin/sh', ['-c', `head -c ${BIG_MIB}M /dev/urandom > ${big}`]);
    bigSha1 = sha1(big);
    mkdirSync(join(work, 'tree', 'sub', 'deeper'), { recursive: true });
    writeFileSync(join(work, 'tree', 'a.txt'), 'a\n');
    writeFileSync(join(work, 'tree', 'sub', 'b.txt'), 'b\n');
    writeFileSync(join(work, 'tree', 'sub', 'deeper', 'c.bin'), Buffer.alloc(3 * 1024 * 1024, 9));
    writeFileSync(join(work, 'big-script.sh'), `#!/bin/sh\n# ${'x'.repeat(200 * 1024)}\necho "script ran: $*"\n`);
    mkdirSync(join(work, 'fetched'));
    extraVars = ['-e', `transfer_big=${big}`, '-e', `transfer_tree=${join(work, 'tree')}`, '-e', `transfer_script=${join(work, 'big-script.sh')}`, '-e', `transfer_fetch=${join(work, 'fetched')}`];
  });
  after(async () => {
    await cleanHosts(hosts, 'transfers');
  });

  it('copies a big file, directories and a big script to five hosts with bounded controller memory, and fetches it back', async () => {
    const timed = await runLocal('/usr/bin/time', ['-f', 'tsplay-maxrss-kib=%M', process.execPath, ...cliCommand(), 'run', resolve(ENGINE_FIXTURES, 'transfers.yml'), '-i', inventory(), ...extraVars],
      { timeoutMs: 600_000 });
    assert.equal(timed.rc, 0, `${timed.stdout}\n${timed.stderr}`);
    const rss = Number(/tsplay-maxrss-kib=(\d+)/.exec(timed.stderr)?.[1]);
    assert.ok(rss > 0 && rss < MAX_CONTROLLER_RSS_KIB, `controller peak RSS ${rss} KiB for ${BIG_MIB} MiB to ${hosts.length} hosts`);
    for (const h of hosts) {
      assert.equal((await must(h, `sha1sum < ${BASE}/big.bin`)).split(' ')[0], bigSha1, h.name);
      assert.equal(await must(h, `stat -c '%U %a' ${BASE}/big.bin`), 'root 640\n', h.name);
      assert.equal(await must(h, `cd ${BASE}/contents && find . -printf '%y %m %p\\n' | LC_ALL=C sort -k3`),
        'd 750 .\nf 600 ./a.txt\nd 750 ./sub\nf 600 ./sub/b.txt\nd 750 ./sub/deeper\nf 600 ./sub/deeper/c.bin\n', h.name);
      assert.equal(await must(h, `cat ${BASE}/itself/tree/sub/b.txt`), 'b\n', h.name);
      assert.equal(await leftovers(h), '0\n', `${h.name}: temporary or stage files left`);
      assert.equal(sha1(join(work, 'fetched', `big-${h.name}.bin`)), bigSha1, h.name);
    }
  });

  it('changes nothing on a second run', async () => {
    const second = await tsplay('transfers.yml', inventory(), ['--json', ...extraVars], { timeoutMs: 600_000 });
    assert.equal(second.rc, 0, explain(second));
    for (const h of hosts) assert.equal(second.json!.stats[h.name]!.changed, 0, explain(second));
  });

  it('a controller stopped (Ctrl-C twice) mid-transfer leaves the old or the whole new destination and no temporary file', async () => {
    const bigger = join(work, 'bigger.bin');
    execFileSync('/bin/sh', ['-c', `head -c 1024M /dev/urandom > ${bigger}`]);
    const biggerSha1 = sha1(bigger);
    for (const h of hosts) await must(h, `echo old > ${BASE}/big.bin`);
    const child = spawn(process.execPath, [...cliCommand(), 'run', resolve(ENGINE_FIXTURES, 'transfers.yml'), '-i', inventory(), ...extraVars, '-e', `transfer_big=${bigger}`], { stdio: 'ignore' });
    const exited = new Promise((resolveExit) => child.on('exit', resolveExit));
    const deadline = Date.now() + 120_000;
    // Interrupt once every host is receiving (a temporary or stage file over 16 MiB exists).
    const receiving = async (h: LabHost) => Number(await must(h, `find ${BASE} /home/${DEPLOY_USER} -maxdepth 1 \\( -name '.tsplay-tmp.*' -o -name '.tsplay-stage-*' \\) -size +16M 2>/dev/null | wc -l`)) > 0;
    while (!(await Promise.all(hosts.map(receiving))).every(Boolean)) {
      assert.ok(Date.now() < deadline, 'the transfer never got under way on every host');
      await new Promise((r) => setTimeout(r, 200));
    }
    // The first Ctrl-C lets tasks in flight finish; the second stops at once, mid-transfer.
    child.kill('SIGINT');
    await new Promise((r) => setTimeout(r, 300));
    child.kill('SIGINT');
    await exited;
    for (const h of hosts) {
      let left = await leftovers(h);
      for (let i = 0; i < 50 && left !== '0\n'; i++) {
        await new Promise((r) => setTimeout(r, 200));
        left = await leftovers(h);
      }
      assert.equal(left, '0\n', `${h.name}: temporary or stage files left after the interruption`);
      const now = (await must(h, `sha1sum < ${BASE}/big.bin`)).split(' ')[0];
      assert.ok(now === sha1Text('old\n') || now === biggerSha1, `${h.name}: the destination is neither the old file nor the whole new one`);
    }
  });

  it('a host without an SFTP server gets the same files through the shell', async () => {
    const h = hosts[0]!;
    await must(h, `sed -i.tsplay-bak 's/^\\(Subsystem[[:space:]]\\+sftp\\)/#\\1/' /etc/ssh/sshd_config && ${SSHD_RELOAD}`);
    try {
      await must(h, `rm -rf ${BASE}/big.bin ${BASE}/contents`);
      const run = await tsplay('transfers.yml', inventory(), ['--json', '--limit', h.name, ...extraVars], { timeoutMs: 600_000 });
      assert.equal(run.rc, 0, explain(run));
      assert.equal((await must(h, `sha1sum < ${BASE}/big.bin`)).split(' ')[0], bigSha1);
      assert.equal(await must(h, `cat ${BASE}/contents/sub/b.txt`), 'b\n');
      assert.equal(await leftovers(h), '0\n');
    } finally {
      await must(h, `mv /etc/ssh/sshd_config.tsplay-bak /etc/ssh/sshd_config && ${SSHD_RELOAD}`);
    }
  });
});
