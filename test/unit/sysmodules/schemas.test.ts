import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Ajv } from 'ajv';
import { systemModules } from '../../../src/modules/system-list.js';

test('every system module has a draft-07 schema that rejects unknown arguments and documents each one', () => {
  const ajv = new Ajv({ allErrors: true, strict: false });
  const names = systemModules.map((m) => m.name);
  assert.deepEqual(names, [...names].sort(), 'list sorted by name');
  assert.equal(new Set(names).size, names.length);
  for (const m of systemModules) {
    const schema = m.schema as { additionalProperties?: boolean; properties?: Record<string, { description?: string }> };
    assert.equal(schema.additionalProperties, false, m.name);
    for (const [arg, spec] of Object.entries(schema.properties ?? {})) assert.ok(spec.description, `${m.name}.${arg} has a description`);
    const validate = ajv.compile(m.schema);
    assert.equal(validate({ tsplay_unknown_argument: 1 }), false, `${m.name} rejects unknown arguments`);
  }
});

test('schemas accept the arguments Kubernetes playbooks use', () => {
  const ajv = new Ajv({ allErrors: true, strict: false });
  const byName = new Map(systemModules.map((m) => [m.name, ajv.compile(m.schema)]));
  const ok = (name: string, args: unknown) => assert.equal(byName.get(name)!(args), true, `${name} ${JSON.stringify(args)} ${JSON.stringify(byName.get(name)!.errors)}`);
  ok('apt', { name: ['kubelet=1.31.2-1.1', 'kubeadm=1.31.*'], state: 'present', update_cache: true, cache_valid_time: 3600, allow_change_held_packages: true });
  ok('dpkg_selections', { name: 'kubelet', selection: 'hold' });
  ok('sysctl', { name: 'net.ipv4.ip_forward', value: 1, sysctl_set: true, reload: true });
  ok('modprobe', { name: 'br_netfilter', state: 'present', persistent: 'present' });
  ok('systemd', { name: 'kubelet', state: 'started', enabled: true, daemon_reload: true });
  ok('get_url', { url: 'http://10.250.0.1/x', dest: '/usr/local/bin/x', checksum: 'sha256:00', mode: '0755' });
  assert.equal(byName.get('apt')!({ name: 'x', state: 'installed-ish' }), false);
  assert.equal(byName.get('swap')!({ state: 'present' }), false);
});

test("every file-writing module accepts Ansible's common unsafe_writes argument (kubespray's blockinfile sets it)", async () => {
  const { allModules } = await import('../../../src/modules/all.js');
  for (const name of ['blockinfile', 'lineinfile', 'copy', 'template', 'file', 'ini_file']) {
    const properties = allModules.find((m) => m.name === name)!.schema['properties'] as Record<string, { type?: string }>;
    assert.equal(properties['unsafe_writes']?.type, 'boolean', name);
  }
});
