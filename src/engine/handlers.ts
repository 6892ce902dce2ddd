// Handlers: a changed result notifies by handler name (or 'role : name') or `listen` topic; each
// flush runs the notified handlers in DEFINITION order, at most once per host, and only for hosts
// still in the play (failed hosts too with force_handlers). A handler may notify a later one. A
// handler that is an include_tasks runs its file's tasks as handlers when notified.
import { TsplayError } from '../errors.js';
import type { Handler, Play, TaskNode } from '../model.js';
import { isActive, playInherited, type Inherited, type PlayHost, type PlayRun } from './context.js';
import { runInclude } from './includes.js';
import { runModuleTask } from './task.js';

export class HandlerIndex {
  private readonly byName = new Map<string, Handler[]>();
  private readonly list: Handler[] = [];

  constructor(ordered: readonly Handler[]) {
    this.add(ordered);
  }

  /** Handlers in definition order (ones registered at run time come last). */
  get ordered(): readonly Handler[] {
    return this.list;
  }

  /** Register handlers (a role's, met at run time); ones already known are ignored. */
  add(handlers: readonly Handler[]): void {
    const index = (key: string, handler: Handler) => {
      const list = this.byName.get(key) ?? [];
      if (!list.includes(handler)) list.push(handler);
      this.byName.set(key, list);
    };
    for (const handler of handlers) {
      if (this.list.includes(handler)) continue;
      this.list.push(handler);
      if (handler.name !== undefined) {
        index(handler.name, handler);
        if (handler.role) index(`${handler.role.name} : ${handler.name}`, handler);
      }
      for (const topic of handler.listen) index(topic, handler);
    }
  }

  resolve(name: string): readonly Handler[] | undefined {
    return this.byName.get(name);
  }
}

function unknownHandler(name: string, where?: Handler['loc']): TsplayError {
  return new TsplayError(`The requested handler '${name}' was not found in either the main handlers list nor in the listening handlers list`, {
    location: where,
    kind: 'runtime',
    hint: 'check the spelling against the handler names and `listen` topics of the play and its roles',
  });
}

/** Unknown notify names are an error before any host is contacted (templated names are checked at run time). */
export function checkNotifyNames(play: Play, index: HandlerIndex): void {
  const visit = (nodes: readonly TaskNode[]) => {
    for (const node of nodes) {
      if (node.kind === 'task' || node.kind === 'block') {
        for (const name of node.notify) if (!name.includes('{{') && !index.resolve(name)) throw unknownHandler(name, node.loc);
      }
      if (node.kind === 'block') {
        visit(node.block);
        visit(node.rescue);
        visit(node.always);
      } else if (node.kind === 'include_tasks') visit(node.loaded ?? []);
      else if (node.kind === 'include_role') visit(node.loaded?.tasks ?? []);
    }
  };
  visit(play.preTasks);
  visit(play.tasks);
  visit(play.postTasks);
  const seen = new Set<object>();
  const visitRoles = (uses: Play['roles']) => {
    for (const use of uses) {
      if (seen.has(use.role)) continue;
      seen.add(use.role);
      visitRoles(use.role.dependencies);
      visit(use.role.tasks);
    }
  };
  visitRoles(play.roles);
  for (const handler of play.handlers) visit([handler]);
}

export function notifyHandler(index: HandlerIndex, host: PlayHost, name: string, where?: Handler['loc']): void {
  const handlers = index.resolve(name);
  if (!handlers) throw unknownHandler(name, where);
  for (const handler of handlers) host.notified.add(handler);
}

export async function flushHandlers(pr: PlayRun, index: HandlerIndex, hosts: readonly PlayHost[]): Promise<void> {
  const force = pr.run.options.forceHandlers || pr.play.forceHandlers === true;
  const inh: Inherited = { ...playInherited(pr.play), tags: [], isHandler: true };
  // Loop because a handler may notify another; each pass runs pending handlers in definition order.
  for (let pass = 0; pass < 100; pass++) {
    let ran = false;
    for (const handler of index.ordered) {
      if (pr.run.aborted || pr.ended || pr.run.signal?.aborted) return;
      const notified = hosts.filter((h) => h.notified.has(handler));
      if (notified.length === 0) continue;
      for (const h of notified) h.notified.delete(handler);
      const forced = force ? notified.filter((h) => h.failed && !h.unreachable && !h.ended) : [];
      const targets = notified.filter((h) => isActive(pr, h) || forced.includes(h));
      if (targets.length === 0) continue;
      ran = true;
      for (const h of forced) h.failed = false;
      try {
        if (handler.kind === 'include_tasks') await runInclude(pr, handler, targets, inh);
        else await runModuleTask(pr, handler, inh, targets);
      } finally {
        for (const h of forced) h.failed = true;
      }
    }
    if (!ran) return;
  }
}
