// fstab lines edited as ansible.posix.mount edits them: an entry is found by its mount point; a
// differing src/fstype/opts/dump/passno rewrites the line as `src path fstype opts dump passno`
// (single spaces), a missing entry is appended, and comments, blank and malformed lines stay as
// they are. Spaces and tabs in values are written as fstab's octal escapes (\040, \011).

export interface FstabEntry {
  readonly src: string;
  readonly path: string;
  readonly fstype: string;
  readonly opts: string;
  readonly dump: string;
  readonly passno: string;
}

/** fstab's escapes, as Ansible's _escape_fstab writes them. */
export function escapeFstab(value: string): string {
  return value.replace(/\\/g, '\\134').replace(/ /g, '\\040').replace(/\t/g, '\\011').replace(/\n/g, '\\012');
}

function formatLine(e: FstabEntry): string {
  return [e.src, e.path, e.fstype, e.opts, e.dump, e.passno].join(' ');
}

/** The fields of an entry line, or undefined for comments, blank and malformed lines (kept verbatim). */
function fieldsOf(line: string): string[] | undefined {
  const trimmed = line.trim();
  if (trimmed === '' || trimmed.startsWith('#')) return undefined;
  const fields = trimmed.split(/\s+/);
  // On Linux the dump and passno fields are optional.
  return fields.length < 4 || fields.length > 6 ? undefined : fields;
}

/** Lines of the fstab text (without the final newline's empty line). */
function linesOf(text: string): string[] {
  return text === '' ? [] : text.replace(/\n$/, '').split('\n');
}

/** The fstab with the entry set; `changed` when the text differs. */
export function setFstabEntry(text: string, wanted: FstabEntry): { text: string; changed: boolean } {
  const entry: FstabEntry = {
    src: escapeFstab(wanted.src), path: escapeFstab(wanted.path), fstype: escapeFstab(wanted.fstype),
    opts: escapeFstab(wanted.opts), dump: wanted.dump, passno: wanted.passno,
  };
  let found = false;
  let changed = false;
  const out = linesOf(text).map((line) => {
    const fields = fieldsOf(line);
    if (fields === undefined || fields[1] !== entry.path) return line;
    found = true;
    const [src, , fstype, opts, dump, passno] = fields;
    if (src === entry.src && fstype === entry.fstype && opts === entry.opts && dump === entry.dump && passno === entry.passno) return line;
    changed = true;
    return formatLine(entry);
  });
  if (!found) {
    out.push(formatLine(entry));
    changed = true;
  }
  return { text: out.length === 0 ? '' : `${out.join('\n')}\n`, changed };
}

/** The fstab without the entries mounted at `path`. */
export function removeFstabEntry(text: string, path: string): { text: string; changed: boolean } {
  const escaped = escapeFstab(path);
  const lines = linesOf(text);
  const kept = lines.filter((line) => fieldsOf(line)?.[1] !== escaped);
  return { text: kept.length === 0 ? '' : `${kept.join('\n')}\n`, changed: kept.length !== lines.length };
}
