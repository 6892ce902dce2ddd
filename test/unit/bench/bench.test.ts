// The benchmark's own logic: recap parsing, medians and ratios, target verdicts, and that each
// workload really is the same playbook for both tools.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { renderTemplate } from '../../../src/template/index.js';
import type { RawResults, RunRecord } from '../../../bench/measure.js';
import { knownKeysFor } from '../../../bench/lib/lab-hosts.js';
import { parseRecap } from '../../../bench/lib/recap.js';
import { floorMedian, median, pairRatios, perTaskMs, tsplayPeakRssKb } from '../../../bench/lib/stats.js';
import { selectSteps, toolCommand } from '../../../bench/lib/steps.js';
import { evaluateTargets } from '../../../bench/lib/targets.js';
import { playbook } from '../../../bench/workloads/many-tasks/generate.js';

function hasJinja(): boolean {
  try {
    execFileSync('/usr/bin/python3', ['-c', 'import jinja2'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const workloads = join(import.meta.dirname, '../../../bench/workloads');

function run(step: string, tool: 'tsplay' | 'ansible', rep: number, seconds: number, extra: Partial<RunRecord> = {}): RunRecord {
  return { step, tool, rep, seconds, peakRssKb: 50_000, recap: { hosts: 20, ok: 1, changed: 0, unreachable: 0, failed: 0 }, ...extra };
}

function raw(runs: RunRecord[], reps = 3, perTaskFloorMs = 10): RawResults {
  const floor = { hosts: 20, tasks: 100, connectMs: 100, execMs: perTaskFloorMs * 100, perTaskMs: perTaskFloorMs, perTaskPerHostMs: perTaskFloorMs / 20 };
  return { hosts: 20, reps, startedAt: '', loadAverage: '', runs, floors: [floor] };
}

describe('parseRecap', () => {
  it('sums every host line, colour codes or not', () => {
    const log = 'TASK [x]\nok: [h1]\n\nPLAY RECAP ****\n\x1b[0;33mh1\x1b[0m                         : ok=3    changed=1    unreachable=0    failed=0    skipped=0\nh2                         : ok=2    changed=0    unreachable=1    failed=2    skipped=0\n';
    assert.deepEqual(parseRecap(log), { hosts: 2, ok: 5, changed: 1, unreachable: 1, failed: 2 });
  });
  it('returns undefined when the run never reached a recap', () => {
    assert.equal(parseRecap('ERROR! the playbook could not be found'), undefined);
  });
});

describe('stats', () => {
  it('takes the middle value, or the mean of the two middle ones', () => {
    assert.equal(median([3, 1, 2]), 2);
    assert.equal(median([4, 1, 3, 2]), 2.5);
    assert.equal(median([]), null);
  });
  it('pairs runs of the same repetition and drops pairs with a problem run', () => {
    const r = raw([
      run('facts', 'tsplay', 1, 1), run('facts', 'ansible', 1, 10),
      run('facts', 'tsplay', 2, 2), run('facts', 'ansible', 2, 10, { problem: 'failed=1 unreachable=0' }),
      run('facts', 'tsplay', 3, 0.5), run('facts', 'ansible', 3, 10),
    ]);
    assert.deepEqual(pairRatios(r, 'facts'), [10, 20]);
  });
  it('derives the cost of one more task from many-tasks minus one-task', () => {
    const r = raw([run('many-tasks/noop', 'tsplay', 1, 5.95), run('one-task', 'tsplay', 1, 1)], 1);
    assert.ok(Math.abs(perTaskMs(r, 'tsplay')! - 50) < 1e-9);
    assert.equal(perTaskMs(r, 'ansible'), null);
  });
  it('takes the shell floor only from repetitions that measured it', () => {
    const r = raw([], 3, 10);
    const floor = r.floors[0]!;
    r.floors.push({ ...floor, perTaskMs: 30, shellPerTaskMs: 0.5 }, { ...floor, perTaskMs: 20, shellPerTaskMs: 0.7 });
    assert.equal(floorMedian(r, 'perTaskMs'), 20);
    assert.equal(floorMedian(r, 'shellPerTaskMs'), 0.6);
    assert.equal(floorMedian(raw([]), 'shellPerTaskMs'), null);
  });
  it('reports the largest tsplay RSS, ignoring ansible', () => {
    const r = raw([run('facts', 'tsplay', 1, 1, { peakRssKb: 70_000 }), run('facts', 'ansible', 1, 1, { peakRssKb: 900_000 })], 1);
    assert.equal(tsplayPeakRssKb(r), 70_000);
  });
});

describe('evaluateTargets', () => {
  it('marks each target met or missed at N=20', () => {
    const r = raw([
      run('prereqs-like/noop', 'tsplay', 1, 1), run('prereqs-like/noop', 'ansible', 1, 25),
      run('many-tasks/noop', 'tsplay', 1, 10.9), run('many-tasks/noop', 'ansible', 1, 100),
      run('prereqs-like/first', 'tsplay', 1, 1), run('prereqs-like/first', 'ansible', 1, 9),
      run('one-task', 'tsplay', 1, 1),
    ], 1, 10);
    const verdicts = evaluateTargets([r]).map((t) => t.status);
    // no-op 25× met; many-tasks 9.2× missed; first 9× missed; (10.9-1)/99 s = 100 ms per task vs floor 10 ms: missed.
    assert.deepEqual(verdicts, ['met', 'missed', 'missed', 'missed']);
  });
  it('says "not measured" when there is no N=20 run', () => {
    assert.ok(evaluateTargets([{ ...raw([]), hosts: 5 }]).every((t) => t.status === 'not measured'));
  });
});

describe('workloads', () => {
  it('generates 100 distinct tasks, the same for both tools', () => {
    const t = parse(playbook('tsplay', 100)) as { tasks: { name: string }[] }[];
    const a = parse(playbook('ansible', 100)) as unknown[];
    assert.equal(t[0]!.tasks.length, 100);
    assert.equal(new Set(t[0]!.tasks.map((x) => x.name)).size, 100);
    assert.deepEqual(t, a);
  });
  for (const name of ['prereqs-like', 'facts', 'one-task', 'many-tasks']) {
    it(`${name}: tsplay.yml and ansible.yml hold the same tasks (templates aside)`, () => {
      const read = (tool: string) => readFileSync(join(workloads, name, `${tool}.yml`), 'utf8').replace(/bench\.conf\.(mustache|j2)/g, 'bench.conf.TEMPLATE');
      assert.deepEqual(parse(read('tsplay')), parse(read('ansible')));
    });
  }
  it('the .mustache and .j2 templates render the same text', { skip: hasJinja() ? false : 'python3-jinja2 (comes with ansible-core) is not installed' }, () => {
    const scope = { inventory_hostname: 'h7', ansible_host: '10.250.0.17', bench_modules: ['overlay', 'br_netfilter'] };
    const mustache = renderTemplate(readFileSync(join(workloads, 'prereqs-like/templates/bench.conf.mustache'), 'utf8'), scope, 'bench.conf.mustache');
    // Jinja as Ansible's template module configures it (trim_blocks on), through the python3 Ansible uses.
    const jinja = execFileSync('/usr/bin/python3', ['-c', 'import jinja2,json,sys; e=jinja2.Environment(trim_blocks=True, keep_trailing_newline=True); sys.stdout.write(e.from_string(open(sys.argv[1]).read()).render(**json.loads(sys.argv[2])))', join(workloads, 'prereqs-like/templates/bench.conf.j2'), JSON.stringify(scope)]).toString();
    assert.match(mustache, /host = h7\naddress = 10\.250\.0\.17\nmodules:\n  - overlay\n  - br_netfilter\nend\n/);
    assert.equal(mustache, jinja);
  });
});

describe('steps and commands', () => {
  it('runs ansible with the bench config and forks = N, tsplay with its defaults', () => {
    assert.match(toolCommand('ansible', 'facts', '/i.yml', 20, '/r'), /ANSIBLE_CONFIG=\/r\/bench\/ansible\.cfg ANSIBLE_FORKS=20 ansible-playbook -i \/i\.yml \/r\/bench\/workloads\/facts\/ansible\.yml/);
    assert.equal(toolCommand('tsplay', 'facts', '/i.yml', 20, '/r'), 'node /r/dist/src/bundle/cli.js run /r/bench/workloads/facts/tsplay.yml -i /i.yml');
  });
  it('rejects an unknown workload name', () => {
    assert.throws(() => selectSteps(['prereqs']), /unknown workload/);
    assert.deepEqual(selectSteps(['prereqs-like']).map((s) => s.id), ['prereqs-like/first', 'prereqs-like/noop']);
  });
});

describe('knownKeysFor', () => {
  it('finds the keys listed for an address, not for others', () => {
    const text = '10.250.0.11 ssh-ed25519 AAAA1\n10.250.0.11 ecdsa-sha2-nistp256 BBBB1\n10.250.0.12 ssh-ed25519 CCCC\n';
    assert.deepEqual([...knownKeysFor(text, '10.250.0.11')], ['AAAA1', 'BBBB1']);
    assert.equal(knownKeysFor(text, '10.250.0.1').size, 0);
  });
});
