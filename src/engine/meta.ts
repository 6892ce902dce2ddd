// `meta:` tasks, carried out by the engine itself: flush_handlers, end_play, end_batch, end_host,
// clear_facts, reset_connection; the no-op ones are accepted; anything else is a warning.
import { formatLocation } from '../errors.js';
import type { ModuleTask } from '../model.js';
import { isActive, type Inherited, type PlayHost, type PlayRun } from './context.js';
import { playMagic } from './task.js';
import { taskScope } from './task-scope.js';

function metaAction(task: ModuleTask): string {
  const args = task.args as Record<string, unknown>;
  for (const key of ['free_form', '_raw_params', 'cmd', 'action']) if (typeof args[key] === 'string') return (args[key] as string).trim();
  const first = Object.values(args).find((v) => typeof v === 'string');
  return typeof first === 'string' ? first.trim() : '';
}

export async function runMeta(pr: PlayRun, task: ModuleTask, hosts: readonly PlayHost[], inh: Inherited): Promise<void> {
  const action = metaAction(task);
  const active = hosts.filter((h) => isActive(pr, h));
  const conditions = [...inh.when, ...task.when];
  const magic = playMagic(pr);
  const applies = active.filter((h) => conditions.length === 0 || pr.run.services.evaluateCondition(conditions, taskScope(pr, h, task, inh, magic), formatLocation(task.loc)));
  switch (action) {
    case 'flush_handlers':
      await pr.flushHandlers(applies);
      return;
    case 'end_play':
      if (applies.length > 0) pr.ended = true;
      return;
    case 'end_batch':
      if (applies.length > 0) pr.batchEnded = true;
      return;
    case 'end_host':
      for (const h of applies) h.ended = true;
      return;
    case 'clear_facts':
      for (const h of applies) pr.run.hostState(h.name).clearFacts();
      return;
    case 'reset_connection':
      // Every connection of the host (delegated tasks share them): the next task reconnects.
      await Promise.all(applies.map((h) => pr.run.pool.reset(h.name)));
      return;
    case 'noop':
    case 'refresh_inventory':
    case 'clear_host_errors':
      return;
    default:
      pr.run.emit({ type: 'warning', message: `${formatLocation(task.loc)}: meta '${action}' is not supported; ignored` });
  }
}
