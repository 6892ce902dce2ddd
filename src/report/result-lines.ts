// The per-host lines of Ansible's default callback (ok/changed/skipping/fatal/item lines), shared by
// the plain and the live reporter.
import type { Palette, ColorName } from './color.js';
import type { RunEvent } from '../engine/events.js';
import { pythonJson } from './python-json.js';

export type HostResultEvent = Extract<RunEvent, { type: 'host_result' }>;

/** "h" or "h -> delegate" like Ansible's host_label. */
export function hostLabel(event: HostResultEvent): string {
  return event.delegatedTo !== undefined && event.delegatedTo !== event.host ? `${event.host} -> ${event.delegatedTo}` : event.host;
}

const DEBUG_ALLOWED_KEYS = new Set(['msg', 'exception', 'warnings', 'deprecations']);

function isDebug(event: HostResultEvent): boolean {
  const module = event.task.module;
  return module === 'debug' || module === 'ansible.builtin.debug';
}

/**
 * What Ansible's _dump_results shows: no `_ansible_*` keys, no invocation/diff below -vvv, no
 * exception text; debug keeps only its message (Ansible's _clean_results).
 */
export function displayedResult(event: HostResultEvent, verbosity: number): Record<string, unknown> {
  const shown: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(event.result)) {
    if (key.startsWith('_ansible')) continue;
    if (key === 'exception') continue;
    if (verbosity < 3 && (key === 'invocation' || key === 'diff')) continue;
    shown[key] = value;
  }
  if (isDebug(event)) {
    if ('msg' in shown) {
      for (const key of Object.keys(shown)) if (!DEBUG_ALLOWED_KEYS.has(key)) delete shown[key];
    } else {
      delete shown.failed;
      delete shown.skipped;
    }
  }
  return shown;
}

/** debug output is always shown (Ansible's _ansible_verbose_always), and then indented by 4. */
function verboseAlways(event: HostResultEvent): boolean {
  return isDebug(event) || event.result._ansible_verbose_always === true;
}

function isVerbose(event: HostResultEvent, verbosity: number): boolean {
  if (event.result._ansible_verbose_override === true) return false;
  return verbosity > 0 || verboseAlways(event);
}

export function dumpResult(event: HostResultEvent, verbosity: number): string {
  const indent = verbosity > 2 || verboseAlways(event) ? 4 : undefined;
  return pythonJson(displayedResult(event, verbosity), indent);
}

/**
 * A no_log result: the engine replaced it by `censored`. Its item and diff may still ride on the
 * event, so reporters must not print them (Ansible shows `(item=None)` and no diff).
 */
export function isCensored(event: Pick<HostResultEvent, 'result'>): boolean {
  return typeof event.result.censored === 'string' || event.result._ansible_no_log === true;
}

/** Ansible's item label: loop_control.label when given (the engine puts it in _ansible_item_label), else the item. */
export function itemLabel(event: HostResultEvent): string {
  if (isCensored(event)) return 'None';
  const label = event.result._ansible_item_label ?? event.item;
  return typeof label === 'string' ? label : pythonJson(label);
}

export interface StatusLine {
  readonly text: string;
  readonly color: ColorName;
}

function isFailure(event: HostResultEvent): boolean {
  return event.status === 'failed' || event.status === 'ignored' || event.status === 'rescued';
}

/** The line for one loop item: "changed: [h] => (item=x)", "failed: [h] (item=x) => {...}". */
export function itemLine(event: HostResultEvent, verbosity: number): StatusLine {
  const label = hostLabel(event);
  const item = itemLabel(event);
  if (event.status === 'unreachable') {
    return { text: `fatal: [${label}]: UNREACHABLE! => (item=${item}) => ${pythonJson(unreachableResult(event, verbosity))}`, color: 'unreachable' };
  }
  if (isFailure(event)) return { text: `failed: [${label}] (item=${item}) => ${dumpResult(event, verbosity)}`, color: 'error' };
  if (event.status === 'skipped') {
    const text = `skipping: [${label}] => (item=${item})`;
    return { text: isVerbose(event, verbosity) ? `${text} => ${dumpResult(event, verbosity)}` : text, color: 'skip' };
  }
  const status = event.status === 'changed' ? 'changed' : 'ok';
  const text = `${status}: [${label}] => (item=${item})`;
  return { text: isVerbose(event, verbosity) ? `${text} => ${dumpResult(event, verbosity)}` : text, color: status === 'changed' ? 'changed' : 'ok' };
}

function unreachableResult(event: HostResultEvent, verbosity: number): Record<string, unknown> {
  const shown = displayedResult(event, verbosity);
  return { changed: false, ...shown, unreachable: true };
}

/** The line for a task result that is not a loop item (or a loop with no items). */
export function resultLine(event: HostResultEvent, verbosity: number): StatusLine {
  const label = hostLabel(event);
  if (event.status === 'unreachable') {
    return { text: `fatal: [${label}]: UNREACHABLE! => ${pythonJson(unreachableResult(event, verbosity))}`, color: 'unreachable' };
  }
  if (isFailure(event)) return { text: `fatal: [${label}]: FAILED! => ${dumpResult(event, verbosity)}`, color: 'error' };
  const status = event.status === 'skipped' ? 'skipping' : event.status === 'changed' ? 'changed' : 'ok';
  const text = `${status}: [${label}]`;
  const color: ColorName = status === 'skipping' ? 'skip' : status === 'changed' ? 'changed' : 'ok';
  return { text: isVerbose(event, verbosity) ? `${text} => ${dumpResult(event, verbosity)}` : text, color };
}

export function paintLine(line: StatusLine, palette: Palette): string {
  return palette.paint(line.color, line.text);
}
