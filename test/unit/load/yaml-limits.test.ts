// YAML that would exhaust the controller is a located load error (exit 4), not a crash or a hang:
// alias bombs, nesting deeper than MAX_YAML_DEPTH, and huge mappings (the duplicate-key check is
// linear). Duplicate keys keep their file:line:col. (Issue #15, item 8.)
import { VaultKeyring } from '../../../src/vault/keyring.js';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { main } from '../../../src/cli/main.js';
import { LoadError } from '../../../src/errors.js';
import { loadVarsFile } from '../../../src/load/vars-file.js';
import { parseYaml } from '../../../src/load/yaml-source.js';
import { MAX_YAML_DEPTH } from '../../../src/load/yaml-checks.js';
import { writeTree } from '../support/file-tree.js';

const NO_VAULT = new VaultKeyring([]);

const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const BILLION_LAUGHS = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
  ...Array.from({ length: 9 }, (_, i) => `a${i + 1}: &a${i + 1} [${Array(9).fill(`*a${i}`).join(',')}]`)].join('\n') + '\n';

/** `k:` nested `depth` mappings deep, one per line, indented by two. */
function nestedMapping(depth: number, indent = 0): string {
  return Array.from({ length: depth }, (_, i) => `${'  '.repeat(indent + i)}k:\n`).join('') + `${'  '.repeat(indent + depth)}v\n`;
}

async function runWithVarsFile(vars: string): Promise<{ rc: number; out: string; dir: string }> {
  const dir = writeTree({
    'site.yml': '- hosts: all\n  gather_facts: false\n  vars_files: [vars.yml]\n  tasks:\n    - debug: { msg: hi }\n',
    'inventory.yml': 'all:\n  hosts:\n    h1: { ansible_connection: local }\n',
    'vars.yml': vars,
  }, 'tsplay-yaml-limits-');
  dirs.push(dir);
  let out = '';
  const rc = await main(['run', 'site.yml', '-i', 'inventory.yml', '--plain'], {
    cwd: dir, env: { NO_COLOR: '1' }, stdout: { write: (c: string) => (out += c) }, stderr: { write: (c: string) => (out += c) },
  });
  return { rc, out, dir };
}

function loadError(run: () => unknown): LoadError {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof LoadError, String(error));
    return error;
  }
  assert.fail('expected a LoadError');
}

test('an alias bomb (billion laughs) is exit 4 at the first multiplying alias', async () => {
  const { rc, out, dir } = await runWithVarsFile(BILLION_LAUGHS);
  assert.equal(rc, 4, out);
  assert.ok(out.includes(`ERROR! ${join(dir, 'vars.yml')}:3:10: YAML aliases expand too much (more than 1000 expansions`), out);
});

test('a 3000-deep mapping is exit 4 naming the depth limit, with a location in the file', async () => {
  const { rc, out, dir } = await runWithVarsFile(nestedMapping(3000));
  assert.equal(rc, 4, out);
  assert.match(out, new RegExp(`ERROR! ${join(dir, 'vars.yml')}:\\d+:\\d+: YAML nested too deeply: more than ${MAX_YAML_DEPTH} levels`));
});

test('deep flow collections are refused the same way; the limit is exact', () => {
  const flow = (depth: number) => `x: ${'['.repeat(depth)}${']'.repeat(depth)}\n`;
  assert.doesNotThrow(() => parseYaml(flow(MAX_YAML_DEPTH - 1), 'ok.yml', NO_VAULT));
  const error = loadError(() => parseYaml(flow(MAX_YAML_DEPTH), 'deep.yml', NO_VAULT));
  assert.equal(error.describe(), `deep.yml:1:${4 + MAX_YAML_DEPTH - 1}: YAML nested too deeply: more than ${MAX_YAML_DEPTH} levels of mappings and sequences`);
  assert.match(loadError(() => parseYaml(flow(3000), 'deeper.yml', NO_VAULT)).describe(), /^deeper\.yml:1:\d+: YAML nested too deeply/);
  assert.doesNotThrow(() => parseYaml(nestedMapping(MAX_YAML_DEPTH), 'ok.yml', NO_VAULT));
  assert.match(loadError(() => parseYaml(nestedMapping(MAX_YAML_DEPTH + 1), 'deep.yml', NO_VAULT)).describe(), new RegExp(`^deep\\.yml:${MAX_YAML_DEPTH + 1}:${2 * MAX_YAML_DEPTH + 1}: YAML nested too deeply`));
});

test('a 60,000-key vars file loads in a couple of seconds of CPU (the quadratic check took ~40 s)', async () => {
  const lines = Array.from({ length: 60000 }, (_, i) => `key_${i}: value ${i}\n`).join('');
  const dir = writeTree({ 'big.yml': lines }, 'tsplay-yaml-big-');
  dirs.push(dir);
  // CPU time, not wall time: the test machine may be busy with other work.
  const started = process.cpuUsage();
  const vars = await loadVarsFile(join(dir, 'big.yml'), NO_VAULT);
  const used = process.cpuUsage(started);
  const seconds = (used.user + used.system) / 1e6;
  assert.equal(Object.keys(vars).length, 60000);
  assert.equal(vars['key_59999'], 'value 59999');
  assert.ok(seconds < 5, `took ${seconds} s of CPU`);
});

test('duplicate keys are still found with their file:line:col, in block and flow mappings, at any depth', () => {
  const where = (text: string) => loadError(() => parseYaml(text, 'f.yml', NO_VAULT)).describe();
  assert.equal(where('a: 1\nb:\n  c: 2\n  d: 3\n  c: 4\n'), "f.yml:5:3: duplicate key 'c'");
  assert.equal(where('x: [1, {p: 1, q: 2, p: 3}]\n'), "f.yml:1:21: duplicate key 'p'");
  assert.equal(where('- name: a\n  debug: {}\n  "name": b\n'), "f.yml:3:3: duplicate key 'name'");
  assert.equal(where('on: 1\nyes: 2\n'), "f.yml:2:1: duplicate key 'yes'", 'YAML 1.1 reads both as true, as the yaml package compared them');
  assert.doesNotThrow(() => parseYaml('1: a\n"1": b\nk: {a: 1}\nj: {a: 1}\n', 'f.yml', NO_VAULT), 'a number and a string differ; keys of sibling mappings do not clash');
});
