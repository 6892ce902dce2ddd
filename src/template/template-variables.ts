// The variables Ansible adds while rendering a template file (the template module and
// lookup('template')): ansible_managed and the template_* facts about the source file.
import { statSync } from 'node:fs';
import { hostname, userInfo } from 'node:os';

/** ansible-core 2.14's default ansible_managed (DEFAULT_MANAGED_STR): the plain text, no date or user. */
export const ANSIBLE_MANAGED = 'Ansible managed';

export function templateVariables(path: string): Record<string, unknown> {
  let uid: string | number;
  try {
    const owner = statSync(path).uid;
    uid = owner === userInfo().uid ? userInfo().username : owner;
  } catch {
    uid = '';
  }
  return {
    ansible_managed: ANSIBLE_MANAGED,
    template_path: path,
    template_fullpath: path,
    template_host: hostname(),
    template_uid: uid,
  };
}
