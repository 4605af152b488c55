// A small Markdown renderer for READMEs that builds DOM nodes directly. It never parses HTML:
// raw HTML in a README shows as text, links keep only http(s) targets, images are not loaded
// (the alt text is shown), so untrusted text cannot run script or fetch from elsewhere.
import { h, safeHref } from './dom.js';

const MAX_CHARS = 200_000;

export function renderMarkdown(source) {
  const text = String(source).slice(0, MAX_CHARS).replace(/\r\n?/g, '\n');
  const root = h('div', { class: 'readme' });
  const lines = text.split('\n');
  let i = 0;
  if (lines[0] === '---') {
    // YAML front matter (model cards): not for reading
    const end = lines.indexOf('---', 1);
    if (end > 0) i = end + 1;
  }
  while (i < lines.length) {
    const line = lines[i];
    if (/^\s*$/.test(line)) { i++; continue; }
    const fence = line.match(/^\s*(```|~~~)/);
    if (fence) {
      const body = [];
      i++;
      while (i < lines.length && !lines[i].trim().startsWith(fence[1])) body.push(lines[i++]);
      i++;
      root.append(h('pre', {}, h('code', {}, body.join('\n'))));
      continue;
    }
    const heading = line.match(/^(#{1,6})\s+(.*)$/);
    if (heading) {
      // README headings sit below the page's own h2 "README"
      const level = Math.min(6, heading[1].length + 2);
      root.append(h(`h${level}`, {}, inline(heading[2].replace(/\s+#+\s*$/, ''))));
      i++;
      continue;
    }
    if (/^\s*([-*+]|\d+[.)])\s+/.test(line)) {
      const ordered = /^\s*\d/.test(line);
      const list = h(ordered ? 'ol' : 'ul');
      while (i < lines.length && /^\s*([-*+]|\d+[.)])\s+/.test(lines[i])) {
        list.append(h('li', {}, inline(lines[i].replace(/^\s*([-*+]|\d+[.)])\s+/, ''))));
        i++;
      }
      root.append(list);
      continue;
    }
    if (/^\s*>/.test(line)) {
      const quote = [];
      while (i < lines.length && /^\s*>/.test(lines[i])) quote.push(lines[i++].replace(/^\s*>\s?/, ''));
      root.append(h('blockquote', {}, inline(quote.join(' '))));
      continue;
    }
    if (line.includes('|') && i + 1 < lines.length && /^\s*\|?\s*:?-{3,}/.test(lines[i + 1])) {
      const cells = row => row.trim().replace(/^\||\|$/g, '').split('|').map(c => c.trim());
      const table = h('table', {}, h('thead', {}, h('tr', {}, cells(line).map(c => h('th', { scope: 'col' }, inline(c))))));
      const body = h('tbody');
      i += 2;
      while (i < lines.length && lines[i].includes('|') && lines[i].trim()) {
        body.append(h('tr', {}, cells(lines[i]).map(c => h('td', {}, inline(c)))));
        i++;
      }
      table.append(body);
      root.append(table);
      continue;
    }
    const paragraph = [];
    while (i < lines.length && lines[i].trim() && !/^(#{1,6}\s|\s*```|\s*~~~|\s*([-*+]|\d+[.)])\s+|\s*>)/.test(lines[i])) {
      paragraph.push(lines[i++].trim());
    }
    if (paragraph.length === 0) paragraph.push(lines[i++]);
    root.append(h('p', {}, inline(paragraph.join(' '))));
  }
  return root;
}

/** Inline Markdown: code, images (as alt text), links, bold, italics; everything else is text. */
function inline(text) {
  const out = [];
  const pattern = /(`[^`]+`)|!\[([^\]]*)\]\(([^)\s]*)[^)]*\)|\[([^\]]+)\]\(([^)\s]*)[^)]*\)|\*\*([^*]+)\*\*|__([^_]+)__|\*([^*\s][^*]*)\*|(https?:\/\/[^\s<>()]+)/g;
  let last = 0;
  let m;
  while ((m = pattern.exec(text)) !== null) {
    if (m.index > last) out.push(text.slice(last, m.index));
    if (m[1]) out.push(h('code', {}, m[1].slice(1, -1)));
    else if (m[3] !== undefined) out.push(h('span', { class: 'image-alt' }, m[2] ? `[image: ${m[2]}]` : '[image]'));
    else if (m[4]) out.push(link(m[4], m[5]));
    else if (m[6] || m[7]) out.push(h('strong', {}, m[6] || m[7]));
    else if (m[8]) out.push(h('em', {}, m[8]));
    else if (m[9]) out.push(link(m[9], m[9]));
    last = pattern.lastIndex;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

function link(label, target) {
  const href = safeHref(target);
  if (!href || href.startsWith('#') || href.startsWith('/')) {
    // links relative to the source repository, or unsafe schemes, are shown as plain text
    return h('span', {}, label);
  }
  return h('a', { href, rel: 'noopener noreferrer nofollow', target: '_blank' }, label,
    h('span', { class: 'visually-hidden' }, ' (opens in a new tab)'));
}
