// Diffs on the report page: diff2html renders our unified diffs as coloured line-by-line HTML (it
// escapes the lines itself); its stylesheet is inlined so the page needs no network.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { html as diffToHtml } from 'diff2html';

/** Our unified text starts `--- before: PATH` / `+++ after: PATH`; diff2html wants plain names. */
function withPlainHeaders(path: string, unified: string): string {
  const body = unified.replace(/^--- .*\n\+\+\+ .*\n/, '');
  return `--- ${path}\n+++ ${path}\n${body}`;
}

export function renderDiff(path: string, unified: string): string {
  if (unified.trim() === '') return '';
  return diffToHtml(withPlainHeaders(path, unified), { drawFileList: false, outputFormat: 'line-by-line', matching: 'lines' });
}

let css: string | undefined;
export function diffStylesheet(): string {
  css ??= readFileSync(createRequire(import.meta.url).resolve('diff2html/bundles/css/diff2html.min.css'), 'utf8');
  return css;
}
