// include_vars through the loader and the engine: where the file is found, Ansible's precedence
// (above task vars, below set_fact and extra vars), `name`, persistence into later plays and
// hostvars, and a located error for a bad file.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadPlaybook } from '../../../src/load/index.js';
import { allModules } from '../../../src/modules/all.js';
import { createRegistry } from '../../../src/modules/registry.js';
import { inventory, results, runTest } from '../engine/helpers.js';
import { writeTree } from '../support/file-tree.js';

const registry = createRegistry(allModules);

const tree = (files: Record<string, string>): string => writeTree(files, 'tsplay-include-vars-');

const messages = (events: Parameters<typeof results>[0], title: string) => results(events, title).map((e) => `${e.host}=${String(e.result['msg'])}`);

test('include_vars: found in vars/, beats task vars, loses to set_fact and -e, lasts into later plays and hostvars', async () => {
  const dir = tree({
    'site.yml': `- hosts: all
  gather_facts: false
  tasks:
    - include_vars: cluster.yml
    - include_vars:
        file: "{{ playbook_dir }}/extra.yml"
        name: extra
    - name: task vars lose
      debug: { msg: "{{ pod_cidr }}" }
      vars: { pod_cidr: from-task-vars }
    - name: from a template in the file
      debug: { msg: "{{ endpoint }}" }
    - name: named
      debug: { msg: "{{ extra.answer }}" }
    - set_fact: { pod_cidr: from-set-fact }
    - name: set_fact wins
      debug: { msg: "{{ pod_cidr }}" }
- hosts: h1
  gather_facts: false
  tasks:
    - name: later play
      debug: { msg: "{{ endpoint }} {{ hostvars['h2'].extra.answer }} {{ cluster_name }}" }
`,
    'vars/cluster.yml': 'pod_cidr: 10.244.0.0/16\nendpoint: "{{ inventory_hostname }}:6443"\ncluster_name: lab\n',
    'extra.yml': 'answer: 42\n',
  });
  const pb = await loadPlaybook(join(dir, 'site.yml'), { registry });
  const { events, outcome } = await runTest(pb, inventory({ h1: {}, h2: {} }), { extraVars: { cluster_name: 'from-extra-vars' } });
  assert.equal(outcome.anyFailed, false, JSON.stringify(results(events).filter((e) => e.status === 'failed')));
  assert.deepEqual(messages(events, 'task vars lose'), ['h1=10.244.0.0/16', 'h2=10.244.0.0/16']);
  assert.deepEqual(messages(events, 'from a template in the file'), ['h1=h1:6443', 'h2=h2:6443']);
  assert.deepEqual(messages(events, 'named'), ['h1=42', 'h2=42']);
  assert.deepEqual(messages(events, 'set_fact wins'), ['h1=from-set-fact', 'h2=from-set-fact']);
  assert.deepEqual(messages(events, 'later play'), ['h1=h1:6443 42 from-extra-vars']);
});

test("include_vars: a role's vars/ first; a missing file or a non-mapping fails the host with the file named", async () => {
  const dir = tree({
    'site.yml': `- hosts: h1
  gather_facts: false
  roles: [net]
  tasks:
    - include_vars: missing.yml
      ignore_errors: true
      register: missing
    - include_vars: list.yml
      ignore_errors: true
      register: bad
    - name: report
      debug: { msg: "{{ missing.msg }} | {{ bad.msg }}" }
`,
    'roles/net/tasks/main.yml': '- include_vars: net.yml\n- name: role value\n  debug: { msg: "{{ cni }}" }\n',
    'roles/net/vars/net.yml': 'cni: calico\n',
    'vars/net.yml': 'cni: from-playbook-vars\n',
    'vars/list.yml': '- a\n- b\n',
  });
  const pb = await loadPlaybook(join(dir, 'site.yml'), { registry });
  const { events } = await runTest(pb, inventory({ h1: {} }));
  assert.deepEqual(messages(events, 'net : role value'), ['h1=calico']);
  const report = String(results(events, 'report')[0]?.result['msg']);
  assert.match(report, /could not find or access 'missing.yml' \(looked in .*vars\/missing.yml/);
  assert.match(report, /vars\/list\.yml:1:1: a vars file must hold a mapping/);
});
