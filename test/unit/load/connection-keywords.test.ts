// Play keywords remote_user, port and connection: loaded with their location checked, and at run
// time the connection's user/port/kind come from them unless the host's own variable says
// otherwise (Ansible: variables beat keywords, keywords beat -u). A play with other keywords gets
// its own connection to a host. Specs are resolved by the real resolver, with no ssh config.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { ConnectionSpec } from '../../../src/connection/types.js';
import { loadPlaybook } from '../../../src/load/index.js';
import { allModules } from '../../../src/modules/all.js';
import { createRegistry } from '../../../src/modules/registry.js';
import { inventory, recordingResolver, runTest } from '../engine/helpers.js';
import { assertLoadError } from './helpers.js';

function playbookFile(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'tsplay-conn-kw-'));
  writeFileSync(join(dir, 'site.yml'), text);
  return join(dir, 'site.yml');
}

const registry = createRegistry(allModules);

test('remote_user, port and connection default the connection; host variables and aliases win; -u loses', async () => {
  const file = playbookFile(`- hosts: all
  gather_facts: false
  remote_user: alice
  port: 2222
  tasks:
    - command: "true"
- hosts: h1
  gather_facts: false
  connection: local
  tasks:
    - command: "true"
- hosts: h1
  gather_facts: false
  tasks:
    - command: "true"
- hosts: h3
  gather_facts: false
  remote_user: "{{ admin_user }}"
  tasks:
    - command: "true"
`);
  const pb = await loadPlaybook(file, { registry });
  assert.deepEqual(pb.plays[0]!.connectionDefaults, { ansible_user: 'alice', ansible_port: 2222 });
  const specs: ConnectionSpec[] = [];
  const inv = inventory({ h1: {}, h2: { vars: { ansible_ssh_user: 'bob', ansible_port: 2200 } }, h3: { vars: { admin_user: 'dave' } } });
  const { connects, outcome, events } = await runTest(pb, inv, { remoteUser: 'carol' }, {
    resolveSpec: recordingResolver(specs),
  });
  assert.equal(outcome.anyFailed || outcome.anyUnreachable, false, JSON.stringify(events.filter((e) => e.type === 'host_result' && e.status !== 'ok' && e.status !== 'changed')));
  const seen = specs.map((s) => `${s.host} ${s.kind} ${s.kind === 'ssh' ? `${s.user}:${s.port}` : ''}`.trim());
  assert.deepEqual(seen, [
    'h1 ssh alice:2222', // play 1: the keywords
    'h2 ssh bob:2200', // the host's ansible_ssh_user and ansible_port win
    'h3 ssh alice:2222',
    'h1 local', // play 2: connection: local
    'h1 ssh carol:22', // play 3: no keywords, so -u applies; a connection of its own
    'h3 ssh dave:22', // play 4: a templated keyword, from the host's variables
  ]);
  assert.equal(connects.length, 6);
});

test('a play reusing the same keywords (in another order) reuses the connection', async () => {
  const file = playbookFile(`- hosts: h1
  gather_facts: false
  remote_user: alice
  port: 2222
  tasks:
    - command: "true"
- hosts: h1
  gather_facts: false
  tasks:
    - block:
        - command: "true"
          remote_user: alice
      port: 2222
`);
  const pb = await loadPlaybook(file, { registry });
  const { connects } = await runTest(pb, inventory({ h1: {} }));
  assert.deepEqual(connects, ['h1']);
});

test('on blocks and tasks too: the innermost keyword wins, each set opens its own connection', async () => {
  const file = playbookFile(`- hosts: h1
  gather_facts: false
  remote_user: alice
  tasks:
    - name: play user
      command: "true"
    - block:
        - name: block user
          command: "true"
        - name: task user in the block
          command: "true"
          remote_user: carol
          port: 2201
      remote_user: bob
    - name: task connection
      command: "true"
      connection: local
`);
  const pb = await loadPlaybook(file, { registry });
  const specs: ConnectionSpec[] = [];
  const { connects } = await runTest(pb, inventory({ h1: {} }), {}, { resolveSpec: recordingResolver(specs) });
  assert.deepEqual(specs.map((spec) => (spec.kind === 'ssh' ? `${spec.user}:${spec.port}` : spec.kind)), ['alice:22', 'bob:22', 'carol:2201', 'local']);
  assert.equal(connects.length, 4);
});

test('an unknown connection type is a load error at its line and column, on a play or a task', async () => {
  const file = playbookFile(`- hosts: all
  connection: winrm
  tasks: []
`);
  await assertLoadError(() => loadPlaybook(file, { registry }), file, 2, 15, /connection/);
  const onTask = playbookFile(`- hosts: all
  tasks:
    - command: "true"
      connection: docker
`);
  await assertLoadError(() => loadPlaybook(onTask, { registry }), onTask, 4, 19, /connection/);
});
