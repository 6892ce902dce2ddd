// Facts the system modules consult (pkg_mgr, service_mgr) when the play gathered them.
import type { ModuleContext } from '../../types.js';

/** A fact from ctx.vars.ansible_facts (or the ansible_NAME shorthand), as a string. */
export function factOf(ctx: ModuleContext, name: string): string | undefined {
  const facts = ctx.vars['ansible_facts'];
  const fromFacts = facts && typeof facts === 'object' ? (facts as Record<string, unknown>)[name] : undefined;
  const value = fromFacts ?? ctx.vars[`ansible_${name}`];
  return typeof value === 'string' && value !== '' ? value : undefined;
}
