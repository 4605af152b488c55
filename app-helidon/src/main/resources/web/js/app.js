// The single-page shell: a hash router, the navigation and the session box.
// Each page is a module in views/ exporting render(main, params) that fills <main>.
import { h, replace, announce, setTitle } from './dom.js';
import { api, session } from './api.js';
import * as login from './views/login.js';
import * as artifacts from './views/artifacts.js';
import * as search from './views/search.js';
import * as detail from './views/detail.js';
import * as register from './views/register.js';
import * as admin from './views/admin.js';
import * as health from './views/health.js';

const routes = [
  { path: 'artifacts', label: 'Artifacts', view: artifacts, needsSession: true },
  { path: 'search', label: 'Search', view: search, needsSession: true },
  { path: 'register', label: 'Register', view: register, needsSession: true },
  { path: 'admin', label: 'Admin', view: admin, needsSession: true, adminOnly: true },
  { path: 'health', label: 'Health', view: health },
  { path: 'artifact', view: detail, needsSession: true },
  { path: 'login', view: login },
];

function parse() {
  const hash = location.hash.replace(/^#\/?/, '');
  const [pathPart, query = ''] = hash.split('?');
  const segments = pathPart.split('/').filter(Boolean).map(decodeURIComponent);
  return { name: segments[0] || 'artifacts', segments: segments.slice(1), query: new URLSearchParams(query) };
}

function renderNav(current) {
  const user = session.user();
  replace(document.getElementById('nav'), routes.filter(r => r.label && (!r.adminOnly || (user && user.isAdmin)))
    .map(r => h('li', {}, h('a', { href: `#/${r.path}`, 'aria-current': r.path === current ? 'page' : null }, r.label))));
  const box = document.getElementById('session');
  if (session.signedIn()) {
    replace(box, h('span', {}, `Signed in as ${user.name}`),
      h('button', { type: 'button', class: 'secondary', onclick: signOut }, 'Sign out'));
  } else {
    replace(box, h('a', { class: 'button', href: '#/login' }, 'Sign in'));
  }
}

function signOut() {
  api.signOut();
  announce('Signed out');
  location.hash = '#/login';
}

async function route() {
  const { name, segments, query } = parse();
  let entry = routes.find(r => r.path === name) || routes[0];
  if (entry.needsSession && !session.signedIn()) {
    entry = routes.find(r => r.path === 'login');
    query.set('next', location.hash || '#/artifacts');
  }
  renderNav(entry.path);
  const main = document.getElementById('main');
  main.replaceChildren();
  try {
    await entry.view.render(main, { segments, query });
  } catch (e) {
    if (e && e.status === 403 && session.signedIn()) {
      // the token expired or ran out of uses
      api.signOut();
      location.hash = `#/login?next=${encodeURIComponent(location.hash)}`;
      return;
    }
    main.append(h('h1', {}, 'Something went wrong'), h('p', { class: 'error', role: 'alert' }, String(e.message || e)));
    setTitle('Error');
  }
  const heading = main.querySelector('h1');
  if (heading) {
    heading.setAttribute('tabindex', '-1');
    heading.focus();
  }
}

window.addEventListener('hashchange', route);
window.addEventListener('DOMContentLoaded', route);
