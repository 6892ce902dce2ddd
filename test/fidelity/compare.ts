// What is compared for each generated task: its status (ok, changed, failed, skipped) and what it
// printed (the debug message or variable, the assert/fail message, the facts set) or, for templates,
// the file written, byte for byte. Failure messages of other tasks are not compared: Ansible's say
// "The task includes an option with an undefined variable ..." where tsplay's name file:line:col.
import { isDeepStrictEqual } from 'node:util';
import { pythonText } from '../../src/template/jinja/python-text.js';
import type { GeneratedCorpus, GeneratedTask } from './corpus.js';
import type { ToolResult, ToolRun } from './tools.js';

export type Status = 'ok' | 'changed' | 'failed' | 'skipped' | 'missing';

export interface Observation {
  readonly status: Status;
  readonly value?: unknown;
  readonly items?: readonly Observation[];
}

function statusOf(result: ToolResult | undefined): Status {
  if (!result) return 'missing';
  // tsplay's --json adds Ansible's status word; `ignored` is a failure that ignore_errors kept going.
  if (result['failed'] === true || result['status'] === 'failed' || result['status'] === 'ignored') return 'failed';
  if (result['skipped'] === true) return 'skipped';
  if (result['changed'] === true) return 'changed';
  return 'ok';
}

function valueOf(task: GeneratedTask, result: ToolResult, status: Status, files: Record<string, string>): unknown {
  if (status === 'skipped' || status === 'missing') return undefined;
  switch (task.kind) {
    case 'msg':
      return status === 'failed' ? undefined : result['msg'];
    case 'var':
      return status === 'failed' ? undefined : result[task.key ?? ''];
    case 'assert':
      // A failed assertion names the failing condition; a condition that errored has a tool-specific text.
      return 'evaluated_to' in result ? { msg: result['msg'], assertion: result['assertion'], evaluated_to: result['evaluated_to'] } : status === 'ok' ? result['msg'] : undefined;
    case 'fail':
      return result['msg'];
    case 'set_fact':
      return status === 'failed' ? undefined : result['ansible_facts'];
    case 'template': {
      const bytes = files[task.key ?? ''];
      return bytes === undefined ? undefined : Buffer.from(bytes, 'base64').toString('utf8');
    }
    case 'raw':
      return undefined;
  }
}

export function observe(task: GeneratedTask, run: ToolRun): Observation {
  const result = run.results[task.title];
  const status = statusOf(result);
  if (!result) return { status };
  const rawItems = result['results'];
  if (Array.isArray(rawItems) && task.kind !== 'template') {
    const items = (rawItems as ToolResult[]).map((item) => {
      const itemStatus = statusOf(item);
      return { status: itemStatus, value: valueOf(task, item, itemStatus, run.files) };
    });
    return { status, items };
  }
  const value = valueOf(task, result, status, run.files);
  return value === undefined ? { status } : { status, value };
}

/**
 * What tsplay shows, passed through Ansible 2.14's non-native rule (ansible_eval_concat): a
 * template's result is text unless it looks like a list, dict or bool, so a number or none from
 * `{{ }}` prints as '3' or ''. tsplay keeps the type (README's native-type rule); a case whose only
 * difference is this is told apart from real differences.
 */
function underNonNativeRule(task: GeneratedTask, o: Observation): Observation {
  const text = (value: unknown) => (typeof value === 'number' || value === null ? pythonText(value) : value);
  const value = (v: unknown) => {
    if (task.kind === 'set_fact' && v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, text(x)]));
    return task.kind === 'msg' || task.kind === 'var' ? text(v) : v;
  };
  return {
    status: o.status,
    ...('value' in o ? { value: value(o.value) } : {}),
    ...(o.items ? { items: o.items.map((item) => underNonNativeRule(task, item)) } : {}),
  };
}

export interface CaseComparison {
  readonly name: string;
  readonly topic: string;
  readonly identical: boolean;
  /** Not identical, but identical once tsplay's numbers and none are shown as Ansible's non-native text. */
  readonly nativeTypeOnly?: boolean;
  /** The first differing task: what each tool showed. */
  readonly difference?: { task: string; ansible: Observation; tsplay: Observation };
}

export function compareCorpus(corpus: GeneratedCorpus, ansible: ToolRun, tsplay: ToolRun): CaseComparison[] {
  return corpus.cases.map((c) => {
    let difference: CaseComparison['difference'];
    let nativeTypeOnly = true;
    for (const task of corpus.tasks.filter((t) => t.caseName === c.name)) {
      const a = observe(task, ansible);
      const t = observe(task, tsplay);
      if (isDeepStrictEqual(a, t)) continue;
      difference ??= { task: task.title, ansible: a, tsplay: t };
      if (!isDeepStrictEqual(a, underNonNativeRule(task, t))) {
        nativeTypeOnly = false;
        difference = { task: task.title, ansible: a, tsplay: t };
        break;
      }
    }
    if (!difference) return { name: c.name, topic: c.topic, identical: true };
    return { name: c.name, topic: c.topic, identical: false, nativeTypeOnly, difference };
  });
}
