// `async:` jobs on the target with nothing but a POSIX shell (and setsid): a job directory
// ~/.tsplay_async/<jid> (of the user the task runs as) holds the command's stdin, stdout, stderr, its
// start and end times and, once it is done, its exit code. The job runs detached (setsid, stdio
// redirected) so the launching command returns at once; a watchdog ends it after the async time.
// Reading a job is one command; its output comes back base64-encoded and is only ever data.
import { randomInt } from 'node:crypto';
import { shellQuote } from '../../util/shell-quote.js';
import type { AsyncSettings, ModuleContext, ModuleResult } from '../types.js';
import { formatDelta, formatTimestamp, outputFields } from './command-line.js';
import { execOnTarget, ModuleFailure } from './target.js';

/** A job's state as read from its directory. */
export interface JobStatus {
  readonly jid: string;
  readonly resultsFile: string;
  readonly finished: boolean;
  /** The watchdog ended it after the async time. */
  readonly timedOut: boolean;
  readonly rc?: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly startEpoch?: number;
  readonly endEpoch?: number;
  /** The task's command as it reports it (the argv list for command, the line for shell). */
  readonly cmd?: string | string[];
}

const JOB_DIR = '"$HOME/.tsplay_async"';

export function newJobId(): string {
  return `j${randomInt(1e11, 1e12 - 1)}.${process.pid}`;
}

/** A jid as given to async_status: only our own shape is accepted, so it can never climb out of the job dir. */
export function checkJobId(jid: string): string {
  if (!/^j\d+\.\d+$/.test(jid)) throw new ModuleFailure(`invalid jid '${jid}'`);
  return jid;
}

/** The script the detached job runs: $1 is its directory, the command line is inlined (already quoted by the module). */
function runnerScript(line: string, timeoutSec: number): string {
  return [
    'j=$1',
    `( ${line}\n) < "$j/stdin" > "$j/stdout" 2> "$j/stderr" &`,
    'pid=$!',
    'echo $pid > "$j/pid"',
    // The watchdog: checks once a second, so it ends soon after the job does.
    `( i=0; while [ $i -lt ${Math.max(1, Math.floor(timeoutSec))} ]; do [ -e "$j/rc" ] && exit 0; sleep 1; i=$((i+1)); done; : > "$j/timedout"; kill -TERM 0 ) &`,
    'wait $pid; rc=$?',
    'date +%s > "$j/end"',
    'echo $rc > "$j/rc.tmp" && mv "$j/rc.tmp" "$j/rc"',
  ].join('\n');
}

/** Start `line` detached; returns the job directory. stdin (if any) is saved for the job to read. */
export async function launchJob(ctx: ModuleContext, jid: string, line: string, settings: AsyncSettings, options: { cwd?: string; stdin?: string; cmd?: string | string[] }): Promise<string> {
  const script = [
    'command -v setsid >/dev/null 2>&1 || { echo "async needs setsid on the target" >&2; exit 127; }',
    `umask 077; d=${JOB_DIR}; mkdir -p "$d" && j="$d/${jid}" && mkdir "$j" || exit 1`,
    options.stdin === undefined ? ': > "$j/stdin"' : 'cat > "$j/stdin"',
    // The task's `cmd` as Ansible reports it, for async_status to give back.
    `printf %s ${shellQuote(JSON.stringify(options.cmd ?? null))} > "$j/cmd"`,
    'date +%s > "$j/start"',
    `setsid sh -c ${shellQuote(runnerScript(line, settings.timeoutSec))} sh "$j" < /dev/null > /dev/null 2>&1 &`,
    'printf %s "$j"',
  ].join('\n');
  const result = await execOnTarget(ctx, script, { ...(options.cwd !== undefined ? { cwd: options.cwd } : {}), ...(options.stdin !== undefined ? { stdin: options.stdin } : {}), ownChannel: true });
  if (result.rc !== 0) throw new ModuleFailure(`could not start the async job: ${result.stderr.trim() || `rc ${result.rc}`}`);
  return result.stdout.trim();
}

/** One round trip: the job's state line, then (when done) its stdout and stderr in base64. */
export async function readJob(ctx: ModuleContext, jid: string): Promise<JobStatus | undefined> {
  const script = [
    `j=${JOB_DIR}/${checkJobId(jid)}`,
    '[ -d "$j" ] || { echo missing; exit 0; }',
    'cd "$j" || exit 1',
    'if [ -e rc ]; then s=done; elif [ -e timedout ]; then s=timedout; else s=running; fi',
    'printf "%s %s %s %s %s\\n" "$s" "$(cat rc 2>/dev/null || echo -)" "$(cat start 2>/dev/null || echo -)" "$(cat end 2>/dev/null || echo -)" "$j"',
    'if [ $s != running ]; then for f in stdout stderr cmd; do base64 < $f 2>/dev/null | tr -d "\\n"; echo; done; fi',
  ].join('\n');
  const result = await execOnTarget(ctx, script);
  if (result.rc !== 0) throw new ModuleFailure(`could not read async job ${jid}: ${result.stderr.trim() || `rc ${result.rc}`}`);
  const [head = '', out = '', err = '', cmd = ''] = result.stdout.split('\n');
  const [state, rc, start, end, ...dir] = head.split(' ');
  if (state === 'missing') return undefined;
  const number = (text: string | undefined) => (text === undefined || text === '-' || !/^\d+$/.test(text) ? undefined : Number(text));
  const decode = (text: string) => Buffer.from(text, 'base64').toString('utf8');
  return {
    jid,
    resultsFile: dir.join(' '),
    finished: state !== 'running',
    timedOut: state === 'timedout',
    rc: number(rc),
    stdout: decode(out),
    stderr: decode(err),
    startEpoch: number(start),
    endEpoch: number(end),
    cmd: parseCmd(decode(cmd)),
  };
}

/** The job's saved `cmd` (a string or a list of strings), or nothing when it is not one. */
function parseCmd(text: string): string | string[] | undefined {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value === 'string' || (Array.isArray(value) && value.every((word) => typeof word === 'string'))) return value;
  } catch {
    // an older or damaged job directory: no cmd
  }
  return undefined;
}

/** The identity fields Ansible puts on every async result. */
function jobFields(status: Pick<JobStatus, 'jid' | 'resultsFile'>, finished: boolean): ModuleResult {
  return { changed: false, ansible_job_id: status.jid, results_file: status.resultsFile, started: 1, finished: finished ? 1 : 0 };
}

/** What the job's task would have returned, with the async fields: a finished job's command result, or its running state. */
export function jobResult(status: JobStatus, cmd: string | string[] | undefined = status.cmd): ModuleResult {
  if (!status.finished) return jobFields(status, false);
  if (status.timedOut) return { ...jobFields(status, true), failed: true, msg: 'Timeout exceeded: the job was ended after its async time' };
  const start = status.startEpoch !== undefined ? new Date(status.startEpoch * 1000) : undefined;
  const end = status.endEpoch !== undefined ? new Date(status.endEpoch * 1000) : undefined;
  const result: ModuleResult = {
    ...jobFields(status, true),
    changed: true,
    rc: status.rc,
    ...outputFields(status.stdout, status.stderr),
    ...(cmd !== undefined ? { cmd } : {}),
    ...(start && end ? { start: formatTimestamp(start), end: formatTimestamp(end), delta: formatDelta(end.getTime() - start.getTime()) } : {}),
    msg: '',
  };
  if (status.rc !== 0) Object.assign(result, { failed: true, msg: 'non-zero return code' });
  return result;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Run `line` as an async job: with poll 0 return at once (started, not finished); else read its
 * status every poll seconds until it is done or the async time has passed (a failure, as in Ansible).
 */
export async function runAsyncJob(ctx: ModuleContext, settings: AsyncSettings, line: string, cmd: string | string[], options: { cwd?: string; stdin?: string }): Promise<ModuleResult> {
  const jid = newJobId();
  const resultsFile = await launchJob(ctx, jid, line, settings, { ...options, cmd });
  if (settings.pollSec <= 0) return { ...jobFields({ jid, resultsFile }, false), changed: true };
  const pollMs = settings.pollSec * 1000;
  for (let waited = 0; ; ) {
    const status = await readJob(ctx, jid);
    if (status?.finished && !status.timedOut) return jobResult(status, cmd);
    if (waited >= settings.timeoutSec * 1000) {
      const current = status ?? { jid, resultsFile, finished: false, timedOut: false, stdout: '', stderr: '' };
      return { changed: false, failed: true, msg: `async task did not complete within the requested time - ${settings.timeoutSec}s`, async_result: { ...jobFields(current, false), stdout: '', stderr: '' } };
    }
    await sleep(pollMs);
    waited += pollMs;
  }
}
