// Reads a YAML file the way Ansible does (YAML 1.1) and keeps the parsed document so that any
// value, addressed by its path from the root, can be pointed back to as file:line:col.
import { readFile } from 'node:fs/promises';
import { LineCounter, isMap, isPair, isScalar, isSeq, parseDocument } from 'yaml';
import type { Document, Node, Pair, Tags } from 'yaml';
import { LoadError, type SourceLocation } from '../errors.js';
import { VaultError } from '../vault/format.js';
import { decryptFileText, type VaultKeyring } from '../vault/keyring.js';
import { vaultYamlTag } from '../vault/yaml-tag.js';
import { pyyamlTags } from '../util/pyyaml-tags.js';
import { BUILTIN_PREFIXES } from './action-names.js';
import { checkYamlDocument, deepOffset, explodingAliasOffset, isAliasBudget, isStackOverflow, MAX_ALIAS_EXPANSIONS, TOO_DEEP_MESSAGE } from './yaml-checks.js';

/** A path from the document root: map keys and sequence indexes. */
export type YamlPath = ReadonlyArray<string | number>;

/** `!vault |` values decrypt with the keyring the caller passes (the run's, see src/vault/). */
function ansibleTags(vault: VaultKeyring): (tags: Tags) => Tags {
  return (tags) => pyyamlTags(tags).concat(vaultYamlTag(vault));
}

export class YamlSource {
  constructor(
    readonly file: string,
    readonly doc: Document.Parsed,
    private readonly lines: LineCounter,
  ) {}

  /** The whole document as plain JS values (maps become objects). */
  toJS(): unknown {
    try {
      return this.doc.toJS({ maxAliasCount: MAX_ALIAS_EXPANSIONS });
    } catch (error) {
      if (!isAliasBudget(error)) throw error;
      throw new LoadError(`YAML aliases expand too much (more than ${MAX_ALIAS_EXPANSIONS} expansions: anchors built from aliases of anchors)`,
        this.positionOf(explodingAliasOffset(this.doc)), undefined, 'parse');
    }
  }

  private positionOf(offset: number): SourceLocation {
    const pos = this.lines.linePos(offset);
    return { file: this.file, line: pos.line, col: pos.col };
  }

  private walk(path: YamlPath): { node: Node | null; pair?: Pair } {
    let node: unknown = this.doc.contents;
    let pair: Pair | undefined;
    for (const step of path) {
      if (isMap(node)) {
        pair = findPair(node.items, String(step));
        if (!pair) return { node: node as Node, pair: undefined };
        node = pair.value;
      } else if (isSeq(node) && typeof step === 'number') {
        pair = undefined;
        const item = node.items[step];
        if (item === undefined) return { node: node as Node };
        node = item;
      } else {
        break;
      }
    }
    return { node: (node as Node | null) ?? null, pair };
  }

  /** Location of the value at `path` (or of the nearest existing parent). */
  loc(path: YamlPath): SourceLocation {
    const { node, pair } = this.walk(path);
    const range = node?.range ?? (pair?.key as Node | undefined)?.range;
    return this.positionOf(range?.[0] ?? 0);
  }

  /** Location of the key at `path` (the last step must be a map key); falls back to the value. */
  keyLoc(path: YamlPath): SourceLocation {
    const { pair } = this.walk(path);
    const key = pair?.key as Node | undefined;
    if (key?.range) return this.positionOf(key.range[0]);
    return this.loc(path);
  }
}

/** The pair whose key is `name`, or else `ansible.builtin.name` / `ansible.legacy.name` (see action-names.ts). */
function findPair(items: readonly unknown[], name: string): Pair | undefined {
  const pairs = items.filter(isPair);
  const written = [name, ...BUILTIN_PREFIXES.map((prefix) => prefix + name)];
  for (const key of written) {
    const pair = pairs.find((p) => keyText(p.key) === key);
    if (pair) return pair;
  }
  return undefined;
}

function keyText(key: unknown): string {
  if (isScalar(key)) return String(key.value);
  return String(key);
}

/** Parse YAML text; malformed YAML and duplicate keys become a LoadError (kind 'parse') with file:line:col. */
export function parseYaml(text: string, file: string, vault: VaultKeyring): YamlSource {
  const lines = new LineCounter();
  const at = (offset: number): SourceLocation => ({ file, ...lines.linePos(offset) });
  let doc: Document.Parsed;
  try {
    doc = parseDocument(text, {
      version: '1.1',
      lineCounter: lines,
      // Duplicate keys are found by checkYamlDocument in linear time (the package's check is quadratic).
      uniqueKeys: false,
      prettyErrors: true,
      customTags: ansibleTags(vault),
    });
  } catch (error) {
    if (isStackOverflow(error)) throw new LoadError(TOO_DEEP_MESSAGE, at(deepOffset(text)), undefined, 'parse');
    throw error;
  }
  const first = doc.errors[0];
  if (first) {
    const pos = first.linePos?.[0] ?? { line: 1, col: 1 };
    const message = /call stack/i.test(first.message) ? TOO_DEEP_MESSAGE : firstLine(first.message);
    throw new LoadError(message, { file, line: pos.line, col: pos.col }, undefined, 'parse');
  }
  const problem = checkYamlDocument(doc, text);
  if (problem) throw new LoadError(problem.message, at(problem.offset), undefined, 'parse');
  return new YamlSource(file, doc, lines);
}

function firstLine(message: string): string {
  // The library appends " at line N, column M:" and a code excerpt; the location is shown separately.
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}

/** Read and parse a YAML (or JSON, which is YAML) file; a missing file is a LoadError at `from`. */
export async function readYamlFile(file: string, vault: VaultKeyring, from?: SourceLocation, what = 'file'): Promise<YamlSource> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'not found' : code === 'EISDIR' ? 'is a directory' : `cannot be read (${code ?? 'error'})`;
    throw new LoadError(`${what} '${file}' ${reason}`, from ?? { file, line: 1, col: 1 });
  }
  // A whole-file vault (vars_files, group_vars, host_vars) decrypts in memory only.
  let plain: string;
  try {
    plain = decryptFileText(text, 'this file', vault);
  } catch (error) {
    if (error instanceof VaultError) throw new LoadError(error.message, { file, line: 1, col: 1 }, undefined, 'parse');
    throw error;
  }
  const src = parseYaml(plain, file, vault);
  if (plain !== text) rememberScalars(src, vault);
  return src;
}

/** Every string in a decrypted file is a secret: reporters mask them (see VaultKeyring.revealed). */
function rememberScalars(src: YamlSource, vault: VaultKeyring): void {
  const visitValue = (value: unknown): void => {
    if (typeof value === 'string') vault.remember(value);
    else if (Array.isArray(value)) value.forEach(visitValue);
    else if (typeof value === 'object' && value !== null) Object.values(value).forEach(visitValue);
  };
  visitValue(src.toJS());
}
