// The text edits of lineinfile and blockinfile as pure functions (no I/O), ported from Ansible's
// algorithm so results match line for line. Lines keep their endings, like Python's readlines().
// Python's `$` also matches before a final newline; we match against the line without its ending.

export interface LineInFileOptions {
  regexp?: string;
  searchString?: string;
  line: string;
  insertAfter?: string;
  insertBefore?: string;
  backrefs?: boolean;
  firstMatch?: boolean;
}

export interface EditResult {
  readonly text: string;
  readonly changed: boolean;
  readonly msg: string;
  readonly found?: number;
}

export function splitKeepEnds(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

const stripEnd = (line: string) => line.replace(/[\r\n]+$/, '');

/** Python's re.sub-style template expansion: \1..\99, \g<1>, \g<name>, and \\n style escapes. */
function expand(template: string, match: RegExpExecArray): string {
  return template.replace(/\\(?:g<(\w+)>|(\d{1,2})|(.))/g, (_all, named: string | undefined, num: string | undefined, ch: string | undefined) => {
    if (named !== undefined) return (/^\d+$/.test(named) ? match[Number(named)] : match.groups?.[named]) ?? '';
    if (num !== undefined) return match[Number(num)] ?? '';
    return ch === 'n' ? '\n' : ch === 't' ? '\t' : ch === '\\' ? '\\' : '\\' + ch;
  });
}

export function lineInFilePresent(text: string, o: LineInFileOptions): EditResult {
  const lines = splitKeepEnds(text);
  const re = o.regexp !== undefined ? new RegExp(o.regexp) : undefined;
  let insertAfter = o.insertAfter;
  const insertBefore = o.insertBefore;
  if (insertAfter === undefined && insertBefore === undefined) insertAfter = 'EOF';
  const insPattern = insertAfter !== undefined && insertAfter !== 'BOF' && insertAfter !== 'EOF' ? insertAfter
    : insertBefore !== undefined && insertBefore !== 'BOF' ? insertBefore : undefined;
  const insRe = insPattern !== undefined ? new RegExp(insPattern) : undefined;

  let matchIndex = -1;
  let insertIndex = -1;
  let match: RegExpExecArray | null = null;
  let found = false;
  // 1./2. A regexp or search_string match decides which line is replaced (the last one, or the first with firstmatch).
  if (re || o.searchString !== undefined) {
    for (let i = 0; i < lines.length; i++) {
      const cur = stripEnd(lines[i]!);
      const m = re ? re.exec(cur) : cur.includes(o.searchString!) ? ([] as unknown as RegExpExecArray) : null;
      if (m) {
        matchIndex = i;
        match = m;
        found = true;
        if (o.firstMatch) break;
      }
    }
  }
  // 3. Otherwise look for the exact line, and for where insertafter/insertbefore point.
  if (!found) {
    for (let i = 0; i < lines.length; i++) {
      const cur = lines[i]!;
      if (o.line === stripEnd(cur)) {
        matchIndex = i;
      } else if (insRe && insRe.test(stripEnd(cur))) {
        if (insertAfter !== undefined) { insertIndex = i + 1; if (o.firstMatch) break; }
        if (insertBefore !== undefined) { insertIndex = i; if (o.firstMatch) break; }
      }
    }
  }
  const add = (at: number) => lines.splice(at, 0, o.line + '\n');
  let changed = false;
  let msg = '';
  if (matchIndex !== -1) {
    let newLine = o.backrefs && match && re ? expand(o.line, match) : o.line;
    if (!newLine.endsWith('\n')) newLine += '\n';
    if (lines[matchIndex] !== newLine) {
      lines[matchIndex] = newLine;
      msg = 'line replaced';
      changed = true;
    }
  } else if (o.backrefs) {
    // Nothing matched: without the groups the line cannot be built, so do nothing (Ansible).
  } else if (insertBefore === 'BOF' || insertAfter === 'BOF') {
    add(0);
    msg = 'line added';
    changed = true;
  } else if (insertAfter === 'EOF' || insertIndex === -1) {
    if (lines.length > 0 && !/[\r\n]$/.test(lines[lines.length - 1]!)) lines[lines.length - 1] += '\n';
    lines.push(o.line + '\n');
    msg = 'line added';
    changed = true;
  } else if (insertAfter !== undefined) {
    // Do not insert when the line already follows the anchor.
    const next = insertIndex === lines.length ? undefined : lines[insertIndex];
    const prevSame = insertIndex === lines.length && stripEnd(lines[insertIndex - 1]!) === o.line;
    if (!prevSame && (next === undefined || stripEnd(next) !== o.line)) {
      if (insertIndex === lines.length && !/[\r\n]$/.test(lines[lines.length - 1]!)) lines[lines.length - 1] += '\n';
      add(insertIndex);
      msg = 'line added';
      changed = true;
    }
  } else {
    add(insertIndex);
    msg = 'line added';
    changed = true;
  }
  return { text: lines.join(''), changed, msg };
}

export function lineInFileAbsent(text: string, o: { regexp?: string; searchString?: string; line?: string }): EditResult {
  const re = o.regexp !== undefined ? new RegExp(o.regexp) : undefined;
  const lines = splitKeepEnds(text);
  const kept = lines.filter((l) => {
    const cur = stripEnd(l);
    const hit = re ? re.test(cur) : o.searchString !== undefined ? cur.includes(o.searchString) : cur === o.line;
    return !hit;
  });
  const found = lines.length - kept.length;
  return { text: kept.join(''), changed: found > 0, msg: found > 0 ? `${found} line(s) removed` : '', found };
}

export interface BlockOptions {
  block: string;
  markerBegin: string;
  markerEnd: string;
  state: 'present' | 'absent';
  insertAfter?: string;
  insertBefore?: string;
}

/** blockinfile: replace the block between the markers, or insert it (EOF by default), or remove it. */
export function blockInFile(text: string, o: BlockOptions): EditResult {
  const lines = splitKeepEnds(text).map(stripEnd);
  const hadFinalNewline = text === '' || text.endsWith('\n');
  let begin = -1;
  let end = -1;
  lines.forEach((l, i) => {
    if (l === o.markerBegin) begin = i;
    if (l === o.markerEnd) end = i;
  });
  const blockLines = o.state === 'absent' || o.block === '' ? [] : [o.markerBegin, ...o.block.replace(/\n$/, '').split('\n'), o.markerEnd];
  let at: number;
  if (begin !== -1 && end !== -1 && begin <= end) {
    at = begin;
    lines.splice(begin, end - begin + 1);
  } else if (blockLines.length === 0) {
    return { text, changed: false, msg: '' };
  } else if (o.insertBefore === 'BOF' || o.insertAfter === 'BOF') {
    at = 0;
  } else if (o.insertAfter !== undefined && o.insertAfter !== 'EOF') {
    const re = new RegExp(o.insertAfter);
    at = lines.length;
    for (let i = 0; i < lines.length; i++) if (re.test(lines[i]!)) at = i + 1;
  } else if (o.insertBefore !== undefined) {
    const re = new RegExp(o.insertBefore);
    at = lines.length;
    for (let i = 0; i < lines.length; i++) if (re.test(lines[i]!)) at = i;
  } else {
    at = lines.length;
  }
  lines.splice(at, 0, ...blockLines);
  let result = lines.length === 0 ? '' : lines.join('\n') + (hadFinalNewline || blockLines.length > 0 ? '\n' : '');
  if (result === '\n') result = '';
  const changed = result !== text;
  const msg = !changed ? '' : blockLines.length === 0 ? 'Block removed' : 'Block inserted';
  return { text: result, changed, msg };
}
