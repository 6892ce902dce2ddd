// PLAY RECAP lines, byte for byte as Ansible's default callback prints them:
// "%-26s : ok=%-4s changed=%-4s unreachable=%-4s failed=%-4s skipped=%-4s rescued=%-4s ignored=%-4s",
// hosts sorted. With colour the host is padded to 37 (26 + the 11 escape bytes) like Ansible's
// hostcolor(), and only non-zero counters are coloured.
import { banner } from './banner.js';
import type { ColorName, Palette } from './color.js';
import type { HostStats } from '../engine/events.js';

function pad(text: string, width: number): string {
  return text.length >= width ? text : text + ' '.repeat(width - text.length);
}

function counter(palette: Palette, lead: string, value: number, color: ColorName): string {
  const text = `${lead}=${pad(String(value), 4)}`;
  return value !== 0 ? palette.paint(color, text) : text;
}

function hostColor(stats: HostStats): ColorName {
  if (stats.failed > 0 || stats.unreachable > 0) return 'error';
  if (stats.changed > 0) return 'changed';
  return 'ok';
}

export function recapLine(host: string, stats: HostStats, palette: Palette): string {
  const name = palette.enabled ? pad(palette.paint(hostColor(stats), host), 37) : pad(host, 26);
  return [
    `${name} :`,
    counter(palette, 'ok', stats.ok, 'ok'),
    counter(palette, 'changed', stats.changed, 'changed'),
    counter(palette, 'unreachable', stats.unreachable, 'unreachable'),
    counter(palette, 'failed', stats.failed, 'error'),
    counter(palette, 'skipped', stats.skipped, 'skip'),
    counter(palette, 'rescued', stats.rescued, 'ok'),
    counter(palette, 'ignored', stats.ignored, 'warn'),
  ].join(' ');
}

/** The whole recap block: banner, one line per host (sorted), and Ansible's trailing blank line. */
export function formatRecap(stats: Readonly<Record<string, HostStats>>, palette: Palette): string {
  const hosts = Object.keys(stats).sort();
  const lines = [banner('PLAY RECAP'), ...hosts.map((h) => recapLine(h, stats[h]!, palette)), ''];
  return lines.join('\n') + '\n';
}
