// Ansible's key=value argument text (`copy: src=a dest=b`, `set_fact: x={{ groups['m'][0] }}`), read
// as its parse_kv/split_args do: words split on whitespace, except inside quotes or a Jinja block
// ({{ }}, {% %}, {# #}); each word's first unescaped `=` splits key from value; a value wrapped in
// matching quotes loses them (quotes elsewhere stay, as Ansible keeps them).

export interface KeyValueText {
  /** key → value, both text. */
  readonly options: Record<string, string>;
  /** Words without `=` (Ansible's `_raw_params`), in order. */
  readonly rawParams: readonly string[];
}

const JINJA_PAIRS = [['{{', '}}'], ['{%', '%}'], ['{#', '#}']] as const;

/** Split like Ansible's split_args; quotes are kept in the words. Throws on an unbalanced quote or block. */
export function splitArgs(text: string): string[] {
  const words: string[] = [];
  let word = '';
  let quote: string | undefined;
  const depth = [0, 0, 0];
  const trimmed = text.trim();
  for (let i = 0; i < trimmed.length; i++) {
    const ch = trimmed[i]!;
    if ((ch === '"' || ch === "'") && trimmed[i - 1] !== '\\') {
      if (quote === undefined) quote = ch;
      else if (quote === ch) quote = undefined;
    }
    JINJA_PAIRS.forEach(([open, close], n) => {
      if (trimmed.startsWith(open, i)) depth[n]!++;
      else if (trimmed.startsWith(close, i) && depth[n]! > 0) depth[n]!--;
    });
    if (/\s/.test(ch) && quote === undefined && depth.every((d) => d === 0)) {
      if (word !== '') words.push(word);
      word = '';
    } else word += ch;
  }
  if (quote !== undefined || depth.some((d) => d > 0)) {
    throw new Error(`failed at splitting arguments, either an unbalanced jinja2 block or quotes: ${text}`);
  }
  if (word !== '') words.push(word);
  return words;
}

const SIMPLE_ESCAPES: Record<string, string> = { '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' };

/** Python escape sequences in a word (\n, \t, \x41, \u00e9, \101 ...), as Ansible's _decode_escapes. */
function decodeEscapes(word: string): string {
  return word.replace(/\\(U[0-9a-fA-F]{8}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|[0-7]{1,3}|[\\'"abfnrtv])/g, (_all, seq: string) => {
    if (/^[Uux]/.test(seq)) return String.fromCodePoint(parseInt(seq.slice(1), 16));
    if (/^[0-7]/.test(seq)) return String.fromCodePoint(parseInt(seq, 8));
    return SIMPLE_ESCAPES[seq]!;
  });
}

/** `"a b"` → `a b`: only a value wrapped in one matching pair of quotes (Ansible's unquote). */
function unquote(value: string): string {
  const first = value[0];
  const quoted = value.length > 1 && (first === '"' || first === "'") && value.at(-1) === first && value.at(-2) !== '\\';
  return quoted ? value.slice(1, -1) : value;
}

/** Ansible's parse_kv. */
export function parseKv(text: string): KeyValueText {
  const options: Record<string, string> = {};
  const rawParams: string[] = [];
  for (const written of splitArgs(text)) {
    const word = decodeEscapes(written);
    let eq = word.indexOf('=', 1);
    while (eq > 0 && word[eq - 1] === '\\') eq = word.indexOf('=', eq + 1);
    if (eq < 0) {
      rawParams.push(word.includes('=') ? word.replace(/\\=/g, '=') : written);
      continue;
    }
    options[word.slice(0, eq).trim()] = unquote(word.slice(eq + 1).trim());
  }
  return { options, rawParams };
}
