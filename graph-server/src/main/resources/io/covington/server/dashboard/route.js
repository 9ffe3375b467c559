// Routes a drawn path's hops around the releases they do not join, so that a reader sees which two
// releases each hop joins.
//
// A hop is an orthogonal polyline found by A* over a sparse grid: the grid's lines run through the
// middle of every gap between release boxes (and along lanes outside the whole drawing), so a route
// keeps clear of every box but its two ends. Bends cost extra, and a stretch already taken by an
// earlier hop costs more, so hops keep to their own lanes where the drawing leaves room.
// Cost: O(G log G) per hop for a grid of G points (a few tens of thousands at 270 releases).

/** Clearance kept between a route and any box that is not one of its ends, in model units. */
export const CLEARANCE = 3;
const BEND = 40;
const SHARED = 3;
const LANE = 10;

/** The boxes {x1, y1, x2, y2} of every release; ends are the indices of the hop's two releases. */
export class Router {
  constructor(boxes, lanes) {
    this.boxes = boxes;
    const xs = boxes.flatMap((b) => [b.x1, b.x2]);
    const ys = boxes.flatMap((b) => [b.y1, b.y2]);
    this.bounds = { x1: Math.min(...xs), y1: Math.min(...ys), x2: Math.max(...xs), y2: Math.max(...ys) };
    const outside = (lo, hi) => Array.from({ length: lanes + 1 }, (_, k) => [lo - LANE * (k + 1), hi + LANE * (k + 1)]).flat();
    this.xLines = gapLines(xs, outside(this.bounds.x1, this.bounds.x2));
    this.yLines = gapLines(ys, outside(this.bounds.y1, this.bounds.y2));
    this.used = new Set();
  }

  /** The waypoints from the centre of box {@code from} to the centre of box {@code to}, bends only; null when boxed in. */
  route(from, to) {
    const s = centre(this.boxes[from]);
    const t = centre(this.boxes[to]);
    const xs = [...new Set([...this.xLines, s.x, t.x])].sort((a, b) => a - b);
    const ys = [...new Set([...this.yLines, s.y, t.y])].sort((a, b) => a - b);
    const others = this.boxes.filter((_, i) => i !== from && i !== to);
    const ends = [[this.boxes[from], s], [this.boxes[to], t]];
    const nx = xs.length;
    // Inside its own two releases a route runs straight out of (or into) the centre, never bending,
    // so that Cytoscape finds where it crosses their borders.
    const free = new Uint8Array(nx * ys.length);
    const inEnd = new Uint8Array(nx * ys.length);
    for (let j = 0; j < ys.length; j++) {
      for (let i = 0; i < nx; i++) {
        const x = xs[i];
        const y = ys[j];
        const end = ends.find(([b]) => x >= b.x1 && x <= b.x2 && y >= b.y1 && y <= b.y2);
        inEnd[j * nx + i] = end ? 1 : 0;
        free[j * nx + i] = clear(others, x, y) && (!end || x === end[1].x || y === end[1].y) ? 1 : 0;
      }
    }
    const start = ys.indexOf(s.y) * nx + xs.indexOf(s.x);
    const goal = ys.indexOf(t.y) * nx + xs.indexOf(t.x);
    const path = search(xs, ys, { free, inEnd }, start, goal, others, this.used);
    if (!path) return null;
    for (let k = 1; k < path.length; k++) this.used.add(stretch(path[k - 1], path[k]));
    return bendsOf(path.map((p) => ({ x: xs[p % nx], y: ys[Math.floor(p / nx)] })));
  }
}

function centre(b) {
  return { x: (b.x1 + b.x2) / 2, y: (b.y1 + b.y2) / 2 };
}

/** The middle of every gap between consecutive box edges, plus the lanes outside. */
function gapLines(edges, outside) {
  const sorted = [...new Set(edges)].sort((a, b) => a - b);
  const lines = [];
  for (let i = 1; i < sorted.length; i++) lines.push((sorted[i - 1] + sorted[i]) / 2);
  return [...lines, ...outside];
}

function clear(boxes, x, y) {
  for (const b of boxes) {
    if (x > b.x1 - CLEARANCE && x < b.x2 + CLEARANCE && y > b.y1 - CLEARANCE && y < b.y2 + CLEARANCE) return false;
  }
  return true;
}

/** Whether the straight stretch between two free grid points keeps clear of every box: checked at its middle. */
function clearBetween(boxes, ax, ay, bx, by) {
  return clear(boxes, (ax + bx) / 2, (ay + by) / 2);
}

const stretch = (a, b) => (a < b ? `${a}:${b}` : `${b}:${a}`);

function search(xs, ys, { free, inEnd }, start, goal, others, used) {
  const nx = xs.length;
  const ny = ys.length;
  const gx = xs[goal % nx];
  const gy = ys[Math.floor(goal / nx)];
  // State: grid point × direction of arrival (0 none, 1 horizontal, 2 vertical).
  const cost = new Float64Array(nx * ny * 3).fill(Infinity);
  const back = new Int32Array(nx * ny * 3).fill(-1);
  const heap = new MinHeap();
  cost[start * 3] = 0;
  heap.push(0, start * 3);
  while (heap.size) {
    const [, state] = heap.pop();
    const p = Math.floor(state / 3);
    const dir = state % 3;
    if (p === goal) return unwind(back, state);
    const i = p % nx;
    const j = Math.floor(p / nx);
    for (const [di, dj, d] of [[1, 0, 1], [-1, 0, 1], [0, 1, 2], [0, -1, 2]]) {
      const a = i + di;
      const b = j + dj;
      if (a < 0 || b < 0 || a >= nx || b >= ny) continue;
      const q = b * nx + a;
      if (!free[q] && q !== goal) continue;
      if (dir && dir !== d && inEnd[p]) continue;
      if (!clearBetween(others, xs[i], ys[j], xs[a], ys[b])) continue;
      const length = Math.abs(xs[a] - xs[i]) + Math.abs(ys[b] - ys[j]);
      const step = length * (used.has(stretch(p, q)) ? SHARED : 1) + (dir && dir !== d ? BEND : 0);
      const next = q * 3 + d;
      const c = cost[state] + step;
      if (c < cost[next]) {
        cost[next] = c;
        back[next] = state;
        heap.push(c + Math.abs(xs[a] - gx) + Math.abs(ys[b] - gy), next);
      }
    }
  }
  return null;
}

function unwind(back, state) {
  const points = [];
  for (let s = state; s !== -1; s = back[s]) points.push(Math.floor(s / 3));
  return points.reverse();
}

function bendsOf(points) {
  return points.filter((p, k) => {
    if (k === 0 || k === points.length - 1) return true;
    const a = points[k - 1];
    const b = points[k + 1];
    return !((a.x === p.x && p.x === b.x) || (a.y === p.y && p.y === b.y));
  });
}

class MinHeap {
  constructor() {
    this.items = [];
  }

  get size() {
    return this.items.length;
  }

  push(key, value) {
    const items = this.items;
    items.push([key, value]);
    let k = items.length - 1;
    while (k > 0) {
      const parent = (k - 1) >> 1;
      if (items[parent][0] <= items[k][0]) break;
      [items[parent], items[k]] = [items[k], items[parent]];
      k = parent;
    }
  }

  pop() {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (items.length) {
      items[0] = last;
      let k = 0;
      for (;;) {
        const l = 2 * k + 1;
        const r = l + 1;
        let m = k;
        if (l < items.length && items[l][0] < items[m][0]) m = l;
        if (r < items.length && items[r][0] < items[m][0]) m = r;
        if (m === k) break;
        [items[m], items[k]] = [items[k], items[m]];
        k = m;
      }
    }
    return top;
  }
}
