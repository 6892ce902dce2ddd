// RhelStandinConnection: a SCRIPTED STAND-IN for a RHEL 9 host (Rocky 9 with dnf and systemd), for
// running the real Kubernetes roles against at the unit level. No RHEL host is reachable from this
// machine, so this is the closest the RHEL paths get: a connection that answers the exact commands
// tsplay's modules build (rpm -q, dnf, getenforce, systemctl, ...) from an in-memory host state, and
// CHANGES that state the way the real tools would (dnf installs packages and their units, setenforce
// flips the live SELinux mode, put() writes files). A second run therefore sees what the first did,
// so idempotency is tested, not assumed. It also answers tsplay's fact script (as a Rocky 9 VM would
// print it), so the facts the roles branch on come from the real parser. Anything it does not know
// fails loudly: a command the roles start issuing that the stand-in has never seen shows up as a
// failed task naming the command.
//
// What it models of dnf is deliberately small but strict where the roles could be wrong:
// - kubelet/kubeadm/kubectl come ONLY from the [kubernetes] section of /etc/yum.repos.d/*.repo,
//   at the minor of that section's baseurl (pkgs.k8s.io has one repository per minor);
// - a package listed in that section's exclude= is invisible unless the command passes
//   --disableexcludes=kubernetes (or all), as dnf does ("No match for argument");
// - containerd.io comes only from a docker-ce repository section, as on a real RHEL host;
// - installing a package creates its systemd unit (and containerd.io its packaged config.toml);
// - EL9's default curl-minimal conflicts with the curl package, so `dnf install curl` fails.
// These follow dnf's documented behaviour and public bug reports; none was observed on a real host.
import { spawnSync } from 'node:child_process';
import type { Connection, ExecOptions, ExecResult, PutOptions, TransferSource, UploadOptions } from '../../../src/connection/types.js';
import { downloadThroughGet, uploadThroughPut } from '../support/in-memory-transfers.js';
import { FACTS_SCRIPT } from '../../../src/facts/index.js';

export interface StandinService {
  active: 'active' | 'inactive';
  enabled: 'enabled' | 'disabled' | 'masked';
}

/** Everything the stand-in knows about "its" host; compared whole to prove check mode changed nothing. */
export interface StandinState {
  files: Record<string, { content: string; mode: number }>;
  dirs: string[];
  /** rpm name -> EPOCH:VERSION-RELEASE */
  packages: Record<string, string>;
  services: Record<string, StandinService>;
  selinuxLive: 'enforcing' | 'permissive' | 'disabled';
  activeSwaps: number;
  loadedModules: string[];
  /** sysctl files applied with sysctl -p, in order. */
  sysctlApplied: string[];
}

/** What the RPM repositories the stand-in serves hold, per minor (pkgs.k8s.io publishes one repo per minor). */
const KUBE_RPMS = ['kubelet', 'kubeadm', 'kubectl', 'cri-tools', 'kubernetes-cni'];
const KUBE_RELEASE = '150500.1.1';
/** BaseOS/AppStream packages (always enabled). */
const BASE_RPMS: Record<string, string> = { haproxy: '0:2.4.22-3.el9_3', keepalived: '0:2.2.8-3.el9', curl: '0:7.76.1-29.el9' };
/** Docker's repository (download.docker.com/linux/centos or /rhel): the RHEL source of containerd. */
const DOCKER_RPMS: Record<string, string> = { 'containerd.io': '0:1.7.22-3.1.el9' };

/** Units and files a package brings. */
const PACKAGE_UNITS: Record<string, string> = { kubelet: 'kubelet', 'containerd.io': 'containerd', haproxy: 'haproxy', keepalived: 'keepalived' };
/** Configuration directories a package owns (created on install, as rpm does). */
const PACKAGE_DIRS: Record<string, string[]> = { 'containerd.io': ['/etc/containerd'], haproxy: ['/etc/haproxy'], keepalived: ['/etc/keepalived'], kubelet: ['/etc/kubernetes/manifests'] };
// Docker's containerd.io ships a config that turns CRI off: the container-runtime role must replace it.
const DOCKER_CONTAINERD_CONFIG = 'disabled_plugins = ["cri"]\n';

export function freshRhel9State(): StandinState {
  return {
    files: {
      '/etc/selinux/config': { content: '# This file controls the state of SELinux on the system.\nSELINUX=enforcing\nSELINUXTYPE=targeted\n', mode: 0o644 },
      '/etc/fstab': { content: 'UUID=1111 / xfs defaults 0 0\n/dev/mapper/rl-swap none swap defaults 0 0\n', mode: 0o644 },
      '/etc/os-release': { content: 'NAME="Rocky Linux"\nVERSION_ID="9.4"\nID="rocky"\nID_LIKE="rhel centos fedora"\n', mode: 0o644 },
    },
    dirs: ['/etc', '/etc/yum.repos.d', '/etc/sysctl.d', '/etc/modules-load.d', '/etc/selinux'],
    packages: { 'curl-minimal': '0:7.76.1-29.el9', firewalld: '0:1.3.4-1.el9' },
    services: { firewalld: { active: 'active', enabled: 'enabled' }, 'swap.target': { active: 'active', enabled: 'enabled' } },
    selinuxLive: 'enforcing',
    activeSwaps: 1,
    loadedModules: [],
    sysctlApplied: [],
  };
}

class StandinCommandError extends Error {}

/** What getenforce prints for each mode. */
const SELINUX_WORD = { enforcing: 'Enforcing', permissive: 'Permissive', disabled: 'Disabled' } as const;

export class RhelStandinConnection implements Connection {
  readonly commands: string[] = [];
  readonly puts: { path: string; mode?: number }[] = [];
  state: StandinState;

  constructor(
    readonly host: string,
    readonly address = '10.9.0.11',
    readonly productUuid = '4c4c4544-0042-3510-8052-b4c04f4e3332',
    state: StandinState = freshRhel9State(),
  ) {
    this.state = state;
  }

  /** A deep copy, for before/after comparisons. */
  snapshot(): StandinState {
    return structuredClone(this.state);
  }

  /** Commands issued matching a pattern. */
  matching(pattern: RegExp): string[] {
    return this.commands.filter((c) => pattern.test(c));
  }

  async exec(command: string, _options: ExecOptions = {}): Promise<ExecResult> {
    this.commands.push(command);
    // Every command must at least be valid POSIX sh (sh -n parses without running).
    const syntax = spawnSync('/bin/sh', ['-n', '-c', command], { encoding: 'utf8' });
    if (syntax.status !== 0) throw new Error(`RHEL stand-in: command sh cannot parse: ${syntax.stderr}\n${command}`);
    try {
      return this.answer(command);
    } catch (error) {
      if (error instanceof StandinCommandError) return { rc: 1, stdout: '', stderr: error.message };
      throw error;
    }
  }

  async put(path: string, content: string | Buffer, options: PutOptions = {}): Promise<void> {
    const parent = path.replace(/\/[^/]+$/, '') || '/';
    if (!this.state.dirs.includes(parent)) throw new Error(`RHEL stand-in: put into missing directory ${parent}`);
    this.puts.push({ path, mode: options.mode });
    const old = this.state.files[path];
    this.state.files[path] = { content: String(content), mode: options.mode ?? old?.mode ?? 0o644 };
  }

  upload(path: string, source: TransferSource, options?: UploadOptions) { return uploadThroughPut(this, path, source, options); }
  download(path: string, localPath: string) { return downloadThroughGet(this, path, localPath); }

  async get(path: string): Promise<Buffer> {
    const f = this.state.files[path];
    if (!f) throw new Error(`no such file ${path}`);
    return Buffer.from(f.content);
  }

  async close(): Promise<void> {}

  /**
   * What tsplay's one fact script prints on a Rocky 9 VM (2 vCPUs, 4 GB, eth0 at `address`), read
   * from the stand-in's state where the host has state (os-release, SELinux mode, swap): the real
   * parser (src/facts/parse.ts) turns it into the facts the roles branch on (os_family, pkg_mgr...).
   */
  private facts(): string {
    const osRelease = this.state.files['/etc/os-release']?.content ?? '';
    return [
      ...osRelease.trim().split('\n').map((l) => `osr.${l}`),
      'redhat_release=Rocky Linux release 9.4 (Blue Onyx)',
      'kernel=5.14.0-427.13.1.el9_4.x86_64', 'kernel_version=#1 SMP PREEMPT_DYNAMIC', 'machine=x86_64',
      `nodename=${this.host}`, `hostname_short=${this.host}`, `fqdn=${this.host}`,
      `route4=default via 10.9.0.1 dev eth0 proto static`,
      'addr4=1: lo    inet 127.0.0.1/8 scope host lo\\       valid_lft forever',
      `addr4=2: eth0    inet ${this.address}/24 brd 10.9.0.255 scope global eth0\\       valid_lft forever`,
      'iface=eth0 52:54:00:12:34:56 1500', 'iface=lo 00:00:00:00:00:00 65536',
      'mem.MemTotal=3995000', 'mem.MemFree=3000000', `mem.SwapTotal=${this.state.activeSwaps ? 2097148 : 0}`, 'mem.SwapFree=0',
      'cpu.vcpus=2', 'cpu.sockets=1', 'cpu.cores=2', 'cpu.siblings=2', 'cpu.nproc=2',
      `selinux_mode=${SELINUX_WORD[this.state.selinuxLive]}`,
      'service_mgr=systemd', 'pkg_mgr=dnf',
      `product_uuid=${this.productUuid}`, 'machine_id=0123456789abcdef0123456789abcdef', 'cgroup_fs=cgroup2fs',
      'end=ok',
    ].join('\n') + '\n';
  }

  private answer(c: string): ExecResult {
    const ok = (stdout = ''): ExecResult => ({ rc: 0, stdout, stderr: '' });
    let m: RegExpExecArray | null;

    if (c === FACTS_SCRIPT) return ok(this.facts());

    // The shell module hands its command line to `exec /bin/sh -c '...'`: answer the inner line.
    if ((m = /^exec \/bin\/sh -c ('(?:[^']|'\\'')*')$/.exec(c))) return this.answer(unquote(m[1]!));

    // Anything apt/dpkg-shaped on a RHEL host is a bug in the roles: fail it loudly.
    if (/\b(apt-get|apt-cache|dpkg|dpkg-query|update-rc\.d)\b/.test(c)) throw new Error(`RHEL stand-in: Debian tool on a RHEL host: ${c}`);

    // lib/sys/text-file readTextFile
    if ((m = /^if \[ -e (\S+) \]; then base64 < /.exec(c))) {
      const f = this.state.files[unquote(m[1]!)];
      return f ? ok(Buffer.from(f.content).toString('base64')) : { rc: 3, stdout: '', stderr: '' };
    }
    // lib/remote-file readFileState (one stat + content)
    if ((m = /^p=(\S+)\nif \[ ! -e "\$p" \]/.exec(c))) return ok(this.fileState(unquote(m[1]!)));
    if ((m = /^mkdir -p -- (\S+)$/.exec(c))) {
      this.mkdirs(unquote(m[1]!));
      return ok();
    }
    if ((m = /^rm -f -- (\S+)$/.exec(c))) {
      delete this.state.files[unquote(m[1]!)];
      return ok();
    }
    if ((m = /^chmod (\d+) -- (\S+)$/.exec(c))) {
      const f = this.state.files[unquote(m[2]!)];
      if (f) f.mode = parseInt(m[1]!, 8);
      return ok();
    }

    // rpm state (lib/sys/rpm-state): one `r SPEC FLAG` line per package
    if (c.startsWith('r() {')) {
      const lines = [...c.matchAll(/^r (\S+) \S+$/gm)].map((x) => this.rpmLine(unquote(x[1]!)));
      return ok(lines.join('\n') + '\n');
    }
    if ((m = /^dnf -y ((?:--\S+ )*)(install|upgrade|remove) -- (.+)$/.exec(c))) {
      const flags = m[1]!.trim().split(/\s+/).filter(Boolean);
      const specs = m[3]!.split(' ').map(unquote);
      return this.dnf(m[2] as 'install' | 'upgrade' | 'remove', specs, flags);
    }

    // SELinux
    if (c.startsWith('if command -v getenforce')) return ok(`${SELINUX_WORD[this.state.selinuxLive]}\n`);
    if ((m = /^setenforce ([01])$/.exec(c))) {
      this.state.selinuxLive = m[1] === '1' ? 'enforcing' : 'permissive';
      return ok();
    }

    // systemd (lib/sys/service-control)
    if ((m = /^a=\$\(systemctl is-active (\S+) 2>/.exec(c))) {
      const s = this.state.services[unquote(m[1]!).replace(/\.service$/, '')];
      return ok(s ? `active=${s.active}\nenabled=${s.enabled}\nload=loaded\n` : 'active=inactive\nenabled=\nload=not-found\n');
    }
    if (c === 'systemctl daemon-reload') return ok();
    if ((m = /^systemctl (start|stop|restart|reload|enable|disable|mask|unmask) (.+)$/.exec(c))) {
      for (const unit of m[2]!.split(' ').map(unquote)) this.systemctl(m[1]!, unit.replace(/\.service$/, ''));
      return ok();
    }

    // swap module probe (systemd known from the fact), swapoff
    if (c.startsWith('sw=$(tail -n +2 /proc/swaps')) {
      const t = this.state.services['swap.target'];
      return ok(`swaps=${this.state.activeSwaps}\nsystemd=yes\nunit=swap.target ${t?.enabled ?? ''}\n`);
    }
    if (c === 'swapoff -a') {
      this.state.activeSwaps = 0;
      return ok();
    }

    // modprobe module: state probe and load (the stand-in's kernel has both as loadable modules)
    if ((m = /^u=(\S+); b=\/lib\/modules\//.exec(c))) return ok(this.state.loadedModules.includes(unquote(m[1]!)) ? 'loaded\n' : 'absent\n');
    if ((m = /^modprobe (\S+)$/.exec(c))) {
      const name = unquote(m[1]!);
      if (!this.state.loadedModules.includes(name)) this.state.loadedModules.push(name);
      return ok();
    }

    // sysctl -p FILE: the file must exist (a real sysctl -p fails on a missing file)
    if ((m = /^sysctl (?:-e )?-p (\S+)$/.exec(c))) {
      const path = unquote(m[1]!);
      if (!this.state.files[path]) throw new StandinCommandError(`sysctl: cannot open "${path}": No such file or directory`);
      this.state.sysctlApplied.push(path);
      return ok();
    }

    // container-runtime's RHEL check: which of the packages neither rpm nor dnf's repositories know
    if ((m = /^for p in (.+); do rpm -q --quiet "\$p" \|\| dnf -q list --available "\$p" >\/dev\/null 2>&1 \|\| echo "\$p"; done$/.exec(c))) {
      const names = m[1]!.split(' ').map(unquote);
      return ok(names.filter((n) => !this.state.packages[n] && typeof this.resolve(n, []) === 'string').map((n) => `${n}\n`).join(''));
    }

    // template/copy with validate: (lib/remote-file writeValidated): run the check, then rename
    if ((m = /^trap 'rm -f -- (\S+)' EXIT\n\( (.+) \) >&2 \|\| \{[^\n]*\}\n(?:chown --reference=\S+ \S+ 2>\/dev\/null; )?mv -f -- (\S+) (\S+)$/.exec(c))) {
      const temp = unquote(m[1]!);
      const check = m[2]!;
      if (/^haproxy -c -f /.test(check) && !this.state.packages['haproxy']) return { rc: 3, stdout: '', stderr: 'sh: haproxy: command not found\nvalidation failed: exit 127\n' };
      if (!/^haproxy -c -f /.test(check)) throw new Error(`RHEL stand-in: unknown validate command ${check}`);
      const f = this.state.files[temp];
      if (!f) throw new Error(`RHEL stand-in: validate of a file never put: ${temp}`);
      this.state.files[unquote(m[4]!)] = f;
      delete this.state.files[temp];
      return ok();
    }

    // wait_for on a port (vip check-holder): the VIP answers once keepalived and HAProxy run
    if (c.startsWith('probe() {\n  if command -v bash')) {
      const up = this.state.services['keepalived']?.active === 'active' && this.state.services['haproxy']?.active === 'active';
      return up ? ok('elapsed=0\n') : { rc: 3, stdout: 'elapsed=20\n', stderr: '' };
    }
    // vip check-holder: a single host holds the VIP when keepalived runs
    if (/^ip -o -4 addr show \| grep -qw -- \S+ && echo holder \|\| echo none$/.test(c)) {
      return ok(this.state.services['keepalived']?.active === 'active' ? 'holder\n' : 'none\n');
    }

    // kube-packages validate: the installed kubeadm
    if (c.startsWith('command -v kubeadm >/dev/null 2>&1 && kubeadm version -o short')) {
      const v = this.state.packages['kubeadm'];
      return ok(v ? `v${v.replace(/^\d+:/, '').replace(/-.*$/, '')}\n` : '');
    }
    // container-runtime: containerd --version (the command module execs its argv)
    if (c === 'exec containerd --version') {
      const v = this.state.packages['containerd.io'];
      if (!v) return { rc: 127, stdout: '', stderr: 'sh: containerd: command not found\n' };
      return ok(`containerd containerd.io ${v.replace(/^\d+:/, '').replace(/-.*$/, '')} 57f17b0a6295a39009d861b89e3b3b87b005ca27\n`);
    }

    throw new Error(`RHEL stand-in: no answer scripted for this command (a new command the roles issue?):\n${c}`);
  }

  private mkdirs(path: string): void {
    const parts = path.split('/').filter(Boolean);
    for (let i = 1; i <= parts.length; i++) {
      const d = `/${parts.slice(0, i).join('/')}`;
      if (!this.state.dirs.includes(d)) this.state.dirs.push(d);
    }
  }

  private fileState(path: string): string {
    if (this.state.dirs.includes(path)) return `exists=1\nstat=41ed|root|root|0|0|4096|1700000000\n`;
    const f = this.state.files[path];
    if (!f) return 'exists=0\n';
    const raw = (0o100000 | f.mode).toString(16);
    const body = Buffer.from(f.content);
    return `exists=1\nstat=${raw}|root|root|0|0|${body.length}|1700000000\ncontent=${body.toString('base64')}\n`;
  }

  /** rpm -q NAME or NAME-VERSION (rpm matches name-version[-release] itself). */
  private rpmLine(spec: string): string {
    for (const [name, evr] of Object.entries(this.state.packages)) {
      const vr = evr.replace(/^\d+:/, '');
      if (spec === name || spec === `${name}-${vr}` || spec === `${name}-${vr.replace(/-.*$/, '')}`) return `I\t${spec}\t${name}\t${evr}`;
    }
    return `N\t${spec}`;
  }

  /** The [section]s of every /etc/yum.repos.d/*.repo file, as key=value maps. */
  private repoSections(): Map<string, Record<string, string>> {
    const sections = new Map<string, Record<string, string>>();
    for (const [path, f] of Object.entries(this.state.files)) {
      if (!/^\/etc\/yum\.repos\.d\/[^/]+\.repo$/.test(path)) continue;
      let current: Record<string, string> | undefined;
      for (const line of f.content.split('\n')) {
        const head = /^\[([^\]]+)\]\s*$/.exec(line);
        if (head) sections.set(head[1]!, (current = {}));
        else if (current && /^[a-z_]+=/.test(line)) current[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1);
      }
    }
    return sections;
  }

  /** What `dnf install SPEC` would resolve to (name, EVR), or why it finds no match. */
  private resolve(spec: string, flags: readonly string[]): { name: string; evr: string } | string {
    const disabled = new Set(flags.filter((f) => f.startsWith('--disableexcludes=')).map((f) => f.slice('--disableexcludes='.length)));
    const pinned = /^(.+?)-(\d[\w.]*)$/.exec(spec);
    const name = pinned ? pinned[1]! : spec;
    const version = pinned?.[2];
    if (BASE_RPMS[name] && !version) return { name, evr: BASE_RPMS[name] };
    const sections = [...this.repoSections().entries()].filter(([, s]) => s['enabled'] !== '0');
    if (DOCKER_RPMS[name] && !version && sections.some(([id, s]) => id.startsWith('docker-ce') && /download\.docker\.com/.test(s['baseurl'] ?? ''))) {
      return { name, evr: DOCKER_RPMS[name] };
    }
    if (!KUBE_RPMS.includes(name)) return `No match for argument: ${spec}`;
    for (const [id, s] of sections) {
      const minor = /\/v(\d+\.\d+)\/rpm\/?$/.exec(s['baseurl'] ?? '')?.[1];
      if (!minor) continue;
      const excluded = (s['exclude'] ?? '').split(/\s+/).includes(name);
      if (excluded && !disabled.has(id) && !disabled.has('all')) continue;
      if (s['gpgcheck'] !== '1' || !s['gpgkey']) return `Error: GPG check FAILED (repository ${id} has no gpgkey)`;
      // The per-minor repository holds every patch release of its minor and nothing else.
      if (version && !version.startsWith(`${minor}.`)) continue;
      return { name, evr: `0:${version ?? `${minor}.9`}-${KUBE_RELEASE}` };
    }
    return `No match for argument: ${spec}`;
  }

  private dnf(verb: 'install' | 'upgrade' | 'remove', specs: readonly string[], flags: readonly string[]): ExecResult {
    if (verb === 'remove') {
      for (const s of specs) delete this.state.packages[s];
      return { rc: 0, stdout: '', stderr: '' };
    }
    // EL9 installs curl-minimal by default, which conflicts with curl: dnf refuses the transaction
    // (Ansible's dnf module fails the same way, e.g. kubernetes-sigs/kubespray#11017).
    if (specs.includes('curl') && this.state.packages['curl-minimal']) {
      return { rc: 1, stdout: '', stderr: 'Error: \n Problem: problem with installed package curl-minimal-7.76.1-29.el9.x86_64\n  - package curl-minimal-7.76.1-29.el9.x86_64 from @System conflicts with curl provided by curl-7.76.1-29.el9.x86_64 from baseos\n  - conflicting requests\n' };
    }
    const resolved = specs.map((s) => this.resolve(s, flags));
    const missing = resolved.filter((r): r is string => typeof r === 'string');
    // dnf resolves the whole transaction first: one unresolvable argument and nothing is installed.
    if (missing.length) return { rc: 1, stdout: '', stderr: `${missing.join('\n')}\nError: Unable to find a match: ${specs.join(' ')}\n` };
    for (const r of resolved as { name: string; evr: string }[]) {
      this.state.packages[r.name] = r.evr;
      const unit = PACKAGE_UNITS[r.name];
      if (unit && !this.state.services[unit]) this.state.services[unit] = { active: 'inactive', enabled: 'disabled' };
      for (const d of PACKAGE_DIRS[r.name] ?? []) this.mkdirs(d);
      if (r.name === 'containerd.io' && !this.state.files['/etc/containerd/config.toml']) {
        this.state.files['/etc/containerd/config.toml'] = { content: DOCKER_CONTAINERD_CONFIG, mode: 0o644 };
      }
    }
    return { rc: 0, stdout: 'Complete!\n', stderr: '' };
  }

  private systemctl(verb: string, unit: string): void {
    const s = this.state.services[unit];
    if (!s) throw new StandinCommandError(`Failed to ${verb} ${unit}.service: Unit ${unit}.service not found.`);
    if (verb === 'start' || verb === 'restart' || verb === 'reload') {
      if (s.enabled === 'masked') throw new StandinCommandError(`Failed to ${verb} ${unit}.service: Unit ${unit}.service is masked.`);
      s.active = 'active';
    } else if (verb === 'stop') s.active = 'inactive';
    else if (verb === 'enable') s.enabled = 'enabled';
    else if (verb === 'disable') s.enabled = 'disabled';
    else if (verb === 'mask') s.enabled = 'masked';
    else if (verb === 'unmask') s.enabled = 'disabled';
  }
}

function unquote(word: string): string {
  return word.startsWith("'") ? word.slice(1, -1).replace(/'\\''/g, "'") : word;
}
