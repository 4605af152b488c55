import { h, field, errorText, announce, confirmDialog, setTitle } from '../dom.js';
import { api } from '../api.js';

const PERMISSIONS = ['upload', 'search', 'download'];

export async function render(main) {
  setTitle('Administration');
  main.append(h('h1', {}, 'Administration'));
  const users = h('div');
  main.append(h('section', { class: 'panel', 'aria-labelledby': 's-users' }, h('h2', { id: 's-users' }, 'Users'), users));
  await showUsers(users);
  main.append(addUserForm(() => showUsers(users)));
  main.append(resetPanel());
}

async function showUsers(container) {
  const list = (await api.users()).body || [];
  container.replaceChildren(h('table', {}, h('caption', {}, `${list.length} users`),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Name'), h('th', { scope: 'col' }, 'Administrator'),
      h('th', { scope: 'col' }, 'Permissions'), h('th', { scope: 'col' }, 'Created (UTC)'), h('th', { scope: 'col' }, 'Actions'))),
    h('tbody', {}, list.map(u => h('tr', {}, h('td', {}, u.name), h('td', {}, u.is_admin ? 'yes' : 'no'),
      h('td', {}, (u.permissions || []).join(', ') || 'none'), h('td', {}, u.created_at || ''),
      h('td', {}, h('button', { type: 'button', class: 'danger', 'aria-label': `Delete user ${u.name}`, onclick: async () => {
        if (!(await confirmDialog(`Delete the user ${u.name}? Their tokens stop working at once.`, 'Delete user'))) return;
        try {
          await api.removeUser(u.name);
          announce(`Deleted ${u.name}`);
          await showUsers(container);
        } catch (e) {
          container.append(errorText(e.message));
        }
      } }, 'Delete')))))));
}

function addUserForm(refresh) {
  const name = h('input', { name: 'new-user', required: true, autocomplete: 'off' });
  const password = h('input', { name: 'new-password', type: 'password', required: true, autocomplete: 'new-password' });
  const isAdmin = h('input', { type: 'checkbox', name: 'new-admin' });
  const boxes = PERMISSIONS.map(p => h('input', { type: 'checkbox', name: `perm-${p}`, value: p, checked: p !== 'upload' }));
  const status = h('div', { role: 'status' });
  const form = h('form', { class: 'stack' }, field('User name', name), field('Password', password),
    h('label', {}, isAdmin, ' Administrator'),
    h('fieldset', {}, h('legend', {}, 'Permissions'), boxes.map(b => h('label', {}, b, ` ${b.value}`))),
    h('button', { type: 'submit' }, 'Add user'), status);
  form.addEventListener('submit', async e => {
    e.preventDefault();
    try {
      await api.addUser(name.value.trim(), password.value, isAdmin.checked, boxes.filter(b => b.checked).map(b => b.value));
      announce(`Added ${name.value.trim()}`);
      status.replaceChildren(h('p', {}, `Added ${name.value.trim()}.`));
      name.value = '';
      password.value = '';
      await refresh();
    } catch (err) {
      status.replaceChildren(errorText(err.message));
    }
  });
  return h('section', { class: 'panel', 'aria-labelledby': 's-add' }, h('h2', { id: 's-add' }, 'Add a user'), form);
}

function resetPanel() {
  const status = h('div', { role: 'status' });
  const button = h('button', { type: 'button', class: 'danger', onclick: async () => {
    if (!(await confirmDialog('Reset the registry? Every artifact, user (but the default administrator) and audit entry is deleted.',
      'Reset everything'))) return;
    try {
      await api.reset();
      announce('The registry was reset');
      status.replaceChildren(h('p', {}, 'The registry was reset.'));
    } catch (e) {
      status.replaceChildren(errorText(e.message));
    }
  } }, 'Reset the registry');
  return h('section', { class: 'panel', 'aria-labelledby': 's-reset' }, h('h2', { id: 's-reset' }, 'Reset'),
    h('p', {}, 'Removes all artifacts and users but the default administrator.'), button, status);
}
