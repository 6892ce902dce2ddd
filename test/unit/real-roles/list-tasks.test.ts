// The real-roles corpus (issue #14): every directory under test/real-roles/items/ is a small
// playbook (playbook.yml) applying public roles vendored unmodified under test/real-roles/vendor/,
// with its own inventory.yml or the shared test/real-roles/inventory.yml. For each item:
//   - `tsplay --syntax-check` exits 0;
//   - `tsplay --list-tasks` prints what `ansible-playbook --list-tasks` (2.14) prints.
//
// Both tools run with the item's directory as working directory, the same playbook argument, and
// ANSIBLE_ROLES_PATH = vendor/ plus every vendor/*/roles (a vendored project such as k3s-ansible or
// kubespray keeps its roles there and names them by their bare names). Ansible gets an empty
// ansible.cfg so nothing from the machine leaks in.
//
// The normalisation is deliberately small: stdout only (warnings go to stderr in both tools),
// trailing whitespace trimmed and blank lines dropped. Everything else must be identical: the
// `playbook:` line, each play's `play #N (pattern): name TAGS: [...]` line, and each task's title
// and tags, in order. A difference in a title, a tag or the order is a tsplay bug.
//
// Items listed in test/real-roles/known-failures.yml (with the reason) must still fail one of the two
// checks; when one passes, the test says to remove it from the list.
//
// Ansible's output is cached by a hash of the Ansible version, the item's files and the vendored
// files, in the fidelity corpus's cache directory. Without ansible-playbook the comparison is
// skipped locally and fails in CI (CI=true); the syntax check runs either way.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { parse } from 'yaml';
import { ansibleVersion, CACHE_DIR } from '../../fidelity/tools.js';
import { main } from '../../../src/cli/main.js';
import { fakeIO } from '../cli/fakes.js';

const REPO = new URL('../../../', import.meta.url).pathname;
const CORPUS = join(REPO, 'test/real-roles');
const ITEMS = join(CORPUS, 'items');
const VENDOR = join(CORPUS, 'vendor');

function subdirectories(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((name) => statSync(join(dir, name)).isDirectory()).sort();
}

/** Every file under dir, recursively, sorted (the hash must not depend on readdir's order). */
function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...filesUnder(path));
    else out.push(path);
  }
  return out;
}

const ROLES_PATH = [VENDOR, ...subdirectories(VENDOR).map((name) => join(VENDOR, name, 'roles')).filter(existsSync)].join(':');

interface Output {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<Output> {
  return new Promise((resolve) => {
    execFile(command, args, { cwd, env, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

function inventoryOf(item: string): string {
  const own = join(ITEMS, item, 'inventory.yml');
  return existsSync(own) ? own : join(CORPUS, 'inventory.yml');
}

/** tsplay in-process (a process per call would spend seconds starting tsx); --roles-path stands for ANSIBLE_ROLES_PATH. */
async function tsplay(item: string, flag: string): Promise<Output> {
  const io = fakeIO(join(ITEMS, item));
  const code = await main(['run', 'playbook.yml', '-i', inventoryOf(item), '--roles-path', ROLES_PATH, flag], io);
  return { code, stdout: io.out.text, stderr: io.err.text };
}

/** The vendored files' hash, computed once: every item may reach any of them. */
let vendorHash: string | undefined;
function itemHash(item: string, version: string): string {
  if (vendorHash === undefined) {
    const hash = createHash('sha256');
    for (const file of filesUnder(VENDOR)) hash.update(relative(VENDOR, file)).update(readFileSync(file));
    vendorHash = hash.digest('hex');
  }
  const hash = createHash('sha256').update(version).update(vendorHash).update(readFileSync(inventoryOf(item)));
  const dir = join(ITEMS, item);
  for (const file of filesUnder(dir)) hash.update(relative(dir, file)).update(readFileSync(file));
  return hash.digest('hex').slice(0, 32);
}

async function ansibleListTasks(item: string, version: string): Promise<Output> {
  const cacheFile = join(CACHE_DIR, `real-roles-${item}-${itemHash(item, version)}.json`);
  if (existsSync(cacheFile)) return JSON.parse(readFileSync(cacheFile, 'utf8')) as Output;
  const config = join(mkdtempSync(join(tmpdir(), 'tsplay-real-roles-')), 'ansible.cfg');
  writeFileSync(config, '[defaults]\n');
  const env = {
    ...process.env,
    ANSIBLE_CONFIG: config,
    ANSIBLE_ROLES_PATH: ROLES_PATH,
    ANSIBLE_NOCOLOR: '1',
    ANSIBLE_DEPRECATION_WARNINGS: '0',
    ANSIBLE_RETRY_FILES_ENABLED: '0',
  };
  const output = await run('ansible-playbook', ['playbook.yml', '-i', inventoryOf(item), '--list-tasks'], join(ITEMS, item), env);
  mkdirSync(CACHE_DIR, { recursive: true });
  writeFileSync(cacheFile, JSON.stringify(output));
  return output;
}

/** The normalisation documented above: stdout lines, trailing whitespace trimmed, blank lines dropped. */
export function normalisedListing(stdout: string): string[] {
  return stdout.split('\n').map((line) => line.trimEnd()).filter((line) => line !== '');
}

const items = subdirectories(ITEMS);
const version = ansibleVersion();
const skipAnsible = version === undefined && process.env['CI'] !== 'true'
  ? 'ansible-playbook is not installed: the real-roles comparison needs it (apt-get install ansible-core ansible)'
  : false;

test('the real-roles corpus has items', () => {
  assert.ok(items.length >= 9, `${items.length} items under ${ITEMS}`);
});

const knownFailures = (parse(readFileSync(join(CORPUS, 'known-failures.yml'), 'utf8')) ?? {}) as Record<string, string>;

test('every known failure names an item', () => {
  assert.deepEqual(Object.keys(knownFailures).filter((item) => !items.includes(item)), []);
});

/** Both checks; undefined when the item passes, else why not. */
async function failureOf(item: string, ansibleVersion: string | undefined): Promise<string | undefined> {
  const syntax = await tsplay(item, '--syntax-check');
  if (syntax.code !== 0) return `tsplay --syntax-check: exit ${syntax.code}\n${syntax.stdout}\n${syntax.stderr}`;
  if (ansibleVersion === undefined) return undefined;
  const ansible = await ansibleListTasks(item, ansibleVersion);
  assert.equal(ansible.code, 0, `ansible-playbook could not list ${item}: the item is broken\n${ansible.stdout}\n${ansible.stderr}`);
  const ours = await tsplay(item, '--list-tasks');
  if (ours.code !== 0) return `tsplay --list-tasks: exit ${ours.code}\n${ours.stderr}`;
  try {
    assert.deepEqual(normalisedListing(ours.stdout), normalisedListing(ansible.stdout));
  } catch (error) {
    return `--list-tasks differs from ansible-playbook's:\n${(error as Error).message}`;
  }
  return undefined;
}

for (const item of items) {
  const known = knownFailures[item];
  test(`real-roles item ${item}: tsplay --syntax-check exits 0 and --list-tasks prints what ansible-playbook --list-tasks prints${known ? ' (known failure)' : ''}`, { timeout: 300_000 }, async (t) => {
    if (skipAnsible) t.diagnostic(`${skipAnsible}; only --syntax-check is checked`);
    else assert.ok(version, 'ansible-playbook is not installed, and CI must run the real-roles comparison: apt-get install ansible-core ansible');
    const failure = await failureOf(item, version);
    if (known === undefined) assert.equal(failure, undefined, failure);
    else if (failure === undefined && version === undefined) t.diagnostic(`known failure (${known}): passes --syntax-check; the comparison needs ansible-playbook`);
    else if (failure === undefined) assert.fail(`${item} loads identically now: remove it from test/real-roles/known-failures.yml`);
    else t.diagnostic(`known failure: ${known}`);
  });
}
