// Keywords every task, block and include shares (model.TaskCommon), and how imports pass theirs on.
import { LoadError } from '../errors.js';
import type { TaskCommon, TaskNode } from '../model.js';
import type { TaskScope } from './context.js';
import { isPlainObject, toConditions, toStringList, toVars } from './values.js';
import { checkConditionSyntax } from './condition-syntax.js';
import type { YamlPath, YamlSource } from './yaml-source.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export function readCommon(raw: Record<string, unknown>, src: YamlSource, path: YamlPath, scope: TaskScope): TaskCommon {
  const common: Mutable<TaskCommon> = {
    loc: src.loc(path),
    when: checkConditionSyntax(toConditions(raw.when), src.loc([...path, 'when']), 'when'),
    tags: toStringList(raw.tags, true),
    vars: toVars(raw.vars, src.loc([...path, 'vars'])),
  };
  if (typeof raw.name === 'string') common.name = raw.name;
  if (raw.become !== undefined) common.become = raw.become as boolean;
  if (raw.become_user !== undefined) common.becomeUser = raw.become_user as string;
  if (raw.environment !== undefined) {
    if (!isPlainObject(raw.environment)) {
      throw new LoadError('environment must be a mapping (a template string is not supported yet)', src.loc([...path, 'environment']));
    }
    common.environment = raw.environment;
  }
  if (raw.no_log !== undefined) common.noLog = raw.no_log as boolean;
  if (raw.check_mode !== undefined) common.checkMode = raw.check_mode as boolean;
  if (raw.ignore_errors !== undefined) common.ignoreErrors = raw.ignore_errors as boolean;
  if (raw.delegate_to !== undefined) common.delegateTo = raw.delegate_to as string;
  if (raw.run_once !== undefined) common.runOnce = raw.run_once as boolean;
  if (raw.any_errors_fatal !== undefined) common.anyErrorsFatal = raw.any_errors_fatal as boolean;
  if (raw.throttle !== undefined) common.throttle = raw.throttle as number | string;
  if (raw.ignore_unreachable !== undefined) common.ignoreUnreachable = raw.ignore_unreachable as boolean;
  Object.assign(common, connectionDefaults(raw));
  if (scope.role) common.role = scope.role;
  return common;
}

const CONNECTION_KEYWORDS: ReadonlyArray<[keyword: string, variable: string]> = [
  ['remote_user', 'ansible_user'],
  ['port', 'ansible_port'],
  ['connection', 'ansible_connection'],
];

/** remote_user/port/connection of a play, block or task, keyed by the variables they default. */
export function connectionDefaults(raw: Record<string, unknown>): { connectionDefaults?: Record<string, unknown> } {
  const defaults: Record<string, unknown> = {};
  for (const [keyword, variable] of CONNECTION_KEYWORDS) if (raw[keyword] !== undefined) defaults[variable] = raw[keyword];
  return Object.keys(defaults).length ? { connectionDefaults: defaults } : {};
}

/**
 * `import_tasks` is inlined: like Ansible, its keywords are copied onto every imported node
 * (its `when` first, then the node's own; tags are added; the node's own vars and settings win).
 */
export function inheritFromImport(node: TaskNode, from: TaskCommon): TaskNode {
  const merged: Record<string, unknown> = {
    ...node,
    when: [...from.when, ...node.when],
    tags: [...new Set([...from.tags, ...node.tags])],
    vars: { ...from.vars, ...node.vars },
  };
  const inheritable = ['become', 'becomeUser', 'environment', 'noLog', 'checkMode', 'ignoreErrors', 'delegateTo', 'runOnce', 'anyErrorsFatal', 'throttle', 'ignoreUnreachable'] as const;
  for (const key of inheritable) {
    if (merged[key] === undefined && from[key] !== undefined) merged[key] = from[key];
  }
  if (from.connectionDefaults) merged.connectionDefaults = { ...from.connectionDefaults, ...node.connectionDefaults };
  return merged as unknown as TaskNode;
}
