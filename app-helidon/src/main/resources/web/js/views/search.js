import { h, field, errorText, announce, setTitle } from '../dom.js';
import { api } from '../api.js';
import { artifactTable } from './artifacts.js';

export function render(main, { query }) {
  setTitle('Search');
  const results = h('div', { 'aria-live': 'polite' });
  const name = h('input', { name: 'name', value: query.get('name') || '' });
  const regex = h('input', { name: 'regex', value: query.get('regex') || '' });
  const byName = h('form', { class: 'inline', role: 'search', 'aria-label': 'By exact name' },
    field('Exact name', name), h('button', { type: 'submit' }, 'Find by name'));
  const byRegex = h('form', { class: 'inline', role: 'search', 'aria-label': 'By regular expression' },
    field('Regular expression', regex, 'Matched against names and READMEs, for example ^bert|whisper'),
    h('button', { type: 'submit' }, 'Search'));
  const run = async (label, call) => {
    results.replaceChildren(h('p', {}, 'Searching…'));
    try {
      const found = (await call()).body || [];
      results.replaceChildren(h('h2', {}, `Results: ${label}`), artifactTable(found, `${found.length} found`));
      announce(`${found.length} artifacts found`);
    } catch (e) {
      results.replaceChildren(e.status === 404 ? h('p', {}, 'Nothing matches.') : errorText(e.message));
      announce(e.status === 404 ? 'Nothing matches' : 'Search failed');
    }
  };
  byName.addEventListener('submit', e => {
    e.preventDefault();
    if (name.value.trim()) run(`name ${name.value.trim()}`, () => api.byName(name.value.trim()));
  });
  byRegex.addEventListener('submit', e => {
    e.preventDefault();
    if (regex.value) run(`pattern ${regex.value}`, () => api.byRegex(regex.value));
  });
  main.append(h('h1', {}, 'Search'), byName, byRegex, results);
}
