import { h, field, errorText, announce, setTitle } from '../dom.js';
import { api } from '../api.js';

export function render(main, { query }) {
  setTitle('Sign in');
  const name = h('input', { name: 'username', autocomplete: 'username', required: true });
  const password = h('input', { name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const message = h('div');
  const submit = h('button', { type: 'submit' }, 'Sign in');
  const form = h('form', { class: 'stack', novalidate: true }, field('User name', name), field('Password', password),
    submit, message);
  form.addEventListener('submit', async event => {
    event.preventDefault();
    message.replaceChildren();
    if (!name.value.trim() || !password.value) {
      message.append(errorText('Enter your user name and password.'));
      return;
    }
    submit.disabled = true;
    try {
      await api.signIn(name.value.trim(), password.value);
      announce(`Signed in as ${name.value.trim()}`);
      const next = query.get('next');
      location.hash = next && next.startsWith('#/') && !next.startsWith('#/login') ? next : '#/artifacts';
    } catch (e) {
      message.append(errorText(e.status === 401 ? 'The user name or password is wrong.' : e.message));
    } finally {
      submit.disabled = false;
      password.value = '';
    }
  });
  main.append(h('h1', {}, 'Sign in'), form);
}
