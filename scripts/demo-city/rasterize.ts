/**
 * Burning vector shapes into a north-up raster (see raster-grid.ts): a cell belongs to a shape when its centre does.
 */
import type { Point } from './geometry.ts';
import type { RasterGrid } from './raster-grid.ts';

/** Visit every cell whose centre lies inside the ring (even–odd rule, scanline). */
export function fillPolygon(g: RasterGrid, ring: readonly Point[], visit: (k: number) => void): void {
  let minY = Infinity;
  let maxY = -Infinity;
  for (const p of ring) {
    minY = Math.min(minY, p[1]);
    maxY = Math.max(maxY, p[1]);
  }
  const j0 = Math.max(0, Math.ceil((g.north - maxY) / g.cellSize - 0.5));
  const j1 = Math.min(g.ny - 1, Math.floor((g.north - minY) / g.cellSize - 0.5));
  const xs: number[] = [];
  for (let j = j0; j <= j1; j++) {
    const y = g.north - (j + 0.5) * g.cellSize;
    xs.length = 0;
    for (let a = 0, b = ring.length - 1; a < ring.length; b = a++) {
      const [xa, ya] = ring[a];
      const [xb, yb] = ring[b];
      if (ya > y !== yb > y) xs.push(xa + ((y - ya) * (xb - xa)) / (yb - ya));
    }
    xs.sort((p, q) => p - q);
    for (let s = 0; s + 1 < xs.length; s += 2) {
      const i0 = Math.max(0, Math.ceil((xs[s] - g.west) / g.cellSize - 0.5));
      const i1 = Math.min(g.nx - 1, Math.floor((xs[s + 1] - g.west) / g.cellSize - 0.5));
      for (let i = i0; i <= i1; i++) visit(i + j * g.nx);
    }
  }
}

/**
 * Visit every cell whose centre is within `halfWidth` of the segment a–b, with that distance and the
 * segment parameter t in [0, 1] of the nearest point.
 */
export function fillCorridor(
  g: RasterGrid, a: Point, b: Point, halfWidth: number,
  visit: (k: number, distance: number, t: number) => void,
): void {
  const [ax, ay] = a;
  const [bx, by] = b;
  const i0 = Math.max(0, Math.floor((Math.min(ax, bx) - halfWidth - g.west) / g.cellSize));
  const i1 = Math.min(g.nx - 1, Math.floor((Math.max(ax, bx) + halfWidth - g.west) / g.cellSize));
  const j0 = Math.max(0, Math.floor((g.north - Math.max(ay, by) - halfWidth) / g.cellSize));
  const j1 = Math.min(g.ny - 1, Math.floor((g.north - Math.min(ay, by) + halfWidth) / g.cellSize));
  const dx = bx - ax;
  const dy = by - ay;
  const len2 = dx * dx + dy * dy;
  for (let j = j0; j <= j1; j++) {
    const y = g.north - (j + 0.5) * g.cellSize;
    for (let i = i0; i <= i1; i++) {
      const x = g.west + (i + 0.5) * g.cellSize;
      let t = len2 > 0 ? ((x - ax) * dx + (y - ay) * dy) / len2 : 0;
      t = t < 0 ? 0 : t > 1 ? 1 : t;
      const qx = ax + t * dx - x;
      const qy = ay + t * dy - y;
      const d = Math.sqrt(qx * qx + qy * qy);
      if (d <= halfWidth) visit(i + j * g.nx, d, t);
    }
  }
}

/** Mark the cells a polyline passes through (samples every half cell), e.g. as distance-transform seeds. */
export function markPolyline(g: RasterGrid, line: readonly Point[], mask: Uint8Array): void {
  for (let s = 0; s + 1 < line.length; s++) {
    const [ax, ay] = line[s];
    const [bx, by] = line[s + 1];
    const steps = Math.max(1, Math.ceil(Math.hypot(bx - ax, by - ay) / (g.cellSize / 2)));
    for (let q = 0; q <= steps; q++) {
      const x = ax + ((bx - ax) * q) / steps;
      const y = ay + ((by - ay) * q) / steps;
      const i = Math.floor((x - g.west) / g.cellSize);
      const j = Math.floor((g.north - y) / g.cellSize);
      if (i >= 0 && j >= 0 && i < g.nx && j < g.ny) mask[i + j * g.nx] = 1;
    }
  }
}
