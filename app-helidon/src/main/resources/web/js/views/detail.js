import { h, field, errorText, announce, confirmDialog, formatMb, setTitle } from '../dom.js';
import { api } from '../api.js';
import { renderMarkdown } from '../markdown.js';
import { lineageGraph } from '../lineage.js';
import { sensitivePanel } from './sensitive.js';

const ASPECTS = { model: ['full', 'weights', 'datasets', 'code'], dataset: ['full'], code: ['full'] };
const NOT_METRICS = new Set(['name', 'category', 'size_score', 'size_score_latency']);

/** A section that fills itself from an API call, showing its own error instead of failing the page. */
function section(title, load) {
  const body = h('div', {}, h('p', {}, 'Loading…'));
  const el = h('section', { class: 'panel', 'aria-labelledby': `s-${title.replace(/\W+/g, '-')}` },
    h('h2', { id: `s-${title.replace(/\W+/g, '-')}` }, title), body);
  Promise.resolve().then(load).then(content => body.replaceChildren(...[content].flat()))
    .catch(e => body.replaceChildren(e.status === 404 ? h('p', {}, 'Not available for this artifact.') : errorText(e.message)));
  return el;
}

export async function render(main, { segments }) {
  const [type, id] = segments;
  if (!ASPECTS[type] || !id) throw new Error('No such page.');
  const artifact = (await api.get(type, id)).body;
  const name = artifact.metadata.name;
  setTitle(`${name} (${type})`);
  main.append(h('h1', {}, name, ' ', h('span', { class: 'badge' }, type)));
  main.append(h('dl', { class: 'facts' },
    h('dt', {}, 'ID'), h('dd', {}, artifact.metadata.id),
    h('dt', {}, 'Source'), h('dd', {}, h('a', { href: artifact.data.url, rel: 'noopener noreferrer nofollow' },
      artifact.data.url)),
    h('dt', {}, 'Download URL'), h('dd', {}, artifact.data.download_url || '')));

  main.append(downloads(type, id, name));
  let sensitive = false;
  if (type === 'model') {
    const sensitivity = (await api.sensitivity(id)).body;
    sensitive = sensitivity.sensitive;
    // a change of sensitivity changes what the page may fetch (the README is a download)
    main.append(sensitivePanel(id, sensitivity, () => window.dispatchEvent(new HashChangeEvent('hashchange'))));
  }
  if (type === 'model') {
    main.append(section('Rating', () => api.rate(id).then(r => rating(r.body))));
  }
  main.append(section('Cost', () => Promise.all([api.cost(type, id, false), api.cost(type, id, true)])
    .then(([alone, all]) => cost(id, alone.body, all.body))));
  if (type === 'model') {
    main.append(section('Lineage', () => api.lineage(id).then(r => lineage(r.body, id))));
    main.append(licenseForm(id));
  }
  // a sensitive model's README comes through its download, which would run its monitor and count as a download
  main.append(section('README', () => (sensitive
    ? h('p', {}, 'Not shown for a sensitive model: reading it is a download, which runs its monitor. Download it above.')
    : api.readme(type, id).then(r => r.text()).then(renderMarkdown))));
  main.append(section('Audit trail', () => api.audit(type, id).then(r => audit(r.body))));
  main.append(editForm(type, id, artifact));
}

function downloads(type, id, name) {
  const status = h('p', { role: 'status' });
  const buttons = ASPECTS[type].map(aspect => h('button', { type: 'button', class: 'secondary', onclick: async () => {
    status.textContent = `Downloading ${aspect}…`;
    try {
      const response = await api.download(type, id, aspect);
      // fetched with the token in a header, then handed to the browser as a file
      const blob = await response.blob();
      const url = URL.createObjectURL(blob);
      const a = h('a', { download: `${name}${aspect === 'full' ? '' : `-${aspect}`}.zip` });
      a.href = url;
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      status.textContent = `Downloaded ${aspect} (${(blob.size / 1048576).toFixed(2)} MB).`;
    } catch (e) {
      // a sensitive model's monitor refused (451): its output is the reason, shown as it was printed
      status.replaceChildren(errorText(e.status === 451 ? 'Download refused by the model\'s monitor.'
        : `Download failed: ${e.message}`), ...(e.status === 451 ? [h('pre', { class: 'output', tabindex: '0' }, e.message)] : []));
    }
  } }, aspect === 'full' ? 'Download everything (zip)' : `Download ${aspect}`));
  return h('section', { class: 'panel', 'aria-labelledby': 's-downloads' }, h('h2', { id: 's-downloads' }, 'Downloads'),
    h('p', {}, ...buttons.flatMap(b => [b, ' '])), status);
}

function rating(r) {
  const rows = Object.keys(r).filter(k => !NOT_METRICS.has(k) && !k.endsWith('_latency')).map(metric => {
    const value = Number(r[metric]);
    return h('tr', {},
      h('th', { scope: 'row' }, metric.replace(/_/g, ' ')),
      h('td', {}, value.toFixed(2), ' ', h('span', { class: 'score-bar', style: null, dataset: { w: value } })),
      h('td', {}, `${Number(r[`${metric}_latency`] || 0).toFixed(3)} s`));
  });
  const table = h('table', {}, h('caption', {}, `Trust metrics of ${r.name} (0 to 1; higher is better)`),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Metric'), h('th', { scope: 'col' }, 'Score'),
      h('th', { scope: 'col' }, 'Computed in'))), h('tbody', {}, rows));
  // bar widths set through the CSSOM: inline style attributes would need 'unsafe-inline' in the CSP
  table.querySelectorAll('.score-bar').forEach(bar => { bar.style.width = `${Math.round(Number(bar.dataset.w) * 8)}rem`; });
  const size = r.size_score || {};
  const devices = h('table', {}, h('caption', {}, 'Size score per device'),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Device'), h('th', { scope: 'col' }, 'Score'))),
    h('tbody', {}, Object.entries(size).map(([device, value]) =>
      h('tr', {}, h('th', { scope: 'row' }, device.replace(/_/g, ' ')), h('td', {}, Number(value).toFixed(2))))));
  return [h('p', {}, `Category: ${r.category}`), table, devices,
    h('p', {}, `Size score computed in ${Number(r.size_score_latency || 0).toFixed(3)} s`)];
}

function cost(id, alone, all) {
  const own = alone[id] || {};
  const rows = Object.entries(all).map(([artifactId, c]) => h('tr', {}, h('td', {}, artifactId),
    h('td', {}, c.standalone_cost === undefined ? '' : formatMb(c.standalone_cost)), h('td', {}, formatMb(c.total_cost))));
  return [h('p', {}, `Without dependencies: ${formatMb(own.total_cost || 0)}. With dependencies: `,
    h('strong', {}, formatMb((all[id] || {}).total_cost || 0)), '.'),
  h('table', {}, h('caption', {}, 'Cost with dependencies, per artifact'),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Artifact ID'), h('th', { scope: 'col' }, 'Own size'),
      h('th', { scope: 'col' }, 'Total'))), h('tbody', {}, rows))];
}

function lineage(graph, id) {
  const names = new Map((graph.nodes || []).map(n => [n.artifact_id, n.name]));
  const list = h('ul', {}, (graph.edges || []).map(e => h('li', {},
    `${names.get(e.from_node_artifact_id) || e.from_node_artifact_id} → ${names.get(e.to_node_artifact_id)
      || e.to_node_artifact_id} (${e.relationship})`)));
  return [lineageGraph(graph, id), h('h3', {}, 'Links'), (graph.edges || []).length ? list : h('p', {}, 'No links.')];
}

function licenseForm(id) {
  const url = h('input', { type: 'url', name: 'github_url', required: true, placeholder: 'https://github.com/owner/repo' });
  const result = h('p', { role: 'status' });
  const form = h('form', { class: 'inline' }, field('GitHub repository that would use this model', url),
    h('button', { type: 'submit' }, 'Check license'));
  form.addEventListener('submit', async e => {
    e.preventDefault();
    result.textContent = 'Checking…';
    try {
      const ok = (await api.licenseCheck(id, url.value.trim())).body;
      result.replaceChildren(h('strong', {}, ok ? 'Compatible: ' : 'Not compatible: '),
        ok ? 'the licenses allow this use.' : 'the model\'s license does not allow this use.');
    } catch (err) {
      result.replaceChildren(errorText(err.message));
    }
  });
  return h('section', { class: 'panel', 'aria-labelledby': 's-license' }, h('h2', { id: 's-license' }, 'License check'),
    form, result);
}

function audit(entries) {
  return h('table', {}, h('caption', {}, `${entries.length} events`),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'When (UTC)'), h('th', { scope: 'col' }, 'Who'),
      h('th', { scope: 'col' }, 'Action'))),
    h('tbody', {}, entries.map(e => h('tr', {}, h('td', {}, e.date), h('td', {}, e.user.name), h('td', {}, e.action)))));
}

function editForm(type, id, artifact) {
  const url = h('input', { name: 'url', type: 'url', value: artifact.data.url, required: true });
  const status = h('div', { role: 'status' });
  // the API identifies an artifact by name, type and id together: only its source can change
  const form = h('form', { class: 'stack' }, field('Source URL', url, 'Name, type and ID stay as they are'),
    h('p', {}, h('button', { type: 'submit' }, 'Save changes'), ' ',
      h('button', { type: 'button', class: 'danger', onclick: remove }, 'Delete artifact')), status);
  form.addEventListener('submit', async e => {
    e.preventDefault();
    try {
      await api.update(type, id, { metadata: { name: artifact.metadata.name, id, type }, data: { url: url.value.trim() } });
      announce('Saved');
      status.replaceChildren(h('p', {}, 'Saved.'));
    } catch (err) {
      status.replaceChildren(errorText(err.message));
    }
  });
  async function remove() {
    if (!(await confirmDialog(`Delete ${artifact.metadata.name} (${type} ${id}) and its files? This cannot be undone.`,
      'Delete'))) {
      return;
    }
    try {
      await api.remove(type, id);
      announce(`Deleted ${artifact.metadata.name}`);
      location.hash = '#/artifacts';
    } catch (err) {
      status.replaceChildren(errorText(err.message));
    }
  }
  return h('section', { class: 'panel', 'aria-labelledby': 's-edit' }, h('h2', { id: 's-edit' }, 'Update or delete'), form);
}
