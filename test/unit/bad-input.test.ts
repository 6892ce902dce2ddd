// The bad-input corpus (test/bad-input/manifest.json): every case must end with one clear error,
// its location and the expected exit code; load-time cases must not open a single connection
// (the inventory points at a TCP listener on 127.0.0.1 that counts connections). Hostile values
// must arrive on the (local) host as literal data.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { main } from '../../src/cli/main.js';

const CORPUS = join(dirname(fileURLToPath(import.meta.url)), '../bad-input');

interface Case {
  case: string;
  description: string;
  rc: number;
  message?: string;
  /** file:line:col relative to the case directory ('site.yml:' = the file, any position). */
  where?: string;
  /** Runtime failures are located by host and task. */
  task?: string;
  host?: string;
  loadTime: boolean;
  args?: string[];
  files?: Record<string, string>;
  absent?: string[];
}

const manifest = JSON.parse(readFileSync(join(CORPUS, 'manifest.json'), 'utf8')) as Case[];
let server: Server;
let port = 0;
let connections = 0;
let keyFile = '';

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? filesUnder(join(dir, f)) : [join(dir, f)]));
}

/** A copy of the case's files with the placeholders filled in. */
function prepareCase(entry: Case) {
  const dir = mkdtempSync(join(tmpdir(), `tsplay-bad-${entry.case}-`));
  const out = mkdtempSync(join(tmpdir(), 'tsplay-bad-out-'));
  cpSync(join(CORPUS, 'cases', entry.case), dir, { recursive: true });
  const fill = (text: string) => text.replaceAll('__PORT__', String(port)).replaceAll('__OUT__', out).replaceAll('__KEY__', keyFile);
  for (const file of filesUnder(dir)) writeFileSync(file, fill(readFileSync(file, 'utf8')));
  const inventory = existsSync(join(dir, 'inventory.ini')) ? 'inventory.ini' : 'inventory.yml';
  return { dir, out, fill, inventory };
}

async function runCase(entry: Case) {
  const { dir, out, fill, inventory } = prepareCase(entry);
  let stdout = '';
  let stderr = '';
  const before = connections;
  const rc = await main(['run', 'site.yml', '-i', inventory, '--plain', ...(entry.args ?? [])], {
    cwd: dir,
    env: { NO_COLOR: '1' },
    stdout: { write: (chunk: string) => (stdout += chunk) },
    stderr: { write: (chunk: string) => (stderr += chunk) },
  });
  // Let any connection attempt reach the listener before counting.
  await new Promise((r) => setTimeout(r, 20));
  return { rc, output: stdout + stderr, dir, out, connections: connections - before, fill };
}

describe('bad-input corpus', () => {
  before(async () => {
    server = createServer((socket) => {
      connections++;
      socket.destroy();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as { port: number }).port;
    const keyDir = mkdtempSync(join(tmpdir(), 'tsplay-bad-key-'));
    keyFile = join(keyDir, 'id_ed25519');
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', keyFile]);
  });
  after(() => {
    server.close();
    rmSync(dirname(keyFile), { recursive: true, force: true });
  });

  it('has at least 40 cases, each with a directory', () => {
    assert.ok(manifest.length >= 40, `only ${manifest.length} cases`);
    for (const entry of manifest) assert.ok(existsSync(join(CORPUS, 'cases', entry.case, 'site.yml')), entry.case);
  });

  it('the connection counter works: a valid playbook against the listener is counted', async () => {
    const control: Case = { case: 'module-unknown', description: 'control', rc: 4, loadTime: true };
    const { dir } = await runCase(control);
    writeFileSync(join(dir, 'site.yml'), '- hosts: all\n  gather_facts: false\n  tasks:\n    - command: "true"\n');
    const before = connections;
    const rc = await main(['run', 'site.yml', '-i', 'inventory.yml', '--plain', '--connect-retries', '0'], { cwd: dir, env: { NO_COLOR: '1' }, stdout: { write: () => true }, stderr: { write: () => true } });
    assert.equal(rc, 4, 'the listener is no sshd: unreachable');
    assert.ok(connections > before, 'the listener saw the connection attempt');
  });

  // The built CLI (the bin: one bundle, schemas precompiled at build time, see src/build/) must
  // report schema errors exactly as the source does (where every schema is compiled at run time).
  const BUNDLE = join(dirname(fileURLToPath(import.meta.url)), '../../dist/src/bundle/cli.js');
  const SCHEMA_CASES = ['play-unknown-key-near-miss', 'task-unknown-keyword-near-miss', 'module-arg-near-miss', 'module-arg-wrong-type',
    'module-arg-bad-enum', 'play-wrong-type', 'play-missing-hosts', 'tasks-not-a-list', 'inventory-hosts-not-mapping'];
  it('the built CLI reports the schema errors exactly as the source does', { skip: !existsSync(BUNDLE) && 'not built' }, async () => {
    for (const name of SCHEMA_CASES) {
      const entry = manifest.find((c) => c.case === name);
      assert.ok(entry, name);
      const fromSource = await runCase(entry);
      const { dir, inventory } = prepareCase(entry);
      const built = spawnSync(process.execPath, [BUNDLE, 'run', 'site.yml', '-i', inventory, '--plain', ...(entry.args ?? [])],
        { cwd: dir, env: { ...process.env, NO_COLOR: '1' }, encoding: 'utf8' });
      assert.equal(built.status, entry.rc, `${name}: ${built.stderr}`);
      const errorLine = (text: string, root: string) => text.replaceAll(root, '<case>').split('\n').find((l) => l.startsWith('ERROR! '));
      const expected = errorLine(fromSource.output, fromSource.dir);
      assert.ok(expected?.includes(entry.message ?? ''), `${name}: ${fromSource.output}`);
      assert.equal(errorLine(built.stdout + built.stderr, dir), expected, name);
      rmSync(dir, { recursive: true, force: true });
    }
  });

  for (const entry of manifest) {
    it(`${entry.case}: ${entry.description}`, async () => {
      const result = await runCase(entry);
      const shown = result.output.replaceAll(result.dir, '<case>');
      assert.equal(result.rc, entry.rc, `exit code\n${shown}`);
      if (entry.loadTime) assert.equal(result.connections, 0, 'a load-time error must not contact any host');
      if (entry.rc !== 0) {
        const errors = result.output.split('\n').filter((line) => /^ERROR! |^fatal: \[/.test(line));
        assert.equal(errors.length, 1, `exactly one error line:\n${shown}`);
        if (entry.message) assert.ok(result.output.includes(entry.message), `message '${entry.message}' in:\n${shown}`);
        if (entry.where) {
          const where = entry.where.startsWith('-e') ? entry.where : `${result.dir}/${entry.where}`;
          assert.ok(result.output.includes(where), `location ${entry.where} in:\n${shown}`);
          // A load error at a line of a file on disk shows that line with a caret, as Ansible's "offending line".
          const at = /^[^-].*:(\d+):(\d+)$/.exec(entry.where);
          const vaulted = at !== null && readFileSync(join(result.dir, entry.where.replace(/:\d+:\d+$/, '')), 'utf8').startsWith('$ANSIBLE_VAULT');
          if (at && errors[0]!.startsWith('ERROR! ') && !vaulted) {
            assert.match(result.output, new RegExp(`The offending line appears to be:\n\n(?:.*\n)*> +${at[1]} \\|.*\n +\\| {${Number(at[2])}}\\^`), `offending line ${entry.where} in:\n${shown}`);
          }
        }
        if (entry.task) assert.match(result.output, new RegExp(`TASK \\[${entry.task.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\]`));
        if (entry.host) assert.ok(result.output.includes(`fatal: [${entry.host}]`), `host ${entry.host} named`);
        assert.ok(entry.where || entry.task, 'every error case names a location');
      }
      for (const [name, content] of Object.entries(entry.files ?? {})) {
        const path = join(result.out, result.fill(name));
        assert.ok(existsSync(path), `${name} was created literally`);
        assert.equal(readFileSync(path, 'utf8'), result.fill(content), `${name} holds the value literally`);
      }
      for (const name of entry.absent ?? []) {
        for (const place of [result.out, result.dir, process.cwd()]) assert.ok(!existsSync(join(place, name)), `${name} must not exist: a value was executed`);
      }
      if (entry.absent) assert.ok(existsSync(join(result.dir, 'keep')), 'nothing was deleted');
      rmSync(result.dir, { recursive: true, force: true });
      rmSync(result.out, { recursive: true, force: true });
    });
  }
});
