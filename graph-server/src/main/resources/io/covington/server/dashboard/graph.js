// The update graph of one channel drawn with Cytoscape.js, laid out once per channel.
//
// Staying responsive at 270 releases and ~14k updates:
// - positions are computed once per channel and architecture and cached (dagre for small channels,
//   version columns for big ones: see computeLayout); drawing is a preset layout;
// - the canvas holds the releases and only the updates asked for (those of the selected release,
//   a path, or all of them on request): never 14k curves by default;
// - "every update" uses haystack edges (the cheapest Cytoscape draws) and edges are hidden
//   while panning and zooming; no per-frame work is done by this code.

import { el } from './api.js';
import { Router } from './route.js';

export const OS_KEY_ID = 'machine-os.covington.io/id';
export const OS_KEY_VERSION = 'machine-os.covington.io/version';
const layoutCache = new Map();
/**
 * How far from an update's centre line the pointer still hovers it, in screen pixels. Cytoscape's own
 * hit area is the line's width plus 8 pixels; this one is computed here, whatever the zoom.
 */
export const EDGE_HIT_PX = 14;
/** Above this many updates, "every update" is drawn in the cheapest style: haystack lines, no arrows. */
export const BULK_EDGES = 500;

/** The channel graph as the API serves it, indexed for the views. */
export class ChannelModel {
  constructor(json, blocked) {
    this.channel = json.channel || '';
    this.nodes = json.nodes; // oldest first (SemVer precedence)
    this.index = new Map(this.nodes.map((n, i) => [n.version, i]));
    this.out = this.nodes.map(() => []);
    this.in = this.nodes.map(() => []);
    this.edges = [];
    const add = (edge) => {
      this.edges.push(edge);
      this.out[edge.from].push(edge);
      this.in[edge.to].push(edge);
    };
    for (const [from, to] of json.edges) add({ from, to, kind: 'unconditional', risks: [] });
    this.riskNames = new Set();
    for (const group of json.conditionalEdges || []) {
      for (const risk of group.risks) this.riskNames.add(risk.name);
      for (const pair of group.edges) {
        const from = this.index.get(pair.from);
        const to = this.index.get(pair.to);
        if (from !== undefined && to !== undefined) add({ from, to, kind: 'conditional', risks: group.risks });
      }
    }
    this.removals = [];
    for (const removal of (blocked && blocked.removals) || []) {
      const from = this.index.get(removal.from);
      const to = this.index.get(removal.to);
      if (from !== undefined && to !== undefined) this.removals.push({ from, to, kind: 'blocked', removal });
    }
  }

  version(i) {
    return this.nodes[i].version;
  }

  osOf(i) {
    return this.nodes[i].metadata[OS_KEY_ID] || '';
  }
}

const STYLE = [
  { selector: 'node', style: {
    'shape': 'round-rectangle', 'width': 'label', 'height': 18, 'padding': '4px',
    'label': 'data(label)', 'font-size': 11, 'text-valign': 'center', 'text-halign': 'center',
    'background-color': '#dde6f0', 'border-width': 1, 'border-color': '#7b8fa6', 'color': '#1b2733',
    'min-zoomed-font-size': 6 } },
  { selector: 'node.os-fcos', style: { 'background-color': '#cfe3ff', 'border-color': '#2b6cb0' } },
  { selector: 'node.os-scos', style: { 'background-color': '#ffe0c2', 'border-color': '#c05621' } },
  { selector: 'node.os-rhcos', style: { 'background-color': '#f3d9d9', 'border-color': '#9b2c2c' } },
  { selector: 'node.newest', style: { 'border-width': 3, 'border-style': 'double', 'border-color': '#2f855a',
    'font-weight': 'bold' } },
  { selector: 'node.found', style: { 'border-width': 3, 'border-color': '#d69e2e' } },
  { selector: 'node.path', style: { 'background-color': '#e9d8fd', 'border-color': '#6b46c1', 'border-width': 2 } },
  { selector: 'node.latest', style: { 'background-color': '#c6f6d5', 'border-color': '#276749', 'border-width': 3,
    'label': 'data(latestLabel)' } },
  { selector: 'node.selected', style: { 'background-color': '#fbd38d', 'border-color': '#b7791f', 'border-width': 3 } },
  { selector: 'node.dim', style: { 'opacity': 0.35 } },
  { selector: 'edge', style: {
    'width': 1.2, 'line-color': '#8a99aa', 'target-arrow-color': '#8a99aa', 'target-arrow-shape': 'triangle',
    'arrow-scale': 0.7, 'curve-style': 'straight', 'opacity': 0.8 } },
  { selector: 'edge.conditional', style: { 'line-style': 'dashed', 'line-color': '#dd6b20', 'target-arrow-color': '#dd6b20' } },
  { selector: 'edge.blocked', style: { 'line-style': 'dotted', 'line-color': '#c53030', 'target-arrow-color': '#c53030',
    'target-arrow-shape': 'tee', 'width': 1.5 } },
  { selector: 'edge.bulk', style: { 'curve-style': 'haystack', 'haystack-radius': 0, 'width': 0.6, 'opacity': 0.35,
    'target-arrow-shape': 'none' } },
  { selector: 'edge.path', style: { 'width': 4, 'line-color': '#6b46c1', 'target-arrow-color': '#6b46c1', 'opacity': 1,
    'z-index': 10, 'arrow-scale': 1 } },
  // A routed hop bends around the releases it does not join (see route.js): its bends are per-edge bypasses.
  { selector: 'edge.routed', style: { 'curve-style': 'segments', 'edge-distances': 'node-position' } },
  { selector: 'edge.hovered', style: { 'overlay-color': '#d69e2e', 'overlay-opacity': 0.35, 'overlay-padding': 5 } },
  { selector: 'edge.cut', style: { 'width': 3.5, 'line-style': 'dashed', 'line-color': '#c53030', 'target-arrow-color': '#c53030',
    'target-arrow-shape': 'tee', 'opacity': 1, 'z-index': 9 } },
  { selector: 'node.cut-end', style: { 'border-color': '#c53030', 'border-width': 3 } },
  { selector: 'edge.path.conditional', style: { 'line-color': '#b7791f', 'target-arrow-color': '#b7791f' } },
  // Cytoscape 3.34 drew nothing of a small graph with labelled bezier edges here: keep these straight.
  { selector: 'edge.os-change', style: { 'width': 3, 'opacity': 1, 'label': 'data(label)', 'font-size': 10,
    'text-background-color': '#fff', 'text-background-opacity': 0.9, 'text-background-padding': '2px', 'color': '#7b341e',
    'text-wrap': 'wrap', 'text-max-width': '180px' } },
];

/** A Cytoscape.js drawing of a ChannelModel in a container element. */
export class GraphView {
  constructor(container, { onSelectNode, onSelectEdge, onHover, colourByOs = false } = {}) {
    this.container = container;
    this.handlers = { onSelectNode, onSelectEdge, onHover };
    this.colourByOs = colourByOs;
    this.model = null;
    this.cy = null;
    this.mode = { all: false, blocked: false };
    this.focus = null; // the selected release's index
    this.pathEdges = [];
    this.cutEdges = [];
  }

  /** Draws a new channel; positions come from the cache when this channel was drawn before. */
  show(model, cacheKey) {
    this.model = model;
    this.focus = null;
    this.pathEdges = [];
    this.cutEdges = [];
    if (this.cy) this.cy.destroy();
    const positions = layoutCache.get(cacheKey) || computeLayout(model);
    layoutCache.set(cacheKey, positions);
    this.cy = window.cytoscape({
      container: this.container,
      style: STYLE,
      layout: { name: 'preset' },
      elements: [],
      minZoom: 0.05,
      maxZoom: 3,
      wheelSensitivity: 0.3,
      textureOnViewport: true,
      hideEdgesOnViewport: model.edges.length > 2000,
      pixelRatio: 1,
      boxSelectionEnabled: false,
      autoungrabify: true,
    });
    // Nodes come in SemVer order: the last is the newest release of the channel.
    const newest = model.nodes.length - 1;
    const nodes = model.nodes.map((n, i) => ({
      group: 'nodes',
      data: { id: `n${i}`, index: i, label: i === newest ? `${n.version} (newest)` : n.version, latestLabel: `★ ${n.version}` },
      position: positions[i],
      classes: [this.colourByOs && model.osOf(i) ? `os-${model.osOf(i)}` : '', i === newest ? 'newest' : ''].join(' ').trim(),
    }));
    this.cy.add(nodes);
    this.cy.on('tap', 'node', (evt) => this.handlers.onSelectNode && this.handlers.onSelectNode(evt.target.data('index')));
    this.cy.on('tap', 'edge', (evt) => this.handlers.onSelectEdge && this.handlers.onSelectEdge(evt.target.data('edge')));
    this.hovered = null;
    this.cy.on('mousemove', (evt) => this.hoverNear(evt));
    this.cy.on('mouseout', (evt) => evt.target === this.cy && this.hover(null));
    this.redrawEdges();
    this.fit();
    this.container.dataset.nodes = String(model.nodes.length);
    this.container.dataset.newest = model.nodes.length ? model.nodes[newest].version : '';
    this.container.dataset.found = '0';
  }

  /** Fits the whole channel in the container, after reading the container's size again (it may just have been shown). */
  fit() {
    if (!this.cy) return;
    this.cy.resize();
    this.cy.fit(undefined, 20);
  }

  setMode(mode) {
    Object.assign(this.mode, mode);
    this.redrawEdges();
  }

  /** Highlights one release and draws its updates (from and to). */
  select(index) {
    this.focus = index;
    this.redrawEdges();
    if (index === null || !this.cy) return;
    // No animation: a moving viewport would hide the edges of a big channel while it moves.
    this.cy.zoom(Math.max(this.cy.zoom(), 0.9));
    this.cy.center(this.cy.getElementById(`n${index}`));
  }

  markFound(indices) {
    if (!this.cy) return;
    this.cy.batch(() => {
      this.cy.nodes('.found').removeClass('found');
      for (const i of indices) this.cy.getElementById(`n${i}`).addClass('found');
    });
    this.container.dataset.found = String(indices.length);
  }

  markLatest(index) {
    if (!this.cy) return;
    this.cy.nodes('.latest').removeClass('latest');
    if (index !== null && index !== undefined) this.cy.getElementById(`n${index}`).addClass('latest');
  }

  /** Draws a path: a list of {from, to} version pairs with their kind. */
  showPath(hops) {
    this.pathEdges = hops
      .map((h) => ({ from: this.model.index.get(h.from), to: this.model.index.get(h.to), kind: h.kind, risks: h.risks || [] }))
      .filter((e) => e.from !== undefined && e.to !== undefined);
    this.redrawEdges();
    if (this.pathEdges.length) {
      this.cy.fit(this.cy.elements('.path'), 60);
    }
  }

  /**
   * Draws the cut of an unreachable target: the updates ({from, to, reasons} version pairs) that
   * would have joined the two sides, in red, fitted in view; none clears it.
   */
  showCut(edges) {
    this.cutEdges = edges
      .map((c) => ({ from: this.model.index.get(c.from), to: this.model.index.get(c.to), kind: 'cut', reasons: c.reasons || [] }))
      .filter((e) => e.from !== undefined && e.to !== undefined);
    this.redrawEdges();
    if (this.cutEdges.length) this.cy.fit(this.cy.elements('.cut, .cut-end'), 60);
  }

  /** The edges on the canvas: what the mode, selection and path ask for. */
  redrawEdges() {
    const cy = this.cy;
    const model = this.model;
    if (!cy || !model) return;
    this.hover(null);
    const wanted = [];
    const seen = new Set();
    const push = (e, extra) => {
      const key = `${e.from}-${e.to}-${e.kind}`;
      if (seen.has(key)) return;
      seen.add(key);
      wanted.push({ e, classes: `${e.kind} ${extra}`.trim() });
    };
    for (const e of this.pathEdges) push(e, 'path');
    for (const e of this.cutEdges) push(e, '');
    if (this.focus !== null) {
      for (const e of model.out[this.focus]) push(e, '');
      for (const e of model.in[this.focus]) push(e, '');
    }
    if (this.mode.blocked) {
      for (const e of model.removals) {
        if (this.focus === null || this.mode.all || e.from === this.focus || e.to === this.focus) push(e, '');
      }
    }
    if (this.mode.all) {
      for (const e of model.edges) push(e, model.edges.length > BULK_EDGES ? 'bulk' : '');
    }
    cy.batch(() => {
      cy.edges().remove();
      cy.nodes('.selected, .path, .cut-end').removeClass('selected path cut-end');
      cy.add(wanted.map(({ e, classes }, i) => ({
        group: 'edges',
        data: { id: `e${i}`, source: `n${e.from}`, target: `n${e.to}`, edge: e, label: edgeLabel(e, model) },
        classes: classes + (this.colourByOs && isOsChange(e, model) ? ' os-change' : ''),
      })));
      for (const e of this.pathEdges) {
        cy.getElementById(`n${e.from}`).addClass('path');
        cy.getElementById(`n${e.to}`).addClass('path');
      }
      for (const e of this.cutEdges) {
        cy.getElementById(`n${e.from}`).addClass('cut-end');
        cy.getElementById(`n${e.to}`).addClass('cut-end');
      }
      if (this.focus !== null) cy.getElementById(`n${this.focus}`).addClass('selected');
    });
    this.routePath();
    this.polylines = null;
    this.container.dataset.edges = String(cy.edges().length);
    this.container.dataset.cut = String(this.cutEdges.length);
  }

  /** Hovers the update nearest the pointer within EDGE_HIT_PX, unless the pointer is on a release. */
  hoverNear(evt) {
    if (evt.target !== this.cy && evt.target.isNode()) {
      this.hover(null);
      return;
    }
    const reach = EDGE_HIT_PX / this.cy.zoom();
    const { x, y } = evt.position;
    let best = null;
    let bestDistance = reach * reach;
    this.polylines = this.polylines || this.cy.edges().map((edge) => ({ edge, points: polyline(edge) }));
    for (const { edge, points } of this.polylines) {
      for (let k = 1; k < points.length; k++) {
        const d = distanceToSegmentSquared(x, y, points[k - 1], points[k]);
        if (d <= bestDistance) {
          best = edge;
          bestDistance = d;
        }
      }
    }
    this.hover(best);
  }

  hover(edge) {
    if (edge === this.hovered) return;
    if (this.hovered && !this.hovered.removed()) this.hovered.removeClass('hovered');
    this.hovered = edge;
    if (edge) edge.addClass('hovered');
    this.container.dataset.hovered = edge ? edge.id() : '';
    if (this.handlers.onHover) this.handlers.onHover(edge ? edge.data('edge') : null);
  }

  /** Bends every hop of the path around the releases it does not join. */
  routePath() {
    const cy = this.cy;
    const hops = cy.edges('.path');
    if (hops.length === 0) return;
    const boxes = this.model.nodes.map((n, i) => cy.getElementById(`n${i}`).boundingBox({ includeLabels: false }));
    const router = new Router(boxes, hops.length);
    hops.forEach((edge) => {
      const e = edge.data('edge');
      const bends = router.route(e.from, e.to);
      if (!bends || bends.length <= 2) return;
      const { weights, distances } = relativeTo(bends);
      edge.addClass('routed');
      edge.style({ 'segment-weights': weights.join(' '), 'segment-distances': distances.join(' ') });
    });
  }

  destroy() {
    if (this.cy) this.cy.destroy();
    this.cy = null;
  }
}

/**
 * Cytoscape's segment points of a route: each bend as a weight along the line between the two
 * releases' centres and a signed distance from it.
 */
function relativeTo(route) {
  const s = route[0];
  const t = route[route.length - 1];
  const vx = t.x - s.x;
  const vy = t.y - s.y;
  const length2 = vx * vx + vy * vy;
  const length = Math.sqrt(length2);
  const bends = route.slice(1, -1);
  return {
    weights: bends.map((p) => ((p.x - s.x) * vx + (p.y - s.y) * vy) / length2),
    distances: bends.map((p) => (vx * (p.y - s.y) - vy * (p.x - s.x)) / length),
  };
}

/** The drawn line of an update: its end points and, for a routed one, its bends. */
function polyline(edge) {
  const bends = edge.hasClass('routed') ? edge.segmentPoints() || [] : [];
  return [edge.sourceEndpoint(), ...bends, edge.targetEndpoint()];
}

function distanceToSegmentSquared(x, y, a, b) {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const length2 = dx * dx + dy * dy;
  const t = length2 === 0 ? 0 : Math.max(0, Math.min(1, ((x - a.x) * dx + (y - a.y) * dy) / length2));
  const px = a.x + t * dx - x;
  const py = a.y + t * dy - y;
  return px * px + py * py;
}

export function isOsChange(e, model) {
  const a = model.osOf(e.from);
  const b = model.osOf(e.to);
  return a && b && a !== b;
}

function edgeLabel(e, model) {
  if (!isOsChange(e, model)) return '';
  if (e.kind === 'conditional') return `risk: ${e.risks.map((r) => r.name).join(', ')}`;
  if (e.kind === 'blocked') return 'not offered';
  return 'unconditional';
}

/** Up to this many releases, dagre lays out the real updates; above, the releases go in version columns. */
export const DAGRE_MAX_NODES = 60;

function labelWidth(version) {
  return 8 + 6.5 * version.length;
}

/**
 * Positions, oldest first. A small channel is laid out by dagre (a layered, Sugiyama-style layout)
 * over its real updates, oldest at the top. A big one is a true layered DAG only as a
 * line hundreds of releases long, so its releases are folded into columns instead: one group of
 * columns per minor version, each column a run of consecutive releases, sized to fill a laptop screen.
 */
function computeLayout(model) {
  return model.nodes.length <= DAGRE_MAX_NODES ? dagreLayout(model) : columnLayout(model);
}

function dagreLayout(model) {
  const cy = window.cytoscape({ headless: true, styleEnabled: true, elements: [] });
  cy.add(model.nodes.map((n, i) => ({ group: 'nodes', data: { id: `n${i}` } })));
  cy.nodes().forEach((node, i) => {
    node.style({ width: labelWidth(model.nodes[i].version), height: 18 });
  });
  const forward = [...model.edges, ...model.removals].filter((e) => e.to > e.from);
  const seen = new Set();
  cy.add(forward.filter((e) => !seen.has(`${e.from}-${e.to}`) && seen.add(`${e.from}-${e.to}`))
    .map((e, i) => ({ group: 'edges', data: { id: `b${i}`, source: `n${e.from}`, target: `n${e.to}` } })));
  cy.layout({ name: 'dagre', rankDir: 'TB', nodeSep: 40, rankSep: 70, animate: false, fit: false }).run();
  const positions = cy.nodes().map((n) => ({ ...n.position() }));
  cy.destroy();
  return positions;
}

function columnLayout(model) {
  const rowHeight = 26;
  // Columns about 0.3 times as many as rows: a screen-shaped block of versions.
  const rows = Math.max(8, Math.ceil(Math.sqrt(model.nodes.length / 0.3)));
  const positions = [];
  let x = 0;
  let row = 0;
  let column = [];
  let minor = null;
  const flush = () => {
    const width = Math.max(...column.map((i) => labelWidth(model.nodes[i].version)));
    for (const i of column) positions[i].x = x + width / 2;
    x += width + 24;
    column = [];
  };
  model.nodes.forEach((n, i) => {
    const m = n.version.split('.').slice(0, 2).join('.');
    if (minor !== null && (m !== minor || row === rows)) {
      flush();
      if (m !== minor) x += 40;
      row = 0;
    }
    minor = m;
    positions[i] = { x: 0, y: row * rowHeight };
    column.push(i);
    row += 1;
  });
  flush();
  return positions;
}

/** A small legend of what the colours and dashes mean. */
export function legend(items) {
  return el('ul', { class: 'legend' }, items.map(([cls, text]) => el('li', {}, el('span', { class: `swatch ${cls}` }), text)));
}
