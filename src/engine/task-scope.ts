// The scope of one task on one host, and the keyword values that depend on it (become, environment).
import type { BecomeOptions } from '../connection/types.js';
import type { ModuleTask, TaskCommon, Vars } from '../model.js';
import type { Inherited, PlayHost, PlayRun, RoleFrame } from './context.js';

/** The role a task belongs to: the frame it runs in, or the role its RoleRef names (import_role). */
export function roleFrameOf(pr: PlayRun, task: TaskCommon, inh: Inherited): RoleFrame | undefined {
  if (inh.role && (!task.role || task.role.dir === inh.role.role.ref.dir)) return inh.role;
  if (task.role) {
    const role = pr.rolesByDir.get(task.role.dir);
    if (role) return { role, params: {} };
  }
  return inh.role;
}

export function taskScope(pr: PlayRun, host: PlayHost, task: TaskCommon & { vars: Vars }, inh: Inherited, magic: Vars, local?: Vars): Vars {
  const frame = roleFrameOf(pr, task, inh);
  const failure = host.failedTask ? { ansible_failed_task: host.failedTask, ansible_failed_result: host.failedResult } : undefined;
  return pr.run.scopes.forTask(host.name, {
    extraRoleDefaults: frame && !pr.publicRoleDirs.has(frame.role.ref.dir) ? frame.role.defaults : undefined,
    roleVars: frame?.role.vars,
    roleParams: frame?.params,
    blockVars: inh.vars,
    taskVars: task.vars,
    magic: frame ? { ...magic, role_name: frame.role.ref.name, role_path: frame.role.ref.dir } : magic,
    local: failure || local ? { ...failure, ...local } : undefined,
  });
}

function truthyVar(value: unknown): boolean | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return ['yes', 'true', 'on', '1', 'y'].includes(value.toLowerCase());
  return Boolean(value);
}

/** task > block > play > ansible_become var > -b; user default root; password from -K or the var. */
export function resolveBecome(pr: PlayRun, task: ModuleTask, inh: Inherited, scope: Vars): BecomeOptions | undefined {
  const options = pr.run.options;
  const become = task.become ?? inh.become ?? truthyVar(scope['ansible_become']) ?? options.become ?? false;
  if (!become) return undefined;
  const user = task.becomeUser ?? inh.becomeUser ?? (scope['ansible_become_user'] as string | undefined) ?? options.becomeUser ?? 'root';
  let password = options.becomePassword;
  const fromVars = scope['ansible_become_password'] ?? scope['ansible_become_pass'];
  if (password === undefined && fromVars !== undefined && fromVars !== null) {
    password = String(pr.run.services.templateValue(fromVars, scope, 'ansible_become_password'));
  }
  return password === undefined ? { user: String(user) } : { user: String(user), password };
}

/** play < block < task `environment`, templated, values as strings. */
export function resolveEnvironment(pr: PlayRun, task: ModuleTask, inh: Inherited, scope: Vars, where: string): Record<string, string> | undefined {
  const layers = task.environment ? [...inh.environment, task.environment] : inh.environment;
  if (layers.length === 0) return undefined;
  const merged: Record<string, unknown> = {};
  for (const layer of layers) {
    const templated = pr.run.services.templateValue(layer, scope, where);
    if (templated && typeof templated === 'object') Object.assign(merged, templated);
  }
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(merged)) env[name] = typeof value === 'string' ? value : JSON.stringify(value);
  return env;
}
