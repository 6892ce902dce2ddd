// The file-diff contract shared by modules (which produce diffs), the engine's events (which carry
// them) and the reports (which print them), and its one unified-diff formatter, so all three agree.
// Ansible's headers (`--- before: path` / `+++ after: path`), 3 lines of context. Lines come from
// jsdiff's Myers diff, which stays fast when a few lines change in a large file.
import { structuredPatch, type StructuredPatchHunk } from 'diff';

/** A unified diff of one file (or a package list), shown with --diff. */
export interface FileDiff {
  readonly path: string;
  readonly before: string;
  readonly after: string;
}

const CONTEXT_LINES = 3;
/**
 * Above this edit length (removed + added lines) we stop looking for the shortest diff and print "all
 * removed, all added" (still correct) instead of stalling the run. jsdiff's cost grows with the edit
 * length times the file size and with its square (a 3,000-line rewrite at 2,000: 0.4 s on a busy
 * machine), so large files get a smaller limit, never below what a few hundred scattered edits need.
 */
const MAX_EDIT_LENGTH = 2_000;
const MIN_EDIT_LENGTH = 200;
const EDIT_WORK_BUDGET = 40_000_000;
const NO_NEWLINE = '\\ No newline at end of file';

/** The unified diff of one file; an empty string when before and after are equal. */
export function formatUnifiedDiff(d: FileDiff): string {
  if (d.before === d.after) return '';
  // A diff of settings rather than a file (timezone) has no path: Ansible prints bare headers then.
  const out = d.path === '' ? ['--- before', '+++ after'] : [`--- before: ${d.path}`, `+++ after: ${d.path}`];
  for (const hunk of diffHunks(d.before, d.after)) {
    out.push(`@@ -${range(hunk.oldStart, hunk.oldLines)} +${range(hunk.newStart, hunk.newLines)} @@`);
    for (const line of hunk.lines) out.push(line);
  }
  return out.join('\n') + '\n';
}

function diffHunks(before: string, after: string): readonly StructuredPatchHunk[] {
  const lineCount = countLines(before) + countLines(after);
  const maxEditLength = Math.min(MAX_EDIT_LENGTH, Math.max(MIN_EDIT_LENGTH, Math.floor(EDIT_WORK_BUDGET / lineCount)));
  const patch = structuredPatch('', '', before, after, undefined, undefined, { context: CONTEXT_LINES, maxEditLength });
  return patch?.hunks ?? [wholeFileHunk(before, after)];
}

/** The fallback when the diff is too costly to compute: every old line removed, every new line added. */
function wholeFileHunk(before: string, after: string): StructuredPatchHunk {
  const removed = hunkLines('-', before);
  const added = hunkLines('+', after);
  return {
    oldStart: 1,
    oldLines: countLines(before),
    newStart: 1,
    newLines: countLines(after),
    lines: removed.concat(added),
  };
}

function hunkLines(prefix: '-' | '+', text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const prefixed = lines.map((line) => prefix + line);
  if (!text.endsWith('\n')) prefixed.push(NO_NEWLINE);
  return prefixed;
}

function countLines(text: string): number {
  if (text === '') return 0;
  return text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
}

/**
 * Hunk header ranges as GNU diff and Python's difflib print them: `start,count`, `start` alone for
 * one line, and for an empty range the line before it (jsdiff gives the line after it).
 */
function range(start: number, count: number): string {
  if (count === 0) return `${start - 1},0`;
  return count === 1 ? `${start}` : `${start},${count}`;
}
