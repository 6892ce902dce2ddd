// setup with gather_subset and filter: Ansible 2.14's subset rules on tsplay's fact groups (pure),
// and the module for real on this machine through the local connection.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { selectFacts, selectedGroups } from '../../../src/facts/subsets.js';
import { setupModule } from '../../../src/modules/setup.js';
import { FakeConnection, fakeContext } from './fake-connection.js';
import { RecordingConnection } from './recording-connection.js';

const ctxOn = (conn: RecordingConnection) => ({ ...fakeContext(new FakeConnection()), conn });
const sorted = (set: Set<string>) => [...set].sort();

describe('gather_subset', () => {
  it('follows Ansible: all by default, min always unless !min, a named subset adds to min', () => {
    assert.deepEqual(sorted(selectedGroups(['all'])), ['hardware', 'min', 'network']);
    assert.deepEqual(sorted(selectedGroups(['!hardware'])), ['min', 'network']);
    assert.deepEqual(sorted(selectedGroups(['!all'])), ['min']);
    assert.deepEqual(sorted(selectedGroups(['!all', '!min'])), []);
    assert.deepEqual(sorted(selectedGroups(['network'])), ['min', 'network']);
    assert.deepEqual(sorted(selectedGroups(['!all', '!min', 'default_ipv4'])), ['min', 'network'], 'network brings the min collectors it needs');
    assert.deepEqual(sorted(selectedGroups(['!all', 'network'])), ['min', 'network'], 'named wins over !all');
    assert.deepEqual(sorted(selectedGroups(['!min'])), [], 'hardware and network need min');
    assert.deepEqual(sorted(selectedGroups(['!all', '!min', 'distribution'])), ['min']);
    assert.deepEqual(sorted(selectedGroups(['!all', 'processor_count'])), ['hardware', 'min']);
  });

  it("refuses an unknown subset with Ansible's message, and a subset tsplay gathers nothing for", () => {
    assert.throws(() => selectedGroups(['foo']), /^Error: Bad subset 'foo' given to Ansible\. gather_subset options allowed: all, all_ipv4_addresses, /);
    assert.throws(() => selectedGroups(['date_time']), /tsplay does not gather these facts/);
    assert.deepEqual(sorted(selectedGroups(['!virtual', '!date_time'])), ['hardware', 'min', 'network'], 'excluding one is fine');
  });

  it('filters with shell globs on the prefixed or plain fact name, and puts interfaces in network', () => {
    const facts = { distribution: 'Debian', distribution_version: '12', os_family: 'Debian', memtotal_mb: 1, interfaces: ['eth0'], eth0: { mtu: 1500 } };
    assert.deepEqual(Object.keys(selectFacts(facts, new Set(['min', 'hardware', 'network']), ['distribution*'])), ['distribution', 'distribution_version']);
    assert.deepEqual(Object.keys(selectFacts(facts, new Set(['min', 'hardware', 'network']), ['ansible_os_famil?', '*_mb'])), ['os_family', 'memtotal_mb']);
    assert.deepEqual(Object.keys(selectFacts(facts, new Set(['network']), [])), ['interfaces', 'eth0']);
    assert.deepEqual(Object.keys(selectFacts(facts, new Set(['min']), ['eth[0-9]'])), []);
  });
});

describe('setup on this machine', () => {
  it('returns prefixed facts plus gather_subset and module_setup, cut by subset', async () => {
    const r = await setupModule.run(ctxOn(new RecordingConnection()), { gather_subset: '!all' });
    const facts = r.ansible_facts!;
    assert.equal(typeof facts['ansible_distribution'], 'string');
    assert.equal(facts['ansible_memtotal_mb'], undefined, 'hardware excluded');
    assert.equal(facts['ansible_default_ipv4'], undefined, 'network excluded');
    assert.deepEqual(facts['gather_subset'], ['!all']);
    assert.equal(facts['module_setup'], true);
  });

  it('with a filter returns only the matching facts (no gather_subset/module_setup), and gathers nothing for !all,!min', async () => {
    const r = await setupModule.run(ctxOn(new RecordingConnection()), { filter: ['ansible_distribution', '*_mb'] });
    assert.deepEqual(Object.keys(r.ansible_facts!).sort(), ['ansible_distribution', 'ansible_memfree_mb', 'ansible_memtotal_mb', 'ansible_swapfree_mb', 'ansible_swaptotal_mb']);
    const conn = new RecordingConnection();
    const none = await setupModule.run(ctxOn(conn), { gather_subset: ['!all', '!min'] });
    assert.deepEqual(none.ansible_facts, { gather_subset: ['!all', '!min'], module_setup: true });
    assert.equal(conn.commands.length, 0);
  });

  it('fails on a bad subset and on fact_path', async () => {
    const bad = await setupModule.run(ctxOn(new RecordingConnection()), { gather_subset: ['foo'] });
    assert.equal(bad.failed, true);
    assert.match(String(bad.msg), /^Bad subset 'foo'/);
    const local = await setupModule.run(ctxOn(new RecordingConnection()), { fact_path: '/etc/ansible/facts.d' });
    assert.match(String(local.msg), /does not read local facts/);
  });
});
