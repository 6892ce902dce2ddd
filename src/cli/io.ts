// The process around the CLI (streams, environment, signals, exit), injectable so tests can drive
// main() without a terminal or real signals.
import type { PromptInput } from './prompt.js';
import type { TextOutput } from '../report/reporter.js';

export interface CliIO {
  readonly stdout: TextOutput;
  readonly stderr: TextOutput;
  readonly stdin: PromptInput;
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
  /** Subscribe to Ctrl-C; returns the unsubscribe function. */
  onInterrupt(handler: () => void): () => void;
  /** Leave at once (second Ctrl-C). */
  exitNow(code: number): void;
}

export function processIO(): CliIO {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
    cwd: process.cwd(),
    onInterrupt(handler) {
      process.on('SIGINT', handler);
      return () => void process.off('SIGINT', handler);
    },
    exitNow(code) {
      // The live view hides the cursor while it draws; give it back before leaving mid-draw.
      if (process.stdout.isTTY) process.stdout.write('\u001b[?25h');
      process.exit(code);
    },
  };
}

/** Replace every secret (become password...) in text shown to the user. */
export function redact(text: string, secrets: readonly (string | undefined)[]): string {
  let out = text;
  for (const secret of secrets) if (secret !== undefined && secret.length > 0) out = out.split(secret).join('********');
  return out;
}
