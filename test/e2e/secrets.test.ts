// Secrets end to end: vault files and `!vault` values decrypt transparently, vault values and no_log
// results never appear in any output (plain, -vvvv, --json, errors), and neither the become password
// nor the vault password ever shows in a process list on the controller or the target.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { before, describe, it } from 'node:test';
import { runCli, sleep, spawnCli, writeTree, labInventoryYaml } from './faults-support.js';
import { DEPLOY_SUDO_PASSWORD, DEPLOY_USER, ensureLab, sshRun, type LabHost } from './support/lab.js';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '../unit/vault/fixtures');
const PASSWORD_FILE = join(FIXTURES, 'password.txt');
const VAULT_PASSWORD = readFileSync(PASSWORD_FILE, 'utf8').trim();
const SECRETS = ['s3cr3t-from-ansible', 'tok-42-ansible', 'inline-s3cret-value'];
const NO_LOG_SECRET = 'nolog-argument-7781';

function playbookDir(out: string): string {
  const inline = readFileSync(join(FIXTURES, 'inline.yml'), 'utf8').trimEnd().split('\n').map((l) => `    ${l}`).join('\n');
  return writeTree({
    'inventory.yml': 'all:\n  hosts:\n    box:\n      ansible_connection: local\n',
    'group_vars/all.yml': readFileSync(join(FIXTURES, 'secrets.vault.yml'), 'utf8'),
    'site.yml': `- hosts: all
  gather_facts: false
  vars:
${inline}
    plain_marker: visible-marker
  tasks:
    - name: debug the vault values
      debug:
        msg: "db={{ db_password }} inline={{ inline_secret }} {{ plain_marker }}"
    - name: write a vault value into a file
      copy:
        content: "token={{ api_token }}\\n"
        dest: ${out}/token.txt
    - name: a no_log command
      command: echo ${NO_LOG_SECRET} {{ inline_secret }}
      no_log: true
    - name: a failing no_log task
      command: /bin/false ${NO_LOG_SECRET}
      no_log: true
      ignore_errors: true
    - name: a failure naming a vault value
      fail:
        msg: "cannot use {{ db_password }}"
`,
  });
}

describe('vault values and no_log in every output', () => {
  it('decrypts transparently and masks everywhere: plain, -vvvv, --diff, --json', async () => {
    const out = writeTree({});
    const dir = playbookDir(out);
    const base = ['run', join(dir, 'site.yml'), '-i', join(dir, 'inventory.yml'), '--vault-password-file', PASSWORD_FILE];
    const runs = await Promise.all([runCli([...base, '--plain']), runCli([...base, '--plain', '-vvvv', '-D']), runCli([...base, '--json', '-vvv'])]);
    for (const run of runs) {
      assert.equal(run.rc, 2, `the fail task fails the host: ${run.stderr}`);
      const all = run.stdout + run.stderr;
      for (const secret of [...SECRETS, NO_LOG_SECRET, VAULT_PASSWORD]) assert.ok(!all.includes(secret), `output shows ${secret}:\n${all}`);
      assert.match(all, /\*{8}/);
      assert.match(all, /visible-marker/, 'non-secret values are not masked');
    }
    const json = JSON.parse(runs[2]!.stdout) as { stats: Record<string, { failures: number }> };
    assert.equal(json.stats.box!.failures, 1);
    // The value itself arrived intact on the host: masking is for output only.
    assert.equal(readFileSync(join(out, 'token.txt'), 'utf8'), 'token=tok-42-ansible\n');
  });

  it('without a vault password the run stops at load time naming the file', async () => {
    const dir = playbookDir(writeTree({}));
    const run = await runCli(['run', join(dir, 'site.yml'), '-i', join(dir, 'inventory.yml')]);
    assert.equal(run.rc, 4);
    assert.match(run.stderr, /site\.yml:\d+:\d+: .*vault-encrypted but no vault password was given/);
  });

  it('a wrong vault password names the file and shows no secret', async () => {
    const dir = playbookDir(writeTree({}));
    const wrong = join(writeTree({ 'pw': 'wrong-password\n' }), 'pw');
    const run = await runCli(['run', join(dir, 'site.yml'), '-i', join(dir, 'inventory.yml'), '--vault-password-file', wrong]);
    assert.equal(run.rc, 4);
    assert.match(run.stderr, /site\.yml:\d+:\d+: decryption of this !vault value failed: none of the vault passwords given fits/);
    assert.ok(!run.stderr.includes('wrong-password'));
  });
});

describe('passwords never in a process list', { timeout: 300_000 }, () => {
  let host: LabHost;
  before(async () => {
    host = (await ensureLab(1))[0]!;
  });

  it('become password (sudo over stdin) and vault password are absent from ps on target and controller', async () => {
    const dir = writeTree({
      'inventory.yml': labInventoryYaml([host], { ansible_user: DEPLOY_USER, ansible_become_password: DEPLOY_SUDO_PASSWORD }),
      'site.yml': `- hosts: all
  gather_facts: false
  become: true
  tasks:
    - name: a long become task
      command: sleep 4
    - name: proves sudo worked
      command: id -u
      register: who
    - assert:
        that: who.stdout == '0'
`,
    });
    const running = spawnCli(['run', join(dir, 'site.yml'), '-i', join(dir, 'inventory.yml'), '--vault-password-file', PASSWORD_FILE, '--plain']);
    const targetLists: string[] = [];
    const controllerLists: string[] = [];
    const deadline = Date.now() + 15_000;
    let sawSleep = false;
    while (Date.now() < deadline && running.child.exitCode === null) {
      const ps = await sshRun(host, 'ps -eo pid,args');
      targetLists.push(ps.stdout);
      if (/sleep 4/.test(ps.stdout)) sawSleep = true;
      controllerLists.push(execFileSync('ps', ['-eo', 'pid,args'], { encoding: 'utf8' }));
      await sleep(200);
    }
    const run = await running.done;
    assert.equal(run.rc, 0, run.stdout + run.stderr);
    assert.ok(sawSleep, 'the become task was seen running on the target');
    for (const list of targetLists) assert.ok(!list.includes(DEPLOY_SUDO_PASSWORD), `target ps shows the sudo password:\n${list}`);
    for (const list of controllerLists) {
      assert.ok(!list.includes(DEPLOY_SUDO_PASSWORD), 'controller ps shows the sudo password');
      assert.ok(!list.includes(VAULT_PASSWORD), 'controller ps shows the vault password');
    }
    assert.ok(!(run.stdout + run.stderr).includes(DEPLOY_SUDO_PASSWORD));
  });
});
