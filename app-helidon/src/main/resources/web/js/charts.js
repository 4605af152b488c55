// Small SVG charts. Each has a title and a description for screen readers, and every chart is
// paired with the same figures as text or a table by its caller.
import { svg } from './dom.js';

/**
 * A line chart of one or more series over the same x labels. Series after the first are dashed
 * and every series is named in a legend, so colour never carries the meaning alone.
 */
export function lineChart({ title, labels, series, unit, width = 380, height = 220 }) {
  const pad = { left: 52, right: 12, top: 12, bottom: 44 };
  const values = series.flatMap(s => s.values);
  const max = Math.max(1e-9, ...values);
  const n = labels.length;
  const x = i => pad.left + (n < 2 ? 0 : (i * (width - pad.left - pad.right)) / (n - 1));
  const y = v => height - pad.bottom - (v / max) * (height - pad.top - pad.bottom);
  const id = `chart-${Math.random().toString(36).slice(2)}`;
  const summary = series.map(s => `${s.name}: peak ${Math.max(0, ...s.values)} ${unit}`).join('; ');
  const chart = svg('svg', { viewBox: `0 0 ${width} ${height}`, width: '100%', class: 'chart', role: 'img',
    'aria-labelledby': `${id}-t ${id}-d` },
  svg('title', { id: `${id}-t` }, title),
  svg('desc', { id: `${id}-d` }, `${n} points from ${labels[0] || ''} to ${labels[n - 1] || ''}. ${summary}.`),
  svg('line', { class: 'chart-axis', x1: pad.left, y1: height - pad.bottom, x2: width - pad.right, y2: height - pad.bottom }),
  svg('line', { class: 'chart-axis', x1: pad.left, y1: pad.top, x2: pad.left, y2: height - pad.bottom }),
  svg('text', { x: 4, y: pad.top + 10, 'font-size': 13 }, String(Math.round(max * 100) / 100)),
  svg('text', { x: 4, y: height - pad.bottom, 'font-size': 13 }, '0'),
  svg('text', { x: pad.left, y: height - pad.bottom + 16, 'font-size': 13 }, labels[0] || ''),
  svg('text', { x: width - pad.right, y: height - pad.bottom + 16, 'font-size': 13, 'text-anchor': 'end' },
    labels[n - 1] || ''));
  series.forEach((s, i) => {
    if (n) {
      chart.append(svg('polyline', { class: `chart-line chart-line-${i}`,
        points: s.values.map((v, j) => `${x(j).toFixed(1)},${y(v).toFixed(1)}`).join(' ') }));
    }
    const legendX = pad.left + i * 110;
    chart.append(svg('line', { class: `chart-line chart-line-${i}`, x1: legendX, y1: height - 10, x2: legendX + 24, y2: height - 10 }),
      svg('text', { x: legendX + 30, y: height - 6, 'font-size': 13 }, s.name));
  });
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
    const barWidth = ((width - labelWidth - 120) * bar.value) / max;
    const top = 4 + i * rowHeight;
    chart.append(
      svg('text', { x: 0, y: top + 15, 'font-size': 12 }, bar.label.length > 34 ? `${bar.label.slice(0, 33)}…` : bar.label),
      svg('rect', { class: 'chart-bar', x: labelWidth, y: top + 3, width: Math.max(1, barWidth).toFixed(1), height: 14 }),
      svg('text', { x: labelWidth + barWidth + 6, y: top + 15, 'font-size': 12 }, `${bar.value} ${unit}`));
  });
  return chart;
}
