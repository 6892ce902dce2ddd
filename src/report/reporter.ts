// What every renderer offers the CLI: a listener for the engine's events, and a finish step that
// flushes what is still pending once the run is over (the JSON document, the last live row).
import type { RunEventListener } from '../engine/events.js';

/** The part of a stream a reporter writes to (process.stdout, or a fake in tests). */
export interface TextOutput {
  write(chunk: string): unknown;
  readonly isTTY?: boolean;
  readonly columns?: number;
}

/** How the run ended, for reporters that summarise at the end. */
export interface FinishSummary {
  readonly interrupted?: boolean;
  /** The one-line message of an error that ended the run early (already free of secrets). */
  readonly error?: string;
  /** The exit code the run ends with (run records keep it). */
  readonly exitCode?: number;
}

export interface Reporter {
  readonly onEvent: RunEventListener;
  /** Call once after runPlaybook settled; resolves when everything is written. */
  finish(summary?: FinishSummary): Promise<void>;
}

export interface ReporterOptions {
  readonly stdout: TextOutput;
  readonly stderr: TextOutput;
  /** -v count. */
  readonly verbosity: number;
  /** --diff: print unified diffs of changed files. */
  readonly diff: boolean;
  /** Colour on/off (decided by the caller from the TTY and NO_COLOR). */
  readonly color: boolean;
  /** --timing (or -v): the slowest tasks after the recap. */
  readonly timing?: boolean;
}
