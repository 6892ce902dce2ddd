// The stand-in kubeadm/kubectl (STAND-IN, not Kubernetes) run locally in a
// temporary root (STANDIN_ROOT) with their API server on 127.0.0.1: config
// validation by version, init, token + CA-hash discovery, control-plane join
// through a forwarding API server, upgrade rules and reset.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const BIN = resolve(fileURLToPath(import.meta.url), '../../../standin/bin');
const work = mkdtempSync(join(tmpdir(), 'standin-'));

function run(program: string, args: string[], env: Record<string, string>, input = '') {
  const result = spawnSync('/usr/bin/python3', [join(BIN, program), ...args], {
    env: { ...process.env, STANDIN_ENDPOINT_TIMEOUT: '5', ...env }, input, encoding: 'utf8', timeout: 60_000,
  });
  return { rc: result.status ?? -1, out: result.stdout, err: result.stderr };
}

async function freePort(): Promise<number> {
  return new Promise((done) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => done(port));
    });
  });
}

function configFile(name: string, text: string): string {
  const file = join(work, name);
  writeFileSync(file, text);
  return file;
}

function initConfig(api: string, port: number, extra = ''): string {
  const args = api === 'v1beta4' ? '[{name: audit-log-maxage, value: "7"}]' : '{audit-log-maxage: "7"}';
  return `apiVersion: kubeadm.k8s.io/${api}
kind: InitConfiguration
localAPIEndpoint: {advertiseAddress: 127.0.0.1, bindPort: ${port}}
nodeRegistration: {name: m1}
---
apiVersion: kubeadm.k8s.io/${api}
kind: ClusterConfiguration
controlPlaneEndpoint: 127.0.0.1:${port}
apiServer:
  certSANs: [127.0.0.1]
  extraArgs: ${args}
${extra}`;
}

describe('stand-in kubeadm config validate', () => {
  const validate = (version: string, text: string) =>
    run('kubeadm', ['config', 'validate', '--config', configFile(`c-${version}.yaml`, text)], { STANDIN_KUBE_VERSION: version });

  it('accepts v1beta4 from 1.31 and refuses it below', () => {
    assert.equal(validate('1.31.2', initConfig('v1beta4', 6443)).rc, 0);
    const old = validate('1.30.6', initConfig('v1beta4', 6443));
    assert.equal(old.rc, 1);
    assert.match(old.err, /v1beta4 needs kubeadm 1\.31/);
  });

  it('accepts v1beta3 below 1.36 with a deprecation warning from 1.31, and rejects it on 1.36', () => {
    const deprecated = validate('1.31.2', initConfig('v1beta3', 6443));
    assert.equal(deprecated.rc, 0);
    assert.match(deprecated.err, /deprecated/);
    assert.equal(validate('1.30.6', initConfig('v1beta3', 6443)).rc, 0);
    const removed = validate('1.36.0', initConfig('v1beta3', 6443));
    assert.equal(removed.rc, 1);
    assert.match(removed.err, /old API spec/);
  });

  it('rejects the other version\'s extraArgs shape, unknown fields and a bad controlPlaneEndpoint', () => {
    const mapInV4 = initConfig('v1beta4', 6443).replace('[{name: audit-log-maxage, value: "7"}]', '{audit-log-maxage: "7"}');
    assert.match(validate('1.31.2', mapInV4).err, /cannot unmarshal object .*\[\]v1beta4\.Arg/);
    const listInV3 = initConfig('v1beta3', 6443).replace('{audit-log-maxage: "7"}', '[{name: a, value: b}]');
    assert.match(validate('1.31.2', listInV3).err, /map\[string\]string/);
    assert.match(validate('1.31.2', initConfig('v1beta4', 6443, 'bogusField: 1\n')).err, /unknown field "bogusField"/);
    const noPort = initConfig('v1beta4', 6443).replace('controlPlaneEndpoint: 127.0.0.1:6443', 'controlPlaneEndpoint: 10.0.0.1');
    assert.match(validate('1.31.2', noPort).err, /must be host:port/);
    const upgradeV3 = 'apiVersion: kubeadm.k8s.io/v1beta3\nkind: UpgradeConfiguration\n';
    assert.match(validate('1.31.2', upgradeV3).err, /no kind "UpgradeConfiguration"/);
  });

  it('prints its version and the images of that version', () => {
    assert.equal(run('kubeadm', ['version', '-o', 'short'], { STANDIN_KUBE_VERSION: '1.32.1' }).out, 'v1.32.1\n');
    const images = run('kubeadm', ['config', 'images', 'list'], { STANDIN_KUBE_VERSION: '1.32.1' }).out;
    assert.match(images, /registry\.k8s\.io\/kube-apiserver:v1\.32\.1/);
    assert.match(images, /registry\.k8s\.io\/pause:3\.10/);
  });
});

describe('stand-in cluster in temporary roots', { timeout: 120_000 }, () => {
  let port = 0;
  let port2 = 0;
  const m1 = { STANDIN_ROOT: join(work, 'm1'), STANDIN_KUBE_VERSION: '1.31.2', STANDIN_NODE_NAME: 'm1' };
  const m2 = { STANDIN_ROOT: join(work, 'm2'), STANDIN_KUBE_VERSION: '1.31.2', STANDIN_NODE_NAME: 'm2', STANDIN_BIND_ADDRESS: '127.0.0.1' };
  const w1 = { STANDIN_ROOT: join(work, 'w1'), STANDIN_KUBE_VERSION: '1.31.2', STANDIN_NODE_NAME: 'w1' };
  let joinLine = ''; // init's whole output, with the printed join commands
  let certKey = '';

  before(async () => {
    port = await freePort();
    port2 = await freePort();
    const init = run('kubeadm', ['init', '--config', configFile('init.yaml', initConfig('v1beta4', port)), '--upload-certs'],
      { ...m1, STANDIN_BIND_ADDRESS: '127.0.0.1' });
    assert.equal(init.rc, 0, init.err);
    joinLine = init.out;
    certKey = /--certificate-key ([0-9a-f]{64})/.exec(init.out)![1]!;
  });

  after(() => {
    for (const env of [m2, m1]) run('kubeadm', ['reset', '-f'], env);
    rmSync(work, { recursive: true, force: true });
  });

  it('init writes kubeadm\'s files and a CA whose hash is the printed one', () => {
    for (const file of ['etc/kubernetes/admin.conf', 'etc/kubernetes/super-admin.conf', 'etc/kubernetes/kubelet.conf',
      'etc/kubernetes/pki/ca.key', 'etc/kubernetes/manifests/etcd.yaml', 'var/lib/kubelet/config.yaml']) {
      assert.ok(existsSync(join(m1.STANDIN_ROOT, file)), file);
    }
    const ca = join(m1.STANDIN_ROOT, 'etc/kubernetes/pki/ca.crt');
    const pub = spawnSync('sh', ['-c', `openssl x509 -pubkey -noout -in ${ca} | openssl rsa -pubin -outform der 2>/dev/null | sha256sum`], { encoding: 'utf8' });
    const hash = pub.stdout.split(' ')[0]!;
    assert.match(joinLine, new RegExp(`--discovery-token-ca-cert-hash sha256:${hash}`));
    const tokenOut = run('kubeadm', ['token', 'create', '--print-join-command'], m1).out;
    assert.match(tokenOut, new RegExp(`--discovery-token-ca-cert-hash sha256:${hash}`));
    assert.match(readFileSync(join(m1.STANDIN_ROOT, 'etc/kubernetes/manifests/kube-apiserver.yaml'), 'utf8'), /--audit-log-maxage=7/);
  });

  it('refuses a second init (manifest exists, port in use)', () => {
    const again = run('kubeadm', ['init', '--config', join(work, 'init.yaml')], m1);
    assert.equal(again.rc, 1);
    assert.match(again.err, /\[ERROR FileAvailable--etc-kubernetes-manifests-kube-apiserver\.yaml\]/);
    assert.match(again.err, new RegExp(`\\[ERROR Port-${port}\\]: Port ${port} is in use`));
  });

  it('joins a worker with a fresh token and the right CA hash, and refuses a wrong hash or token', () => {
    const command = run('kubeadm', ['token', 'create', '--ttl', '1h', '--print-join-command'], m1).out.trim().split(/\s+/).slice(1);
    const wrongHash = command.map((a) => (a.startsWith('sha256:') ? `sha256:${'0'.repeat(64)}` : a));
    const refused = run('kubeadm', wrongHash, w1);
    assert.equal(refused.rc, 1);
    assert.match(refused.err, /none of the public keys .* are pinned/);
    const badToken = command.map((a, i) => (command[i - 1] === '--token' ? 'zzzzzz.zzzzzzzzzzzzzzzz' : a));
    assert.match(run('kubeadm', badToken, { ...w1, STANDIN_ROOT: join(work, 'w-bad') }).err, /could not find a JWS signature .* "zzzzzz"/);
    const joined = run('kubeadm', command, w1);
    assert.equal(joined.rc, 0, joined.err);
    assert.ok(existsSync(join(w1.STANDIN_ROOT, 'etc/kubernetes/kubelet.conf')));
    assert.match(run('kubeadm', command, w1).err, /ERROR FileAvailable--etc-kubernetes-kubelet\.conf/);
    assert.match(run('kubectl', ['get', 'nodes'], m1).out, /^w1\s+Ready\s+<none>/m);
  });

  it('joins a control plane only with a valid certificate key, and its API server forwards to the first', () => {
    const command = run('kubeadm', ['token', 'create', '--print-join-command'], m1).out.trim().split(/\s+/).slice(1);
    const cp = [...command, '--control-plane', '--apiserver-advertise-address', '127.0.0.1', '--apiserver-bind-port', String(port2)];
    const wrongKey = run('kubeadm', [...cp, '--certificate-key', 'f'.repeat(64)], { ...m2, STANDIN_ROOT: join(work, 'm-bad') });
    assert.match(wrongKey.err, /message authentication failed/);
    const joined = run('kubeadm', [...cp, '--certificate-key', certKey], m2);
    assert.equal(joined.rc, 0, joined.err);
    // m2's admin.conf names the shared endpoint; ask m2's own server directly to prove forwarding.
    const admin = join(m2.STANDIN_ROOT, 'etc/kubernetes/admin.conf');
    const local = admin + '.local';
    writeFileSync(local, readFileSync(admin, 'utf8').replace(`127.0.0.1:${port}`, `127.0.0.1:${port2}`));
    const nodes = run('kubectl', ['--kubeconfig', local, 'get', 'nodes', '-o', 'json'], m2);
    assert.equal(nodes.rc, 0, nodes.err);
    const names = (JSON.parse(nodes.out) as { items: { metadata: { name: string } }[] }).items.map((n) => n.metadata.name);
    assert.deepEqual(names, ['m1', 'm2', 'w1']);
  });

  it('upgrades one minor at a time, never down, kubeadm first', () => {
    assert.match(run('kubeadm', ['upgrade', 'apply', '-y', 'v1.33.5'], { ...m1, STANDIN_KUBE_VERSION: '1.33.5' }).err, /only 1 minor version at a time/);
    assert.match(run('kubeadm', ['upgrade', 'apply', '-y', 'v1.32.1'], m1).err, /higher than the kubeadm version/);
    assert.match(run('kubeadm', ['upgrade', 'apply', '-y', 'v1.30.6'], { ...m1, STANDIN_KUBE_VERSION: '1.30.6' }).err, /lower than the cluster version/);
    const ok = run('kubeadm', ['upgrade', 'apply', '-y', 'v1.32.1'], { ...m1, STANDIN_KUBE_VERSION: '1.32.1' });
    assert.equal(ok.rc, 0, ok.err);
    assert.match(run('kubectl', ['version'], m1).out, /Server Version: v1\.32\.1/);
    assert.match(readFileSync(join(m1.STANDIN_ROOT, 'etc/kubernetes/manifests/kube-apiserver.yaml'), 'utf8'), /kube-apiserver:v1\.32\.1/);
  });

  it('drains and uncordons a node, and records applied manifests', () => {
    run('kubectl', ['drain', 'w1', '--ignore-daemonsets', '--delete-emptydir-data'], m1);
    assert.match(run('kubectl', ['get', 'node', 'w1'], m1).out, /Ready,SchedulingDisabled/);
    run('kubectl', ['uncordon', 'w1'], m1);
    assert.doesNotMatch(run('kubectl', ['get', 'node', 'w1'], m1).out, /SchedulingDisabled/);
    const manifest = configFile('cni.yaml', 'apiVersion: v1\nkind: Namespace\nmetadata: {name: cni}\n');
    assert.equal(run('kubectl', ['apply', '-f', manifest], m1).out, 'namespace/cni created\n');
    assert.equal(run('kubectl', ['apply', '-f', manifest], m1).out, 'namespace/cni unchanged\n');
  });

  it('reset removes what init made and stops the API server', () => {
    const reset = run('kubeadm', ['reset', '-f'], m2);
    assert.equal(reset.rc, 0, reset.err);
    assert.ok(!existsSync(join(m2.STANDIN_ROOT, 'etc/kubernetes/admin.conf')));
    assert.ok(!existsSync(join(m2.STANDIN_ROOT, 'etc/kubernetes/pki')));
  });
});

// Real kubeadm checks its API server at the advertise address (the serving certificate's name), never
// at 127.0.0.1, which is not among kubeadm's default apiserver SANs: the roles add 127.0.0.1 to
// certSANs for local tools, but the stand-in must work without it.
describe('stand-in init uses the advertise address, not 127.0.0.1', { timeout: 120_000 }, () => {
  // Its own directory: the suite above removes `work` when it ends.
  const dir = mkdtempSync(join(tmpdir(), 'standin-adv-'));
  const root = join(dir, 'adv');
  const env = { STANDIN_ROOT: root, STANDIN_KUBE_VERSION: '1.31.2', STANDIN_NODE_NAME: 'adv' };
  const file = (name: string, text: string) => { writeFileSync(join(dir, name), text); return join(dir, name); };
  after(() => {
    run('kubeadm', ['reset', '-f'], env);
    rmSync(dir, { recursive: true, force: true });
  });

  it('inits with advertiseAddress 127.0.0.2 and no 127.0.0.1 in the certificate, and logs the invocation', async () => {
    const port = await freePort();
    // 127.0.0.2 is a local address on Linux but not 127.0.0.1: a probe of 127.0.0.1 would fail TLS name checks.
    const config = initConfig('v1beta4', port).replaceAll('127.0.0.1', '127.0.0.2').replace('  certSANs: [127.0.0.2]\n', '');
    assert.doesNotMatch(config, /127\.0\.0\.1|certSANs/);
    const init = run('kubeadm', ['init', '--config', file('init-adv.yaml', config)], env);
    assert.equal(init.rc, 0, init.err);
    assert.match(init.out, new RegExp(`Waiting for a healthy kube-apiserver-standin at https://127\\.0\\.0\\.2:${port}`));
    const sans = spawnSync('openssl', ['x509', '-noout', '-ext', 'subjectAltName', '-in', join(root, 'etc/kubernetes/pki/apiserver.crt')], { encoding: 'utf8' }).stdout;
    assert.match(sans, /IP Address:127\.0\.0\.2/);
    assert.doesNotMatch(sans, /127\.0\.0\.1/);
    // Every kubeadm/kubectl run leaves one JSON line (program, arguments, exit code) for the e2e tests.
    const log = readFileSync(join(root, 'var/log/kubernetes-standin/invocations.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { program: string; argv: string[]; rc: number });
    assert.deepEqual(log.map((r) => [r.program, r.argv[0], r.rc]), [['kubeadm', 'init', 0]]);
    const refused = run('kubeadm', ['init', '--config', join(dir, 'init-adv.yaml')], env);
    assert.equal(refused.rc, 1);
    const again = readFileSync(join(root, 'var/log/kubernetes-standin/invocations.jsonl'), 'utf8').trim().split('\n');
    assert.equal((JSON.parse(again.at(-1)!) as { rc: number }).rc, 1);
  });

  it('refuses to guess an address when there is no default route (no 127.0.0.1 fallback)', () => {
    // A fake `ip` that shows no routes, first on PATH.
    const bin = join(dir, 'noroute-bin');
    spawnSync('mkdir', ['-p', bin]);
    writeFileSync(join(bin, 'ip'), '#!/bin/sh\nexit 0\n', { mode: 0o755 });
    const config = initConfig('v1beta4', 6443).replace('localAPIEndpoint: {advertiseAddress: 127.0.0.1, bindPort: 6443}\n', '');
    const init = run('kubeadm', ['init', '--config', file('init-noroute.yaml', config)],
      { STANDIN_ROOT: join(dir, 'noroute'), STANDIN_KUBE_VERSION: '1.31.2', PATH: `${bin}:${process.env.PATH ?? ''}` });
    assert.equal(init.rc, 1);
    assert.match(init.err, /unable to select an IP from default routes/);
    assert.ok(!existsSync(join(dir, 'noroute/etc/kubernetes/pki/ca.crt')), 'nothing written');
  });
});
