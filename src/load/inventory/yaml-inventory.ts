// Ansible YAML inventories: `all: {hosts, vars, children}` nested to any depth, range keys, nulls.
import { LoadError } from '../../errors.js';
import type { Vars } from '../../model.js';
import { checkSchema } from '../schema-check.js';
import { schemas } from '../schemas.js';
import type { YamlPath, YamlSource } from '../yaml-source.js';
import type { InventoryBuilder } from './builder.js';
import { expandHostEntry } from './ranges.js';

type GroupBody = { hosts?: Record<string, Vars | null> | null; vars?: Vars | null; children?: Record<string, GroupBody | null> | null } | null;

export function parseYamlInventory(src: YamlSource, into: InventoryBuilder): void {
  const root = src.toJS();
  checkSchema(root, schemas.inventory, { src, path: [], what: 'inventory group key' });
  for (const [name, body] of Object.entries((root ?? {}) as Record<string, GroupBody>)) addGroup(name, body, [name], src, into);
}

function addGroup(name: string, body: GroupBody, path: YamlPath, src: YamlSource, into: InventoryBuilder): void {
  into.group(name, src.keyLoc(path));
  for (const [entry, vars] of Object.entries(body?.hosts ?? {})) {
    const loc = src.keyLoc([...path, 'hosts', entry]);
    const { names, port } = expandHostEntry(entry, loc);
    for (const host of names) into.addHost(host, name, { ...(port !== undefined ? { ansible_port: port } : {}), ...(vars ?? {}) });
  }
  if (body?.vars) into.setGroupVars(name, body.vars);
  for (const [child, childBody] of Object.entries(body?.children ?? {})) {
    if (child === name) throw new LoadError(`group cycle: ${name} -> ${name}`, src.keyLoc([...path, 'children', child]));
    into.addChild(name, child, src.keyLoc([...path, 'children', child]));
    addGroup(child, childBody, [...path, 'children', child], src, into);
  }
}
