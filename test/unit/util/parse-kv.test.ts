// key=value argument text read as Ansible's parse_kv: Jinja blocks and quotes keep a value together.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseKv, splitArgs } from '../../../src/util/parse-kv.js';
import { loadPlaybook } from '../../../src/load/index.js';
import type { ModuleTask } from '../../../src/model.js';
import { defaultRegistry } from '../../../src/modules/registry.js';
import { writeTree } from '../support/file-tree.js';

test('spaces inside {{ }}, {% %} and quotes keep a word together; quotes stay in the words', () => {
  assert.deepEqual(splitArgs(`x={{ groups['masters'][0] }} y="a b"  z='c d' {% if a %}1{% endif %}`),
    [`x={{ groups['masters'][0] }}`, 'y="a b"', "z='c d'", '{% if a %}1{% endif %}']);
  assert.throws(() => splitArgs('x="open'), /unbalanced jinja2 block or quotes/);
  assert.throws(() => splitArgs('x={{ open'), /unbalanced jinja2 block or quotes/);
});

test('values lose only the quotes that wrap them whole; escapes decode; the first unescaped = splits', () => {
  assert.deepEqual(parseKv(`x={{ groups['masters'][0] }} y="a b" z='c d' w=a"b"c e="x=1" k\\=v=1 n="l1\\nl2"`).options, {
    x: "{{ groups['masters'][0] }}", y: 'a b', z: 'c d', w: 'a"b"c', e: 'x=1', 'k\\=v': '1', n: 'l1\nl2',
  });
  assert.deepEqual(parseKv('echo a\\=b plain x=1'), { options: { x: '1' }, rawParams: ['echo', 'a=b', 'plain'] });
});

test('set_fact and other modules in key=value form load with spaces inside their templates', async () => {
  const dir = writeTree({ 'site.yml': `- hosts: all
  tasks:
    - set_fact: x={{ groups['masters'][0] }} flag=yes label="two words"
    - debug: msg={{ x | default('none') }}
` }, 'tsplay-kv-');
  const [setFact, debug] = (await loadPlaybook(join(dir, 'site.yml'), { registry: defaultRegistry })).plays[0]!.tasks as ModuleTask[];
  assert.deepEqual(setFact!.args, { x: "{{ groups['masters'][0] }}", flag: true, label: 'two words' });
  assert.deepEqual(debug!.args, { msg: "{{ x | default('none') }}" });
});
