import assert from 'node:assert/strict';
import { test } from 'node:test';
import { measureOverhead } from './overhead.bench.js';

// A guard against regressions that make the engine cost grow with the inventory (per-task work
// proportional to hosts x hosts, a scope rebuilt from scratch, an event per host per host...).
// Measured ~10-20 µs of CPU per task per host on the 2-core CI machine; the bound is 20x that.
test('engine overhead stays far below 300 µs of CPU per task per host (40 tasks x 40 hosts, fake connections)', async () => {
  await measureOverhead(10, 10); // warm up the JIT
  const { cpuUsPerTaskHost, events } = await measureOverhead(40, 40, 'echo {{ inventory_hostname }}');
  assert.equal(events, 40 * 40 + 40 + 3, 'one task_start per task, one result per host per task, plus playbook/play/recap');
  assert.ok(cpuUsPerTaskHost < 300, `${cpuUsPerTaskHost.toFixed(1)} µs per task per host`);
});
