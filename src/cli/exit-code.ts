// Exit codes follow ansible-playbook (ANSIBLE-SEMANTICS.md §6; Ansible's docs are wrong, its source
// is right), plus 3 for "would change" under --check --detailed-exitcode (Terraform's convention).
import { TsplayError } from '../errors.js';
import type { RunOutcome } from '../engine/api.js';
import { OptionsError, UsageError } from './args.js';

export const EXIT = {
  OK: 0,
  /** Missing file, unknown handler, empty --limit (Ansible's AnsibleError). */
  ERROR: 1,
  /** A host failed in any play; also a malformed command line (argparse). */
  HOST_FAILED: 2,
  /** --check --detailed-exitcode: something would change. */
  CHANGES: 3,
  /** A host was unreachable (beats failed); also a playbook parse/validation error. */
  UNREACHABLE: 4,
  PARSE_ERROR: 4,
  /** Options that parse but cannot be honoured (Ansible's AnsibleOptionsError). */
  OPTIONS_ERROR: 5,
  INTERRUPTED: 99,
  UNEXPECTED: 250,
} as const;

export const USAGE_EXIT = EXIT.HOST_FAILED;

export interface ExitCodeOptions {
  readonly check: boolean;
  readonly detailedExitcode: boolean;
}

/** The exit code of a finished run: interrupted > unreachable > failed > would-change > ok. */
export function exitCodeForOutcome(outcome: Pick<RunOutcome, 'anyFailed' | 'anyUnreachable' | 'anyChanged' | 'interrupted'>, options: ExitCodeOptions): number {
  if (outcome.interrupted) return EXIT.INTERRUPTED;
  if (outcome.anyUnreachable) return EXIT.UNREACHABLE;
  if (outcome.anyFailed) return EXIT.HOST_FAILED;
  if (options.check && options.detailedExitcode && outcome.anyChanged) return EXIT.CHANGES;
  return EXIT.OK;
}

/** The exit code of an error that stopped the run before or outside the engine. */
export function exitCodeForError(error: unknown): number {
  if (error instanceof UsageError) return USAGE_EXIT;
  if (error instanceof OptionsError) return EXIT.OPTIONS_ERROR;
  if (error instanceof TsplayError) return error.kind === 'parse' || error.kind === 'validation' ? EXIT.PARSE_ERROR : EXIT.ERROR;
  return EXIT.UNEXPECTED;
}
