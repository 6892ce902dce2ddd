// Hosts and groups named `__proto__`, `constructor` or `toString` are ordinary names: a failure on
// one of them shows in PLAY RECAP and in --json like on any other host, and nothing reaches
// Object.prototype (issue #15, item 5).
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { after, test } from 'node:test';
import { main } from '../../../src/cli/main.js';
import { writeTree } from '../support/file-tree.js';

const PLAYBOOK = `- hosts: all
  gather_facts: false
  tasks:
    - name: fail on one
      fail: { msg: boom }
      when: inventory_hostname == '__proto__'
    - name: see the groups
      debug: { msg: "{{ group_names | join(',') }} {{ groups | dict2items | map(attribute='key') | sort | join(',') }}" }
`;
const YAML_INVENTORY = `all:
  vars: { ansible_connection: local }
  hosts:
    __proto__:
    constructor:
    toString:
  children:
    __proto__:
      hosts: { constructor: }
`;
const INI_INVENTORY = `__proto__ ansible_connection=local
toString ansible_connection=local

[__proto__]
constructor ansible_connection=local
`;
const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

async function run(inventory: string, json: boolean): Promise<{ rc: number; out: string }> {
  const dir = writeTree({ 'site.yml': PLAYBOOK, [inventory.startsWith('all:') ? 'inventory.yml' : 'inventory.ini']: inventory }, 'tsplay-proto-');
  dirs.push(dir);
  let out = '';
  const rc = await main(['run', 'site.yml', '-i', inventory.startsWith('all:') ? 'inventory.yml' : 'inventory.ini', json ? '--json' : '--plain'], {
    cwd: dir, env: { NO_COLOR: '1' }, stdout: { write: (c: string) => (out += c) }, stderr: { write: (c: string) => (out += c) },
  });
  return { rc, out };
}

function prototypeUntouched(): void {
  assert.deepEqual(Object.getOwnPropertyNames(Object.prototype).filter((n) => ['ok', 'failed', 'changed', 'skipped', 'hosts', 'task'].includes(n)), []);
  assert.equal(Object.getPrototypeOf({}), Object.prototype);
  assert.equal(typeof Object.prototype.toString, 'function');
}

for (const [kind, inventory] of [['YAML', YAML_INVENTORY], ['INI', INI_INVENTORY]] as const) {
  test(`${kind} inventory: hosts named __proto__/constructor/toString show in PLAY RECAP, the failed one as failed`, async () => {
    const { rc, out } = await run(inventory, false);
    assert.equal(rc, 2, out);
    const recap = out.slice(out.indexOf('PLAY RECAP'));
    assert.match(recap, /^__proto__ +: ok=0 +changed=0 +unreachable=0 +failed=1 /m);
    assert.match(recap, /^constructor +: ok=1 +changed=0 +unreachable=0 +failed=0 +skipped=1 /m);
    assert.match(recap, /^toString +: ok=1 +changed=0 +unreachable=0 +failed=0 +skipped=1 /m);
    assert.match(out, /ok: \[constructor\] => \{\n +"msg": "__proto__ __proto__,all,ungrouped"/, 'the group __proto__ holds its member');
    prototypeUntouched();
  });

  test(`${kind} inventory: --json carries every such host in the task results and the stats`, async () => {
    const { rc, out } = await run(inventory, true);
    assert.equal(rc, 2, out);
    const doc = JSON.parse(out) as { plays: { tasks: { hosts: Record<string, { status: string }> }[] }[]; stats: Record<string, { failures: number; ok: number }> };
    const failTask = doc.plays[0]!.tasks[0]!.hosts;
    assert.deepEqual(Object.keys(failTask).sort(), ['__proto__', 'constructor', 'toString']);
    assert.equal(Object.getOwnPropertyDescriptor(failTask, '__proto__')?.value.status, 'failed');
    assert.deepEqual(Object.keys(doc.stats), ['__proto__', 'constructor', 'toString']);
    assert.equal(Object.getOwnPropertyDescriptor(doc.stats, '__proto__')?.value.failures, 1);
    assert.equal(doc.stats['constructor']!.ok, 1);
    prototypeUntouched();
  });
}
