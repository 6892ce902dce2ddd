// The magic variables that are the same for every host, play and task of a run (groups, check and
// diff mode, --limit, playbook_dir, -v, omit). A play's `hosts` and `serial` are templated before
// any host is chosen, so they see these and nothing host-specific; each host's scope adds its own.
import type { Vars } from '../model.js';
import type { InventoryView } from './inventory-view.js';
import { OMIT_TOKEN } from './omit.js';

export interface RunMagicFacts {
  readonly check: boolean;
  readonly diff: boolean;
  readonly limit?: string;
  readonly playbookDir: string;
  /** -v count, as ansible_verbosity (debug's `verbosity:` compares with it). */
  readonly verbosity?: number;
}

export function runMagic(view: InventoryView, run: RunMagicFacts): Vars {
  return {
    groups: view.groups,
    ansible_check_mode: run.check,
    ansible_diff_mode: run.diff,
    ansible_limit: run.limit ?? '',
    playbook_dir: run.playbookDir,
    ansible_verbosity: run.verbosity ?? 0,
    omit: OMIT_TOKEN,
  };
}
