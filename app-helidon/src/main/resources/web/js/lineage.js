// The lineage graph as SVG: nodes in layers from their parents (datasets, base models, code) to
// the artifact, edges as arrows labelled with their relationship. Names are text nodes only.
import { svg } from './dom.js';

export function lineageGraph(graph, currentId) {
  const nodes = graph.nodes || [];
  const edges = graph.edges || [];
  const depth = new Map(nodes.map(n => [n.artifact_id, 0]));
  // longest-path layering; bounded by the node count so a cycle cannot loop forever
  for (let round = 0; round < nodes.length; round++) {
    let changed = false;
    for (const e of edges) {
      const next = (depth.get(e.from_node_artifact_id) ?? 0) + 1;
      if (depth.has(e.to_node_artifact_id) && next > depth.get(e.to_node_artifact_id) && next < nodes.length) {
        depth.set(e.to_node_artifact_id, next);
        changed = true;
      }
    }
    if (!changed) break;
  }
  const layers = [];
  for (const n of nodes) {
    const d = depth.get(n.artifact_id);
    (layers[d] = layers[d] || []).push(n);
  }
  const boxW = 180;
  const boxH = 44;
  const gapX = 70;
  const gapY = 24;
  const tallest = Math.max(1, ...layers.map(l => (l ? l.length : 0)));
  const width = Math.max(1, layers.length) * (boxW + gapX);
  const height = tallest * (boxH + gapY) + gapY;
  const position = new Map();
  layers.forEach((layer, d) => (layer || []).forEach((n, i) => {
    position.set(n.artifact_id, { x: d * (boxW + gapX) + 10, y: gapY + i * (boxH + gapY) });
  }));
  const chart = svg('svg', { viewBox: `0 0 ${width} ${height}`, width, class: 'lineage', role: 'img',
    'aria-label': `Lineage graph: ${nodes.length} artifacts, ${edges.length} links. The same links are listed below.` },
  svg('defs', {}, svg('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: 10, refY: 5, markerWidth: 8,
    markerHeight: 8, orient: 'auto-start-reverse' }, svg('path', { d: 'M 0 0 L 10 5 L 0 10 z', fill: 'currentColor' }))));
  for (const e of edges) {
    const from = position.get(e.from_node_artifact_id);
    const to = position.get(e.to_node_artifact_id);
    if (!from || !to) continue;
    const x1 = from.x + boxW;
    const y1 = from.y + boxH / 2;
    const x2 = to.x;
    const y2 = to.y + boxH / 2;
    chart.append(svg('path', { class: 'edge', d: `M ${x1} ${y1} C ${x1 + 35} ${y1}, ${x2 - 35} ${y2}, ${x2} ${y2}`,
      'marker-end': 'url(#arrow)' }));
    chart.append(svg('text', { x: (x1 + x2) / 2, y: (y1 + y2) / 2 - 4, 'font-size': 10, 'text-anchor': 'middle' },
      e.relationship || ''));
  }
  for (const n of nodes) {
    const p = position.get(n.artifact_id);
    const name = String(n.name || n.artifact_id);
    chart.append(svg('g', { class: n.artifact_id === currentId ? 'node current' : 'node' },
      svg('rect', { x: p.x, y: p.y, width: boxW, height: boxH, rx: 6 }),
      svg('text', { x: p.x + 8, y: p.y + 18, 'font-size': 12 }, name.length > 26 ? `${name.slice(0, 25)}…` : name),
      svg('text', { x: p.x + 8, y: p.y + 35, 'font-size': 10 }, String(n.source || ''))));
  }
  return chart;
}
