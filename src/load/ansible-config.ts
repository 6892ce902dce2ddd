// The one ansible.cfg Ansible would read (ANSIBLE_CONFIG, ./ansible.cfg, ~/.ansible.cfg,
// /etc/ansible/ansible.cfg: the first that exists wins, nothing is merged), for the settings that
// decide what a playbook loads. Projects such as kubespray find their roles only through it.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

/** Path of the config file Ansible would use, or undefined. */
export function findAnsibleConfig(env: NodeJS.ProcessEnv, cwd: string): string | undefined {
  const fromEnv = env.ANSIBLE_CONFIG ? [resolve(cwd, env.ANSIBLE_CONFIG)] : [];
  const candidates = [...fromEnv, join(cwd, 'ansible.cfg'), join(env.HOME ?? homedir(), '.ansible.cfg'), '/etc/ansible/ansible.cfg'];
  return candidates.find((file) => existsSync(file) && statSync(file).isFile());
}

/** `key = value` pairs of one INI section (Ansible's ConfigParser: `;`/`#` comments, `=` or `:`). */
export function iniSection(text: string, section: string): Map<string, string> {
  const values = new Map<string, string>();
  let current = '';
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const header = /^\[(.+)\]$/.exec(line);
    if (header) current = header[1]!.trim();
    else if (current === section) {
      const match = /^([^=:]+?)\s*[=:]\s*(.*)$/.exec(line);
      if (match) values.set(match[1]!.toLowerCase(), match[2]!);
    }
  }
  return values;
}

/**
 * `[defaults] roles_path` of that file, colon-separated, relative entries resolved against the file's
 * directory as Ansible resolves path lists (`~` and set `$VARS` expanded, unset ones left as written, like Python's expandvars). ANSIBLE_ROLES_PATH, when set, replaces it (Ansible's
 * precedence), so then this returns nothing.
 */
export function configuredRolesPath(env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): string[] {
  if (env.ANSIBLE_ROLES_PATH) return [];
  const file = findAnsibleConfig(env, cwd);
  if (!file) return [];
  const value = iniSection(readFileSync(file, 'utf8'), 'defaults').get('roles_path');
  if (!value) return [];
  const expand = (p: string) => p.replace(/^~(?=\/|$)/, env.HOME ?? homedir()).replace(/\$(\w+)|\$\{(\w+)\}/g, (whole: string, a?: string, b?: string) => env[a ?? b ?? ''] ?? whole);
  return value.split(':').map((p) => expand(p.trim())).filter(Boolean).map((p) => resolve(dirname(file), p));
}
