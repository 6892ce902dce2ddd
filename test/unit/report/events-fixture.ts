// A scripted event sequence covering every line kind of Ansible's default callback.
import type { HostStats, RunEvent, TaskRef } from '../../../src/engine/events.js';

export const CENSORED = "the output has been hidden due to the fact that 'no_log: true' was specified for this result";

export const tasks = {
  copy: { title: 'lb : write haproxy.cfg', where: 'roles/lb/tasks/main.yml:3:3', isHandler: false, module: 'template' },
  loop: { title: 'install packages', where: 'site.yml:10:7', isHandler: false, module: 'apt' },
  secret: { title: 'set token', where: 'site.yml:20:7', isHandler: false, module: 'command' },
  wait: { title: 'wait for api', where: 'site.yml:30:7', isHandler: false, module: 'command' },
  debug: { title: 'show', where: 'site.yml:40:7', isHandler: false, module: 'debug' },
  handler: { title: 'restart haproxy', where: 'roles/lb/handlers/main.yml:1:3', isHandler: true, module: 'systemd' },
} satisfies Record<string, TaskRef>;

function stats(partial: Partial<HostStats>): HostStats {
  return { ok: 0, changed: 0, unreachable: 0, failed: 0, skipped: 0, rescued: 0, ignored: 0, ...partial };
}

export const recapStats = {
  node02: stats({ ok: 3, failed: 1 }),
  cp1: stats({ ok: 7, changed: 2, skipped: 1 }),
  'a-very-long-host-name-over-26-chars.example.com': stats({ unreachable: 1 }),
};

export const scriptedEvents: RunEvent[] = [
  { type: 'playbook_start', file: '/work/site.yml', check: false },
  { type: 'play_start', name: 'k8s', hosts: ['cp1', 'node02'] },
  { type: 'task_start', task: tasks.copy, hosts: ['cp1', 'node02'] },
  { type: 'host_result', task: tasks.copy, host: 'cp1', status: 'changed', result: { changed: true, dest: '/etc/haproxy/haproxy.cfg' }, diff: [{ path: '/etc/haproxy/haproxy.cfg', before: 'a\nb\n', after: 'a\nc\n' }] },
  { type: 'host_result', task: tasks.copy, host: 'node02', status: 'ok', result: { changed: false }, delegatedTo: 'cp1' },
  { type: 'task_start', task: tasks.loop, hosts: ['cp1', 'node02'] },
  { type: 'host_result', task: tasks.loop, host: 'cp1', status: 'changed', result: { changed: true }, item: 'curl' },
  { type: 'host_result', task: tasks.loop, host: 'cp1', status: 'ok', result: { changed: false }, item: 'jq' },
  { type: 'host_result', task: tasks.loop, host: 'cp1', status: 'changed', result: { changed: true, results: [{}, {}] } },
  { type: 'host_result', task: tasks.loop, host: 'node02', status: 'failed', result: { changed: false, failed: true, msg: 'no such package' }, item: 'curl' },
  { type: 'host_result', task: tasks.loop, host: 'node02', status: 'ignored', ignored: true, result: { changed: false, failed: true, msg: 'One or more items failed', results: [{}] } },
  { type: 'task_start', task: tasks.secret, hosts: ['cp1'] },
  { type: 'host_result', task: tasks.secret, host: 'cp1', status: 'failed', result: { censored: CENSORED, changed: false } },
  { type: 'task_start', task: tasks.wait, hosts: ['node02'] },
  { type: 'retry', task: tasks.wait, host: 'node02', retriesLeft: 2 },
  { type: 'host_result', task: tasks.wait, host: 'node02', status: 'unreachable', result: { msg: 'ssh: connect to host 10.250.0.12 port 22: Connection refused' } },
  { type: 'included', file: '/work/tasks/extra.yml', hosts: ['cp1', 'node02'] },
  { type: 'task_start', task: tasks.debug, hosts: ['cp1'] },
  { type: 'host_result', task: tasks.debug, host: 'cp1', status: 'ok', result: { changed: false, msg: 'hello', _ansible_no_log: false } },
  { type: 'task_start', task: tasks.handler, hosts: ['cp1'] },
  { type: 'host_result', task: tasks.handler, host: 'cp1', status: 'skipped', result: { changed: false, skipped: true } },
  { type: 'warning', message: 'something odd' },
  { type: 'no_hosts_left' },
  { type: 'recap', stats: recapStats },
];
