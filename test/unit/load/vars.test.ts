import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadVarsFile, parseExtraVars, parseYaml } from '../../../src/load/index.js';
import { VaultKeyring } from '../../../src/vault/keyring.js';
import { assertLoadError } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'tsplay-vars-'));

test('YAML 1.1 like Ansible: yes/on booleans, 0644 octal, y stays text, dates stay text', () => {
  const value = parseYaml('a: yes\nb: off\nc: 0644\nd: y\ne: 2024-01-02\nf: "0644"\ng: 0x1F\n', 'x.yml', new VaultKeyring([])).toJS();
  assert.deepEqual(value, { a: true, b: false, c: 420, d: 'y', e: '2024-01-02', f: '0644', g: 31 });
});

test('floats as PyYAML reads them: e1, 1e3 and . stay text (the yaml package read e1 as NaN)', () => {
  const value = parseYaml('hosts: [e1, e2]\nexp: 1e3\ndot: .\nf: 1.5\ng: .5\nh: 1.0e+3\ni: -2.\nj: .inf\n', 'x.yml', new VaultKeyring([])).toJS();
  assert.deepEqual(value, { hosts: ['e1', 'e2'], exp: '1e3', dot: '.', f: 1.5, g: 0.5, h: 1000, i: -2, j: Infinity });
});

test('parseYaml locates nodes and keys', () => {
  const src = parseYaml('top:\n  - a: 1\n    bee: 2\n', 'x.yml', new VaultKeyring([]));
  assert.deepEqual(src.loc(['top', 0, 'bee']), { file: 'x.yml', line: 3, col: 10 });
  assert.deepEqual(src.keyLoc(['top', 0, 'bee']), { file: 'x.yml', line: 3, col: 5 });
});

test('extra vars: k=v strings, quoted values, JSON, @file, later wins', () => {
  const json = join(dir, 'e.json');
  writeFileSync(json, '{"n": 3, "list": [1]}');
  const yml = join(dir, 'e.yml');
  writeFileSync(yml, 'flag: yes\nn: 4\n');
  assert.deepEqual(parseExtraVars(['a=1 b="two words" c=x=y']), { a: '1', b: 'two words', c: 'x=y' });
  assert.deepEqual(parseExtraVars(['{"k": true, "n": 2}']), { k: true, n: 2 });
  assert.deepEqual(parseExtraVars([`@${json}`, `@${yml}`, 'list=override']), { n: 4, list: 'override', flag: true });
  assert.throws(() => parseExtraVars(['novalue']), /key=value/);
});

test('loadVarsFile reads YAML and JSON and rejects non-mappings', async () => {
  const yml = join(dir, 'v.yml');
  writeFileSync(yml, 'x: 1\n');
  assert.deepEqual(await loadVarsFile(yml, new VaultKeyring([])), { x: 1 });
  const empty = join(dir, 'empty.yml');
  writeFileSync(empty, '');
  assert.deepEqual(await loadVarsFile(empty, new VaultKeyring([])), {});
  const list = join(dir, 'list.yml');
  writeFileSync(list, '- 1\n');
  await assertLoadError(() => loadVarsFile(list, new VaultKeyring([])), list, 1, 1, /must hold a mapping/);
});
