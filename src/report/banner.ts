// Ansible's Display.banner: a blank line, then "MSG " followed by stars up to column 80 (at least
// three). Off a terminal Ansible uses 79 columns for the stars, so every banner line is 80 wide.

export const BANNER_COLUMNS = 79;

export function banner(message: string, columns: number = BANNER_COLUMNS): string {
  const msg = message.trim();
  const starCount = Math.max(3, columns - [...msg].length);
  return `\n${msg} ${'*'.repeat(starCount)}`;
}
