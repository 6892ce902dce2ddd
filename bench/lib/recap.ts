// Totals from a PLAY RECAP (Ansible's default callback and tsplay's plain reporter print the
// same lines), so each run can be checked: a no-op run must change nothing, nothing may fail.
export interface RecapTotals {
  readonly hosts: number;
  readonly ok: number;
  readonly changed: number;
  readonly unreachable: number;
  readonly failed: number;
}

const LINE = /^(\S+)\s+:\s+ok=(\d+)\s+changed=(\d+)\s+unreachable=(\d+)\s+failed=(\d+)/;

/** Sum the recap lines of every play recap in a log; undefined when there is none. */
export function parseRecap(log: string): RecapTotals | undefined {
  // Strip colour codes in case a reporter painted the host names.
  const lines = log.replace(/\x1b\[[0-9;]*m/g, '').split('\n');
  const start = lines.findIndex((l) => l.startsWith('PLAY RECAP'));
  if (start < 0) return undefined;
  const totals = { hosts: 0, ok: 0, changed: 0, unreachable: 0, failed: 0 };
  for (const line of lines.slice(start + 1)) {
    const m = LINE.exec(line);
    if (!m) continue;
    totals.hosts += 1;
    totals.ok += Number(m[2]);
    totals.changed += Number(m[3]);
    totals.unreachable += Number(m[4]);
    totals.failed += Number(m[5]);
  }
  return totals;
}
