// The transfer figures of issue #16, measured on the lab (run by bench/transfers.sh, which holds
// the lab lock; NOT part of run.sh's default workloads: the comparison is with scp, not Ansible).
//   1. 1 GiB to every host: wall time and the controller's peak RSS (goal: < 300 MB at 20 hosts)
//   2. 100 MiB to one host: tsplay vs one scp (goal: tsplay >= 80% of scp's throughput)
//   3. 100 MiB to every host: tsplay vs one scp per host, all in parallel (goal: <= 1.5x scp)
//   4. the same run again: bytes that crossed the lab bridge (goal: none of the file: ~0)
// Usage: transfers.ts --inventory PATH --out DIR
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { shellQuote } from '../src/util/shell-quote.js';
import { readLabInventory } from './lib/lab-hosts.js';
import { timedRun, type TimedRun } from './lib/timed-run.js';
import { transfersSection, withTransfersSection, type TransferFigures } from './lib/transfers-section.js';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const option = (name: string) => { const i = process.argv.indexOf(`--${name}`); return i >= 0 ? process.argv[i + 1] : undefined; };
const inventory = option('inventory') ?? join(repo, 'inventory/lab.yml');
const out = option('out') ?? join(repo, 'bench/results');
mkdirSync(out, { recursive: true });

const SOURCE = '/var/tmp/tsplay-bench/transfer.bin';
const DEST_DIR = '/opt/tsplay-bench/transfers';
const BRIDGE_TX = '/sys/class/net/tsplay0/statistics/tx_bytes';
const lab = readLabInventory(inventory);
const sshOptions = ['-i', lab.privateKeyFile, '-o', `UserKnownHostsFile=${lab.knownHostsFile}`, '-o', 'StrictHostKeyChecking=yes', '-o', 'BatchMode=yes'];
const tsplay = (hostsPattern: string) => `node ${repo}/dist/src/bundle/cli.js run ${repo}/bench/workloads/transfers/tsplay.yml -i ${inventory} --limit ${shellQuote(hostsPattern)} --forks ${lab.hosts.length}`;

function makeSource(mib: number): void {
  mkdirSync(dirname(SOURCE), { recursive: true });
  execFileSync('/bin/sh', ['-c', `head -c ${mib}M /dev/urandom > ${SOURCE}`]);
}

/** Remove the destination on the given hosts (untimed, so every timed run is a first run). */
function resetCommand(hosts: readonly { address: string }[]): string {
  return hosts.map((h) => `ssh ${sshOptions.map(shellQuote).join(' ')} ${lab.user}@${h.address} 'rm -rf ${DEST_DIR}; mkdir -p ${DEST_DIR}'`).join(' & ') + ' & wait';
}

function scpCommand(hosts: readonly { address: string }[]): string {
  return hosts.map((h) => `scp -q ${sshOptions.map(shellQuote).join(' ')} ${SOURCE} ${lab.user}@${h.address}:${DEST_DIR}/transfer.bin`).join(' & ') + ' & wait';
}

function measure(name: string, command: string, prepare?: string): TimedRun {
  const run = timedRun({ command, prepare, logFile: join(out, `transfers-${name}.log`), jsonFile: join(out, `transfers-${name}.json`), rssFile: join(out, `transfers-${name}.rss`) });
  process.stderr.write(`[transfers] ${name}: ${run.seconds?.toFixed(2) ?? 'failed'} s, peak RSS ${run.peakRssKb ?? '?'} KiB${run.error ? ` (${run.error})` : ''}\n`);
  return run;
}

const bridgeTx = () => Number(readFileSync(BRIDGE_TX, 'utf8'));
const all = lab.hosts;
const one = [lab.hosts[0]!];
const figures: Record<string, unknown> = { hosts: all.length, startedAt: new Date().toISOString(), loadAverage: readFileSync('/proc/loadavg', 'utf8').trim() };

makeSource(1024);
figures['gib_to_all'] = measure('1g-all', tsplay('all'), resetCommand(all));

makeSource(100);
const tsplayOne = measure('100m-one-tsplay', tsplay(one[0]!.name), resetCommand(one));
const scpOne = measure('100m-one-scp', scpCommand(one), resetCommand(one));
figures['one_host'] = { tsplay: tsplayOne, scp: scpOne, throughputRatio: tsplayOne.seconds && scpOne.seconds ? scpOne.seconds / tsplayOne.seconds : null };

const tsplayAll = measure('100m-all-tsplay', tsplay('all'), resetCommand(all));
const scpAll = measure('100m-all-scp', scpCommand(all), resetCommand(all));
figures['all_hosts'] = { tsplay: tsplayAll, scp: scpAll, timeRatio: tsplayAll.seconds && scpAll.seconds ? tsplayAll.seconds / scpAll.seconds : null };

// The file is in place on every host (from the tsplay run above, then scp wrote the same bytes).
const txBefore = bridgeTx();
const second = measure('100m-all-second', tsplay('all'));
figures['second_run'] = { ...second, bridgeTxBytes: bridgeTx() - txBefore, recap: second.recap };

figures['loadAverageAfter'] = readFileSync('/proc/loadavg', 'utf8').trim();
writeFileSync(join(out, 'transfers.json'), JSON.stringify(figures, null, 2) + '\n');
// The figures also go into bench/RESULTS.md (its transfers section; report.ts keeps it).
const resultsMd = join(repo, 'bench/RESULTS.md');
writeFileSync(resultsMd, withTransfersSection(readFileSync(resultsMd, 'utf8'), transfersSection(figures as unknown as TransferFigures)));
process.stderr.write(`[transfers] wrote ${join(out, 'transfers.json')} and the transfers section of ${resultsMd}\n`);
