// --diff output, shaped like Ansible's _get_diff: each file's unified diff ("--- before: PATH" /
// "+++ after: PATH", 3 lines of context) followed by an empty line, coloured on a terminal.
// The diff itself comes from the shared formatter in src/diff, so every report prints the same text.
import { formatUnifiedDiff, type FileDiff } from '../diff/unified.js';
import type { Palette } from './color.js';

/** The diff lines of one file (each ending in "\n"); empty when before equals after. */
export function unifiedDiffLines(diff: FileDiff): string[] {
  const text = formatUnifiedDiff(diff);
  if (text === '') return [];
  return text.split(/(?<=\n)/);
}

/** All diffs of one result; '' when nothing differs, else text ending in a blank line. */
export function formatDiffs(diffs: readonly FileDiff[], palette: Palette): string {
  let text = '';
  for (const diff of diffs) {
    const lines = unifiedDiffLines(diff);
    if (lines.length === 0) continue;
    for (const line of lines) text += colorLine(line, palette);
    text += '\n';
  }
  return text;
}

function colorLine(line: string, palette: Palette): string {
  if (!palette.enabled) return line;
  const body = line.endsWith('\n') ? line.slice(0, -1) : line;
  const color = line.startsWith('+') ? 'diffAdd' : line.startsWith('-') ? 'diffRemove' : line.startsWith('@@') ? 'diffLines' : undefined;
  return palette.paint(color, body) + '\n';
}
