// One self-contained static HTML page for a run record: no script, no external resource (a
// Content-Security-Policy forbids any), so it works from a file:// URL and fetches nothing.
import { diffStylesheet, renderDiff } from './diff-html.js';
import { escapeHtml as e, formatMs } from './escape.js';
import { PAGE_STYLE } from './page-style.js';
import type { ReportModel, TimelineBar } from './report-model.js';

const STAT_KEYS = ['ok', 'changed', 'unreachable', 'failures', 'skipped', 'rescued', 'ignored'] as const;

function status(value: string): string {
  return `<span class="s-${e(value)}">${e(value)}</span>`;
}

function header(model: ReportModel): string {
  const r = model.record;
  const result = r.exit_code === undefined ? (r.interrupted ? 'interrupted' : 'unknown') : `exit ${r.exit_code}`;
  return `<h1>${e(r.playbook)}</h1>
<p class="meta">run <code>${e(r.id)}</code> · ${r.check ? 'check (--check)' : 'run'} · started ${e(r.start)} · ${formatMs(r.duration_ms)} · <span class="badge">${e(result)}</span> · tsplay ${e(r.tsplay_version)}</p>
<p class="meta"><code>tsplay ${e(r.argv.join(' '))}</code></p>
${r.error ? `<div class="failure"><strong>The run stopped:</strong><pre>${e(r.error)}</pre></div>` : ''}`;
}

function recap(model: ReportModel): string {
  const rows = Object.entries(model.record.stats).map(([host, s]) =>
    `<tr><td>${e(host)}</td>${STAT_KEYS.map((k) => `<td class="num ${s[k] > 0 ? `s-${k === 'failures' ? 'failed' : k}` : ''}" data-stat="${k}">${s[k]}</td>`).join('')}</tr>`);
  return `<h2 id="recap">Recap</h2>
<table class="recap"><thead><tr><th>host</th>${STAT_KEYS.map((k) => `<th>${k}</th>`).join('')}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function since(model: ReportModel): string {
  if (!model.since) return '';
  const { record, changes } = model.since;
  const rows = changes.map((c) => `<tr><td>${e(c.host)}</td><td>${e(c.task)}<br><code class="meta">${e(c.where)}</code></td><td>${status(c.before)}</td><td>${status(c.after)}</td></tr>`);
  return `<h2 id="since">Since run ${e(record.id)} (${e(record.start)})</h2>
${changes.length === 0 ? '<p>No task changed status on any host.</p>' : `<table><thead><tr><th>host</th><th>task</th><th>then</th><th>now</th></tr></thead><tbody>${rows.join('')}</tbody></table>`}`;
}

function timeline(model: ReportModel): string {
  const total = Math.max(1, model.record.duration_ms);
  const bar = (b: TimelineBar) => {
    const left = (100 * b.offsetMs) / total;
    const width = Math.max(0.15, (100 * b.durationMs) / total);
    return `<div class="tl-bar b-${e(b.status)}" style="left:${left.toFixed(3)}%;width:${width.toFixed(3)}%" title="${e(`${b.task} (${b.status}) ${formatMs(b.durationMs)}`)}"></div>`;
  };
  const rows = [...model.timeline].map(([host, bars]) => `<div class="tl-row"><div class="tl-host">${e(host)}</div><div class="tl-track">${bars.map(bar).join('')}</div></div>`);
  return `<h2 id="timeline">Timeline</h2><p class="meta">Each bar is a task on a host, from the task's start to that host's result (0 to ${formatMs(total)}).</p>${rows.join('')}`;
}

function slowest(model: ReportModel): string {
  const rows = model.slowest.map((t) => `<tr><td class="num">${formatMs(t.durationMs)}</td><td>${e(t.task)}<br><code class="meta">${e(t.where)}</code></td><td>${e(t.slowestHost)}</td></tr>`);
  return `<h2 id="slowest">Slowest tasks</h2><table><thead><tr><th>time</th><th>task</th><th>last host</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function failures(model: ReportModel): string {
  if (model.failures.length === 0) return '<h2 id="failures">Failures</h2><p>None.</p>';
  const blocks = model.failures.map((f) => `<div class="failure"><p>${status(f.status)} <strong>${e(f.host)}</strong> · ${e(f.task)} <code class="meta">${e(f.where)}</code></p>
${Object.entries(f.output).map(([k, v]) => `<p class="meta">${e(k)}</p><pre>${e(typeof v === 'string' ? v : JSON.stringify(v, null, 2))}</pre>`).join('')}</div>`);
  return `<h2 id="failures">Failures</h2>${blocks.join('')}`;
}

function drift(model: ReportModel): string {
  const title = model.record.check ? 'Drift (what would change)' : 'Changes';
  if (model.drift.size === 0) return `<h2 id="drift">${title}</h2><p>Nothing ${model.record.check ? 'would change' : 'changed'}.</p>`;
  const hosts = [...model.drift].map(([host, entries]) => `<h3>${e(host)} <span class="badge">${entries.length}</span></h3>
${entries.map((d) => `<p>${e(d.task)} <code class="meta">${e(d.where)}</code></p>${d.diffs.map((x) => renderDiff(x.path, x.unified)).join('')}`).join('')}`);
  return `<h2 id="drift">${title}</h2>${hosts.join('')}`;
}

export function renderReport(model: ReportModel): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>tsplay run ${e(model.record.id)}</title>
<style>${PAGE_STYLE}${diffStylesheet()}</style></head>
<body>
${header(model)}
${recap(model)}
${since(model)}
${failures(model)}
${drift(model)}
${slowest(model)}
${timeline(model)}
</body></html>
`;
}
