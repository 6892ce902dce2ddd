// File modes the Ansible way. YAML 1.1 already turned `0644` into 420, which is the mode itself;
// strings are octal ('0644', '644') or symbolic ('u=rw,g=r,o=r', 'u+x,g-w', 'a=rX').
// An int like 644 is taken literally as decimal (mode 01204), exactly as Ansible does, with a warning.

export type ModeSpec =
  | { readonly kind: 'absolute'; readonly mode: number; readonly warning?: string }
  | { readonly kind: 'symbolic'; readonly text: string; readonly clauses: readonly SymbolicClause[] };

export interface SymbolicClause {
  /** Bits of the who part: u=0o4700 style masks are computed at apply time. */
  readonly who: string;
  readonly op: '+' | '-' | '=';
  readonly perms: string;
}

/** Parse a `mode:` argument; throws an Error with a one-line message when it is not a mode. */
export function parseMode(value: unknown): ModeSpec {
  if (typeof value === 'number') {
    if (!Number.isInteger(value) || value < 0 || value > 0o7777) throw new Error(`mode ${value} is not a valid file mode`);
    const decimal = String(value);
    // 644, 755, 600...: octal-looking digits that only make sense as octal; Ansible uses the decimal value.
    const warning = /^[0-7]{3,4}$/.test(decimal) && value > 0o777
      ? `mode ${decimal} is an int read as decimal (octal ${value.toString(8).padStart(4, '0')}); quote it ('0${decimal}') or write 0${decimal}`
      : undefined;
    return { kind: 'absolute', mode: value, warning };
  }
  if (typeof value !== 'string') throw new Error(`mode must be a string or an int, got ${typeof value}`);
  const text = value.trim();
  if (/^0?[0-7]{3,4}$/.test(text) || /^0o[0-7]{1,4}$/.test(text)) {
    return { kind: 'absolute', mode: parseInt(text.replace(/^0o/, ''), 8) & 0o7777 };
  }
  const clauses: SymbolicClause[] = [];
  for (const part of text.split(',')) {
    const m = /^([ugoa]*)([-+=])([rwxXst]*)$/.exec(part);
    if (!m) throw new Error(`mode '${value}' is neither octal ('0644') nor symbolic ('u=rw,g=r,o=r')`);
    clauses.push({ who: m[1] ?? '', op: m[2] as '+' | '-' | '=', perms: m[3] ?? '' });
  }
  return { kind: 'symbolic', text, clauses };
}

const WHO_MASK: Record<string, number> = { u: 0o4700, g: 0o2070, o: 0o1007 };

/**
 * The mode a spec gives a file whose current mode is `current` (0 when it does not exist yet).
 * `X` adds execute only for directories or files already executable by someone (chmod semantics).
 */
export function applyMode(spec: ModeSpec, current: number, isDir: boolean): number {
  if (spec.kind === 'absolute') return spec.mode;
  let mode = current & 0o7777;
  for (const clause of spec.clauses) {
    const who = clause.who === '' || clause.who.includes('a') ? 'ugo' : clause.who;
    let whoMask = 0;
    for (const w of who) whoMask |= WHO_MASK[w] ?? 0;
    let bits = 0;
    for (const p of clause.perms) {
      if (p === 'r') bits |= 0o444;
      else if (p === 'w') bits |= 0o222;
      else if (p === 'x') bits |= 0o111;
      else if (p === 'X') { if (isDir || (current & 0o111) !== 0) bits |= 0o111; }
      else if (p === 's') bits |= 0o6000;
      else if (p === 't') bits |= 0o1000;
    }
    bits &= whoMask;
    if (clause.op === '+') mode |= bits;
    else if (clause.op === '-') mode &= ~bits;
    // '=' clears the who's permission bits (not setuid/setgid of directories, as chmod) then sets.
    else mode = (mode & ~(whoMask & (isDir ? 0o1777 : 0o7777))) | bits;
  }
  return mode & 0o7777;
}

/** '0644' style, as Ansible's stat and results print modes. */
export function formatMode(mode: number): string {
  return (mode & 0o7777).toString(8).padStart(4, '0');
}
