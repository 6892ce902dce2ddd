// Unified diffs for --diff, with Ansible's `--- before: path` / `+++ after: path` headers.
// Common prefix and suffix are trimmed first; the middle is an LCS over lines, which is exact and
// fast for config files. A very large middle falls back to "all removed, all added" (still correct).
import type { FileDiff } from '../types.js';

const CONTEXT_LINES = 3;
/** Cells of the LCS table above which we stop looking for the shortest diff. */
const MAX_LCS_CELLS = 4_000_000;

type Op = { readonly kind: ' ' | '-' | '+'; readonly text: string };

/** Split text into lines; a missing final newline is remembered so the diff can say so. */
function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  else lines[lines.length - 1] += '\n\\ No newline at end of file';
  return lines;
}

function diffLines(a: readonly string[], b: readonly string[]): Op[] {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) { endA--; endB--; }
  const ops: Op[] = a.slice(0, start).map((text) => ({ kind: ' ', text }));
  const midA = a.slice(start, endA);
  const midB = b.slice(start, endB);
  ops.push(...lcsOps(midA, midB));
  ops.push(...a.slice(endA).map((text): Op => ({ kind: ' ', text })));
  return ops;
}

function lcsOps(a: readonly string[], b: readonly string[]): Op[] {
  const n = a.length;
  const m = b.length;
  if (n === 0 || m === 0 || (n + 1) * (m + 1) > MAX_LCS_CELLS) {
    return [...a.map((text): Op => ({ kind: '-', text })), ...b.map((text): Op => ({ kind: '+', text }))];
  }
  // table[i][j] = LCS length of a[i..] and b[j..], stored flat.
  const width = m + 1;
  const table = new Uint32Array((n + 1) * width);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      table[i * width + j] = a[i] === b[j] ? table[(i + 1) * width + j + 1]! + 1 : Math.max(table[(i + 1) * width + j]!, table[i * width + j + 1]!);
    }
  }
  const ops: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) { ops.push({ kind: ' ', text: a[i]! }); i++; j++; }
    else if (table[(i + 1) * width + j]! >= table[i * width + j + 1]!) ops.push({ kind: '-', text: a[i++]! });
    else ops.push({ kind: '+', text: b[j++]! });
  }
  while (i < n) ops.push({ kind: '-', text: a[i++]! });
  while (j < m) ops.push({ kind: '+', text: b[j++]! });
  return ops;
}

/** Hunk header ranges: `start,count`, with the start of an empty range being the line before it. */
function range(start: number, count: number): string {
  if (count === 0) return `${start},0`;
  return count === 1 ? `${start + 1}` : `${start + 1},${count}`;
}

/** The unified diff of one file; an empty string when before and after are equal. */
export function formatUnifiedDiff(d: FileDiff): string {
  if (d.before === d.after) return '';
  const ops = diffLines(splitLines(d.before), splitLines(d.after));
  const out = [`--- before: ${d.path}`, `+++ after: ${d.path}`];
  // Positions of each op in the old and new file.
  const oldPos: number[] = [];
  const newPos: number[] = [];
  let o = 0;
  let n = 0;
  for (const op of ops) {
    oldPos.push(o);
    newPos.push(n);
    if (op.kind !== '+') o++;
    if (op.kind !== '-') n++;
  }
  let k = 0;
  while (k < ops.length) {
    if (ops[k]!.kind === ' ') { k++; continue; }
    // A hunk: back up CONTEXT_LINES, then extend while changes are closer than 2*CONTEXT_LINES.
    const first = Math.max(0, k - CONTEXT_LINES);
    let last = k;
    let scan = k;
    while (scan < ops.length) {
      if (ops[scan]!.kind !== ' ') { last = scan; scan++; continue; }
      if (scan - last > 2 * CONTEXT_LINES) break;
      scan++;
    }
    const end = Math.min(ops.length, last + CONTEXT_LINES + 1);
    const hunk = ops.slice(first, end);
    const oldCount = hunk.filter((op) => op.kind !== '+').length;
    const newCount = hunk.filter((op) => op.kind !== '-').length;
    out.push(`@@ -${range(oldPos[first]!, oldCount)} +${range(newPos[first]!, newCount)} @@`);
    for (const op of hunk) out.push(op.kind + op.text);
    k = end;
  }
  return out.join('\n') + '\n';
}
