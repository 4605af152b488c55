// Small SVG charts. Each has a title and a description for screen readers, and every chart is
// paired with the same figures as text or a table by its caller.
import { svg } from './dom.js';

export function lineChart({ title, points, unit, width = 560, height = 180 }) {
  const pad = { left: 44, right: 12, top: 12, bottom: 28 };
  const max = Math.max(1, ...points.map(p => p.value));
  const x = i => pad.left + (points.length < 2 ? 0 : (i * (width - pad.left - pad.right)) / (points.length - 1));
  const y = v => height - pad.bottom - (v / max) * (height - pad.top - pad.bottom);
  const total = points.reduce((sum, p) => sum + p.value, 0);
  const id = `chart-${Math.random().toString(36).slice(2)}`;
  const chart = svg('svg', { viewBox: `0 0 ${width} ${height}`, width: '100%', class: 'chart', role: 'img',
    'aria-labelledby': `${id}-t ${id}-d` },
  svg('title', { id: `${id}-t` }, title),
  svg('desc', { id: `${id}-d` }, `${points.length} points, total ${total} ${unit}, peak ${max} ${unit}.`),
  svg('line', { class: 'chart-axis', x1: pad.left, y1: height - pad.bottom, x2: width - pad.right, y2: height - pad.bottom }),
  svg('line', { class: 'chart-axis', x1: pad.left, y1: pad.top, x2: pad.left, y2: height - pad.bottom }),
  svg('text', { x: 4, y: pad.top + 10, 'font-size': 11 }, String(max)),
  svg('text', { x: 4, y: height - pad.bottom, 'font-size': 11 }, '0'),
  svg('text', { x: pad.left, y: height - 6, 'font-size': 11 }, points.length ? points[0].label : ''),
  svg('text', { x: width - pad.right, y: height - 6, 'font-size': 11, 'text-anchor': 'end' },
    points.length ? points[points.length - 1].label : ''));
  if (points.length) {
    chart.append(svg('polyline', { class: 'chart-line',
      points: points.map((p, i) => `${x(i).toFixed(1)},${y(p.value).toFixed(1)}`).join(' ') }));
  }
  return chart;
}

export function barChart({ title, bars, unit, width = 560 }) {
  const rowHeight = 24;
  const height = Math.max(1, bars.length) * rowHeight + 8;
  const labelWidth = 230;
  const max = Math.max(1e-9, ...bars.map(b => b.value));
  const id = `chart-${Math.random().toString(36).slice(2)}`;
  const chart = svg('svg', { viewBox: `0 0 ${width} ${height}`, width: '100%', class: 'chart', role: 'img',
    'aria-labelledby': `${id}-t` }, svg('title', { id: `${id}-t` }, title));
  bars.forEach((bar, i) => {
    const barWidth = ((width - labelWidth - 70) * bar.value) / max;
    const top = 4 + i * rowHeight;
    chart.append(
      svg('text', { x: 0, y: top + 15, 'font-size': 12 }, bar.label.length > 34 ? `${bar.label.slice(0, 33)}…` : bar.label),
      svg('rect', { class: 'chart-bar', x: labelWidth, y: top + 3, width: Math.max(1, barWidth).toFixed(1), height: 14 }),
      svg('text', { x: labelWidth + barWidth + 6, y: top + 15, 'font-size': 12 }, `${bar.value} ${unit}`));
  });
  return chart;
}
