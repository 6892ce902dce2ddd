// Turning module results into a host status, the censored form events carry, and loop aggregates.
import type { ModuleResult } from '../modules/types.js';
import type { HostStatus } from './events.js';

export const NO_LOG_MESSAGE = "the output has been hidden due to the fact that 'no_log: true' was specified for this result";

export function censored(result: Readonly<Record<string, unknown>>, noLog: boolean | undefined): Readonly<Record<string, unknown>> {
  if (!noLog) return result;
  const out: Record<string, unknown> = { censored: NO_LOG_MESSAGE, changed: result['changed'] === true };
  if (result['failed'] === true) out['failed'] = true;
  if (result['skipped'] === true) out['skipped'] = true;
  return out;
}

export function statusOf(result: Readonly<Record<string, unknown>>, ignoreErrors: boolean): HostStatus {
  if (result['unreachable'] === true) return 'unreachable';
  if (result['failed'] === true) return ignoreErrors ? 'ignored' : 'failed';
  if (result['skipped'] === true) return 'skipped';
  return result['changed'] === true ? 'changed' : 'ok';
}

export function skippedResult(reason: string, falseCondition?: string): ModuleResult {
  const result: ModuleResult = { changed: false, skipped: true, skip_reason: reason };
  if (falseCondition !== undefined) result['false_condition'] = falseCondition;
  return result;
}

export function failedResult(msg: string, extra: Record<string, unknown> = {}): ModuleResult {
  return { changed: false, failed: true, msg, ...extra };
}

/** The register value of a looped task: per-item results plus Ansible's summary flags. */
export function aggregateLoop(items: readonly Record<string, unknown>[]): ModuleResult {
  const failed = items.some((r) => r['failed'] === true);
  const changed = items.some((r) => r['changed'] === true);
  const allSkipped = items.length > 0 && items.every((r) => r['skipped'] === true);
  const result: ModuleResult = { changed, results: items, msg: failed ? 'One or more items failed' : allSkipped ? 'All items skipped' : 'All items completed' };
  if (failed) result.failed = true;
  if (allSkipped || items.length === 0) {
    result.skipped = true;
    if (items.length === 0) result['skip_reason'] = 'No items in the list';
  }
  return result;
}

/** A module's `warnings` (strings only); none under no_log, where they could carry secrets. */
export function warningsOf(result: Readonly<Record<string, unknown>>, noLog: boolean | undefined): string[] {
  const warnings = result['warnings'];
  if (noLog || !Array.isArray(warnings)) return [];
  return warnings.filter((w): w is string => typeof w === 'string' && w !== '');
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
