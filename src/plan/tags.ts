// Tag selection exactly as Ansible's Taggable.evaluate_tags: `always` runs unless skipped by name
// (or by --skip-tags all), `never` runs only when one of its other tags is asked for, and the
// special selectors all / tagged / untagged.
export interface TagSelection {
  /** --tags; empty means 'all'. */
  readonly only: readonly string[];
  readonly skip: readonly string[];
}

const UNTAGGED = 'untagged';

export function shouldRunForTags(taskTags: readonly string[], selection: TagSelection): boolean {
  const tags = new Set(taskTags.length > 0 ? taskTags : [UNTAGGED]);
  const isUntagged = taskTags.length === 0;
  const only = selection.only.length > 0 ? selection.only : ['all'];
  const overlaps = (list: readonly string[]) => list.some((t) => tags.has(t));
  let run: boolean;
  if (tags.has('always')) run = true;
  else if (only.includes('all') && !tags.has('never')) run = true;
  else if (overlaps(only)) run = true;
  else if (only.includes('tagged') && !isUntagged && !tags.has('never')) run = true;
  else run = false;
  if (run && selection.skip.length > 0) {
    const skip = selection.skip;
    if (skip.includes('all')) {
      if (!tags.has('always') || skip.includes('always')) run = false;
    } else if (overlaps(skip)) run = false;
    else if (skip.includes('tagged') && !isUntagged) run = false;
  }
  return run;
}
