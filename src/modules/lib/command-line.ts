// Turning `command:` strings into argv without a shell, and the result fields command/shell share.

/**
 * Split a command string into words like Python's shlex.split (POSIX mode), which Ansible's
 * command module uses: single quotes are literal, double quotes allow \\ \" \$ \` escapes,
 * a backslash outside quotes escapes the next character. No expansion of any kind happens.
 */
export function splitCommandLine(text: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === "'") {
      const end = text.indexOf("'", i + 1);
      if (end < 0) throw new Error('no closing quotation in command');
      word += text.slice(i + 1, end);
      inWord = true;
      i = end + 1;
    } else if (c === '"') {
      i++;
      for (;;) {
        if (i >= text.length) throw new Error('no closing quotation in command');
        const d = text[i]!;
        if (d === '"') { i++; break; }
        if (d === '\\' && i + 1 < text.length && '\\"$`\n'.includes(text[i + 1]!)) { word += text[i + 1]; i += 2; continue; }
        word += d;
        i++;
      }
      inWord = true;
    } else if (c === '\\') {
      if (i + 1 >= text.length) throw new Error('no escaped character after a trailing backslash in command');
      if (text[i + 1] !== '\n') word += text[i + 1];
      inWord = true;
      i += 2;
    } else if (/\s/.test(c)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
      i++;
    } else {
      word += c;
      inWord = true;
      i++;
    }
  }
  if (inWord) words.push(word);
  return words;
}

/** Ansible's timestamp format: '2024-05-01 12:00:00.123456' (local time). */
export function formatTimestamp(date: Date): string {
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${date.getFullYear()}-${p(date.getMonth() + 1)}-${p(date.getDate())} ${p(date.getHours())}:${p(date.getMinutes())}:${p(date.getSeconds())}.${p(date.getMilliseconds() * 1000, 6)}`;
}

/** Ansible's delta format: '0:00:01.234000'. */
export function formatDelta(ms: number): string {
  const total = Math.max(0, ms);
  const hours = Math.floor(total / 3_600_000);
  const minutes = Math.floor((total % 3_600_000) / 60_000);
  const seconds = Math.floor((total % 60_000) / 1000);
  const micros = Math.round((total % 1000) * 1000);
  return `${hours}:${String(minutes).padStart(2, '0')}:${String(seconds).padStart(2, '0')}.${String(micros).padStart(6, '0')}`;
}

/** Output as Ansible returns it: trailing newlines stripped, plus the list of lines. */
export function outputFields(stdout: string, stderr: string): { stdout: string; stderr: string; stdout_lines: string[]; stderr_lines: string[] } {
  const out = stdout.replace(/[\r\n]+$/, '');
  const err = stderr.replace(/[\r\n]+$/, '');
  return { stdout: out, stderr: err, stdout_lines: out === '' ? [] : out.split(/\r?\n/), stderr_lines: err === '' ? [] : err.split(/\r?\n/) };
}
