// How many hosts run a task at once: --forks for every task, and the task's `throttle` (inherited
// from blocks and includes) on top. A throttle is one limiter per task shared by every host that
// walks it, so it also holds under the free strategy, where hosts reach the task separately.
import { formatLocation } from '../errors.js';
import type { HostOutcome, TaskInvocation } from './host-task.js';
import type { PlayHost } from './context.js';
import { Limiter } from './limiter.js';
import { errorMessage } from './results.js';
import { taskScope } from './task-scope.js';

export type HostSlot = <T extends HostOutcome | 'unreachable' | void>(job: () => Promise<T>) => Promise<T>;

/** The throttle as a positive integer, or undefined for none (0, as in Ansible, means no limit). */
function throttleOf(inv: TaskInvocation, host: PlayHost): number | undefined {
  const { pr, task, inh } = inv;
  const raw = task.throttle ?? inh.throttle;
  if (raw === undefined) return undefined;
  let value: unknown = raw;
  if (typeof raw === 'string') {
    try {
      value = pr.run.services.templateValue(raw, taskScope(pr, host, task, inh, inv.magic), formatLocation(task.loc));
    } catch (error) {
      pr.run.emit({ type: 'warning', message: `${formatLocation(task.loc)}: throttle '${raw}' could not be evaluated (${errorMessage(error)}); not throttling` });
      return undefined;
    }
  }
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : undefined;
}

export function hostSlots(inv: TaskInvocation, firstHost: PlayHost): HostSlot {
  const forks = inv.pr.run.limiter;
  const limit = throttleOf(inv, firstHost);
  if (limit === undefined) return (job) => forks.run(job);
  let throttle = inv.pr.throttles.get(inv.task);
  if (!throttle) inv.pr.throttles.set(inv.task, (throttle = new Limiter(limit)));
  const taskLimit = throttle;
  // The throttle slot is taken first, so a host waiting for it holds no fork.
  return (job) => taskLimit.run(() => forks.run(job));
}
