import { h, errorText, setTitle } from '../dom.js';
import { api, session } from '../api.js';
import { lineChart, barChart } from '../charts.js';

export async function render(main) {
  setTitle('Health');
  main.append(h('h1', {}, 'Health'));
  const [detailed, components] = await Promise.all([api.health(), api.components()]);
  const d = detailed.body;
  const c = components.body;

  const hour = d.last_hour || [];
  const labels = hour.map(m => m.minute.slice(11, 16));
  const sum = key => hour.reduce((total, m) => total + Number(m[key]), 0);
  const requests = sum('requests');
  const errors = sum('server_errors') + sum('client_errors');
  main.append(h('section', { class: 'panel', 'aria-labelledby': 's-activity' }, h('h2', { id: 's-activity' }, 'The last hour'),
    h('div', { class: 'grid' },
      figure('Requests per minute', lineChart({ title: 'Requests per minute', labels, unit: 'requests',
        series: [{ name: 'requests', values: hour.map(m => m.requests) }] })),
      figure('Error rate per minute (%)', lineChart({ title: 'Error rate per minute (%)', labels, unit: '%',
        series: [{ name: 'errors (4xx and 5xx), %', values: hour.map(m => m.error_rate_percent) }] })),
      figure('Latency per minute (ms)', lineChart({ title: 'Latency per minute (ms)', labels, unit: 'ms',
        series: [{ name: 'p95', values: hour.map(m => m.p95_ms) }, { name: 'p99', values: hour.map(m => m.p99_ms) }] }))),
    h('dl', { class: 'facts' },
      h('dt', {}, 'Requests in the hour'), h('dd', {}, String(requests)),
      h('dt', {}, 'Server errors (5xx)'), h('dd', {}, String(sum('server_errors'))),
      h('dt', {}, 'Client errors (4xx)'), h('dd', {}, String(sum('client_errors'))),
      h('dt', {}, 'Error rate in the hour'), h('dd', {}, requests ? `${(100 * errors / requests).toFixed(2)} %` : 'no requests'),
      h('dt', {}, 'Components checked at'), h('dd', {}, c.generated_at))));

  const latency = d.response_times_ms;
  main.append(h('section', { class: 'panel', 'aria-labelledby': 's-latency' }, h('h2', { id: 's-latency' }, 'Latency'),
    barChart({ title: `Response time percentiles, last ${latency.window_minutes} minutes`, unit: 'ms',
      bars: [['average', latency.avg], ['p50', latency.p50], ['p95', latency.p95], ['p99', latency.p99], ['max', latency.max]]
        .map(([label, value]) => ({ label, value: Number(value) })) }),
    h('p', {}, `${latency.samples} requests measured. Average ${latency.avg} ms, p95 ${latency.p95} ms, p99 ${latency.p99} ms.`)));

  main.append(h('section', { class: 'panel', 'aria-labelledby': 's-routes' }, h('h2', { id: 's-routes' }, 'Top routes'),
    barChart({ title: 'Requests per route since start', unit: 'requests',
      bars: d.top_endpoints.map(e => ({ label: `${e.method} ${e.route}`, value: e.requests })) }),
    h('table', {}, h('caption', {}, 'Busiest routes'),
      h('thead', {}, h('tr', {}, ['Route', 'Requests', 'Average (ms)', 'p99 (ms)'].map(t => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, d.top_endpoints.map(e => h('tr', {}, h('td', {}, `${e.method} ${e.route}`), h('td', {}, String(e.requests)),
        h('td', {}, String(e.avg_ms)), h('td', {}, String(e.p99_ms))))))));

  main.append(h('section', { class: 'panel', 'aria-labelledby': 's-components' }, h('h2', { id: 's-components' }, 'Components'),
    h('table', {}, h('caption', {}, `Checked at ${c.generated_at}`),
      h('thead', {}, h('tr', {}, ['Component', 'Status', 'Issues'].map(t => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, c.components.map(x => h('tr', {}, h('td', {}, x.display_name),
        // the status is written out, not only coloured
        h('td', {}, h('span', { class: `badge status-${x.status}` }, statusLabel(x.status))),
        h('td', {}, x.issues.length ? x.issues.map(i => `${i.severity}: ${i.summary}`).join('; ') : 'none')))))));

  const system = d.system;
  main.append(h('section', { class: 'panel', 'aria-labelledby': 's-system' }, h('h2', { id: 's-system' }, 'This server'),
    h('dl', { class: 'facts' },
      h('dt', {}, 'Version'), h('dd', {}, d.version),
      h('dt', {}, 'Up for'), h('dd', {}, `${d.uptime_seconds} s`),
      h('dt', {}, 'CPU (process / machine)'), h('dd', {}, `${system.cpu.process_percent ?? '?'} % / ${system.cpu.system_percent ?? '?'} %`),
      h('dt', {}, 'Heap used / max'), h('dd', {}, `${system.memory.heap_used_mib} / ${system.memory.heap_max_mib} MiB`),
      h('dt', {}, 'Resident memory'), h('dd', {}, `${system.memory.resident_mib ?? '?'} MiB`),
      h('dt', {}, 'Threads'), h('dd', {}, String(system.threads)))));

  const logs = h('div');
  main.append(h('section', { class: 'panel', 'aria-labelledby': 's-logs' }, h('h2', { id: 's-logs' }, 'Recent log lines'), logs));
  const user = session.user();
  if (!user || !user.isAdmin) {
    logs.append(h('p', {}, 'Sign in as an administrator to read the log.'));
    return;
  }
  try {
    const lines = (await api.logs(50)).body.lines.slice().reverse();
    logs.append(h('table', { class: 'log' }, h('caption', {}, `The newest ${lines.length} requests, newest first`),
      h('thead', {}, h('tr', {}, ['Time (UTC)', 'Level', 'Request', 'Status', 'ms', 'User'].map(t => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, lines.map(l => h('tr', {}, h('td', {}, String(l.ts).slice(0, 19).replace('T', ' ')), h('td', {}, l.level),
        h('td', {}, `${l.method} ${l.route}`), h('td', {}, String(l.status)), h('td', {}, String(l.latency_ms)),
        h('td', {}, l.user || ''))))));
  } catch (e) {
    logs.append(errorText(e.message));
  }
}

function figure(caption, chart) {
  return h('figure', { class: 'chart-figure' }, h('figcaption', {}, caption), chart);
}

function statusLabel(status) {
  return { ok: '✓ OK', degraded: '! Degraded', critical: '✗ Critical', unknown: '? Unknown' }[status] || status;
}
