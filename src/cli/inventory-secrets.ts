// Passwords written in plain text in the inventory or in -e (ansible_password, the sudo password):
// added to the values every event and error is masked with, like vault-decrypted ones, so a task
// that prints a variable or an error that quotes a command never shows them.
import type { Inventory, Vars } from '../model.js';

const PASSWORD_VARIABLES = ['ansible_password', 'ansible_ssh_pass', 'ansible_ssh_password', 'ansible_become_password', 'ansible_become_pass'];

function passwordsOf(vars: Vars): string[] {
  return PASSWORD_VARIABLES.map((name) => vars[name]).filter((value): value is string => typeof value === 'string' && value !== '' && !value.includes('{{'));
}

export function plainPasswords(inventory: Inventory | undefined, extraVars: Vars): string[] {
  const found = new Set(passwordsOf(extraVars));
  for (const host of inventory?.hosts.values() ?? []) for (const p of passwordsOf(host.vars)) found.add(p);
  for (const group of inventory?.groups.values() ?? []) for (const p of passwordsOf(group.vars)) found.add(p);
  return [...found];
}
