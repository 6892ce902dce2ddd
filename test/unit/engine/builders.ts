// Builders for in-memory inventories/playbooks and a fake connection; no module registry, so a
// benchmark can use them without loading every module.
import type { Connection, ExecOptions, TransferSource, UploadOptions } from '../../../src/connection/types.js';
import { downloadThroughGet, uploadThroughPut } from '../support/in-memory-transfers.js';
import type { RunOptions } from '../../../src/engine/api.js';
import type { Block, Handler, IncludeTasks, Inventory, InventoryGroup, InventoryHost, ModuleTask, Play, Playbook, Role, TaskNode, Vars } from '../../../src/model.js';

const loc = { file: '/pb/site.yml', line: 1, col: 1 };

export function inventory(hosts: Record<string, { groups?: string[]; vars?: Vars }>, groups: Record<string, { vars?: Vars; children?: string[]; priority?: number }> = {}): Inventory {
  const hostMap = new Map<string, InventoryHost>();
  for (const [name, h] of Object.entries(hosts)) hostMap.set(name, { name, vars: h.vars ?? {}, groups: h.groups ?? [] });
  const names = new Set(['all', 'ungrouped', ...Object.keys(groups), ...Object.values(hosts).flatMap((h) => h.groups ?? [])]);
  const parentsOf = (g: string) => [...Object.entries(groups)].filter(([, v]) => v.children?.includes(g)).map(([k]) => k);
  const depthOf = (g: string): number => (g === 'all' ? 0 : 1 + Math.max(0, ...parentsOf(g).map(depthOf)));
  const groupMap = new Map<string, InventoryGroup>();
  for (const g of names) {
    const parents = g === 'all' ? [] : parentsOf(g).length ? parentsOf(g) : ['all'];
    groupMap.set(g, {
      name: g,
      hosts: Object.entries(hosts).filter(([, h]) => (h.groups ?? []).includes(g)).map(([n]) => n),
      children: groups[g]?.children ?? [],
      parents,
      vars: groups[g]?.vars ?? {},
      depth: depthOf(g),
      priority: groups[g]?.priority ?? 1,
    });
  }
  return { hosts: hostMap, groups: groupMap, sources: ['test'] };
}

export function task(module: string, args: Record<string, unknown> = {}, extra: Partial<ModuleTask> = {}): ModuleTask {
  return { kind: 'task', module, args, loc, when: [], tags: [], vars: {}, loopVar: 'item', notify: [], ...extra } as ModuleTask;
}

/** An include_tasks of `file`, written in `from`. */
export function include(file: string, from: string, extra: Partial<IncludeTasks> = {}): IncludeTasks {
  return { kind: 'include_tasks', file, loc: { file: from, line: 3, col: 5 }, when: [], tags: [], vars: {}, loopVar: 'item', ...extra };
}

export function handler(name: string, module: string, args: Record<string, unknown> = {}, extra: Partial<ModuleTask & Handler> = {}): Handler {
  return { ...task(module, args, { name, ...extra }), listen: extra.listen ?? [] } as Handler;
}

export function block(body: TaskNode[], rescue: TaskNode[] = [], always: TaskNode[] = [], extra: Partial<Block> = {}): Block {
  return { kind: 'block', block: body, rescue, always, loc, when: [], tags: [], vars: {}, notify: [], ...extra } as Block;
}

export function role(name: string, parts: Partial<Role> = {}): Role {
  return { ref: { name, dir: `/roles/${name}` }, defaults: {}, vars: {}, tasks: [], handlers: [], dependencies: [], ...parts };
}

export function play(parts: Partial<Play>): Play {
  return {
    name: 'test play', loc, hosts: 'all', gatherFacts: false, vars: {}, varsFiles: [], roles: [], preTasks: [], tasks: [], postTasks: [],
    handlers: [], serial: [], strategy: 'linear', anyErrorsFatal: false, tags: [], ...parts,
  };
}

export function playbook(...plays: Play[]): Playbook {
  return { file: '/pb/site.yml', dir: '/pb', plays };
}

export const baseOptions: RunOptions = { check: false, diff: false, forks: 5, tags: [], skipTags: [], extraVars: {}, forceHandlers: false, verbosity: 0 };

export class FakeConnection implements Connection {
  constructor(readonly host: string) {}
  async exec(_command: string, options: ExecOptions = {}) {
    return { rc: 0, stdout: JSON.stringify(options.env ?? {}), stderr: '' };
  }
  async put() {}
  upload(path: string, source: TransferSource, options?: UploadOptions) { return uploadThroughPut(this, path, source, options); }
  download(path: string, localPath: string) { return downloadThroughGet(this, path, localPath); }
  async get() { return Buffer.from(''); }
  async close() {}
}

