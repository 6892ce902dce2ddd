// Medians, per-pair ratios and the derived figures the report states.
import type { FloorRecord, RawResults, RunRecord } from '../measure.js';
import type { Tool } from './steps.js';

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Seconds of the good runs (no problem) of one tool at one step. */
export function goodSeconds(raw: RawResults, step: string, tool: Tool): number[] {
  return raw.runs.filter((r) => r.step === step && r.tool === tool && !r.problem && r.seconds !== null).map((r) => r.seconds!);
}

/** ansible/tsplay for each repetition where both runs of the step were good. */
export function pairRatios(raw: RawResults, step: string): number[] {
  const ratios: number[] = [];
  for (let rep = 1; rep <= raw.reps; rep++) {
    const find = (tool: Tool): RunRecord | undefined => raw.runs.find((r) => r.step === step && r.tool === tool && r.rep === rep);
    const [t, a] = [find('tsplay'), find('ansible')];
    if (t && a && !t.problem && !a.problem && t.seconds && a.seconds) ratios.push(a.seconds / t.seconds);
  }
  return ratios;
}

export function medianRatio(raw: RawResults, step: string): number | null {
  return median(pairRatios(raw, step));
}

/**
 * Cost of one more task on every host, in ms: (many-tasks − one-task) / 99, medians. This is the
 * figure comparable to the floor's time per task: startup and connection setup cancel out.
 */
export function perTaskMs(raw: RawResults, tool: Tool, taskCount = 100): number | null {
  const many = median(goodSeconds(raw, 'many-tasks/noop', tool));
  const one = median(goodSeconds(raw, 'one-task', tool));
  return many === null || one === null ? null : ((many - one) * 1000) / (taskCount - 1);
}

export function floorMedian(raw: RawResults, key: keyof FloorRecord): number | null {
  return median(raw.floors.map((f) => f[key]).filter((v): v is number => typeof v === 'number'));
}

/** Largest peak RSS (KiB) of any tsplay run at this size. */
export function tsplayPeakRssKb(raw: RawResults): number | null {
  const values = raw.runs.filter((r) => r.tool === 'tsplay' && r.peakRssKb !== null).map((r) => r.peakRssKb!);
  return values.length ? Math.max(...values) : null;
}
