// Line output exactly like Ansible's default stdout callback, for CI logs, pipes and --plain.
import { banner } from './banner.js';
import { createPalette } from './color.js';
import { formatDiffs } from './diff-format.js';
import type { RunEvent, TaskRef } from '../engine/events.js';
import type { FileDiff } from '../diff/unified.js';
import { formatRecap } from './recap.js';
import { TaskTimes } from './timing-summary.js';
import { isCensored, itemLine, paintLine, resultLine, type HostResultEvent } from './result-lines.js';
import type { Reporter, ReporterOptions } from './reporter.js';

function taskKey(task: TaskRef): string {
  return `${task.isHandler ? 'H' : 'T'}\u0000${task.where}\u0000${task.title}`;
}

function taskBanner(task: TaskRef): string {
  return banner(`${task.isHandler ? 'RUNNING HANDLER' : 'TASK'} [${task.title}]`);
}

export function createPlainReporter(options: ReporterOptions): Reporter {
  const palette = createPalette(options.color);
  const { verbosity } = options;
  const times = options.timing || verbosity >= 1 ? new TaskTimes() : undefined;
  const out = (text: string) => options.stdout.write(text + '\n');
  const err = (text: string) => options.stderr.write(text + '\n');
  /** The task whose banner was printed last; results of another task (free strategy) reprint theirs. */
  let bannerShownFor: string | undefined;
  /** task+host pairs that already printed loop item lines: their aggregate result prints nothing. */
  const itemsSeen = new Set<string>();
  const itemDiffs = new Map<string, FileDiff[]>();

  const showTaskBanner = (task: TaskRef) => {
    out(taskBanner(task));
    if (verbosity >= 2) out(`task path: ${task.where}`);
    bannerShownFor = taskKey(task);
  };

  const ensureBanner = (task: TaskRef) => {
    if (bannerShownFor !== taskKey(task)) showTaskBanner(task);
  };

  const printDiffs = (diffs: readonly FileDiff[] | undefined) => {
    if (!options.diff || !diffs || diffs.length === 0) return;
    const text = formatDiffs(diffs, palette);
    // Ansible's display() adds no newline to text that already ends with one: one blank line follows.
    if (text !== '') options.stdout.write(text);
  };

  const onHostResult = (event: HostResultEvent) => {
    ensureBanner(event.task);
    const pair = `${taskKey(event.task)}\u0000${event.host}`;
    const ignored = event.ignored === true || event.status === 'ignored';
    if (event.item !== undefined) {
      itemsSeen.add(pair);
      // Ansible prints loop diffs with the aggregate result, only for changed items.
      if (event.status === 'changed' && event.diff && !isCensored(event)) itemDiffs.set(pair, [...(itemDiffs.get(pair) ?? []), ...event.diff]);
      out(paintLine(itemLine(event, verbosity), palette));
      return;
    }
    const isLoopAggregate = itemsSeen.has(pair) && Array.isArray(event.result.results);
    if (isLoopAggregate) {
      itemsSeen.delete(pair);
      const diffs = isCensored(event) ? undefined : event.diff && event.diff.length > 0 ? event.diff : itemDiffs.get(pair);
      itemDiffs.delete(pair);
      printDiffs(diffs);
    } else {
      if (event.status === 'changed' && !isCensored(event)) printDiffs(event.diff);
      out(paintLine(resultLine(event, verbosity), palette));
    }
    if (ignored) out(palette.paint('skip', '...ignoring'));
  };

  const onEvent = (event: RunEvent) => {
    times?.onEvent(event);
    switch (event.type) {
      case 'playbook_start':
        if (verbosity > 1) out(banner(`PLAYBOOK: ${event.file.split('/').pop() ?? event.file}`));
        return;
      case 'play_start':
        out(banner(event.name.trim() === '' ? 'PLAY' : `PLAY [${event.name.trim()}]`));
        bannerShownFor = undefined;
        return;
      case 'task_start':
        showTaskBanner(event.task);
        return;
      case 'host_result':
        onHostResult(event);
        return;
      case 'retry':
        ensureBanner(event.task);
        out(palette.paint('debug', `FAILED - RETRYING: [${event.host}]: ${event.task.title} (${event.retriesLeft} retries left).`));
        return;
      case 'included':
        out(palette.paint('skip', `included: ${event.file} for ${event.hosts.join(', ')}`));
        return;
      case 'no_hosts_left':
        out(banner('NO MORE HOSTS LEFT'));
        return;
      case 'warning':
        err(palette.paint('warn', `[WARNING]: ${event.message}`));
        return;
      case 'recap':
        options.stdout.write(formatRecap(event.stats, palette));
        if (times) options.stdout.write(times.format());
        return;
    }
  };

  return { onEvent, finish: async () => undefined };
}
