// Every error a user can see is a value with a location and one line they can act on.
// Stack traces are shown only with -vvv (the CLI decides), never by default.

/** A position in a source file; line and col are 1-based. */
export interface SourceLocation {
  file: string;
  line: number;
  col: number;
}

export function formatLocation(loc: SourceLocation): string {
  return `${loc.file}:${loc.line}:${loc.col}`;
}

/**
 * Exit codes follow ansible-playbook (see ../shared/reference/ANSIBLE-SEMANTICS.md §6):
 * 1 a general error (missing file, unknown handler, empty --limit), 4 a parse/validation error.
 */
export type ErrorKind = 'parse' | 'validation' | 'runtime' | 'usage' | 'connection';

/**
 * The base class of tsplay's errors. A usage error (the user asked for something that cannot be done
 * as asked: a bad flag, a missing file given on the command line, an empty host list) is a TsplayError
 * of kind 'usage'; cli/args.ts's UsageError and OptionsError are such errors with their own exit code.
 * In modules, ModuleFailure (modules/lib/target.ts) is the one form of a failure.
 */
export class TsplayError extends Error {
  readonly location?: SourceLocation;
  readonly kind: ErrorKind;
  /** Optional hint shown on a second line ("did you mean 'state'?"). */
  readonly hint?: string;

  constructor(message: string, options: { location?: SourceLocation; kind?: ErrorKind; hint?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'TsplayError';
    this.location = options.location;
    this.kind = options.kind ?? 'runtime';
    this.hint = options.hint;
  }

  /** "file:line:col: message" (or just the message when there is no location). */
  describe(): string {
    const where = this.location ? `${formatLocation(this.location)}: ` : '';
    return this.hint ? `${where}${this.message}\n  hint: ${this.hint}` : `${where}${this.message}`;
  }
}

/** Load-time problems: malformed YAML, schema violations, missing files. Nothing has touched a host yet. */
export class LoadError extends TsplayError {
  constructor(message: string, location?: SourceLocation, hint?: string, kind: ErrorKind = 'validation') {
    super(message, { location, kind, hint });
    this.name = 'LoadError';
  }
}
