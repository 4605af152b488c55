import { h, field, errorText, announce, setTitle } from '../dom.js';
import { api } from '../api.js';
import { TYPES } from './artifacts.js';

export function render(main) {
  setTitle('Register an artifact');
  const type = h('select', { name: 'type' }, TYPES.map(t => h('option', { value: t }, t)));
  const url = h('input', { name: 'url', type: 'url', required: true, placeholder: 'https://huggingface.co/owner/model' });
  const progress = h('div', { 'aria-live': 'polite' });
  const submit = h('button', { type: 'submit' }, 'Register');
  const form = h('form', { class: 'stack' }, field('Type', type),
    field('Source URL', url, 'A Hugging Face model or dataset, a GitHub repository, or any download URL'),
    submit, progress);
  form.addEventListener('submit', async e => {
    e.preventDefault();
    if (!url.value.trim()) {
      progress.replaceChildren(errorText('Enter the URL of the artifact.'));
      return;
    }
    submit.disabled = true;
    const started = Date.now();
    const elapsed = h('span', {}, '0 s');
    progress.replaceChildren(h('div', { class: 'progress', role: 'status' }, h('span', { class: 'spinner', 'aria-hidden': 'true' }),
      h('span', {}, 'Fetching metadata and files, rating, storing… '), elapsed));
    announce('Registration started');
    const timer = setInterval(() => { elapsed.textContent = `${Math.round((Date.now() - started) / 1000)} s`; }, 1000);
    try {
      const created = (await api.register(type.value, url.value.trim())).body;
      const link = `#/artifact/${created.metadata.type}/${encodeURIComponent(created.metadata.id)}`;
      progress.replaceChildren(h('p', { role: 'status' }, 'Registered ', h('a', { href: link }, created.metadata.name),
        ` in ${Math.round((Date.now() - started) / 1000)} s.`));
      announce(`Registered ${created.metadata.name}`);
    } catch (err) {
      const reasons = {
        409: 'This artifact is already registered.',
        424: 'The model was rated below the registry\'s threshold and was not registered.',
        502: 'The source could not be reached or answered with an error.',
      };
      progress.replaceChildren(errorText(`Registration failed: ${reasons[err.status] ? `${reasons[err.status]} ` : ''}${err.message}`));
    } finally {
      clearInterval(timer);
      submit.disabled = false;
    }
  });
  main.append(h('h1', {}, 'Register an artifact'), form);
}
