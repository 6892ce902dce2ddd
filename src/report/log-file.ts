// --log-file / TSPLAY_LOG_FILE / ANSIBLE_LOG_PATH: the plain lines of a run appended to a file, each
// prefixed as Ansible's log_path prefixes them ("2026-12-02 10:35:01,123 p=PID u=USER n=tsplay | ").
// The file is created 0600: a run's output may hold host data its operator did not mean to share.
import { createWriteStream, openSync } from 'node:fs';
import { userInfo } from 'node:os';
import type { TextOutput } from './reporter.js';

export interface LogFileOutput extends TextOutput {
  /** Resolves when every line is on disk (rejects with the file's error, e.g. a missing directory). */
  close(): Promise<void>;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

function stamp(now: Date): string {
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())} ${pad(now.getHours())}:${pad(now.getMinutes())}:${pad(now.getSeconds())},${pad(now.getMilliseconds(), 3)}`;
}

function currentUser(): string {
  try {
    return userInfo().username;
  } catch {
    return String(process.getuid?.() ?? '?');
  }
}

/** The log path the user asked for: the flag, else TSPLAY_LOG_FILE, else Ansible's ANSIBLE_LOG_PATH. */
export function chooseLogPath(flag: string | undefined, env: NodeJS.ProcessEnv): string | undefined {
  return flag ?? (env.TSPLAY_LOG_FILE || undefined) ?? (env.ANSIBLE_LOG_PATH || undefined);
}

/** Opens (appends to) the log; throws at once when it cannot be created, so the caller can warn. */
export function openLogFile(path: string, clock: () => Date = () => new Date()): LogFileOutput {
  const stream = createWriteStream('', { fd: openSync(path, 'a', 0o600) });
  let failure: Error | undefined;
  stream.on('error', (error) => { failure = error; });
  const prefix = () => `${stamp(clock())} p=${process.pid} u=${currentUser()} n=tsplay | `;
  // Reporters write whole lines, sometimes several in one chunk: a partial line waits for its end.
  let pending = '';
  return {
    write(chunk: string) {
      if (failure) return false;
      const lines = (pending + chunk).split('\n');
      pending = lines.pop()!;
      if (lines.length > 0) stream.write(lines.map((line) => prefix() + line + '\n').join(''));
      return true;
    },
    close() {
      if (pending !== '') stream.write(prefix() + pending + '\n');
      pending = '';
      return new Promise((resolve, reject) => {
        stream.end(() => (failure ? reject(failure) : resolve()));
        stream.once('error', reject);
      });
    },
  };
}
