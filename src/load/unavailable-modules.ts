// Modules Ansible would find that tsplay does not implement. Ansible loads a task naming one of them
// (--list-tasks and --syntax-check pass) and fails only if the task runs; tsplay does the same, so a
// role that uses kubernetes.core.helm in one branch still loads and runs its other branches: the task
// fails on the hosts that reach it, with "module 'NAME' is not available in tsplay (WHY)". Names
// outside these sets stay load errors (a typo is caught before anything runs).
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** ansible-core 2.14's own modules (ansible/modules/), the reference release. */
const ANSIBLE_CORE_MODULES = new Set(
  'add_host apt apt_key apt_repository assemble assert async_status blockinfile command copy cron debconf debug dnf dpkg_selections expect fail fetch file find gather_facts get_url getent git group group_by hostname include_vars iptables known_hosts lineinfile meta package package_facts pause ping pip raw reboot replace rpm_key script service service_facts set_fact set_stats setup shell slurp stat subversion systemd systemd_service sysvinit tempfile template unarchive uri user validate_argument_spec wait_for wait_for_connection yum yum_repository'.split(' '),
);

/**
 * Collection modules known by name only, decided one by one: real roles of the corpus (kubespray)
 * use them on branches tsplay's reference hosts never take (SUSE, RHEL subscriptions, helm, rsync),
 * and implementing them is out of reach for now. Any other module of a collection tsplay lacks stays
 * a load error (module-task.ts).
 */
const KNOWN_COLLECTION_MODULES = new Set([
  'ansible.posix.synchronize',
  'community.general.redhat_subscription',
  'community.general.rhsm_repository',
  'community.general.zypper',
  'kubernetes.core.helm',
  'kubernetes.core.helm_repository',
]);

/**
 * Why `name` loads although tsplay lacks it, or undefined when it is unknown. `libraryDirs`: the
 * library/ folders next to the playbooks and roles read so far, where Ansible finds a project's own modules.
 */
export function unavailableReason(name: string, libraryDirs: Iterable<string>): string | undefined {
  const parts = name.split('.');
  if (parts.length === 1) {
    if (ANSIBLE_CORE_MODULES.has(name)) return `ansible.builtin.${name} is not implemented`;
    for (const dir of libraryDirs) {
      const file = ['.py', '.ps1', ''].map((ext) => join(dir, name + ext)).find((f) => existsSync(f));
      if (file) return `it is a custom module (${file}); tsplay cannot run Ansible's Python modules`;
    }
    return undefined;
  }
  if (parts.length < 3) return undefined;
  const collection = parts.slice(0, 2).join('.');
  const short = parts.slice(2).join('.');
  if (collection === 'ansible.builtin' || collection === 'ansible.legacy') return ANSIBLE_CORE_MODULES.has(short) ? `${name} is not implemented` : undefined;
  return KNOWN_COLLECTION_MODULES.has(name) ? `tsplay does not implement this module of collection '${collection}'` : undefined;
}
