// Lookup plugins: data from the controller, read while templating (Ansible's lookup()/query()).
// Only the two that need no network and run nothing: env and file. Each returns one result per
// term; globals.ts decides between a joined string and a list.
import { readFileSync } from 'node:fs';
import { localFileCandidates } from '../util/local-search.js';
import { onlyKeywords } from './call-args.js';
import { ExpressionFailure, expectString, isTruthy } from './python-values.js';
import { readOwn } from './safe-access.js';

type Options = Readonly<Record<string, unknown>>;
type Lookup = (terms: readonly unknown[], options: Options, scope: object) => unknown[];

/** The controller's environment; an unset variable is '' (or `default`), as in Ansible. */
const env: Lookup = (terms, options) => {
  onlyKeywords({ positional: [], keywords: options }, ['default'], "lookup('env')");
  return terms.map((term) => {
    const value = process.env[expectString(term, "lookup('env') variable name")];
    return value ?? (Object.hasOwn(options, 'default') ? options.default : '');
  });
};

/** A controller file's text, found like copy's src (role files/, playbook files/, playbook dir). */
const file: Lookup = (terms, options, scope) => {
  onlyKeywords({ positional: [], keywords: options }, ['lstrip', 'rstrip'], "lookup('file')");
  const roleDir = readOwn(scope, 'role_path');
  const playbookDir = readOwn(scope, 'playbook_dir');
  const base = { roleDir: typeof roleDir === 'string' ? roleDir : undefined, playbookDir: typeof playbookDir === 'string' ? playbookDir : process.cwd() };
  const rstrip = isTruthy(options.rstrip ?? true);
  const lstrip = isTruthy(options.lstrip ?? false);
  return terms.map((term) => {
    const name = expectString(term, "lookup('file') path");
    const found = localFileCandidates(base, name, 'files');
    if ('escapes' in found) throw new ExpressionFailure(`lookup('file'): '${name}' points outside ${found.escapes}`);
    for (const path of found.candidates) {
      let text: string;
      try {
        text = readFileSync(path, 'utf8');
      } catch {
        continue;
      }
      if (rstrip) text = text.trimEnd();
      if (lstrip) text = text.trimStart();
      return text;
    }
    throw new ExpressionFailure(`lookup('file'): could not find '${name}' (looked in ${found.candidates.join(', ')})`);
  });
};

const LOOKUPS: Readonly<Record<string, Lookup>> = { env, file };

export function runLookup(name: string, terms: readonly unknown[], options: Options, scope: object): unknown[] {
  const short = name.replace(/^ansible\.builtin\./, '');
  if (!Object.hasOwn(LOOKUPS, short)) {
    throw new ExpressionFailure(`lookup plugin '${name}' is not supported (supported: ${Object.keys(LOOKUPS).join(', ')})`);
  }
  return LOOKUPS[short]!(terms, options, scope);
}
