// How an error that stops the CLI is shown: `ERROR! file:line:col: message` (+ hint) on stderr,
// like ansible-playbook, a stack trace only at -vvv, and the matching exit code.
import { TsplayError } from '../errors.js';
import { createPalette, shouldUseColor } from '../report/color.js';
import { OptionsError, UsageError } from './args.js';
import { exitCodeForError } from './exit-code.js';
import { offendingLines } from './offending-line.js';
import { redact, type CliIO } from './io.js';

export interface ErrorOutputOptions {
  readonly verbosity: number;
  readonly secrets?: readonly (string | undefined)[];
}

/** The one-line (plus hint) description of an error, without the ERROR! prefix. */
export function describeError(error: unknown): string {
  if (error instanceof TsplayError) return error.describe();
  if (error instanceof UsageError || error instanceof OptionsError) return error.message;
  if (error instanceof Error) return `Unexpected Exception, this is probably a bug: ${error.message}`;
  return `Unexpected Exception, this is probably a bug: ${String(error)}`;
}

/** Print the error and return the exit code to use. */
export function reportError(error: unknown, io: Pick<CliIO, 'stderr' | 'env'>, options: ErrorOutputOptions): number {
  const palette = createPalette(shouldUseColor(io.stderr, io.env));
  const secrets = options.secrets ?? [];
  const code = exitCodeForError(error);
  if (error instanceof UsageError) {
    const usage = error.topic === 'run' ? 'usage: tsplay run PLAYBOOK [options]  (see tsplay run --help)' : 'usage: tsplay <command> [options]  (see tsplay --help)';
    io.stderr.write(`${usage}\ntsplay: error: ${redact(error.message, secrets)}\n`);
    return code;
  }
  io.stderr.write(palette.paint('error', `ERROR! ${redact(describeError(error), secrets)}`) + '\n');
  const lines = error instanceof TsplayError && error.location ? offendingLines(error.location) : undefined;
  if (lines) io.stderr.write(`\n${redact(lines, secrets)}\n`);
  if (error instanceof Error && error.stack) {
    if (options.verbosity >= 3) io.stderr.write(redact(error.stack, secrets) + '\n');
    else if (!(error instanceof TsplayError) && !(error instanceof OptionsError)) io.stderr.write('to see the full traceback, use -vvv\n');
  }
  return code;
}
