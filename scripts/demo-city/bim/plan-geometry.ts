// Planar geometry in the project's local engineering CRS: x, y in metres; polygons counter-clockwise.
export type Point2 = readonly [number, number];

/** Axis-aligned rectangle [x0, x1] × [y0, y1], m. */
export interface Rect {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** Coordinates closer than this (m) are the same; plans are generated on a centimetre grid or coarser. */
export const PLAN_EPSILON = 1e-6;

export function rectCorners({ x0, y0, x1, y1 }: Rect): Point2[] {
  return [
    [x0, y0],
    [x1, y0],
    [x1, y1],
    [x0, y1],
  ];
}

export function rectArea({ x0, y0, x1, y1 }: Rect): number {
  return (x1 - x0) * (y1 - y0);
}

/** Signed area (m², positive counter-clockwise), shoelace formula. */
export function polygonArea(points: readonly Point2[]): number {
  let twice = 0;
  for (let i = 0; i < points.length; i++) {
    const [x0, y0] = points[i];
    const [x1, y1] = points[(i + 1) % points.length];
    twice += x0 * y1 - x1 * y0;
  }
  return twice / 2;
}

export function polygonPerimeter(points: readonly Point2[]): number {
  let sum = 0;
  for (let i = 0; i < points.length; i++) sum += distance(points[i], points[(i + 1) % points.length]);
  return sum;
}

export function distance(a: Point2, b: Point2): number {
  return Math.hypot(b[0] - a[0], b[1] - a[1]);
}

export function boundsOf(points: readonly Point2[]): Rect {
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  return { x0: Math.min(...xs), y0: Math.min(...ys), x1: Math.max(...xs), y1: Math.max(...ys) };
}

/**
 * Polygon moved inwards by `offset` (m) with mitred corners: each vertex moves along the bisector of the inward normals
 * of its two edges by offset / cos(half the turn), i.e. `offset · (n1 + n2) / (1 + n1·n2)`. Counter-clockwise input.
 */
export function insetPolygon(points: readonly Point2[], offset: number): Point2[] {
  const n = points.length;
  return points.map((p, i) => {
    const n1 = inwardNormal(points[(i + n - 1) % n], p);
    const n2 = inwardNormal(p, points[(i + 1) % n]);
    const k = offset / (1 + n1[0] * n2[0] + n1[1] * n2[1]);
    return [p[0] + k * (n1[0] + n2[0]), p[1] + k * (n1[1] + n2[1])] as const;
  });
}

/** Unit normal to the left of a → b: inwards for a counter-clockwise polygon. */
export function inwardNormal(a: Point2, b: Point2): Point2 {
  const length = distance(a, b);
  return [-(b[1] - a[1]) / length, (b[0] - a[0]) / length];
}

/** True when p lies on segment a–b (within PLAN_EPSILON). */
export function isOnSegment(p: Point2, a: Point2, b: Point2): boolean {
  const length = distance(a, b);
  const ux = (b[0] - a[0]) / length;
  const uy = (b[1] - a[1]) / length;
  const along = (p[0] - a[0]) * ux + (p[1] - a[1]) * uy;
  const across = -(p[0] - a[0]) * uy + (p[1] - a[1]) * ux;
  return Math.abs(across) <= PLAN_EPSILON && along >= -PLAN_EPSILON && along <= length + PLAN_EPSILON;
}

export function isOnPolygonBoundary(p: Point2, polygon: readonly Point2[]): boolean {
  return polygon.some((a, i) => isOnSegment(p, a, polygon[(i + 1) % polygon.length]));
}

/** True when segment a–b shares a stretch longer than PLAN_EPSILON with the polygon's boundary. */
export function overlapsPolygonBoundary(a: Point2, b: Point2, polygon: readonly Point2[]): boolean {
  return polygon.some((p, i) => {
    const q = polygon[(i + 1) % polygon.length];
    if (!isOnLine(a, p, q) || !isOnLine(b, p, q)) return false;
    const length = distance(p, q);
    const ux = (q[0] - p[0]) / length;
    const uy = (q[1] - p[1]) / length;
    const ta = (a[0] - p[0]) * ux + (a[1] - p[1]) * uy;
    const tb = (b[0] - p[0]) * ux + (b[1] - p[1]) * uy;
    return Math.min(Math.max(ta, tb), length) - Math.max(Math.min(ta, tb), 0) > PLAN_EPSILON;
  });
}

function isOnLine(p: Point2, a: Point2, b: Point2): boolean {
  const length = distance(a, b);
  return Math.abs((b[0] - a[0]) * (p[1] - a[1]) - (b[1] - a[1]) * (p[0] - a[0])) / length <= PLAN_EPSILON;
}

/** True when `inner` lies inside `outer` (both axis-aligned), within PLAN_EPSILON. */
export function rectContains(outer: Rect, inner: Rect): boolean {
  return (
    inner.x0 >= outer.x0 - PLAN_EPSILON &&
    inner.y0 >= outer.y0 - PLAN_EPSILON &&
    inner.x1 <= outer.x1 + PLAN_EPSILON &&
    inner.y1 <= outer.y1 + PLAN_EPSILON
  );
}
