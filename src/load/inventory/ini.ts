// Ansible INI inventories: [g], [g:children], [g:vars], `host k=v`, `host:2222`, host ranges.
import { LoadError, type SourceLocation } from '../../errors.js';
import type { Vars } from '../../model.js';
import { splitKeyValueWords } from '../extra-vars.js';
import type { InventoryBuilder } from './builder.js';
import { parseIniValue } from './ini-values.js';
import { expandHostEntry } from './ranges.js';

type Section = { group: string; kind: 'hosts' | 'children' | 'vars' };

export function parseIniInventory(text: string, file: string, into: InventoryBuilder): void {
  // Hosts before the first section header are ungrouped.
  let section: Section = { group: 'ungrouped', kind: 'hosts' };
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    const line = raw.trim();
    const loc: SourceLocation = { file, line: i + 1, col: raw.length - raw.trimStart().length + 1 };
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    if (line.startsWith('[')) {
      section = parseHeader(line, loc);
      into.group(section.group, loc);
      continue;
    }
    if (section.kind === 'hosts') parseHostLine(line, section.group, loc, into);
    else if (section.kind === 'children') {
      const child = line.split(/\s+[#;]|\s/)[0]!;
      into.addChild(section.group, child, loc);
    } else {
      const eq = line.indexOf('=');
      if (eq <= 0) throw new LoadError(`expected 'name=value' in [${section.group}:vars], got '${line}'`, loc);
      into.setGroupVars(section.group, { [line.slice(0, eq).trim()]: parseIniValue(line.slice(eq + 1)) }, loc);
    }
  }
}

function parseHeader(line: string, loc: SourceLocation): Section {
  const match = /^\[([^\]\s]+)\]\s*(?:[#;].*)?$/.exec(line);
  if (!match) throw new LoadError(`malformed section header '${line}'`, loc, undefined, 'parse');
  const [group, kind = 'hosts', ...rest] = match[1]!.split(':');
  if (rest.length || !group || !['hosts', 'children', 'vars'].includes(kind)) {
    throw new LoadError(`unknown section '${line}': use [group], [group:children] or [group:vars]`, loc, undefined, 'parse');
  }
  return { group, kind: kind as Section['kind'] };
}

function parseHostLine(line: string, group: string, loc: SourceLocation, into: InventoryBuilder): void {
  let words: string[];
  try {
    words = splitKeyValueWords(line, true);
  } catch (error) {
    throw new LoadError(`cannot parse host line: ${(error as Error).message}`, loc, undefined, 'parse');
  }
  if (words.length === 0) return;
  const [entry, ...assignments] = words as [string, ...string[]];
  const vars: Vars = {};
  for (const assignment of assignments) {
    const eq = assignment.indexOf('=');
    if (eq <= 0) throw new LoadError(`expected key=value after host '${entry}', got '${assignment}'`, loc, undefined, 'parse');
    vars[assignment.slice(0, eq)] = parseIniValue(assignment.slice(eq + 1));
  }
  const { names, port } = expandHostEntry(entry, loc);
  for (const name of names) into.addHost(name, group, port !== undefined ? { ansible_port: port, ...vars } : vars);
}
