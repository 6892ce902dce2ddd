// What one repetition measures: each step is run by both tools back to back (A then B), so
// every step gives one ansible/tsplay pair per repetition.
export type Tool = 'tsplay' | 'ansible';
export const TOOLS: readonly Tool[] = ['tsplay', 'ansible'];

export interface Step {
  /** Name in the results, e.g. prereqs-like/first. */
  readonly id: string;
  readonly workload: string;
  /** 'first': hosts reset before the run; 'noop': state already applied; 'run': neither matters. */
  readonly kind: 'first' | 'noop' | 'run';
  /** Subdirectory of /opt/tsplay-bench removed before a 'first' run. */
  readonly resetDir?: string;
}

export const ALL_STEPS: readonly Step[] = [
  { id: 'prereqs-like/first', workload: 'prereqs-like', kind: 'first', resetDir: 'etc' },
  { id: 'prereqs-like/noop', workload: 'prereqs-like', kind: 'noop' },
  { id: 'facts', workload: 'facts', kind: 'run' },
  { id: 'one-task', workload: 'one-task', kind: 'run' },
  { id: 'many-tasks/noop', workload: 'many-tasks', kind: 'noop' },
];

export function selectSteps(workloads: readonly string[] | undefined): Step[] {
  if (!workloads || workloads.length === 0) return [...ALL_STEPS];
  const unknown = workloads.filter((w) => !ALL_STEPS.some((s) => s.workload === w));
  if (unknown.length) throw new Error(`unknown workload(s): ${unknown.join(', ')} (known: ${[...new Set(ALL_STEPS.map((s) => s.workload))].join(', ')})`);
  return ALL_STEPS.filter((s) => workloads.includes(s.workload));
}

/** The command line of one tool for one workload. tsplay runs with its defaults (forks too). */
export function toolCommand(tool: Tool, workload: string, inventory: string, hosts: number, repo: string): string {
  const playbook = `${repo}/bench/workloads/${workload}/${tool}.yml`;
  if (tool === 'tsplay') return `node ${repo}/dist/src/bundle/cli.js run ${playbook} -i ${inventory}`;
  return `env ANSIBLE_CONFIG=${repo}/bench/ansible.cfg ANSIBLE_FORKS=${hosts} ansible-playbook -i ${inventory} ${playbook}`;
}
