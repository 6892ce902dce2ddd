// Keywords Ansible templates at run time: delegate_to per loop item, a play's hosts pattern and serial, and
// role argument values converted to the declared type before they are checked.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Role } from '../../../src/model.js';
import { inventory, play, playbook, results, role, runTest, task } from './helpers.js';

const hosts = inventory({ h1: { groups: ['web'] }, h2: { groups: ['web'] }, h3: { groups: ['db'] } });

test('delegate_to is templated for each loop item', async () => {
  const pb = playbook(play({ hosts: 'h1', tasks: [task('record', { n: '{{ item }}' }, { name: 'each', loop: ['h2', 'h3'], delegateTo: '{{ item }}' })] }));
  const { events } = await runTest(pb, hosts);
  const items = results(events, 'each').filter((e) => e.item !== undefined);
  assert.deepEqual(items.map((e) => [e.item, e.delegatedTo]), [['h2', 'h2'], ['h3', 'h3']]);
});

test("a play's hosts pattern is templated with extra vars and play vars", async () => {
  const pb = playbook(play({ hosts: '{{ target_group }}', tasks: [task('record', {}, { name: 'here' })] }));
  const fromExtra = await runTest(pb, hosts, { extraVars: { target_group: 'db' } });
  assert.deepEqual(results(fromExtra.events, 'here').map((e) => e.host), ['h3']);
  const fromPlay = await runTest(playbook(play({ hosts: '{{ g }}', vars: { g: 'web' }, tasks: [task('record', {}, { name: 'here' })] })), hosts);
  assert.deepEqual(results(fromPlay.events, 'here').map((e) => e.host).sort(), ['h1', 'h2']);
});

test("a play's serial is templated with extra vars and play vars (upgrade.yml's upgrade_worker_batch)", async () => {
  const five = inventory({ h1: {}, h2: {}, h3: {}, h4: {}, h5: {} });
  const banners = (events: Awaited<ReturnType<typeof runTest>>['events']) =>
    events.filter((e) => e.type === 'play_start').map((e) => e.type === 'play_start' && e.hosts);
  const pb = playbook(play({ serial: ["{{ batch | default('50%') }}"], tasks: [task('record', {}, { name: 't' })] }));
  assert.deepEqual(banners((await runTest(pb, five)).events), [['h1', 'h2'], ['h3', 'h4'], ['h5']]);
  assert.deepEqual(banners((await runTest(pb, five, { extraVars: { batch: '3' } })).events), [['h1', 'h2', 'h3'], ['h4', 'h5']]);
  const fromPlay = playbook(play({ serial: ['{{ sizes }}'], vars: { sizes: [1, '100%'] }, tasks: [task('record', {}, { name: 't' })] }));
  assert.deepEqual(banners((await runTest(fromPlay, five)).events), [['h1'], ['h2', 'h3', 'h4', 'h5']]);
});

function portRole(defaults: Record<string, unknown> = {}): Role {
  return role('svc', {
    defaults,
    tasks: [task('record', {}, { name: 'use port' })],
    argumentSpecs: {
      entryPoint: 'main',
      loc: { file: 'meta/argument_specs.yml', line: 1, col: 1 },
      schema: { type: 'object', required: ['svc_port'], properties: { svc_port: { type: 'integer' }, svc_addr: { type: 'string' } } },
    },
  });
}

const use = (r: Role) => [{ role: r, params: {}, when: [], tags: [], loc: { file: 'x', line: 1, col: 1 } }];

test('argument specs convert "6443" (as -e gives it) to an integer, and still refuse "eighty"', async () => {
  const pb = playbook(play({ hosts: 'h1', roles: use(portRole()) }));
  const ok = await runTest(pb, hosts, { extraVars: { svc_port: '6443' } });
  assert.equal(ok.outcome.stats['h1']!.failed, 0);
  assert.equal(results(ok.events, 'svc : use port').length, 1);
  const bad = await runTest(pb, hosts, { extraVars: { svc_port: 'eighty' } });
  assert.equal(bad.outcome.stats['h1']!.failed, 1);
  assert.deepEqual(bad.connects, []);
});

test('argument specs resolve templated values, and skip ones that need facts not gathered yet', async () => {
  const templated = playbook(play({ hosts: 'h1', vars: { base: 6000 }, roles: use(portRole({ svc_port: '{{ base + 443 }}', svc_addr: '{{ ansible_facts.default_ipv4.address }}' })) }));
  const { outcome, events } = await runTest(templated, hosts);
  assert.equal(outcome.stats['h1']!.failed, 0, JSON.stringify(results(events).map((e) => e.result['msg'])));
  const wrong = playbook(play({ hosts: 'h1', vars: { base: 'x' }, roles: use(portRole({ svc_port: '{{ base }}' })) }));
  assert.equal((await runTest(wrong, hosts)).outcome.stats['h1']!.failed, 1);
});
