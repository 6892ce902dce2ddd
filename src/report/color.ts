// Ansible's colours (constants.py COLOR_*), as ANSI codes. Colour is used only on a TTY and never
// when NO_COLOR is set (https://no-color.org), so CI logs and pipes stay plain text.

const CODES = {
  ok: '0;32', // green
  changed: '0;33', // yellow
  skip: '0;36', // cyan
  error: '0;31', // red
  unreachable: '1;31', // bright red
  warn: '1;35', // bright purple
  debug: '0;90', // dark gray
  diffAdd: '0;32',
  diffRemove: '0;31',
  diffLines: '0;36',
} as const;

export type ColorName = keyof typeof CODES;

export interface Palette {
  readonly enabled: boolean;
  paint(color: ColorName | undefined, text: string): string;
}

export function createPalette(enabled: boolean): Palette {
  return {
    enabled,
    paint: (color, text) => (enabled && color !== undefined ? `\u001b[${CODES[color]}m${text}\u001b[0m` : text),
  };
}

export interface MaybeTty {
  readonly isTTY?: boolean;
}

/** Colour only on a terminal, and NO_COLOR (any non-empty value) always wins. */
export function shouldUseColor(stream: MaybeTty, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return stream.isTTY === true;
}

/** Remove ANSI colour sequences (tests and width computations). */
export function stripAnsi(text: string): string {
  return text.replace(/\u001b\[[0-9;]*m/g, '');
}
