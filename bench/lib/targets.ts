// Issue 6's targets, judged on the N=20 results: no-op runs ≥20× faster than Ansible, first run
// ≥10×, tsplay's per-task cost within 2× of the ssh floor.
import type { RawResults } from '../measure.js';
import { floorMedian, medianRatio, perTaskMs } from './stats.js';

export interface TargetRow {
  readonly target: string;
  readonly short: string;
  readonly measured: string;
  readonly status: 'met' | 'missed' | 'not measured';
}

function ratioTarget(raw: RawResults | undefined, step: string, wanted: number, label: string, short: string): TargetRow {
  const ratio = raw ? medianRatio(raw, step) : null;
  if (ratio === null) return { target: label, short, measured: '–', status: 'not measured' };
  return { target: label, short, measured: `${ratio.toFixed(1)}× faster`, status: ratio >= wanted ? 'met' : 'missed' };
}

export function evaluateTargets(all: readonly RawResults[], size = 20): TargetRow[] {
  const raw = all.find((r) => r.hosts === size);
  const perTask = raw ? perTaskMs(raw, 'tsplay') : null;
  const floor = raw ? floorMedian(raw, 'perTaskMs') : null;
  const overhead: TargetRow = perTask === null || floor === null
    ? { target: 'tsplay per-task-per-host cost ≤ 2× the floor', short: 'per-task ≤2× floor', measured: '–', status: 'not measured' }
    : {
      target: 'tsplay per-task-per-host cost ≤ 2× the floor',
      short: 'per-task ≤2× floor',
      measured: `${perTask.toFixed(1)} ms vs floor ${floor.toFixed(2)} ms per task (${(perTask / floor).toFixed(1)}×)`,
      status: perTask <= 2 * floor ? 'met' : 'missed',
    };
  return [
    ratioTarget(raw, 'prereqs-like/noop', 20, 'prereqs-like no-op ≥ 20× faster', 'no-op prereqs ≥20×'),
    ratioTarget(raw, 'many-tasks/noop', 20, 'many-tasks no-op ≥ 20× faster', 'many-tasks ≥20×'),
    ratioTarget(raw, 'prereqs-like/first', 10, 'prereqs-like first run ≥ 10× faster', 'first run ≥10×'),
    overhead,
  ];
}
