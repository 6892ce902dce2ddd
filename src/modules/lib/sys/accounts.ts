// Reading local users and groups in one round trip each (getent and id, present on Debian and
// RHEL alike), for the user and group modules.
import { shellQuote } from '../../../util/shell-quote.js';
import type { ModuleContext } from '../../types.js';
import { execTool } from '../target.js';

/** POSIX-portable user and group names, as useradd accepts them (no leading dash: never an option). */
export const ACCOUNT_NAME = /^[A-Za-z_][A-Za-z0-9_.-]*\$?$/;

export interface GroupEntry {
  name: string;
  gid: number;
}

export interface UserEntry {
  name: string;
  uid: number;
  gid: number;
  comment: string;
  home: string;
  shell: string;
  primaryGroup: string;
  /** Supplementary groups (the primary group left out). */
  groups: string[];
  /** The shadow password field, when it was asked for. */
  password?: string;
}

export async function readGroup(ctx: ModuleContext, name: string): Promise<GroupEntry | undefined> {
  const out = (await execTool(ctx, `getent group ${shellQuote(name)} || true`, `reading group ${name}`)).stdout.trim();
  if (!out) return undefined;
  const [, , gid] = out.split(':');
  return { name, gid: Number(gid) };
}

export async function readUser(ctx: ModuleContext, name: string, withPassword: boolean): Promise<UserEntry | undefined> {
  const q = shellQuote(name);
  const script = [
    `if e=$(getent passwd ${q}); then`,
    `  printf 'passwd=%s\\nprimary=%s\\ngroups=%s\\n' "$e" "$(id -gn ${q})" "$(id -Gn ${q})"`,
    ...(withPassword ? [`  printf 'shadow=%s\\n' "$(getent shadow ${q} | cut -d: -f2)"`] : []),
    `fi`,
  ].join('\n');
  const out = (await execTool(ctx, script, `reading user ${name}`)).stdout;
  const field = (key: string) => new RegExp(`^${key}=(.*)$`, 'm').exec(out)?.[1];
  const passwd = field('passwd');
  if (passwd === undefined) return undefined;
  const [, , uid, gid, comment = '', home = '', shell = ''] = passwd.split(':');
  const primaryGroup = field('primary') ?? '';
  const groups = (field('groups') ?? '').split(/\s+/).filter((g) => g !== '' && g !== primaryGroup);
  const password = field('shadow');
  return { name, uid: Number(uid), gid: Number(gid), comment, home, shell, primaryGroup, groups, ...(password !== undefined ? { password } : {}) };
}
