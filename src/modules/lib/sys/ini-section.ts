// Replace, add or remove one [section] of an INI file (yum .repo files), keeping every other line.

interface Section {
  readonly header: string | undefined;
  readonly lines: string[];
}

function splitSections(text: string): Section[] {
  const sections: Section[] = [{ header: undefined, lines: [] }];
  for (const line of text.split('\n')) {
    const m = /^\s*\[([^\]]+)\]\s*$/.exec(line);
    if (m) sections.push({ header: m[1]!, lines: [line] });
    else sections[sections.length - 1]!.lines.push(line);
  }
  return sections;
}

function join(sections: Section[]): string {
  const text = sections.map((s) => s.lines.join('\n')).filter((t) => t !== '').join('\n');
  return text === '' ? '' : text.replace(/\n*$/, '\n');
}

export function setIniSection(text: string, name: string, body: readonly string[]): string {
  const sections = splitSections(text);
  const block = { header: name, lines: [`[${name}]`, ...body, ''] };
  const at = sections.findIndex((s) => s.header === name);
  if (at >= 0) sections[at] = block;
  else sections.push(block);
  return join(sections);
}

export function removeIniSection(text: string, name: string): string {
  return join(splitSections(text).filter((s) => s.header !== name));
}
