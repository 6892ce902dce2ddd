// Static checks of the Kubernetes roles and playbooks (no lab needed): every role variable is
// documented and declared in the argument specs, variables shared between roles agree, every
// template renders strictly with the shapes the spec asks for, and the playbooks load.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { parse, parseAllDocuments } from 'yaml';
import { renderTemplate } from '../../src/template/index.js';
import { REPO_ROOT, runLocal } from './support/lab.js';

const ROLES = ['prereqs', 'container-runtime', 'kube-packages', 'lb', 'vip', 'control-plane', 'workers'];
const roleDir = (role: string) => resolve(REPO_ROOT, 'roles', role);
const readYaml = (file: string): Record<string, unknown> => (parse(readFileSync(file, 'utf8'), { version: '1.1' }) ?? {}) as Record<string, unknown>;
const defaultsOf = (role: string) => readYaml(join(roleDir(role), 'defaults/main.yml'));

interface SpecOption { type?: string; required?: boolean }
function specOptions(role: string, entry = 'main'): Record<string, SpecOption> {
  const specs = readYaml(join(roleDir(role), 'meta/argument_specs.yml')) as { argument_specs?: Record<string, { options?: Record<string, SpecOption> }> };
  return specs.argument_specs?.[entry]?.options ?? {};
}

/** Facts and magic variables a template may use besides role variables (shapes as the engine gives them). */
function sampleScope(role: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    ...defaultsOf(role),
    inventory_hostname: 'h1',
    vip_address: '10.250.0.100',
    k8s_node_ip: '10.250.0.11',
    ...extra,
  };
}

describe('Kubernetes roles: layout and documentation', () => {
  for (const role of ROLES) {
    it(`${role} has tasks, defaults, argument specs and a README`, () => {
      for (const file of ['tasks/main.yml', 'defaults/main.yml', 'meta/argument_specs.yml', 'meta/main.yml', 'README.md']) {
        assert.ok(existsSync(join(roleDir(role), file)), `${role}/${file} is missing`);
      }
      // git keeps no empty directories: a role without templates has no templates/.
      const templateDir = join(roleDir(role), 'templates');
      const templates = existsSync(templateDir) ? readdirSync(templateDir) : [];
      assert.ok(templates.every((t) => t.endsWith('.mustache')), `${role}: templates must be *.mustache, got ${templates.join(', ')}`);
    });

    it(`${role}: every default has a comment right above it`, () => {
      const lines = readFileSync(join(roleDir(role), 'defaults/main.yml'), 'utf8').split('\n');
      const undocumented: string[] = [];
      lines.forEach((line, i) => {
        const top = /^([a-z_][a-z0-9_]*):/.exec(line);
        if (!top) return;
        // Consecutive keys may share one comment (e.g. a group of related timeouts).
        let j = i - 1;
        while (j >= 0 && /^[a-z_][a-z0-9_]*:/.test(lines[j]!)) j--;
        if (j < 0 || !lines[j]!.startsWith('#')) undocumented.push(top[1]!);
      });
      assert.deepEqual(undocumented, [], `${role}: undocumented defaults`);
    });

    it(`${role}: argument specs declare every default, with a matching type`, () => {
      const options = specOptions(role);
      const typeOf = (v: unknown) => (Array.isArray(v) ? 'list' : typeof v === 'number' ? 'int' : typeof v === 'boolean' ? 'bool' : typeof v === 'object' ? 'dict' : 'str');
      for (const [name, value] of Object.entries(defaultsOf(role))) {
        assert.ok(options[name], `${role}: default '${name}' is not in meta/argument_specs.yml`);
        const declared = options[name]!.type ?? 'str';
        const actual = typeOf(value);
        assert.ok(declared === actual || (declared === 'path' && actual === 'str'), `${role}: '${name}' is ${actual} but declared ${declared}`);
      }
    });
  }

  it('variables shared between roles have the same default everywhere', () => {
    const seen = new Map<string, { role: string; value: unknown }>();
    for (const role of ROLES) {
      for (const [name, value] of Object.entries(defaultsOf(role))) {
        const first = seen.get(name);
        if (first) assert.deepEqual(value, first.value, `'${name}': ${role} says ${JSON.stringify(value)}, ${first.role} says ${JSON.stringify(first.value)}`);
        else seen.set(name, { role, value });
      }
    }
    assert.ok((seen.get('lb_port')?.value as number) !== (seen.get('apiserver_port')?.value as number), 'the default port plan must not clash');
  });

  it('required variables without defaults are the ones a user must give (vip_address, kube_version)', () => {
    for (const role of ['vip', 'control-plane', 'workers']) {
      assert.equal(specOptions(role)['vip_address']?.required, true, `${role}: vip_address must be required`);
      assert.equal(defaultsOf(role)['vip_address'], undefined, `${role}: vip_address must not have a default`);
    }
  });
});

describe('Kubernetes roles: templates', () => {
  const render = (role: string, template: string, scope: Record<string, unknown>) =>
    renderTemplate(readFileSync(join(roleDir(role), 'templates', template), 'utf8'), scope, template);

  it('haproxy.cfg checks every master over TLS on /readyz with long timeouts', () => {
    const text = render('lb', 'haproxy.cfg.mustache', sampleScope('lb', { lb_servers: ['h1 10.250.0.11', 'h2 10.250.0.12', 'h3 10.250.0.13'] }));
    for (const line of ['bind *:8443', 'option httpchk', 'http-check connect ssl', 'http-check send meth GET uri /readyz', 'http-check expect status 200', 'timeout tunnel 1h']) {
      assert.ok(text.includes(line), `haproxy.cfg lacks '${line}'`);
    }
    const servers = text.split('\n').filter((l) => l.trim().startsWith('server '));
    assert.deepEqual(servers.map((l) => l.trim()), [
      'server h1 10.250.0.11:6443 check verify none',
      'server h2 10.250.0.12:6443 check verify none',
      'server h3 10.250.0.13:6443 check verify none',
    ]);
  });

  it('keepalived.conf has unicast peers, auth, the health script and the VIP', () => {
    const text = render('vip', 'keepalived.conf.mustache', sampleScope('vip', { vip_state: 'BACKUP', vip_priority: 149, vip_device: 'eth0', vip_peers: ['10.250.0.11', '10.250.0.13'] }));
    assert.match(text, /state BACKUP\n/);
    assert.match(text, /priority 149\n/);
    assert.match(text, /unicast_src_ip 10\.250\.0\.11\n/);
    assert.match(text, /unicast_peer \{\n\s+10\.250\.0\.11\n\s+10\.250\.0\.13\n\s+\}/);
    assert.match(text, /auth_type PASS/);
    assert.match(text, /virtual_router_id 51\n/);
    assert.match(text, /10\.250\.0\.100\/32 dev eth0/);
    assert.match(text, /track_script \{\n\s+check_apiserver/);
    const check = render('vip', 'check_apiserver.sh.mustache', sampleScope('vip'));
    assert.match(check, /https:\/\/127\.0\.0\.1:8443\/readyz/);
  });

  it('containerd config: schema 2 for 1.x and 3 for 2.x, CRI on, SystemdCgroup, sandbox image', () => {
    const v2 = render('container-runtime', 'config-v2.toml.mustache', sampleScope('container-runtime'));
    const v3 = render('container-runtime', 'config-v3.toml.mustache', sampleScope('container-runtime'));
    assert.match(v2, /^version = 2$/m);
    assert.match(v3, /^version = 3$/m);
    for (const text of [v2, v3]) {
      assert.match(text, /SystemdCgroup = true/);
      assert.match(text, /disabled_plugins = \[\]/);
      assert.match(text, /registry\.k8s\.io\/pause:3\.10/);
    }
    assert.match(v2, /\[plugins\."io\.containerd\.grpc\.v1\.cri"\.containerd\.runtimes\.runc\.options\]/);
    assert.match(v3, /\[plugins\.'io\.containerd\.cri\.v1\.runtime'\.containerd\.runtimes\.runc\.options\]/);
    assert.match(v3, /\[plugins\.'io\.containerd\.cri\.v1\.images'\.pinned_images\]\n\s+sandbox = /);
  });

  for (const api of ['v1beta3', 'v1beta4'] as const) {
    it(`kubeadm ${api} init and join configs have the right shape`, () => {
      const scope = sampleScope('control-plane', {
        kubeadm_api: api, kube_node: 'h1', kube_endpoint: '10.250.0.100:8443', kube_cert_sans: ['10.250.0.100', 'h1'],
        kube_join_token: 'abcdef.0123456789abcdef', kube_join_ca_hash: 'ab'.repeat(32), kube_join_certificate_key: 'cd'.repeat(32),
      });
      const docs = (template: string, role = 'control-plane') => parseAllDocuments(render(role, template, scope)).map((d) => d.toJS() as Record<string, any>);
      const [init, cluster] = docs(`kubeadm-init-${api}.yaml.mustache`);
      assert.equal(init!.apiVersion, `kubeadm.k8s.io/${api}`);
      assert.equal(cluster!.controlPlaneEndpoint, '10.250.0.100:8443');
      assert.equal(cluster!.kubernetesVersion, 'v1.31.2');
      assert.equal(init!.localAPIEndpoint.bindPort, 6443);
      const extraArgs = init!.nodeRegistration.kubeletExtraArgs;
      if (api === 'v1beta4') assert.deepEqual(extraArgs, [{ name: 'node-ip', value: '10.250.0.11' }]);
      else assert.deepEqual(extraArgs, { 'node-ip': '10.250.0.11' });
      const [masterJoin] = docs(`kubeadm-join-${api}.yaml.mustache`);
      assert.equal(masterJoin!.controlPlane.certificateKey, 'cd'.repeat(32));
      assert.deepEqual(masterJoin!.discovery.bootstrapToken.caCertHashes, [`sha256:${'ab'.repeat(32)}`]);
      const [workerJoin] = docs(`kubeadm-join-${api}.yaml.mustache`, 'workers');
      assert.equal(workerJoin!.controlPlane, undefined, 'a worker must not join as control plane');
      assert.equal(workerJoin!.discovery.bootstrapToken.apiServerEndpoint, '10.250.0.100:8443');
    });
  }

  it('a template naming an unknown variable fails instead of rendering empty', () => {
    assert.throws(() => render('lb', 'haproxy.cfg.mustache', { lb_servers: [] }), /lb_timeout_connect|undefined/);
  });
});

describe('Kubernetes playbooks', () => {
  for (const playbook of ['site.yml', 'verify-ha.yml', 'upgrade.yml']) {
    it(`${playbook} passes --syntax-check with the example inventory`, { timeout: 60_000 }, async () => {
      const result = await runLocal(process.execPath, ['--import', 'tsx', resolve(REPO_ROOT, 'src/cli.ts'), 'run', resolve(REPO_ROOT, 'playbooks', playbook),
        '-i', resolve(REPO_ROOT, 'inventory/hosts.example.yml'), '--syntax-check'], { timeoutMs: 60_000 });
      assert.equal(result.rc, 0, result.stderr + result.stdout);
      assert.match(result.stdout, new RegExp(`playbook: .*${playbook}`));
    });
  }
});
