// Building DOM without HTML strings: every text goes through textContent, every link through
// safeHref, so nothing an artifact says (names, READMEs, URLs) can become markup or script.

/** Creates an element: h('a', {href: url, class: 'x'}, 'text', childNode, ...). */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') {
      el.addEventListener(key.slice(2).toLowerCase(), value);
    } else if (key === 'href') {
      const safe = safeHref(value);
      if (safe) el.setAttribute('href', safe);
    } else if (key === 'dataset') {
      Object.assign(el.dataset, value);
    } else {
      el.setAttribute(key, value === true ? '' : String(value));
    }
  }
  append(el, children);
  return el;
}

/** Creates an SVG element. */
export function svg(tag, attrs = {}, ...children) {
  const el = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value !== undefined && value !== null) el.setAttribute(key, String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Only http(s) links, same-page anchors and relative paths survive; javascript:, data: and the like do not. */
export function safeHref(value) {
  const text = String(value).trim();
  if (text.startsWith('#') || text.startsWith('/')) return text.startsWith('//') ? null : text;
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/** Replaces the children of an element. */
export function replace(el, ...children) {
  el.replaceChildren();
  append(el, children);
}

/** Announces a message to screen readers through the page's live region. */
export function announce(message) {
  const region = document.getElementById('status');
  region.textContent = '';
  // a fresh text node makes repeated identical messages announce again
  setTimeout(() => { region.textContent = message; }, 50);
}

/** A field with its label. */
export function field(label, input, hint) {
  const id = input.id || `f-${Math.random().toString(36).slice(2)}`;
  input.id = id;
  const parts = [h('span', {}, label), input];
  if (hint) {
    const hintId = `${id}-hint`;
    input.setAttribute('aria-describedby', hintId);
    parts.push(h('small', { id: hintId }, hint));
  }
  return h('label', { for: id }, ...parts);
}

/** An error paragraph, announced at once. */
export function errorText(message) {
  return h('p', { class: 'error', role: 'alert' }, message);
}

/** Asks for confirmation in a modal dialog; resolves to true or false. */
export function confirmDialog(question, confirmLabel) {
  return new Promise(resolve => {
    const dialog = h('dialog', { 'aria-labelledby': 'confirm-title' },
      h('h2', { id: 'confirm-title' }, 'Please confirm'),
      h('p', {}, question));
    const cancel = h('button', { type: 'button', class: 'secondary', onclick: () => dialog.close('cancel') }, 'Cancel');
    const ok = h('button', { type: 'button', class: 'danger', onclick: () => dialog.close('ok') }, confirmLabel);
    dialog.append(h('p', {}, cancel, ' ', ok));
    dialog.addEventListener('close', () => { dialog.remove(); resolve(dialog.returnValue === 'ok'); });
    document.body.append(dialog);
    dialog.showModal();
    cancel.focus();
  });
}

/** Formats bytes or megabytes for people. */
export function formatMb(mb) {
  const value = Number(mb);
  return value >= 1024 ? `${(value / 1024).toFixed(2)} GB` : `${value.toFixed(2)} MB`;
}

/** Names the page in the browser tab and history. */
export function setTitle(title) {
  document.title = `${title} · Trustworthy Model Registry`;
}
