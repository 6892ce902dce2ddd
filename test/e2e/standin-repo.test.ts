// The Kubernetes stand-in (STAND-IN, not Kubernetes) on lab hosts: the signed
// apt repository installs kubeadm with signature checks (and refuses a wrong
// key), `kubeadm init` on h1 serves /readyz over TLS to other hosts, and
// `kubeadm join` from h4 needs a fresh token and the right CA hash.
// Needs root and the lab (started if not up). Cleans up what it installs.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ensureStandinRepo, standinRepoUrl } from '../standin/repo.js';
import { type LabHost, ensureLab, runLocal, sshRun } from './support/lab.js';

// The lab's apt proxy serves only this machine's Debian mirrors; the stand-in repo on the bridge is reached directly.
const APT = 'apt-get -o Acquire::http::Proxy::10.250.0.1=DIRECT -o Dpkg::Use-Pty=0';
const KEYRING = '/etc/apt/keyrings/kubernetes-apt-keyring.gpg';
const LIST = '/etc/apt/sources.list.d/kubernetes.list';
/** apt's cached indexes of the stand-in repository: a cached, already verified InRelease is not checked again. */
const CACHED_LISTS = '/var/lib/apt/lists/10.250.0.1:*';
let hosts: LabHost[] = [];

async function must(host: LabHost, command: string, timeoutMs = 180_000): Promise<string> {
  const result = await sshRun(host, command, { timeoutMs });
  assert.equal(result.rc, 0, `${host.name}: ${command}\n${result.stderr}${result.stdout}`);
  return result.stdout;
}

function addRepo(keySource: string): string {
  return `set -e; mkdir -p -m 0755 /etc/apt/keyrings; ${keySource}; ` +
    `echo "deb [signed-by=${KEYRING}] ${standinRepoUrl('1.31')} /" > ${LIST}`;
}

const installKubeadm = `${addRepo(`curl -fsSL ${standinRepoUrl('1.31')}Release.key | gpg --dearmor --yes -o ${KEYRING}`)}; ` +
  `${APT} update -q; DEBIAN_FRONTEND=noninteractive ${APT} install -y -q kubeadm=1.31.2-1.1 kubectl=1.31.2-1.1`;

function initConfig(address: string): string {
  return `apiVersion: kubeadm.k8s.io/v1beta4
kind: InitConfiguration
localAPIEndpoint: {advertiseAddress: ${address}, bindPort: 6443}
nodeRegistration: {name: h1, criSocket: unix:///var/run/containerd/containerd.sock}
---
apiVersion: kubeadm.k8s.io/v1beta4
kind: ClusterConfiguration
kubernetesVersion: v1.31.2
controlPlaneEndpoint: ${address}:6443
apiServer: {certSANs: [${address}]}
networking: {podSubnet: 10.244.0.0/16}
`;
}

describe('stand-in apt repository and kubeadm on lab hosts', { timeout: 600_000 }, () => {
  let h1: LabHost;
  let h2: LabHost;
  let h4: LabHost;

  before(async () => {
    hosts = await ensureLab(4);
    [h1, h2, , h4] = hosts as [LabHost, LabHost, LabHost, LabHost];
    await ensureStandinRepo();
  });

  after(async () => {
    const cleanup = `kubeadm reset -f >/dev/null 2>&1 || true; DEBIAN_FRONTEND=noninteractive ${APT} purge -y -q ` +
      `kubeadm kubectl kubelet cri-tools kubernetes-cni >/dev/null 2>&1 || true; rm -f ${KEYRING} ${LIST} ${CACHED_LISTS} /tmp/standin-*`;
    await Promise.all([h1, h4, h2].filter(Boolean).map((h) => sshRun(h, cleanup, { timeoutMs: 120_000 })));
  });

  it('serves a signed per-minor repository with Release.key where pkgs.k8s.io has it', async () => {
    const base = standinRepoUrl('1.31');
    const script = `set -e; d=$(mktemp -d); cd $d; curl -fsS ${base}Release.key | gpg --dearmor > k.gpg; ` +
      `curl -fsS -o InRelease ${base}InRelease; gpgv --keyring ./k.gpg InRelease; curl -fsS ${base}Packages | grep -c '^Package: kubeadm'; rm -rf $d`;
    const result = await runLocal('bash', ['-c', script]);
    assert.equal(result.rc, 0, result.stderr);
    assert.match(result.stderr, /Good signature/);
    assert.equal(result.stdout.trim(), '2'); // 1.31.2 and 1.31.3
  });

  it('refuses the repository when the keyring holds another key', async () => {
    // A lab reused from an earlier run may still hold the verified index (apt would not look again).
    await must(h1, `rm -f ${CACHED_LISTS}; ${addRepo(`cp /usr/share/keyrings/debian-archive-keyring.gpg ${KEYRING}`)}`);
    const update = await sshRun(h1, `${APT} update -q`, { timeoutMs: 180_000 });
    assert.notEqual(update.rc, 0);
    assert.match(update.stdout + update.stderr, /NO_PUBKEY|not signed/);
  });

  it('installs kubeadm 1.31.2 with the right key and reports its version', async () => {
    await Promise.all([must(h1, installKubeadm), must(h4, installKubeadm)]);
    assert.equal((await must(h1, 'kubeadm version -o short')).trim(), 'v1.31.2');
    assert.match(await must(h1, 'apt-cache madison kubeadm'), /1\.31\.3-1\.1[\s\S]*1\.31\.2-1\.1/);
  });

  it('init on h1 serves /readyz over TLS to another host', async () => {
    await sshRun(h1, 'cat > /tmp/standin-init.yaml', { input: initConfig(h1.address) });
    await must(h1, 'kubeadm config validate --config /tmp/standin-init.yaml');
    const init = await must(h1, 'kubeadm init --config /tmp/standin-init.yaml --upload-certs');
    assert.match(init, /initialized successfully/);
    const ca = await must(h1, 'cat /etc/kubernetes/pki/ca.crt');
    await sshRun(h2, 'cat > /tmp/standin-ca.crt', { input: ca });
    assert.equal(await must(h2, `curl -sS --cacert /tmp/standin-ca.crt https://${h1.address}:6443/readyz`), 'ok');
    const active = await sshRun(h1, 'systemctl is-active kube-apiserver-standin.service');
    assert.equal(active.stdout.trim(), 'active');
  });

  it('joins h4 with a fresh token and the right CA hash, and not with a wrong hash', async () => {
    const join = (await must(h1, 'kubeadm token create --ttl 1h --print-join-command')).trim();
    assert.match(join, /^kubeadm join \S+:6443 --token \S+ --discovery-token-ca-cert-hash sha256:[0-9a-f]{64}$/);
    const wrong = await sshRun(h4, join.replace(/sha256:[0-9a-f]{64}/, `sha256:${'a'.repeat(64)}`), { timeoutMs: 60_000 });
    assert.equal(wrong.rc, 1);
    assert.match(wrong.stderr, /none of the public keys .* are pinned/);
    assert.match(await must(h4, join), /has joined the cluster/);
    assert.match(await must(h1, 'kubectl get nodes'), /^h4\s+Ready\s+<none>/m);
  });
});
