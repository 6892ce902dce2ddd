// Acceptance (issue #17): a real lab run is recorded, `tsplay report` turns the record into one HTML
// page, and Debian's Chromium (driven by playwright-core) opens it from a file:// URL: the recap
// numbers, the failing task's output and the drift diff are on the page, nothing is fetched from the
// network, and a screenshot is saved under test/artifacts/ for a developer to look at.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser } from 'playwright-core';
import { REPO_ROOT, runLocal, type LabHost } from './support/lab.js';
import { cliCommand, explain, fiveHosts, inventoryCopy, tempDir, tsplay } from './engine-support.js';

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = resolve(REPO_ROOT, 'test/artifacts');
// As the machine's notes advise: without these, Chromium tries to reach Google's hosts at start.
const QUIET = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

let hosts: LabHost[] = [];
let runsDir = '';
let browser: Browser | undefined;

describe('report: a recorded lab run as one HTML page, checked in Chromium', { timeout: 240_000 }, () => {
  before(async () => {
    hosts = (await fiveHosts()).slice(0, 2);
    runsDir = tempDir('tsplay-e2e-report-');
    browser = await chromium.launch({ executablePath: CHROMIUM, args: QUIET });
  });
  after(async () => {
    await browser?.close();
    rmSync(runsDir, { recursive: true, force: true });
  });

  it('shows the recap, the failure output and the drift diff, and fetches nothing', async () => {
    const inventory = inventoryCopy(hosts);
    const generation = String(Date.now()); // a new value each time, so the converge run changes the file
    const converge = await tsplay('report.yml', inventory, ['--runs-dir', runsDir, '-e', `generation=${generation}`]);
    assert.equal(converge.rc, 2, explain(converge));
    const check = await tsplay('report.yml', inventory, ['--runs-dir', runsDir, '--check', '--diff', '-e', `generation=${generation}-next`]);
    assert.equal(check.rc, 0, explain(check)); // command-like tasks are skipped under --check
    assert.equal(readdirSync(runsDir).filter((f) => f.endsWith('.json')).length, 2);

    const page = join(runsDir, 'report.html');
    const made = await runLocal(process.execPath, [...cliCommand(), 'report', 'last', '--since', readdirSync(runsDir).sort()[0]!.slice(0, 23), '--runs-dir', runsDir, '-o', page]);
    assert.equal(made.rc, 0, made.stderr);
    assert.ok(existsSync(page));

    const tab = await browser!.newPage({ viewport: { width: 1280, height: 900 } });
    const requests: string[] = [];
    tab.on('request', (request) => requests.push(request.url()));
    await tab.goto(`file://${page}`);
    const [first, second] = hosts.map((h) => h.name);
    const stat = (host: string, key: string) => tab.locator(`table.recap tr:has(td:text-is("${host}")) td[data-stat="${key}"]`).innerText();
    // The check run: the copy would change on both hosts.
    for (const host of [first!, second!]) assert.equal(await stat(host, 'changed'), '1', check.stdout);
    assert.match(await tab.locator('#drift').evaluate((h) => h.parentElement!.innerText), new RegExp(`generation ${generation}\\n[\\s\\S]*generation ${generation}-next`));
    assert.equal(await tab.locator('.d2h-file-wrapper').count(), 2, 'one diff per host');
    assert.match(await tab.locator('body').innerText(), /<b>kept as text<\/b>/, 'host data is text, not markup');
    assert.equal(await tab.locator('b:text("kept as text")').count(), 0);
    assert.match(await tab.locator('#since').innerText(), /Since run/);

    // The converge run's page shows the failure with its output.
    const converged = join(runsDir, 'converge.html');
    const made2 = await runLocal(process.execPath, [...cliCommand(), 'report', readdirSync(runsDir).sort()[0]!.slice(0, 23), '--runs-dir', runsDir, '-o', converged]);
    assert.equal(made2.rc, 0, made2.stderr);
    await tab.goto(`file://${converged}`);
    assert.equal(await stat(first!, 'failures'), '1');
    assert.equal(await stat(second!, 'failures'), '0');
    assert.equal(await stat(second!, 'changed'), '1');
    const failure = await tab.locator('.failure').innerText();
    assert.match(failure, new RegExp(`report-failure-output-${first}`));
    assert.match(failure, /to stderr/);
    assert.match(failure, /\b7\b/);
    assert.ok(await tab.locator('.tl-bar').count() >= 4, 'a timeline bar per task and host');

    assert.deepEqual(requests.filter((url) => !url.startsWith('file://')), [], 'nothing fetched from the network');
    mkdirSync(ARTIFACTS, { recursive: true });
    await tab.screenshot({ path: join(ARTIFACTS, 'report-converge.png'), fullPage: true });
    await tab.goto(`file://${page}`);
    await tab.screenshot({ path: join(ARTIFACTS, 'report-check.png'), fullPage: true });
  });
});
