// The scope of one task on one host, and the keyword values that depend on it (become, environment).
import type { BecomeOptions } from '../connection/types.js';
import type { ModuleTask, TaskCommon, Vars } from '../model.js';
import type { Inherited, PlayHost, PlayRun, RoleFrame } from './context.js';
import { keywordOrVariable } from './keyword-precedence.js';
import { pythonText } from '../template/jinja/python-text.js';

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

/**
 * ansible_become / ansible_become_user > the task's, block's, role entry's or play's keyword > -b /
 * --become-user (keyword-precedence.ts); user default root; password from -K or the variable.
 */
export function resolveBecome(pr: PlayRun, task: ModuleTask, inh: Inherited, scope: Vars): BecomeOptions | undefined {
  const options = pr.run.options;
  const become = keywordOrVariable('become', scope, task.become ?? inh.become, options.become);
  // The variable may be text ("yes", "false"); the keyword was typed by the loader.
  if (!(become?.from === 'variable' ? truthyVar(become.value) : become?.value)) return undefined;
  const user = keywordOrVariable('become_user', scope, task.becomeUser ?? inh.becomeUser, options.becomeUser)?.value ?? 'root';
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
    // Ansible's check, for a template that does not give a mapping.
    if (templated === null || typeof templated !== 'object' || Array.isArray(templated)) throw new Error(`environment must be a dictionary, received ${pythonText(templated)}`);
    Object.assign(merged, templated);
  }
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(merged)) env[name] = typeof value === 'string' ? value : JSON.stringify(value);
  return env;
}
