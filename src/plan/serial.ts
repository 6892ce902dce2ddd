// `serial`: split a play's hosts into batches. Sizes are numbers or 'N%' of the play's hosts;
// the last size repeats until every host is in a batch (Ansible's semantics).
import { TsplayError } from '../errors.js';
import type { SerialSpec } from '../model.js';

function batchSize(spec: number | string, total: number): number {
  if (typeof spec === 'number') return Math.max(1, Math.floor(spec));
  const text = spec.trim();
  const percent = /^(\d+(?:\.\d+)?)\s*%$/.exec(text);
  if (percent) return Math.max(1, Math.floor((Number(percent[1]) * total) / 100));
  if (/^\d+$/.test(text)) return Math.max(1, Number(text));
  throw new TsplayError(`serial: '${spec}' is neither a number nor a percentage like '30%'`, { kind: 'usage' });
}

/** Batches of host names in play order; an empty spec (or 0) means one batch with every host. */
export function serialBatches(hosts: readonly string[], serial: SerialSpec): string[][] {
  if (hosts.length === 0) return [];
  if (serial.length === 0 || (serial.length === 1 && Number(serial[0]) === 0)) return [[...hosts]];
  const batches: string[][] = [];
  let next = 0;
  let step = 0;
  while (next < hosts.length) {
    const size = batchSize(serial[Math.min(step, serial.length - 1)]!, hosts.length);
    batches.push(hosts.slice(next, next + size));
    next += size;
    step++;
  }
  return batches;
}
