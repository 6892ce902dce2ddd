// --syntax-check, --list-hosts, --list-tasks and --list-tags, in ansible-playbook's formats:
//
//   playbook: site.yml
//
//     play #1 (k8s): k8s	TAGS: []
//       pattern: ['k8s']
//       hosts (2):
//         cp1
//         cp2
//       tasks:
//         prereqs : disable swap	TAGS: [prep]
//         TASK TAGS: [prep]
//
// Like Ansible, --list-tasks expands imports (import_tasks is inlined by the loader, import_role here)
// but not includes, and
// lists only a block's main tasks.
import type { Play, Playbook, RoleUse, TaskNode } from '../model.js';
import type { PlayPlan } from '../plan/play-plan.js';
import { shouldRunForTags, type TagSelection } from '../plan/tags.js';

export interface ListingOptions {
  /** The playbook path as the user gave it. */
  readonly playbookArg: string;
  readonly listHosts: boolean;
  readonly listTasks: boolean;
  readonly listTags: boolean;
  readonly tags: TagSelection;
  /** The play's plan (planPlay()): its templated pattern and its hosts after --limit, as the run sees them. */
  readonly planOf: (play: Play) => PlayPlan;
}

interface ListedTask {
  readonly title: string;
  readonly tags: readonly string[];
}

/** `--syntax-check` output. */
export function syntaxCheckOutput(playbookArg: string): string {
  return `\nplaybook: ${playbookArg}\n`;
}

function taskTitle(node: TaskNode): string {
  if (node.name !== undefined && node.name.trim() !== '') return (node.role ? `${node.role.name} : ` : '') + node.name.trim();
  // Ansible 2.14 lists an unnamed task as its action as written (`ansible.builtin.debug`), without the role.
  return node.action ?? (node.kind === 'task' ? node.module : node.kind);
}

function walk(nodes: readonly TaskNode[], inherited: readonly string[], out: ListedTask[]): void {
  for (const node of nodes) {
    const tags = [...new Set([...inherited, ...node.tags])];
    // Ansible's listing walks only `block:` of a block (not rescue/always).
    if (node.kind === 'block') walk(node.block, tags, out);
    // import_role is inlined (its dependencies first), as the run does; include_role is one line.
    else if (node.kind === 'include_role' && node.imported === true && node.loaded) {
      walkRoles(node.loaded.dependencies, tags, new Set(), out);
      walk(node.loaded.tasks, tags, out);
    } else out.push({ title: taskTitle(node), tags });
  }
}

function walkRoles(uses: readonly RoleUse[], inherited: readonly string[], seen: Set<string>, out: ListedTask[]): void {
  for (const use of uses) {
    const tags = [...new Set([...inherited, ...use.tags])];
    walkRoles(use.role.dependencies, tags, seen, out);
    // A role runs once per play unless it is given different parameters.
    const key = `${use.role.ref.dir}\u0000${JSON.stringify(use.params)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    walk(use.role.tasks, tags, out);
  }
}

/** Tasks of a play in run order (pre_tasks, roles, tasks, post_tasks), before tag filtering. */
export function playTasks(play: Play): ListedTask[] {
  const out: ListedTask[] = [];
  walk(play.preTasks, play.tags, out);
  walkRoles(play.roles, play.tags, new Set(), out);
  walk(play.tasks, play.tags, out);
  walk(play.postTasks, play.tags, out);
  return out;
}

/** Python's repr of a one-string list, as Ansible prints `pattern: ['k8s']`. */
function pythonListRepr(value: string): string {
  return value.includes("'") && !value.includes('"') ? `["${value}"]` : `['${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}']`;
}

export function listingOutput(playbook: Playbook, options: ListingOptions): string {
  let text = `\nplaybook: ${options.playbookArg}\n`;
  playbook.plays.forEach((play, index) => {
    const plan = options.planOf(play);
    const playName = plan.name.trim() !== '' ? plan.name : plan.pattern;
    let msg = `\n  play #${index + 1} (${plan.pattern}): ${playName}\tTAGS: [${[...new Set(play.tags)].join(',')}]`;
    if (options.listHosts) {
      const hosts = plan.hosts;
      msg += `\n    pattern: ${pythonListRepr(plan.pattern)}\n    hosts (${hosts.length}):`;
      for (const host of hosts) msg += `\n      ${host}`;
    }
    text += msg + '\n';
    if (options.listTasks || options.listTags) {
      const selected = playTasks(play).filter((t) => shouldRunForTags(t.tags, options.tags));
      let taskMsg = options.listTasks ? '    tasks:\n' : '';
      if (options.listTasks) for (const task of selected) taskMsg += `      ${task.title}\tTAGS: [${[...task.tags].sort().join(', ')}]\n`;
      if (options.listTags) {
        const all = new Set([...play.tags, ...selected.flatMap((t) => t.tags)]);
        taskMsg += `      TASK TAGS: [${[...all].sort().join(', ')}]\n`;
      }
      text += taskMsg;
    }
  });
  return text;
}
