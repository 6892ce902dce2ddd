// The live terminal view (listr2): one row per task whose title counts the hosts by state, e.g.
//   TASK [lb : template haproxy.cfg]  ✔ 3 ok  ● 2 changed  ✖ 1 failed
// Only the current task's row is live; a finished row is printed once and never redrawn (listr2's
// default renderer redraws every row on every update, which cost ~105 s for 50 rows × 200 updates).
// Each row is its own short Listr run, title updates are throttled to ~10 Hz, and failures, diffs
// and warnings are printed in full below the row when it finishes. The recap is the plain one.
import { Listr, ListrLogger, ProcessOutput } from 'listr2';
import { banner } from './banner.js';
import { createPalette, type Palette } from './color.js';
import { formatDiffs } from './diff-format.js';
import type { HostStatus, RunEvent, TaskRef } from '../engine/events.js';
import type { FileDiff } from '../diff/unified.js';
import { formatRecap } from './recap.js';
import { TaskTimes } from './timing-summary.js';
import { isCensored, itemLine, paintLine, resultLine, type HostResultEvent } from './result-lines.js';
import type { Reporter, ReporterOptions, TextOutput } from './reporter.js';

const TITLE_INTERVAL_MS = 100;
/** The live row's clock ticks this often while no host reports. */
const TICK_MS = 1000;
/** Up to this many hosts still running are named in the title ("… 1 running: cp3"). */
const NAMED_PENDING = 3;

/** Worse states win when loop items of one host disagree. */
const SEVERITY: Record<HostStatus, number> = { skipped: 0, ok: 1, changed: 2, rescued: 3, ignored: 4, failed: 5, unreachable: 6 };

interface Row {
  readonly task: TaskRef;
  readonly hosts: readonly string[];
  /** Final state per host (or the worst item state so far). */
  readonly states: Map<string, HostStatus>;
  readonly finalHosts: Set<string>;
  /** Hosts that reported loop items: their aggregate result adds no line of its own. */
  readonly itemHosts: Set<string>;
  readonly retrying: Map<string, number>;
  /** Text printed below the row once it is finished. */
  details: string;
  readonly itemDiffs: Map<string, FileDiff[]>;
  wrapper?: { title: string };
  timer?: NodeJS.Timeout;
  ticker?: NodeJS.Timeout;
  /** ms since the epoch: when the task started, and when its row closed. */
  readonly startedAt: number;
  endedAt?: number;
  closed: boolean;
  close: () => void;
  readonly finished: Promise<void>;
}

export interface ListrReporterOptions extends ReporterOptions {
  /** Use listr2's live renderer; otherwise its line-per-state `simple` renderer (defaults to stdout.isTTY). */
  readonly live?: boolean;
}

/** "0.4s", "12.3s", "2m05s": the elapsed time shown at the end of a row. */
export function formatElapsed(ms: number): string {
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)}s`;
  const seconds = Math.floor(ms / 1000);
  return `${Math.floor(seconds / 60)}m${String(seconds % 60).padStart(2, '0')}s`;
}

export function rowTitle(
  row: Pick<Row, 'task' | 'hosts' | 'states' | 'retrying' | 'closed'> & { startedAt?: number; endedAt?: number },
  palette: Palette,
  now: number = Date.now(),
): string {
  const count = (status: HostStatus) => [...row.states.values()].filter((s) => s === status).length;
  const parts: string[] = [];
  const add = (n: number, text: string, color: Parameters<Palette['paint']>[0]) => {
    if (n > 0) parts.push(palette.paint(color, text.replace('#', String(n))));
  };
  add(count('ok'), '✔ # ok', 'ok');
  add(count('changed'), '● # changed', 'changed');
  add(count('skipped'), '○ # skipped', 'skip');
  add(count('failed') + count('rescued'), '✖ # failed', 'error');
  add(count('ignored'), '✖ # ignored', 'warn');
  add(count('unreachable'), '⚠ # unreachable', 'unreachable');
  if (!row.closed) {
    const pending = row.hosts.filter((h) => !row.states.has(h));
    add(pending.length, pending.length <= NAMED_PENDING ? `… # running: ${pending.join(', ')}` : '… # running', undefined);
    for (const [host, left] of row.retrying) if (!row.states.has(host)) parts.push(palette.paint('debug', `↻ ${host} (${left} retries left)`));
  }
  if (row.startedAt !== undefined) parts.push(palette.paint('debug', formatElapsed((row.endedAt ?? now) - row.startedAt)));
  const head = `${row.task.isHandler ? 'RUNNING HANDLER' : 'TASK'} [${row.task.title}]`;
  return parts.length === 0 ? head : `${head}  ${parts.join('  ')}`;
}

export function createListrReporter(options: ListrReporterOptions): Reporter {
  const palette = createPalette(options.color);
  const live = options.live ?? options.stdout.isTTY === true;
  const times = options.timing || options.verbosity >= 1 ? new TaskTimes() : undefined;
  let chain: Promise<void> = Promise.resolve();
  let row: Row | undefined;
  /** Output written between rows (banners, the recap), kept in order with the rows. */
  const print = (text: string) => {
    chain = chain.then(() => void options.stdout.write(text));
  };

  const updateTitle = (target: Row) => {
    if (target.timer !== undefined || target.closed) return;
    target.timer = setTimeout(() => {
      target.timer = undefined;
      if (target.wrapper && !target.closed) target.wrapper.title = rowTitle(target, palette);
    }, TITLE_INTERVAL_MS);
    target.timer.unref();
  };

  const closeRow = () => {
    if (!row) return;
    const closing = row;
    row = undefined;
    if (closing.timer) clearTimeout(closing.timer);
    if (closing.ticker) clearInterval(closing.ticker);
    closing.timer = undefined;
    closing.endedAt = Date.now();
    closing.closed = true;
    closing.close();
  };

  const openRow = (task: TaskRef, hosts: readonly string[]) => {
    closeRow();
    let close: () => void = () => undefined;
    const finished = new Promise<void>((resolve) => (close = resolve));
    const current: Row = { task, hosts, states: new Map(), finalHosts: new Set(), itemHosts: new Set(), retrying: new Map(), details: '', itemDiffs: new Map(), closed: false, close: () => close(), finished, startedAt: Date.now() };
    row = current;
    // A long task with no host reporting still shows its clock move.
    if (live) {
      current.ticker = setInterval(() => updateTitle(current), TICK_MS);
      current.ticker.unref();
    }
    chain = chain.then(() => runRow(current, options.stdout, options.stderr, live, palette));
  };

  const addDetail = (text: string) => {
    if (row) row.details += text + '\n';
    else print(text + '\n');
  };

  const onHostResult = (event: HostResultEvent) => {
    if (!row || row.task.where !== event.task.where || row.task.title !== event.task.title) openRow(event.task, [event.host]);
    const current = row!;
    if (!current.hosts.includes(event.host)) (current.hosts as string[]).push(event.host);
    const verbose = options.verbosity > 0;
    if (event.item !== undefined) {
      current.itemHosts.add(event.host);
      if (!current.finalHosts.has(event.host)) {
        const before = current.states.get(event.host);
        if (before === undefined || SEVERITY[event.status] > SEVERITY[before]) current.states.set(event.host, event.status);
      }
      if (event.status === 'changed' && event.diff && !isCensored(event)) current.itemDiffs.set(event.host, [...(current.itemDiffs.get(event.host) ?? []), ...event.diff]);
      const line = itemLine(event, options.verbosity);
      if (verbose || line.color === 'error' || line.color === 'unreachable') addDetail(paintLine(line, palette));
    } else {
      current.finalHosts.add(event.host);
      current.states.set(event.host, event.status);
      const isAggregate = Array.isArray(event.result.results) && current.itemHosts.has(event.host);
      const diffs = isCensored(event) ? undefined : event.diff && event.diff.length > 0 ? event.diff : current.itemDiffs.get(event.host);
      if (options.diff && event.status === 'changed' && diffs && diffs.length > 0) {
        const text = formatDiffs(diffs, palette);
        if (text !== '') addDetail(`${palette.paint('changed', `changed: [${event.host}]`)}\n${text.slice(0, -1)}`);
      }
      const line = resultLine(event, options.verbosity);
      const important = event.status === 'failed' || event.status === 'unreachable' || event.status === 'ignored' || event.status === 'rescued';
      if (!isAggregate && (verbose || important || line.text.includes(' => '))) addDetail(paintLine(line, palette));
      if (event.ignored === true || event.status === 'ignored') addDetail(palette.paint('skip', '...ignoring'));
    }
    updateTitle(current);
  };

  const onEvent = (event: RunEvent) => {
    times?.onEvent(event);
    switch (event.type) {
      case 'playbook_start':
        return;
      case 'play_start':
        closeRow();
        print(banner(event.name.trim() === '' ? 'PLAY' : `PLAY [${event.name.trim()}]`) + '\n');
        return;
      case 'task_start':
        openRow(event.task, [...event.hosts]);
        return;
      case 'host_result':
        onHostResult(event);
        return;
      case 'retry':
        if (row) {
          row.retrying.set(event.host, event.retriesLeft);
          updateTitle(row);
        }
        return;
      case 'included':
        addDetail(palette.paint('skip', `included: ${event.file} for ${event.hosts.join(', ')}`));
        return;
      case 'no_hosts_left':
        closeRow();
        print(banner('NO MORE HOSTS LEFT') + '\n');
        return;
      case 'warning':
        // Written with the row's details: stderr is held by the live renderer while a row is drawn.
        if (row) row.details += palette.paint('warn', `[WARNING]: ${event.message}`) + '\n';
        else chain = chain.then(() => void options.stderr.write(palette.paint('warn', `[WARNING]: ${event.message}`) + '\n'));
        return;
      case 'recap':
        closeRow();
        print(formatRecap(event.stats, palette));
        if (times) print(times.format());
        return;
    }
  };

  return {
    onEvent,
    finish: async () => {
      closeRow();
      await chain;
    },
  };
}

async function runRow(row: Row, stdout: TextOutput, stderr: TextOutput, live: boolean, palette: Palette): Promise<void> {
  const logger = new ListrLogger({
    useIcons: true,
    toStderr: [],
    processOutput: new ProcessOutput(stdout as NodeJS.WriteStream, stderr as NodeJS.WriteStream, { dump: ['stdout', 'stderr'], leaveEmptyLine: false }),
  });
  const failedCount = () => [...row.states.values()].filter((s) => s === 'failed' || s === 'unreachable').length;
  const listr = new Listr(
    [
      {
        title: rowTitle(row, palette),
        task: async (_ctx, wrapper) => {
          row.wrapper = wrapper;
          await row.finished;
          wrapper.title = rowTitle(row, palette);
          // Failing the listr task marks the row ✖; the short message is what the line renderer appends.
          const failures = failedCount();
          if (failures > 0) throw new Error(`${failures} host${failures === 1 ? '' : 's'} failed`);
        },
      },
    ],
    {
      concurrent: false,
      exitOnError: false,
      registerSignalListeners: false,
      renderer: 'default',
      rendererOptions: { logger, showErrorMessage: false, collapseErrors: true },
      fallbackRenderer: 'simple',
      fallbackRendererOptions: { logger },
      fallbackRendererCondition: !live,
      silentRendererCondition: false,
    },
  );
  await listr.run().catch(() => undefined);
  if (row.details !== '') stdout.write(row.details);
}
