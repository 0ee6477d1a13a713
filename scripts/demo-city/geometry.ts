/**
 * Plane geometry on EPSG:4544 coordinates [easting, northing] in metres (easting first). Small, allocation-light
 * helpers shared by the layout stages: distances, polylines, polygons, rotated rectangles and a segment index.
 */
export type Point = [number, number];
export type Ring = Point[];

/** Distance from (px, py) to the segment a–b. */
export function pointSegmentDistance(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const len2 = dx * dx + dy * dy;
  let t = len2 > 0 ? ((px - ax) * dx + (py - ay) * dy) / len2 : 0;
  t = t < 0 ? 0 : t > 1 ? 1 : t;
  const qx = ax + t * dx - px;
  const qy = ay + t * dy - py;
  return Math.sqrt(qx * qx + qy * qy);
}

/** Distance from a point to a polyline and the chainage (metres from its start) of the nearest point. */
export function pointPolylineDistance(p: Point, line: readonly Point[]): { distance: number; chainage: number } {
  let best = Infinity;
  let chainage = 0;
  let run = 0;
  for (let i = 0; i + 1 < line.length; i++) {
    const [ax, ay] = line[i];
    const [bx, by] = line[i + 1];
    const len = Math.hypot(bx - ax, by - ay);
    const d = pointSegmentDistance(p[0], p[1], ax, ay, bx, by);
    if (d < best) {
      best = d;
      const t = len > 0 ? Math.max(0, Math.min(1, ((p[0] - ax) * (bx - ax) + (p[1] - ay) * (by - ay)) / (len * len))) : 0;
      chainage = run + t * len;
    }
    run += len;
  }
  return { distance: best, chainage };
}

export function polylineLength(line: readonly Point[]): number {
  let s = 0;
  for (let i = 0; i + 1 < line.length; i++) s += Math.hypot(line[i + 1][0] - line[i][0], line[i + 1][1] - line[i][1]);
  return s;
}

/** The point at chainage `s` metres along a polyline (clamped to its ends) and the unit direction there. */
export function pointAlong(line: readonly Point[], s: number): { point: Point; dir: Point } {
  let run = 0;
  for (let i = 0; i + 1 < line.length; i++) {
    const [ax, ay] = line[i];
    const [bx, by] = line[i + 1];
    const len = Math.hypot(bx - ax, by - ay);
    if (run + len >= s || i + 2 === line.length) {
      const t = len > 0 ? Math.max(0, Math.min(1, (s - run) / len)) : 0;
      return { point: [ax + t * (bx - ax), ay + t * (by - ay)], dir: len > 0 ? [(bx - ax) / len, (by - ay) / len] : [1, 0] };
    }
    run += len;
  }
  return { point: line[0], dir: [1, 0] };
}

/** Uniform Catmull–Rom spline through control points, `perSegment` points per span. */
export function smoothPolyline(ctrl: readonly Point[], perSegment: number): Point[] {
  const out: Point[] = [];
  for (let i = 0; i + 1 < ctrl.length; i++) {
    const p0 = ctrl[Math.max(0, i - 1)];
    const p1 = ctrl[i];
    const p2 = ctrl[i + 1];
    const p3 = ctrl[Math.min(ctrl.length - 1, i + 2)];
    for (let k = 0; k < perSegment; k++) {
      const t = k / perSegment;
      const t2 = t * t;
      const t3 = t2 * t;
      const f = (a: number, b: number, c: number, d: number) =>
        0.5 * (2 * b + (-a + c) * t + (2 * a - 5 * b + 4 * c - d) * t2 + (-a + 3 * b - 3 * c + d) * t3);
      out.push([f(p0[0], p1[0], p2[0], p3[0]), f(p0[1], p1[1], p2[1], p3[1])]);
    }
  }
  out.push(ctrl[ctrl.length - 1]);
  return out;
}

/** Offset a polyline sideways by `d` metres (positive = left of the direction of travel). */
export function offsetPolyline(line: readonly Point[], d: number): Point[] {
  return line.map((p, i) => {
    const a = line[Math.max(0, i - 1)];
    const b = line[Math.min(line.length - 1, i + 1)];
    const len = Math.hypot(b[0] - a[0], b[1] - a[1]) || 1;
    return [p[0] - ((b[1] - a[1]) / len) * d, p[1] + ((b[0] - a[0]) / len) * d] as Point;
  });
}

export function pointInPolygon(x: number, y: number, ring: readonly Point[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Signed area (positive = counter-clockwise), open or closed ring. */
export function ringArea(ring: readonly Point[]): number {
  let a = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) a += (ring[j][0] - ring[i][0]) * (ring[j][1] + ring[i][1]);
  return a / 2;
}

/** Counter-clockwise rectangle centred at (cx, cy), `w` along the direction `angle` (radians from east), `h` across. */
export function rotatedRect(cx: number, cy: number, w: number, h: number, angle: number): Ring {
  const c = Math.cos(angle);
  const s = Math.sin(angle);
  const corners: Point[] = [[-w / 2, -h / 2], [w / 2, -h / 2], [w / 2, h / 2], [-w / 2, h / 2]];
  return corners.map(([u, v]) => [cx + u * c - v * s, cy + u * s + v * c] as Point);
}

/** True when two convex polygons overlap with positive area (separating-axis test; touching edges do not count). */
export function convexOverlap(a: readonly Point[], b: readonly Point[], tolerance = 1e-6): boolean {
  for (const poly of [a, b]) {
    for (let i = 0; i < poly.length; i++) {
      const p = poly[i];
      const q = poly[(i + 1) % poly.length];
      const nx = q[1] - p[1];
      const ny = p[0] - q[0];
      let minA = Infinity, maxA = -Infinity, minB = Infinity, maxB = -Infinity;
      for (const v of a) {
        const d = v[0] * nx + v[1] * ny;
        minA = Math.min(minA, d);
        maxA = Math.max(maxA, d);
      }
      for (const v of b) {
        const d = v[0] * nx + v[1] * ny;
        minB = Math.min(minB, d);
        maxB = Math.max(maxB, d);
      }
      const scale = Math.hypot(nx, ny);
      if (maxA - minB <= tolerance * scale || maxB - minA <= tolerance * scale) return false;
    }
  }
  return true;
}

/** Smallest distance between a polygon (as a closed ring) and a segment; 0 when they intersect or the segment is inside. */
export function polygonSegmentDistance(ring: readonly Point[], ax: number, ay: number, bx: number, by: number): number {
  if (pointInPolygon(ax, ay, ring) || pointInPolygon(bx, by, ring)) return 0;
  let best = Infinity;
  for (let i = 0; i < ring.length; i++) {
    const p = ring[i];
    const q = ring[(i + 1) % ring.length];
    if (segmentsIntersect(p[0], p[1], q[0], q[1], ax, ay, bx, by)) return 0;
    best = Math.min(
      best,
      pointSegmentDistance(p[0], p[1], ax, ay, bx, by),
      pointSegmentDistance(ax, ay, p[0], p[1], q[0], q[1]),
      pointSegmentDistance(bx, by, p[0], p[1], q[0], q[1]),
    );
  }
  return best;
}

function segmentsIntersect(ax: number, ay: number, bx: number, by: number, cx: number, cy: number, dx: number, dy: number): boolean {
  const d1 = (dx - cx) * (ay - cy) - (dy - cy) * (ax - cx);
  const d2 = (dx - cx) * (by - cy) - (dy - cy) * (bx - cx);
  const d3 = (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
  const d4 = (bx - ax) * (dy - ay) - (by - ay) * (dx - ax);
  return d1 * d2 < 0 && d3 * d4 < 0;
}

/** Bounding box [minX, minY, maxX, maxY] of points. */
export function bbox(points: readonly Point[]): [number, number, number, number] {
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  for (const [x, y] of points) {
    if (x < x0) x0 = x;
    if (y < y0) y0 = y;
    if (x > x1) x1 = x;
    if (y > y1) y1 = y;
  }
  return [x0, y0, x1, y1];
}

/** A segment with a half-width: a road, railway or river corridor. */
export interface Corridor {
  ax: number;
  ay: number;
  bx: number;
  by: number;
  halfWidth: number;
}

/** Uniform-grid index over corridors, for "is this polygon clear of every corridor?" queries. */
export class CorridorIndex {
  private readonly cells = new Map<number, Corridor[]>();
  constructor(private readonly bucket = 100) {}

  add(c: Corridor): void {
    const r = c.halfWidth;
    const i0 = Math.floor((Math.min(c.ax, c.bx) - r) / this.bucket);
    const i1 = Math.floor((Math.max(c.ax, c.bx) + r) / this.bucket);
    const j0 = Math.floor((Math.min(c.ay, c.by) - r) / this.bucket);
    const j1 = Math.floor((Math.max(c.ay, c.by) + r) / this.bucket);
    for (let i = i0; i <= i1; i++) for (let j = j0; j <= j1; j++) {
      const key = i * 100003 + j;
      const list = this.cells.get(key);
      if (list) list.push(c);
      else this.cells.set(key, [c]);
    }
  }

  addPolyline(line: readonly Point[], halfWidth: number): void {
    for (let i = 0; i + 1 < line.length; i++) this.add({ ax: line[i][0], ay: line[i][1], bx: line[i + 1][0], by: line[i + 1][1], halfWidth });
  }

  /** True when the polygon keeps at least `margin` metres beyond every corridor's half-width. */
  clear(ring: readonly Point[], margin: number): boolean {
    const [x0, y0, x1, y1] = bbox(ring);
    const pad = margin + 1;
    const seen = new Set<Corridor>();
    for (let i = Math.floor((x0 - pad) / this.bucket); i <= Math.floor((x1 + pad) / this.bucket); i++) {
      for (let j = Math.floor((y0 - pad) / this.bucket); j <= Math.floor((y1 + pad) / this.bucket); j++) {
        for (const c of this.cells.get(i * 100003 + j) ?? []) {
          if (seen.has(c)) continue;
          seen.add(c);
          if (polygonSegmentDistance(ring, c.ax, c.ay, c.bx, c.by) < c.halfWidth + margin) return false;
        }
      }
    }
    return true;
  }
}

/** Andrew's monotone chain; counter-clockwise, not closed. */
export function convexHull(points: Point[]): Point[] {
  const p = points.slice().sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  if (p.length < 3) return p;
  const cross = (o: Point, a: Point, b: Point) => (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
  const lower: Point[] = [];
  for (const q of p) {
    while (lower.length >= 2 && cross(lower[lower.length - 2], lower[lower.length - 1], q) <= 0) lower.pop();
    lower.push(q);
  }
  const upper: Point[] = [];
  for (let i = p.length - 1; i >= 0; i--) {
    const q = p[i];
    while (upper.length >= 2 && cross(upper[upper.length - 2], upper[upper.length - 1], q) <= 0) upper.pop();
    upper.push(q);
  }
  return lower.slice(0, -1).concat(upper.slice(0, -1));
}
