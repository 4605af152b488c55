// The "Sensitive model" panel of a model's page: mark or unmark it, edit its monitor program,
// read its download history. A sensitive model's every download first runs its monitor (under
// Node.js on the server, sandboxed); a refusal shows the monitor's output where the download was.
import { h, field, errorText, announce } from '../dom.js';
import { api } from '../api.js';

/**
 * The panel for model {@code id}, first drawn from {@code state} (the page has just read it);
 * {@code onChange} runs after the model's sensitivity changed.
 */
export function sensitivePanel(id, state, onChange) {
  const body = h('div', {}, h('p', {}, 'Loading…'));
  const panel = h('section', { class: 'panel', 'aria-labelledby': 's-sensitive' },
    h('h2', { id: 's-sensitive' }, 'Sensitive model'), body);
  const failed = e => body.replaceChildren(errorText(e.message));
  const draw = current => render(id, current, body, refresh, onChange).catch(failed);
  const refresh = () => api.sensitivity(id).then(r => draw(r.body), failed);
  draw(state);
  return panel;
}

async function render(id, state, body, refresh, onChange) {
  const status = h('div', { role: 'status' });
  const toggle = h('button', { type: 'button', class: state.sensitive ? 'secondary' : '', onclick: async () => {
    try {
      await api.markSensitive(id, !state.sensitive);
      announce(state.sensitive ? 'No longer sensitive' : 'Marked sensitive');
      // the page is drawn again: what it may fetch depends on this
      onChange();
    } catch (e) {
      status.replaceChildren(errorText(e.message));
    }
  } }, state.sensitive ? 'Unmark sensitive' : 'Mark sensitive');
  if (!state.sensitive) {
    body.replaceChildren(h('p', {}, 'Not sensitive: downloads run no monitor and are not recorded here. '
      + 'A sensitive model runs its monitor program before every download and keeps a download history.'),
    h('p', {}, toggle), status);
    return;
  }
  body.replaceChildren(h('p', {}, `Sensitive since ${utc(state.marked_at)} (marked by ${state.marked_by}). `
    + 'Unmarking removes the monitor program.'), h('p', {}, toggle), status,
  await monitorForm(id, refresh), h('h3', {}, 'Download history'), await history(id));
}

/** An ISO-8601 instant as "2026-12-01 14:20:12 UTC". */
function utc(instant) {
  return `${new Date(instant).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

async function monitorForm(id, refresh) {
  let source = '';
  try {
    source = (await api.monitor(id)).body.source;
  } catch (e) {
    if (e.status !== 404) throw e;
  }
  const text = h('textarea', { name: 'monitor', rows: 10, spellcheck: 'false', class: 'code' });
  text.value = source;
  const status = h('div', { role: 'status' });
  const form = h('form', { class: 'stack wide' },
    field('Monitor program (JavaScript for Node.js 24)', text,
      'Runs before each download with MODEL_NAME UPLOADER_USERNAME DOWNLOADER_USERNAME ZIP_FILE_PATH; '
      + 'exit 0 allows the download, anything else refuses it'),
    h('p', {}, h('button', { type: 'submit' }, 'Save monitor'), ' ',
      source ? h('button', { type: 'button', class: 'danger', onclick: async () => {
        try {
          await api.removeMonitor(id);
          announce('Monitor removed');
          refresh();
        } catch (e) {
          status.replaceChildren(errorText(e.message));
        }
      } }, 'Remove monitor') : ''), status);
  form.addEventListener('submit', async e => {
    e.preventDefault();
    try {
      await api.putMonitor(id, text.value);
      announce('Monitor saved');
      status.replaceChildren(h('p', {}, 'Monitor saved.'));
    } catch (err) {
      status.replaceChildren(errorText(err.message));
    }
  });
  return form;
}

async function history(id) {
  const attempts = (await api.downloadHistory(id)).body;
  if (!attempts.length) return h('p', {}, 'No downloads yet.');
  return h('table', {}, h('caption', {}, `${attempts.length} download attempts, oldest first`),
    h('thead', {}, h('tr', {}, ['When (UTC)', 'Who', 'What', 'Outcome', 'Monitor', 'Output']
      .map(c => h('th', { scope: 'col' }, c)))),
    h('tbody', {}, attempts.map(a => h('tr', {}, h('td', {}, a.date), h('td', {}, a.user), h('td', {}, a.request),
      h('td', {}, h('span', { class: `badge outcome-${a.outcome}` }, a.outcome)), h('td', {}, a.reason),
      h('td', {}, a.output ? h('pre', { class: 'output', tabindex: '0' }, a.output) : '')))));
}
