// The one quoting helper of the project: every value interpolated into a remote shell command goes through it.

/** Quote a value for POSIX sh as a single word: 'it'\''s' style, safe for any byte but NUL. */
export function shellQuote(value: string | number): string {
  const text = String(value);
  if (text.includes('\0')) throw new Error('a shell argument cannot contain a NUL byte');
  if (/^[A-Za-z0-9_\/.,:=@%+-]+$/.test(text)) return text;
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** Quote each argument and join them into one command line. */
export function shellJoin(args: ReadonlyArray<string | number>): string {
  return args.map(shellQuote).join(' ');
}
