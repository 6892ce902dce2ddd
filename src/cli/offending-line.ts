// Ansible's "The offending line appears to be:" for an error that stops the run at load time: the
// lines around the location with a caret under the column, drawn by @babel/code-frame (a small,
// well-kept renderer). Only plain files on disk: a vault-encrypted
// file shows no lines (the ciphertext would help nobody), and a huge file is not read.
import { codeFrameColumns } from '@babel/code-frame';
import { readFileSync, statSync } from 'node:fs';
import type { SourceLocation } from '../errors.js';

const MAX_FILE_BYTES = 4 * 1024 * 1024;

export function offendingLines(location: SourceLocation): string | undefined {
  let text: string;
  try {
    if (statSync(location.file).size > MAX_FILE_BYTES) return undefined;
    text = readFileSync(location.file, 'utf8');
  } catch {
    return undefined; // '-i', '-e', a file gone since: nothing to show
  }
  if (text.startsWith('$ANSIBLE_VAULT')) return undefined;
  const lines = text.split('\n');
  if (location.line < 1 || location.line > lines.length) return undefined;
  const frame = codeFrameColumns(text, { start: { line: location.line, column: Math.max(1, location.col) } }, {
    linesAbove: 2,
    linesBelow: 1,
    // No colour: the text goes through secret redaction, which escape codes inside a value would defeat.
    highlightCode: false,
  });
  return `The offending line appears to be:\n\n${frame}\n`;
}
