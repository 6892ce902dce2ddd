// Lookup plugins: data from the controller or the run's variables, read while templating (Ansible's
// lookup()/query()). Only ones that need no network and run nothing. Each returns its results;
// globals.ts decides between a joined string and a list.
import { readFileSync } from 'node:fs';
import { localFileCandidates, type LocalFileKind } from '../util/local-search.js';
import { onlyKeywords } from './call-args.js';
import { renderJinja } from './jinja/render.js';
import { fileglob, firstFound, type LookupPlace } from './lookup-files.js';
import { inventoryHostnamesLookup, varsLookup } from './lookups-vars.js';
import { renderTemplate as renderMustache } from './mustache-render.js';
import { ExpressionFailure, expectMapping, expectString, isTruthy } from './python-values.js';
import { readOwn } from './safe-access.js';
import { templateVariables } from './template-variables.js';

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

function searchBase(scope: object): { roleDir: string | undefined; playbookDir: string } {
  const roleDir = readOwn(scope, 'role_path');
  const playbookDir = readOwn(scope, 'playbook_dir');
  return { roleDir: typeof roleDir === 'string' ? roleDir : undefined, playbookDir: typeof playbookDir === 'string' ? playbookDir : process.cwd() };
}

/** The first readable candidate for `name` (role's <kind>/, playbook's <kind>/, playbook dir) and its text. */
function readControllerFile(scope: object, name: string, kind: LocalFileKind, what: string): { path: string; text: string } {
  const found = localFileCandidates(searchBase(scope), name, kind);
  if ('escapes' in found) throw new ExpressionFailure(`${what}: '${name}' points outside ${found.escapes}`);
  for (const path of found.candidates) {
    try {
      return { path, text: readFileSync(path, 'utf8') };
    } catch {
      continue;
    }
  }
  throw new ExpressionFailure(`${what}: could not find '${name}' (looked in ${found.candidates.join(', ')})`);
}

/** A controller file's text, found like copy's src (role files/, playbook files/, playbook dir). */
const file: Lookup = (terms, options, scope) => {
  onlyKeywords({ positional: [], keywords: options }, ['lstrip', 'rstrip'], "lookup('file')");
  const rstrip = isTruthy(options.rstrip ?? true);
  const lstrip = isTruthy(options.lstrip ?? false);
  return terms.map((term) => {
    let { text } = readControllerFile(scope, expectString(term, "lookup('file') path"), 'files', "lookup('file')");
    if (rstrip) text = text.trimEnd();
    if (lstrip) text = text.trimStart();
    return text;
  });
};

/**
 * A controller template rendered with the current variables (plus `template_vars`, and the
 * template_* and ansible_managed variables the template module gives), found in the role's and
 * the playbook's templates/. Jinja, as in Ansible, unless the file is named *.mustache.
 */
const template: Lookup = (terms, options, scope) => {
  onlyKeywords({ positional: [], keywords: options }, ['template_vars'], "lookup('template')");
  const extra = options['template_vars'] === undefined ? {} : expectMapping(options['template_vars'], "lookup('template') template_vars");
  return terms.map((term) => {
    const name = expectString(term, "lookup('template') name");
    const { path, text } = readControllerFile(scope, name, 'templates', "lookup('template')");
    const variables = { ...scope, ...templateVariables(path), ...extra };
    return path.endsWith('.mustache') ? renderMustache(text, variables, path) : renderJinja({ text, name: path }, variables);
  });
};

function lookupPlace(scope: object): LookupPlace {
  return { ...searchBase(scope), subdir: 'files' };
}

/** first_found: the first existing file (role's files/, playbook's files/...); skip gives none. */
const firstFoundLookup: Lookup = (terms, options, scope) => {
  onlyKeywords({ positional: [], keywords: options }, ['skip', 'files', 'paths'], "lookup('first_found')");
  const withOptions = Object.keys(options).length > 0 ? [...terms, options] : terms;
  return firstFound(withOptions, lookupPlace(scope));
};

/** fileglob: controller files matching the pattern (role's and playbook's files/ and dirs). */
const fileglobLookup: Lookup = (terms, options, scope) => {
  onlyKeywords({ positional: [], keywords: options }, [], "lookup('fileglob')");
  return fileglob(terms.map((term) => expectString(term, "lookup('fileglob') pattern")), lookupPlace(scope));
};

const LOOKUPS: Readonly<Record<string, Lookup>> = {
  env, file, template, vars: varsLookup, inventory_hostnames: inventoryHostnamesLookup, first_found: firstFoundLookup, fileglob: fileglobLookup,
};

export function runLookup(name: string, terms: readonly unknown[], options: Options, scope: object): unknown[] {
  const short = name.replace(/^ansible\.builtin\./, '');
  if (!Object.hasOwn(LOOKUPS, short)) {
    throw new ExpressionFailure(`lookup plugin '${name}' is not supported (supported: ${Object.keys(LOOKUPS).join(', ')})`);
  }
  return LOOKUPS[short]!(terms, options, scope);
}
