// -e / --extra-vars: `k=v k2="a b"` (always strings, like Ansible), `@file.yml|json`, or inline
// JSON/YAML (types kept). Later values win.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { LoadError, TsplayError } from '../errors.js';
import type { Vars } from '../model.js';
import { VaultKeyring } from '../vault/keyring.js';
import { isPlainObject } from './values.js';
import { parseYaml } from './yaml-source.js';

/**
 * Split `a=1 b="x y" c='z'` into words like Python's shlex (posix), honouring quotes and backslash
 * escapes; with `comments`, an unquoted `#` ends the line (INI inventories).
 */
export function splitKeyValueWords(text: string, comments = false): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quote) {
      if (ch === quote) quote = undefined;
      else if (ch === '\\' && quote === '"' && i + 1 < text.length) word += text[++i];
      else word += ch;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      inWord = true;
    } else if (comments && ch === '#') {
      break;
    } else if (ch === '\\' && i + 1 < text.length) {
      word += text[++i];
      inWord = true;
    } else if (/\s/.test(ch)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      word += ch;
      inWord = true;
    }
  }
  if (quote) throw new TsplayError(`unbalanced ${quote} quote in '${text}'`, { kind: 'usage' });
  if (inWord) words.push(word);
  return words;
}

function parseMapping(text: string, file: string, vault: VaultKeyring): Vars {
  const src = parseYaml(text, file, vault);
  const value = src.toJS();
  if (value === null || value === undefined) return {};
  if (!isPlainObject(value)) throw new LoadError('extra vars must be a mapping', src.loc([]));
  return value;
}

export function parseExtraVars(values: readonly string[], cwd = process.cwd(), vault = new VaultKeyring([])): Vars {
  const result: Vars = {};
  for (const value of values) {
    const text = value.trim();
    if (text.startsWith('@')) {
      const file = resolve(cwd, text.slice(1));
      let content: string;
      try {
        content = readFileSync(file, 'utf8');
      } catch {
        throw new TsplayError(`extra vars file '${text.slice(1)}' not found`, { kind: 'usage' });
      }
      Object.assign(result, parseMapping(content, file, vault));
    } else if (text.startsWith('{') || text.startsWith('[')) {
      Object.assign(result, parseMapping(text, '-e', vault));
    } else {
      for (const word of splitKeyValueWords(text)) {
        const eq = word.indexOf('=');
        if (eq <= 0) throw new TsplayError(`-e expects key=value, @file or JSON; got '${word}'`, { kind: 'usage' });
        result[word.slice(0, eq)] = word.slice(eq + 1);
      }
    }
  }
  return result;
}
