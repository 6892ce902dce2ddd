// Turn the fact script's `key=value` lines into Ansible's fact names and shapes.
// Names and values follow what ansible-core 2.14 reports (e.g. distribution "Debian", version
// "12.11" from /etc/debian_version, os_family from its OS_FAMILY map).

type Lines = Map<string, string[]>;

/** Group lines by key (a key may repeat, e.g. addr4), splitting at the first '='. */
export function readFactLines(output: string): Lines {
  const lines: Lines = new Map();
  for (const line of output.split('\n')) {
    const at = line.indexOf('=');
    if (at <= 0) continue;
    const key = line.slice(0, at);
    lines.set(key, [...(lines.get(key) ?? []), line.slice(at + 1)]);
  }
  return lines;
}

/** os-release values may be quoted ("..." or '...') with backslash escapes. */
function unquote(value: string): string {
  const match = /^"(.*)"$/.exec(value) ?? /^'(.*)'$/.exec(value);
  return match ? match[1]!.replace(/\\(["\\$`])/g, '$1') : value;
}

const DISTRIBUTION_BY_ID: Record<string, string> = {
  debian: 'Debian', ubuntu: 'Ubuntu', raspbian: 'Debian', linuxmint: 'Linux Mint', kali: 'Kali', pop: 'Pop!_OS',
  rhel: 'RedHat', rocky: 'Rocky', almalinux: 'AlmaLinux', centos: 'CentOS', fedora: 'Fedora', ol: 'OracleLinux',
  amzn: 'Amazon', sles: 'SLES', sles_sap: 'SLES_SAP', 'opensuse-leap': 'openSUSE Leap', 'opensuse-tumbleweed': 'openSUSE Tumbleweed',
  arch: 'Archlinux', alpine: 'Alpine', gentoo: 'Gentoo',
};

const OS_FAMILY: Record<string, string> = {
  Debian: 'Debian', Ubuntu: 'Debian', 'Linux Mint': 'Debian', Kali: 'Debian', 'Pop!_OS': 'Debian',
  RedHat: 'RedHat', Rocky: 'RedHat', AlmaLinux: 'RedHat', CentOS: 'RedHat', Fedora: 'RedHat', OracleLinux: 'RedHat', Amazon: 'RedHat',
  SLES: 'Suse', SLES_SAP: 'Suse', 'openSUSE Leap': 'Suse', 'openSUSE Tumbleweed': 'Suse',
  Archlinux: 'Archlinux', Alpine: 'Alpine', Gentoo: 'Gentoo',
};

function osFamilyFromIdLike(idLike: string): string | undefined {
  const ids = idLike.split(/\s+/);
  if (ids.some((id) => id === 'debian' || id === 'ubuntu')) return 'Debian';
  if (ids.some((id) => ['rhel', 'fedora', 'centos'].includes(id))) return 'RedHat';
  if (ids.some((id) => id.includes('suse'))) return 'Suse';
  if (ids.includes('arch')) return 'Archlinux';
  return undefined;
}

function distributionFacts(lines: Lines): Record<string, unknown> {
  const osr = (key: string) => {
    const value = lines.get(`osr.${key}`)?.[0];
    return value === undefined ? undefined : unquote(value);
  };
  const id = (osr('ID') ?? 'linux').toLowerCase();
  const distribution = DISTRIBUTION_BY_ID[id] ?? osr('NAME') ?? 'Linux';
  let version = osr('VERSION_ID') ?? '';
  const debianVersion = lines.get('debian_version')?.[0];
  // Ansible reports Debian's point release (12.11) from /etc/debian_version when it is numeric.
  if (distribution === 'Debian' && debianVersion && /^\d+(\.\d+)*$/.test(debianVersion)) version = debianVersion;
  const codename = osr('VERSION_CODENAME') ?? osr('UBUNTU_CODENAME') ?? /\(([^)]+)\)/.exec(osr('VERSION') ?? '')?.[1] ?? '';
  return {
    distribution,
    os_family: OS_FAMILY[distribution] ?? osFamilyFromIdLike(osr('ID_LIKE') ?? '') ?? distribution,
    distribution_version: version,
    distribution_major_version: version.split('.')[0] ?? '',
    distribution_release: codename,
    distribution_id: id,
    distribution_like: osr('ID_LIKE') ?? '',
  };
}

export function prefixToNetmask(prefix: number): string {
  const bits = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
  return [24, 16, 8, 0].map((shift) => (bits >>> shift) & 255).join('.');
}

function networkOf(address: string, prefix: number): string {
  const mask = prefixToNetmask(prefix).split('.').map(Number);
  return address.split('.').map((octet, i) => Number(octet) & mask[i]!).join('.');
}

/** /proc/net/route stores addresses as little-endian hex. */
function hexToIpv4(hex: string): string {
  return [0, 1, 2, 3].map((i) => parseInt(hex.slice(6 - 2 * i, 8 - 2 * i), 16)).join('.');
}

interface Ipv4Address { interface: string; address: string; prefix: number; broadcast?: string }

function networkFacts(lines: Lines): Record<string, unknown> {
  const macs = new Map<string, { mac: string; mtu: number }>();
  for (const line of lines.get('iface') ?? []) {
    const [name, mac, mtu] = line.split(' ');
    if (name) macs.set(name, { mac: mac ?? '', mtu: Number(mtu) });
  }
  const addresses: Ipv4Address[] = [];
  for (const line of lines.get('addr4') ?? []) {
    const match = /^\d+:\s+(\S+)\s+inet\s+([\d.]+)\/(\d+)(?:\s+brd\s+([\d.]+))?/.exec(line);
    if (match) addresses.push({ interface: match[1]!, address: match[2]!, prefix: Number(match[3]), broadcast: match[4] });
  }
  let gateway: string | undefined;
  let routeInterface: string | undefined;
  const route = lines.get('route4')?.[0];
  if (route) {
    gateway = /\bvia\s+([\d.]+)/.exec(route)?.[1];
    routeInterface = /\bdev\s+(\S+)/.exec(route)?.[1];
  }
  for (const line of lines.get('procroute') ?? []) {
    const [iface, destination, gw] = line.trim().split(/\s+/);
    if (routeInterface === undefined && destination === '00000000' && iface && gw) {
      routeInterface = iface;
      gateway = hexToIpv4(gw);
    }
  }
  const defaultIpv4: Record<string, unknown> = {};
  if (routeInterface !== undefined) {
    const primary = addresses.find((a) => a.interface === routeInterface);
    Object.assign(defaultIpv4, { interface: routeInterface, gateway, alias: routeInterface });
    if (primary) {
      Object.assign(defaultIpv4, {
        address: primary.address,
        netmask: prefixToNetmask(primary.prefix),
        prefix: String(primary.prefix),
        network: networkOf(primary.address, primary.prefix),
        ...(primary.broadcast ? { broadcast: primary.broadcast } : {}),
      });
    }
    const link = macs.get(routeInterface);
    if (link) Object.assign(defaultIpv4, { macaddress: link.mac, mtu: link.mtu });
  }
  const perInterface: Record<string, unknown> = {};
  for (const [name, link] of macs) {
    const ipv4 = addresses.find((a) => a.interface === name);
    perInterface[name.replace(/[^A-Za-z0-9_]/g, '_')] = {
      device: name, macaddress: link.mac, mtu: link.mtu, active: true,
      ...(ipv4 ? { ipv4: { address: ipv4.address, netmask: prefixToNetmask(ipv4.prefix), network: networkOf(ipv4.address, ipv4.prefix), prefix: String(ipv4.prefix) } } : {}),
    };
  }
  return {
    default_ipv4: defaultIpv4,
    all_ipv4_addresses: addresses.filter((a) => !a.address.startsWith('127.')).map((a) => a.address),
    interfaces: [...macs.keys()],
    // Ansible also exposes each interface as its own fact (ansible_eth0); parseFacts adds these last.
    perInterface,
  };
}

function numberOf(lines: Lines, key: string): number | undefined {
  const value = lines.get(key)?.[0];
  return value === undefined || value === '' || Number.isNaN(Number(value)) ? undefined : Number(value);
}

function hardwareFacts(lines: Lines): Record<string, unknown> {
  const mb = (key: string) => Math.floor((numberOf(lines, `mem.${key}`) ?? 0) / 1024);
  const vcpus = numberOf(lines, 'cpu.vcpus') || numberOf(lines, 'cpu.nproc') || 1;
  const sockets = numberOf(lines, 'cpu.sockets') || 0;
  const cores = numberOf(lines, 'cpu.cores');
  const siblings = numberOf(lines, 'cpu.siblings');
  return {
    memtotal_mb: mb('MemTotal'),
    memfree_mb: mb('MemFree'),
    swaptotal_mb: mb('SwapTotal'),
    swapfree_mb: mb('SwapFree'),
    processor_vcpus: vcpus,
    // Ansible counts sockets ("physical id"); without them (ARM, some VMs) every processor counts.
    processor_count: sockets > 0 ? sockets : vcpus,
    processor_cores: cores ?? 1,
    processor_threads_per_core: cores && siblings ? Math.max(1, Math.floor(siblings / cores)) : 1,
    processor_nproc: numberOf(lines, 'cpu.nproc') ?? vcpus,
  };
}

function systemFacts(lines: Lines): Record<string, unknown> {
  const first = (key: string) => lines.get(key)?.[0] ?? '';
  const machine = first('machine');
  const mode = first('selinux_mode').toLowerCase();
  const enforce = first('selinux_enforce');
  const selinux = mode === 'enforcing' || mode === 'permissive' ? { status: 'enabled', mode }
    : enforce === '1' || enforce === '0' ? { status: 'enabled', mode: enforce === '1' ? 'enforcing' : 'permissive' }
      : { status: 'disabled' };
  const pid1 = first('pid1');
  const serviceMgr = first('service_mgr') || (pid1 === 'init' ? 'sysvinit' : pid1 === 'runit' || pid1 === 'runit-init' ? 'runit' : pid1 || 'service');
  return {
    kernel: first('kernel'),
    kernel_version: first('kernel_version'),
    architecture: machine,
    machine,
    system: 'Linux',
    hostname: first('hostname_short'),
    nodename: first('nodename'),
    fqdn: first('fqdn'),
    domain: first('fqdn').includes('.') ? first('fqdn').slice(first('fqdn').indexOf('.') + 1) : '',
    selinux,
    service_mgr: serviceMgr,
    pkg_mgr: first('pkg_mgr') || 'unknown',
    product_uuid: first('product_uuid') || 'NA',
    machine_id: first('machine_id'),
    cgroup_version: first('cgroup_fs') === 'cgroup2fs' ? 2 : 1,
    user_id: first('user_id'),
  };
}

/** Build the facts dict (without `ansible_` prefixes) from the script's output. */
export function parseFacts(output: string): Record<string, unknown> {
  const lines = readFactLines(output);
  const { perInterface, ...network } = networkFacts(lines);
  const facts: Record<string, unknown> = { ...distributionFacts(lines), ...systemFacts(lines), ...network, ...hardwareFacts(lines) };
  // An interface never shadows a real fact (an interface named "kernel" stays out).
  for (const [name, value] of Object.entries(perInterface as Record<string, unknown>)) if (!(name in facts)) facts[name] = value;
  return facts;
}
