import { h, field, announce, setTitle } from '../dom.js';
import { api } from '../api.js';

export const TYPES = ['model', 'dataset', 'code'];

/** A table of artifacts linking to their pages. */
export function artifactTable(items, caption) {
  if (!items.length) return h('p', {}, 'No artifacts.');
  return h('table', {}, h('caption', {}, caption),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Name'), h('th', { scope: 'col' }, 'Type'),
      h('th', { scope: 'col' }, 'ID'))),
    h('tbody', {}, items.map(a => h('tr', {},
      h('td', {}, h('a', { href: `#/artifact/${a.type}/${encodeURIComponent(a.id)}` }, a.name)),
      h('td', {}, a.type), h('td', {}, a.id)))));
}

export async function render(main, { query }) {
  setTitle('Artifacts');
  const type = TYPES.includes(query.get('type')) ? query.get('type') : '';
  const offset = query.get('offset') || '';
  const select = h('select', { name: 'type' }, h('option', { value: '' }, 'All types'),
    TYPES.map(t => h('option', { value: t, selected: t === type }, t)));
  const filter = h('form', { class: 'inline' }, field('Type', select), h('button', { type: 'submit' }, 'Show'));
  filter.addEventListener('submit', e => {
    e.preventDefault();
    location.hash = select.value ? `#/artifacts?type=${select.value}` : '#/artifacts';
  });
  main.append(h('h1', {}, 'Artifacts'), filter);
  const result = await api.list(type ? { name: '*', types: [type] } : { name: '*' }, offset);
  const items = result.body || [];
  main.append(artifactTable(items, type ? `${type} artifacts` : 'All artifacts'));
  const next = result.headers.get('offset');
  const pager = h('p', {});
  if (offset) pager.append(h('a', { class: 'button secondary', href: type ? `#/artifacts?type=${type}` : '#/artifacts' }, 'First page'), ' ');
  if (next) {
    pager.append(h('a', { class: 'button', href: `#/artifacts?${new URLSearchParams({ ...(type ? { type } : {}), offset: next })}` },
      'Next page'));
  }
  main.append(pager);
  announce(`${items.length} artifacts shown`);
}
