// A reader for the parts of OpenSSH's ssh_config(5) that decide where and how we connect.
// Semantics kept from OpenSSH: keywords are case-insensitive, `Keyword value` or `Keyword=value`,
// the first obtained value of a keyword wins (IdentityFile accumulates), a Host line matches when
// one of its patterns matches and none of its `!negated` patterns does.
// Not supported (ignored): Match blocks (their options never apply) and Include.
import { homedir, userInfo } from 'node:os';
import { wildcardMatch } from './known-hosts.js';

export interface SshConfigLine {
  /** Lower-cased keyword. */
  readonly keyword: string;
  readonly args: readonly string[];
}

export interface SshConfigBlock {
  /** Host patterns; undefined for the lines before the first Host (they apply to every host). */
  readonly patterns?: readonly string[];
  /** A Match block: we cannot evaluate it, so it never applies. */
  readonly isMatch?: boolean;
  readonly lines: readonly SshConfigLine[];
}

export interface SshHostConfig {
  hostName?: string;
  user?: string;
  port?: number;
  identityFiles: string[];
  proxyJump?: string;
  proxyCommand?: string;
  userKnownHostsFiles?: string[];
  strictHostKeyChecking?: string;
  connectTimeoutSeconds?: number;
}

/** Split a line into words, honouring double and single quotes (as ssh_config does). */
export function splitWords(text: string): string[] {
  const words: string[] = [];
  let current = '';
  let quote: string | undefined;
  let inWord = false;
  for (const ch of text) {
    if (quote) {
      if (ch === quote) quote = undefined;
      else current += ch;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      inWord = true;
    } else if (/\s/.test(ch)) {
      if (inWord) words.push(current);
      current = '';
      inWord = false;
    } else {
      current += ch;
      inWord = true;
    }
  }
  if (inWord) words.push(current);
  return words;
}

/** Parse one `Keyword value` / `Keyword=value` line; undefined for blanks and comments. */
export function parseConfigLine(raw: string): SshConfigLine | undefined {
  const line = raw.trim();
  if (line === '' || line.startsWith('#')) return undefined;
  const match = /^([A-Za-z]+)\s*(?:=\s*|\s+)(.*)$/.exec(line);
  if (!match) return undefined;
  return { keyword: match[1]!.toLowerCase(), args: splitWords(match[2]!) };
}

export function parseSshConfig(text: string): SshConfigBlock[] {
  const blocks: { patterns?: string[]; isMatch?: boolean; lines: SshConfigLine[] }[] = [{ lines: [] }];
  for (const raw of text.split('\n')) {
    const line = parseConfigLine(raw);
    if (!line) continue;
    if (line.keyword === 'host') blocks.push({ patterns: [...line.args], lines: [] });
    else if (line.keyword === 'match') blocks.push({ isMatch: true, lines: [] });
    else blocks[blocks.length - 1]!.lines.push(line);
  }
  return blocks;
}

export function hostPatternsMatch(patterns: readonly string[], host: string): boolean {
  let matched = false;
  for (const pattern of patterns) {
    if (pattern.startsWith('!')) {
      if (wildcardMatch(pattern.slice(1), host)) return false;
    } else if (wildcardMatch(pattern, host)) {
      matched = true;
    }
  }
  return matched;
}

/** `~` and the few %-tokens that make sense before connecting (%h %p %r %u %d %%). */
export function expandPath(path: string, tokens: { host?: string; port?: number; user?: string } = {}): string {
  const home = homedir();
  let result = path === '~' ? home : path.startsWith('~/') ? home + path.slice(1) : path;
  result = result.replace(/%([%hprud])/g, (_, token: string) => {
    switch (token) {
      case '%': return '%';
      case 'h': return tokens.host ?? '%h';
      case 'p': return String(tokens.port ?? 22);
      case 'r': return tokens.user ?? userInfo().username;
      case 'u': return userInfo().username;
      default: return home;
    }
  });
  return result;
}

/**
 * The options that apply to `host` (the name given to ssh), from parsed lines in order.
 * `leading` lines (e.g. `-o` options from ansible_ssh_common_args) come first, so they win.
 */
export function resolveSshHostConfig(blocks: readonly SshConfigBlock[], host: string, leading: readonly SshConfigLine[] = []): SshHostConfig {
  const result: SshHostConfig = { identityFiles: [] };
  const seen = new Set<string>();
  const apply = (line: SshConfigLine) => {
    const value = line.args[0];
    if (value === undefined) return;
    if (line.keyword === 'identityfile') {
      result.identityFiles.push(value);
      return;
    }
    if (seen.has(line.keyword)) return; // first obtained value wins
    seen.add(line.keyword);
    switch (line.keyword) {
      case 'hostname': result.hostName = value; break;
      case 'user': result.user = value; break;
      case 'port': result.port = Number(value); break;
      case 'proxyjump': result.proxyJump = value; break;
      case 'proxycommand': result.proxyCommand = line.args.join(' '); break;
      case 'userknownhostsfile': result.userKnownHostsFiles = [...line.args]; break;
      case 'stricthostkeychecking': result.strictHostKeyChecking = value.toLowerCase(); break;
      case 'connecttimeout': result.connectTimeoutSeconds = Number(value); break;
      default: seen.delete(line.keyword); // keywords we do not use stay unrecorded
    }
  };
  leading.forEach(apply);
  for (const block of blocks) {
    if (block.isMatch) continue;
    if (block.patterns && !hostPatternsMatch(block.patterns, host)) continue;
    block.lines.forEach(apply);
  }
  if (result.port !== undefined && !(Number.isInteger(result.port) && result.port > 0 && result.port < 65536)) result.port = undefined;
  if (result.connectTimeoutSeconds !== undefined && !(result.connectTimeoutSeconds > 0)) result.connectTimeoutSeconds = undefined;
  const tokens = { host: result.hostName ?? host, port: result.port, user: result.user };
  if (result.hostName !== undefined) result.hostName = result.hostName.replace(/%h/g, host);
  result.identityFiles = result.identityFiles.map((f) => expandPath(f, tokens));
  if (result.userKnownHostsFiles) result.userKnownHostsFiles = result.userKnownHostsFiles.map((f) => expandPath(f, tokens));
  return result;
}
