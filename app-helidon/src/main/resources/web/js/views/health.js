import { h, errorText } from '../dom.js';
import { api, session } from '../api.js';
import { setTitle } from '../app.js';
import { lineChart, barChart } from '../charts.js';

export async function render(main) {
  setTitle('Health');
  main.append(h('h1', {}, 'Health'));
  const [detailed, components] = await Promise.all([api.health(), api.components()]);
  const d = detailed.body;
  const c = components.body;
  const apiComponent = c.components.find(x => x.id === 'api') || { metrics: {}, timeline: [] };

  const timeline = (apiComponent.timeline || []).map(p => ({ label: p.bucket.slice(11, 16), value: Number(p.value) }));
  main.append(h('section', { class: 'panel', 'aria-labelledby': 's-activity' }, h('h2', { id: 's-activity' }, 'The last hour'),
    lineChart({ title: 'Requests per minute, last 60 minutes', points: timeline, unit: 'requests' }),
    h('dl', { class: 'facts' },
      h('dt', {}, 'Requests in the hour'), h('dd', {}, String(apiComponent.metrics.total_requests ?? 0)),
      h('dt', {}, 'Server errors (5xx)'), h('dd', {}, String(apiComponent.metrics.server_errors ?? 0)),
      h('dt', {}, 'Client errors (4xx)'), h('dd', {}, String(apiComponent.metrics.client_errors ?? 0)),
      h('dt', {}, 'Error rate since start'), h('dd', {}, `${d.error_rate_percent} % (server errors ${d.server_error_rate_percent} %)`))));

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

function statusLabel(status) {
  return { ok: '✓ OK', degraded: '! Degraded', critical: '✗ Critical', unknown: '? Unknown' }[status] || status;
}
