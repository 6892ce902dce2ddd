// Keywords every task, block and include shares (model.TaskCommon), and how imports pass theirs on;
// both follow the keyword table (src/keywords.ts).
import { LoadError } from '../errors.js';
import { KEYWORDS } from '../keywords.js';
import type { TaskCommon, TaskNode } from '../model.js';
import type { TaskScope } from './context.js';
import { readKeywords } from './keyword-reader.js';
import type { YamlPath, YamlSource } from './yaml-source.js';

/** The keywords of a block, an include or a module task (`place`), with the node's location and role. */
export function readCommon(raw: Record<string, unknown>, src: YamlSource, path: YamlPath, scope: TaskScope, place: 'block' | 'task' | 'include'): TaskCommon {
  const common = { loc: src.loc(path), ...readKeywords(raw, place, src, path) } as Record<string, unknown>;
  if (scope.role) common.role = scope.role;
  return common as unknown as TaskCommon;
}

/**
 * `import_tasks` is inlined: like Ansible, its keywords are copied onto every imported node, merged
 * as the table says (its `when` first, then the node's own; tags added; vars and environment layered
 * with the node's own keys winning; the node's own settings win).
 */
export function inheritFromImport(node: TaskNode, from: TaskCommon): TaskNode {
  const merged: Record<string, unknown> = { ...node };
  const own = node as unknown as Record<string, unknown>;
  const imported = from as unknown as Record<string, unknown>;
  for (const row of KEYWORDS) {
    if (!('field' in row)) continue;
    const mine = own[row.field];
    const theirs = imported[row.field];
    if (theirs === undefined) continue;
    switch (row.inherit) {
      case 'and':
        merged[row.field] = [...(theirs as unknown[]), ...(mine as unknown[])];
        break;
      case 'union':
        merged[row.field] = [...new Set([...(theirs as unknown[]), ...(mine as unknown[])])];
        break;
      case 'layer':
        if (mine === undefined) merged[row.field] = theirs;
        else if (typeof theirs === 'string' || typeof mine === 'string') {
          // A template (`environment: "{{ proxy_env }}"`) can only be layered once templated, per host.
          throw new LoadError(`${row.key} as a {{ }} template on an import and on an imported task too cannot be layered yet`, node.loc);
        } else merged[row.field] = { ...(theirs as object), ...(mine as object) };
        break;
      case 'inner':
        if (mine === undefined) merged[row.field] = theirs;
        break;
    }
  }
  if (from.connectionDefaults) merged.connectionDefaults = { ...from.connectionDefaults, ...node.connectionDefaults };
  return merged as unknown as TaskNode;
}
